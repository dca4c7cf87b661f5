import * as assert from 'node:assert/strict';
import { filterCounts, groupAnnotations } from '../../src/core/annotationFilter';
import { Annotation, Demand } from '../../src/core/model';

const a = (id: string, type: Annotation['type'], start: number, extra: Partial<Annotation> = {}): Annotation => ({ id, type, start, end: start + 5, ...extra });
const DEMANDS = new Map<string, Demand>([['d1', { id: 'd1', summary: 'Act', by: ['bod'], to: ['corbyn'] }]]);
const LIST = [
  a('a1', 'mention', 0, { speaker: 'corbyn' }),
  a('a2', 'demand', 10, { demand: 'd1' }),
  a('a3', 'quote', 20, { speaker: 'bod' }),
  a('a4', 'response', 30, { speaker: 'corbyn', demand: 'd1', stance: 'rejects' }),
  a('a5', 'quote', 40, { speaker: 'corbyn' }),
];

describe('groupAnnotations', () => {
  it('groups by type, quotes first and mentions last, text order within a group', () => {
    assert.deepEqual(
      groupAnnotations(LIST, {}, DEMANDS).map((g) => `${g.type}: ${g.annotations.map((x) => x.id).join(' ')}`),
      ['quote: a3 a5', 'demand: a2', 'response: a4', 'mention: a1'],
    );
  });

  it('narrows to a type, to a speaker (with the demands they make), or to both', () => {
    assert.deepEqual(groupAnnotations(LIST, { type: 'quote' }, DEMANDS).map((g) => g.annotations.map((x) => x.id)), [['a3', 'a5']]);
    assert.deepEqual(groupAnnotations(LIST, { speaker: 'bod' }, DEMANDS).flatMap((g) => g.annotations.map((x) => x.id)), ['a3', 'a2']);
    assert.deepEqual(groupAnnotations(LIST, { speaker: 'corbyn', type: 'quote' }, DEMANDS).flatMap((g) => g.annotations.map((x) => x.id)), ['a5']);
    assert.deepEqual(groupAnnotations(LIST, { speaker: 'nobody' }, DEMANDS), []);
  });
});

describe('filterCounts', () => {
  it('counts per type and per speaker, a demand for those who make it', () => {
    const { types, speakers } = filterCounts(LIST, DEMANDS);
    assert.deepEqual(Object.fromEntries(types), { mention: 1, demand: 1, quote: 2, response: 1 });
    assert.deepEqual(Object.fromEntries(speakers), { corbyn: 3, bod: 2 });
  });
});
