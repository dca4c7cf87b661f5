// A linear-chain tagger whose weights live in one hashed table: every feature hash picks a
// bucket of 8 weights, one per label (7 used), so a feature's weights share a cache line and
// the table's size is fixed whatever the vocabulary. Trained as a structured averaged
// perceptron (Collins 2002), decoded with Viterbi under BIO constraints.
import { NUM_LABELS, ParagraphFeatures } from './features';
import { bioConstraints, viterbi } from './viterbi';

export const STRIDE = 8;
const L = NUM_LABELS;

export class Tagger {
  readonly mask: number;
  constructor(
    /** buckets * STRIDE weights. */
    readonly weights: Float32Array,
    /** L * L transition weights then L start weights (learned; BIO constraints added on top). */
    readonly transitions: Float32Array,
  ) {
    this.mask = weights.length / STRIDE - 1;
  }

  static empty(bucketBits: number): Tagger {
    return new Tagger(new Float32Array((1 << bucketBits) * STRIDE), new Float32Array(L * L + L));
  }

  /** Per-token label scores of a paragraph. */
  emissions(pf: ParagraphFeatures): Float64Array {
    return emissionsOf(pf, this.weights, this.mask);
  }

  tag(pf: ParagraphFeatures): Uint8Array {
    const n = pf.offs.length - 1;
    const { trans, start } = decodeScores(this.transitions);
    return viterbi(this.emissions(pf), n, L, trans, start);
  }
}

function emissionsOf(pf: ParagraphFeatures, w: Float32Array | Float64Array, mask: number): Float64Array {
  const n = pf.offs.length - 1;
  const e = new Float64Array(n * L);
  const { feats, offs } = pf;
  for (let t = 0; t < n; t++) {
    const o = t * L;
    for (let k = offs[t]; k < offs[t + 1]; k++) {
      const b = (feats[k] & mask) * STRIDE;
      for (let y = 0; y < L; y++) e[o + y] += w[b + y];
    }
  }
  return e;
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
  pf: ParagraphFeatures;
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
    const pred = viterbi(emissionsOf(ex.pf, this.w, this.mask), n, L, trans, start);
    let wrong = 0;
    const c = this.step;
    for (let t = 0; t < n; t++) {
      const g = ex.gold[t];
      const p = pred[t];
      if (g !== p) {
        wrong++;
        for (let k = ex.pf.offs[t]; k < ex.pf.offs[t + 1]; k++) {
          const b = (ex.pf.feats[k] & this.mask) * STRIDE;
          this.bump(this.w, this.u, b + g, 1, c);
          this.bump(this.w, this.u, b + p, -1, c);
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

  /** The averaged weights as a tagger. */
  averaged(): Tagger {
    const avg = (w: Float64Array, u: Float64Array) => {
      const out = new Float32Array(w.length);
      for (let i = 0; i < w.length; i++) out[i] = w[i] - u[i] / this.step;
      return out;
    };
    return new Tagger(avg(this.w, this.u), avg(this.tw, this.tu));
  }
}
