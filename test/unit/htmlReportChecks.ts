// Reading an HTML report back, for the tests: its text and highlights (decoded, in UTF-16
// offsets, checked against a naive model of what covers what), its style, script, data block
// and CSP, and a check that its markup is only the report's own tags and attributes.
import * as assert from 'node:assert/strict';
import { ArticleInput } from '../../src/core/export/types';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
function decode(html: string): string {
  assert.doesNotMatch(html.replace(/&(amp|lt|gt|quot|#39);/g, ''), /[<>"']|&/, `only escaped text: ${html.slice(0, 200)}`);
  return html.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);
}

export function executableScript(html: string): { attrs: string; content: string } {
  const m = [...html.matchAll(/<script((?: nonce="[^"]*")?)>([\s\S]*?)<\/script>/g)];
  assert.equal(m.length, 1, 'one executable script');
  return { attrs: m[0][1], content: m[0][2] };
}

/** The style elements: the report's stylesheet, then, if the article has speakers past the themed ten, their colours. */
export function stylesOf(html: string): { attrs: string; content: string }[] {
  const m = [...html.matchAll(/<style((?: nonce="[^"]*")?)>([\s\S]*?)<\/style>/g)];
  assert.ok(m.length === 1 || m.length === 2, `one or two style elements, not ${m.length}`);
  return m.map((e) => ({ attrs: e[1], content: e[2] }));
}

/** The report's stylesheet element. */
export function styleOf(html: string): { attrs: string; content: string } {
  return stylesOf(html)[0];
}

export function dataOf(html: string): { speakers: { name: string; kind: string; role?: string; slot: number }[]; demands: { summary: string; status?: string }[]; annotations: { type: string; start: number; end: number; line: number; speaker?: number; demand?: number; stance?: string; note?: string }[] } {
  const m = [...html.matchAll(/<script type="application\/json" id="al-data">([\s\S]*?)<\/script>/g)];
  assert.equal(m.length, 1, 'one data block');
  assert.doesNotMatch(m[0][1], /[<>&\u2028\u2029]/, 'the data block holds no <, >, & or line separators');
  return JSON.parse(m[0][1]);
}

/** The page without its style and script: what a reader sees, and the data. */
export function visible(html: string): string {
  return html.replace(/(<style[^>]*>)[\s\S]*?(<\/style>)/g, '$1$2').replace(/(<script>|<script nonce="[^"]*">)[\s\S]*?(<\/script>)/, '$1$2');
}

export function cspOf(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'a CSP meta tag');
  assert.ok(m.index < html.indexOf('<style'), 'the CSP comes before the style');
  assert.doesNotMatch(m[1], /[<>&]/);
  return m[1];
}

export interface Segment {
  start: number;
  end: number;
  cover: number[];
  classes: string[];
  id?: string;
}

/** Reads the highlighted text back: its characters (decoded) and where each <mark> is, in UTF-16 offsets. */
export function segmentsOf(html: string): { text: string; marks: Segment[] } {
  const body = /<div class="text">([\s\S]*?)<\/div>/.exec(html);
  if (!body) return { text: '', marks: [] };
  let text = '';
  const marks: Segment[] = [];
  const token = /<mark class="([^"]*)" data-a="([\d ]*)" tabindex="0"(?: id="(t\d+)")?>([^<]*)<\/mark>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = token.exec(body[1]))) {
    at = token.lastIndex;
    if (m[5] !== undefined) {
      text += decode(m[5]);
      continue;
    }
    const piece = decode(m[4]);
    assert.ok(piece.length > 0, 'no empty mark');
    marks.push({ start: text.length, end: text.length + piece.length, cover: m[2].split(' ').map(Number), classes: m[1].split(' '), id: m[3] });
    text += piece;
  }
  assert.equal(at, body[1].length, `the text holds only text and marks, at ${at}: ${body[1].slice(at, at + 80)}`);
  return { text, marks };
}

/** Checks the text against a naive model: every mark lists exactly the annotations covering it, outermost first. */
export function checkHighlights(article: ArticleInput, html: string): Segment[] {
  const { text, marks } = segmentsOf(html);
  assert.equal(text, article.text, 'the text comes back unchanged');
  const placed = article.placed;
  const covering = (from: number, to: number) => placed.map((a, i) => [a, i] as const).filter(([a]) => a.start < a.end && a.start <= from && a.end >= to).map(([, i]) => i);
  let covered = 0;
  for (const [n, mark] of marks.entries()) {
    assert.deepEqual([...mark.cover].sort((x, y) => x - y), covering(mark.start, mark.end), `mark ${n} at ${mark.start}-${mark.end}`);
    const lengths = mark.cover.map((i) => placed[i].end - placed[i].start);
    assert.deepEqual(lengths, [...lengths].sort((x, y) => y - x), 'outermost first');
    // Maximal: no annotation boundary falls strictly inside a mark.
    for (const a of placed) if (a.start < a.end) for (const b of [a.start, a.end]) assert.ok(!(b > mark.start && b < mark.end), `boundary ${b} inside mark ${mark.start}-${mark.end}`);
    covered += mark.end - mark.start;
  }
  // Every annotation's marks, in order, are exactly its text: the highlight wraps the right characters.
  placed.forEach((a, i) => {
    if (a.start >= a.end) return;
    const mine = marks.filter((m) => m.cover.includes(i));
    assert.equal(mine.map((m) => text.slice(m.start, m.end)).join(''), article.text.slice(a.start, a.end), `annotation ${i}`);
    assert.equal(mine[0].start, a.start);
    assert.equal(mine[mine.length - 1].end, a.end);
    for (let k = 1; k < mine.length; k++) assert.equal(mine[k].start, mine[k - 1].end, 'contiguous');
    assert.ok(mine[0].id, 'the first mark of an annotation has an id for links');
  });
  const union = new Set<number>();
  for (const a of placed) for (let k = a.start; k < a.end; k++) union.add(k);
  assert.equal(covered, union.size, 'marks cover exactly the annotated characters');
  return marks;
}

const TAGS = new Set([
  'html', 'head', 'meta', 'title', 'style', 'body', 'header', 'div', 'p', 'h1', 'h2', 'h3', 'dl', 'dt', 'dd', 'nav', 'ul', 'li', 'a', 'main', 'section',
  'span', 'mark', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'figure', 'svg', 'g', 'text', 'rect', 'footer', 'script',
]);
const ATTRS = new Set([
  'lang', 'charset', 'http-equiv', 'content', 'name', 'class', 'id', 'href', 'data-a', 'tabindex', 'title', 'aria-label', 'aria-labelledby',
  'aria-hidden', 'role', 'hidden', 'type', 'nonce', 'viewBox', 'width', 'height', 'x', 'y', 'dy', 'rx', 'text-anchor',
]);

/**
 * Every tag and attribute of the page is one the report writes itself: with the style, script and
 * data removed, every "<" starts an allowed tag, every attribute is allowed and double-quoted,
 * ids and classes are our own tokens, links are fragment links.
 */
export function checkMarkup(html: string): void {
  const stripped = html
    .replace(/(<style[^>]*>)[\s\S]*?(<\/style>)/g, '$1$2')
    .replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2');
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*(\/?)>/y;
  const tags: string[] = [];
  for (let i = stripped.indexOf('<'); i !== -1; i = stripped.indexOf('<', i + 1)) {
    if (stripped.startsWith('<!DOCTYPE html>', i)) continue;
    tag.lastIndex = i;
    const m = tag.exec(stripped);
    assert.ok(m, `a "<" that starts no tag: ${stripped.slice(i, i + 80)}`);
    assert.ok(TAGS.has(m[2]), `tag ${m[2]}`);
    tags.push(m[0]);
    for (const [, name, value = ''] of m[3].matchAll(/\s+([a-zA-Z-]+)(?:="([^"]*)")?/g)) {
      assert.ok(ATTRS.has(name), `attribute ${name} on ${m[2]}`);
      if (name === 'href') assert.match(value, /^#[a-z0-9-]+$/, 'fragment links only');
      if (name === 'id') assert.match(value, /^[a-z0-9-]+$/);
      if (name === 'class') assert.match(value, /^[a-z0-9-]+(?: [a-z0-9-]+)*$/, `class ${value}`);
      if (name === 'data-a') assert.match(value, /^\d+(?: \d+)*$/);
      if (name === 'style' || name.startsWith('on')) assert.fail(`${name} attribute`);
    }
  }
  // In the markup, that is; text may say anything, escaped.
  assert.doesNotMatch(tags.join(''), /javascript:/i);
  assert.doesNotMatch(tags.join(''), /\s(?:src|srcset|action|formaction|xlink:href)=/i);
  const [sheet, colors] = stylesOf(html);
  assert.doesNotMatch(sheet.content, /url\(|@import/);
  // The article's colours: selectors, custom properties and #hex values only; no string, escape, url() or import.
  if (colors) {
    assert.match(colors.content, /^[A-Za-z0-9 \n#:;,.(){}*/@'-]+$/);
    assert.doesNotMatch(colors.content, /url\(|@import/);
  }
}
