// AnchorTracker against a naive reference model.
//
// The reference keeps the article as a string and moves every span one by one. Its rules are
// the documented ones, stated independently of the tracker: an edit replaces [from, to) with
// new text, and each edge ends up on one side of that new text.
// - a start stays before the new text when it lies before `from`, or at `from` of a
//   replacement (the span's first character was replaced: the new text is part of it);
//   otherwise it goes after the new text (typing at a span's start pushes it right);
// - an end goes after the new text when it lies after `to`, or at `to` of a replacement;
//   otherwise it stays before the new text (typing at a span's end does not extend it);
// - an empty span is a point: it follows its end (it stays where it is when typed at);
// - a non-empty span left with no text is removed.
// The properties then check, from the texts alone, that no span loses text it still has and
// that no span lands on text that is not its own.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnchorTracker, EditEffect, mapEnd, mapSpan, mapStart, TextEdit, touches, TrackedSpan } from '../../src/core/anchorTracker';

// --- the reference model ------------------------------------------------------------------

/** One entry of VS Code's TextDocumentChangeEvent.contentChanges, offsets in the text before the event. */
interface Change {
  offset: number;
  length: number;
  text: string;
}

interface RefSpan {
  id: string;
  start: number;
  end: number;
  alive: boolean;
}

/** What one change did to one span, as the reference sees it. */
interface Outcome {
  id: string;
  old: TrackedSpan;
  /** Undefined when the span was removed. */
  now?: TrackedSpan;
  /** The text the span must cover now: what survives of its old text, plus the new text if it took it in. */
  expected: string;
  /** The change left the span's text alone: wholly before it, wholly after it, or strictly inside it. */
  untouched: boolean;
  /** The change lay strictly inside the span (its edges did not move unevenly, its length did). */
  inside: boolean;
}

class Reference {
  readonly spans: RefSpan[];
  constructor(
    public text: string,
    spans: readonly TrackedSpan[],
  ) {
    this.spans = spans.map((s) => ({ ...s, alive: true }));
  }

  live(): TrackedSpan[] {
    return this.spans.filter((s) => s.alive).map(({ id, start, end }) => ({ id, start, end }));
  }

  apply(c: Change): Outcome[] {
    const from = c.offset;
    const to = c.offset + c.length;
    const replaces = c.length > 0;
    const old = this.text;
    this.text = old.slice(0, from) + c.text + old.slice(to);
    const newTextEnd = from + c.text.length;
    /** Where an edge lands, given the side of the new text it goes to. */
    const land = (p: number, afterNewText: boolean): number => {
      if (!afterNewText) return p < from ? p : from;
      return p > to ? p - to + newTextEnd : newTextEnd;
    };
    const out: Outcome[] = [];
    for (const sp of this.spans) {
      if (!sp.alive) continue;
      const s = sp.start;
      const e = sp.end;
      const startAfter = !(s < from || (s === from && replaces));
      const endAfter = e > to || (e === to && replaces);
      let ns: number;
      let ne: number;
      let expected: string;
      if (s === e) {
        ns = ne = land(e, endAfter);
        expected = '';
      } else {
        ns = land(s, startAfter);
        ne = land(e, endAfter);
        expected =
          (s < from ? old.slice(s, Math.min(e, from)) : '') + (!startAfter && endAfter ? c.text : '') + (e > to ? old.slice(Math.max(s, to), e) : '');
      }
      const o: Outcome = {
        id: sp.id,
        old: { id: sp.id, start: s, end: e },
        expected,
        untouched: to <= s || from >= e || (s < from && to < e),
        inside: s < from && to < e,
      };
      if (s < e && ns >= ne) {
        assert.equal(expected, '', `reference: span ${sp.id} removed but has text left`);
        sp.alive = false;
      } else {
        sp.start = ns;
        sp.end = ne;
        o.now = { id: sp.id, start: ns, end: ne };
        assert.equal(this.text.slice(ns, ne), expected, `reference: span ${sp.id} is not on its text`);
      }
      out.push(o);
    }
    return out;
  }
}

// --- generators ---------------------------------------------------------------------------

/** Characters of the articles: astral ones (one with a skin-tone modifier), CRLF, LF. */
const TOKENS = ['a', 'b', ' ', 'é', '\u{1F600}', '\u{1F44D}\u{1F3FD}', '\r\n', '\n'];
const textOf = (maxTokens: number) => fc.array(fc.constantFrom(...TOKENS), { maxLength: maxTokens, size: 'max' }).map((t) => t.join(''));

/** Offsets where an editor can put a cursor: not inside a surrogate pair or a CRLF. */
function boundaries(t: string): number[] {
  const out = [0];
  for (let i = 1; i <= t.length; i++) {
    if (i < t.length) {
      const p = t.charCodeAt(i - 1);
      const c = t.charCodeAt(i);
      if (p >= 0xd800 && p <= 0xdbff && c >= 0xdc00 && c <= 0xdfff) continue;
      if (p === 13 && c === 10) continue;
    }
    out.push(i);
  }
  return out;
}

/** How to make a span from the spans made so far: gives nested, overlapping, identical, adjacent and empty ones. */
type SpanRecipe =
  | { kind: 'range'; a: number; b: number }
  | { kind: 'empty'; a: number }
  | { kind: 'same'; of: number }
  | { kind: 'adjacent'; of: number; len: number }
  | { kind: 'inside'; of: number; a: number; b: number };

const spanRecipe: fc.Arbitrary<SpanRecipe> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('range' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('empty' as const), a: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('same' as const), of: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjacent' as const), of: fc.nat(), len: fc.nat({ max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('inside' as const), of: fc.nat(), a: fc.nat(), b: fc.nat() }) },
);

function makeSpans(text: string, recipes: readonly SpanRecipe[]): TrackedSpan[] {
  const b = boundaries(text);
  const m = b.length;
  const spans: TrackedSpan[] = [];
  const between = (i: number, j: number) => ({ start: b[Math.min(i, j)], end: b[Math.max(i, j)] });
  for (const r of recipes) {
    const id = `s${spans.length}`;
    const base = spans.length ? spans[('of' in r ? r.of : 0) % spans.length] : undefined;
    let pos: { start: number; end: number };
    if (r.kind === 'range') pos = between(r.a % m, r.b % m);
    else if (r.kind === 'empty') pos = between(r.a % m, r.a % m);
    else if (!base) pos = between(0, m - 1);
    else if (r.kind === 'same') pos = { start: base.start, end: base.end };
    else if (r.kind === 'adjacent') {
      const i = b.indexOf(base.end);
      pos = between(i, Math.min(m - 1, i + r.len));
    } else {
      const i = b.indexOf(base.start);
      const n = b.indexOf(base.end) - i + 1;
      pos = between(i + (r.a % n), i + (r.b % n));
    }
    spans.push({ id, ...pos });
  }
  return spans;
}

/** One range of a multi-cursor edit: `gap` cursor positions after the previous range, `len` positions long. */
interface RangeRecipe {
  gap: number;
  len: number;
  text: string;
}

type Op =
  | { kind: 'edit'; ranges: RangeRecipe[] }
  /** An edit that ends (before) or starts (after) exactly at a span's start or end. */
  | { kind: 'atEdge'; of: number; end: boolean; before: boolean; len: number; text: string }
  | { kind: 'undo' }
  | { kind: 'redo' }
  /** Rebuilds the tracker from its own spans, as the session does after restoring some. */
  | { kind: 'reset' };

const smallLen = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: 1, max: 3 }) }, { weight: 1, arbitrary: fc.integer({ min: 4, max: 30 }) });

const opArb = (maxGap: number): fc.Arbitrary<Op> =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('edit' as const),
        ranges: fc.array(fc.record({ gap: fc.nat({ max: maxGap }), len: smallLen, text: textOf(3) }), { minLength: 1, maxLength: 4 }),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('atEdge' as const), of: fc.nat(), end: fc.boolean(), before: fc.boolean(), len: smallLen, text: textOf(2) }),
    },
    { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'redo' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'reset' as const }) },
  );

/** The changes of one multi-cursor edit, in VS Code's order: non-overlapping, from the last in the text to the first. */
function changesFor(text: string, ranges: readonly RangeRecipe[]): Change[] {
  const b = boundaries(text);
  const m = b.length;
  const asc: Change[] = [];
  let next = 0;
  for (let k = 0; k < ranges.length; k++) {
    const r = ranges[k];
    const i = k === 0 ? r.gap % m : next + r.gap;
    if (i > m - 1) break;
    const j = Math.min(m - 1, i + r.len);
    asc.push({ offset: b[i], length: b[j] - b[i], text: r.text });
    // Ranges may touch but never overlap, and two never start at one place.
    next = Math.max(j, i + 1);
  }
  return asc.reverse();
}

/** The edit that undoes `changes` (VS Code's order) applied to `before`: also in VS Code's order. */
function inverseOf(before: string, changes: readonly Change[]): Change[] {
  const asc = [...changes].reverse();
  const inv: Change[] = [];
  let shift = 0;
  for (const c of asc) {
    inv.push({ offset: c.offset + shift, length: c.text.length, text: before.slice(c.offset, c.offset + c.length) });
    shift += c.text.length - c.length;
  }
  return inv.reverse();
}

// --- the checks ---------------------------------------------------------------------------

const byId = (a: TrackedSpan, b: TrackedSpan) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sorted = (spans: readonly TrackedSpan[]) => [...spans].map(({ id, start, end }) => ({ id, start, end })).sort(byId);

/** How much each kind of case was exercised, reported after the properties run. */
const stats = { changes: 0, multiCursor: 0, undos: 0, spanOutcomes: 0, edgeOrOverlap: 0, removed: 0, emptySpans: 0 };

/** Applies one change to both, and checks properties (a) to (d) for it. */
function applyAndCheck(tracker: AnchorTracker, ref: Reference, c: Change): Outcome[] {
  const oldText = ref.text;
  const effect: EditEffect = tracker.apply({ offset: c.offset, length: c.length, inserted: c.text.length });
  const outcomes = ref.apply(c);
  const text = ref.text;
  const now = new Map(tracker.spans().map((s) => [s.id, s]));
  stats.changes++;
  for (const o of outcomes) {
    stats.spanOutcomes++;
    if (!o.untouched) stats.edgeOrOverlap++;
    if (!o.now) stats.removed++;
    if (o.old.start === o.old.end) stats.emptySpans++;
  }

  // (a) positions always equal the reference.
  assert.deepEqual(sorted(tracker.spans()), sorted(ref.live()), 'positions differ from the reference');
  assert.equal(tracker.size, ref.live().length, 'size');

  for (const o of outcomes) {
    const got = now.get(o.id);
    // (c) never on the wrong text: what the span covers is what the reference says survives of it.
    if (o.now) {
      assert.ok(got, `span ${o.id} lost`);
      assert.ok(got.start <= got.end, `span ${o.id} inverted: ${got.start} > ${got.end}`);
      assert.equal(text.slice(got.start, got.end), o.expected, `span ${o.id} on the wrong text`);
    }
    // (b) nothing lost whose text survives: an edit that leaves a span's text alone leaves it
    // exactly the same string (with the new text spliced in when the edit was strictly inside).
    if (o.untouched) {
      assert.ok(got, `span ${o.id} removed by an edit that did not touch it`);
      const was = oldText.slice(o.old.start, o.old.end);
      const want = o.inside ? oldText.slice(o.old.start, c.offset) + c.text + oldText.slice(c.offset + c.length, o.old.end) : was;
      assert.equal(text.slice(got.start, got.end), want, `span ${o.id} text changed by an edit outside it`);
    }
  }

  // (d) removed: exactly the spans whose whole text went, at their old positions; before:
  // every span not shifted as a block, at its old position (more are allowed).
  const wantRemoved = outcomes.filter((o) => !o.now).map((o) => o.old);
  assert.deepEqual(sorted(effect.removed), sorted(wantRemoved), 'removed');
  const before = new Map<string, TrackedSpan>();
  const oldById = new Map(outcomes.map((o) => [o.id, o.old]));
  for (const s of effect.before) {
    assert.ok(!before.has(s.id), `span ${s.id} twice in before`);
    before.set(s.id, s);
    assert.deepEqual({ ...s }, oldById.get(s.id), `before: span ${s.id} not at its old position`);
  }
  for (const r of effect.removed) assert.ok(before.has(r.id), `removed span ${r.id} not in before`);
  // after: where the spans in before are now, but for the removed ones.
  const removedIds = new Set(effect.removed.map((r) => r.id));
  assert.deepEqual(sorted(effect.after), sorted(effect.before.filter((b) => !removedIds.has(b.id)).map((b) => now.get(b.id)!)), 'after');
  // mapSpan and touches, the one-span rules the text history replays with: mapSpan agrees with
  // the tracker, and a span touches() passes over moves as a block, so the inverse edit brings it back.
  const edit = { offset: c.offset, length: c.length, inserted: c.text.length };
  const inverse = { offset: c.offset, length: c.text.length, inserted: c.length };
  for (const o of outcomes) {
    const mapped = mapSpan(o.old, edit);
    assert.deepEqual(mapped, o.now ? { ...o.now } : null, `mapSpan of ${o.id}`);
    if (!touches(o.old, edit)) assert.deepEqual(mapped && mapSpan(mapped, inverse), { ...o.old }, `${o.id} untouched, but the inverse edit does not bring it back`);
  }
  const delta = c.text.length - c.length;
  for (const o of outcomes) {
    if (o.inside) continue; // its edges follow the plain shift rule; only its length changed
    const stayed = o.now && o.now.start === o.old.start && o.now.end === o.old.end;
    const shifted = o.now && o.now.start === o.old.start + delta && o.now.end === o.old.end + delta;
    if (!stayed && !shifted) assert.ok(before.has(o.id), `span ${o.id} moved unevenly but is not in before`);
  }
  return outcomes;
}

interface Applied {
  changes: Change[];
  inverse: Change[];
  /** Spans no change of the edit touched, with their positions before it. */
  untouched: TrackedSpan[];
}

function applyEvent(tracker: AnchorTracker, ref: Reference, changes: Change[]): Applied {
  const beforeText = ref.text;
  const positions = new Map(ref.live().map((s) => [s.id, s]));
  const touched = new Set<string>();
  if (changes.length > 1) stats.multiCursor++;
  for (const c of changes) for (const o of applyAndCheck(tracker, ref, c)) if (!o.untouched) touched.add(o.id);
  const untouched = [...positions.values()].filter((s) => !touched.has(s.id));
  return { changes, inverse: inverseOf(beforeText, changes), untouched };
}

/** Runs a scenario on both the tracker and the reference, checking after every change. */
function runScenario(text: string, recipes: readonly SpanRecipe[], ops: readonly Op[]): void {
  const spans = makeSpans(text, recipes);
  const tracker = new AnchorTracker(spans);
  const ref = new Reference(text, spans);
  assert.deepEqual(sorted(tracker.spans()), sorted(spans));
  const undo: { applied: Applied; textBefore: string }[] = [];
  const redo: { applied: Applied; textBefore: string }[] = [];
  let last: Op['kind'] | undefined;
  for (const op of ops) {
    if (op.kind === 'reset') {
      tracker.reset(tracker.spans());
      assert.deepEqual(sorted(tracker.spans()), sorted(ref.live()), 'positions differ after reset');
    } else if (op.kind === 'undo') {
      const u = undo.pop();
      if (!u) continue;
      const immediately = last === 'edit' || last === 'atEdge' || last === 'redo';
      applyEvent(tracker, ref, u.applied.inverse);
      stats.undos++;
      assert.equal(ref.text, u.textBefore, 'undo did not restore the text');
      // Undo right after an edit puts back every span the edit left alone, where it was. Not
      // empty spans: once the text on one side of a point is deleted, the text no longer says
      // which side it was on (the session restores those from `before`).
      if (immediately) {
        const now = new Map(tracker.spans().map((s) => [s.id, s]));
        for (const s of u.applied.untouched) if (s.start < s.end) assert.deepEqual(now.get(s.id), s, `span ${s.id} not back after undo`);
      }
      redo.push(u);
    } else if (op.kind === 'redo') {
      const r = redo.pop();
      if (!r) continue;
      const textBefore = ref.text;
      undo.push({ applied: applyEvent(tracker, ref, r.applied.changes), textBefore });
    } else {
      let changes: Change[];
      if (op.kind === 'edit') changes = changesFor(ref.text, op.ranges);
      else {
        const live = ref.live();
        if (live.length === 0) continue;
        const s = live[op.of % live.length];
        const edge = op.end ? s.end : s.start;
        const b = boundaries(ref.text);
        const i = b.indexOf(edge);
        if (i < 0) changes = [{ offset: edge, length: 0, text: op.text }];
        else {
          const j = op.before ? Math.max(0, i - op.len) : Math.min(b.length - 1, i + op.len);
          changes = [{ offset: b[Math.min(i, j)], length: Math.abs(b[j] - b[i]), text: op.text }];
        }
      }
      const textBefore = ref.text;
      undo.push({ applied: applyEvent(tracker, ref, changes), textBefore });
      redo.length = 0;
    }
    last = op.kind;
  }
}

// --- the tests ----------------------------------------------------------------------------

function tracked(spans: [string, number, number][]): AnchorTracker {
  return new AnchorTracker(spans.map(([id, start, end]) => ({ id, start, end })));
}

function positions(t: AnchorTracker): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const s of sorted(t.spans())) out[s.id] = [s.start, s.end];
  return out;
}

const ins = (offset: number, text: string): TextEdit => ({ offset, length: 0, inserted: text.length });
const del = (offset: number, length: number): TextEdit => ({ offset, length, inserted: 0 });
const rep = (offset: number, length: number, text: string): TextEdit => ({ offset, length, inserted: text.length });

describe('AnchorTracker: edge rules', () => {
  // "0123456789": span x = [3, 6) covers "345".
  it('leaves a span alone for an edit after it, shifts it for one before it', () => {
    const t = tracked([['x', 3, 6]]);
    t.apply(ins(8, 'ab'));
    assert.deepEqual(positions(t), { x: [3, 6] });
    t.apply(del(0, 2));
    assert.deepEqual(positions(t), { x: [1, 4] });
    t.apply(rep(0, 1, 'abcd'));
    assert.deepEqual(positions(t), { x: [4, 7] });
  });

  it('typing at the start pushes the span right; typing at the end does not extend it', () => {
    const t = tracked([['x', 3, 6]]);
    assert.deepEqual(t.apply(ins(3, 'ab')).removed, []);
    assert.deepEqual(positions(t), { x: [5, 8] });
    t.apply(ins(8, 'cd'));
    assert.deepEqual(positions(t), { x: [5, 8] });
  });

  it('an insertion strictly inside grows the span', () => {
    const t = tracked([['x', 3, 6]]);
    t.apply(ins(4, '\u{1F600}'));
    assert.deepEqual(positions(t), { x: [3, 8] });
  });

  it('a deletion over the start moves the start to the deletion point; over the end, the end', () => {
    const t = tracked([
      ['x', 3, 6],
      ['y', 13, 16],
    ]);
    t.apply(del(11, 3)); // deletes 11..14: "y" loses its first character
    assert.deepEqual(positions(t), { x: [3, 6], y: [11, 13] });
    t.apply(del(5, 3)); // deletes 5..8: "x" loses its last character
    assert.deepEqual(positions(t), { x: [3, 5], y: [8, 10] });
  });

  it('a replacement over the start puts the start after the new text; over the end, the end before it', () => {
    const t = tracked([
      ['x', 3, 6],
      ['y', 13, 16],
    ]);
    t.apply(rep(11, 3, 'ABCD')); // 11..14 -> ABCD (15): y keeps 14..16, now 15..17
    assert.deepEqual(positions(t), { x: [3, 6], y: [15, 17] });
    t.apply(rep(5, 3, 'Z')); // 5..8 -> Z: x keeps 3..5
    assert.deepEqual(positions(t), { x: [3, 5], y: [13, 15] });
  });

  it('a replacement starting at the start or ending at the end takes the new text in', () => {
    const t = tracked([
      ['x', 3, 6],
      ['y', 13, 16],
    ]);
    t.apply(rep(13, 1, 'AB')); // the first character of y replaced
    t.apply(rep(4, 2, 'Q')); // the last two characters of x replaced
    assert.deepEqual(positions(t), { x: [3, 5], y: [12, 16] });
  });

  it('retyping a span’s whole text keeps the span over the new text', () => {
    const t = tracked([['x', 3, 6]]);
    const effect = t.apply(rep(3, 3, 'abcdef'));
    assert.deepEqual(effect.removed, []);
    assert.deepEqual(positions(t), { x: [3, 9] });
    assert.deepEqual(effect.before, [{ id: 'x', start: 3, end: 6 }]);
  });

  it('removes a span whose whole text is deleted, reporting where it was', () => {
    const t = tracked([
      ['exact', 3, 6],
      ['inner', 4, 5],
      ['keep', 0, 10],
      ['after', 7, 9],
    ]);
    const effect = t.apply(del(3, 3));
    assert.deepEqual(sorted(effect.removed), [
      { id: 'exact', start: 3, end: 6 },
      { id: 'inner', start: 4, end: 5 },
    ]);
    assert.deepEqual(positions(t), { after: [4, 6], keep: [0, 7] });
    assert.equal(t.size, 2);
    // A span strictly inside a replaced range goes too: none of its text survives.
    const t2 = tracked([['inner', 4, 5]]);
    assert.deepEqual(t2.apply(rep(3, 3, 'new')).removed, [{ id: 'inner', start: 4, end: 5 }]);
    assert.equal(t2.size, 0);
  });

  it('moves identical and nested spans together', () => {
    const t = tracked([
      ['a', 2, 8],
      ['b', 2, 8],
      ['c', 4, 6],
      ['d', 8, 10],
    ]);
    t.apply(ins(0, 'xy'));
    t.apply(del(8, 2)); // "a" and "b" lose their last two characters; "c" ends where the deletion starts
    assert.deepEqual(positions(t), { a: [4, 8], b: [4, 8], c: [6, 8], d: [8, 10] });
  });

  it('lists in before only the spans with an edge in the edited range', () => {
    const spans: [string, number, number][] = [];
    for (let i = 0; i < 1000; i++) spans.push([`s${i}`, i * 10, i * 10 + 5]);
    const t = tracked(spans);
    const effect = t.apply(rep(5003, 4, 'x')); // 5003..5007: cuts the end of s500 (5000..5005) only
    assert.deepEqual(effect.before, [{ id: 's500', start: 5000, end: 5005 }]);
    assert.deepEqual(positions(t).s500, [5000, 5003]);
    assert.deepEqual(positions(t).s501, [5007, 5012]);
  });

  it('applies a multi-cursor edit in VS Code’s order, last range first', () => {
    // "He said: hello world" with x on "hello" [9, 14) and y on "world" [15, 20); typing
    // "<" at the start of both and ">" at the end of both, four cursors, as VS Code lists them.
    const t = tracked([
      ['x', 9, 14],
      ['y', 15, 20],
    ]);
    for (const e of [ins(20, '>'), ins(15, '<'), ins(14, '>'), ins(9, '<')]) t.apply(e);
    assert.deepEqual(positions(t), { x: [10, 15], y: [18, 23] });
  });

  it('counts UTF-16 units: an emoji inserted before a span shifts it by two', () => {
    const t = tracked([['x', 3, 6]]);
    t.apply(ins(1, '\u{1F44D}\u{1F3FD}'));
    assert.deepEqual(positions(t), { x: [7, 10] });
  });

  it('mapStart and mapEnd state the rules', () => {
    const e = rep(10, 5, 'abc'); // [10, 15) -> 3 characters
    assert.deepEqual([9, 10, 12, 15, 20].map((s) => mapStart(s, e)), [9, 10, 13, 13, 18]);
    assert.deepEqual([9, 10, 12, 15, 20].map((x) => mapEnd(x, e)), [9, 10, 10, 13, 18]);
    const i = ins(10, 'ab');
    assert.deepEqual([9, 10, 11].map((s) => mapStart(s, i)), [9, 12, 13]);
    assert.deepEqual([9, 10, 11].map((x) => mapEnd(x, i)), [9, 10, 13]);
  });

  it('place puts the listed spans where they are listed, drops those listed as null, keeps the rest', () => {
    const t = tracked([
      ['x', 3, 6],
      ['y', 0, 9],
      ['z', 1, 2],
    ]);
    t.apply(ins(4, 'ab'));
    t.place(new Map([['x', { id: 'x', start: 1, end: 8 }], ['z', null], ['w', { id: 'w', start: 5, end: 5 }]]));
    assert.deepEqual(positions(t), { w: [5, 5], x: [1, 8], y: [0, 11] });
    t.apply(del(0, 1));
    assert.deepEqual(positions(t), { w: [4, 4], x: [0, 7], y: [0, 10] });
  });

  it('property: place moves known spans in place (live, removed, revived) exactly as a fresh tracker would have them', () => {
    const span = fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 8 }));
    const edit = fc.record({ offset: fc.nat({ max: 70 }), length: fc.nat({ max: 10 }), inserted: fc.nat({ max: 4 }) });
    fc.assert(
      fc.property(
        fc.array(span, { minLength: 1, maxLength: 12 }),
        fc.array(edit, { maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.option(span, { nil: null })), { maxLength: 6 }),
        fc.array(edit, { maxLength: 6 }),
        (spans, first, moves, then) => {
          const t = new AnchorTracker(spans.map(([start, len], i) => ({ id: `s${i}`, start, end: start + len })));
          let plain = new Map<string, TrackedSpan | null>(t.spans().map((x) => [x.id, x]));
          const edits = (list: TextEdit[]) => {
            for (const e of list) {
              t.apply(e);
              plain = new Map([...plain].map(([id, x]) => [id, x && mapSpan(x, e)]));
            }
          };
          edits(first);
          const put = new Map<string, TrackedSpan | null>();
          for (const [i, to] of moves) {
            const id = `s${i % spans.length}`;
            put.set(id, to && { id, start: to[0], end: to[0] + to[1] });
          }
          t.place(put);
          for (const [id, x] of put) plain.set(id, x);
          edits(then);
          const want = [...plain.values()].filter((x): x is TrackedSpan => x !== null);
          assert.deepEqual(sorted(t.spans()), sorted(want));
          assert.equal(t.size, want.length);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reset keeps every span where it is', () => {
    const t = tracked([
      ['x', 3, 6],
      ['y', 0, 9],
    ]);
    t.apply(ins(4, 'ab'));
    t.reset(t.spans());
    t.apply(del(0, 1));
    assert.deepEqual(positions(t), { x: [2, 7], y: [0, 10] });
  });
});

describe('AnchorTracker: regressions found by the properties', () => {
  // Shrunk counterexample: an empty article, an empty span at 0, "a" typed at 0. The start
  // was pushed past the end (start 1, end 0): the span was written to the sidecar as invalid
  // (end before start) and no longer compared equal to any text.
  it('typing at an empty span leaves it an empty span where it was, not inverted', () => {
    runScenario('', [{ kind: 'range', a: 0, b: 0 }], [{ kind: 'edit', ranges: [{ gap: 0, len: 1, text: 'a' }] }]);
    const t = tracked([['point', 0, 0]]);
    const effect = t.apply(ins(0, 'a'));
    assert.deepEqual(effect.removed, []);
    assert.deepEqual(positions(t), { point: [0, 0] });
  });

  // The same inversion, by a replacement around an empty span: its start went after the new
  // text, its end before it.
  it('an empty span inside replaced text goes to where the replaced text began', () => {
    const t = tracked([['point', 2, 2]]);
    t.apply(rep(1, 3, 'XYZW'));
    assert.deepEqual(positions(t), { point: [1, 1] });
    // And it stays a point, at its end, through later edits on either side.
    t.apply(ins(1, 'ab'));
    t.apply(del(0, 1));
    assert.deepEqual(positions(t), { point: [0, 0] });
  });
});

describe('AnchorTracker: against a reference model (properties)', () => {
  after(() => {
    // Shown so the report of the run says how much was checked.
    console.log(`      (checked: ${JSON.stringify(stats)})`);
  });

  it('small articles: positions, texts, removed and before agree with the reference through edits, multi-cursor edits, undo and redo', () => {
    fc.assert(
      fc.property(textOf(30), fc.array(spanRecipe, { maxLength: 10, size: 'max' }), fc.array(opArb(6), { maxLength: 14, size: 'max' }), (text, recipes, ops) => runScenario(text, recipes, ops)),
      { numRuns: 2000 },
    );
  });

  it('many spans on a longer article', () => {
    fc.assert(
      fc.property(textOf(400), fc.array(spanRecipe, { minLength: 100, maxLength: 300, size: 'max' }), fc.array(opArb(60), { maxLength: 30, size: 'max' }), (text, recipes, ops) =>
        runScenario(text, recipes, ops),
      ),
      { numRuns: 40 },
    );
  });

  it('typing at a span’s start or end, then deleting what was typed, never extends or moves its text', () => {
    fc.assert(
      fc.property(
        textOf(20),
        fc.array(spanRecipe, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.boolean(),
        fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 5 }),
        (text, recipes, which, atEnd, typed) => {
          const spans = makeSpans(text, recipes);
          const target = spans[which % spans.length];
          const tracker = new AnchorTracker(spans);
          const ref = new Reference(text, spans);
          const want = text.slice(target.start, target.end);
          const empty = target.start === target.end;
          let cursor = atEnd ? target.end : target.start;
          let typedLength = 0;
          for (const key of typed) {
            applyAndCheck(tracker, ref, { offset: cursor, length: 0, text: key });
            cursor += key.length;
            typedLength += key.length;
            const now = tracker.spans().find((s) => s.id === target.id)!;
            assert.equal(ref.text.slice(now.start, now.end), want);
            // At the start: pushed right by what was typed. At the end, or on an empty span: left where it was.
            const shift = atEnd || empty ? 0 : typedLength;
            assert.deepEqual([now.start, now.end], [target.start + shift, target.end + shift]);
          }
          for (const key of [...typed].reverse()) {
            cursor -= key.length;
            applyAndCheck(tracker, ref, { offset: cursor, length: key.length, text: '' });
          }
          assert.equal(ref.text, text);
          assert.deepEqual(sorted(tracker.spans()), sorted(spans));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
