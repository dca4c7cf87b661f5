// The legend's pure parts: paint (shared with the decorations), the CSS of render options,
// swatches, counts, which spans are drawn (no alias underline inside a quote), and the page.
import * as assert from 'node:assert/strict';
import { HighlightSpan } from '../../src/core/articleModel';
import { ALL_HIGHLIGHTS, highlightSummary, quoteCover, spansToDraw } from '../../src/core/highlightFilter';
import { countsText, cssVariable, decorationCss, legendRows, spanCounts, speakerPaint, swatchDataUrl, swatchHex, swatchSvg } from '../../src/core/legend';
import { legendHtml } from '../../src/core/legendHtml';
import { Annotation } from '../../src/core/model';
import { generated, speakerStyles, THEMED_COLORS } from '../../src/core/palette';
import { sidecarWith, speaker } from './helpers';

const quote = (id: string, start: number, end: number, speakerId = 's1'): HighlightSpan => ({ kind: 'annotation', start, end, annotation: { id, type: 'quote', start, end, speaker: speakerId } as Annotation });
const mention = (id: string, start: number, end: number): HighlightSpan => ({ kind: 'annotation', start, end, annotation: { id, type: 'mention', start, end, speaker: 's1' } as Annotation });
const alias = (start: number, end: number): HighlightSpan => ({ kind: 'alias', start, end, speaker: 's2' });

describe('legend: paint and swatches', () => {
  it('themed slots paint with the theme colours the decorations use; later speakers with literal ones and an underline', () => {
    const many = Array.from({ length: 12 }, (_, i) => speaker(`s${i}`, `S${i}`));
    const styles = [...speakerStyles(sidecarWith(many, [], []), 'speaker', 'dark').values()];
    assert.deepEqual(speakerPaint(styles[2], '40'), { fill: { theme: 'attributionLens.speaker3' }, line: { theme: 'attributionLens.speaker3Border' } });
    const g = generated('dark', 0);
    assert.deepEqual(speakerPaint(styles[10], '40'), { fill: { hex: `${g.color}40` }, line: { hex: g.color }, underline: g.underline });
    assert.equal(swatchHex(styles[2], 'light'), THEMED_COLORS.light[2]);
    assert.equal(swatchHex(styles[10], 'dark'), g.color);
  });

  it('a swatch is an SVG of the colour only; anything but #rrggbb is refused', () => {
    assert.match(swatchSvg('#1f6fd6'), /^<svg [^>]*><rect [^>]*fill="#1f6fd6"[^>]*stroke="#1f6fd6"/);
    for (const bad of ['red', '#12345', '#1f6fd6"/><script>', 'url(x)']) assert.throws(() => swatchSvg(bad));
    const url = swatchDataUrl('#1f6fd6');
    assert.match(url, /^data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+$/);
    assert.equal(Buffer.from(url.split(',')[1], 'base64').toString(), swatchSvg('#1f6fd6'));
  });

  it('render options become the CSS VS Code draws for them, theme colours as webview variables', () => {
    assert.equal(cssVariable('attributionLens.speaker3Border'), '--vscode-attributionLens-speaker3Border');
    const css = decorationCss({ backgroundColor: 'theme:attributionLens.speaker3', borderWidth: '1px', borderStyle: 'solid', borderColor: 'theme:attributionLens.speaker3Border', borderRadius: '3px', fontWeight: '600', overviewRulerColor: 'theme:x', overviewRulerLane: '1', rangeBehavior: '1' });
    assert.equal(css, 'background-color: var(--vscode-attributionLens-speaker3); border-width: 1px; border-style: solid; border-color: var(--vscode-attributionLens-speaker3Border); border-radius: 3px; font-weight: 600');
    assert.equal(decorationCss({ backgroundColor: '#d6272840', borderWidth: '0 0 2px 0', borderStyle: 'dashed' }), 'background-color: #d6272840; border-width: 0 0 2px 0; border-style: dashed');
    // Nothing that could end the declaration or the attribute.
    assert.equal(decorationCss({ backgroundColor: 'red; background: url(x)', borderColor: '"><b>' }), '');
  });

  it('counts each speaker\'s and demand\'s spans by type, and says the non-zero ones', () => {
    const c = spanCounts([
      { type: 'quote', speaker: 'a' }, { type: 'quote', speaker: 'a' }, { type: 'mention', speaker: 'a' },
      { type: 'response', speaker: 'b', demand: 'd1' }, { type: 'demand', demand: 'd1' },
    ]);
    assert.equal(countsText(c.speakers.get('a')!), '2 quotes · 1 mention');
    assert.equal(countsText(c.speakers.get('b')!), '1 response');
    assert.deepEqual(c.demands.get('d1'), { mention: 0, quote: 0, demand: 1, response: 1 });
    const rows = legendRows(sidecarWith([speaker('a', 'A'), speaker('b', 'B'), speaker('c', 'C')], [], []), speakerStyles(sidecarWith([speaker('a', 'A'), speaker('b', 'B'), speaker('c', 'C')], [], []), 'speaker', 'dark'), c.speakers);
    assert.deepEqual(rows.map((r) => [r.speaker.id, r.style.key, countsText(r.counts)]), [['a', '1', '2 quotes · 1 mention'], ['b', '2', '1 response'], ['c', '3', '']]);
  });
});

describe('legend: which spans are drawn', () => {
  it('leaves out an alias underline inside a drawn quote, keeps one outside or across its edge', () => {
    const spans = [alias(0, 5), quote('q1', 10, 50), alias(10, 15), alias(20, 25), alias(45, 55), quote('q2', 60, 70), alias(60, 70), mention('m', 20, 25)].sort((a, b) => a.start - b.start || a.end - b.end);
    const drawn = spansToDraw(spans, ALL_HIGHLIGHTS);
    const aliases = drawn.filter((s) => s.kind === 'alias').map((s) => [s.start, s.end]);
    assert.deepEqual(aliases, [[0, 5], [45, 55]]);
    assert.equal(drawn.filter((s) => s.kind === 'annotation').length, 3, 'quotes and mentions are all drawn');
    // Asked for, or with quotes not filled, they are all back.
    assert.equal(spansToDraw(spans, { ...ALL_HIGHLIGHTS, aliasesInQuotes: true }).filter((s) => s.kind === 'alias').length, 5);
    assert.equal(spansToDraw(spans, { ...ALL_HIGHLIGHTS, quote: false }).filter((s) => s.kind === 'alias').length, 5);
  });

  it('a quote nested in a longer one still covers; the master switch draws nothing and keeps the choices', () => {
    const inside = quoteCover([quote('long', 0, 100), quote('short', 10, 20), quote('late', 200, 210)]);
    assert.equal(inside(50, 60), true, 'inside the long quote, after the short one ended');
    assert.equal(inside(150, 160), false);
    assert.equal(inside(205, 215), false, 'across the end of a quote');
    assert.equal(inside(0, 100), true, 'a quote covers itself');
    const spans = [quote('q', 0, 10), alias(20, 25)];
    assert.deepEqual(spansToDraw(spans, { ...ALL_HIGHLIGHTS, enabled: false }), []);
    assert.deepEqual(spansToDraw(spans, { ...ALL_HIGHLIGHTS, aliases: false }).map((s) => s.kind), ['annotation']);
  });

  it('the status-bar summary says all, off, or how many kinds are shown', () => {
    assert.equal(highlightSummary(ALL_HIGHLIGHTS).text, 'Highlights');
    assert.equal(highlightSummary({ ...ALL_HIGHLIGHTS, enabled: false }).text, 'Highlights off');
    assert.equal(highlightSummary({ ...ALL_HIGHLIGHTS, quote: false, aliases: false }).text, 'Highlights: 3 of 5');
    assert.equal(highlightSummary({ ...ALL_HIGHLIGHTS, quote: false, mention: false, aliases: false, demand: false, response: false }).off, true);
  });
});

describe('legend: the page', () => {
  const sidecar = sidecarWith([speaker('a', 'Ann <b>"Bold"</b>'), speaker('b', 'Bob')], [], []);
  const rows = legendRows(sidecar, speakerStyles(sidecar, 'speaker', 'dark'), spanCounts([{ type: 'quote', speaker: 'a' }]).speakers);
  const css = (key: string) => `background-color: var(--k-${key.replace(/\W/g, '-')})`;

  it('shows each speaker with their own decorations\' CSS and counts, and every highlight kind', () => {
    const page = legendHtml({ article: 'story.txt', rows, colorBy: 'speaker', flags: ALL_HIGHLIGHTS, css });
    assert.match(page, /data-decoration="quote:1" style="background-color: var\(--k-quote-1\)"/);
    assert.match(page, /data-decoration="mention:2" style="background-color: var\(--k-mention-2\)">Bob</);
    assert.match(page, /1 quote/);
    for (const key of ['quote:1', 'mention:1', 'alias:1', 'demand', 'response']) assert.ok(page.includes(`data-decoration="${key}"`), key);
    assert.match(page, /Alias underlines are left out inside quotes/);
    assert.match(page, /content="default-src 'none'; style-src 'unsafe-inline'"/, 'no script, nothing loaded');
  });

  it('escapes sidecar text, and marks hidden kinds', () => {
    const page = legendHtml({ article: 'story.txt', rows, colorBy: 'speaker', flags: { ...ALL_HIGHLIGHTS, demand: false }, css });
    assert.ok(page.includes('Ann &lt;b&gt;&quot;Bold&quot;&lt;/b&gt;'));
    assert.ok(!page.includes('<b>'));
    assert.match(page, /data-kind="demand" class="off"/);
    assert.match(page, /data-kind="quote" class="on"/);
    const none = legendHtml({ rows: [], colorBy: 'speaker', flags: { ...ALL_HIGHLIGHTS, enabled: false }, css });
    assert.match(none, /Open an annotated article/);
    assert.match(none, /All highlights are off/);
    assert.doesNotMatch(none, /class="on"/);
  });
});
