// The corpus report as one self-contained HTML page, in the article report's style (its
// stylesheet, then corpus.css): who is quoted most, quotes and words by kind of source and by
// each attribute (overall, per month, per outlet folder), the totals per month and per folder,
// and the open demands with their threads. Built only with the `html` tag (safeHtml.ts): every
// name, value and quote is escaped text; ids and classes are our own. No script: the CSP allows
// the two inline stylesheets (by sha256 in a file, by nonce in a webview) and nothing else.
import { checkReportOptions, cspHash, HtmlReportOptions, pageHead } from '../export/html';
import { CORPUS_CSS, REPORT_CSS } from '../export/report/generated/assets';
import { collapse, plural } from '../export/report/wording';
import { html, htmlLines, SafeHtml, trustedHtml } from '../export/safeHtml';
import { SPEAKER_KINDS, STANCES } from '../model';
import { statusText } from '../wording';
import { barChart, percent, stackedChart, valueLegend } from './reportCharts';
import { Breakdown, CorpusReportData, GroupRow, OpenDemand, SpeakerRow } from './reportData';

export interface CorpusHtmlOptions extends HtmlReportOptions {
  /** What the corpus is, for the title: the folder's name. */
  title?: string;
}

/** How many speakers the chart shows, and the table; the CSV has them all. */
const CHART_SPEAKERS = 15;
const TABLE_SPEAKERS = 50;

const STYLE = trustedHtml(REPORT_CSS);
const CORPUS_STYLE = trustedHtml(CORPUS_CSS);

export function corpusReportHtml(data: CorpusReportData, options: CorpusHtmlOptions = {}): string {
  checkReportOptions(options);
  const { nonce, cspSource } = options;
  const source = cspSource ? ` ${cspSource}` : '';
  const styleSrc = nonce === undefined ? `${cspHash(REPORT_CSS)} ${cspHash(CORPUS_CSS)}` : `'nonce-${nonce}'`;
  const csp = `default-src 'none'; style-src ${styleSrc}${source}; script-src 'none'; img-src${source} data:; base-uri 'none'; form-action 'none'`;
  const title = options.title ? `Corpus report: ${options.title}` : 'Corpus report';
  const style = (body: SafeHtml) => (nonce === undefined ? html`<style>${body}</style>` : html`<style nonce="${nonce}">${body}</style>`);
  const toc = [
    html`<li><a href="#quoted">Quoted most</a></li>`,
    ...data.breakdowns.map((b, i) => html`<li><a href="#by-${i}">By ${b.label}</a></li>`),
    html`<li><a href="#months">Per month</a></li>`,
    html`<li><a href="#folders">Per folder</a></li>`,
    html`<li><a href="#demands">Open demands</a></li>`,
  ];
  return htmlLines([
    pageHead(csp, title),
    style(STYLE),
    style(CORPUS_STYLE),
    html`</head>`,
    html`<body>`,
    header(data, options.title),
    html`<nav class="toc" aria-label="Sections"><ul>${toc}</ul></nav>`,
    html`<main class="wrap">`,
    quotedMost(data),
    ...data.breakdowns.map((b, i) => breakdownSection(b, i, data)),
    groupSection('months', 'Per month', 'Month', data.months, 'Months are those of each article’s date (document.date, else the file’s modification time).'),
    groupSection('folders', 'Per outlet folder', 'Folder', data.folders, 'Folders are those the articles are in, below the corpus folder.'),
    demandsSection(data.openDemands),
    html`</main>`,
    html`<footer class="wrap">Made by Attribution Lens from ${plural(data.articles, 'annotated article')}. Words are those of each quote’s stored text. This page is self-contained: it loads nothing and runs no script.</footer>`,
    html`</body>`,
    html`</html>`,
    '',
  ]).toString();
}

function header(data: CorpusReportData, title: string | undefined): SafeHtml {
  const stat = (label: string, value: string | number, small = '') => html`<div class="stat"><dt>${label}</dt><dd>${value}${small ? html`<span class="unit">${small}</span>` : ''}</dd></div>`;
  const quoted = data.speakers.filter((s) => s.quotes > 0).length;
  const [first, last] = [day(data.firstDate), day(data.lastDate)];
  const range = first === undefined ? 'no article is dated' : first === last ? `dated ${first}` : `dated ${first} to ${last}`;
  const undated = data.undated && data.firstDate !== undefined ? `, ${data.undated} undated` : '';
  return htmlLines([
    html`<header class="top"><div class="wrap">`,
    html`<p class="eyebrow">Corpus report</p>`,
    html`<h1>${title ?? 'All annotated articles'}</h1>`,
    html`<p class="lede">${plural(data.articles, 'article')}, ${range}${undated}.</p>`,
    html`<dl class="stats">`,
    stat('Articles', data.articles),
    stat('Quotes', data.total.quotes),
    stat('Words quoted', data.total.words),
    stat('Speakers quoted', quoted),
    stat('Anonymous', percent(data.anonymous.quotes, data.total.quotes), 'of quotes'),
    stat('Open demands', data.openDemands.length),
    html`</dl>`,
    html`</div></header>`,
  ]);
}

/** The day of an ISO date or date-time, as a reader scans it (a file's modification time has milliseconds). */
function day(date: string | undefined): string | undefined {
  return date === undefined ? undefined : (/^\d{4}-\d{2}-\d{2}/.exec(date)?.[0] ?? date);
}

function section(id: string, heading: string, summary: string, body: (SafeHtml | string)[]): SafeHtml {
  return htmlLines([
    html`<section id="${id}" class="card" aria-labelledby="${id}-h"><div class="card-head"><h2 id="${id}-h">${heading}</h2><p>${summary}</p></div>`,
    ...body,
    html`</section>`,
  ]);
}

/** A kind's badge; a kind the format does not know (a hand-edited file) never becomes a class. */
function kindBadge(kind: string): SafeHtml {
  return (SPEAKER_KINDS as readonly string[]).includes(kind) ? html`<span class="badge k-${kind}">${kind}</span>` : html`<span class="badge">${kind}</span>`;
}

function attributeText(s: SpeakerRow): string {
  return Object.entries(s.attributes).map(([k, v]) => `${k}: ${v}`).join(' · ');
}

function quotedMost(data: CorpusReportData): SafeHtml {
  const quoted = data.speakers.filter((s) => s.quotes > 0);
  const shown = quoted.slice(0, TABLE_SPEAKERS);
  const rows = shown.map((s) => html`<tr><td><div class="who"><span>${s.name}${attributeText(s) ? html`<span class="sub">${attributeText(s)}</span>` : ''}</span></div></td><td>${kindBadge(s.kind)}</td><td class="n">${s.quotes}</td><td class="n">${s.words}</td><td class="n">${percent(s.quotes, data.total.quotes)}</td><td class="n">${s.articles}</td></tr>`);
  const more = quoted.length > shown.length ? html`<p class="note">The ${TABLE_SPEAKERS} quoted most of ${quoted.length}; the CSV has them all.</p>` : '';
  return section('quoted', 'Quoted most', `${plural(quoted.length, 'speaker')} quoted`, [
    html`<figure><h3 id="chart-quoted">Quotes and quoted words, the ${Math.min(CHART_SPEAKERS, quoted.length)} speakers quoted most</h3>${barChart(quoted.slice(0, CHART_SPEAKERS).map((s) => ({ label: s.name, quotes: s.quotes, words: s.words })), 'chart-quoted', 'No quotes in the corpus.')}</figure>`,
    shown.length
      ? html`<div class="table-scroll figures"><table><thead><tr><th>Speaker</th><th>Kind</th><th class="n">Quotes</th><th class="n">Words quoted</th><th class="n">Share of quotes</th><th class="n">Articles</th></tr></thead><tbody>${rows}</tbody></table></div>`
      : '',
    more,
  ]);
}

function breakdownSection(b: Breakdown, index: number, data: CorpusReportData): SafeHtml {
  const id = `by-${index}`;
  const total = data.total.quotes;
  const overallRows = [
    { label: 'Quotes', tallies: b.overall, measure: 'quotes' as const },
    { label: 'Quoted words', tallies: b.overall, measure: 'words' as const },
  ];
  const figureOf = (suffix: string, heading: string, chart: SafeHtml) => html`<figure><h3 id="${id}-${suffix}">${heading}</h3>${chart}</figure>`;
  const tableRows = b.values.map((v) => {
    const t = b.overall.get(v)!;
    return html`<tr><td>${v}</td><td class="n">${t.quotes}</td><td class="n">${percent(t.quotes, total)}</td><td class="n">${t.words}</td><td class="n">${percent(t.words, data.total.words)}</td></tr>`;
  });
  const months = [...b.byMonth].sort(([x], [y]) => data.months.findIndex((m) => m.group === x) - data.months.findIndex((m) => m.group === y));
  const folders = [...b.byFolder].sort(([x], [y]) => data.folders.findIndex((m) => m.group === x) - data.folders.findIndex((m) => m.group === y));
  if (total === 0) return section(id, `By ${b.label}`, 'no quotes', [html`<p class="empty">No quotes in the corpus.</p>`]);
  return section(id, `By ${b.label}`, `${plural(b.values.length, 'value')}`, [
    figureOf('all', `Share of quotes and of quoted words by ${b.label}`, stackedChartBoth(overallRows, b.values, `${id}-all`)),
    valueLegend(b.values, b.overall, total),
    html`<div class="table-scroll figures"><table><thead><tr><th>${capitalised(b.label)}</th><th class="n">Quotes</th><th class="n">Share</th><th class="n">Words quoted</th><th class="n">Share</th></tr></thead><tbody>${tableRows}</tbody></table></div>`,
    figureOf('months', `Share of quotes by ${b.label}, per month`, stackedChart(months.map(([label, tallies]) => ({ label, tallies })), b.values, 'quotes', `${id}-months`)),
    figureOf('folders', `Share of quotes by ${b.label}, per outlet folder`, stackedChart(folders.map(([label, tallies]) => ({ label, tallies })), b.values, 'quotes', `${id}-folders`)),
  ]);
}

/** The overall chart: one bar of quotes, one of words, each split by value. */
function stackedChartBoth(rows: { label: string; tallies: Breakdown['overall']; measure: 'quotes' | 'words' }[], values: readonly string[], labelledBy: string): SafeHtml {
  return htmlLines(rows.map((r) => stackedChart([{ label: r.label, tallies: r.tallies }], values, r.measure, labelledBy)));
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function groupSection(id: string, heading: string, column: string, rows: readonly GroupRow[], note: string): SafeHtml {
  const body = rows.map((g) => html`<tr><td>${g.group}</td><td class="n">${g.articles}</td><td class="n">${g.quotes}</td><td class="n">${g.words}</td><td class="n">${g.speakers}</td></tr>`);
  return section(id, heading, plural(rows.length, column.toLowerCase()), [
    html`<figure><h3 id="${id}-chart">Quotes and quoted words, ${heading.toLowerCase()}</h3>${barChart(rows.map((g) => ({ label: g.group, quotes: g.quotes, words: g.words })), `${id}-chart`, 'No articles.')}</figure>`,
    html`<div class="table-scroll figures"><table><thead><tr><th>${column}</th><th class="n">Articles</th><th class="n">Quotes</th><th class="n">Words quoted</th><th class="n">Speakers quoted</th></tr></thead><tbody>${body}</tbody></table></div>`,
    html`<p class="note">${note}</p>`,
  ]);
}

function demandsSection(demands: readonly OpenDemand[]): SafeHtml {
  if (demands.length === 0) return section('demands', 'Open demands', 'none', [html`<p class="empty">No demand is open.</p>`]);
  const items = demands.map((d) => {
    const who = `by ${d.by.length ? d.by.join(', ') : 'not recorded'}, to ${d.to.length ? d.to.join(', ') : 'not recorded'}`;
    const status = d.status ? html`<span class="badge st-open">open</span>` : html`<span class="badge">${statusText(undefined)}</span>`;
    const thread = d.thread.map((t) => {
      const stance = t.stance && (STANCES as readonly string[]).includes(t.stance) ? html`<span class="badge sn-${t.stance}">${t.stance.replace(/-/g, ' ')}</span>` : '';
      return html`<li><div class="meta"><span class="badge t-${t.type}">${t.type === 'demand' ? 'stated' : 'response'}</span><span>${day(t.date) ?? 'no date'}</span><span>${t.article}</span>${t.speaker ? html`<strong>${t.speaker}</strong>` : ''}${stance}</div>${t.text ? html`<p class="qtext">${collapse(t.text)}</p>` : ''}</li>`;
    });
    const responses = d.thread.filter((t) => t.type === 'response').length;
    return html`<div class="demand"><h3>${d.summary}</h3><span class="sub">${who} · ${plural(responses, 'response')}</span><div class="status-line">${status}</div>${thread.length ? html`<ul class="thread">${thread}</ul>` : html`<p class="empty">Not stated or answered in any annotated span.</p>`}</div>`;
  });
  return section('demands', 'Open demands', `${plural(demands.length, 'demand')}, the longest waiting first`, items);
}
