// Placing a span whose own words were edited: approximate places of the quote
// (approx-string-match, the matcher Hypothesis uses), and the gap between its stored prefix and
// suffix, each accepted only when the context around it agrees and no other place comes close.
import search from 'approx-string-match';
// Myers' bit-vector edit distance: the quote against a gap's words, many times per article.
import { distance as editDistance } from 'fastest-levenshtein';
import { Annotation } from './model';
import { Found, OccurrenceIndex, Region, REGION_SCAN, splitsPair } from './reanchorSearch';

/** Whole-article approximate search only on articles up to this length (UTF-16 units). */
const APPROX_WHOLE_TEXT = 1_000_000;
/** Approximate matches weighed for one span; more means none stands out. */
const MAX_APPROX = 64;

/**
 * An approximate place for a span whose own text was edited: a match of the quote with at
 * most a third of its characters changed, or the gap between its exact prefix and suffix,
 * accepted only when the context around it agrees and no other place comes close.
 */
export function findRepaired(index: OccurrenceIndex, a: Annotation, near: number, region?: Region, alone = false): Found | undefined {
  const { text } = index;
  const quote = a.text;
  const prefix = a.prefix ?? '';
  const suffix = a.suffix ?? '';
  if (!quote || prefix.length + suffix.length < 16) return undefined;
  if (region && region.hi - region.lo <= REGION_SCAN) {
    const to = Math.min(text.length, region.hi + 2 * quote.length + suffix.length + 16);
    return repairIn(text, a, Math.max(0, region.lo - prefix.length), to, near, region, alone);
  }
  const reach = Math.max(512, 3 * quote.length);
  const from = Math.max(0, near - reach);
  const to = Math.min(text.length, near + quote.length + reach);
  let found = repairIn(text, a, from, to, near);
  if (found || text.length > APPROX_WHOLE_TEXT || (from === 0 && to === text.length)) return found;
  const key = `${quote}\u0000${prefix}\u0000${suffix}`;
  if (!index.repairs.has(key)) index.repairs.set(key, repairIn(text, a, 0, text.length, near));
  return index.repairs.get(key);
}

function repairIn(text: string, a: Annotation, from: number, to: number, near: number, allowed?: Region, alone = false): Found | undefined {
  const quote = a.text!;
  const region = text.slice(from, to);
  const places: { start: number; end: number; quoteSim: number; fenced?: boolean; edge?: boolean }[] = [];
  const maxErrors = Math.floor(quote.length / 3);
  if (maxErrors > 0 && !degenerate(region, quote, maxErrors)) {
    const matches = search(region, quote, maxErrors);
    // Near matches everywhere (a text of repeated letters): no place stands out.
    if (matches.length > MAX_APPROX) return undefined;
    for (const m of matches) places.push({ start: from + m.start, end: from + m.end, quoteSim: 1 - m.errors / quote.length });
    places.push(...snapped(text, a, places, maxErrors));
  }
  const bracket = allowed ? fenced(text, a, from, to) : bracketed(region, a);
  if (bracket) places.push({ start: from + bracket.start, end: from + bracket.end, quoteSim: similarity(quote, region.slice(bracket.start, bracket.end)), fenced: allowed !== undefined, edge: !a.prefix || !a.suffix });
  const scored: Found[] = [];
  const seen = new Set<string>();
  for (const p of places) {
    const key = `${p.start}:${p.end}`;
    // The same words exactly, there or overlapping, were weighed by findExact, which turned them
    // down: a near match around them is the same doubtful place.
    const around = text.slice(Math.max(0, p.start - maxErrors), p.end + maxErrors);
    if (seen.has(key) || p.end <= p.start || (allowed && (p.start < allowed.lo || p.start > allowed.hi)) || around.includes(quote) || splitsPair(text, p.start, 0) || splitsPair(text, p.end, 0)) continue;
    seen.add(key);
    const prefixSim = sideSimilarity(a.prefix ?? '', text.slice(Math.max(0, p.start - (a.prefix ?? '').length), p.start), p.start === 0);
    const suffixSim = sideSimilarity(a.suffix ?? '', text.slice(p.end, p.end + (a.suffix ?? '').length), p.end === text.length);
    const context = (prefixSim + suffixSim) / 2;
      if (!vouched(p, prefixSim, suffixSim, quote.length, allowed !== undefined, alone)) continue;
    scored.push({ start: p.start, end: p.end, score: 0.5 * p.quoteSim + 0.5 * context - Math.min(0.05, Math.abs(p.start - near) / 1e6), repaired: true });
  }
  if (scored.length === 0) return undefined;
  const best = scored.reduce((x, y) => (y.score > x.score ? y : x));
  // Two places about as good (a repeated sentence): neither is trusted. Near matches ending a
  // character apart are one place, not two.
  const runnerUp = Math.max(0, ...scored.filter((f) => overlap(f, best) < 0.5).map((f) => f.score));
  if (best.score - runnerUp < 0.1) return undefined;
  return { ...best, score: Math.max(0, Math.min(1, best.score)) };
}

/**
 * Whether the context vouches for a near place. Over the whole article both sides must:
 * articles restate a demand or a quote in other words elsewhere, and one side alone (or the
 * words alone) then points at the restatement; short spans have little text of their own, so
 * the context must, more so. Between two anchors the restatement is out of reach: a gap fenced
 * by both sides is the place even when its words were all replaced, and a quote still mostly
 * there needs only one side, as the other may be a paragraph since deleted.
 */
function vouched(p: { start: number; end: number; quoteSim: number; fenced?: boolean; edge?: boolean }, prefixSim: number, suffixSim: number, length: number, between: boolean, alone: boolean): boolean {
  const context = (prefixSim + suffixSim) / 2;
  const both = Math.min(prefixSim, suffixSim);
  if (p.fenced) {
    // Words all replaced (little of the quote left) is believed only in a gap of about the
    // quote's length between two true sides: a longer one holds words put next to the span, and
    // the article's edge is no side at all.
    const replaced = p.quoteSim < 0.5;
    return both >= 0.7 && context >= 0.8 && !(replaced && (p.edge || p.end - p.start > 1.5 * length + 2));
  }
  if (between && length >= 16 && p.quoteSim >= 0.8 && Math.max(prefixSim, suffixSim) >= 0.9) return true;
  // A long quote that no other annotation shares, mostly still there: its words place it, with
  // a little of its context on each side (a copy in a headline or a summary has next to none;
  // a copy another annotation marks is that one's place). Without the sides, a quote whose
  // paragraph was deleted went to its copy in the headline (PolNeAR dev, 100 edits).
  if (between && alone && length >= 30 && p.quoteSim >= 0.75 && both >= 0.3) return true;
  return both >= 0.6 && context >= (length < 16 ? 0.85 : 0.7) && p.quoteSim + context >= 1.2;
}

function overlap(x: { start: number; end: number }, y: { start: number; end: number }): number {
  const common = Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return common / Math.max(x.end - x.start, y.end - y.start);
}

/**
 * True when the region is so repetitive around the quote's pieces (a text of one letter)
 * that near matches would be everywhere: the matcher would return one per character.
 */
function degenerate(region: string, quote: string, maxErrors: number): boolean {
  const pieces = maxErrors + 1;
  const size = Math.max(1, Math.floor(quote.length / pieces));
  const limit = MAX_APPROX + region.length / 50;
  for (let p = 0; p < pieces; p++) {
    const piece = quote.slice(p * size, p === pieces - 1 ? quote.length : (p + 1) * size);
    let n = 0;
    for (let i = region.indexOf(piece); i !== -1; i = region.indexOf(piece, i + 1)) if (++n >= limit) return true;
  }
  return false;
}

/**
 * The gap between the best near matches of the stored prefix and suffix (at most a quarter of
 * each changed) in text[from, to): one place only, else none. A side the stored context lacks
 * (the span was at an end of the article) fences only at that end.
 */
function fenced(text: string, a: Annotation, from: number, to: number): { start: number; end: number } | undefined {
  const quote = a.text!;
  const region = text.slice(from, to);
  // The fence is held below only where the prefix's last and the suffix's first characters are
  // there exactly: without them in the region, the near matches need not be sought.
  const [prefixTail, suffixHead] = [(a.prefix ?? '').slice(-FENCE), (a.suffix ?? '').slice(0, FENCE)];
  if (!region.includes(prefixTail) || !region.includes(suffixHead)) return undefined;
  const side = (stored: string, atEdge: boolean, edge: number, pick: (m: { start: number; end: number }) => number): number | undefined => {
    if (stored.length === 0) return atEdge ? edge : undefined;
    if (stored.length < 8) return undefined;
    const ends = search(region, stored, Math.floor(stored.length / 4)).map(pick);
    if (ends.length === 0) return undefined;
    // Near matches a character or two apart are one place; farther apart, two.
    const [lo, hi] = [Math.min(...ends), Math.max(...ends)];
    return hi - lo > 2 ? undefined : pick === startOf ? lo : hi;
  };
  const start = side(a.prefix ?? '', from === 0, 0, endOf);
  const end = side(a.suffix ?? '', to === text.length, region.length, startOf);
  if (start === undefined || end === undefined || end <= start || end - start > 2 * quote.length + 16) return undefined;
  // A near match puts its ends loosely: the fence must hold exactly right at the span.
  if (prefixTail !== region.slice(Math.max(0, start - FENCE), start) || suffixHead !== region.slice(end, end + FENCE)) return undefined;
  return { start, end };
}

/**
 * A near match puts its ends where the fewest characters differ, which is short of the span's
 * true end when words were put in at its edge. Where the stored context's first (last) words
 * are found just past a near match's end (before its start), the span likely ends (starts)
 * there: those places are weighed too, their words compared anew.
 */
function snapped(text: string, a: Annotation, places: { start: number; end: number }[], maxErrors: number): { start: number; end: number; quoteSim: number }[] {
  const quote = a.text!;
  const head = (a.suffix ?? '').slice(0, FENCE);
  const tail = (a.prefix ?? '').slice(-FENCE);
  const nearest = (piece: string, at: number, lo: number, hi: number, shift: number): number | undefined => {
    if (piece.length < FENCE) return undefined;
    let best: number | undefined;
    for (let i = text.indexOf(piece, Math.max(0, lo)); i !== -1 && i <= hi; i = text.indexOf(piece, i + 1)) {
      if (best === undefined || Math.abs(i + shift - at) < Math.abs(best - at)) best = i + shift;
    }
    return best;
  };
  const out: { start: number; end: number; quoteSim: number }[] = [];
  const seen = new Set(places.map((p) => `${p.start}:${p.end}`));
  for (const p of places) {
    const end = nearest(head, p.end, p.end - maxErrors, p.end + maxErrors, 0) ?? p.end;
    const start = nearest(tail, p.start, p.start - maxErrors - FENCE, p.start + maxErrors - FENCE, FENCE) ?? p.start;
    const key = `${start}:${end}`;
    if (seen.has(key) || end <= start) continue;
    seen.add(key);
    // Myers (approx-string-match) rather than a full edit distance: quotes run to a paragraph.
    const best = search(text.slice(start, end), quote, quote.length);
    if (best.length) out.push({ start, end, quoteSim: 1 - Math.min(...best.map((m) => m.errors)) / quote.length });
  }
  return out;
}

/** Characters of context that must be found exactly on either side of a fenced gap. */
const FENCE = 8;

const endOf = (m: { end: number }) => m.end;
const startOf = (m: { start: number }) => m.start;

/** The text between the stored prefix and suffix, both found exactly and close together. */
function bracketed(region: string, a: Annotation): { start: number; end: number } | undefined {
  const prefix = a.prefix ?? '';
  const suffix = a.suffix ?? '';
  if (prefix.length < 12 || suffix.length < 12) return undefined;
  const quote = a.text!;
  const maxGap = 2 * quote.length + 16;
  let result: { start: number; end: number } | undefined;
  for (let i = region.indexOf(prefix); i !== -1; i = region.indexOf(prefix, i + 1)) {
    const start = i + prefix.length;
    const j = region.indexOf(suffix, start);
    if (j === -1) break;
    if (j - start > maxGap) continue;
    if (result) return undefined; // twice: ambiguous
    result = { start, end: j };
  }
  return result;
}

/** 0..1: one minus the edit distance per character. */
function similarity(x: string, y: string): number {
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  return 1 - editDistance(x, y) / longest;
}

/** How much of a stored side of context is found next to the span (the side nearest it counts). */
function sideSimilarity(stored: string, actual: string, atEdge: boolean): number {
  // No stored context: the span was at the article's edge. Still there, that side agrees; away
  // from it, the side says nothing either way (text may have been put before it).
  if (stored.length === 0) return atEdge ? 1 : 0.5;
  const matches = search(actual, stored, stored.length);
  if (matches.length === 0) return 0;
  const errors = Math.min(...matches.map((m) => m.errors));
  return 1 - errors / stored.length;
}


