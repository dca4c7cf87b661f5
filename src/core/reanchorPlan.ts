// Placing a sidecar's annotations together rather than one by one. Edits move text but keep
// its order: annotations sorted by their stored start stay sorted in the new text. So the ones
// found exactly with all of their stored context, in an order that agrees with the stored one
// (the longest such chain), are anchors; every other annotation can only be between the
// anchors either side of it, and is looked for there alone, expected at the shift of its
// nearest anchor. A copy of a deleted sentence elsewhere in the article is then out of reach,
// and the search costs the gap between two anchors instead of the article.
import { Annotation } from './model';
import { agrees, contextLength, contextScore, findExact, findFull, Found, OccurrenceIndex, Region } from './reanchorSearch';
import { findRepaired } from './reanchorRepair';

export interface Target {
  /** Position in the sidecar. */
  index: number;
  a: Annotation;
  /** Stored start, in UTF-16 units (it may be past the end of the new text). */
  stored: number;
  /** False when its text is at its stored offsets with all of its context: it did not move. */
  search: boolean;
}

interface Anchor {
  stored: number;
  start: number;
}

/** The place of every target that needs a search (undefined: none with confidence), by sidecar index. */
export function placeAll(index: OccurrenceIndex, targets: Target[]): Map<number, Found | undefined> {
  const sorted = [...targets].sort((x, y) => x.stored - y.stored || x.a.end - y.a.end);
  // Candidate anchors: the text with all of its context, nearest where the last one went.
  const candidates: (number | undefined)[] = [];
  let shift = 0;
  for (const t of sorted) {
    const start = t.search ? findFull(index, t.a, t.stored + shift) : t.stored;
    if (start !== undefined) shift = start - t.stored;
    candidates.push(start);
  }
  const chain = longestOrdered(candidates);
  const sharers = storedPlacesPer(sorted, (a) => a.text!);
  const anchors: (Anchor | undefined)[] = sorted.map((t, k) => (chain.has(k) ? { stored: t.stored, start: candidates[k]! } : undefined));
  const before = nearestAnchors(anchors, 1);
  const after = nearestAnchors(anchors, -1);
  const out = new Map<number, Found | undefined>();
  const regions: Region[] = [];
  sorted.forEach((t, k) => {
    const [prev, next] = [before[k], after[k]];
    // Distinct characters stay in order: a span that starts after an anchor's start (in the
    // stored text) starts after it in the new text, one that starts with it starts with it.
    const lo = prev ? prev.start + (prev.stored < t.stored ? 1 : 0) : 0;
    const hi = next ? next.start - (next.stored > t.stored ? 1 : 0) : index.text.length;
    const region: Region = prev && prev.stored === t.stored ? { lo: prev.start, hi: prev.start } : { lo, hi };
    regions.push(region);
    if (!t.search) return;
    const anchor = anchors[k];
    if (anchor) {
      out.set(t.index, { start: anchor.start, end: anchor.start + t.a.text!.length, score: 1, repaired: false });
      return;
    }
    if (region.hi < region.lo) {
      out.set(t.index, undefined);
      return;
    }
    const nearest = prev && next ? (t.stored - prev.stored <= next.stored - t.stored ? prev : next) : (prev ?? next);
    const near = Math.max(region.lo, Math.min(region.hi, t.stored + (nearest ? nearest.start - nearest.stored : 0)));
    out.set(t.index, findExact(index, t.a, near, region) ?? findRepaired(index, t.a, near, region, (sharers.get(t.a.text!) ?? 0) <= 1));
  });
  dropContested(sorted, anchors, regions, out);
  placeMovedBlocks(index, sorted, candidates, chain, out);
  return out;
}

/**
 * For each key (an annotation's text, or its text with its context), how many distinct stored
 * places carry it: a copy of a quote elsewhere counts, a second annotation of one span does not.
 */
function storedPlacesPer(sorted: Target[], key: (a: Annotation) => string): Map<string, number> {
  const places = new Map<string, Set<number>>();
  for (const t of sorted) {
    const k = key(t.a);
    const set = places.get(k) ?? new Set<number>();
    set.add(t.stored);
    places.set(k, set);
  }
  return new Map([...places].map(([k, set]) => [k, set.size]));
}

/** How far a place's shift may be from its neighbour's: the edits between the two. */
const SHIFT_SLACK = 16;

/**
 * A passage moved as a whole (paragraphs swapped, a section moved up) breaks the order the
 * chain relies on: its spans are found out of order. A span found there with all of its context,
 * the only such place in the article, is a seed; the spans next to it (in the stored order) whose
 * text is found exactly with more than half of its context at about the same shift went with
 * it. A seed with at least one such neighbour is that passage, and all of them are placed. A seed
 * alone is not trusted: it may be the copy of a deleted sentence repeated elsewhere.
 */
function placeMovedBlocks(index: OccurrenceIndex, sorted: Target[], candidates: (number | undefined)[], chain: Set<number>, out: Map<number, Found | undefined>): Set<number> {
  const placed = new Set<number>();
  const withContext = storedPlacesPer(sorted, contextKey);
  const chainPlaces = [...chain].sort((x, y) => x - y).map((k) => ({ stored: sorted[k].stored, start: candidates[k]! }));
  const open = (k: number) => !chain.has(k) && sorted[k].search && out.get(sorted[k].index) === undefined && !placed.has(k);
  const fitAt = (k: number, shift: number, onlyOnce: boolean): number | undefined => {
    const t = sorted[k];
    const hits = index.of(t.a.text!);
    if (hits === 'too many' || (onlyOnce && hits.length !== 1)) return undefined;
    const fits = hits.filter((h) => Math.abs(h - t.stored - shift) <= SHIFT_SLACK && agrees(contextScore(index.text, h, h + t.a.text!.length, t.a), t.a));
    return fits.length === 1 ? fits[0] : undefined;
  };
  sorted.forEach((t, seed) => {
    if (!open(seed)) return;
    // A weaker seed: words found once in the whole article with more than half of their context.
    // Its passage then counts only spans whose words are in the article once too.
    const strong = candidates[seed] !== undefined && onlyFullPlace(index, t.a);
    const once = index.of(t.a.text!);
    const weak = !strong && once !== 'too many' && once.length === 1 && agrees(contextScore(index.text, once[0], once[0] + t.a.text!.length, t.a), t.a);
    if (!strong && !weak) return;
    const start = strong ? candidates[seed]! : (once as number[])[0];
    const members = new Map<number, number>([[seed, start]]);
    for (const step of [1, -1]) {
      let shift = start - t.stored;
      for (let j = seed + step; j >= 0 && j < sorted.length && open(j); j += step) {
        const at = fitAt(j, shift, weak);
        if (at === undefined) {
          // Its own words edited or gone: the passage may go on past it, but a span found
          // elsewhere (another shift) ends it.
          if (candidates[j] !== undefined) break;
          continue;
        }
        members.set(j, at);
        shift = at - sorted[j].stored;
      }
    }
    // Two annotations of one span (a cue also marked as an attribution) are not two witnesses.
    if (new Set([...members.keys()].map((m) => sorted[m].stored)).size < 2) return;
    // The copy of a deleted passage that an annotation marks is that annotation's place, so a
    // passage whose words and context no other annotation has needs no room made for it: the
    // last of several paragraphs put in another order has only the article's end after it.
    const unique = [...members.keys()].every((m) => (withContext.get(contextKey(sorted[m].a)) ?? 0) <= 1);
    if (!unique && !roomWasMade(chainPlaces, members, sorted)) return;
    for (const [m, start] of members) {
      const a = sorted[m].a;
      out.set(sorted[m].index, { start, end: start + a.text!.length, score: contextScore(index.text, start, start + a.text!.length, a) / Math.max(1, contextLength(a)), repaired: false });
      placed.add(m);
    }
  });
  return placed;
}

/**
 * A passage that moved made room where it went: the anchors around its new place are farther
 * apart than they were, by about its length. A copy of a deleted passage that was there all
 * along made none, and is not taken for it.
 */
function roomWasMade(chainPlaces: { stored: number; start: number }[], members: Map<number, number>, sorted: Target[]): boolean {
  const from = Math.min(...members.values());
  const to = Math.max(...[...members].map(([m, start]) => start + sorted[m].a.text!.length));
  let before = { stored: 0, start: 0 }; // the article's start never moves
  let after: { stored: number; start: number } | undefined;
  for (const c of chainPlaces) {
    if (c.start <= from) before = c;
    else if (c.start >= to) {
      after = c;
      break;
    }
  }
  if (!after) return false;
  const growth = after.start - before.start - (after.stored - before.stored);
  return growth * 2 >= to - from;
}

const contextKey = (a: Annotation) => `${a.prefix ?? ''}\u0000${a.text}\u0000${a.suffix ?? ''}`;

/** True when exactly one place in the article has the text with all of its stored context. */
function onlyFullPlace(index: OccurrenceIndex, a: Annotation): boolean {
  const hits = index.of(a.text!);
  if (hits === 'too many') return false;
  const full = contextLength(a);
  let n = 0;
  for (const h of hits) if (contextScore(index.text, h, h + a.text!.length, a) === full && ++n > 1) return false;
  return n === 1;
}

/**
 * A place found with part of its context only, where another annotation of the same text (not
 * a copy at the same stored place) could be too: the article lost one of the two occurrences
 * and the text left cannot say which. Neither is placed there.
 */
function dropContested(sorted: Target[], anchors: (Anchor | undefined)[], regions: Region[], out: Map<number, Found | undefined>): void {
  const byText = new Map<string, number[]>();
  sorted.forEach((t, k) => {
    if (anchors[k]) return;
    const group = byText.get(t.a.text!);
    if (group) group.push(k);
    else byText.set(t.a.text!, [k]);
  });
  const lost: number[] = [];
  for (const group of byText.values()) {
    if (group.length < 2) continue;
    group.forEach((k, g) => {
      const f = out.get(sorted[k].index);
      if (!f || f.score >= 1 || f.repaired) return;
      // A rival placed elsewhere found its own occurrence; one left without any could be here.
      const rival = (j: number) => {
        const g = out.get(sorted[j].index);
        return sorted[j].search && sorted[j].stored !== sorted[k].stored && regions[j].lo <= f.start && f.start <= regions[j].hi && (!g || g.start === f.start);
      };
      // Regions only move forward with the stored order: the rivals are next to each other.
      for (let h = g + 1; h < group.length && regions[group[h]].lo <= f.start; h++) if (rival(group[h])) return void lost.push(k);
      for (let h = g - 1; h >= 0 && regions[group[h]].hi >= f.start; h--) if (rival(group[h])) return void lost.push(k);
    });
  }
  for (const k of lost) out.set(sorted[k].index, undefined);
}

/** Indexes of the longest chain of defined values that never decreases (patience sorting). */
function longestOrdered(values: (number | undefined)[]): Set<number> {
  const tails: number[] = []; // index of the last element of the best chain of each length
  const back: number[] = values.map(() => -1);
  values.forEach((v, k) => {
    if (v === undefined) return;
    let [lo, hi] = [0, tails.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[tails[mid]]! <= v) lo = mid + 1;
      else hi = mid;
    }
    back[k] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = k;
  });
  const chain = new Set<number>();
  for (let k = tails.length ? tails[tails.length - 1] : -1; k !== -1; k = back[k]) chain.add(k);
  return chain;
}

/** For each position, the nearest anchor before it (step 1) or after it (step -1), itself excluded. */
function nearestAnchors(anchors: (Anchor | undefined)[], step: 1 | -1): (Anchor | undefined)[] {
  const out: (Anchor | undefined)[] = new Array(anchors.length);
  let last: Anchor | undefined;
  for (let n = 0; n < anchors.length; n++) {
    const k = step === 1 ? n : anchors.length - 1 - n;
    out[k] = last;
    if (anchors[k]) last = anchors[k];
  }
  return out;
}
