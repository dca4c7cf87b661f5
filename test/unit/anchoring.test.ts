import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchorAnnotations, anchorContext, CONTEXT_LENGTH, reanchor } from '../../src/core/anchoring';
import { Annotation, Sidecar } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { sampleArticle, sampleSidecarSource, sidecarWith, speaker } from './helpers';

function sample(): { text: string; sidecar: Sidecar } {
  return { text: sampleArticle(), sidecar: parseSidecar(sampleSidecarSource()).sidecar! };
}

/** A quote annotation on `text` at [start, end), with the anchor fields the extension writes. */
function quoteAt(id: string, text: string, start: number, end: number): Annotation {
  return { id, type: 'quote', speaker: 's', start, end, ...anchorContext(text, start, end) };
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

describe('anchoring: trusted offsets', () => {
  it('places every sample annotation at its stored offsets when sha256 matches', () => {
    const { text, sidecar } = sample();
    const r = anchorAnnotations(sidecar, text);
    assert.equal(r.hashMatches, true);
    assert.deepEqual(r.orphans, []);
    assert.deepEqual(r.moved, []);
    assert.deepEqual(r.issues, []);
    assert.equal(r.placed.length, 65);
    const byId = new Map(r.placed.map((a) => [a.id, a]));
    for (const a of sidecar.annotations) assert.deepEqual(byId.get(a.id), a);
    // Sorted by start, then end.
    for (let i = 1; i < r.placed.length; i++) {
      const [p, q] = [r.placed[i - 1], r.placed[i]];
      assert.ok(p.start < q.start || (p.start === q.start && p.end <= q.end));
    }
  });

  it('matches the hash case-insensitively', () => {
    const { text, sidecar } = sample();
    sidecar.document.sha256 = sidecar.document.sha256!.toUpperCase();
    assert.equal(anchorAnnotations(sidecar, text).hashMatches, true);
  });

  it('keeps a hand-edited text at its trusted offsets, with a warning', () => {
    const { text, sidecar } = sample();
    const a7 = sidecar.annotations.find((a) => a.id === 'a7')!;
    a7.text = 'a positive meeting';
    const r = anchorAnnotations(sidecar, text);
    assert.equal(r.placed.length, 65);
    assert.deepEqual(r.orphans, []);
    const placed = r.placed.find((a) => a.id === 'a7')!;
    assert.deepEqual([placed.start, placed.end], [1358, 1423]);
    assert.equal(r.issues.length, 1);
    assert.equal(r.issues[0].annotationId, 'a7');
    assert.equal(r.issues[0].severity, 'warning');
    assert.match(r.issues[0].message, /"text" differs from the article text at 1358–1423/);
  });

  it('does not mutate the sidecar it anchors', () => {
    const { text, sidecar } = sample();
    const before = JSON.stringify(sidecar.annotations);
    anchorAnnotations(sidecar, 'Completely different text. ' + text);
    assert.equal(JSON.stringify(sidecar.annotations), before);
  });

  it('a span past the end of the text is an error and an orphan, never dropped', () => {
    const { text, sidecar } = sample();
    sidecar.annotations.push({ id: 'late', type: 'mention', speaker: 'corbyn', start: text.length - 2, end: text.length + 5, text: 'xyz' });
    const r = anchorAnnotations(sidecar, text);
    assert.equal(r.placed.length, 65);
    assert.equal(r.orphans.length, 1);
    assert.equal(r.orphans[0].annotation.id, 'late');
    assert.equal(r.orphans[0].reason, 'span past the end of the text');
    assert.deepEqual(
      r.issues.map((i) => [i.annotationId, i.severity]),
      [['late', 'error']],
    );
    assert.match(r.issues[0].message, new RegExp(`span ${text.length - 2}–${text.length + 5} is past the end of the text \\(${text.length} UTF-16 units\\)`));
  });

  it('without sha256 or text, a span past the end is still an error', () => {
    const s = sidecarWith([speaker('s', 'S')], [], [{ id: 'a1', type: 'quote', speaker: 's', start: 3, end: 50 }]);
    const r = anchorAnnotations(s, 'short text');
    assert.equal(r.hashMatches, false);
    assert.deepEqual(r.orphans.map((o) => o.annotation.id), ['a1']);
    assert.equal(r.issues[0].severity, 'error');
  });

  it('a span ending exactly at the end of the text is fine', () => {
    const text = 'Hello world';
    const s = sidecarWith([speaker('s', 'S')], [], [quoteAt('a1', text, 6, 11)], sha256Hex(text));
    const r = anchorAnnotations(s, text);
    assert.deepEqual(r.placed.map((a) => [a.start, a.end]), [[6, 11]]);
    assert.deepEqual(r.issues, []);
  });

  it('without sha256, offsets whose text still matches are trusted', () => {
    const { text, sidecar } = sample();
    delete sidecar.document.sha256;
    const r = anchorAnnotations(sidecar, text);
    assert.equal(r.hashMatches, false);
    assert.equal(r.placed.length, 65);
    assert.deepEqual(r.moved, []);
    assert.deepEqual(r.issues, []);
  });
});

describe('anchoring: re-anchoring a changed article', () => {
  it('finds every span at its new place after text is inserted before and between them', () => {
    const { text, sidecar } = sample();
    const head = 'UPDATED 14:05 — this story has been updated.\n\n';
    const at = text.indexOf('Labour sources later told');
    const middle = 'A paragraph added in the middle, mentioning Corbyn and the Labour Party.\n\n';
    const edited = head + text.slice(0, at) + middle + text.slice(at);
    const shift = (offset: number) => offset + head.length + (offset >= at ? middle.length : 0);
    const r = anchorAnnotations(sidecar, edited);
    assert.equal(r.hashMatches, false);
    assert.deepEqual(r.orphans, []);
    assert.equal(r.placed.length, 65);
    for (const a of sidecar.annotations) {
      const p = r.placed.find((x) => x.id === a.id)!;
      assert.deepEqual([p.start, p.end], [shift(a.start), shift(a.end)], a.id);
      assert.equal(edited.slice(p.start, p.end), a.text);
    }
    assert.equal(r.moved.length, 65);
    assert.ok(r.issues.every((i) => i.severity === 'warning' && /re-anchored from \d+ to \d+/.test(i.message)));
  });

  it('a span whose own text was edited is placed on the new words and flagged with old and new text', () => {
    const { text, sidecar } = sample();
    const edited = 'New first line.\n' + text.replace('a positive and constructive meeting about tackling anti-semitism.', 'a constructive meeting about anti-semitism.');
    const r = anchorAnnotations(sidecar, edited);
    assert.deepEqual(r.orphans, []);
    const at = edited.indexOf('a constructive meeting about anti-semitism.');
    const a7 = r.outcomes.find((o) => o.annotationId === 'a7')!;
    assert.deepEqual(a7, {
      annotationId: 'a7',
      status: 'repaired',
      score: a7.score,
      start: at,
      end: at + 'a constructive meeting about anti-semitism.'.length,
      oldText: 'a positive and constructive meeting about tackling anti-semitism.',
      newText: 'a constructive meeting about anti-semitism.',
      review: { status: 'repaired', was: 'a positive and constructive meeting about tackling anti-semitism.', reason: 'its text was edited in the article' },
    });
    assert.ok(a7.score > 0.5 && a7.score < 1);
    assert.ok(r.moved.includes('a7'));
    assert.ok(r.issues.some((i) => i.annotationId === 'a7' && /needs review: its text was edited/.test(i.message)));
    assert.deepEqual(new Set(r.outcomes.filter((o) => o.annotationId !== 'a7').map((o) => o.status)), new Set(['moved']));
    assert.equal(r.placed.length, 65);
  });

  it('a span whose text and context were rewritten becomes an orphan with a reason, unchanged', () => {
    const { text, sidecar } = sample();
    const edited = 'New first line.\n' + text.replace('a positive and constructive meeting about tackling anti-semitism."\n\nThis take', 'a good meeting." This view');
    const r = anchorAnnotations(sidecar, edited);
    assert.deepEqual(r.orphans.map((o) => o.annotation.id), ['a7']);
    const orphan = r.orphans[0];
    assert.equal(orphan.annotation.start, 1358);
    assert.equal(orphan.annotation.text, 'a positive and constructive meeting about tackling anti-semitism.');
    assert.match(orphan.reason, /could not be found with confidence/);
    assert.ok(r.issues.some((i) => i.annotationId === 'a7' && /needs review/.test(i.message)));
    assert.deepEqual(r.outcomes.find((o) => o.annotationId === 'a7'), { annotationId: 'a7', status: 'orphan', score: 0, review: { status: 'orphan', reason: orphan.reason } });
    assert.deepEqual(orphan.annotation.review, { status: 'orphan', reason: orphan.reason });
    assert.equal(r.placed.length, 64);
  });

  it('regression: without sha256, a quote whose text occurs twice goes to the occurrence whose context matches', () => {
    // Arkush's words, annotated; a paragraph added on top puts Corbyn's identical words at
    // the stored offsets. Without a hash only the context can tell them apart.
    const old = 'Arkush said: "we will not back down" on Tuesday night. ';
    const added = 'Corbyn said: "we will not back down" in the morning. ';
    const start = old.indexOf('we will');
    const a = quoteAt('a1', old + 'The end.', start, start + 'we will not back down'.length);
    const edited = added + old + 'The end.';
    assert.equal(edited.slice(a.start, a.end), a.text, 'the stored offsets now hold the same words, Corbyn\'s');
    const r = anchorAnnotations(sidecarWith([speaker('s', 'S')], [], [a]), edited);
    assert.deepEqual(r.placed.map((p) => [p.start, p.end]), [[added.length + start, added.length + a.end]]);
    assert.deepEqual(r.moved, ['a1']);
    assert.equal(r.outcomes[0].status, 'moved');
  });

  it('without sha256, text at its offsets with all of its context is exact', () => {
    const text = 'Arkush said: "we will not back down" on Tuesday night. Corbyn said: "we will not back down" too.';
    const a = quoteAt('a1', text, 14, 35);
    const r = anchorAnnotations(sidecarWith([speaker('s', 'S')], [], [a]), text);
    assert.deepEqual(r.outcomes, [{ annotationId: 'a1', status: 'exact', score: 1, start: 14, end: 35 }]);
  });

  it('regression: deleting any one paragraph never moves its spans to another place (0 wrong matches)', function () {
    this.timeout(10000);
    const { text, sidecar } = sample();
    const paragraphs = [...text.matchAll(/[^\n]+\n*/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    let wrong: string[] = [];
    let orphans = 0;
    for (const p of paragraphs) {
      const edited = text.slice(0, p.start) + text.slice(p.end);
      const removed = p.end - p.start;
      const r = anchorAnnotations(sidecar, edited);
      for (const a of sidecar.annotations) {
        const inside = a.start < p.end && a.end > p.start;
        const placed = r.placed.find((x) => x.id === a.id);
        if (a.start >= p.start && a.end <= p.end) {
          // Its text is gone: it may only be an orphan.
          if (placed) wrong.push(`${a.id} placed at ${placed.start} after deleting ${p.start}–${p.end}`);
        } else if (inside) {
          // Part of its text is left (a quote over two lines, one deleted): an orphan, or on what
          // is left of it (overlap of at least half, the benchmark's rule), flagged for review.
          const left = { start: Math.min(a.start, p.start), end: a.end > p.end ? a.end - removed : p.start };
          const common = placed ? Math.max(0, Math.min(placed.end, left.end) - Math.max(placed.start, left.start)) : 0;
          const status = r.outcomes.find((o) => o.annotationId === a.id)?.status;
          if (placed && (status !== 'repaired' || common / Math.max(placed.end - placed.start, left.end - left.start) < 0.5)) wrong.push(`${a.id} placed at ${placed.start}–${placed.end} (${status}) after deleting ${p.start}–${p.end}, left ${left.start}–${left.end}`);
        } else {
          const expected = a.start >= p.end ? a.start - removed : a.start;
          assert.ok(placed, `${a.id} lost after deleting ${p.start}–${p.end}`);
          if (placed.start !== expected) wrong.push(`${a.id} at ${placed.start}, expected ${expected}`);
        }
      }
      orphans += r.orphans.length;
    }
    assert.deepEqual(wrong, []);
    assert.ok(orphans > 40);
  });

  it('two places with equally good context give an orphan, even when one is nearer the old offset', () => {
    const text = 'Ann said yes. Bob said no. Ann said yes.';
    //            0123456789012345678901234567890123456789
    const a: Annotation = { id: 'a1', type: 'quote', speaker: 's', start: 4, end: 12, text: 'said yes', prefix: 'Ann ', suffix: '.' };
    assert.equal(reanchor(text, a, 4), undefined);
    const s = sidecarWith([speaker('s', 'S')], [], [a], sha256Hex('something else'));
    const r = anchorAnnotations(s, 'Intro. ' + text);
    assert.deepEqual(r.placed, []);
    assert.deepEqual(r.orphans.map((o) => o.annotation.id), ['a1']);
  });

  it('context picks the right occurrence, even when another is nearer the old offset', () => {
    const text = 'Ann said yes. Bob said yes. Cat said no.';
    const a: Annotation = { id: 'a1', type: 'quote', speaker: 's', start: 0, end: 8, text: 'said yes', prefix: 'Bob ', suffix: '. Cat said no.' };
    assert.deepEqual(reanchor(text, a, 0), { start: 18, end: 26 });
  });

  it('a short text with no stored context is never guessed, even when it occurs once', () => {
    const a: Annotation = { id: 'a1', type: 'mention', speaker: 's', start: 0, end: 3, text: 'Ann' };
    assert.equal(reanchor('Then Ann spoke.', a, 0), undefined);
  });

  it('a lone distinctive text without stored context is found (hand-written sidecars)', () => {
    const a: Annotation = { id: 'a1', type: 'quote', speaker: 's', start: 0, end: 20, text: 'we will not back down' };
    assert.deepEqual(reanchor('Intro. She said we will not back down today.', a, 0), { start: 16, end: 37 });
  });

  it('regression: a lone occurrence whose context disagrees is not taken for the original', () => {
    // The annotated sentence was deleted; the same words remain elsewhere, in another context.
    const a: Annotation = {
      id: 'a1',
      type: 'mention',
      speaker: 's',
      start: 40,
      end: 53,
      text: 'Jewish groups',
      prefix: 'om the party for anti-semitism, ',
      suffix: ' said on Tuesday night after a m',
    };
    assert.equal(reanchor('Later on, the Jewish groups described the six suggestions.', a, 40), undefined);
  });

  it('regression: a short text is not moved on the strength of a few coincidental characters of context', () => {
    const a: Annotation = { id: 'a1', type: 'mention', speaker: 's', start: 30, end: 36, text: 'Corbyn', prefix: 'ased shortly after the meeting, ', suffix: ' described the talks, which last' };
    const text = 'While Corbyn described the meeting as positive, Corbyn met the board.';
    assert.equal(reanchor(text, a, 30), undefined);
  });

  it('regression: when the article changed, the same words at the old offsets are not trusted without their context', () => {
    const text = 'Corbyn said the meeting was constructive.';
    const a: Annotation = { id: 'a1', type: 'mention', speaker: 's', start: 0, end: 6, ...anchorContext(text, 0, 6) };
    const edited = 'Corbyn arrived late. ' + text;
    const r = anchorAnnotations(sidecarWith([speaker('s', 'S')], [], [a], sha256Hex(text)), edited);
    assert.deepEqual(r.placed.map((p) => [p.start, p.end]), [[21, 27]]);
    assert.deepEqual(r.moved, ['a1']);
  });

  it('when the article changed, the same words at the old offsets with their context are kept, not moved', () => {
    const text = 'Corbyn said the meeting was constructive.';
    const a: Annotation = { id: 'a1', type: 'mention', speaker: 's', start: 0, end: 6, ...anchorContext(text, 0, 6) };
    const edited = text + ' Later, Corbyn said more.';
    const r = anchorAnnotations(sidecarWith([speaker('s', 'S')], [], [a], sha256Hex(text)), edited);
    assert.deepEqual(r.placed.map((p) => [p.start, p.end]), [[0, 6]]);
    assert.deepEqual(r.moved, []);
    assert.deepEqual(r.issues, []);
  });

  it('without sha256 or context, the text at the old offsets is trusted (hand-written sidecars)', () => {
    const a: Annotation = { id: 'a1', type: 'mention', speaker: 's', start: 0, end: 6, text: 'Corbyn' };
    const r = anchorAnnotations(sidecarWith([speaker('s', 'S')], [], [a], sha256Hex('old text')), 'Corbyn arrived. Corbyn said.');
    assert.deepEqual(r.placed.map((p) => [p.start, p.end]), [[0, 6]]);
    const noHash = anchorAnnotations(sidecarWith([speaker('s', 'S')], [], [{ ...a, prefix: 'x', suffix: 'y' }]), 'Corbyn arrived.');
    assert.deepEqual(noHash.placed.map((p) => [p.start, p.end]), [[0, 6]]);
  });

  it('property: with edits away from the span and its context, it is found where it went, or orphaned; never elsewhere', () => {
    const alphabet = fc.constantFrom('a', 'b', ' ', 'ab', 'ba ', 'x');
    const textArb = fc.array(alphabet, { minLength: 10, maxLength: 120 }).map((p) => p.join(''));
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), fc.nat(), fc.array(alphabet, { maxLength: 6 }), fc.nat(), (text, s0, len0, where0, ins, del0) => {
        const start = s0 % text.length;
        const end = Math.min(text.length, start + 1 + (len0 % 12));
        const a = quoteAt('a1', text, start, end);
        const inserted = ins.join('');
        // Edit outside [start - CONTEXT, end + CONTEXT): before or after.
        const before = where0 % 2 === 0;
        let edited: string;
        let expected: number;
        if (before) {
          const limit = Math.max(0, start - CONTEXT_LENGTH);
          const at = limit === 0 ? 0 : where0 % (limit + 1);
          const del = Math.min(del0 % 4, limit - at);
          edited = text.slice(0, at) + inserted + text.slice(at + del);
          expected = start + inserted.length - del;
        } else {
          const from = Math.min(text.length, end + CONTEXT_LENGTH);
          const at = from + (where0 % (text.length - from + 1));
          const del = Math.min(del0 % 4, text.length - at);
          edited = text.slice(0, at) + inserted + text.slice(at + del);
          expected = start;
        }
        const found = reanchor(edited, a, start);
        if (found !== undefined) assert.deepEqual(found, { start: expected, end: expected + (end - start) });
      }),
      { numRuns: 1500 },
    );
  });
});

describe('anchoring: code-point offsets', () => {
  const text = '😀 Emoji 👍🏽 first, then 𝒳 said “hello” and left.';

  function codepointSidecar(annotations: Annotation[], sha?: string): Sidecar {
    const s = sidecarWith([speaker('s', 'S')], [], annotations, sha);
    s.document.offsets = 'codepoint';
    return s;
  }

  it('converts code-point offsets after astral characters to the right UTF-16 offsets', () => {
    const cpText = Array.from(text);
    const startCp = cpText.indexOf('“') + 1;
    const endCp = startCp + 5;
    const s = codepointSidecar([{ id: 'a1', type: 'quote', speaker: 's', start: startCp, end: endCp, text: 'hello' }], sha256Hex(text));
    const r = anchorAnnotations(s, text);
    assert.deepEqual(r.issues, []);
    const utf16Start = text.indexOf('hello');
    assert.deepEqual(r.placed.map((a) => [a.start, a.end]), [[utf16Start, utf16Start + 5]]);
    assert.ok(utf16Start > startCp, 'the astral characters make UTF-16 offsets larger');
    assert.equal(utf16Start - startCp, 4); // 😀, 👍, 🏽 and 𝒳 each take two units
  });

  it('treats a code-point end at the code-point length as inside the text, one more as past it', () => {
    const cpLength = Array.from(text).length;
    const ok = codepointSidecar([{ id: 'a1', type: 'quote', speaker: 's', start: cpLength - 5, end: cpLength }], sha256Hex(text));
    assert.deepEqual(anchorAnnotations(ok, text).placed.map((a) => [a.start, a.end]), [[text.length - 5, text.length]]);
    const past = codepointSidecar([{ id: 'a1', type: 'quote', speaker: 's', start: cpLength - 5, end: cpLength + 1 }], sha256Hex(text));
    const r = anchorAnnotations(past, text);
    assert.equal(r.orphans.length, 1);
    assert.match(r.issues[0].message, new RegExp(`\\(${cpLength} code points\\)`));
  });

  it('re-anchors code-point spans after an emoji is inserted before them, reporting code points', () => {
    const start = text.indexOf('hello');
    const cp = Array.from(text.slice(0, start)).length;
    const ctx = anchorContext(text, start, start + 5);
    const s = codepointSidecar([{ id: 'a1', type: 'quote', speaker: 's', start: cp, end: cp + 5, ...ctx }], sha256Hex(text));
    const edited = '🎉🎉 ' + text;
    const r = anchorAnnotations(s, edited);
    assert.deepEqual(r.placed.map((a) => [a.start, a.end]), [[start + 5, start + 10]]);
    assert.deepEqual(r.moved, ['a1']);
    assert.match(r.issues[0].message, new RegExp(`re-anchored from ${cp} to ${cp + 3}`));
  });
});

describe('anchoring: anchorContext', () => {
  it('takes up to 32 units either side', () => {
    const text = 'x'.repeat(40) + 'SPAN' + 'y'.repeat(40);
    assert.deepEqual(anchorContext(text, 40, 44), { text: 'SPAN', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
    assert.deepEqual(anchorContext('ab SPAN cd', 3, 7), { text: 'SPAN', prefix: 'ab ', suffix: ' cd' });
  });

  it('does not split a surrogate pair at either edge of the context', () => {
    const text = '😀'.repeat(20) + 'SPAN' + '😀'.repeat(20);
    const ctx = anchorContext(text, 40, 44);
    assert.equal(ctx.prefix, '😀'.repeat(16));
    assert.equal(ctx.suffix, '😀'.repeat(16));
    // Here 32 units back and 32 units on both land on the low half of a pair: one unit less.
    const odd = 'a' + '😀'.repeat(20) + 'b' + 'SPAN' + 'c' + '😀'.repeat(20);
    const ctx2 = anchorContext(odd, 42, 46);
    assert.equal(ctx2.prefix, '😀'.repeat(15) + 'b');
    assert.equal(ctx2.suffix, 'c' + '😀'.repeat(15));
  });

  it('property: never starts or ends a prefix or suffix inside a surrogate pair, and is at most one unit short', () => {
    const unit = fc.constantFrom('a', ' ', '😀', '𝒳', 'é', '\n');
    const textArb = fc.array(unit, { minLength: 1, maxLength: 60 }).map((p) => p.join(''));
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), (text, i, j) => {
        // Span edges on code-point boundaries, as the editor gives them.
        const bounds = [0];
        for (const ch of text) bounds.push(bounds[bounds.length - 1] + ch.length);
        const start = bounds[i % bounds.length];
        const end = Math.max(start, bounds[j % bounds.length]);
        const { text: t, prefix, suffix } = anchorContext(text, start, end);
        assert.equal(t, text.slice(start, end));
        assert.ok(text.slice(0, start).endsWith(prefix));
        assert.ok(text.slice(end).startsWith(suffix));
        for (const s of [prefix, suffix]) {
          if (s.length) {
            assert.ok(!isLow(s.charCodeAt(0)), `starts with a low surrogate: ${JSON.stringify(s)}`);
            assert.ok(!isHigh(s.charCodeAt(s.length - 1)), `ends with a high surrogate: ${JSON.stringify(s)}`);
          }
        }
        const wantPrefix = Math.min(CONTEXT_LENGTH, start);
        const wantSuffix = Math.min(CONTEXT_LENGTH, text.length - end);
        assert.ok(prefix.length === wantPrefix || prefix.length === wantPrefix - 1);
        assert.ok(suffix.length === wantSuffix || suffix.length === wantSuffix - 1);
      }),
      { numRuns: 1000 },
    );
  });

  it('property: on the unchanged text, re-anchoring from the context finds the span itself or nothing', () => {
    const unit = fc.constantFrom('a', 'b', ' ', '😀');
    const textArb = fc.array(unit, { minLength: 1, maxLength: 80 }).map((p) => p.join(''));
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), (text, i, len) => {
        const bounds = [0];
        for (const ch of text) bounds.push(bounds[bounds.length - 1] + ch.length);
        const si = i % (bounds.length - 1);
        const start = bounds[si];
        const end = bounds[Math.min(bounds.length - 1, si + 1 + (len % 10))];
        const found = reanchor(text, quoteAt('a1', text, start, end), 0);
        if (found) assert.deepEqual(found, { start, end });
      }),
      { numRuns: 1000 },
    );
  });
});
