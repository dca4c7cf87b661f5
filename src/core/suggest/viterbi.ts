// First-order Viterbi over a lattice of per-token label scores plus label-to-label scores.
// Forbidden moves (an inside label that does not continue its own chunk) are -Infinity.

// Reused between calls (tagging is one paragraph at a time, never re-entrant): no garbage per paragraph.
let scratch = { score: new Float64Array(0), back: new Uint8Array(0) };

/**
 * The best label sequence. `emit[t * L + y]` scores label y at token t; `trans[a * L + b]`
 * scores a followed by b; `start[y]` scores y at the first token.
 */
export function viterbi(emit: Float64Array, n: number, L: number, trans: Float64Array, start: Float64Array): Uint8Array {
  const out = new Uint8Array(n);
  if (n === 0) return out;
  if (scratch.score.length < n * L) scratch = { score: new Float64Array(n * L * 2), back: new Uint8Array(n * L * 2) };
  const { score, back } = scratch;
  for (let y = 0; y < L; y++) score[y] = start[y] + emit[y];
  for (let t = 1; t < n; t++) {
    const prev = (t - 1) * L;
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let a = 0; a < L; a++) {
        const s = score[prev + a] + trans[a * L + y];
        if (s > best) {
          best = s;
          arg = a;
        }
      }
      score[t * L + y] = best + emit[t * L + y];
      back[t * L + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    const s = score[(n - 1) * L + y];
    if (s > best) {
      best = s;
      arg = y;
    }
  }
  out[n - 1] = arg;
  for (let t = n - 1; t > 0; t--) out[t - 1] = back[t * L + out[t]];
  return out;
}

/** BIO constraints for labels O, B-x, I-x, B-y, I-y…: I-x only after B-x or I-x, never first. */
export function bioConstraints(L: number): { trans: Float64Array; start: Float64Array } {
  const trans = new Float64Array(L * L);
  const start = new Float64Array(L);
  for (let b = 2; b < L; b += 2) {
    start[b] = -Infinity;
    for (let a = 0; a < L; a++) if (a !== b && a !== b - 1) trans[a * L + b] = -Infinity;
  }
  return { trans, start };
}
