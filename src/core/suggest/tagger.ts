// A linear-chain tagger whose weights live in one hashed table: every feature hash picks a
// bucket of 8 weights, one per label (7 used), so a feature's weights share a cache line and
// the table's size is fixed whatever the vocabulary. Trained as a structured averaged
// perceptron (Collins 2002), decoded with Viterbi under BIO constraints.
import { NUM_LABELS, ParagraphFeatures } from './features';
import { bioConstraints, viterbi } from './viterbi';

export const STRIDE = 8;
const L = NUM_LABELS;
let emitted = new Float64Array(0);

export class Tagger {
  readonly mask: number;
  private readonly decoded: { trans: Float64Array; start: Float64Array };
  constructor(
    /** buckets * STRIDE weights, each times `scale`: 16-bit, so the table stays small in cache. */
    readonly weights: Int16Array,
    readonly scale: number,
    /** L * L transition weights then L start weights (learned; BIO constraints added on top). */
    readonly transitions: Float32Array,
  ) {
    this.mask = weights.length / STRIDE - 1;
    this.decoded = decodeScores(transitions);
  }

  /** Per-token label scores of a paragraph, summed over its feature sets; in a buffer the next call writes over. */
  emissions(pfs: readonly ParagraphFeatures[]): Float64Array {
    const size = (pfs[0].offs.length - 1) * L;
    // Tagging is one paragraph at a time and never re-entrant: one buffer, no garbage per paragraph.
    if (emitted.length < size) emitted = new Float64Array(size * 2);
    const e = emitted.subarray(0, size).fill(0);
    for (const pf of pfs) addEmissions(e, pf, this.weights, this.mask);
    for (let i = 0; i < e.length; i++) e[i] *= this.scale;
    return e;
  }

  /** The best labels (into `out` when given); with `margins`, each token's max-marginal margin too (see viterbi). */
  tag(pfs: readonly ParagraphFeatures[], margins?: Float32Array, out?: Uint8Array): Uint8Array {
    return viterbi(this.emissions(pfs), pfs[0].offs.length - 1, L, this.decoded.trans, this.decoded.start, margins, out);
  }
}

function addEmissions(e: Float64Array, pf: ParagraphFeatures, w: Int16Array | Float64Array, mask: number): void {
  const n = pf.offs.length - 1;
  const { feats, offs } = pf;
  for (let t = 0; t < n; t++) {
    const o = t * L;
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    let e3 = 0;
    let e4 = 0;
    let e5 = 0;
    let e6 = 0;
    for (let k = offs[t]; k < offs[t + 1]; k++) {
      const b = (feats[k] & mask) * STRIDE;
      e0 += w[b];
      e1 += w[b + 1];
      e2 += w[b + 2];
      e3 += w[b + 3];
      e4 += w[b + 4];
      e5 += w[b + 5];
      e6 += w[b + 6];
    }
    e[o] += e0;
    e[o + 1] += e1;
    e[o + 2] += e2;
    e[o + 3] += e3;
    e[o + 4] += e4;
    e[o + 5] += e5;
    e[o + 6] += e6;
  }
}

const constraints = bioConstraints(L);

function decodeScores(tr: Float32Array | Float64Array): { trans: Float64Array; start: Float64Array } {
  const trans = new Float64Array(L * L);
  const start = new Float64Array(L);
  for (let i = 0; i < L * L; i++) trans[i] = tr[i] + constraints.trans[i];
  for (let y = 0; y < L; y++) start[y] = tr[L * L + y] + constraints.start[y];
  return { trans, start };
}

/** One training sequence: a paragraph's features and gold labels. */
export interface Example {
  pfs: ParagraphFeatures[];
  gold: Uint8Array;
}

/**
 * Averaged perceptron training: current weights `w`, and `u` summing each update times the
 * step it happened at, so the average is w - u / steps without touching every weight per step.
 */
export class PerceptronTrainer {
  readonly w: Float64Array;
  readonly u: Float64Array;
  readonly tw = new Float64Array(L * L + L);
  readonly tu = new Float64Array(L * L + L);
  readonly mask: number;
  step = 1;

  constructor(bucketBits: number) {
    this.w = new Float64Array((1 << bucketBits) * STRIDE);
    this.u = new Float64Array((1 << bucketBits) * STRIDE);
    this.mask = (1 << bucketBits) - 1;
  }

  /** One example: decode with the current weights, and move towards the gold labels where they differ. Returns the number of wrong tokens. */
  learn(ex: Example): number {
    const n = ex.gold.length;
    const { trans, start } = decodeScores(this.tw);
    const e = new Float64Array(n * L);
    for (const pf of ex.pfs) addEmissions(e, pf, this.w, this.mask);
    const pred = viterbi(e, n, L, trans, start);
    let wrong = 0;
    const c = this.step;
    for (let t = 0; t < n; t++) {
      const g = ex.gold[t];
      const p = pred[t];
      if (g !== p) {
        wrong++;
        for (const pf of ex.pfs) {
          for (let k = pf.offs[t]; k < pf.offs[t + 1]; k++) {
            const b = (pf.feats[k] & this.mask) * STRIDE;
            this.bump(this.w, this.u, b + g, 1, c);
            this.bump(this.w, this.u, b + p, -1, c);
          }
        }
      }
      const gPrev = t === 0 ? -1 : ex.gold[t - 1];
      const pPrev = t === 0 ? -1 : pred[t - 1];
      if (g !== p || gPrev !== pPrev) {
        this.bump(this.tw, this.tu, gPrev < 0 ? L * L + g : gPrev * L + g, 1, c);
        this.bump(this.tw, this.tu, pPrev < 0 ? L * L + p : pPrev * L + p, -1, c);
      }
    }
    this.step++;
    return wrong;
  }

  private bump(w: Float64Array, u: Float64Array, i: number, by: number, c: number): void {
    w[i] += by;
    u[i] += by * c;
  }

  /** The averaged weights as a tagger, quantised to 16 bits with one scale for the table. */
  averaged(): Tagger {
    const avg = new Float64Array(this.w.length);
    let max = 0;
    for (let i = 0; i < avg.length; i++) {
      avg[i] = this.w[i] - this.u[i] / this.step;
      max = Math.max(max, Math.abs(avg[i]));
    }
    const scale = max > 0 ? max / 32767 : 1;
    const weights = new Int16Array(avg.length);
    for (let i = 0; i < avg.length; i++) weights[i] = Math.round(avg[i] / scale);
    const transitions = new Float32Array(this.tw.length);
    for (let i = 0; i < transitions.length; i++) transitions[i] = this.tw[i] - this.tu[i] / this.step;
    return new Tagger(weights, scale, transitions);
  }
}
