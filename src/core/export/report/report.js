// @ts-check
// The HTML report's behaviour, inlined into every report (scripts/build.mjs copies it into
// report/generated/assets.ts; the page's CSP allows exactly this text). In a
// VS Code webview (acquireVsCodeApi exists) a click on a highlight or on a link to one posts
// {type:'reveal', start, end} (UTF-16 offsets into the article) to the extension; in a plain
// file it scrolls to the highlight and flashes it. Tooltips are built from the JSON block with
// textContent only: no data ever reaches the page as markup. Type-checked by
// report/tsconfig.json (DOM lib), part of `npm run typecheck`.
(function () {
  'use strict';
  /**
   * What html.ts writes into the JSON block (ReportData there).
   * @typedef {{ name: string, kind: string, role?: string, slot: number, missing?: true }} Speaker
   * @typedef {{ summary: string, status?: string, by: string, to: string, missing?: true }} Demand
   * @typedef {{ type: string, start: number, end: number, line: number, speaker?: number, demand?: number, stance?: string, note?: string, origin?: string }} Span
   * @typedef {{ speakers: Speaker[], demands: Demand[], annotations: Span[] }} ReportData
   * What a VS Code webview gives the page.
   * @typedef {{ postMessage(message: unknown): void, getState(): unknown, setState(state: unknown): void }} VsCodeApi
   */
  /** @type {ReportData} */
  var data = JSON.parse(/** @type {string} */ (/** @type {HTMLElement} */ (document.getElementById('al-data')).textContent));
  /** @type {VsCodeApi | null} */
  // @ts-expect-error: a global only a webview defines (as a const, not on window), hence typeof.
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  var tip = /** @type {HTMLElement} */ (document.getElementById('al-tip'));
  /** @type {Record<string, string>} */
  var TYPES = { mention: 'Mention', quote: 'Quote', demand: 'Demand', response: 'Response' };
  /** @type {Element | null} */
  var current = null;

  /**
   * @param {string} tag
   * @param {string} [cls]
   * @param {unknown} [text]
   */
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  /** @param {unknown} slot */
  function slotClass(slot) {
    var n = Number(slot);
    // 1..10 the themed slots, 11 on the article's own colours (its second style block).
    return n >= 0 && n < 1e6 && Math.floor(n) === n ? 's' + n : 's0';
  }
  /** @param {Element} node */
  function indices(node) {
    return (node.getAttribute('data-a') || '').split(' ').filter(function (s) { return /^\d+$/.test(s); }).map(Number)
      .filter(function (i) { return i < data.annotations.length; });
  }
  /** @param {number} i */
  function segments(i) {
    return document.querySelectorAll('mark.hl[data-a~="' + Number(i) + '"]');
  }
  /** @param {string} s */
  function words(s) { return s.replace(/-/g, ' '); }
  /**
   * @param {Element} dl
   * @param {string} label
   * @param {string | undefined} value
   */
  function row(dl, label, value) {
    if (value === undefined || value === null || value === '') return;
    var r = el('div', 'tip-row');
    r.appendChild(el('dt', '', label));
    r.appendChild(el('dd', '', value));
    dl.appendChild(r);
  }
  /** @param {number} i */
  function describe(i) {
    var a = data.annotations[i];
    var item = el('div', 'tip-item');
    var head = el('div', 'tip-head');
    var sp = a.speaker === undefined ? null : data.speakers[a.speaker];
    var badge = el('span', 't-badge ' + (TYPES[a.type] ? a.type : ''), TYPES[a.type] || a.type);
    if (sp) badge.classList.add(slotClass(sp.slot));
    head.appendChild(badge);
    if (a.origin === 'suggested') head.appendChild(el('span', 'badge', 'suggested'));
    head.appendChild(el('span', 'line', 'line ' + a.line));
    item.appendChild(head);
    var dl = el('dl');
    if (sp) {
      var who = [sp.name];
      if (sp.kind) who.push(sp.kind);
      if (sp.role) who.push(sp.role);
      row(dl, 'Speaker', who.join(' \u00b7 ') + (sp.missing ? ' (not in the sidecar)' : ''));
    }
    var d = a.demand === undefined ? null : data.demands[a.demand];
    if (d) row(dl, 'Demand', d.summary + (d.status ? ' \u00b7 ' + words(d.status) : '') + (d.missing ? ' (not in the sidecar)' : ''));
    if (d && a.type === 'demand') {
      row(dl, 'By', d.by);
      row(dl, 'To', d.to);
    }
    row(dl, 'Stance', a.stance ? words(a.stance) : '');
    row(dl, 'Note', a.note);
    item.appendChild(dl);
    return item;
  }
  /**
   * @param {Element} mark
   * @param {number} [x]
   * @param {number} [y]
   */
  function show(mark, x, y) {
    var list = indices(mark);
    if (!list.length) return;
    while (tip.firstChild) tip.removeChild(tip.firstChild);
    for (var k = 0; k < list.length; k++) tip.appendChild(describe(list[k]));
    if (current && current !== mark) current.classList.remove('on');
    current = mark;
    mark.classList.add('on');
    mark.setAttribute('aria-describedby', 'al-tip');
    tip.hidden = false;
    var rects = mark.getClientRects();
    var r = rects[0] || mark.getBoundingClientRect();
    if (y !== undefined) {
      for (var j = 0; j < rects.length; j++) if (y >= rects[j].top && y <= rects[j].bottom) { r = rects[j]; break; }
    }
    var w = tip.offsetWidth, h = tip.offsetHeight, vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var left = Math.max(8, Math.min((x !== undefined ? x - 24 : r.left), vw - w - 8));
    var top = r.bottom + 8;
    if (top + h > vh - 8) top = Math.max(8, r.top - h - 8);
    tip.style.left = left + 'px';
    tip.style.top = top + 'px';
  }
  function hide() {
    tip.hidden = true;
    if (current) {
      current.classList.remove('on');
      current.removeAttribute('aria-describedby');
    }
    current = null;
  }
  /** @param {number} i */
  function flash(i) {
    var segs = segments(i);
    for (var k = 0; k < segs.length; k++) {
      segs[k].classList.remove('flash');
      void (/** @type {HTMLElement} */ (segs[k]).offsetWidth);
      segs[k].classList.add('flash');
    }
    return segs;
  }
  /**
   * @param {number} i
   * @param {boolean} scroll
   */
  function reveal(i, scroll) {
    var a = data.annotations[i];
    if (!a) return;
    var segs = flash(i);
    if (scroll && segs.length) {
      var still = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      segs[0].scrollIntoView({ block: 'center', behavior: still ? 'auto' : 'smooth' });
    }
    if (vscode) vscode.postMessage({ type: 'reveal', start: a.start, end: a.end });
  }
  /** @param {Element} mark */
  function innermost(mark) {
    var list = indices(mark);
    return list.length ? list[list.length - 1] : -1;
  }
  /** @param {EventTarget | null} target */
  function markOf(target) {
    return target instanceof Element ? target.closest('mark.hl[data-a]') : null;
  }

  document.addEventListener('mouseover', function (e) {
    var m = markOf(e.target);
    if (m) show(m, e.clientX, e.clientY);
    else if (current && document.activeElement !== current) hide();
  });
  document.addEventListener('focusin', function (e) {
    var m = markOf(e.target);
    if (m) show(m);
    else hide();
  });
  document.addEventListener('focusout', function (e) {
    if (markOf(e.target) === current) hide();
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') hide();
    var m = markOf(e.target);
    if (m && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      reveal(innermost(m), false);
    }
  });
  document.addEventListener('click', function (e) {
    var link = e.target instanceof Element ? e.target.closest('a[data-a]') : null;
    if (link) {
      var i = indices(link)[0];
      if (i === undefined) return;
      e.preventDefault();
      reveal(i, true);
      return;
    }
    var m = markOf(e.target);
    if (m) reveal(innermost(m), false);
  });
  window.addEventListener('scroll', function () { if (current && document.activeElement !== current) hide(); }, { passive: true });
  window.addEventListener('blur', hide);
  if (vscode) {
    var api = vscode;
    // The extension redraws the page as annotations change: keep the reader where they were.
    var saved = /** @type {{ scrollY?: unknown } | undefined} */ (api.getState());
    if (saved && typeof saved.scrollY === 'number') window.scrollTo(0, saved.scrollY);
    /** @type {ReturnType<typeof setTimeout> | 0} */
    var pending = 0;
    window.addEventListener('scroll', function () {
      if (pending) return;
      pending = setTimeout(function () { pending = 0; api.setState({ scrollY: window.scrollY }); }, 200);
    }, { passive: true });
  }
})();
