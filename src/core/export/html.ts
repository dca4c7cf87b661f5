// HTML report: one self-contained page per article (`<path>.html`), for a browser or for the VS
// Code "Show Report" webview. It shows a summary, the article with its annotations highlighted
// (hover or focus a highlight for its details), an index of speakers, the demands with their
// responses, a chart of who gets quoted how much (and how much of it anonymously), and what
// needs review.
//
// Safety: every piece of article or sidecar text is HTML-escaped, in attributes too; sidecar ids
// never reach an attribute, a class or CSS (elements are named by indices, colours by palette
// slot numbers); links are fragment links only. The tooltips are built by the script from a
// JSON block, with textContent. The page loads nothing: a strict Content-Security-Policy allows
// only its own inline style and script, by sha256 (deterministic, for a file) or by nonce (for a
// webview). No inline style attributes, which that policy would block.
import { createHash } from 'node:crypto';
import { Annotation, AnnotationType, DEMAND_STATUSES, SPEAKER_KINDS, STANCES } from '../model';
import { speakerSlots } from '../palette';
import { Positions, speakerNames } from './common';
import { REPORT_CSS, REPORT_SCRIPT } from './htmlAssets';
import { ArticleInput, Exporter } from './types';

export interface HtmlReportOptions {
  /** Extra CSP source for a VS Code webview (webview.cspSource); omitted for a file. */
  cspSource?: string;
  /** A nonce for the inline script and style, for a webview; omitted → CSP uses sha256 hashes of the inline script and style so the file is deterministic (golden tests). */
  nonce?: string;
}

/** One file per article, `<path>.html`, whatever the number of articles. */
export const exportHtml: Exporter = (articles) =>
  articles.map((article) => ({ path: `${article.path}.html`, content: renderHtmlReport(article, {}) }));

/** The report page for one article; `options` as for a webview, or none for a file. */
export function renderHtmlReport(article: ArticleInput, options: HtmlReportOptions = {}): string {
  return new Report(article, options).render();
}

/** `sha256-…` of a style or script element's content, as a CSP source expression. */
export function cspHash(content: string): string {
  return `'sha256-${createHash('sha256').update(content, 'utf8').digest('base64')}'`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** JSON that stays data inside <script type="application/json">: no "</script", "<!--" or line separators. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** What the script reads; speakers and demands by index, so no id has to be an attribute. */
interface ReportData {
  speakers: { name: string; kind: string; role?: string; slot: number; missing?: true }[];
  demands: { summary: string; status?: string; by: string; to: string; missing?: true }[];
  annotations: {
    type: AnnotationType;
    start: number;
    end: number;
    line: number;
    speaker?: number;
    demand?: number;
    stance?: string;
    note?: string;
    origin?: string;
  }[];
}

const TYPE_LABEL: Record<AnnotationType, string> = { mention: 'Mention', quote: 'Quote', demand: 'Demand', response: 'Response' };
const TYPE_CLASS: Record<AnnotationType, string> = { mention: 'm', quote: 'q', demand: 'd', response: 'r' };
/**
 * A nonce: base64 or base64url. A CSP source list as VS Code gives it (webview.cspSource is
 * "'self' https://*.vscode-cdn.net"): schemes, hosts and URLs, and 'self', but no other quoted
 * keyword ('unsafe-inline' …) and no ";" that would start another directive.
 */
const NONCE = /^[A-Za-z0-9+/_=-]+$/;
const CSP_SOURCE = /^(?:'self'|[A-Za-z0-9.:/*_+-]+)(?: (?:'self'|[A-Za-z0-9.:/*_+-]+))*$/;

class Report {
  private readonly text: string;
  private readonly positions: Positions;
  private readonly placed: readonly Annotation[];
  private readonly speakerIndex = new Map<string, number>();
  private readonly demandIndex = new Map<string, number>();
  private readonly data: ReportData = { speakers: [], demands: [], annotations: [] };
  /** Per placed annotation: the number of its first highlight segment, -1 if it has none (empty span). */
  private readonly firstSegment: number[];

  constructor(
    private readonly article: ArticleInput,
    private readonly options: HtmlReportOptions,
  ) {
    if (options.nonce !== undefined && !NONCE.test(options.nonce)) throw new Error(`not a valid CSP nonce: ${JSON.stringify(options.nonce)}`);
    if (options.cspSource !== undefined && !CSP_SOURCE.test(options.cspSource)) {
      throw new Error(`not a valid CSP source: ${JSON.stringify(options.cspSource)}`);
    }
    this.text = article.text;
    this.positions = new Positions(article.text);
    this.placed = article.placed;
    this.firstSegment = this.placed.map(() => -1);
    const { sidecar } = article;
    const slots = speakerSlots(sidecar, 'speaker');
    for (const s of sidecar.speakers.values()) {
      this.speakerIndex.set(s.id, this.data.speakers.length);
      this.data.speakers.push({ name: s.name, kind: s.kind, role: s.role, slot: slots.get(s.id) ?? 0 });
    }
    for (const d of sidecar.demands.values()) {
      this.demandIndex.set(d.id, this.data.demands.length);
      this.data.demands.push({ summary: d.summary, status: d.status, by: speakerNames(sidecar, d.by).join(', '), to: speakerNames(sidecar, d.to).join(', ') });
    }
    for (const a of this.placed) {
      this.data.annotations.push({
        type: a.type,
        start: a.start,
        end: a.end,
        line: this.positions.line(a.start),
        speaker: this.speakerOf(a),
        demand: this.demandOf(a),
        stance: a.stance,
        note: a.note,
        origin: a.origin,
      });
    }
  }

  /** Index of an annotation's speaker; a speaker the sidecar lacks gets an entry named by its id. */
  private speakerOf(a: Annotation): number | undefined {
    if (a.speaker === undefined) return undefined;
    let i = this.speakerIndex.get(a.speaker);
    if (i === undefined) {
      i = this.data.speakers.length;
      this.speakerIndex.set(a.speaker, i);
      this.data.speakers.push({ name: a.speaker, kind: '', slot: 0, missing: true });
    }
    return i;
  }

  private demandOf(a: Annotation): number | undefined {
    if (a.demand === undefined) return undefined;
    let i = this.demandIndex.get(a.demand);
    if (i === undefined) {
      i = this.data.demands.length;
      this.demandIndex.set(a.demand, i);
      this.data.demands.push({ summary: a.demand, by: '', to: '', missing: true });
    }
    return i;
  }

  private slotOf(a: Annotation): number {
    const i = a.speaker === undefined ? undefined : this.speakerIndex.get(a.speaker);
    return i === undefined ? 0 : this.data.speakers[i].slot;
  }

  render(): string {
    const { nonce, cspSource } = this.options;
    const textHtml = this.renderText(); // first: it numbers the segments the other parts link to
    const style = REPORT_CSS;
    const script = REPORT_SCRIPT;
    const source = (s: string) => (s ? ` ${s}` : '');
    const allow = (content: string) => (nonce === undefined ? cspHash(content) : `'nonce-${nonce}'`);
    const csp =
      `default-src 'none'; style-src ${allow(style)}${source(cspSource ?? '')}; script-src ${allow(script)}; ` +
      `img-src${source(cspSource ?? '')} data:; base-uri 'none'; form-action 'none'`;
    const nonceAttr = nonce === undefined ? '' : ` nonce="${escapeHtml(nonce)}"`;
    const path = escapeHtml(this.article.path);
    return [
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      // Every piece is validated or a hash: only "&<>\"" could matter, and none can occur; escaped all the same.
      `<meta http-equiv="Content-Security-Policy" content="${csp.replace(/[&<>"]/g, (c) => ESCAPES[c])}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<meta name="referrer" content="no-referrer">',
      '<meta name="generator" content="Attribution Lens">',
      `<title>Attribution report: ${path}</title>`,
      `<style${nonceAttr}>${style}</style>`,
      '</head>',
      '<body>',
      this.renderHeader(),
      '<nav class="toc" aria-label="Sections"><ul>' +
        '<li><a href="#article">Article</a></li><li><a href="#speakers">Speakers</a></li><li><a href="#demands">Demands</a></li>' +
        '<li><a href="#quoted">Who is quoted</a></li><li><a href="#review">Needs review</a></li></ul></nav>',
      '<main class="wrap">',
      this.renderArticle(textHtml),
      this.renderSpeakers(),
      this.renderDemands(),
      this.renderChart(),
      this.renderReview(),
      '</main>',
      `<footer class="wrap">Made by Attribution Lens from ${path} and its sidecar. This page is self-contained: it loads nothing from the network.</footer>`,
      '<div id="al-tip" role="tooltip" hidden></div>',
      `<script type="application/json" id="al-data">${jsonForScript(this.data)}</script>`,
      `<script${nonceAttr}>${script}</script>`,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  }

  private renderHeader(): string {
    const counts = new Map<AnnotationType, number>();
    for (const a of this.placed) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
    const { sidecar, orphans } = this.article;
    const stat = (label: string, n: number, cls = '') => `<div class="stat${cls}"><dt>${label}</dt><dd>${n}</dd></div>`;
    return [
      '<header class="top"><div class="wrap">',
      '<p class="eyebrow">Attribution report</p>',
      `<h1>${escapeHtml(this.article.path)}</h1>`,
      `<p class="lede">${plural(this.placed.length, 'annotation')} in ${plural(countWords(this.text), 'word')} of text` +
        `${orphans.length ? `, and ${plural(orphans.length, 'annotation')} that could not be placed` : ''}.</p>`,
      '<dl class="stats">',
      stat('Mentions', counts.get('mention') ?? 0),
      stat('Quotes', counts.get('quote') ?? 0),
      stat('Demands stated', counts.get('demand') ?? 0),
      stat('Responses', counts.get('response') ?? 0),
      stat('Speakers', sidecar.speakers.size),
      stat('Demands', sidecar.demands.size),
      stat('Needs review', orphans.length, orphans.length ? ' warn' : ''),
      '</dl>',
      '</div></header>',
    ].join('\n');
  }

  /**
   * The text cut at every annotation boundary: each piece covered by annotations is one <mark>
   * listing them (outermost first) in data-a, styled by the innermost of each type. Pieces that
   * start an annotation get an id (t<number>) for links.
   */
  private renderText(): string {
    const { text, placed } = this;
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
    const out: string[] = [];
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
      const piece = escapeHtml(text.slice(from, to));
      if (active.length === 0) {
        out.push(piece);
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
        if (type === 'quote') classes.push(`qs${this.slotOf(a)}`);
        if (type === 'mention') classes.push(`ms${this.slotOf(a)}`);
        if (type === 'mention' || type === 'demand') {
          if (a.start === from) classes.push(`${k}0`);
          if (a.end === to) classes.push(`${k}1`);
        }
      }
      const starts = cover.filter((i) => placed[i].start === from);
      for (const i of starts) this.firstSegment[i] = segment;
      const id = starts.length ? ` id="t${segment}"` : '';
      out.push(`<mark class="${classes.join(' ')}" data-a="${cover.join(' ')}" tabindex="0"${id}>${piece}</mark>`);
      segment++;
    }
    return out.join('');
  }

  private renderArticle(textHtml: string): string {
    const hint = this.options.nonce === undefined
      ? 'Hover or focus a highlight for its details.'
      : 'Hover or focus a highlight for its details; click it to show it in the editor.';
    return [
      '<section id="article" class="card" aria-labelledby="article-h">',
      '<div class="card-head"><h2 id="article-h">Article</h2>',
      '<ul class="legend" aria-label="Legend">' +
        '<li><span class="hl q qs1">Quote</span> coloured by speaker</li>' +
        '<li><span class="hl m ms1 m0 m1">Mention</span></li>' +
        '<li><span class="hl d d0 d1">Demand</span></li>' +
        '<li><span class="hl r">Response</span></li></ul>',
      `<p>${hint}</p></div>`,
      this.text.length ? `<div class="text">${textHtml}</div>` : '<p class="empty">The article is empty.</p>',
      '</section>',
    ].join('\n');
  }

  /** A link to an annotation's first highlight: a chip with its line number. */
  private chip(i: number, extra = ''): string {
    const a = this.placed[i];
    const line = this.data.annotations[i].line;
    const cls = `chip ${TYPE_CLASS[a.type]} s${this.slotOf(a)}${extra}`;
    const title = `${TYPE_LABEL[a.type]}, line ${line}`;
    const seg = this.firstSegment[i];
    if (seg < 0) return `<span class="${cls}" title="${title}">${line}</span>`;
    return `<a class="${cls}" href="#t${seg}" data-a="${i}" title="${title}" aria-label="${title}">${line}</a>`;
  }

  private renderSpeakers(): string {
    const head = '<section id="speakers" class="card" aria-labelledby="speakers-h"><div class="card-head"><h2 id="speakers-h">Speakers</h2>' +
      '<ul class="legend" aria-label="Links"><li>Line numbers link to the spans:</li><li><span class="chip q s0">12</span> quote</li>' +
      '<li><span class="chip m s0">12</span> mention</li><li><span class="chip r s0">12</span> response</li></ul></div>';
    if (this.data.speakers.length === 0) return `${head}\n<p class="empty">No speakers.</p>\n</section>`;
    const rows: string[] = [];
    const { sidecar } = this.article;
    const ids = [...this.speakerIndex.keys()];
    for (const [n, s] of this.data.speakers.entries()) {
      const id = ids[n];
      const mine = this.placed.map((a, i) => [a, i] as const).filter(([a]) => a.speaker === id);
      const quotes = mine.filter(([a]) => a.type === 'quote');
      const mentions = mine.filter(([a]) => a.type === 'mention').length;
      const words = quotes.reduce((sum, [a]) => sum + countWords(this.text.slice(a.start, a.end)), 0);
      const speaker = sidecar.speakers.get(id);
      const sub = [s.role, speaker?.aliases.length ? `also “${speaker.aliases.join('”, “')}”` : undefined, s.missing ? 'not in the sidecar' : undefined]
        .filter((x): x is string => Boolean(x));
      rows.push(
        '<tr>' +
          `<td><div class="who"><span class="sw s${s.slot}" aria-hidden="true"></span><span>${escapeHtml(s.name)}` +
          `${sub.length ? `<span class="sub">${escapeHtml(sub.join(' · '))}</span>` : ''}</span></div></td>` +
          `<td>${s.kind ? `<span class="badge${(SPEAKER_KINDS as readonly string[]).includes(s.kind) ? ` k-${s.kind}` : ''}">${escapeHtml(s.kind)}</span>` : ''}</td>` +
          `<td class="n">${quotes.length}</td><td class="n">${words}</td><td class="n">${mentions}</td>` +
          `<td>${mine.length ? `<div class="chips">${mine.map(([, i]) => this.chip(i)).join('')}</div>` : '<span class="muted">none</span>'}</td>` +
          '</tr>',
      );
    }
    return [
      head,
      '<div class="table-scroll"><table>',
      '<thead><tr><th>Speaker</th><th>Kind</th><th class="n">Quotes</th><th class="n">Words quoted</th><th class="n">Mentions</th><th>In the text</th></tr></thead>',
      `<tbody>\n${rows.join('\n')}\n</tbody>`,
      '</table></div>',
      '</section>',
    ].join('\n');
  }

  private renderDemands(): string {
    const head = '<section id="demands" class="card" aria-labelledby="demands-h"><div class="card-head"><h2 id="demands-h">Demands and responses</h2></div>';
    if (this.data.demands.length === 0) return `${head}\n<p class="empty">No demands.</p>\n</section>`;
    const ids = [...this.demandIndex.keys()];
    const rows = this.data.demands.map((d, n) => {
      const id = ids[n];
      const mine = this.placed.map((a, i) => [a, i] as const).filter(([a]) => a.demand === id);
      const stated = mine.filter(([a]) => a.type === 'demand').map(([, i]) => this.chip(i));
      const responses = mine.filter(([a]) => a.type === 'response').map(([a, i]) => {
        const sp = this.data.annotations[i].speaker;
        const who = sp === undefined ? undefined : this.data.speakers[sp];
        const stance = a.stance && (STANCES as readonly string[]).includes(a.stance)
          ? `<span class="badge sn-${a.stance}">${escapeHtml(a.stance.replace(/-/g, ' '))}</span>` : '';
        return '<li><div class="meta">' +
          (who ? `<span><span class="sw s${who.slot}" aria-hidden="true"></span> ${escapeHtml(who.name)}</span>` : '<span class="muted">unknown speaker</span>') +
          `${stance}${this.chip(i)}</div>` +
          `<p class="qtext">${escapeHtml(collapse(this.text.slice(a.start, a.end)))}</p></li>`;
      });
      const status = d.status && (DEMAND_STATUSES as readonly string[]).includes(d.status)
        ? `<span class="badge st-${d.status}">${escapeHtml(d.status.replace(/-/g, ' '))}</span>` : '<span class="muted">not recorded</span>';
      return '<tr>' +
        `<td><strong>${escapeHtml(d.summary)}</strong>${d.missing ? '<span class="sub">not in the sidecar</span>' : ''}</td>` +
        `<td>${d.by ? escapeHtml(d.by) : '<span class="muted">not recorded</span>'}</td>` +
        `<td>${d.to ? escapeHtml(d.to) : '<span class="muted">not recorded</span>'}</td>` +
        `<td>${status}</td>` +
        `<td>${stated.length ? `<div class="chips">${stated.join('')}</div>` : '<span class="muted">not in this article</span>'}</td>` +
        `<td>${responses.length ? `<ul class="responses">${responses.join('')}</ul>` : '<span class="muted">none</span>'}</td>` +
        '</tr>';
    });
    return [
      head,
      '<div class="table-scroll"><table>',
      '<thead><tr><th class="w-demand">Demand</th><th class="w-by">By</th><th class="w-to">To</th><th>Status</th><th class="w-stated">Stated</th><th>Responses</th></tr></thead>',
      `<tbody>\n${rows.join('\n')}\n</tbody>`,
      '</table></div>',
      '</section>',
    ].join('\n');
  }

  private renderChart(): string {
    // Quotes and words per speaker, the unattributed (no speaker) as a row of their own.
    const bySpeaker = new Map<number, { quotes: number; words: number }>();
    const anonymous = { quotes: 0, words: 0 };
    const total = { quotes: 0, words: 0 };
    this.placed.forEach((a, i) => {
      if (a.type !== 'quote') return;
      const sp = this.data.annotations[i].speaker ?? -1;
      const words = countWords(this.text.slice(a.start, a.end));
      const row = bySpeaker.get(sp) ?? { quotes: 0, words: 0 };
      row.quotes++;
      row.words += words;
      bySpeaker.set(sp, row);
      total.quotes++;
      total.words += words;
      if (sp >= 0 && this.data.speakers[sp].kind === 'anonymous') {
        anonymous.quotes++;
        anonymous.words += words;
      }
    });
    const rows: ChartRow[] = [...bySpeaker.entries()]
      .map(([sp, v]) => ({ ...v, label: sp < 0 ? 'No speaker recorded' : this.data.speakers[sp].name, slot: sp < 0 ? 0 : this.data.speakers[sp].slot, order: sp < 0 ? Infinity : sp }))
      .sort((x, y) => y.quotes - x.quotes || y.words - x.words || x.order - y.order);
    const anonNames = this.data.speakers.filter((s) => s.kind === 'anonymous').map((s) => s.name);
    return [
      '<section id="quoted" class="card" aria-labelledby="quoted-h"><div class="card-head"><h2 id="quoted-h">Who is quoted</h2>',
      `<p>${plural(total.quotes, 'quote')}, ${plural(total.words, 'word')} quoted</p></div>`,
      '<div class="chart">',
      `<figure><h3 id="chart-speakers">Quotes and quoted words per speaker</h3>${speakerChart(rows)}</figure>`,
      `<figure><h3 id="chart-anon">Share of anonymous sources</h3>${anonymousChart(anonymous, total)}` +
        `<ul class="legend">${anonNames.length
          ? `<li><span class="sw anon-sw" aria-hidden="true"></span>Anonymous: ${escapeHtml(anonNames.join('; '))}</li>`
          : '<li>No speaker in the sidecar is anonymous.</li>'}<li><span class="sw rest-sw" aria-hidden="true"></span>Named sources</li></ul></figure>`,
      '</div>',
      '</section>',
    ].join('\n');
  }

  private renderReview(): string {
    const head = '<section id="review" class="card" aria-labelledby="review-h"><div class="card-head"><h2 id="review-h">Needs review</h2>';
    const { orphans, sidecar } = this.article;
    if (orphans.length === 0) return `${head}</div>\n<p class="empty">Nothing to review: every annotation is placed on the text.</p>\n</section>`;
    const rows = orphans.map(({ annotation: a, reason }) => {
      const who = a.speaker === undefined ? undefined : (sidecar.speakers.get(a.speaker)?.name ?? a.speaker);
      const demand = a.demand === undefined ? undefined : (sidecar.demands.get(a.demand)?.summary ?? a.demand);
      const sub = [who, demand].filter((x): x is string => Boolean(x));
      return '<tr>' +
        `<td>${escapeHtml(a.id)}</td>` +
        `<td>${escapeHtml(TYPE_LABEL[a.type] ?? a.type)}${sub.length ? `<span class="sub">${escapeHtml(sub.join(' · '))}</span>` : ''}</td>` +
        `<td>${a.text ? `<p class="qtext">${escapeHtml(collapse(a.text))}</p>` : '<span class="muted">no stored text</span>'}</td>` +
        `<td class="reason">${escapeHtml(reason)}</td>` +
        '</tr>';
    });
    return [
      `${head}<p>These annotations could not be placed on the article as it is now.</p></div>`,
      '<div class="table-scroll review"><table>',
      '<thead><tr><th>Id</th><th>Type</th><th>Stored text</th><th>Reason</th></tr></thead>',
      `<tbody>\n${rows.join('\n')}\n</tbody>`,
      '</table></div>',
      '</section>',
    ].join('\n');
  }
}

interface ChartRow {
  label: string;
  slot: number;
  quotes: number;
  words: number;
}

const CHART_WIDTH = 760;
const LABEL_WIDTH = 210;

function speakerChart(rows: ChartRow[]): string {
  const open = (height: number) =>
    `<svg class="al" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img" aria-labelledby="chart-speakers">`;
  if (rows.length === 0) return `${open(36)}<text class="none" x="0" y="22">No quotes in this article.</text></svg>`;
  const top = 26;
  const rowHeight = 30;
  const gap = 28;
  const column = (CHART_WIDTH - LABEL_WIDTH - gap) / 2;
  const barMax = column - 48;
  const xQuotes = LABEL_WIDTH;
  const xWords = LABEL_WIDTH + column + gap;
  const maxQuotes = Math.max(...rows.map((r) => r.quotes), 1);
  const maxWords = Math.max(...rows.map((r) => r.words), 1);
  const height = top + rows.length * rowHeight;
  const out = [open(height)];
  out.push(`<text class="axis" x="${xQuotes}" y="12">QUOTES</text><text class="axis" x="${xWords}" y="12">WORDS QUOTED</text>`);
  rows.forEach((r, n) => {
    const y = top + n * rowHeight;
    const mid = y + rowHeight / 2;
    const wq = r.quotes ? Math.max(2, (r.quotes / maxQuotes) * barMax) : 0;
    const ww = r.words ? Math.max(2, (r.words / maxWords) * barMax) : 0;
    out.push(
      `<g class="row">` +
        `<text x="${LABEL_WIDTH - 14}" y="${mid}" dy="0.35em" text-anchor="end"><title>${escapeHtml(r.label)}</title>${escapeHtml(truncate(r.label, 30))}</text>` +
        `<rect class="track" x="${xQuotes}" y="${mid - 8}" width="${num(barMax)}" height="16" rx="3"/>` +
        `<rect class="bar bar-quotes fs${r.slot}" x="${xQuotes}" y="${mid - 8}" width="${num(wq)}" height="16" rx="3"/>` +
        `<text class="val" x="${num(xQuotes + wq + 6)}" y="${mid}" dy="0.35em">${r.quotes}</text>` +
        `<rect class="track" x="${num(xWords)}" y="${mid - 8}" width="${num(barMax)}" height="16" rx="3"/>` +
        `<rect class="bar bar-words words fs${r.slot}" x="${num(xWords)}" y="${mid - 8}" width="${num(ww)}" height="16" rx="3"/>` +
        `<text class="val" x="${num(xWords + ww + 6)}" y="${mid}" dy="0.35em">${r.words}</text>` +
        `</g>`,
    );
  });
  out.push('</svg>');
  return out.join('\n');
}

function anonymousChart(anonymous: { quotes: number; words: number }, total: { quotes: number; words: number }): string {
  const rowHeight = 34;
  const barWidth = CHART_WIDTH - LABEL_WIDTH - 190;
  const height = 2 * rowHeight;
  const out = [`<svg class="al" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" role="img" aria-labelledby="chart-anon">`];
  const row = (n: number, label: string, part: number, whole: number, unit: string) => {
    const mid = n * rowHeight + rowHeight / 2;
    const w = whole ? (part / whole) * barWidth : 0;
    const value = whole ? `${Math.round((100 * part) / whole)}% · ${part} of ${plural(whole, unit)}` : `no ${unit}s`;
    out.push(
      `<g class="row"><text x="${LABEL_WIDTH - 14}" y="${mid}" dy="0.35em" text-anchor="end">${label}</text>` +
        `<rect class="${whole ? 'rest' : 'track'}" x="${LABEL_WIDTH}" y="${mid - 9}" width="${barWidth}" height="18" rx="3"/>` +
        (w > 0 ? `<rect class="anon bar-anon" x="${LABEL_WIDTH}" y="${mid - 9}" width="${num(Math.max(2, w))}" height="18" rx="3"/>` : '') +
        `<text class="val" x="${LABEL_WIDTH + barWidth + 12}" y="${mid}" dy="0.35em">${value}</text></g>`,
    );
  };
  row(0, 'Quotes', anonymous.quotes, total.quotes, 'quote');
  row(1, 'Quoted words', anonymous.words, total.words, 'word');
  out.push('</svg>');
  return out.join('\n');
}

/** Words as a reader counts them: runs of letters or digits, "don't" and "anti-semitism" one each. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:['’-][\p{L}\p{N}][\p{L}\p{N}\p{M}]*)*/gu)?.length ?? 0;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('').trimEnd() + '…';
}

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
