import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { IntervalIndex, Span } from '../../src/core/annotationIndex';

interface Tagged extends Span {
  tag: number;
}

/** The reference: a linear scan. */
function naiveCovering(spans: Tagged[], offset: number): Tagged[] {
  return spans.filter((s) => s.start <= offset && offset < s.end);
}
function naiveOverlapping(spans: Tagged[], start: number, end: number): Tagged[] {
  const e = Math.max(end, start + 1);
  return spans.filter((s) => s.start < e && s.end > start);
}
const tags = (xs: Tagged[]) => xs.map((x) => x.tag).sort((a, b) => a - b);

/** Random spans over [0, 60): nested, overlapping, identical and empty ones are all likely. */
const spanArb = fc.tuple(fc.nat(60), fc.nat(25)).map(([start, len]) => ({ start, end: start + len }));
const spansArb = fc.array(spanArb, { maxLength: 40 }).chain((base) =>
  // Duplicate some spans so identical spans show up often.
  fc.array(fc.nat(Math.max(0, base.length - 1)), { maxLength: base.length ? 5 : 0 }).map((dups) => {
    const all = [...base, ...dups.map((i) => ({ ...base[i] }))];
    return all.map((s, tag) => ({ ...s, tag }));
  }),
);

describe('annotationIndex: IntervalIndex', () => {
  it('finds nested and overlapping spans at an offset, outermost first', () => {
    const spans: Tagged[] = [
      { start: 10, end: 20, tag: 1 },
      { start: 0, end: 100, tag: 2 },
      { start: 12, end: 15, tag: 3 },
      { start: 10, end: 30, tag: 4 },
      { start: 14, end: 14, tag: 5 }, // empty: covers nothing
      { start: 15, end: 40, tag: 6 },
    ];
    const index = new IntervalIndex(spans);
    assert.equal(index.size, 6);
    assert.deepEqual(index.covering(14).map((s) => s.tag), [2, 4, 1, 3]);
    assert.deepEqual(index.covering(15).map((s) => s.tag), [2, 4, 1, 6]);
    assert.deepEqual(index.covering(20).map((s) => s.tag), [2, 4, 6]);
    assert.deepEqual(index.covering(100), []);
    assert.deepEqual(index.covering(-1), []);
    assert.deepEqual(index.all().map((s) => s.tag), [2, 1, 4, 3, 5, 6]);
  });

  it('returns nothing from an empty index', () => {
    const index = new IntervalIndex<Tagged>([]);
    assert.deepEqual(index.covering(0), []);
    assert.deepEqual(index.overlapping(0, 10), []);
  });

  it('overlapping treats spans as half-open', () => {
    const index = new IntervalIndex<Tagged>([
      { start: 0, end: 5, tag: 1 },
      { start: 5, end: 10, tag: 2 },
      { start: 10, end: 10, tag: 3 },
    ]);
    assert.deepEqual(tags(index.overlapping(5, 10)), [2]);
    assert.deepEqual(tags(index.overlapping(4, 6)), [1, 2]);
    assert.deepEqual(tags(index.overlapping(7, 7)), [2]); // an empty query is a point query
  });

  it('property: covering matches a linear scan, outermost first', () => {
    fc.assert(
      fc.property(spansArb, fc.integer({ min: -2, max: 90 }), (spans, offset) => {
        const index = new IntervalIndex(spans);
        const got = index.covering(offset);
        assert.deepEqual(tags(got), tags(naiveCovering(spans, offset)));
        for (let i = 1; i < got.length; i++) {
          const [a, b] = [got[i - 1], got[i]];
          // Outermost first: earlier start, or the same start and a later (or equal) end.
          assert.ok(a.start < b.start || (a.start === b.start && a.end >= b.end), JSON.stringify(got));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('property: overlapping matches a linear scan, in start order', () => {
    fc.assert(
      fc.property(spansArb, fc.integer({ min: -2, max: 90 }), fc.nat(30), (spans, start, len) => {
        const index = new IntervalIndex(spans);
        const got = index.overlapping(start, start + len);
        assert.deepEqual(tags(got), tags(naiveOverlapping(spans, start, start + len)));
        for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].start <= got[i].start);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: all() is every span, sorted by start then end', () => {
    fc.assert(
      fc.property(spansArb, (spans) => {
        const all = new IntervalIndex(spans).all();
        assert.deepEqual(tags([...all]), tags(spans));
        for (let i = 1; i < all.length; i++) {
          assert.ok(all[i - 1].start < all[i].start || (all[i - 1].start === all[i].start && all[i - 1].end <= all[i].end));
        }
      }),
    );
  });

  it('answers quickly on many spans', () => {
    const spans: Tagged[] = [];
    for (let i = 0; i < 100_000; i++) spans.push({ start: i * 10, end: i * 10 + 15 + (i % 7 === 0 ? 500 : 0), tag: i });
    const index = new IntervalIndex(spans);
    const t = process.hrtime.bigint();
    let found = 0;
    for (let q = 0; q < 10_000; q++) found += index.covering((q * 97) % 1_000_000).length;
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    assert.ok(found > 10_000);
    assert.ok(ms < 1000, `${ms} ms for 10,000 queries`);
  });
});
