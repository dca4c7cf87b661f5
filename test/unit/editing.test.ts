import * as assert from 'node:assert/strict';
import { annotationsAt, byMru, deriveId, idProblem, proposeId, stepAnnotation, touchMru } from '../../src/core/editing';
import { Annotation } from '../../src/core/model';

const none = () => false;

function ann(id: string, start: number, end: number): Annotation {
  return { id, type: 'quote', speaker: 's', start, end };
}

describe('deriveId', () => {
  it('lower-cases, drops accents and apostrophes, joins words with single dashes', () => {
    assert.equal(deriveId('Jeremy Corbyn', none), 'jeremy-corbyn');
    assert.equal(deriveId("  Seán O'Brien  (MP) ", none), 'sean-obrien-mp');
    assert.equal(deriveId('Board of Deputies — spokesperson', none), 'board-of-deputies-spokesperson');
    assert.equal(deriveId('Zoë', none), 'zoe');
  });

  it('is unique against the ids already taken', () => {
    const taken = new Set(['jeremy-corbyn', 'jeremy-corbyn-2']);
    assert.equal(deriveId('Jeremy Corbyn', (id) => taken.has(id)), 'jeremy-corbyn-3');
  });

  it('cuts long names at a dash and falls back for names without letters', () => {
    const id = deriveId('A fixed timetable to deal with antisemitism cases in the party', none);
    assert.ok(id.length <= 40, id);
    assert.equal(id, 'a-fixed-timetable-to-deal-with');
    assert.equal(deriveId('!!!', none, 'speaker'), 'speaker');
    assert.equal(deriveId('!!!', (id) => id === 'speaker', 'speaker'), 'speaker-2');
  });
});

describe('proposeId', () => {
  it('ends a cut id on a word that carries meaning, not on "within" or "to"', () => {
    const summary = 'Publish the disciplinary backlog within three months';
    assert.equal(deriveId(summary, none), 'publish-the-disciplinary-backlog-within', 'what the picker proposed before');
    assert.equal(proposeId(summary, none), 'publish-the-disciplinary-backlog');
    assert.equal(proposeId('A fixed timetable to deal with antisemitism cases in the party', none), 'fixed-timetable-to-deal', 'a leading article makes room; a cut one ends on its last content word');
  });

  it('keeps short names as deriveId makes them, unique against the ids taken', () => {
    assert.equal(proposeId('Jeremy Corbyn', none), 'jeremy-corbyn');
    assert.equal(proposeId('Jeremy Corbyn', (id) => id === 'jeremy-corbyn'), 'jeremy-corbyn-2');
    assert.equal(proposeId('!!!', none, 'demand'), 'demand');
    assert.equal(proposeId('The Board', none), 'the-board', 'an article is dropped only to make room');
  });
});

describe('idProblem', () => {
  it('refuses empty, spaced and taken ids', () => {
    assert.match(idProblem('', none)!, /empty/);
    assert.match(idProblem('two words', none)!, /no spaces/);
    assert.match(idProblem('corbyn', (id) => id === 'corbyn')!, /already used/);
    assert.equal(idProblem('jeremy-corbyn_2.x', none), undefined);
  });
});

describe('MRU order', () => {
  it('moves the used id to the front, once, and keeps the list short', () => {
    assert.deepEqual(touchMru(['a', 'b', 'c'], 'c'), ['c', 'a', 'b']);
    assert.deepEqual(touchMru(['a', 'b'], 'x', 2), ['x', 'a']);
  });

  it('puts recently used items first, the others in their given order', () => {
    const items = ['p', 'q', 'r', 's'];
    assert.deepEqual(byMru(items, (x) => x, ['s', 'gone', 'q']), ['s', 'q', 'p', 'r']);
    assert.deepEqual(byMru(items, (x) => x, []), items);
  });
});

describe('annotationsAt', () => {
  const outer = ann('a1', 0, 100);
  const inner = ann('a2', 10, 20);
  const other = ann('a3', 50, 60);
  const all = [outer, inner, other];

  it('gives the innermost first', () => {
    assert.deepEqual(annotationsAt(all, 15).map((a) => a.id), ['a2', 'a1']);
    assert.deepEqual(annotationsAt(all, 30).map((a) => a.id), ['a1']);
  });

  it('counts a cursor just after a span as on it, only when it is inside no other', () => {
    assert.deepEqual(annotationsAt([inner], 20).map((a) => a.id), ['a2']);
    assert.deepEqual(annotationsAt(all, 20).map((a) => a.id), ['a1']);
    assert.deepEqual(annotationsAt(all, 200), []);
  });

  it('with a selection, gives the annotations containing all of it', () => {
    assert.deepEqual(annotationsAt(all, 10, 20).map((a) => a.id), ['a2', 'a1']);
    assert.deepEqual(annotationsAt(all, 15, 55).map((a) => a.id), ['a1']);
  });
});

describe('stepAnnotation', () => {
  const a = ann('a1', 10, 20);
  const b = ann('a2', 10, 40);
  const c = ann('a3', 30, 35);
  const twin = ann('a4', 30, 35);
  const all = [c, a, b];

  it('goes to the next span after the cursor, also one that starts at it', () => {
    assert.equal(stepAnnotation(all, 0, 0, 'next')?.annotation.id, 'a1');
    assert.equal(stepAnnotation(all, 10, 10, 'next')?.annotation.id, 'a1');
    assert.equal(stepAnnotation(all, 10, 20, 'next')?.annotation.id, 'a2', 'from a selected span to the next starting with it');
    assert.equal(stepAnnotation(all, 10, 40, 'next')?.annotation.id, 'a3');
  });

  it('goes back in the same order', () => {
    assert.equal(stepAnnotation(all, 30, 35, 'previous')?.annotation.id, 'a2');
    assert.equal(stepAnnotation(all, 10, 40, 'previous')?.annotation.id, 'a1');
    assert.equal(stepAnnotation(all, 25, 25, 'previous')?.annotation.id, 'a2');
  });

  it('wraps at the ends and says so', () => {
    assert.deepEqual(stepAnnotation(all, 30, 35, 'next'), { annotation: a, wrapped: true });
    assert.deepEqual(stepAnnotation(all, 10, 20, 'previous'), { annotation: c, wrapped: true });
    assert.equal(stepAnnotation([], 0, 0, 'next'), undefined);
  });

  it('tells apart spans with the same range by the current id', () => {
    const both = [...all, twin];
    assert.equal(stepAnnotation(both, 30, 35, 'next', 'a3')?.annotation.id, 'a4');
    assert.equal(stepAnnotation(both, 30, 35, 'previous', 'a4')?.annotation.id, 'a3');
    assert.equal(stepAnnotation(both, 30, 35, 'next', 'a4')?.wrapped, true);
  });
});
