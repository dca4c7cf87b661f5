// Finding an annotation's text again in an article that changed behind the sidecar's back.
// Exact places of the quote first, scored by how much of the stored prefix and suffix
// surrounds them and by distance from where the annotation was expected; then, for a span
// whose own words were edited, approximate places (approx-string-match, the matcher
// Hypothesis uses) that must be backed by the context. Below the thresholds: no place, and
// the caller makes an orphan of it. Work per annotation is bounded: a window around the
// expected place first, the whole article only when the window cannot decide.
import search from 'approx-string-match';
import { Annotation } from './model';

/** How far either side of the expected place the first, cheap search looks. */
const WINDOW = 4096;
/** Exact places looked at either side of the expected one inside the window. */
const WINDOW_HITS = 32;
/** Exact places of one text kept for the whole-article search; more is not a place to guess in. */
const MAX_CANDIDATES = 10_000;
/** Whole-article approximate search only on articles up to this length (UTF-16 units). */
const APPROX_WHOLE_TEXT = 1_000_000;
/** Approximate matches weighed for one span; more means none stands out. */
const MAX_APPROX = 64;

export interface Found {
  start: number;
  end: number;
  /** 0..1: how sure the place is. 1 for an exact text with all of its context. */
  score: number;
  /** True when the text there is not the stored text: placed by an approximate match. */
  repaired: boolean;
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
}

interface Candidate {
  start: number;
  score: number;
  distance: number;
}

/**
 * The exact place of `a.text` in `index.text`. Among places with the best context, the one
 * nearest `near` wins only when it is much nearer than the next: two equally good places at
 * similar distances give nothing rather than a guess. The place must have more than half of
 * the context: all of one side is not enough, as articles repeat a quote with the same words
 * after it (the sample does), and the one annotated may be the copy that was deleted.
 */
export function findExact(index: OccurrenceIndex, a: Annotation, near: number): Found | undefined {
  const { text } = index;
  const needle = a.text;
  if (!needle) return undefined;
  const full = contextLength(a);
  const inWindow = windowHits(text, needle, near);
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

/** Up to WINDOW_HITS exact places either side of `near`, within WINDOW of it. */
function windowHits(text: string, needle: string, near: number): number[] {
  const from = Math.max(0, near - WINDOW);
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
  return best;
}

function better(x: Candidate, y: Candidate): boolean {
  return x.score > y.score || (x.score === y.score && x.distance < y.distance);
}

/**
 * An approximate place for a span whose own text was edited: a match of the quote with at
 * most a third of its characters changed, or the gap between its exact prefix and suffix,
 * accepted only when the context around it agrees and no other place comes close.
 */
export function findRepaired(index: OccurrenceIndex, a: Annotation, near: number): Found | undefined {
  const { text } = index;
  const quote = a.text;
  const prefix = a.prefix ?? '';
  const suffix = a.suffix ?? '';
  if (!quote || prefix.length + suffix.length < 16) return undefined;
  const reach = Math.max(512, 3 * quote.length);
  const from = Math.max(0, near - reach);
  const to = Math.min(text.length, near + quote.length + reach);
  let found = repairIn(text, a, from, to, near);
  if (found || text.length > APPROX_WHOLE_TEXT || (from === 0 && to === text.length)) return found;
  const key = `${quote}\u0000${prefix}\u0000${suffix}`;
  if (!index.repairs.has(key)) index.repairs.set(key, repairIn(text, a, 0, text.length, near));
  return index.repairs.get(key);
}

function repairIn(text: string, a: Annotation, from: number, to: number, near: number): Found | undefined {
  const quote = a.text!;
  const region = text.slice(from, to);
  const places: { start: number; end: number; quoteSim: number }[] = [];
  const maxErrors = Math.floor(quote.length / 3);
  if (maxErrors > 0 && !degenerate(region, quote, maxErrors)) {
    const matches = search(region, quote, maxErrors);
    // Near matches everywhere (a text of repeated letters): no place stands out.
    if (matches.length > MAX_APPROX) return undefined;
    for (const m of matches) places.push({ start: from + m.start, end: from + m.end, quoteSim: 1 - m.errors / quote.length });
  }
  const bracket = bracketed(region, a);
  if (bracket) places.push({ start: from + bracket.start, end: from + bracket.end, quoteSim: similarity(quote, region.slice(bracket.start, bracket.end)) });
  let best: Found | undefined;
  let runnerUp = 0;
  const seen = new Set<string>();
  for (const p of places) {
    const key = `${p.start}:${p.end}`;
    // The same words exactly, there or overlapping, were weighed by findExact, which turned them
    // down: a near match around them is the same doubtful place.
    const around = text.slice(Math.max(0, p.start - maxErrors), p.end + maxErrors);
    if (seen.has(key) || p.end <= p.start || around.includes(quote) || splitsPair(text, p.start, 0) || splitsPair(text, p.end, 0)) continue;
    seen.add(key);
    const prefixSim = sideSimilarity(a.prefix ?? '', text.slice(Math.max(0, p.start - (a.prefix ?? '').length), p.start));
    const suffixSim = sideSimilarity(a.suffix ?? '', text.slice(p.end, p.end + (a.suffix ?? '').length));
    const context = (prefixSim + suffixSim) / 2;
    // Both sides must vouch for the place: articles restate a demand or a quote in other words
    // elsewhere, and one side alone (or the words alone) then points at the restatement. Short
    // spans have little text of their own to vouch for a place: the context must, more so.
    if (Math.min(prefixSim, suffixSim) < 0.6 || context < (quote.length < 16 ? 0.85 : 0.7) || p.quoteSim + context < 1.2) continue;
    const score = 0.5 * p.quoteSim + 0.5 * context - Math.min(0.05, Math.abs(p.start - near) / 1e6);
    if (!best || score > best.score) {
      runnerUp = best ? best.score : runnerUp;
      best = { start: p.start, end: p.end, score, repaired: true };
    } else if (score > runnerUp) runnerUp = score;
  }
  // Two places about as good (a repeated sentence): neither is trusted.
  if (!best || best.score - runnerUp < 0.1) return undefined;
  return { ...best, score: Math.max(0, Math.min(1, best.score)) };
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
function sideSimilarity(stored: string, actual: string): number {
  if (stored.length === 0) return actual.length === 0 ? 1 : 0.5;
  const matches = search(actual, stored, stored.length);
  if (matches.length === 0) return 0;
  const errors = Math.min(...matches.map((m) => m.errors));
  return 1 - errors / stored.length;
}

function editDistance(x: string, y: string): number {
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length];
}

/** Characters of the stored prefix and suffix found, contiguous, right around [start, end). */
export function contextScore(text: string, start: number, end: number, a: Annotation): number {
  const [before, after] = contextSides(text, start, end, a);
  return before + after;
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

function splitsPair(text: string, start: number, length: number): boolean {
  return isSplit(text, start) || isSplit(text, start + length);
}

function isSplit(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const hi = text.charCodeAt(offset - 1);
  const lo = text.charCodeAt(offset);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}
