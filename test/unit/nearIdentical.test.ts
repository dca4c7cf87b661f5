import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildArticleModel } from '../../src/core/articleModel';
import { cardList, toCardListRef } from '../../src/core/cardLists';
import { commandUri } from '../../src/core/hoverCards';
import { Annotation } from '../../src/core/model';
import { describeOverlap, NEAR_IDENTICAL_RATIO, nearIdenticalPairs } from '../../src/core/nearIdentical';
import { sampleArticle, sampleSidecarSource } from './helpers';

const span = (id: string, start: number, end: number, extra: Partial<Annotation> = {}): Annotation => ({ id, type: 'quote', speaker: 's', start, end, ...extra });
const ids = (pairs: ReturnType<typeof nearIdenticalPairs>) => pairs.map((p) => `${p.first.id}~${p.second.id}`);

describe('near-identical spans', () => {
  it('flags a33 and a34 in the sample, and nothing else', () => {
    const model = buildArticleModel(sampleSidecarSource(), sampleArticle());
    const pairs = nearIdenticalPairs(model.placed);
    assert.deepEqual(ids(pairs), ['a33~a34']);
    assert.equal(pairs[0].sameLinks, true);
    assert.equal(pairs[0].overlap, 67 / 72);
    assert.equal(describeOverlap(pairs[0], 'demand'), '93% of their words shared, same demand');
  });

  it('needs the same type and at least the ratio of shared to covered text', () => {
    assert.equal(NEAR_IDENTICAL_RATIO, 0.8);
    // 80 of 100 shared: flagged; 79 of 100: not.
    assert.deepEqual(ids(nearIdenticalPairs([span('a', 0, 90), span('b', 10, 100)])), ['a~b']);
    assert.deepEqual(ids(nearIdenticalPairs([span('a', 0, 90), span('b', 11, 100)])), []);
    // The very same span twice.
    assert.deepEqual(ids(nearIdenticalPairs([span('a', 5, 50), span('b', 5, 50)])), ['a~b']);
    // A demand inside a quote, however alike, is two readings of the words, not a duplicate.
    assert.deepEqual(ids(nearIdenticalPairs([span('a', 0, 100), span('b', 0, 98, { type: 'demand', speaker: undefined, demand: 'd' })])), []);
    // A short span nested in a long one, and spans that only touch.
    assert.deepEqual(ids(nearIdenticalPairs([span('a', 0, 100), span('b', 40, 50), span('c', 100, 180)])), []);
    // Empty spans are never flagged.
    assert.deepEqual(ids(nearIdenticalPairs([span('a', 3, 3), span('b', 3, 3)])), []);
  });

  it('says when the two are linked differently (another speaker or stance)', () => {
    const [p] = nearIdenticalPairs([span('a', 0, 50), span('b', 0, 50, { speaker: 't' })]);
    assert.equal(p.sameLinks, false);
    assert.equal(describeOverlap(p, 'quote'), '100% of their words shared, but linked differently');
  });

  it('finds exactly the pairs a comparison of every pair finds, in any input order', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const list: Annotation[] = [];
      for (let i = 0; i < 150; i++) {
        const start = Math.floor(random() * 400);
        list.push(span(`x${i}`, start, start + 1 + Math.floor(random() * 60), { type: random() < 0.5 ? 'quote' : 'mention' }));
      }
      const expected = new Set<string>();
      for (const a of list) {
        for (const b of list) {
          if (a === b || a.type !== b.type) continue;
          const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
          const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
          if (shared > 0 && shared / union >= NEAR_IDENTICAL_RATIO) expected.add([a.id, b.id].sort().join('~'));
        }
      }
      const found = nearIdenticalPairs(list).map((p) => [p.first.id, p.second.id].sort().join('~'));
      assert.deepEqual(found.sort(), [...expected].sort(), `round ${round}`);
      for (const p of nearIdenticalPairs(list)) assert.ok(p.first.start <= p.second.start);
    }
  });
});

describe('"show all" list references', () => {
  const model = buildArticleModel(sampleSidecarSource(), sampleArticle());

  it('accept only a known list of a speaker or a demand, by id', () => {
    assert.deepEqual(toCardListRef('speaker', 'corbyn', 'quotes'), { of: 'speaker', id: 'corbyn', list: 'quotes' });
    assert.deepEqual(toCardListRef('demand', 'fixed-timetable', 'stated'), { of: 'demand', id: 'fixed-timetable', list: 'stated' });
    for (const bad of [
      ['speaker', 'corbyn', 'stated'],
      ['demand', 'fixed-timetable', 'quotes'],
      ['speaker', 'corbyn', '__proto__'],
      ['speaker', 'corbyn', 'constructor'],
      ['alias', 'corbyn', 'quotes'],
      ['speaker', 7, 'quotes'],
      ['speaker', 'corbyn', undefined],
    ]) {
      assert.equal(toCardListRef(bad[0], bad[1], bad[2]), undefined, JSON.stringify(bad));
    }
  });

  it('give the whole list, with where each entry goes, or nothing for an id no longer there', () => {
    const quotes = cardList(model.crossRefs, { of: 'speaker', id: 'corbyn', list: 'quotes' })!;
    assert.equal(quotes.owner, 'Jeremy Corbyn');
    assert.equal(quotes.heading, 'Quotes in this article');
    assert.equal(quotes.entries.length, 7);
    assert.deepEqual(quotes.entries[0].target, { start: 1358, end: 1423, line: 12 });
    const addressed = cardList(model.crossRefs, { of: 'speaker', id: 'corbyn', list: 'demandsAddressed' })!;
    assert.deepEqual(addressed.entries.map((e) => e.detail), Array(5).fill('not agreed'));
    assert.equal(addressed.entries[2].target?.start, 361);
    assert.equal(cardList(model.crossRefs, { of: 'speaker', id: 'nobody', list: 'quotes' }), undefined);
    assert.equal(cardList(model.crossRefs, { of: 'demand', id: 'no-shared-platforms', list: 'stated' })!.entries.length, 3);
  });
});

describe('command link targets', () => {
  it('carry any arguments as data: only URI-safe characters, no Markdown, and they decode back (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: 'binary' }), fc.integer())), (args) => {
        const uri = commandUri('attributionLens.showCardList', args);
        const [, query] = uri.split('?');
        assert.ok(uri.startsWith('command:attributionLens.showCardList?'));
        // Nothing that could end the link, start one, or emphasise: only unreserved characters and escapes.
        assert.match(query, /^[A-Za-z0-9%\-_.]*$/);
        assert.deepEqual(JSON.parse(decodeURIComponent(query)), args);
      }),
    );
    assert.equal(commandUri('x', ['a)"[b](command:evil)*~']), 'command:x?%5B%22a%29%5C%22%5Bb%5D%28command%3Aevil%29%2A%7E%22%5D');
  });
});
