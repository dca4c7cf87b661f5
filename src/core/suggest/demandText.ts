// Text helpers for demands and responses: sentences and clauses on the raw article text, and a
// word-overlap similarity weighted by how rare a word is in the article (so "antisemitism",
// on every line of an article about it, says little about which demand a sentence is about).
import { isAsciiLetter } from './tokenize';

export interface Range {
  start: number;
  end: number;
}

// Abbreviations whose period does not end a sentence (titles, initials are handled apart).
const ABBREVIATIONS = new Set('mr mrs ms dr sen rep gov gen lt col sgt capt st jr sr prof rev vs no inc corp co ltd jan feb mar apr aug sept sep oct nov dec'.split(' '));

/**
 * Sentences of `text`: ended by . ! ? … (with closing quotes) before a capital or an opening
 * quote, or by a blank line. A single line break ends one only when the next line starts with a
 * capital, a digit or a quote (PolNeAR's and pasted texts wrap some sentences mid-line).
 */
export function sentences(text: string): Range[] {
  const out: Range[] = [];
  let start = skipSpace(text, 0);
  const boundary = /([.!?…]+["”’'»)]*)(\s+)(?=["“‘'«(]{0,2}[\p{Lu}\p{N}])|\n[ \t]*\n\s*|\n(?=\s*["“‘'«]?[\p{Lu}\p{N}])/gu;
  for (const m of text.matchAll(boundary)) {
    const at = m.index ?? 0;
    if (m[1]) {
      const before = /([\p{L}]+)\.?$/u.exec(text.slice(Math.max(start, at - 12), at + 1));
      const word = before?.[1] ?? '';
      if (m[1] === '.' && (ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word))) continue;
    }
    const end = m[1] ? at + m[1].length : at;
    if (end > start) out.push({ start, end });
    start = skipSpace(text, at + m[0].length);
  }
  const last = text.trimEnd().length;
  if (last > start) out.push({ start, end: last });
  return out;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

const STOP = new Set(
  `a an the and or but nor so yet of to in on at by for with from into onto upon about over under after before
   between through during without within against among than as if then that this these those there here it its
   is are was were be been being am do does did doing done have has had having will would shall should can could
   may might must ought need needs not no nor never also only just very more most much many some any all each
   every both either neither such own same other another i me my we us our you your he him his she her they them
   their who whom whose which what when where why how one ones said says say told tell says added asked
   mr mrs ms dr shouldn't mustn't can't won't wouldn't don't doesn't didn't isn't aren't wasn't weren't`.split(/\s+/),
);

/**
 * The content words of a text, lowercased and lightly stemmed (hyphens and apostrophes dropped):
 * the words are those of /\p{L}[\p{L}\p{M}\p{N}'’-]*\/gu on the lowercased text, read by hand
 * (ASCII at a glance, other characters by their Unicode class) because it runs on every sentence.
 */
export function stems(text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  while (i < n) {
    const first = wordCharAt(lower, i);
    if (first !== LETTER) {
      i += first === OTHER_ASTRAL ? 2 : 1;
      continue;
    }
    const start = i;
    let marked = false;
    i += unitsAt(lower, i);
    for (;;) {
      const c = wordCharAt(lower, i);
      if (c === MARK_PUNCT) marked = true;
      else if (c !== LETTER && c !== IN_WORD) break;
      i += unitsAt(lower, i);
    }
    let word = lower.slice(start, i);
    if (marked && word.length >= 2 && word.charCodeAt(word.length - 1) === 115 /* s */ && isApostrophe(word.charCodeAt(word.length - 2))) word = word.slice(0, -2);
    if (word.length < 2 || STOP.has(word)) continue;
    out.push(stem(marked ? word.replace(/['’-]/g, '') : word));
  }
  return out;
}

// What a character is to stems(): a letter (starts or continues a word), a mark or digit
// (continues one), an apostrophe or hyphen (continues one and is dropped), or none of these.
const OTHER = 0;
const OTHER_ASTRAL = 1;
const LETTER = 2;
const IN_WORD = 3;
const MARK_PUNCT = 4;
const IS_LETTER = /^\p{L}$/u;
const IS_IN_WORD = /^[\p{M}\p{N}]$/u;

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** The class of the code point at i (OTHER past the end). */
function wordCharAt(s: string, i: number): number {
  if (i >= s.length) return OTHER;
  const c = s.charCodeAt(i);
  if (c < 128) {
    if (isAsciiLetter(c)) return LETTER;
    if (c >= 48 && c <= 57) return IN_WORD;
    return c === 39 || c === 45 ? MARK_PUNCT : OTHER;
  }
  if (c === 0x2019) return MARK_PUNCT;
  const cp = s.codePointAt(i)!;
  const ch = String.fromCodePoint(cp);
  if (IS_LETTER.test(ch)) return LETTER;
  if (IS_IN_WORD.test(ch)) return IN_WORD;
  return cp > 0xffff ? OTHER_ASTRAL : OTHER;
}

/** UTF-16 units of the code point at i. */
function unitsAt(s: string, i: number): number {
  return s.codePointAt(i)! > 0xffff ? 2 : 1;
}

export function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 5 && w.endsWith('ing')) return trimE(w.slice(0, -3));
  if (w.length > 4 && w.endsWith('ed')) return trimE(w.slice(0, -2));
  if (w.length > 4 && (w.endsWith('sses') || w.endsWith('shes') || w.endsWith('ches') || w.endsWith('xes'))) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return trimE(w.slice(0, -1));
  return trimE(w);
}

function trimE(w: string): string {
  return w.length > 4 && w.endsWith('e') ? w.slice(0, -1) : w;
}

/** How rare each stem is among the article's sentences: log(1 + N / df). */
export class Rarity {
  private readonly df = new Map<string, number>();
  private readonly n: number;
  constructor(texts: readonly string[]) {
    this.n = Math.max(1, texts.length);
    for (const t of texts) for (const s of new Set(stems(t))) this.df.set(s, (this.df.get(s) ?? 0) + 1);
  }
  /** In at most three sentences: one such word shared can tie a sentence to a demand. */
  rare(s: string): boolean {
    return (this.df.get(s) ?? 0) <= 3;
  }
  weight(s: string): number {
    let w = this.memo.get(s);
    if (w === undefined) this.memo.set(s, (w = Math.log(1 + this.n / (this.df.get(s) ?? 1))));
    return w;
  }
  private readonly memo = new Map<string, number>();
}

/**
 * Entries by the first four letters of their words: the only entries in which overlap() can find
 * a word of a given set, so matching a sentence against every demand stays near linear.
 */
export class WordIndex {
  private readonly by = new Map<string, Set<number>>();
  add(entry: number, words: Iterable<string>): void {
    for (const w of words) {
      const k = w.slice(0, 4);
      let set = this.by.get(k);
      if (!set) this.by.set(k, (set = new Set()));
      set.add(entry);
    }
  }
  candidates(words: Iterable<string>): number[] {
    const out = new Set<number>();
    for (const w of words) for (const e of this.by.get(w.slice(0, 4)) ?? []) out.add(e);
    return [...out].sort((a, b) => a - b);
  }
}

export interface Overlap {
  /** Weight of the stems both share (a stem that starts the other, as time/timetable, counts half). */
  shared: number;
  /** The shared stems, rarest first. */
  words: string[];
}

export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>, rarity: Rarity): Overlap {
  let shared = 0;
  const words: [string, number][] = [];
  for (const s of a) {
    if (b.has(s)) {
      shared += rarity.weight(s);
      words.push([s, rarity.weight(s)]);
      continue;
    }
    // Compounds and kin ("time limits" and "timetable", "procedures" and "process"): half the rarer one's weight.
    if (s.length < 4) continue;
    for (const t of b) {
      if (t.length >= 4 && !a.has(t) && related(s, t)) {
        const w = 0.5 * Math.max(rarity.weight(s), rarity.weight(t));
        shared += w;
        words.push([s.length < t.length ? s : t, w]);
        break;
      }
    }
  }
  words.sort((x, y) => y[1] - x[1]);
  return { shared, words: words.map((w) => w[0]) };
}

/** One starts the other, or they share a stem of five letters or more (most of the shorter one). */
function related(s: string, t: string): boolean {
  if (t.startsWith(s) || s.startsWith(t)) return true;
  let k = 0;
  while (k < s.length && k < t.length && s[k] === t[k]) k++;
  return k >= 5 && k >= 0.7 * Math.min(s.length, t.length);
}

export function totalWeight(a: ReadonlySet<string>, rarity: Rarity): number {
  let w = 0;
  for (const s of a) w += rarity.weight(s);
  return w;
}

/** Dice similarity of two stem sets under the article's rarity weights, in [0, 1]. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>, rarity: Rarity): number {
  const total = totalWeight(a, rarity) + totalWeight(b, rarity);
  return total > 0 ? Math.min(1, (2 * overlap(a, b, rarity).shared) / total) : 0;
}

const CLAUSE_END =
  /;|(?<!\b(?:Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Jr|Sr|Prof|Rev|No|vs|\p{Lu}))[.!?…](?=["”’'»)]*(?:\s|$))|\n[ \t]*\n|\s+[–—]\s+(?![^–—]{1,60}\s[–—]\s)|,\s+(?=(?:and|but|which|who|whom|whose|where|while|whereas|although|though|adding|saying|as|so|yet|because|after|before|he|she|they|we|it|according)\b|["“]?\p{Lu})|,\s+(?=(?:[\p{L}’'.-]+\s+){0,5}(?:said|says|say|told|tells|added|adds|argued|insisted|warned|wrote|stated|explained)\b)|["”](?=\s*,)|,?["”](?=\s|$)|[’'](?=,\s)|,?\s+(?=(?:and so|so that|but|because)\b)/u;

/** Where the clause that starts at `from` ends (before `;`, a full stop, ", and", ", which", ", Jewish groups said"...). */
export function clauseEnd(text: string, from: number, limit: number): number {
  const m = CLAUSE_END.exec(text.slice(from, limit));
  return m ? from + (m.index ?? 0) : limit;
}

/** The range without leading or trailing space, quotes and punctuation (and a leading "that "). */
export function trimRange(text: string, r: Range): Range {
  let { start, end } = r;
  for (;;) {
    const before = start;
    while (start < end && /[\s"“”‘’'«»(,:;–—-]/.test(text[start])) start++;
    const lead = /^(?:that|and|and that|or|but)\s+/i.exec(text.slice(start, Math.min(end, start + 12)));
    if (lead) start += lead[0].length;
    if (start === before) break;
  }
  while (end > start && /[\s"“”‘’'«»),:;.!?…–—-]/.test(text[end - 1])) end--;
  return { start, end };
}

export function iou(a: Range, b: Range): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}

/** Whitespace collapsed, first letter capital, at most ~100 characters cut at a word. */
export function tidySummary(span: string): string {
  let s = span.replace(/\s+/g, ' ').trim().replace(/^(?:to|that|having|and)\s+/i, '');
  if (s.length > 100) s = s.slice(0, 100).replace(/\s+\S*$/, '') + '…';
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The first content words of a text, lowercased, unstemmed (for ids). */
export function contentWords(text: string, max: number): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\p{L}[\p{L}\p{M}\p{N}'’-]*/gu)) {
    const lower = m[0].toLowerCase();
    if (!STOP.has(lower) && lower.length > 1) out.push(lower.replace(/['’]/g, ''));
    if (out.length >= max) break;
  }
  return out;
}
