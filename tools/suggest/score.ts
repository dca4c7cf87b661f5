// Precision, recall and F1 of predicted spans against gold ones, on token sets: exact (the same
// tokens) and overlap (intersection over union >= 0.5, each gold span matched once).

export interface Counts {
  gold: number;
  predicted: number;
  matched: number;
}

export const zero = (): Counts => ({ gold: 0, predicted: 0, matched: 0 });

export function add(into: Counts, c: Counts): void {
  into.gold += c.gold;
  into.predicted += c.predicted;
  into.matched += c.matched;
}

export function prf(c: Counts): { p: number; r: number; f: number } {
  const p = c.predicted ? c.matched / c.predicted : 0;
  const r = c.gold ? c.matched / c.gold : 0;
  return { p, r, f: p + r ? (2 * p * r) / (p + r) : 0 };
}

/** A span as the sorted token indices it covers. */
export type TokenSet = number[];

export function iou(a: TokenSet, b: TokenSet): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      both++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  const union = a.length + b.length - both;
  return union ? both / union : 0;
}

/** Items are tuples of token sets (one for a span, two for a link); they match when every member does. */
export function score(gold: TokenSet[][], pred: TokenSet[][], exact: boolean): Counts {
  const used = new Uint8Array(gold.length);
  let matched = 0;
  const same = (a: TokenSet, b: TokenSet) => (exact ? a.length === b.length && a.every((x, i) => x === b[i]) : iou(a, b) >= 0.5);
  for (const p of pred) {
    let best = -1;
    let bestScore = -1;
    gold.forEach((g, k) => {
      if (used[k] || !g.every((s, m) => same(s, p[m]))) return;
      const s = g.reduce((acc, x, m) => acc + iou(x, p[m]), 0);
      if (s > bestScore) [best, bestScore] = [k, s];
    });
    if (best >= 0) {
      used[best] = 1;
      matched++;
    }
  }
  return { gold: gold.length, predicted: pred.length, matched };
}
