import * as assert from 'node:assert/strict';
import { confidence, CONFIDENCE_FEATURES, confidenceFeatures, fitConfidence } from '../../src/core/suggest/confidence';
import { seededRandom } from '../../src/core/suggest/hash';

describe('suggest: attribution scores', () => {
  it('a weaker chunk margin gives a lower score; a missing part is a feature of its own', () => {
    const margins = Float32Array.from([9, 9, 0.2, 9, 9, 9]);
    const paragraphOf = new Uint32Array(6);
    const sure = confidenceFeatures({ cue: { kind: 'cue', first: 4, end: 5 }, content: [] }, margins, paragraphOf);
    const unsure = confidenceFeatures({ cue: { kind: 'cue', first: 2, end: 3 }, content: [] }, margins, paragraphOf);
    assert.equal(sure.length, CONFIDENCE_FEATURES);
    assert.ok(confidence(undefined, sure) > confidence(undefined, unsure));
    assert.equal(sure[6], 1, 'no source');
    assert.equal(sure[9], 1, 'no content');
    // The token beside the cue is the unsure one: its edge margin says so.
    const beside = confidenceFeatures({ cue: { kind: 'cue', first: 3, end: 4 }, content: [] }, margins, paragraphOf);
    assert.ok(beside[2] < sure[2]);
  });

  it('fitted weights give scores matching how often the attributions are right', () => {
    // Attributions whose margin m is right with probability 1 / (1 + e^-(2m - 3)).
    const random = seededRandom(1);
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const m = 3 * random();
      const x = new Array<number>(CONFIDENCE_FEATURES).fill(0);
      x[0] = 1;
      x[1] = m;
      xs.push(x);
      ys.push(random() < 1 / (1 + Math.exp(-(2 * m - 3))) ? 1 : 0);
    }
    const w = fitConfidence(xs, ys);
    assert.ok(Math.abs(w[1] - 2) < 0.4 && Math.abs(w[0] + 3) < 0.6, w.join(' '));
    assert.deepEqual(fitConfidence(xs, ys), w, 'deterministic');
  });
});
