// VS Code's Undo and Redo of text, against a naive model of the editor and its undo stack.
//
// The model keeps the article as a string, an undo stack of elements as VS Code does (an
// element is one edit, or several typed in a row; Undo applies the inverse edits, Redo the
// edits again, either as VS Code recorded them or as one replacement of what changed), and a
// number for every text state. Annotations move by the documented rules on ordinary edits.
// Whenever Undo or Redo (of text, or of annotation changes) brings the article back to a
// state, every live annotation must be exactly where it was the last time the article was in
// that state: the same span, or removed if its text was gone then.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { AnchorTracker } from '../../src/core/anchorTracker';
import { ChunkedText } from '../../src/core/chunkedText';
import { Annotation, emptySidecar } from '../../src/core/model';
import { AnnotationSession, TextChange } from '../../src/core/session';
import { TextHistory } from '../../src/core/textHistory';

type Pos = [number, number] | null;

interface Change {
  offset: number;
  removed: string;
  inserted: string;
}

interface Element {
  changes: Change[];
  /** Typing or deleting: VS Code merges edits of one kind in a row into one element. */
  kind: 'insert' | 'delete' | 'other';
  before: number;
  after: number;
}

const ARTICLE = 'The council said: We will consider the request carefully. Then it left.';

function responseSession(text = ARTICLE): AnnotationSession {
  const start = text.indexOf('We will');
  const end = text.indexOf('. Then');
  return new AnnotationSession(text, emptySidecar('article.txt'), [
    { id: 'a1', type: 'response', start, end },
    { id: 'a2', type: 'mention', start: 4, end: 11 },
    { id: 'a3', type: 'quote', start: text.indexOf('request'), end: text.indexOf('request') + 7 },
    { id: 'a4', type: 'mention', start: end + 2, end: end + 2 },
  ]);
}

function apply(text: string, changes: readonly TextChange[]): string {
  for (const c of changes) text = text.slice(0, c.offset) + c.text + text.slice(c.offset + c.length);
  return text;
}

/** The documented rules, one span at a time: where an ordinary edit leaves a span. */
function naiveMove(p: Pos, c: TextChange): Pos {
  if (!p) return null;
  const [s, e] = p;
  const from = c.offset;
  const to = c.offset + c.length;
  const replaces = c.length > 0;
  const newEnd = from + c.text.length;
  const land = (x: number, after: boolean) => (!after ? (x < from ? x : from) : x > to ? x - to + newEnd : newEnd);
  const end = land(e, e > to || (e === to && replaces));
  if (s === e) return [end, end];
  const start = land(s, !(s < from || (s === from && replaces)));
  return end <= start ? null : [start, end];
}

/** One replacement of what differs between two texts, as VS Code reports a computed diff. */
function window(before: string, after: string): TextChange {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  let s = 0;
  while (s < before.length - p && s < after.length - p && before[before.length - 1 - s] === after[after.length - 1 - s]) s++;
  return { offset: p, length: before.length - p - s, text: after.slice(p, after.length - s) };
}

const op = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      at: fc.nat(),
      near: fc.integer({ min: -2, max: 2 }),
      length: fc.nat({ max: 12 }),
      inserted: fc.string({ unit: fc.constantFrom('x', ' ', 'c', '.'), maxLength: 3 }),
      retype: fc.boolean(),
      merge: fc.boolean(),
      second: fc.option(fc.nat(), { nil: undefined }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const), asWindow: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('mark' as const), a: fc.nat(), b: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'annotationUndo' as const, 'annotationRedo' as const), pick: fc.nat() }) },
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

/** Runs the ops on a session and on the model; throws at the first annotation out of place. */
function run(ops: readonly Op[]): void {
  const session = responseSession();
  let text = ARTICLE;
  let state = 0;
  let states = 1;
  const done: Element[] = [];
  let undone: Element[] = [];
  let lastWasTyping = false;
  const live = new Set(session.annotations().map((a) => a.id));
  const annotationUndo: { id: string; add: boolean }[] = [];
  let annotationRedo: { id: string; add: boolean }[] = [];
  /** Per text state, where each annotation was when it was last seen live there. */
  const seen = new Map<number, Map<string, Pos>>();
  /** What the rules say for ordinary edits; after Undo and Redo, what was seen at that state. */
  let expected = new Map<string, Pos>();

  const now = (): Map<string, Pos> => {
    const placed = new Map(session.annotations().map((a: Annotation) => [a.id, [a.start, a.end] as Pos]));
    return new Map([...live].map((id) => [id, placed.get(id) ?? null]));
  };
  const check = (what: string, back: boolean) => {
    assert.equal(session.currentText, text, `${what}: text in step`);
    const actual = now();
    const recorded = seen.get(state) ?? new Map<string, Pos>();
    for (const [id, pos] of actual) {
      // Ordinary edits: the rules. Back at a known state: where it was then. Otherwise (a span
      // never seen live at this state) anything on its text.
      const want = back ? recorded.get(id) : expected.get(id);
      if (want !== undefined) assert.deepEqual(pos, want, `${what}: ${id} at state ${state} (text ${JSON.stringify(text)})`);
      recorded.set(id, pos);
    }
    seen.set(state, recorded);
    expected = actual;
  };
  const event = (changes: TextChange[], reason?: 'undo' | 'redo') => {
    if (!reason) expected = new Map([...expected].map(([id, p]) => [id, changes.reduce(naiveMove, p)]));
    text = apply(text, changes);
    session.textEdited(changes, reason);
  };
  check('start', false);

  for (const o of ops) {
    const spans = session.annotations();
    if (o.kind === 'edit') {
      const changes: TextChange[] = [];
      const one = (at: number, length: number, inserted: string): void => {
        let offset: number;
        if (spans.length && at % 3 !== 0) {
          const s = spans[at % spans.length];
          // Near a span's edges, or over the whole span.
          if (at % 7 === 0) [offset, length] = [s.start, s.end - s.start];
          else offset = Math.max(0, Math.min(text.length, ((at >> 1) % 2 ? s.end : s.start) + o.near));
        } else offset = at % (text.length + 1);
        length = Math.min(length, text.length - offset);
        if (o.retype) inserted = text.slice(offset, offset + length) || 'x';
        if (!length && !inserted) inserted = 'c';
        changes.push({ offset, length, text: inserted });
      };
      one(o.at, o.length, o.inserted);
      // A second cursor before the first edit: VS Code lists a change's parts last range first.
      if (o.second !== undefined && changes[0].offset > 1) changes.push({ offset: o.second % (changes[0].offset - 1), length: 1, text: 'y' });
      const applied: Change[] = [];
      let t = text;
      for (const c of changes) {
        applied.push({ offset: c.offset, removed: t.slice(c.offset, c.offset + c.length), inserted: c.text });
        t = apply(t, [c]);
      }
      event(changes);
      undone = [];
      const kind = changes.length > 1 ? 'other' : changes[0].length === 0 ? 'insert' : changes[0].text === '' ? 'delete' : 'other';
      // Typing (or deleting) in a row becomes one undo element, as in VS Code: the text only
      // grows (or shrinks) inside one, so it is never twice the same there.
      const top = done[done.length - 1];
      if (o.merge && lastWasTyping && top && top.kind === kind && kind !== 'other') {
        top.changes.push(...applied);
        top.after = state = states++;
      } else {
        done.push({ changes: applied, kind, before: state, after: (state = states++) });
      }
      lastWasTyping = true;
      check('edit', false);
    } else if (o.kind === 'undo' || o.kind === 'redo') {
      const element = (o.kind === 'undo' ? done : undone).pop();
      if (!element) continue;
      const before = text;
      let changes: TextChange[] =
        o.kind === 'undo'
          ? [...element.changes].reverse().map((c) => ({ offset: c.offset, length: c.inserted.length, text: c.removed }))
          : element.changes.map((c) => ({ offset: c.offset, length: c.removed.length, text: c.inserted }));
      const diff = window(before, apply(before, changes));
      // An element that changed nothing (a word retyped over itself) still has its own changes.
      if (o.asWindow && (diff.length || diff.text)) changes = [diff];
      event(changes, o.kind);
      (o.kind === 'undo' ? undone : done).push(element);
      state = o.kind === 'undo' ? element.before : element.after;
      lastWasTyping = false;
      check(o.kind, true);
    } else if (o.kind === 'mark') {
      const a = o.a % (text.length + 1);
      const b = o.b % (text.length + 1);
      if (a === b) continue;
      const made = session.addAnnotation({ type: 'quote', start: Math.min(a, b), end: Math.max(a, b) });
      live.add(made.id);
      annotationUndo.push({ id: made.id, add: true });
      annotationRedo = [];
      expected.set(made.id, [made.start, made.end]);
      check('mark', false);
    } else if (o.kind === 'delete') {
      const ids = [...live];
      if (!ids.length) continue;
      const id = ids[o.pick % ids.length];
      session.deleteAnnotation(id);
      live.delete(id);
      annotationUndo.push({ id, add: false });
      annotationRedo = [];
      check('delete', false);
    } else {
      const undo = o.kind === 'annotationUndo';
      const change = (undo ? annotationUndo : annotationRedo).pop();
      if (!change) continue;
      assert.ok(undo ? session.undo() : session.redo());
      // Undoing an add, or redoing a delete, takes it away; the others bring it back.
      if (change.add !== undo) live.add(change.id);
      else live.delete(change.id);
      (undo ? annotationRedo : annotationUndo).push(change);
      check(o.kind, true);
    }
  }
}

/** The response session, with its text kept beside it as VS Code would send the edits. */
function editing() {
  const session = responseSession();
  let text = ARTICLE;
  return {
    session,
    text: () => text,
    edited(changes: TextChange[], reason?: 'undo' | 'redo') {
      text = apply(text, changes);
      session.textEdited(changes, reason);
    },
    response() {
      const a = session.annotation('a1')!;
      return text.slice(a.start, a.end);
    },
  };
}

describe("Text undo and redo put annotations back where they were (against VS Code's undo stack)", () => {
  it('property: any edits near and over span edges, typed in a row or not, with undo, redo and annotation changes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => run(ops)),
      { numRuns: 600 },
    );
  });

  it('regression: deleting " carefully" key by key, then Undo (one element) and Redo, keeps the whole response', () => {
    const { session, edited, response, text } = editing();
    const end = ARTICLE.indexOf('. Then');
    for (let k = 1; k <= ' carefully'.length; k++) edited([{ offset: end - k, length: 1, text: '' }]);
    assert.equal(response(), 'We will consider the request');
    // VS Code undoes the ten backspaces as one element: one insertion at the span's end.
    edited([{ offset: end - 10, length: 0, text: ' carefully' }], 'undo');
    assert.equal(response(), 'We will consider the request carefully');
    edited([{ offset: end - 10, length: 10, text: '' }], 'redo');
    assert.equal(response(), 'We will consider the request');
    edited([{ offset: end - 10, length: 0, text: ' carefully' }], 'undo');
    edited([{ offset: end - 10, length: 10, text: '' }], 'redo');
    edited([{ offset: end - 10, length: 0, text: ' carefully' }], 'undo');
    assert.equal(response(), 'We will consider the request carefully');
    const saved = session.toSidecar(text()).annotations.find((a) => a.id === 'a1')!;
    assert.deepEqual([saved.start, saved.end, saved.text], [ARTICLE.indexOf('We will'), end, 'We will consider the request carefully']);
  });

  it('regression: typing over the span edge, Undo and Redo in any order, then the same text typed by hand stays short', () => {
    const { edited, response } = editing();
    const end = ARTICLE.indexOf('. Then');
    // Select " carefully." and type "!".
    const over = { offset: end - 10, length: 11, text: '!' };
    const back = { offset: end - 10, length: 1, text: ' carefully.' };
    edited([over]);
    assert.equal(response(), 'We will consider the request');
    edited([back], 'undo');
    edited([over], 'redo');
    edited([back], 'undo');
    assert.equal(response(), 'We will consider the request carefully');
    // Deleting and retyping by hand is an ordinary edit: the rules, not the history.
    edited([{ offset: end - 10, length: 10, text: '' }]);
    edited([{ offset: end - 10, length: 0, text: ' carefully' }]);
    assert.equal(response(), 'We will consider the request');
  });

  it('an annotation marked after an edit comes back exactly after Undo and Redo, also when Undo took its text away', () => {
    const { session, edited } = editing();
    edited([{ offset: 0, length: 0, text: 'NEWS ' }]);
    const made = session.addAnnotation({ type: 'mention', start: 0, end: 4 });
    edited([{ offset: 0, length: 5, text: '' }], 'undo');
    assert.equal(session.annotation(made.id), undefined, 'its text is gone');
    edited([{ offset: 0, length: 0, text: 'NEWS ' }], 'redo');
    const back = session.annotation(made.id)!;
    assert.deepEqual([back.start, back.end], [0, 4]);
  });
});

describe('TextHistory: bounded memory', () => {
  it('keeps at most its weight of parts and pins, dropping the oldest states; Undo past them follows the rules', () => {
    const text = new ChunkedText('abc def ghi');
    const tracker = new AnchorTracker([{ id: 's', start: 4, end: 7 }]);
    const history = new TextHistory(text.fingerprint(), 100);
    const edit = (offset: number, length: number, inserted: string) => {
      text.replace(offset, length, inserted);
      history.record(tracker, [{ offset, length, inserted: inserted.length }], text.fingerprint());
    };
    // Delete "f" at the span's end (a pinned step), then type far away 300 times.
    edit(6, 1, '');
    for (let k = 0; k < 300; k++) {
      edit(0, 0, 'x');
      assert.ok(history.size.weight <= 100, `weight ${history.size.weight} over the cap`);
    }
    assert.ok(history.size.states < 100);
    // VS Code undoes everything at once back to "abc def ghi": that state was dropped.
    text.replace(0, 300, '');
    text.replace(6, 0, 'f');
    assert.equal(history.travel(tracker, text.fingerprint(), 'undo'), false, 'an unknown state: the caller applies the rules');
    // A state still kept is found.
    const kept = new ChunkedText('x'.repeat(299) + 'abc de ghi');
    assert.equal(history.travel(tracker, kept.fingerprint(), 'undo'), true);
    assert.deepEqual(tracker.spans(), [{ id: 's', start: 299 + 4, end: 299 + 6 }]);
  });
});
