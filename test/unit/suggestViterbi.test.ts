import * as assert from 'node:assert/strict';
import { bioConstraints, viterbi } from '../../src/core/suggest/viterbi';

describe('suggest: Viterbi', () => {
  it('finds the best path of a hand-made lattice, where the greedy path is worse', () => {
    // Two labels. Greedy picks 0 then 0 (2 + 1.5 - 5 = -1.5); leaving label 0 costs 5, so 1, 0 wins (1 + 1.5 = 2.5).
    const emit = Float64Array.from([2, 1, 1.5, 1]);
    const trans = Float64Array.from([-5, -5, 0, 0]);
    const start = Float64Array.from([0, 0]);
    assert.deepEqual([...viterbi(emit, 2, 2, trans, start)], [1, 0]);
    // Max-marginal margins: label 0 at the first token is best at -1.5 (4 below 2.5), label 1 at the second at 2 (0.5 below).
    const margins = new Float32Array(2);
    viterbi(emit, 2, 2, trans, start, margins);
    assert.deepEqual([...margins], [4, 0.5]);
    // Without the penalty the greedy path is the best.
    assert.deepEqual([...viterbi(emit, 2, 2, new Float64Array(4), start)], [0, 0]);
  });

  it('follows the back-pointers over a longer lattice', () => {
    // Three labels, four tokens: staying on a label costs nothing, switching costs 1.
    const emit = Float64Array.from([0, 3, 0, 0, 0, 0.4, 0, 0.2, 0.4, 3, 0, 0]);
    const trans = Float64Array.from([0, -1, -1, -1, 0, -1, -1, -1, 0]);
    assert.deepEqual([...viterbi(emit, 4, 3, trans, new Float64Array(3))], [1, 1, 1, 0]);
  });

  it('BIO constraints forbid an inside label that does not continue its chunk', () => {
    const { trans, start } = bioConstraints(5);
    // Labels O, B-a, I-a, B-b, I-b: I-a strongly preferred everywhere, but may not open.
    const emit = new Float64Array(3 * 5);
    for (let t = 0; t < 3; t++) emit[t * 5 + 2] = 5;
    emit[0 * 5 + 3] = 1;
    const path = [...viterbi(emit, 3, 5, trans, start)];
    assert.deepEqual(path, [1, 2, 2]);
    assert.equal(trans[3 * 5 + 2], -Infinity);
    assert.equal(start[4], -Infinity);
    assert.equal(viterbi(new Float64Array(0), 0, 5, trans, start).length, 0);
  });
});
