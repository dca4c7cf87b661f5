// Finding an annotation's text again, exactly, in an article that changed behind the
// sidecar's back: its places scored by how much of the stored prefix and suffix surrounds them
// and by distance from where the annotation was expected (reanchorRepair.ts places a span whose
// own words were edited). Below the thresholds: no place, and the caller makes an orphan of it.
// Work per annotation is bounded: the region between its neighbours, or a window around the
// expected place first, the whole article only when the window cannot decide.
import { Annotation } from './model';

/** How far either side of the expected place the first, cheap search looks. */
const WINDOW = 4096;
/** Exact places looked at either side of the expected one inside the window. */
const WINDOW_HITS = 32;
/** Exact places of one text kept for the whole-article search; more is not a place to guess in. */
const MAX_CANDIDATES = 10_000;

export interface Found {
  start: number;
  end: number;
  /** 0..1: how sure the place is. 1 for an exact text with all of its context. */
  score: number;
  /** True when the text there is not the stored text: placed by an approximate match. */
  repaired: boolean;
  /** Why a repaired place's text differs, when not an edit of its words. */
  why?: string;
}

/** Exact places of each text in one article, computed once per text for all annotations. */
export class OccurrenceIndex {
  private readonly cache = new Map<string, number[] | 'too many'>();
  /** Whole-article repairs, by quote and context: a sidecar of copies pays for one search. */
  readonly repairs = new Map<string, Found | undefined>();
  constructor(readonly text: string) {}

  of(needle: string): number[] | 'too many' {
    let hits = this.cache.get(needle);
    if (hits === undefined) {
      const list: number[] = [];
      for (let i = this.text.indexOf(needle); i !== -1; i = this.text.indexOf(needle, i + 1)) {
        if (list.length === MAX_CANDIDATES) break;
        list.push(i);
      }
      hits = list.length === MAX_CANDIDATES ? 'too many' : list;
      this.cache.set(needle, hits);
    }
    return hits;
  }

  /** The places of `needle` when an earlier search found them all; undefined when not searched yet. */
  known(needle: string): number[] | 'too many' | undefined {
    return this.cache.get(needle);
  }
}

interface Candidate {
  start: number;
  score: number;
  distance: number;
}

/** Where in the new text a span's start can be: between the places of its neighbours. */
export interface Region {
  lo: number;
  hi: number;
}

/** Regions up to this length are searched whole; a longer one as the whole article is. */
export const REGION_SCAN = 65_536;

/** Every start of `needle` in [lo, hi], at most `max` of them. */
function occurrencesIn(text: string, needle: string, lo: number, hi: number, max = MAX_CANDIDATES): number[] {
  // On a slice: indexOf on the whole text would run on to its end when nothing is in range.
  const part = text.slice(lo, hi + needle.length);
  const hits: number[] = [];
  for (let i = part.indexOf(needle); i !== -1 && hits.length < max; i = part.indexOf(needle, i + 1)) hits.push(lo + i);
  return hits;
}

/**
 * The place of the text with all of its stored context around it, nearest `near`: the window
 * first, the whole article only when the window has none. Undefined when there is none (or
 * too many to choose from).
 */
export function findFull(index: OccurrenceIndex, a: Annotation, near: number): number | undefined {
  const { text } = index;
  const quote = a.text ?? '';
  const full = contextLength(a);
  if (!quote || full === 0) return undefined;
  // The quote's places, not the quote with its context: a long needle on repetitive text costs
  // its length at every character.
  // No stored prefix (or suffix) says the span was at the article's start (or end): all of
  // the context is there only at that edge.
  const atEdges = (h: number) => (a.prefix ? true : h === 0) && (a.suffix ? true : h + quote.length === text.length);
  const withContext = (hits: number[]) => hits.filter((h) => !splitsPair(text, h, quote.length) && atEdges(h) && contextScore(text, h, h + quote.length, a) === full);
  // Where it was expected, most of the time: then only a copy within the ambiguity distance matters.
  if (text.startsWith(quote, near) && withContext([near]).length === 1) {
    const from = Math.max(0, near - 64);
    const close = withContext(occurrencesIn(text, quote, from, near + 64));
    return close.length === 1 ? near : undefined;
  }
  let starts = withContext(windowHits(index, quote, near));
  if (starts.length === 0) {
    const all = index.of(quote);
    if (all === 'too many') return undefined;
    starts = withContext(all);
  }
  starts.sort((x, y) => Math.abs(x - near) - Math.abs(y - near));
  // Two copies of the text and its context about as near: the one meant cannot be told.
  if (starts.length > 1 && Math.abs(starts[1] - near) <= 4 * Math.abs(starts[0] - near) + 64) return undefined;
  return starts[0];
}

/**
 * The exact place of `a.text` in `index.text`. Among places with the best context, the one
 * nearest `near` wins only when it is much nearer than the next: two equally good places at
 * similar distances give nothing rather than a guess. The place must have more than half of
 * the context: all of one side is not enough, as articles repeat a quote with the same words
 * after it (the sample does), and the one annotated may be the copy that was deleted.
 */
export function findExact(index: OccurrenceIndex, a: Annotation, near: number, region?: Region): Found | undefined {
  const { text } = index;
  const needle = a.text;
  if (!needle) return undefined;
  const full = contextLength(a);
  if (region && region.hi - region.lo <= REGION_SCAN) {
    const hits = occurrencesIn(text, needle, region.lo, region.hi).filter((i) => !splitsPair(text, i, needle.length));
    const chosen = decide(text, a, hits, near);
    if (full === 0) return chosen && hits.length === 1 && needle.length >= 8 ? exact(chosen, needle, full) : undefined;
    return chosen && agrees(chosen.score, a) ? exact(chosen, needle, full) : undefined;
  }
  const inWindow = windowHits(index, needle, near);
  const best = decide(text, a, inWindow, near);
  // The window decides when its best place has all of its context: nothing farther can beat it.
  if (best && best.score === full && full > 0) return exact(best, needle, full);
  const all = index.of(needle);
  if (all === 'too many') return best && agrees(best.score, a) ? exact(best, needle, full) : undefined;
  const chosen = decide(text, a, all, near);
  if (full === 0) return chosen && all.filter((i) => !splitsPair(text, i, needle.length)).length === 1 && needle.length >= 8 ? exact(chosen, needle, full) : undefined;
  return chosen && agrees(chosen.score, a) ? exact(chosen, needle, full) : undefined;
}

function exact(c: Candidate, needle: string, full: number): Found {
  return { start: c.start, end: c.start + needle.length, score: full === 0 ? 1 : c.score / full, repaired: false };
}

/** Up to WINDOW_HITS exact places either side of `near`, within WINDOW of it: after `near` nearest first, then before it. */
function windowHits(index: OccurrenceIndex, needle: string, near: number): number[] {
  const { text } = index;
  const from = Math.max(0, near - WINDOW);
  // Copies of one text (a hostile sidecar, a repeated quote) search the window once per copy;
  // once all places are known, the window's are read off them (indexOf is O(n·m) on "aaaab").
  const all = index.known(needle);
  if (all !== undefined && all !== 'too many') {
    let i = 0;
    for (let hi = all.length; i < hi; ) {
      const mid = (i + hi) >> 1;
      if (all[mid] < near) i = mid + 1;
      else hi = mid;
    }
    const hits: number[] = [];
    for (let j = i; j < all.length && j - i < WINDOW_HITS && all[j] <= near + WINDOW; j++) hits.push(all[j]);
    for (let j = i - 1; j >= 0 && i - 1 - j < WINDOW_HITS && all[j] >= from; j--) hits.push(all[j]);
    return hits;
  }
  const window = text.slice(from, Math.min(text.length, near + WINDOW + needle.length));
  const local = Math.min(near - from, window.length);
  const hits: number[] = [];
  for (let i = window.indexOf(needle, local), n = 0; i !== -1 && n < WINDOW_HITS; i = window.indexOf(needle, i + 1), n++) hits.push(from + i);
  for (let i = local > 0 ? window.lastIndexOf(needle, local - 1) : -1, n = 0; i !== -1 && n < WINDOW_HITS; i = i > 0 ? window.lastIndexOf(needle, i - 1) : -1, n++) hits.push(from + i);
  return hits;
}

/** The best-scored place, or undefined when two places are equally good and equally near. */
function decide(text: string, a: Annotation, starts: number[], near: number): Candidate | undefined {
  const needle = a.text!;
  let best: Candidate | undefined;
  let second: Candidate | undefined;
  for (const start of starts) {
    if (splitsPair(text, start, needle.length)) continue;
    const c = { start, score: contextScore(text, start, start + needle.length, a), distance: Math.abs(start - near) };
    if (!best || better(c, best)) [best, second] = [c, best];
    else if (!second || better(c, second)) second = c;
  }
  if (!best) return undefined;
  if (second && second.score === best.score && second.distance <= 4 * best.distance + 64) return undefined;
  // The words recur inside their own context ("the the the"): shifted a copy over, the context
  // still matches about as well (half of it or more), so only all of it tells the places apart.
  const reach = needle.length + Math.max((a.prefix ?? '').length, (a.suffix ?? '').length);
  const b = best;
  const rivals = (s: number) => s !== b.start && Math.abs(s - b.start) < reach && 2 * contextScore(text, s, s + needle.length, a) >= contextLength(a);
  if (b.score < contextLength(a) && starts.some(rivals)) return undefined;
  return best;
}

function better(x: Candidate, y: Candidate): boolean {
  return x.score > y.score || (x.score === y.score && x.distance < y.distance);
}

/**
 * Characters of the stored prefix and suffix found, contiguous, right around [start, end). A
 * side stored empty (the other not) says the span was at the article's edge: away from it, one
 * character less, so that such a place never counts as having all of its context.
 */
export function contextScore(text: string, start: number, end: number, a: Annotation): number {
  const [before, after] = contextSides(text, start, end, a);
  if (!a.prefix && !a.suffix) return 0;
  return before + after - (!a.prefix && start > 0 ? 1 : 0) - (!a.suffix && end < text.length ? 1 : 0);
}

function contextSides(text: string, start: number, end: number, a: Annotation): [number, number] {
  const prefix = a.prefix ?? '';
  const suffix = a.suffix ?? '';
  let before = 0;
  while (before < prefix.length && before < start && text.charCodeAt(start - 1 - before) === prefix.charCodeAt(prefix.length - 1 - before)) before++;
  let after = 0;
  while (after < suffix.length && end + after < text.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) after++;
  return [before, after];
}

export function contextLength(a: Annotation): number {
  return (a.prefix ?? '').length + (a.suffix ?? '').length;
}

/** More than half of the stored context. */
export function agrees(score: number, a: Annotation): boolean {
  const length = contextLength(a);
  return length === 0 || score * 2 > length;
}

export function splitsPair(text: string, start: number, length: number): boolean {
  return isSplit(text, start) || isSplit(text, start + length);
}

function isSplit(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const hi = text.charCodeAt(offset - 1);
  const lo = text.charCodeAt(offset);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}
