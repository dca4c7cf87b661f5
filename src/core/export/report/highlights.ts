// The article section of the HTML report: the text with its annotations highlighted.
import { html, htmlLines, SafeHtml } from '../safeHtml';
import { ReportModel, TYPE_CLASS } from './reportModel';

/**
 * The text cut at every annotation boundary: each piece covered by annotations is one <mark>
 * listing them (outermost first) in data-a, styled by the innermost of each type. Pieces that
 * start an annotation get an id (t<number>) for links, recorded in model.firstSegment: render
 * this before anything that links to the text.
 */
export function highlightedText(model: ReportModel): SafeHtml {
  const { text, placed } = model;
  const valid: number[] = [];
  const bounds = new Set<number>([0, text.length]);
  placed.forEach((a, i) => {
    if (a.start >= 0 && a.end <= text.length && a.start < a.end) {
      valid.push(i);
      bounds.add(a.start);
      bounds.add(a.end);
    }
  });
  valid.sort((x, y) => placed[x].start - placed[y].start || x - y);
  const cuts = [...bounds].sort((x, y) => x - y);
  const out: SafeHtml[] = [];
  let active: number[] = [];
  let next = 0;
  let segment = 0;
  const outerFirst = (x: number, y: number) =>
    placed[y].end - placed[y].start - (placed[x].end - placed[x].start) || placed[x].start - placed[y].start || x - y;
  for (let c = 0; c + 1 < cuts.length; c++) {
    const from = cuts[c];
    const to = cuts[c + 1];
    active = active.filter((i) => placed[i].end > from);
    while (next < valid.length && placed[valid[next]].start <= from) active.push(valid[next++]);
    const piece = text.slice(from, to);
    if (active.length === 0) {
      out.push(html`${piece}`);
      continue;
    }
    const cover = [...active].sort(outerFirst);
    const classes = ['hl'];
    for (const type of ['mention', 'quote', 'demand', 'response'] as const) {
      const inner = cover.filter((i) => placed[i].type === type).pop();
      if (inner === undefined) continue;
      const a = placed[inner];
      const k = TYPE_CLASS[type];
      classes.push(k);
      if (type === 'quote') classes.push(`qs${model.slotOf(a)}`);
      if (type === 'mention') classes.push(`ms${model.slotOf(a)}`);
      if (type === 'mention' || type === 'demand') {
        if (a.start === from) classes.push(`${k}0`);
        if (a.end === to) classes.push(`${k}1`);
      }
    }
    const starts = cover.filter((i) => placed[i].start === from);
    for (const i of starts) model.firstSegment[i] = segment;
    const cls = classes.join(' ');
    const list = cover.join(' ');
    out.push(
      starts.length
        ? html`<mark class="${cls}" data-a="${list}" tabindex="0" id="t${segment}">${piece}</mark>`
        : html`<mark class="${cls}" data-a="${list}" tabindex="0">${piece}</mark>`,
    );
    segment++;
  }
  return html`${out}`;
}

export function articleSection(model: ReportModel, textHtml: SafeHtml, inWebview: boolean): SafeHtml {
  const hint = inWebview
    ? 'Hover or focus a highlight for its details; click it to show it in the editor.'
    : 'Hover or focus a highlight for its details.';
  return htmlLines([
    html`<section id="article" class="card" aria-labelledby="article-h">`,
    html`<div class="card-head"><h2 id="article-h">Article</h2>`,
    html`<ul class="legend" aria-label="Legend"><li><span class="hl q qs1">Quote</span> coloured by speaker</li>${underlinedLegend(model)}<li><span class="hl m ms1 m0 m1">Mention</span></li><li><span class="hl d d0 d1">Demand</span></li><li><span class="hl r">Response</span></li></ul>`,
    html`<p>${hint}</p></div>`,
    model.text.length ? html`<div class="text">${textHtml}</div>` : html`<p class="empty">The article is empty.</p>`,
    html`</section>`,
  ]);
}

/** Said only when some speaker is past the tenth: their quotes are underlined as well (the underline's style tells close colours apart). */
function underlinedLegend(model: ReportModel): SafeHtml | string {
  const [slot] = model.colors.underlined;
  return slot === undefined ? '' : html`<li><span class="hl q qs${slot}">Quote</span> past the tenth speaker, also underlined</li>`;
}
