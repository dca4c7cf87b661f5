// The HTML report's stylesheet and script, inlined into every report (html.ts). Both are fixed
// text, the same for every article: the report's Content-Security-Policy allows exactly these
// two by their sha256 (or by a nonce in a webview), and every piece of data reaches the script
// through the JSON block, never through the code. Nothing here loads anything from anywhere.
import { PALETTE_SIZE } from '../palette';

/**
 * Speaker colours, the defaults of the theme colours attributionLens.speaker1..10(Border) in
 * package.json (a test keeps them in step): [light border, dark border]. Quote backgrounds are the
 * same colour, translucent. In a VS Code webview the theme's own values win (--vscode-… vars).
 */
export const REPORT_SPEAKER_COLORS: readonly (readonly [string, string])[] = [
  ['#1f6fd6', '#4e9bff'],
  ['#d66a12', '#ff9e4e'],
  ['#2e9e3a', '#5fd068'],
  ['#d6294f', '#ff6b8b'],
  ['#7a4fd6', '#b58cff'],
  ['#a89400', '#e6d34f'],
  ['#129e9e', '#4fd6d6'],
  ['#c2259c', '#ff7ad9'],
  ['#6b8a1a', '#a8c256'],
  ['#8a5a2b', '#c49a6c'],
];

/** Page colours and the fixed highlight colours, [light, dark]; `--al-<name>` in the stylesheet. */
const THEME: Record<string, readonly [string, string]> = {
  page: ['#f3f4f6', '#16181d'],
  card: ['#ffffff', '#1e2127'],
  fg: ['#1d2329', '#e4e7eb'],
  muted: ['#5d6874', '#9ba5b0'],
  border: ['#dde2e8', '#333942'],
  soft: ['#f0f2f5', '#262a31'],
  accent: ['#1f6fd6', '#4e9bff'],
  tip: ['#ffffff', '#252930'],
  shadow: ['#1d232926', '#00000080'],
  s0: ['#6e7781', '#8b949e'],
  demand: ['#c41a1a', '#ff5f5f'],
  'demand-bg': ['#c41a1a10', '#ff5f5f18'],
  response: ['#0a7d62', '#2fd0a8'],
  orphan: ['#b38f00', '#ffcc00'],
  anon: ['#3d4651', '#c9d1d9'],
  rest: ['#d5dae0', '#3a414b'],
  amber: ['#9a6700', '#d4a72c'],
  green: ['#1a7f37', '#57c26a'],
};

function themeVars(dark: 0 | 1): string {
  const vars = Object.entries(THEME).map(([name, v]) => `--al-${name}:${v[dark]};`);
  REPORT_SPEAKER_COLORS.forEach((c, i) => vars.push(`--al-s${i + 1}:${c[dark]};`, `--al-s${i + 1}b:${c[dark]}${dark ? '40' : '30'};`));
  vars.push(`--al-s0b:${THEME.s0[dark]}${dark ? '40' : '30'};`);
  return vars.join('');
}

function speakerRules(): string {
  const rules: string[] = ['.hl.qs0{background-color:var(--al-s0b)}', '.ms0{--mc:var(--al-s0)}', '.sw.s0,.chip.s0,.t-badge.s0{--sc:var(--al-s0)}', '.fs0{fill:var(--al-s0)}'];
  for (let i = 1; i <= PALETTE_SIZE; i++) {
    const border = `var(--vscode-attributionLens-speaker${i}Border,var(--al-s${i}))`;
    rules.push(
      `.hl.qs${i}{background-color:var(--vscode-attributionLens-speaker${i},var(--al-s${i}b))}`,
      `.ms${i}{--mc:${border}}`,
      `.sw.s${i},.chip.s${i},.t-badge.s${i}{--sc:${border}}`,
      `.fs${i}{fill:${border}}`,
    );
  }
  return rules.join('\n');
}

export const REPORT_CSS = `
:root{color-scheme:light dark;${themeVars(0)}}
@media (prefers-color-scheme:dark){:root{${themeVars(1)}}}
body.vscode-dark,body.vscode-high-contrast{color-scheme:dark;${themeVars(1)}}
body.vscode-light,body.vscode-high-contrast-light{color-scheme:light;${themeVars(0)}}
body{
--bg:var(--vscode-editor-background,var(--al-page));
--card:var(--vscode-editorWidget-background,var(--al-card));
--fg:var(--vscode-editor-foreground,var(--al-fg));
--muted:var(--vscode-descriptionForeground,var(--al-muted));
--border:var(--vscode-widget-border,var(--vscode-panel-border,var(--al-border)));
--soft:var(--vscode-textBlockQuote-background,var(--al-soft));
--accent:var(--vscode-textLink-foreground,var(--al-accent));
--focus:var(--vscode-focusBorder,var(--al-accent));
--tip-bg:var(--vscode-editorHoverWidget-background,var(--al-tip));
--tip-fg:var(--vscode-editorHoverWidget-foreground,var(--al-fg));
--tip-border:var(--vscode-editorHoverWidget-border,var(--al-border));
--demand:var(--vscode-attributionLens-demandBorder,var(--al-demand));
--demand-bg:var(--vscode-attributionLens-demandBackground,var(--al-demand-bg));
--response:var(--vscode-attributionLens-responseUnderline,var(--al-response));
--orphan:var(--vscode-attributionLens-orphanBorder,var(--al-orphan));
--ui:var(--vscode-font-family,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);
--reading:Charter,"Bitstream Charter","Iowan Old Style","Palatino Linotype",Georgia,"DejaVu Serif",serif;
--mono:var(--vscode-editor-font-family,ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace);
margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 var(--ui);-webkit-text-size-adjust:100%;
}
*,*::before,*::after{box-sizing:border-box}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
:focus-visible{outline:2px solid var(--focus);outline-offset:2px}
.wrap{max-width:1120px;margin:0 auto;padding:0 24px}
header.top{padding:36px 0 20px}
.eyebrow{margin:0 0 4px;font-size:12px;font-weight:600;letter-spacing:.08em;text-transform:uppercase;color:var(--muted)}
h1{margin:0;font-size:26px;line-height:1.25;font-weight:650;overflow-wrap:anywhere}
h2{margin:0;font-size:17px;font-weight:650}
.lede{margin:6px 0 0;color:var(--muted)}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(118px,1fr));gap:10px;margin:22px 0 0;padding:0}
.stat{display:flex;flex-direction:column;background:var(--card);border:1px solid var(--border);border-radius:10px;padding:10px 14px}
.stat dt{font-size:12px;color:var(--muted);display:flex;align-items:center;gap:6px}
.stat dd{margin:auto 0 0;padding-top:2px;font-size:24px;font-weight:650;font-variant-numeric:tabular-nums}
.stat.warn{border-color:var(--orphan)}
.stat.warn dd{color:var(--orphan)}
nav.toc{position:sticky;top:0;z-index:5;background:var(--bg);border-bottom:1px solid var(--border)}
nav.toc ul{display:flex;flex-wrap:wrap;gap:4px 20px;list-style:none;margin:0 auto;padding:10px 24px;max-width:1120px}
nav.toc a{color:var(--muted);font-weight:550}
nav.toc a:hover{color:var(--accent);text-decoration:none}
main{padding:20px 0 8px}
.card{background:var(--card);border:1px solid var(--border);border-radius:12px;margin:0 0 22px;padding:20px 24px;scroll-margin-top:56px}
.card-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:8px 16px;margin-bottom:14px}
.card-head p{margin:0;color:var(--muted);font-size:13px}
.empty{color:var(--muted);font-style:italic;margin:4px 0}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;list-style:none;margin:0;padding:0;font-size:13px;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:6px}
.text{font:17px/1.8 var(--reading);white-space:pre-wrap;overflow-wrap:anywhere;max-width:46em;margin:0;tab-size:4}
mark.hl,span.hl{background:none;color:inherit;border-radius:2px;-webkit-box-decoration-break:clone;box-decoration-break:clone}
mark.hl{cursor:pointer;scroll-margin:120px}
.hl.q{padding:2px 0}
.hl.m{--ml:0 0 transparent;--mr:0 0 transparent;box-shadow:inset 0 1.5px var(--mc),inset 0 -1.5px var(--mc),var(--ml),var(--mr)}
.hl.m0{--ml:inset 1.5px 0 var(--mc)}
.hl.m1{--mr:inset -1.5px 0 var(--mc)}
.hl.d{border-top:1.5px dashed var(--demand);border-bottom:1.5px dashed var(--demand);background-image:linear-gradient(var(--demand-bg),var(--demand-bg))}
.hl.d0{border-left:1.5px dashed var(--demand);border-top-left-radius:3px;border-bottom-left-radius:3px}
.hl.d1{border-right:1.5px dashed var(--demand);border-top-right-radius:3px;border-bottom-right-radius:3px}
.hl.r{text-decoration:underline double var(--response);text-decoration-thickness:1.5px;text-underline-offset:4px}
mark.hl:hover,mark.hl.on{outline:1px solid var(--focus);outline-offset:1px}
mark.hl.flash{animation:al-flash 1.6s ease-out}
@keyframes al-flash{0%,35%{outline:3px solid var(--focus);outline-offset:2px}100%{outline:3px solid transparent;outline-offset:2px}}
@media (prefers-reduced-motion:reduce){mark.hl.flash{animation:none;outline:3px solid var(--focus)}}
.sw{display:inline-block;flex:none;width:10px;height:10px;border-radius:50%;background:var(--sc);vertical-align:baseline}
table{width:100%;border-collapse:collapse;font-size:13.5px}
th{text-align:left;font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;padding:0 10px 8px;border-bottom:1px solid var(--border);white-space:nowrap}
td{padding:10px;border-bottom:1px solid var(--border);vertical-align:top}
tr:last-child td{border-bottom:none}
th.w-demand{width:19%}th.w-by{width:12%}th.w-to{width:11%}th.w-stated{width:112px}
th.n,td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.table-scroll{overflow-x:auto}
.who{display:flex;align-items:baseline;gap:8px;font-weight:600}
.who .sw{transform:translateY(-1px)}
.sub{display:block;color:var(--muted);font-size:12.5px;font-weight:400;margin-top:1px}
.badge{display:inline-block;padding:1px 8px;border-radius:999px;font-size:11.5px;font-weight:600;line-height:1.6;white-space:nowrap;background:var(--soft);color:var(--muted);border:1px solid var(--border)}
.badge.st-agreed,.badge.sn-agrees{color:var(--al-green);border-color:currentColor;background:none}
.badge.st-partly-agreed,.badge.sn-partly-agrees,.badge.st-deferred,.badge.sn-defers{color:var(--al-amber);border-color:currentColor;background:none}
.badge.st-not-agreed,.badge.sn-rejects,.badge.sn-disputes{color:var(--demand);border-color:currentColor;background:none}
.badge.st-open{color:var(--accent);border-color:currentColor;background:none}
.badge.k-anonymous{color:var(--al-anon);border-color:currentColor;background:none}
.chips{display:flex;flex-wrap:wrap;gap:4px}
.chip{display:inline-block;min-width:28px;padding:0 6px;border-radius:5px;font-size:12px;line-height:20px;text-align:center;font-variant-numeric:tabular-nums;color:var(--fg);border:1px solid var(--sc,var(--border))}
.chip.q{background:color-mix(in srgb,var(--sc) 22%,transparent)}
.chip.d{border-style:dashed;border-color:var(--demand)}
.chip.r{border-color:var(--response)}
.chip:hover{text-decoration:none;border-color:var(--focus)}
.qtext{margin:0;font-family:var(--reading);font-size:14.5px}
.qtext::before{content:"\\201C"}
.qtext::after{content:"\\201D"}
.responses{list-style:none;margin:0;padding:0;display:grid;gap:10px}
.responses li{display:grid;gap:3px}
.responses .meta{display:flex;flex-wrap:wrap;align-items:center;gap:6px;font-weight:600}
.stated{display:grid;gap:6px}
.muted{color:var(--muted)}
figure{margin:0}
.chart{display:grid;gap:26px}
.chart .legend{margin-top:10px}
.chart h3{margin:0 0 8px;font-size:13px;font-weight:600;color:var(--muted)}
svg.al{display:block;width:100%;height:auto;overflow:visible;font-family:var(--ui)}
svg.al text{fill:var(--fg);font-size:12px}
svg.al text.axis{fill:var(--muted);font-size:11px;font-weight:600;letter-spacing:.04em}
svg.al text.val{fill:var(--muted);font-variant-numeric:tabular-nums}
svg.al text.none{fill:var(--muted);font-style:italic}
svg.al .track{fill:var(--soft)}
svg.al .words{opacity:.55}
svg.al .anon{fill:var(--al-anon)}
.sw.anon-sw{--sc:var(--al-anon)}
.sw.rest-sw{--sc:var(--al-rest)}
svg.al .rest{fill:var(--al-rest)}
.review td:first-child{font-family:var(--mono);font-size:12.5px}
.review .reason{color:var(--orphan);font-weight:600}
footer{color:var(--muted);font-size:12px;padding:4px 0 36px}
#al-tip{position:fixed;z-index:20;left:0;top:0;max-width:min(400px,calc(100vw - 16px));background:var(--tip-bg);color:var(--tip-fg);border:1px solid var(--tip-border);border-radius:8px;box-shadow:0 8px 24px var(--al-shadow);padding:10px 12px;font:13px/1.45 var(--ui);pointer-events:none}
#al-tip[hidden]{display:none}
.tip-item+.tip-item{margin-top:9px;padding-top:9px;border-top:1px solid var(--border)}
.tip-head{display:flex;align-items:center;gap:8px;margin-bottom:4px}
.tip-head .line{margin-left:auto;color:var(--muted);font-size:12px}
.tip-row{display:grid;grid-template-columns:64px 1fr;gap:8px}
.tip-row dt{color:var(--muted)}
.tip-row dd{margin:0;overflow-wrap:anywhere;white-space:pre-wrap}
.tip-item dl{margin:0;display:grid;gap:2px}
.t-badge{display:inline-block;padding:0 7px;border-radius:4px;font-size:11.5px;font-weight:650;line-height:1.7;color:var(--fg);background:var(--soft)}
.t-badge.mention{box-shadow:inset 0 0 0 1.5px var(--sc,var(--al-s0))}
.t-badge.quote{background:color-mix(in srgb,var(--sc,var(--al-s0)) 28%,transparent)}
.t-badge.demand{outline:1.5px dashed var(--demand);outline-offset:-1.5px}
.t-badge.response{text-decoration:underline double var(--response);text-underline-offset:3px}
@media (max-width:640px){.wrap{padding:0 14px}.card{padding:16px}.text{font-size:16px}}
@media print{nav.toc,#al-tip{display:none}body{background:#fff}.card{break-inside:auto;border-color:#ccc}}
${speakerRules()}
`;

/**
 * The page's behaviour. In a VS Code webview (acquireVsCodeApi exists) a click on a highlight or
 * on a link to one posts {type:'reveal', start, end} (UTF-16 offsets into the article) to the
 * extension; in a plain file it scrolls to the highlight and flashes it. Tooltips are built
 * from the JSON block with textContent only.
 */
export const REPORT_SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('al-data').textContent);
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : null;
  var tip = document.getElementById('al-tip');
  var TYPES = { mention: 'Mention', quote: 'Quote', demand: 'Demand', response: 'Response' };
  var current = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function slotClass(slot) {
    var n = Number(slot);
    return n >= 0 && n <= 10 && Math.floor(n) === n ? 's' + n : 's0';
  }
  function indices(node) {
    return (node.getAttribute('data-a') || '').split(' ').filter(function (s) { return /^\d+$/.test(s); }).map(Number)
      .filter(function (i) { return i < data.annotations.length; });
  }
  function segments(i) {
    return document.querySelectorAll('mark.hl[data-a~="' + Number(i) + '"]');
  }
  function words(s) { return s.replace(/-/g, ' '); }
  function row(dl, label, value) {
    if (value === undefined || value === null || value === '') return;
    var r = el('div', 'tip-row');
    r.appendChild(el('dt', '', label));
    r.appendChild(el('dd', '', value));
    dl.appendChild(r);
  }
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
  function flash(i) {
    var segs = segments(i);
    for (var k = 0; k < segs.length; k++) {
      segs[k].classList.remove('flash');
      void segs[k].offsetWidth;
      segs[k].classList.add('flash');
    }
    return segs;
  }
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
  function innermost(mark) {
    var list = indices(mark);
    return list.length ? list[list.length - 1] : -1;
  }
  function markOf(target) {
    return target && target.closest ? target.closest('mark.hl[data-a]') : null;
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
    var link = e.target.closest ? e.target.closest('a[data-a]') : null;
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
    // The extension redraws the page as annotations change: keep the reader where they were.
    var saved = vscode.getState();
    if (saved && typeof saved.scrollY === 'number') window.scrollTo(0, saved.scrollY);
    var pending = 0;
    window.addEventListener('scroll', function () {
      if (pending) return;
      pending = setTimeout(function () { pending = 0; vscode.setState({ scrollY: window.scrollY }); }, 200);
    }, { passive: true });
  }
})();
`.trim();
