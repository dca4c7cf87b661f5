// Where an orphan might belong: the best approximate place of its text, below the confidence
// anchoring asks for, offered to a person as a *proposal* (never placed on its own). Scored
// as Hypothesis scores its matches (quote, prefix, suffix, position), but looked for only in
// a few windows: around where it was, and around the places of its rarest words, so 1,000
// orphans on a 1 MB article cost well under a second.
import search from 'approx-string-match';
import { Annotation } from './model';

export interface Proposal {
  /** [start, end) in UTF-16 units of the text the proposal was made on. */
  start: number;
  end: number;
  /** The article's text there. */
  text: string;
  /** 0..1, Hypothesis's weighting of quote, context and position. */
  score: number;
}

/** Words of a quote used as seeds, the rarest first. */
const SEED_WORDS = 3;
/** Places of one seed word looked at, the nearest to where the orphan was first. */
const SEED_PLACES = 8;
/** Matcher work allowed per orphan, in characters times 32-character blocks of the quote. */
const WORK_PER_ORPHAN = 1 << 21;
/** Matches weighed per window: more means a text too repetitive for any to stand out. */
const MATCHES_PER_WINDOW = 32;
/** Below this, the words there are not the orphan's words in any useful sense. */
const MIN_QUOTE_SIMILARITY = 0.5;

/** Proposals for the orphans of one text: its word index is built once for all of them. */
export class ProposalFinder {
  private words?: Map<string, number[]>;

  constructor(readonly text: string) {}

  /** The best place for `a`'s text, or undefined when nothing is close enough to show. */
  propose(a: Annotation): Proposal | undefined {
    const quote = a.text;
    const { text } = this;
    if (!quote || !text) return undefined;
    const m = quote.length;
    const maxErrors = Math.min(256, Math.floor(m / 2));
    const near = Math.min(Math.max(0, a.start), text.length);
    const blocks = Math.ceil(m / 32);
    let budget = WORK_PER_ORPHAN;
    let best: Proposal | undefined;
    for (const [from, to] of this.windows(quote, near, maxErrors)) {
      const cost = (to - from) * blocks;
      if (cost > budget) break;
      budget -= cost;
      const region = text.slice(from, to);
      const matches = matchesIn(region, quote, maxErrors);
      for (const match of matches) {
        const start = from + match.start;
        const end = from + match.end;
        if (end <= start) continue;
        const quoteScore = 1 - match.errors / m;
        // Even with all of its context it would not beat the best so far: not worth weighing.
        if (quoteScore < MIN_QUOTE_SIMILARITY || (best && (50 * quoteScore + 42) / 92 <= best.score)) continue;
        const prefixScore = sideScore(a.prefix ?? '', text.slice(Math.max(0, start - (a.prefix ?? '').length), start), 'prefix');
        if (best && (50 * quoteScore + 20 * prefixScore + 22) / 92 <= best.score) continue;
        const suffixScore = sideScore(a.suffix ?? '', text.slice(end, end + (a.suffix ?? '').length), 'suffix');
        const posScore = 1 - Math.abs(start - near) / Math.max(1, text.length);
        const score = (50 * quoteScore + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
        if (!best || score > best.score) best = { start, end, text: '', score };
      }
    }
    return best && { ...best, text: text.slice(best.start, best.end) };
  }

  /** Windows to search, in the order they are worth it, merged where they overlap. */
  private windows(quote: string, near: number, maxErrors: number): [number, number][] {
    const m = quote.length;
    const reach = m + maxErrors;
    const clamp = (x: number) => Math.min(Math.max(0, x), this.text.length);
    const out: [number, number][] = [[clamp(near - reach - 256), clamp(near + reach + 256)]];
    const index = this.wordIndex();
    const seeds = [...new Map(wordsOf(quote).map((w) => [w.word, w])).values()]
      .map((w) => ({ ...w, places: index.get(w.word) ?? [] }))
      .filter((w) => w.places.length > 0)
      .sort((x, y) => x.places.length - y.places.length)
      .slice(0, SEED_WORDS);
    for (const seed of seeds) {
      const nearest = [...seed.places].sort((x, y) => Math.abs(x - near) - Math.abs(y - near)).slice(0, SEED_PLACES);
      for (const p of nearest) out.push([clamp(p - seed.at - maxErrors), clamp(p - seed.at + reach)]);
    }
    return mergeWindows(out);
  }

  private wordIndex(): Map<string, number[]> {
    if (!this.words) {
      this.words = new Map();
      for (const w of wordsOf(this.text)) {
        const list = this.words.get(w.word);
        if (list) list.push(w.at);
        else this.words.set(w.word, [w.at]);
      }
    }
    return this.words;
  }
}

/**
 * The matcher's best matches in one window, at most MATCHES_PER_WINDOW. The quote's exact
 * places, when it has some, are the best there can be; a window so repetitive that near
 * matches would be everywhere (one letter, one phrase over and over) proposes nothing, as
 * the matcher would spend its time finding where each of thousands of equal matches starts.
 */
function matchesIn(region: string, quote: string, maxErrors: number): { start: number; end: number; errors: number }[] {
  const exact: { start: number; end: number; errors: number }[] = [];
  for (let i = region.indexOf(quote); i !== -1 && exact.length < MATCHES_PER_WINDOW; i = region.indexOf(quote, i + 1)) exact.push({ start: i, end: i + quote.length, errors: 0 });
  if (exact.length) return exact;
  if (repetitive(region)) return [];
  // Fewest errors first: the bound in propose() then skips most of the rest.
  return search(region, quote, maxErrors).sort((x, y) => x.errors - y.errors).slice(0, MATCHES_PER_WINDOW);
}

/** Fewer than one distinct 4-character piece in ten: text that repeats itself. */
function repetitive(region: string): boolean {
  if (region.length < 400) return false;
  const pieces = new Set<string>();
  for (let i = 0; i + 4 <= region.length; i++) pieces.add(region.slice(i, i + 4));
  return pieces.size * 10 < region.length;
}

/** Proposals for every orphan that has one, by annotation id. */
export function proposeAll(text: string, orphans: readonly Annotation[]): Map<string, Proposal> {
  const finder = new ProposalFinder(text);
  const out = new Map<string, Proposal>();
  for (const a of orphans) {
    const p = finder.propose(a);
    if (p) out.set(a.id, p);
  }
  return out;
}

function wordsOf(text: string): { word: string; at: number }[] {
  const out: { word: string; at: number }[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]{3,}/gu)) out.push({ word: m[0], at: m.index! });
  return out;
}

/** Keeps the first window first (where the orphan was), then the others in text order, merged. */
function mergeWindows(windows: [number, number][]): [number, number][] {
  const [first, ...rest] = windows;
  const merged: [number, number][] = [];
  for (const w of rest.sort((x, y) => x[0] - y[0])) {
    if (w[1] <= w[0]) continue;
    const last = merged[merged.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([...w]);
  }
  // Seed windows inside the first one are searched with it already.
  return [first, ...merged.filter(([s, e]) => s < first[0] || e > first[1])];
}

/**
 * 0..1: how well the stored side of context matches the text right next to the place: one
 * minus the least edits between it and some stretch of text ending at the place's edge (the
 * prefix) or, read backwards, starting there (the suffix), per stored character. A side found
 * farther off does not vouch for the edge. Contexts are short (32 units): a small table.
 */
function sideScore(stored: string, actual: string, side: 'prefix' | 'suffix'): number {
  if (!stored) return 1;
  // The whole stored side right there: no table needed (the usual case, and every case of a text that repeats itself).
  if (side === 'prefix' ? actual.endsWith(stored) : actual.startsWith(stored)) return 1;
  const m = stored.length;
  const n = actual.length;
  const s = (i: number) => stored.charCodeAt(side === 'prefix' ? m - i : i - 1);
  const t = (j: number) => actual.charCodeAt(side === 'prefix' ? n - j : j - 1);
  // Row j: the stored side's first i characters (from the edge) against the text's first j;
  // the text may go on beyond what the stored side covers, so the best of the last column counts.
  let prev = new Int32Array(m + 1).map((_, i) => i);
  let row = new Int32Array(m + 1);
  let best = m;
  for (let j = 1; j <= n; j++) {
    row[0] = j;
    const c = t(j);
    for (let i = 1; i <= m; i++) row[i] = Math.min(prev[i] + 1, row[i - 1] + 1, prev[i - 1] + (s(i) === c ? 0 : 1));
    [prev, row] = [row, prev];
    if (prev[m] < best) best = prev[m];
  }
  return Math.max(0, 1 - best / m);
}
