// Overlapping near-identical spans: two annotations of the same type covering almost the same
// words (a33 "that there should be transparent oversight…" and a34 "there should be transparent
// oversight…" in the sample). Usually one was marked twice by mistake; the editor flags the pair
// in the hover and in the Problems view so a person decides, and never merges them itself.
import { Annotation } from './model';

/** Shared words over covered words (intersection over union of the two spans) at or above which two spans are near-identical. */
export const NEAR_IDENTICAL_RATIO = 0.8;

export interface NearIdenticalPair {
  /** The pair in text order: `first` starts no later than `second`. */
  first: Annotation;
  second: Annotation;
  /** Intersection over union of the two spans, 0..1. */
  overlap: number;
  /** Same speaker, demand and stance: a plain duplicate rather than a disagreement about who said it. */
  sameLinks: boolean;
}

/**
 * Every near-identical pair among `annotations`, in text order. A sweep over the spans sorted by
 * start: a later span can only reach the ratio while it starts within (1 - ratio) of the
 * earlier one's length, so each span is compared with a few neighbours, never with all.
 */
export function nearIdenticalPairs(annotations: readonly Annotation[], ratio = NEAR_IDENTICAL_RATIO): NearIdenticalPair[] {
  const sorted = isSorted(annotations) ? annotations : [...annotations].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: NearIdenticalPair[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    const length = a.end - a.start;
    if (length <= 0) continue;
    // Past this start, the shared part is under `ratio` of a's own length, let alone of the union.
    // (A hair of slack for floating point: the ratio itself is checked exactly below.)
    const reach = a.start + (1 - ratio) * length + 1e-9;
    for (let j = i + 1; j < sorted.length && sorted[j].start <= reach; j++) {
      const b = sorted[j];
      if (b.type !== a.type) continue;
      const shared = Math.min(a.end, b.end) - b.start;
      const union = Math.max(a.end, b.end) - a.start;
      const overlap = shared / union;
      if (shared > 0 && overlap >= ratio) out.push({ first: a, second: b, overlap, sameLinks: a.speaker === b.speaker && a.demand === b.demand && a.stance === b.stance });
    }
  }
  return out;
}

/** How a pair reads in a message: "93% overlap, same demand" or "… attributed differently". */
export function describeOverlap(pair: Pick<NearIdenticalPair, 'overlap' | 'sameLinks'>, type: Annotation['type']): string {
  const percent = `${Math.floor(pair.overlap * 100)}% of their words shared`;
  if (!pair.sameLinks) return `${percent}, but linked differently`;
  return `${percent}, same ${type === 'demand' ? 'demand' : type === 'response' ? 'speaker and demand' : 'speaker'}`;
}

function isSorted(list: readonly Annotation[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i].start < list[i - 1].start || (list[i].start === list[i - 1].start && list[i].end < list[i - 1].end)) return false;
  return true;
}
