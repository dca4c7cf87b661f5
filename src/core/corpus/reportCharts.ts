// The corpus report's charts: inline SVG, read at a glance and read aloud. Every bar carries its
// number as text beside it, every chart is an image labelled by its heading, and the numbers are
// also in a table beside each chart (and in the CSV). Colours are classes of report.css (fs1..10
// the palette, seg-uncoded and seg-none the two greys): no data ever reaches a class or an attribute
// except as text in <title> and <text>.
import { html, htmlLines, SafeHtml } from '../export/safeHtml';
import { quotesAndWordsChart } from '../export/report/quoteChart';
import { truncate } from '../export/report/wording';
import { NO_SPEAKER, NOT_CODED, Tally } from './reportData';

const WIDTH = 760;
/** The label column: as wide as the article report's chart (quoteChart.ts), so the bars of both kinds of chart line up. */
const LABEL = 210;

function svg(height: number, labelledBy: string): SafeHtml {
  return html`<svg class="al" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${labelledBy}">`;
}

/** A coordinate to one decimal: short, and the same on every machine. */
function num(n: number): number {
  return Math.round(n * 10) / 10;
}

export function percent(part: number, whole: number): string {
  if (!whole) return '–';
  const p = (100 * part) / whole;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}

export interface BarRow {
  label: string;
  quotes: number;
  words: number;
}

/** Two bars per row, quotes and quoted words, each with its number (the article report's chart, in the first colour). */
export function barChart(rows: readonly BarRow[], labelledBy: string, empty: string): SafeHtml {
  return quotesAndWordsChart(rows.map((r) => ({ ...r, slot: 1 })), labelledBy, empty);
}

/** The class that colours a value: the palette in order, the two greys for the not coded and the unattributed. */
export function valueClass(value: string, index: number): { fill: string; swatch: string } {
  if (value === NO_SPEAKER) return { fill: 'seg-none', swatch: 'none-sw' };
  if (value === NOT_CODED) return { fill: 'seg-uncoded', swatch: 'uncoded-sw' };
  const slot = (index % 10) + 1;
  return { fill: `fs${slot}`, swatch: `s${slot}` };
}

export interface StackRow {
  label: string;
  tallies: ReadonlyMap<string, Tally>;
}

/**
 * One 100% bar per row, split by value (in `values` order), of quotes or of words; a share is
 * written inside its piece when the piece is wide enough, and the row's total after the bar.
 */
export function stackedChart(rows: readonly StackRow[], values: readonly string[], measure: 'quotes' | 'words', labelledBy: string): SafeHtml {
  const rowHeight = 30;
  const barWidth = WIDTH - LABEL - 120;
  const out = [svg(rows.length * rowHeight, labelledBy)];
  rows.forEach((r, n) => {
    const mid = n * rowHeight + rowHeight / 2;
    const whole = values.reduce((sum, v) => sum + (r.tallies.get(v)?.[measure] ?? 0), 0);
    const pieces: SafeHtml[] = [];
    let x = LABEL;
    values.forEach((v, i) => {
      const part = r.tallies.get(v)?.[measure] ?? 0;
      if (!part || !whole) return;
      const w = (part / whole) * barWidth;
      const share = percent(part, whole);
      pieces.push(html`<rect class="${valueClass(v, i).fill}" x="${num(x)}" y="${mid - 9}" width="${num(w)}" height="18"><title>${v}: ${part} ${measure} of ${whole} (${share})</title></rect>`);
      if (w >= 34) pieces.push(html`<text class="${v === NO_SPEAKER ? 'seg on-light' : 'seg'}" x="${num(x + w / 2)}" y="${mid}" dy="0.35em" text-anchor="middle">${share}</text>`);
      x += w;
    });
    const track = whole ? '' : html`<rect class="track" x="${LABEL}" y="${mid - 9}" width="${barWidth}" height="18" rx="3"/>`;
    out.push(html`<g class="row"><text x="${LABEL - 14}" y="${mid}" dy="0.35em" text-anchor="end"><title>${r.label}</title>${truncate(r.label, 28)}</text>${track}${pieces}<text class="val" x="${LABEL + barWidth + 10}" y="${mid}" dy="0.35em">${whole} ${measure}</text></g>`);
  });
  out.push(html`</svg>`);
  return htmlLines(out);
}

/** The legend of a stacked chart: each value's swatch, name, and its share overall. */
export function valueLegend(values: readonly string[], overall: ReadonlyMap<string, Tally>, total: number): SafeHtml {
  const items = values.map((v, i) => {
    const q = overall.get(v)?.quotes ?? 0;
    return html`<li><span class="sw ${valueClass(v, i).swatch}" aria-hidden="true"></span>${v}: ${percent(q, total)} of quotes (${q})</li>`;
  });
  return html`<ul class="legend">${items}</ul>`;
}
