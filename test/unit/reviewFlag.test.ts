// The `review` flag of an annotation (docs/SIDECAR.md "Review"): read, checked, written, set
// and cleared by anchoring, and written back by the session so an orphan's stale offsets are
// never trusted again.
import * as assert from 'node:assert/strict';
import { anchorAnnotations } from '../../src/core/anchoring';
import { buildArticleModel } from '../../src/core/articleModel';
import { AnnotationSession } from '../../src/core/session';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { lineColOf, sampleArticle, sampleSidecarSource } from './helpers';

const EDITED_AWAY = (text: string) => text.replace('a positive and constructive meeting about tackling anti-semitism."\n\nThis take', 'a good meeting." This view');
const EDITED_WORDS = (text: string) => text.replace('a positive and constructive meeting about tackling anti-semitism.', 'a constructive meeting about anti-semitism.');

function sidecarText(review: string): string {
  return [
    'version: 1',
    'document:',
    '  offsets: utf16',
    'speakers:',
    '  ann:',
    '    name: Ann',
    '    kind: person',
    'demands: {}',
    'annotations:',
    '  - id: a1',
    '    type: quote',
    '    speaker: ann',
    '    start: 0',
    '    end: 5',
    '    text: Hello',
    review,
    '',
  ].join('\n');
}

/** Opens the sample sidecar on `text` as the extension does, and writes it back for `text`. */
function openAndWrite(source: string, text: string): { written: string; session: AnnotationSession } {
  const parsed = parseSidecar(source);
  const anchored = anchorAnnotations(parsed.sidecar!, text);
  const session = new AnnotationSession(text, parsed.sidecar!, anchored.placed, anchored.orphans);
  return { written: serializeSidecar(session.toSidecar(text), parsed.doc), session };
}

describe('review flag: reading and checking', () => {
  it('reads status, was and reason', () => {
    const p = parseSidecar(sidecarText('    review: {status: repaired, was: Hullo, reason: its text was edited}'));
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.sidecar!.annotations[0].review, { status: 'repaired', was: 'Hullo', reason: 'its text was edited' });
  });

  it('an unknown status, a missing one and a review that is not a mapping are errors at their line and column', () => {
    const bad = sidecarText('    review:\n      status: lost');
    const p = parseSidecar(bad);
    assert.equal(p.problems.length, 1);
    assert.match(p.problems[0].message, /"status" must be one of orphan, repaired, not "lost"/);
    assert.deepEqual({ line: p.problems[0].line, column: p.problems[0].column }, lineColOf(bad, 'lost'));
    assert.ok(p.readOnly);

    const missing = sidecarText('    review:\n      was: Hullo');
    const m = parseSidecar(missing);
    assert.match(m.problems[0].message, /The review of annotation "a1" has no "status"/);
    assert.deepEqual({ line: m.problems[0].line, column: m.problems[0].column }, lineColOf(missing, 'was: Hullo'));

    const scalar = sidecarText('    review: yes');
    const s = parseSidecar(scalar);
    assert.match(s.problems[0].message, /"review" must be a mapping/);
    assert.deepEqual({ line: s.problems[0].line, column: s.problems[0].column }, lineColOf(scalar, 'yes'));

    const listWas = sidecarText('    review: {status: orphan, was: [a, b]}');
    assert.match(parseSidecar(listWas).problems[0].message, /"was" must be text/);
  });
});

describe('review flag: writing', () => {
  it('keeps comments and unknown keys inside the review mapping, and drops the whole mapping once accepted', () => {
    const src = sidecarText('    # flagged by the tool\n    review:\n      status: repaired\n      was: Hullo # before the copy edit\n      by: kim');
    const p = parseSidecar(src);
    const s = p.sidecar!;
    s.annotations[0].review = { ...s.annotations[0].review!, reason: 'its text was edited' };
    const out = serializeSidecar(s, p.doc);
    assert.equal(out, src.replace('      by: kim', '      by: kim\n      reason: its text was edited'));
    delete s.annotations[0].review;
    assert.equal(serializeSidecar(s, parseSidecar(out).doc), sidecarText('').replace(/\n\n$/, '\n'));
  });

  it('writes a new flag last in the annotation, in block style, the same bytes every time', () => {
    const p = parseSidecar(sidecarText(''));
    const s = p.sidecar!;
    s.annotations[0].review = { status: 'orphan', reason: 'its text "Hello" could not be found: it said "#1"' };
    const once = serializeSidecar(s, p.doc);
    assert.match(once, /\n    text: Hello\n    review:\n      status: orphan\n      reason: 'its text "Hello" could not be found: it said "#1"'\n/);
    assert.equal(serializeSidecar(parseSidecar(once).sidecar!, parseSidecar(once).doc), once);
    assert.deepEqual(parseSidecar(once).sidecar!.annotations[0].review, s.annotations[0].review);
  });
});

describe('review flag: anchoring', () => {
  it('an orphan is flagged, and written back with its flag and the new hash', () => {
    const text = EDITED_AWAY(sampleArticle());
    const { written } = openAndWrite(sampleSidecarSource(), text);
    const back = parseSidecar(written).sidecar!;
    assert.equal(back.document.sha256, sha256Hex(text));
    const a7 = back.annotations.find((a) => a.id === 'a7')!;
    assert.equal(a7.review?.status, 'orphan');
    assert.match(a7.review!.reason!, /could not be found with confidence/);
  });

  it('regression: an orphan written with the new hash is not trusted at its stale offsets on the next read', () => {
    const text = EDITED_AWAY(sampleArticle());
    const { written } = openAndWrite(sampleSidecarSource(), text);
    // Read again: the hash matches the text now, yet a7's offsets are where it was in the old text.
    const again = buildArticleModel(written, text);
    assert.deepEqual(again.orphans.map((o) => o.annotation.id), ['a7']);
    assert.equal(again.placed.find((a) => a.id === 'a7'), undefined, 'never drawn on the words now at its old offsets');
    assert.equal(again.anchored.outcomes.find((o) => o.annotationId === 'a7')?.status, 'orphan');
    // And written once more, it stays an orphan, flagged, with its own text.
    const { written: twice } = openAndWrite(written, text);
    const a7 = parseSidecar(twice).sidecar!.annotations.find((a) => a.id === 'a7')!;
    assert.equal(a7.text, 'a positive and constructive meeting about tackling anti-semitism.');
    assert.equal(a7.review?.status, 'orphan');
  });

  it('an orphan whose text comes back is placed there and its flag dropped, even with a matching hash', () => {
    const original = sampleArticle();
    const { written } = openAndWrite(sampleSidecarSource(), EDITED_AWAY(original));
    // The colleague reverts the article: the sidecar's hash is the edited text's, not this one.
    const model = buildArticleModel(written, original);
    const a7 = model.placed.find((a) => a.id === 'a7')!;
    assert.equal(original.slice(a7.start, a7.end), a7.text);
    assert.equal(a7.review, undefined);
    assert.deepEqual(model.orphans, []);
    // Same with a hash that matches: the flag alone makes it searched for.
    const rehashed = written.replace(/sha256: \w+/, `sha256: ${sha256Hex(original)}`);
    const m2 = buildArticleModel(rehashed, original);
    assert.deepEqual(m2.orphans, []);
    assert.equal(m2.placed.find((a) => a.id === 'a7')!.review, undefined);
  });

  it('a repaired span is flagged with the old words, and stays flagged on the next read at its trusted offsets', () => {
    const text = EDITED_WORDS(sampleArticle());
    const { written } = openAndWrite(sampleSidecarSource(), text);
    const back = parseSidecar(written).sidecar!.annotations.find((a) => a.id === 'a7')!;
    assert.equal(back.text, 'a constructive meeting about anti-semitism.');
    assert.deepEqual(back.review, { status: 'repaired', was: 'a positive and constructive meeting about tackling anti-semitism.', reason: 'its text was edited in the article' });
    const again = anchorAnnotations(parseSidecar(written).sidecar!, text);
    const o = again.outcomes.find((x) => x.annotationId === 'a7')!;
    assert.equal(o.status, 'exact');
    assert.equal(o.review?.status, 'repaired');
    assert.equal(again.placed.find((a) => a.id === 'a7')!.review?.was, back.review!.was);
  });

  it('a repaired span edited again keeps the first words it had in `was`', () => {
    const text = EDITED_WORDS(sampleArticle());
    const { written } = openAndWrite(sampleSidecarSource(), text);
    const twice = text.replace('a constructive meeting about anti-semitism.', 'a constructive meeting on anti-semitism.');
    const r = anchorAnnotations(parseSidecar(written).sidecar!, twice);
    const o = r.outcomes.find((x) => x.annotationId === 'a7')!;
    assert.equal(o.status, 'repaired');
    assert.equal(o.review?.was, 'a positive and constructive meeting about tackling anti-semitism.');
  });
});
