// First-order Viterbi over a lattice of per-token label scores plus label-to-label scores.
// Forbidden moves (an inside label that does not continue its own chunk) are -Infinity.

// Reused between calls (tagging is one paragraph at a time, never re-entrant): no garbage per paragraph.
let scratch = { score: new Float64Array(0), back: new Uint8Array(0), after: new Float64Array(0) };

/**
 * The best label sequence. `emit[t * L + y]` scores label y at token t; `trans[a * L + b]`
 * scores a followed by b; `start[y]` scores y at the first token. With `margins`, each token's
 * max-marginal margin is written there too: how much worse the best path giving that token any
 * other label scores (the model's confidence in the token's label, at the cost of one backward
 * pass), from the token before the first chunk on (the tokens before it are left alone).
 */
export function viterbi(emit: Float64Array, n: number, L: number, trans: Float64Array, start: Float64Array, margins?: Float32Array, out: Uint8Array = new Uint8Array(n)): Uint8Array {
  if (n === 0) return out;
  if (scratch.score.length < n * L) scratch = { score: new Float64Array(n * L * 2), back: new Uint8Array(n * L * 2), after: new Float64Array(n * L * 2) };
  const { score, back } = scratch;
  const { into, intoFirst, intoScore } = allowedMoves(trans, L);
  for (let y = 0; y < L; y++) score[y] = start[y] + emit[y];
  for (let t = 1; t < n; t++) {
    const prev = (t - 1) * L;
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      let arg = 0;
      for (let j = intoFirst[y]; j < intoFirst[y + 1]; j++) {
        const a = into[j];
        const s = score[prev + a] + intoScore[j];
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
  if (margins) maxMarginalMargins(emit, n, L, trans, best, out, margins);
  return out;
}

/** After viterbi: `after[t * L + y]` is the best score of tokens t+1.. given label y at t; a token's margin is the best path's score less the best with another label there. */
function maxMarginalMargins(emit: Float64Array, n: number, L: number, trans: Float64Array, best: number, path: Uint8Array, margins: Float32Array): void {
  // Margins are read for chunks and the tokens beside them: none before the one ahead of the first chunk (left 0).
  let lo = 0;
  while (lo < n && path[lo] === 0) lo++;
  if (lo === n) return;
  lo = Math.max(lo - 1, 0);
  const { score, after } = scratch;
  const { from, fromFirst, fromScore } = allowedMoves(trans, L);
  for (let y = 0; y < L; y++) after[(n - 1) * L + y] = 0;
  for (let t = n - 2; t >= lo; t--) {
    const next = (t + 1) * L;
    for (let y = 0; y < L; y++) {
      let b = -Infinity;
      for (let j = fromFirst[y]; j < fromFirst[y + 1]; j++) {
        const z = from[j];
        const s = fromScore[j] + emit[next + z] + after[next + z];
        if (s > b) b = s;
      }
      after[t * L + y] = b;
    }
  }
  for (let t = lo; t < n; t++) {
    let other = -Infinity;
    for (let y = 0; y < L; y++) {
      if (y === path[t]) continue;
      const s = score[t * L + y] + after[t * L + y];
      if (s > other) other = s;
    }
    margins[t] = other === -Infinity ? 1e9 : best - other;
  }
}

/**
 * The moves `trans` allows (not -Infinity): into each label y, `into[intoFirst[y] .. intoFirst[y+1])`,
 * and from each, in `from` likewise, in label order. A forbidden move scores -Infinity and never
 * beats the best (comparisons are strict), so skipping it changes nothing; under BIO constraints
 * it spares about a third of the work. Each move's score is kept beside it, in the order the loops
 * read them. Read afresh each call (L * L checks) into reused arrays.
 */
function allowedMoves(trans: Float64Array, L: number): Moves {
  if (moves.into.length < L * L) moves = emptyMoves(L);
  const { into, intoFirst, intoScore, from, fromFirst, fromScore } = moves;
  let i = 0;
  let f = 0;
  for (let y = 0; y < L; y++) {
    intoFirst[y] = i;
    for (let a = 0; a < L; a++) {
      if (trans[a * L + y] === -Infinity) continue;
      into[i] = a;
      intoScore[i++] = trans[a * L + y];
    }
    fromFirst[y] = f;
    for (let z = 0; z < L; z++) {
      if (trans[y * L + z] === -Infinity) continue;
      from[f] = z;
      fromScore[f++] = trans[y * L + z];
    }
  }
  intoFirst[L] = i;
  fromFirst[L] = f;
  return moves;
}

interface Moves {
  into: Int32Array;
  intoFirst: Int32Array;
  intoScore: Float64Array;
  from: Int32Array;
  fromFirst: Int32Array;
  fromScore: Float64Array;
}

function emptyMoves(L: number): Moves {
  return { into: new Int32Array(L * L), intoFirst: new Int32Array(L + 1), intoScore: new Float64Array(L * L), from: new Int32Array(L * L), fromFirst: new Int32Array(L + 1), fromScore: new Float64Array(L * L) };
}

let moves = emptyMoves(0);

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
