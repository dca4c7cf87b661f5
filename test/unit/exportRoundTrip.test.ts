// Round trips: sidecar -> brat -> sidecar and sidecar -> W3C -> sidecar keep every annotation
// (type, speaker, demand, stance, offsets, text, note, origin), on the sample, on the hand-made
// article (emoji before and inside spans, CRLF inside a span, combining marks), and on random
// articles and spans (property), through the sidecar file as the CLI writes it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { anchorContext } from '../../src/core/anchoring';
import { loadArticle } from '../../src/core/export/article';
import { exportBrat } from '../../src/core/export/brat';
import { importBrat } from '../../src/core/export/importBrat';
import { importW3c } from '../../src/core/export/importW3c';
import { ImportResult } from '../../src/core/export/sidecarBuilder';
import { ArticleInput } from '../../src/core/export/types';
import { exportW3c } from '../../src/core/export/w3c';
import { Annotation, ANNOTATION_TYPES, compareAnnotations, STANCES } from '../../src/core/model';
import { serializeSidecar } from '../../src/core/sidecar';
import { fixtureArticle, sampleInput } from './exportGolden.test';
import { demand, sidecarWith, speaker } from './helpers';

type Format = 'brat' | 'w3c';

/** Export, import, write the sidecar and read it back on the same text. */
function roundTrip(article: ArticleInput, format: Format): { back: ArticleInput; result: ImportResult } {
  let result: ImportResult;
  if (format === 'brat') {
    const files = exportBrat([article], {});
    const ann = files.find((f) => f.path.endsWith('.ann'))!.content;
    const txt = files.find((f) => f.path.endsWith('.txt'))!.content;
    assert.equal(txt, article.text);
    result = importBrat(ann, txt, { file: 'article.txt' });
  } else {
    result = importW3c(exportW3c([article], {})[0].content, article.text, { file: 'article.txt' });
  }
  const loaded = loadArticle(article.path, article.text, serializeSidecar(result.sidecar));
  assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error'), [], 'reads back without errors');
  assert.ok(loaded.article);
  return { back: loaded.article, result };
}

/** What a round trip must keep of an annotation (ids only W3C keeps). */
function kept(a: Annotation, withId: boolean): string {
  return JSON.stringify([withId ? a.id : '', a.type, a.speaker, a.demand, a.stance, a.start, a.end, a.text, a.note, a.origin]);
}

function assertSame(before: readonly Annotation[], after: readonly Annotation[], withId: boolean): void {
  assert.deepEqual(after.map((a) => kept(a, withId)).sort(), before.map((a) => kept(a, withId)).sort());
}

describe('export round trips', () => {
  for (const format of ['brat', 'w3c'] as Format[]) {
    describe(`sidecar -> ${format} -> sidecar`, () => {
      it('keeps all 65 annotations of the sample, and warns of nothing', () => {
        const article = sampleInput();
        const { back, result } = roundTrip(article, format);
        assert.deepEqual(result.warnings, []);
        assert.equal(back.placed.length, 65);
        assertSame(article.placed, back.placed, format === 'w3c');
        assert.equal(result.sidecar.document.sha256, article.sidecar.document.sha256);
        // Speakers and demands by id; brat carries their names and demand status, W3C everything.
        for (const [id, s] of article.sidecar.speakers) {
          if (!article.placed.some((a) => a.speaker === id) && format === 'brat') continue;
          assert.equal(back.sidecar.speakers.get(id)?.name, s.name, id);
        }
        for (const [id, d] of article.sidecar.demands) assert.equal(back.sidecar.demands.get(id)?.status, d.status, id);
        if (format === 'w3c') {
          assert.deepEqual([...back.sidecar.speakers], [...article.sidecar.speakers]);
          assert.deepEqual([...back.sidecar.demands], [...article.sidecar.demands]);
        }
      });

      it('keeps every annotation with emoji before and inside spans, a span across a CRLF, combining marks', () => {
        const article = fixtureArticle('bike-lanes.txt');
        const { back } = roundTrip(article, format);
        const note = (a: Annotation) => (format === 'brat' && a.note ? { ...a, note: a.note.replace(/\s*\n\s*/g, ' ') } : a);
        assertSame(article.placed.map(note), back.placed, format === 'w3c');
        assert.ok(back.placed.some((a) => a.text === 'No.\r\nNot 𝒳 yet.' && a.stance === 'rejects'));
        // brat has no span-less annotation; W3C keeps the orphan for review.
        assert.deepEqual(back.orphans.map((o) => o.annotation.id), format === 'w3c' ? ['a8'] : []);
      });
    });
  }

  describe('on random articles (property)', () => {
    const units = ['a', 'b', ' ', '.', 'é', 'e', '\u0301', '😀', '👍🏽', '🇬🇧', '𝒳', '\r\n', '\n', '\r', '\t', '\u2028', '“', '"'];
    const speakers = [speaker('ann', 'Ann Lee'), speaker('a b', 'Spaced Id'), speaker('50%', 'Per "Cent"', { kind: 'group' }), speaker('x:y', 'Colon')];
    const demands = [demand('d1', 'First'), demand('d 2', 'Second', { status: 'open' })];
    const spec = fc.record({
      type: fc.constantFrom(...ANNOTATION_TYPES),
      a: fc.nat(),
      b: fc.nat(),
      speaker: fc.constantFrom(...speakers.map((s) => s.id)),
      demand: fc.constantFrom(...demands.map((d) => d.id)),
      stance: fc.constantFrom(...STANCES),
      note: fc.option(fc.stringMatching(/^[a-z][a-z ,.]{0,10}[a-z]$/), { nil: undefined }),
      suggested: fc.boolean(),
    });
    const articleArb = fc.record({ units: fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 50 }), specs: fc.array(spec, { minLength: 1, maxLength: 8 }) }).map(({ units: us, specs }) => {
      const text = us.join('');
      // Offsets the editor can have: between units, never inside a CRLF.
      const bounds = [0];
      for (const u of us) bounds.push(bounds[bounds.length - 1] + u.length);
      const ok = bounds.filter((b) => !(text[b - 1] === '\r' && text[b] === '\n'));
      const seen = new Set<string>();
      const placed: Annotation[] = [];
      specs.forEach((s, i) => {
        const [start, end] = [ok[s.a % ok.length], ok[s.b % ok.length]].sort((x, y) => x - y);
        const a: Annotation = { id: `a${i + 1}`, type: s.type, start, end, ...anchorContext(text, start, end) };
        if (s.type !== 'demand') a.speaker = s.speaker;
        if (s.type === 'demand' || s.type === 'response') a.demand = s.demand;
        if (s.type === 'response') a.stance = s.stance;
        if (s.note) a.note = s.note;
        if (s.suggested) a.origin = 'suggested';
        const key = kept(a, false);
        if (!seen.has(key)) (seen.add(key), placed.push(a));
      });
      placed.sort(compareAnnotations);
      const article: ArticleInput = { path: 'random.txt', text, sidecar: sidecarWith(speakers, demands, placed), placed, orphans: [] };
      return article;
    });

    for (const format of ['brat', 'w3c'] as Format[]) {
      it(`sidecar -> ${format} -> sidecar keeps every annotation`, () => {
        fc.assert(
          fc.property(articleArb, (article) => {
            const { back, result } = roundTrip(article, format);
            assert.deepEqual(result.warnings, []);
            assertSame(article.placed, back.placed, format === 'w3c');
            assert.deepEqual(back.orphans, []);
          }),
          { numRuns: 250 },
        );
      });
    }
  });
});
