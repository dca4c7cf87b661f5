// The "Who is quoted" section of the HTML report: two SVG charts, quotes and quoted words per
// speaker, and the share of anonymous sources.
import { html, htmlLines, SafeHtml } from '../safeHtml';
import { ReportModel } from './reportModel';
import { countWords, plural, truncate } from './wording';

interface ChartRow {
  label: string;
  slot: number;
  quotes: number;
  words: number;
}

interface Tally {
  quotes: number;
  words: number;
}

const CHART_WIDTH = 760;
const LABEL_WIDTH = 210;

export function quoteChart(model: ReportModel): SafeHtml {
  const { data } = model;
  // Quotes and words per speaker, the unattributed (no speaker) as a row of their own.
  const bySpeaker = new Map<number, Tally>();
  const anonymous: Tally = { quotes: 0, words: 0 };
  const total: Tally = { quotes: 0, words: 0 };
  model.placed.forEach((a, i) => {
    if (a.type !== 'quote') return;
    const sp = data.annotations[i].speaker ?? -1;
    const words = countWords(model.text.slice(a.start, a.end));
    const row = bySpeaker.get(sp) ?? { quotes: 0, words: 0 };
    row.quotes++;
    row.words += words;
    bySpeaker.set(sp, row);
    total.quotes++;
    total.words += words;
    if (sp >= 0 && data.speakers[sp].kind === 'anonymous') {
      anonymous.quotes++;
      anonymous.words += words;
    }
  });
  const rows: ChartRow[] = [...bySpeaker.entries()]
    .map(([sp, v]) => ({ ...v, label: sp < 0 ? 'No speaker recorded' : data.speakers[sp].name, slot: sp < 0 ? 0 : data.speakers[sp].slot, order: sp < 0 ? Infinity : sp }))
    .sort((x, y) => y.quotes - x.quotes || y.words - x.words || x.order - y.order);
  const anonNames = data.speakers.filter((s) => s.kind === 'anonymous').map((s) => s.name);
  const anonLegend = anonNames.length
    ? html`<li><span class="sw anon-sw" aria-hidden="true"></span>Anonymous: ${anonNames.join('; ')}</li>`
    : html`<li>No speaker in the sidecar is anonymous.</li>`;
  return htmlLines([
    html`<section id="quoted" class="card" aria-labelledby="quoted-h"><div class="card-head"><h2 id="quoted-h">Who is quoted</h2>`,
    html`<p>${plural(total.quotes, 'quote')}, ${plural(total.words, 'word')} quoted</p></div>`,
    html`<div class="chart">`,
    html`<figure><h3 id="chart-speakers">Quotes and quoted words per speaker</h3>${speakerChart(rows)}</figure>`,
    html`<figure><h3 id="chart-anon">Share of anonymous sources</h3>${anonymousChart(anonymous, total)}<ul class="legend">${anonLegend}<li><span class="sw rest-sw" aria-hidden="true"></span>Named sources</li></ul></figure>`,
    html`</div>`,
    html`</section>`,
  ]);
}

function svg(height: number, labelledBy: string): SafeHtml {
  return html`<svg class="al" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img" aria-labelledby="${labelledBy}">`;
}

function speakerChart(rows: ChartRow[]): SafeHtml {
  return quotesAndWordsChart(rows, 'chart-speakers', 'No quotes in this article.');
}

/** A row of the quotes-and-words chart: its label, the palette slot of its bars, its two numbers. */
export interface QuotesAndWords {
  label: string;
  slot: number;
  quotes: number;
  words: number;
}

/**
 * Two bars per row, quotes and quoted words, each with its number beside it, scaled to the
 * largest of its column; the article report's speakers and the corpus report's rows alike.
 */
export function quotesAndWordsChart(rows: readonly QuotesAndWords[], labelledBy: string, empty: string): SafeHtml {
  if (rows.length === 0) return html`${svg(36, labelledBy)}<text class="none" x="0" y="22">${empty}</text></svg>`;
  const top = 26;
  const rowHeight = 30;
  const gap = 28;
  const column = (CHART_WIDTH - LABEL_WIDTH - gap) / 2;
  const barMax = column - 48;
  const xQuotes = LABEL_WIDTH;
  const xWords = LABEL_WIDTH + column + gap;
  const maxQuotes = Math.max(...rows.map((r) => r.quotes), 1);
  const maxWords = Math.max(...rows.map((r) => r.words), 1);
  const out = [svg(top + rows.length * rowHeight, labelledBy)];
  out.push(html`<text class="axis" x="${xQuotes}" y="12">QUOTES</text><text class="axis" x="${num(xWords)}" y="12">WORDS QUOTED</text>`);
  rows.forEach((r, n) => {
    const mid = top + n * rowHeight + rowHeight / 2;
    const wq = r.quotes ? Math.max(2, (r.quotes / maxQuotes) * barMax) : 0;
    const ww = r.words ? Math.max(2, (r.words / maxWords) * barMax) : 0;
    out.push(html`<g class="row"><text x="${LABEL_WIDTH - 14}" y="${mid}" dy="0.35em" text-anchor="end"><title>${r.label}</title>${truncate(r.label, 30)}</text>\
<rect class="track" x="${xQuotes}" y="${mid - 8}" width="${num(barMax)}" height="16" rx="3"/>\
<rect class="bar bar-quotes fs${r.slot}" x="${xQuotes}" y="${mid - 8}" width="${num(wq)}" height="16" rx="3"/>\
<text class="val" x="${num(xQuotes + wq + 6)}" y="${mid}" dy="0.35em">${r.quotes}</text>\
<rect class="track" x="${num(xWords)}" y="${mid - 8}" width="${num(barMax)}" height="16" rx="3"/>\
<rect class="bar bar-words words fs${r.slot}" x="${num(xWords)}" y="${mid - 8}" width="${num(ww)}" height="16" rx="3"/>\
<text class="val" x="${num(xWords + ww + 6)}" y="${mid}" dy="0.35em">${r.words}</text></g>`);
  });
  out.push(html`</svg>`);
  return htmlLines(out);
}

function anonymousChart(anonymous: Tally, total: Tally): SafeHtml {
  const rowHeight = 34;
  const barWidth = CHART_WIDTH - LABEL_WIDTH - 190;
  const row = (n: number, label: string, part: number, whole: number, unit: string) => {
    const mid = n * rowHeight + rowHeight / 2;
    const w = whole ? (part / whole) * barWidth : 0;
    const value = whole ? `${Math.round((100 * part) / whole)}% · ${part} of ${plural(whole, unit)}` : `no ${unit}s`;
    const share = w > 0 ? html`<rect class="anon bar-anon" x="${LABEL_WIDTH}" y="${mid - 9}" width="${num(Math.max(2, w))}" height="18" rx="3"/>` : '';
    return html`<g class="row"><text x="${LABEL_WIDTH - 14}" y="${mid}" dy="0.35em" text-anchor="end">${label}</text><rect class="${whole ? 'rest' : 'track'}" x="${LABEL_WIDTH}" y="${mid - 9}" width="${barWidth}" height="18" rx="3"/>${share}<text class="val" x="${LABEL_WIDTH + barWidth + 12}" y="${mid}" dy="0.35em">${value}</text></g>`;
  };
  return htmlLines([
    svg(2 * rowHeight, 'chart-anon'),
    row(0, 'Quotes', anonymous.quotes, total.quotes, 'quote'),
    row(1, 'Quoted words', anonymous.words, total.words, 'word'),
    html`</svg>`,
  ]);
}

/** A coordinate to one decimal: short, and the same on every machine. */
function num(n: number): number {
  return Math.round(n * 10) / 10;
}
