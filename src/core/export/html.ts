// HTML report: one self-contained page per article (`<path>.html`), for a browser or for the VS
// Code "Show Report" webview. It shows a summary, the article with its annotations highlighted
// (hover or focus a highlight for its details), an index of speakers, the demands with their
// responses, a chart of who gets quoted how much (and how much of it anonymously), and what
// needs review. This file is the page shell; the sections are in report/.
//
// Safety: the page is built only with the `html` tag (safeHtml.ts), which escapes every
// interpolated value in text and attributes and refuses any other position. Sidecar ids never
// reach an attribute, a class or CSS (elements are named by indices, colours by class numbers);
// links are fragment links only. The tooltips are built by the script from a JSON block, with
// textContent. The page loads nothing: a strict Content-Security-Policy allows only its own
// inline styles and script (report/report.css, the article's speaker colours past the ten
// themed ones from report/speakerColors.ts, report/report.js), by sha256 (deterministic, for
// a file) or by nonce (for a webview). No inline style attributes, which that policy would block.
import { AnnotationType } from '../model';
import { sha256Base64 } from '../sha256';
import { REPORT_CSS, REPORT_SCRIPT } from './report/generated/assets';
import { demandTable } from './report/demandTable';
import { articleSection, highlightedText } from './report/highlights';
import { quoteChart } from './report/quoteChart';
import { ReportModel } from './report/reportModel';
import { reviewTable } from './report/reviewTable';
import { speakerIndex } from './report/speakerIndex';
import { countWords, plural } from './report/wording';
import { html, htmlLines, SafeHtml, scriptJson, trustedHtml } from './safeHtml';
import { ArticleInput, Exporter } from './types';

export { countWords } from './report/wording';

export interface HtmlReportOptions {
  /** Extra CSP source for a VS Code webview (webview.cspSource); omitted for a file. */
  cspSource?: string;
  /** A nonce for the inline script and style, for a webview; omitted → CSP uses sha256 hashes of the inline script and style so the file is deterministic (golden tests). */
  nonce?: string;
}

/** One file per article, `<path>.html`, whatever the number of articles. */
export const exportHtml: Exporter = (articles) =>
  articles.map((article) => ({ path: `${article.path}.html`, content: renderHtmlReport(article, {}) }));

/** `sha256-…` of a style or script element's content, as a CSP source expression. */
export function cspHash(content: string): string {
  return `'sha256-${sha256Base64(content)}'`;
}

/**
 * A nonce: base64 or base64url. A CSP source list as VS Code gives it (webview.cspSource is
 * "'self' https://*.vscode-cdn.net"): schemes, hosts and URLs, and 'self', but no other quoted
 * keyword ('unsafe-inline' …) and no ";" that would start another directive.
 */
const NONCE = /^[A-Za-z0-9+/_=-]+$/;
const CSP_SOURCE = /^(?:'self'|[A-Za-z0-9.:/*_+-]+)(?: (?:'self'|[A-Za-z0-9.:/*_+-]+))*$/;

/** Throws on a nonce or CSP source that would change the policy (shared with the corpus report). */
export function checkReportOptions({ nonce, cspSource }: HtmlReportOptions): void {
  if (nonce !== undefined && !NONCE.test(nonce)) throw new Error(`not a valid CSP nonce: ${JSON.stringify(nonce)}`);
  if (cspSource !== undefined && !CSP_SOURCE.test(cspSource)) throw new Error(`not a valid CSP source: ${JSON.stringify(cspSource)}`);
}

const STYLE = trustedHtml(REPORT_CSS);
const SCRIPT = trustedHtml(REPORT_SCRIPT);

/** The report page for one article; `options` as for a webview, or none for a file. */
export function renderHtmlReport(article: ArticleInput, options: HtmlReportOptions = {}): string {
  const { nonce, cspSource } = options;
  checkReportOptions(options);
  const model = new ReportModel(article);
  const textHtml = highlightedText(model); // first: it numbers the segments the other parts link to
  const source = (s: string) => (s ? ` ${s}` : '');
  const allow = (content: string) => (nonce === undefined ? cspHash(content) : `'nonce-${nonce}'`);
  // The article's own speaker colours, if it has speakers past the themed ten: a second style
  // block, allowed by its own hash (a nonce covers both).
  const colors = model.colors.css;
  const styleSrc = nonce === undefined && colors ? `${allow(REPORT_CSS)} ${allow(colors.toString())}` : allow(REPORT_CSS);
  const csp =
    `default-src 'none'; style-src ${styleSrc}${source(cspSource ?? '')}; script-src ${allow(REPORT_SCRIPT)}; ` +
    `img-src${source(cspSource ?? '')} data:; base-uri 'none'; form-action 'none'`;
  const { path } = article;
  return htmlLines([
    pageHead(csp, `Attribution report: ${path}`),
    nonce === undefined ? html`<style>${STYLE}</style>` : html`<style nonce="${nonce}">${STYLE}</style>`,
    ...(!colors ? [] : [nonce === undefined ? html`<style>${colors}</style>` : html`<style nonce="${nonce}">${colors}</style>`]),
    html`</head>`,
    html`<body>`,
    header(model),
    html`<nav class="toc" aria-label="Sections"><ul><li><a href="#article">Article</a></li><li><a href="#speakers">Speakers</a></li><li><a href="#demands">Demands</a></li><li><a href="#quoted">Who is quoted</a></li><li><a href="#review">Needs review</a></li></ul></nav>`,
    html`<main class="wrap">`,
    articleSection(model, textHtml, nonce !== undefined),
    speakerIndex(model),
    demandTable(model),
    quoteChart(model),
    reviewTable(article),
    html`</main>`,
    html`<footer class="wrap">Made by Attribution Lens from ${path} and its sidecar. This page is self-contained: it loads nothing from the network.</footer>`,
    html`<div id="al-tip" role="tooltip" hidden></div>`,
    html`<script type="application/json" id="al-data">${scriptJson(model.data)}</script>`,
    nonce === undefined ? html`<script>${SCRIPT}</script>` : html`<script nonce="${nonce}">${SCRIPT}</script>`,
    html`</body>`,
    html`</html>`,
    '',
  ]).toString();
}

/** The page's first lines, up to its title: the policy comes before anything it governs. */
export function pageHead(csp: string, title: string): SafeHtml {
  return htmlLines([
    html`<!DOCTYPE html>`,
    html`<html lang="en">`,
    html`<head>`,
    html`<meta charset="utf-8">`,
    html`<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    html`<meta name="viewport" content="width=device-width, initial-scale=1">`,
    html`<meta name="referrer" content="no-referrer">`,
    html`<meta name="generator" content="Attribution Lens">`,
    html`<title>${title}</title>`,
  ]);
}

function header(model: ReportModel): SafeHtml {
  const { article, placed, text } = model;
  const counts = new Map<AnnotationType, number>();
  for (const a of placed) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
  const { sidecar, orphans } = article;
  const stat = (label: string, n: number, cls = '') => html`<div class="stat${cls}"><dt>${label}</dt><dd>${n}</dd></div>`;
  const unplaced = orphans.length ? `, and ${plural(orphans.length, 'annotation')} that could not be placed` : '';
  return htmlLines([
    html`<header class="top"><div class="wrap">`,
    html`<p class="eyebrow">Attribution report</p>`,
    html`<h1>${article.path}</h1>`,
    html`<p class="lede">${plural(placed.length, 'annotation')} in ${plural(countWords(text), 'word')} of text${unplaced}.</p>`,
    html`<dl class="stats">`,
    stat('Mentions', counts.get('mention') ?? 0),
    stat('Quotes', counts.get('quote') ?? 0),
    stat('Demands stated', counts.get('demand') ?? 0),
    stat('Responses', counts.get('response') ?? 0),
    stat('Speakers', sidecar.speakers.size),
    stat('Demands', sidecar.demands.size),
    stat('Needs review', orphans.length, orphans.length ? ' warn' : ''),
    html`</dl>`,
    html`</div></header>`,
  ]);
}
