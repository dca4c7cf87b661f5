// Spans whose UTF-16 offsets fall between the two halves of an astral character (an emoji):
// refused when read, and never produced by anchoring, re-anchoring or edits.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnchorTracker, TextEdit } from '../../src/core/anchorTracker';
import { anchorAnnotations, anchorContext, splitsSurrogatePair, wholeCharacters } from '../../src/core/anchoring';
import { buildArticleModel } from '../../src/core/articleModel';
import { loadArticle } from '../../src/core/export/article';
import { Annotation } from '../../src/core/model';
import { serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { lineColOf, sidecarWith, speaker } from './helpers';

const TEXT = 'Ann said 😀 twice 😀.';
const EMOJI = TEXT.indexOf('😀');

function sidecarSource(a: Omit<Annotation, 'id' | 'type' | 'speaker'>, hash = true): string {
  return serializeSidecar(sidecarWith([speaker('ann', 'Ann')], [], [{ id: 'a1', type: 'quote', speaker: 'ann', ...a }], hash ? sha256Hex(TEXT) : undefined));
}

/** Every span edge of `spans` is a character boundary of `text`. */
function assertWhole(text: string, spans: { id: string; start: number; end: number }[]): void {
  for (const s of spans) {
    assert.ok(!splitsSurrogatePair(text, s.start) && !splitsSurrogatePair(text, s.end), `${s.id} [${s.start}, ${s.end}) splits a character of ${JSON.stringify(text)}`);
  }
}

describe('sidecar spans: offsets that split a surrogate pair', () => {
  it('an "end" inside an emoji is an error at the end value; the annotation is an orphan, not placed', () => {
    const source = sidecarSource({ start: 0, end: EMOJI + 1 });
    const model = buildArticleModel(source, TEXT);
    assert.deepEqual(model.placed, []);
    assert.deepEqual(model.orphans.map((o) => [o.annotation.id, o.reason]), [['a1', 'span splits a character in two']]);
    assert.equal(model.problems.length, 1);
    const [p] = model.problems;
    assert.equal(p.severity, 'error');
    assert.match(p.message, /^Annotation "a1": "end" \(10\) falls inside the character "😀" \(U\+1F600\): UTF-16 offsets must not split a surrogate pair \(use 9 or 11\)/);
    const at = lineColOf(source, `${EMOJI + 1}\n`, source.indexOf('end:'));
    assert.deepEqual([p.line, p.column], [at.line, at.column]);
    assert.equal(source.slice(p.start, p.end), `${EMOJI + 1}`);
    assert.equal(model.readOnly, true);
  });

  it('a "start" inside an emoji, without sha256 or text, is an error at the start value', () => {
    const source = sidecarSource({ start: EMOJI + 1, end: TEXT.length }, false);
    const model = buildArticleModel(source, TEXT);
    assert.deepEqual(model.placed, []);
    assert.equal(model.problems.length, 1);
    assert.match(model.problems[0].message, /"start" \(10\) falls inside the character "😀"/);
    const at = lineColOf(source, `${EMOJI + 1}\n`, source.indexOf('start:'));
    assert.deepEqual([model.problems[0].line, model.problems[0].column], [at.line, at.column]);
  });

  it('spans on whole characters, emoji included, are fine', () => {
    const model = buildArticleModel(sidecarSource({ start: EMOJI, end: EMOJI + 2, ...anchorContext(TEXT, EMOJI, EMOJI + 2) }), TEXT);
    assert.deepEqual(model.problems, []);
    assert.deepEqual(model.placed.map((a) => [a.start, a.end]), [[EMOJI, EMOJI + 2]]);
  });

  it('with a stored text and no sha256, a split span is re-anchored on whole characters', () => {
    const source = sidecarSource({ start: EMOJI + 1, end: EMOJI + 7, text: '😀 twi', prefix: 'Ann said ' }, false);
    const model = buildArticleModel(source, TEXT);
    assert.deepEqual(model.placed.map((a) => [a.start, a.end]), [[EMOJI, EMOJI + 6]]);
    assert.equal(model.readOnly, false);
  });

  it('a stored text starting with a lone low surrogate is not found inside an emoji', () => {
    // "\udE00 twice" matches the article from the second half of the first emoji on.
    const r = anchorAnnotations(sidecarWith([speaker('ann', 'Ann')], [], [{ id: 'a1', type: 'quote', speaker: 'ann', start: 0, end: 3, text: '\ude00 twice', prefix: 'Ann said \ud83d' }]), TEXT);
    assert.deepEqual(r.placed, []);
    assert.deepEqual(r.orphans.map((o) => o.annotation.id), ['a1']);
  });

  it('a new span (Mark Selection) with an edge inside an emoji takes the whole emoji', () => {
    assert.deepEqual(wholeCharacters(TEXT, { start: EMOJI + 1, end: EMOJI + 7 }), { start: EMOJI, end: EMOJI + 7 });
    const last = TEXT.lastIndexOf('😀');
    assert.deepEqual(wholeCharacters(TEXT, { start: 0, end: last + 1 }), { start: 0, end: last + 2 });
    assert.deepEqual(wholeCharacters(TEXT, { start: 0, end: TEXT.length }), { start: 0, end: TEXT.length });
    assert.deepEqual(wholeCharacters('\ude00\ud83d', { start: 1, end: 1 }), { start: 1, end: 1 });
  });

  it('no export sees half an emoji', () => {
    const loaded = loadArticle('a.txt', TEXT, sidecarSource({ start: EMOJI + 1, end: EMOJI + 8 }));
    assert.deepEqual(loaded.article!.placed, []);
    assert.equal(loaded.article!.orphans.length, 1);
  });
});

/** Text from pieces with astral characters (emoji, a skin-tone sequence, a math letter) and combining marks. */
const textArb = (maxLength: number) =>
  fc.array(fc.constantFrom('a', 'b', ' ', '.', '\n', '😀', '👍🏽', '𝐀', 'e\u0301', 'é'), { maxLength }).map((parts) => parts.join(''));

/** The UTF-16 offsets of `text` that are character boundaries. */
function boundaries(text: string): number[] {
  const out = [0];
  for (let i = 0; i < text.length; ) {
    i += text.codePointAt(i)! > 0xffff ? 2 : 1;
    out.push(i);
  }
  return out;
}

describe('sidecar spans: anchoring and edits never produce a split span (properties)', () => {
  it('anchorAnnotations places spans on whole characters, whatever the stored offsets, text and context', () => {
    const piece = fc.oneof(textArb(4), fc.constantFrom('\ud83d', '\ude00', '\udc4d'));
    fc.assert(
      fc.property(
        textArb(30),
        textArb(30),
        fc.array(fc.record({ start: fc.nat(70), length: fc.nat(12), text: fc.option(fc.array(piece, { maxLength: 3 }).map((p) => p.join('')), { nil: undefined }), prefix: piece, suffix: piece }), { maxLength: 8 }),
        fc.boolean(),
        (written, text, specs, withHash) => {
          // Offsets are taken in the text the sidecar was written for; the article may differ.
          const annotations: Annotation[] = specs.map((s, i) => ({ id: `a${i}`, type: 'quote', speaker: 'ann', start: s.start, end: s.start + s.length, text: s.text ?? written.slice(s.start, s.start + s.length), prefix: s.prefix, suffix: s.suffix }));
          const sidecar = sidecarWith([speaker('ann', 'Ann')], [], annotations, withHash ? sha256Hex(written) : undefined);
          const r = anchorAnnotations(sidecar, text);
          assertWhole(text, r.placed);
          assert.equal(r.placed.length + r.orphans.length, annotations.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('AnchorTracker keeps spans on whole characters through edits on whole characters', () => {
    const editArb = fc.record({ a: fc.nat(), b: fc.nat(), inserted: textArb(3) });
    fc.assert(
      fc.property(textArb(25), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 8 }), fc.array(editArb, { maxLength: 10 }), (initial, pairs, edits) => {
        let text = initial;
        const b = boundaries(text);
        const spans = pairs.map(([x, y], i) => {
          const [s, e] = [b[x % b.length], b[y % b.length]].sort((p, q) => p - q);
          return { id: `s${i}`, start: s, end: e };
        });
        const tracker = new AnchorTracker(spans);
        for (const { a, b: c, inserted } of edits) {
          const bs = boundaries(text);
          const [from, to] = [bs[a % bs.length], bs[c % bs.length]].sort((p, q) => p - q);
          const edit: TextEdit = { offset: from, length: to - from, inserted: inserted.length };
          text = text.slice(0, from) + inserted + text.slice(to);
          tracker.apply(edit);
          assertWhole(text, tracker.spans());
        }
      }),
      { numRuns: 500 },
    );
  });
});
