// Agreement between annotators (src/core/corpus/agreement.ts): the figures checked by hand on a
// small example, the matching rules at their edges, and the review lists.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { compareAnnotators, matchSpans, overlapRatio, speakerKappa } from '../../src/core/corpus/agreement';
import { agreementTable, disagreementsCsv, disagreementsMarkdown } from '../../src/core/corpus/agreementReport';
import { Annotation, AnnotationType } from '../../src/core/model';
import { parseCsv } from './exportFormats.test';
import { sidecarWith, speaker } from './helpers';

let next = 0;
function span(type: AnnotationType, start: number, end: number, extra: Partial<Annotation> = {}): Annotation {
  return { id: `x${++next}`, type, start, end, ...extra };
}

/**
 * The hand-checked example. A and B annotate the same text:
 *
 *   A                                   B
 *   quote    [0,20)   s1   a1           quote    [0,20)   s1   b1   exact, same speaker
 *   quote    [30,50)  s2   a2           quote    [30,45)  s1   b2   overlap 15/20 = 0.75, speaker differs
 *   quote    [60,70)  s1   a3           quote    [64,80)  s1   b3   overlap 6/20 = 0.3 < 0.5: no pair
 *   mention  [100,105) s1  a4           mention  [100,105) s1  b4   exact
 *   mention  [110,115) s2  a5           mention  [110,115) s2  b5   exact
 *                                       mention  [120,125) s2  b6   only in B
 *   response [200,240) s2 d1 rejects a6 response [200,240) s2 d1 disputes b7  exact, stance differs
 *
 * F1 = 2·matched / (|A| + |B|):
 *   mention   A 2, B 3, exact 2, overlap 2: exact F1 4/5 = 0.8, overlap F1 0.8
 *   quote     A 3, B 3, exact 1, overlap 2: exact F1 2/6 = 0.333, overlap F1 4/6 = 0.667
 *   demand    none on either side: n/a
 *   response  A 1, B 1, exact 1: 1
 *   all       A 6, B 7, exact 4, overlap 5: exact F1 8/13 = 0.615, overlap F1 10/13 = 0.769
 *
 * Kappa over the 5 overlap pairs of quotes, mentions and responses: (a1,b1) s1/s1, (a2,b2) s2/s1,
 * (a4,b4) s1/s1, (a5,b5) s2/s2, (a6,b7) s2/s2. Agreed 4: po = 4/5 = 0.8.
 * A: s1 twice (a1, a4), s2 three times; B: s1 three times (b1, b2, b4), s2 twice.
 * pe = (2/5)(3/5) + (3/5)(2/5) = 12/25 = 0.48.  κ = (0.8 − 0.48) / (1 − 0.48) = 0.32/0.52 = 8/13 = 0.615.
 */
function example() {
  const a = [
    span('quote', 0, 20, { id: 'a1', speaker: 's1' }),
    span('quote', 30, 50, { id: 'a2', speaker: 's2' }),
    span('quote', 60, 70, { id: 'a3', speaker: 's1' }),
    span('mention', 100, 105, { id: 'a4', speaker: 's1' }),
    span('mention', 110, 115, { id: 'a5', speaker: 's2' }),
    span('response', 200, 240, { id: 'a6', speaker: 's2', demand: 'd1', stance: 'rejects' }),
  ];
  const b = [
    span('response', 200, 240, { id: 'b7', speaker: 's2', demand: 'd1', stance: 'disputes' }),
    span('quote', 0, 20, { id: 'b1', speaker: 's1' }),
    span('quote', 30, 45, { id: 'b2', speaker: 's1' }),
    span('quote', 64, 80, { id: 'b3', speaker: 's1' }),
    span('mention', 100, 105, { id: 'b4', speaker: 's1' }),
    span('mention', 110, 115, { id: 'b5', speaker: 's2' }),
    span('mention', 120, 125, { id: 'b6', speaker: 's2' }),
  ];
  return { a, b };
}

const close = (actual: number | undefined, expected: number) => {
  assert.ok(actual !== undefined && Math.abs(actual - expected) < 1e-9, `${actual} ≈ ${expected}`);
};

describe('agreement between annotators', () => {
  it('the hand-checked example: F1 per type, exact and overlap', () => {
    const { a, b } = example();
    const r = compareAnnotators(a, b);
    const byType = Object.fromEntries(r.types.map((t) => [t.type, t]));
    assert.deepEqual([byType.mention.a, byType.mention.b, byType.mention.exact, byType.mention.overlap], [2, 3, 2, 2]);
    close(byType.mention.exactF1, 0.8);
    close(byType.mention.overlapF1, 0.8);
    assert.deepEqual([byType.quote.a, byType.quote.b, byType.quote.exact, byType.quote.overlap], [3, 3, 1, 2]);
    close(byType.quote.exactF1, 1 / 3);
    close(byType.quote.overlapF1, 2 / 3);
    assert.equal(byType.demand.exactF1, undefined);
    assert.equal(byType.demand.overlapF1, undefined);
    close(byType.response.exactF1, 1);
    assert.deepEqual([r.all.a, r.all.b, r.all.exact, r.all.overlap], [6, 7, 4, 5]);
    close(r.all.exactF1, 8 / 13);
    close(r.all.overlapF1, 10 / 13);
  });

  it('the hand-checked example: kappa on speakers, overall and per type', () => {
    const { a, b } = example();
    const { kappa, kappaByType } = compareAnnotators(a, b);
    assert.equal(kappa.n, 5);
    assert.equal(kappa.agreed, 4);
    close(kappa.observed, 0.8);
    close(kappa.chance, 0.48);
    close(kappa.kappa, 8 / 13);
    // Mentions: (s1,s1), (s2,s2): po 1, pe 1/2·1/2 + 1/2·1/2 = 1/2, κ 1.
    close(kappaByType.get('mention')!.kappa, 1);
    // Quotes: (s1,s1), (s2,s1): po 1/2; A s1 1/2, s2 1/2; B s1 1: pe 1/2, κ 0.
    close(kappaByType.get('quote')!.kappa, 0);
    // Responses: one pair, both s2: pe 1, κ undefined.
    assert.equal(kappaByType.get('response')!.kappa, undefined);
  });

  it('the hand-checked example: the disagreements in text order', () => {
    const { a, b } = example();
    const r = compareAnnotators(a, b);
    const list = r.disagreements.map((d) => (d.kind === 'differ' ? `${d.a.id}/${d.b.id} ${d.differences.join('+')}` : d.kind === 'only-a' ? `A ${d.a.id}` : `B ${d.b.id}`));
    assert.deepEqual(list, ['a2/b2 boundaries+speaker', 'A a3', 'B b3', 'B b6', 'a6/b7 stance']);
  });

  it('kappa agrees with a textbook example (Wikipedia: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no gives 0.4)', () => {
    const pairs = [
      ...Array.from({ length: 20 }, () => ['yes', 'yes']),
      ...Array.from({ length: 5 }, () => ['yes', 'no']),
      ...Array.from({ length: 10 }, () => ['no', 'yes']),
      ...Array.from({ length: 15 }, () => ['no', 'no']),
    ].map(([x, y], i) => ({ a: span('quote', i, i + 1, { speaker: x }), b: span('quote', i, i + 1, { speaker: y }), ratio: 1 }));
    const k = speakerKappa(pairs);
    close(k.observed, 0.7);
    close(k.chance, 0.5);
    close(k.kappa, 0.4);
  });

  it('no speaker is a category of its own, and speakers are the same only by id', () => {
    const k = speakerKappa([
      { a: span('quote', 0, 5), b: span('quote', 0, 5), ratio: 1 },
      { a: span('quote', 6, 9, { speaker: 's1' }), b: span('quote', 6, 9), ratio: 1 },
      { a: span('quote', 10, 19, { speaker: 's1' }), b: span('quote', 10, 19, { speaker: 'S1' }), ratio: 1 },
    ]);
    assert.equal(k.agreed, 1);
    assert.equal(speakerKappa([]).kappa, undefined);
  });

  it('overlap ratio: intersection over union; empty spans match only themselves', () => {
    assert.equal(overlapRatio({ start: 0, end: 10 }, { start: 5, end: 15 }), 5 / 15);
    assert.equal(overlapRatio({ start: 0, end: 10 }, { start: 10, end: 20 }), 0);
    assert.equal(overlapRatio({ start: 4, end: 4 }, { start: 4, end: 4 }), 1);
    assert.equal(overlapRatio({ start: 4, end: 4 }, { start: 0, end: 10 }), 0);
    // Exactly at the threshold still matches.
    assert.equal(matchSpans([span('quote', 0, 10)], [span('quote', 0, 5)]).length, 1);
    assert.equal(matchSpans([span('quote', 0, 10)], [span('quote', 0, 4)]).length, 0);
  });

  it('one to one, highest ratio first, whatever the order of the files', () => {
    const x = span('quote', 0, 10);
    const y1 = span('quote', 0, 6); // 0.6
    const y2 = span('quote', 2, 10); // 0.8
    for (const bs of [[y1, y2], [y2, y1]]) {
      const m = matchSpans([x], bs);
      assert.equal(m.length, 1);
      assert.equal(m[0].b, y2);
    }
    // Two identical spans on one side, one on the other: one pair, one left over.
    const r = compareAnnotators([span('mention', 3, 8), span('mention', 3, 8)], [span('mention', 3, 8)]);
    assert.equal(r.all.exact, 1);
    assert.deepEqual(r.disagreements.map((d) => d.kind), ['only-a']);
    // Types never pair with each other.
    assert.equal(compareAnnotators([span('quote', 0, 10)], [span('mention', 0, 10)]).all.overlap, 0);
  });

  it('identical sides agree fully; one side empty gives F1 0', () => {
    const { a } = example();
    const same = compareAnnotators(a, a.map((x) => ({ ...x })));
    close(same.all.exactF1, 1);
    assert.equal(same.disagreements.length, 0);
    const none = compareAnnotators(a, []);
    close(none.all.overlapF1, 0);
    assert.equal(none.kappa.n, 0);
  });

  describe('the lists to review', () => {
    const text = 'x'.repeat(300);
    const ctx = () => ({
      a: { label: 'A', sidecar: sidecarWith([speaker('s1', '=HYPERLINK("http://evil")'), speaker('s2', 'Ann *Bold*')], [], []) },
      b: { label: 'B', sidecar: sidecarWith([speaker('s1', 'Sam')], [], []) },
      text: 'line one\n' + text,
    });

    it('CSV: one row per disagreement, both sides, formula cells guarded', () => {
      const { a, b } = example();
      const r = compareAnnotators(a, b);
      const rows = parseCsv(disagreementsCsv(r, ctx()));
      assert.equal(rows.length, 1 + r.disagreements.length);
      assert.deepEqual(rows[0].slice(0, 4), ['disagreement', 'type', 'line', 'a_id']);
      const first = Object.fromEntries(rows[0].map((k, i) => [k, rows[1][i]]));
      assert.equal(first.disagreement, 'boundaries and speaker differ');
      assert.equal(first.a_speaker, 'Ann *Bold* (s2)');
      assert.equal(first.b_speaker, 'Sam (s1)');
      assert.equal(first.line, '2');
      const a3 = Object.fromEntries(rows[0].map((k, i) => [k, rows[2][i]]));
      assert.equal(a3.disagreement, 'only in A');
      assert.equal(a3.a_speaker, `'=HYPERLINK("http://evil") (s1)`);
      assert.equal(a3.b_id, '');
    });

    it('Markdown: a checklist that renders as its text, nothing becomes a link or markup', () => {
      const { a, b } = example();
      const r = compareAnnotators(a, b);
      const md = disagreementsMarkdown(r, ctx());
      const html = new MarkdownIt({ html: true, linkify: true }).render(md);
      assert.doesNotMatch(html, /<a |<em>|<strong>Bold/);
      assert.match(html, /Ann \*Bold\* \(s2\)/);
      assert.equal((md.match(/^- \[ \] /gm) ?? []).length, r.disagreements.length);
    });

    it('the table has every type, all, and the kappa', () => {
      const { a, b } = example();
      const lines = agreementTable(compareAnnotators(a, b));
      assert.match(lines[0], /^type\s+A\s+B\s+exact\s+exact F1\s+overlap\s+overlap F1$/);
      assert.match(lines.find((l) => l.startsWith('quote'))!, /^quote\s+3\s+3\s+1\s+0\.333\s+2\s+0\.667$/);
      assert.match(lines.find((l) => l.startsWith('demand'))!, /n\/a\s+0\s+n\/a$/);
      assert.match(lines.find((l) => l.startsWith('all'))!, /^all\s+6\s+7\s+4\s+0\.615\s+5\s+0\.769$/);
      assert.ok(lines.some((l) => /Cohen's kappa 0\.615 \(4 of 5 pairs agree: observed 0\.800, chance 0\.480\)/.test(l)));
    });
  });
});
