// The HTML report draws every speaker as the editor does (palette.ts speakerStyles): the first
// ten in the themed slots, every later one in its generated colour with its underline, a
// speaker's own sidecar colour over both; per light and dark base. Read back from the page: the
// marks' classes and the article's own style block. In a real browser: test/e2e/report.e2e.mjs.
import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { renderHtmlReport } from '../../src/core/export/html';
import { hex, speakerColors } from '../../src/core/export/report/speakerColors';
import { speakerStyles, THEMED_COLORS, ThemeBase } from '../../src/core/palette';
import { ArticleInput } from '../../src/core/export/types';
import { checkHighlights, checkMarkup, cspOf, dataOf, stylesOf } from './htmlReportChecks';
import { manySpeakersArticle } from './manySpeakers';

const SELECTOR: Record<ThemeBase, string> = { light: ':root,body.vscode-light', dark: 'body.vscode-dark' };

/** What each speaker's quotes look like on a base, as the page says: fill colour and underline style. */
function quoteLooks(article: ArticleInput, page: string, base: ThemeBase): Map<string, { color: string; underline?: string }> {
  const [, own] = stylesOf(page);
  const vars = new Map<string, string>();
  if (own) {
    const block = own.content.split('\n').find((l) => l.startsWith(`${SELECTOR[base]}{`));
    assert.ok(block, `a ${base} block`);
    for (const [, name, value] of block.matchAll(/(--al-s\d+[bu]?):([^;]+);/g)) vars.set(name, value);
  }
  const data = dataOf(page);
  const marks = checkHighlights(article, page);
  const out = new Map<string, { color: string; underline?: string }>();
  for (const a of article.placed) {
    if (a.type !== 'quote') continue;
    const mark = marks.find((m) => m.start === a.start)!;
    const slot = Number(mark.classes.find((c) => /^qs\d+$/.test(c))!.slice(2));
    assert.equal(slot, data.speakers[[...article.sidecar.speakers.keys()].indexOf(a.speaker!)].slot, 'the data block agrees with the mark');
    if (slot <= 10) {
      out.set(a.speaker!, { color: THEMED_COLORS[base][slot - 1] });
      continue;
    }
    // Every class past ten has its rules, and its underline only if it has an underline style.
    assert.ok(own!.content.includes(`.hl.qs${slot}{background-color:var(--al-s${slot}b)}`), `qs${slot}`);
    assert.equal(vars.get(`--al-s${slot}b`), `${vars.get(`--al-s${slot}`)}${base === 'light' ? '30' : '40'}`);
    const underline = vars.get(`--al-s${slot}u`);
    assert.equal(own!.content.includes(`.hl.qs${slot},.chip.q.s${slot},.t-badge.quote.s${slot}{text-decoration:underline var(--al-s${slot}u)`), underline !== undefined);
    out.set(a.speaker!, { color: vars.get(`--al-s${slot}`)!, ...(underline && { underline }) });
  }
  return out;
}

/** The editor's look of every speaker (decorations.ts draws from the same styles). */
function editorLooks(article: ArticleInput, base: ThemeBase): Map<string, { color: string; underline?: string }> {
  const out = new Map<string, { color: string; underline?: string }>();
  for (const [id, s] of speakerStyles(article.sidecar, 'speaker', base)) {
    out.set(id, { color: s.themeSlot ? THEMED_COLORS[base][s.themeSlot - 1] : s.color!, ...(s.underline && { underline: s.underline }) });
  }
  return out;
}

describe('html report: speaker colours', () => {
  it('15 speakers: 15 distinct quote colours on light and dark, each the editor\'s, underlined past the tenth', () => {
    const article = manySpeakersArticle(15);
    const page = renderHtmlReport(article, {});
    checkMarkup(page);
    for (const base of ['light', 'dark'] as const) {
      const looks = quoteLooks(article, page, base);
      assert.equal(looks.size, 15);
      assert.equal(new Set([...looks.values()].map((l) => l.color)).size, 15, `${base}: ${[...looks.values()].map((l) => l.color)}`);
      assert.deepEqual(looks, editorLooks(article, base), base);
      assert.deepEqual([...looks.values()].map((l) => l.underline !== undefined), [...Array(15).keys()].map((i) => i >= 10));
    }
    // The article's legend says what the underline means; a report of ten speakers does not.
    assert.match(page, /<li><span class="hl q qs11">Quote<\/span> past the tenth speaker, also underlined<\/li>/);
    const ten = renderHtmlReport(manySpeakersArticle(10), {});
    assert.doesNotMatch(ten, /also underlined<\/li>/);
    assert.equal(stylesOf(ten).length, 1);
  });

  it('every theme block of the article: light, high-contrast light, dark (preference and VS Code), high contrast', () => {
    const { css } = speakerColors(manySpeakersArticle(12).sidecar);
    const lines = css!.toString().split('\n');
    const starts = lines.filter((l) => /^[^.]/.test(l) && !l.startsWith('/*')).map((l) => l.slice(0, l.indexOf('{--')));
    assert.deepEqual(starts, [':root,body.vscode-light', 'body.vscode-high-contrast-light', '@media (prefers-color-scheme:dark){:root', 'body.vscode-dark', 'body.vscode-high-contrast']);
    // It parses as CSS without a warning (esbuild knows the properties).
    assert.deepEqual(esbuild.transformSync(css!.toString(), { loader: 'css', logLevel: 'silent' }).warnings.map((w) => w.text), []);
    const fill = (n: number) => /--al-s11b:#[0-9a-f]{6}([0-9a-f]{2});/.exec(lines[n])![1];
    // The editor's fill alphas for literal colours per theme kind (decorations.ts fillAlpha).
    assert.deepEqual([1, 2, 3, 4, 5].map(fill), ['30', '40', '40', '40', '60']);
    assert.equal(lines[3].replace('@media (prefers-color-scheme:dark){:root{', '').slice(0, -1), lines[4].replace('body.vscode-dark{', ''), 'the two dark blocks agree');
  });

  it('a sidecar colour wins (no underline), alike own colours share a look, a bad one falls back and reaches no CSS', () => {
    const hostile = 'red;}body{display:none}';
    const article = manySpeakersArticle(13, { 3: '#123456', 5: hostile, 12: '#123456', 13: '#ABC' });
    const page = renderHtmlReport(article, {});
    checkMarkup(page);
    assert.ok(!page.includes('body{display') && !page.includes('red;'), 'nothing of the bad colour is in the page');
    for (const base of ['light', 'dark'] as const) {
      const looks = quoteLooks(article, page, base);
      assert.deepEqual(looks, editorLooks(article, base));
      assert.deepEqual(looks.get('s3'), { color: '#123456' });
      assert.deepEqual(looks.get('s12'), { color: '#123456' });
      assert.deepEqual(looks.get('s13'), { color: '#aabbcc' });
      assert.deepEqual(looks.get('s5'), { color: THEMED_COLORS[base][4] });
      assert.ok(looks.get('s11')!.underline, 'the generated colour keeps its underline');
    }
    const slots = dataOf(page).speakers.map((s) => s.slot);
    assert.equal(slots[2], slots[11], 'speakers 3 and 12 share a class');
    assert.equal(new Set(slots).size, 12);
  });

  it('webview mode: the article\'s colours carry the nonce too; no hash', () => {
    const page = renderHtmlReport(manySpeakersArticle(11), { nonce: 'n0nce', cspSource: "'self'" });
    assert.deepEqual(stylesOf(page).map((s) => s.attrs), [' nonce="n0nce"', ' nonce="n0nce"']);
    assert.match(cspOf(page), /style-src 'nonce-n0nce' 'self'; script-src 'nonce-n0nce';/);
  });

  it('only #rrggbb colours get into the CSS', () => {
    assert.equal(hex('#a1b2c3'), '#a1b2c3');
    for (const bad of [undefined, '#ABC', 'red', '#a1b2c3;}', '#a1b2c3d4', ' #a1b2c3', 'url(x)']) assert.throws(() => hex(bad), /not a #rrggbb colour/, String(bad));
  });
});
