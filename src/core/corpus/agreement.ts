// Agreement between two annotators of the same article (two sidecars, e.g. from two branches):
// span F1 per annotation type, exact and by overlap, Cohen's kappa on who they say speaks, and
// every disagreement as a list a person can review.
//
// Matching. Spans of the same type are paired one to one. Exact: the same [start, end). Overlap:
// the same type and an overlap ratio of at least 0.5, the ratio being the shared characters over
// the characters either covers (intersection over union: "he said the plan was dead" against
// "the plan was dead" is 17/25 = 0.68). Pairs are taken greedily, highest ratio first (ties by
// position, so the result does not depend on file order): exact pairs (ratio 1) always come
// first, and a span is in at most one pair. Empty spans match only an identical empty span.
//
// F1 = 2·matched / (spans of A + spans of B): symmetric, neither side is the gold standard.
// Undefined when neither side has a span of the type.
//
// Kappa. Over the overlap-matched pairs of quotes, mentions and responses (the types whose
// speaker is the annotation's point), each side's category is its speaker id, or "none";
// speakers are the same when their ids are. κ = (po − pe) / (1 − pe), po the share of pairs
// that agree, pe the chance agreement Σ_k pA(k)·pB(k) from each side's own category shares.
// Undefined when there is no pair, or when pe = 1 (both sides gave every pair one and the same
// speaker: agreement is certain by chance, and the ratio says nothing).
import { Annotation, ANNOTATION_TYPES, AnnotationType, compareIds } from '../model';

/** The least overlap ratio (intersection over union) for two spans to match. */
export const OVERLAP_THRESHOLD = 0.5;

/** The types whose pairs count for the speaker kappa. */
export const KAPPA_TYPES: readonly AnnotationType[] = ['quote', 'mention', 'response'];

export interface TypeAgreement {
  type: AnnotationType | 'all';
  /** Spans on each side. */
  a: number;
  b: number;
  /** Pairs with the same offsets. */
  exact: number;
  /** Pairs by overlap (the exact ones included). */
  overlap: number;
  exactF1?: number;
  overlapF1?: number;
}

export interface Kappa {
  /** Pairs compared. */
  n: number;
  /** Pairs whose speakers are the same. */
  agreed: number;
  /** po */
  observed?: number;
  /** pe */
  chance?: number;
  kappa?: number;
}

/** Two spans, one of each side, matched by overlap. */
export interface MatchedPair {
  a: Annotation;
  b: Annotation;
  /** Intersection over union, 1 for the same offsets. */
  ratio: number;
}

/** What differs between the two sides of a pair. */
export type PairDifference = 'boundaries' | 'speaker' | 'demand' | 'stance';

export type Disagreement =
  | { kind: 'only-a'; type: AnnotationType; a: Annotation }
  | { kind: 'only-b'; type: AnnotationType; b: Annotation }
  | { kind: 'differ'; type: AnnotationType; a: Annotation; b: Annotation; differences: PairDifference[] };

export interface Agreement {
  /** One per annotation type, in ANNOTATION_TYPES order. */
  types: TypeAgreement[];
  all: TypeAgreement;
  /** Over the pairs of every KAPPA_TYPES type. */
  kappa: Kappa;
  kappaByType: Map<AnnotationType, Kappa>;
  pairs: MatchedPair[];
  /** In text order (where either side starts), only-a before only-b at the same place. */
  disagreements: Disagreement[];
}

/** The overlap ratio of two spans: shared characters over the characters either covers. */
export function overlapRatio(x: { start: number; end: number }, y: { start: number; end: number }): number {
  if (x.start === x.end || y.start === y.end) return x.start === y.start && x.end === y.end ? 1 : 0;
  const shared = Math.min(x.end, y.end) - Math.max(x.start, y.start);
  if (shared <= 0) return 0;
  return shared / (Math.max(x.end, y.end) - Math.min(x.start, y.start));
}

/** Compares two annotators' spans of the same article text (UTF-16 offsets, as placed on it). */
export function compareAnnotators(a: readonly Annotation[], b: readonly Annotation[]): Agreement {
  const types: TypeAgreement[] = [];
  const pairs: MatchedPair[] = [];
  const disagreements: Disagreement[] = [];
  for (const type of ANNOTATION_TYPES) {
    const as = a.filter((x) => x.type === type);
    const bs = b.filter((x) => x.type === type);
    const matched = matchSpans(as, bs);
    const exact = matched.filter((p) => p.a.start === p.b.start && p.a.end === p.b.end).length;
    types.push(figures(type, as.length, bs.length, exact, matched.length));
    pairs.push(...matched);
    const pairedA = new Set(matched.map((p) => p.a));
    const pairedB = new Set(matched.map((p) => p.b));
    for (const x of as) if (!pairedA.has(x)) disagreements.push({ kind: 'only-a', type, a: x });
    for (const y of bs) if (!pairedB.has(y)) disagreements.push({ kind: 'only-b', type, b: y });
    for (const p of matched) {
      const differences = differencesOf(p);
      if (differences.length) disagreements.push({ kind: 'differ', type, a: p.a, b: p.b, differences });
    }
  }
  const sum = (f: (t: TypeAgreement) => number) => types.reduce((n, t) => n + f(t), 0);
  const all = figures('all', sum((t) => t.a), sum((t) => t.b), sum((t) => t.exact), sum((t) => t.overlap));
  const kappaByType = new Map<AnnotationType, Kappa>();
  for (const type of KAPPA_TYPES) kappaByType.set(type, speakerKappa(pairs.filter((p) => p.a.type === type)));
  const kappa = speakerKappa(pairs.filter((p) => KAPPA_TYPES.includes(p.a.type)));
  disagreements.sort(byPlace);
  return { types, all, kappa, kappaByType, pairs, disagreements };
}

function figures(type: TypeAgreement['type'], a: number, b: number, exact: number, overlap: number): TypeAgreement {
  const f1 = (m: number) => (a + b === 0 ? undefined : (2 * m) / (a + b));
  return { type, a, b, exact, overlap, exactF1: f1(exact), overlapF1: f1(overlap) };
}

/** One-to-one pairs of spans of one type, greedily by overlap ratio (see the top of this file). */
export function matchSpans(as: readonly Annotation[], bs: readonly Annotation[]): MatchedPair[] {
  const candidates: MatchedPair[] = [];
  const sortedB = [...bs].sort((x, y) => x.start - y.start || x.end - y.end);
  const longestB = sortedB.reduce((m, y) => Math.max(m, y.end - y.start), 0);
  for (const x of as) {
    // Spans of B that start after x ends cannot overlap it; those starting far before it neither.
    let lo = 0;
    let hi = sortedB.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedB[mid].start < x.start - longestB) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < sortedB.length && sortedB[i].start <= x.end; i++) {
      const ratio = overlapRatio(x, sortedB[i]);
      if (ratio >= OVERLAP_THRESHOLD) candidates.push({ a: x, b: sortedB[i], ratio });
    }
  }
  candidates.sort((p, q) => q.ratio - p.ratio || p.a.start - q.a.start || p.b.start - q.b.start || p.a.end - q.a.end || p.b.end - q.b.end || compareIds(p.a.id, q.a.id) || compareIds(p.b.id, q.b.id));
  const usedA = new Set<Annotation>();
  const usedB = new Set<Annotation>();
  const out: MatchedPair[] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    out.push(c);
  }
  return out.sort((p, q) => p.a.start - q.a.start || p.a.end - q.a.end);
}

function differencesOf({ a, b }: MatchedPair): PairDifference[] {
  const out: PairDifference[] = [];
  if (a.start !== b.start || a.end !== b.end) out.push('boundaries');
  if (a.speaker !== b.speaker) out.push('speaker');
  if (a.demand !== b.demand) out.push('demand');
  if (a.stance !== b.stance) out.push('stance');
  return out;
}

/** Cohen's kappa on the speakers of the pairs (see the top of this file). */
export function speakerKappa(pairs: readonly MatchedPair[]): Kappa {
  const n = pairs.length;
  const agreed = pairs.filter((p) => p.a.speaker === p.b.speaker).length;
  if (n === 0) return { n, agreed };
  const shares = (side: 'a' | 'b') => {
    const m = new Map<string | undefined, number>();
    for (const p of pairs) m.set(p[side].speaker, (m.get(p[side].speaker) ?? 0) + 1);
    return m;
  };
  const sa = shares('a');
  const sb = shares('b');
  let chance = 0;
  for (const [k, na] of sa) chance += (na / n) * ((sb.get(k) ?? 0) / n);
  const observed = agreed / n;
  // Sums of fractions: a pe that is 1 in exact arithmetic may come out 0.9999999999999998.
  const certain = Math.abs(1 - chance) < 1e-12;
  return { n, agreed, observed, chance, kappa: certain ? undefined : (observed - chance) / (1 - chance) };
}

function placeOf(d: Disagreement): Annotation {
  return d.kind === 'only-b' ? d.b : d.a;
}

const KIND_ORDER: Record<Disagreement['kind'], number> = { 'only-a': 0, 'only-b': 1, differ: 2 };

function byPlace(x: Disagreement, y: Disagreement): number {
  const p = placeOf(x);
  const q = placeOf(y);
  return p.start - q.start || p.end - q.end || KIND_ORDER[x.kind] - KIND_ORDER[y.kind] || ANNOTATION_TYPES.indexOf(x.type) - ANNOTATION_TYPES.indexOf(y.type) || compareIds(p.id, q.id);
}
