// Each attribution's score: a logistic function of how sure the tagger was of its chunks (the
// max-marginal margins of their tokens and of the tokens just outside them) and of which parts it
// has, with weights fitted on annotated text (`npm run train -- … --calibrate <folder>`), so a
// score of 0.8 means about 8 in 10 such suggestions are right.
import { Chunk, LinkedAttribution } from './spans';

/** How many numbers describe an attribution for the calibration (the first is a constant 1). */
export const CONFIDENCE_FEATURES = 10;

/** Until a model carries fitted weights: the score rises with the weakest chunk's margin. */
const UNFITTED = [-1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0];

const squash = (m: number) => Math.log1p(Math.min(Math.max(m, 0), 1e4));

/** The weakest margin inside a chunk and the weaker of the two tokens beside it (in its paragraph). */
function chunkMargins(c: Chunk, margins: Float32Array, paragraphOf: Uint32Array): [number, number] {
  let inside = Infinity;
  for (let i = c.first; i < c.end; i++) inside = Math.min(inside, margins[i]);
  let edge = 1e4;
  if (c.first > 0 && paragraphOf[c.first - 1] === paragraphOf[c.first]) edge = Math.min(edge, margins[c.first - 1]);
  if (c.end < margins.length && paragraphOf[c.end] === paragraphOf[c.end - 1]) edge = Math.min(edge, margins[c.end]);
  return [squash(inside), squash(edge)];
}

/** The calibration's inputs for one attribution. */
export function confidenceFeatures(a: LinkedAttribution, margins: Float32Array, paragraphOf: Uint32Array): number[] {
  const x = new Array<number>(CONFIDENCE_FEATURES).fill(0);
  x[0] = 1;
  if (a.cue) [x[1], x[2]] = chunkMargins(a.cue, margins, paragraphOf);
  else x[3] = 1;
  if (a.source) [x[4], x[5]] = chunkMargins(a.source, margins, paragraphOf);
  else x[6] = 1;
  if (a.content.length) {
    x[7] = Infinity;
    x[8] = Infinity;
    for (const c of a.content) {
      const [inside, edge] = chunkMargins(c, margins, paragraphOf);
      x[7] = Math.min(x[7], inside);
      x[8] = Math.min(x[8], edge);
    }
  } else x[9] = 1;
  return x;
}

export function confidence(weights: readonly number[] | undefined, x: readonly number[]): number {
  const w = weights && weights.length === CONFIDENCE_FEATURES ? weights : UNFITTED;
  let z = 0;
  for (let i = 0; i < CONFIDENCE_FEATURES; i++) z += w[i] * x[i];
  return 1 / (1 + Math.exp(-z));
}

/** Logistic regression by Newton's method (a little L2 so a feature that never varies stays put): deterministic, no randomness. */
export function fitConfidence(xs: readonly number[][], ys: readonly number[], l2 = 1e-2, rounds = 25): number[] {
  const d = CONFIDENCE_FEATURES;
  const w = new Array<number>(d).fill(0);
  for (let round = 0; round < rounds; round++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < d; i++) {
      g[i] = l2 * w[i];
      h[i][i] = l2;
    }
    xs.forEach((x, k) => {
      const p = confidence(w, x);
      const r = p * (1 - p);
      for (let i = 0; i < d; i++) {
        g[i] += (p - ys[k]) * x[i];
        for (let j = 0; j < d; j++) h[i][j] += r * x[i] * x[j];
      }
    });
    const step = solve(h, g);
    for (let i = 0; i < d; i++) w[i] -= step[i];
  }
  return w.map((v) => Number(v.toFixed(6)));
}

/** Gaussian elimination with partial pivoting (the system is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / m[r][r];
  }
  return x;
}
