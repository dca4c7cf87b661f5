// Word and sentence boundaries in article text: what "mark" proposes when nothing is
// selected (the word at the cursor for a speaker mention, the sentence for a quote, demand or
// response). Heuristics for news prose in plain text or Markdown, not a full segmenter.

export interface TextSpan {
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
/** Joins two word parts when it sits between them: anti-semitism, O'Brien, Corbyn’s. */
const WORD_JOINER = /['’\-‐]/;

/**
 * The word at `offset` (a cursor just after a word counts as on it), without a trailing
 * possessive: "Corbyn's" gives "Corbyn". Undefined when the cursor touches no word.
 */
export function wordAt(text: string, offset: number): TextSpan | undefined {
  let at = offset;
  if (!isWordCharAt(text, at)) at = offset - 1;
  if (!isWordCharAt(text, at)) return undefined;
  const { start, end } = wholeWordAt(text, at);
  const possessive = /['’]s$/i.exec(text.slice(start, end));
  return { start, end: possessive && end - start > 2 ? end - 2 : end };
}

/** True when the character at UTF-16 index i (either half of a pair) is part of a word. */
export function isWordCharAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && WORD_CHAR.test(charAt(text, i));
}

/**
 * The whole word around index i, which must be a word character: joined parts ("O'Brien",
 * "anti-semitism") and a possessive ("Corbyn's") included.
 */
export function wholeWordAt(text: string, i: number): TextSpan {
  let start = i;
  let end = i + 1;
  for (;;) {
    if (isWordCharAt(text, start - 1)) start--;
    else if (WORD_JOINER.test(text[start - 1] ?? '') && isWordCharAt(text, start - 2)) start -= 2;
    else break;
  }
  for (;;) {
    if (isWordCharAt(text, end)) end++;
    else if (WORD_JOINER.test(text[end] ?? '') && isWordCharAt(text, end + 1)) end += 2;
    else break;
  }
  // The loops step by code unit; charAt() reads a surrogate pair from either half, so a letter
  // outside the BMP is taken whole.
  return { start, end };
}

/** The code point at i (the whole pair when i is either half of one). */
function charAt(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return text.slice(i - 1, i + 1);
  if (c >= 0xd800 && c <= 0xdbff) return text.slice(i, i + 2);
  return text[i];
}

/** Words that end in a full stop without ending a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'rev', 'st', 'sr', 'jr', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt',
  'cllr', 'hon', 'rt', 'sir', 'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'eg', 'ie', 'cf', 'al',
]);
const TERMINATOR = /[.!?…]/;
const CLOSER = /["'”’»)\]]/;
/** Markdown block starts: a heading, list item or block quote begins a new sentence. */
const BLOCK_MARKER = /^[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+|>[ \t]*)/;

/**
 * The sentence at `offset`, trimmed of surrounding space. Sentences end at . ! ? … (with any
 * closing quotes or brackets) followed by space, never after an abbreviation or an initial,
 * nor when the next word starts in lower case ("Why?" she asked). Blank lines and Markdown
 * block starts always end one. In the space between two sentences, the next one; on a blank
 * line, undefined.
 */
export function sentenceAt(text: string, offset: number): TextSpan | undefined {
  offset = Math.max(0, Math.min(offset, text.length));
  const block = blockAt(text, offset);
  if (!block) return undefined;
  const sentences = splitSentences(text, block.start, block.end);
  return (
    sentences.find((s) => s.start <= offset && offset <= s.end) ??
    sentences.find((s) => s.start > offset) ??
    sentences[sentences.length - 1]
  );
}

/** All sentences in [from, to), trimmed; exported for tests and for callers that want them all. */
export function splitSentences(text: string, from = 0, to = text.length): TextSpan[] {
  const out: TextSpan[] = [];
  let start = from;
  const push = (end: number) => {
    const s = trimSpan(text, start, end);
    if (s.end > s.start) out.push(s);
    start = end;
  };
  for (let i = from; i < to; i++) {
    if (!TERMINATOR.test(text[i])) continue;
    let end = i + 1;
    while (end < to && (TERMINATOR.test(text[end]) || CLOSER.test(text[end]))) end++;
    if (end < to && !/\s/.test(text[end])) continue; // "2.5", "U.S.A", "word.Next"
    if (text[i] === '.' && end === i + 1 && isAbbreviation(text, from, i)) continue;
    const next = nextNonSpace(text, end, to);
    if (next !== undefined && /\p{Ll}/u.test(next)) continue;
    push(end);
    i = end - 1;
  }
  push(to);
  return out;
}

/** The paragraph or Markdown block around offset: bounded by blank lines and block markers. */
function blockAt(text: string, offset: number): TextSpan | undefined {
  const lineStart = (i: number) => text.lastIndexOf('\n', i - 1) + 1;
  const lineEnd = (i: number) => {
    const n = text.indexOf('\n', i);
    return n < 0 ? text.length : n;
  };
  const blank = (ls: number) => text.slice(ls, lineEnd(ls)).trim() === '';
  const here = lineStart(offset);
  if (blank(here)) return undefined;
  // Back to the block's first line: stop after a blank line, or at a line with a block marker.
  let start = here;
  while (!BLOCK_MARKER.test(text.slice(start, lineEnd(start))) && start > 0) {
    const prev = lineStart(start - 1);
    if (blank(prev)) break;
    start = prev;
  }
  // Forward to its last line: stop before a blank line or the next line with a block marker.
  let end = lineEnd(here);
  while (end < text.length) {
    const nextStart = end + 1;
    const nextLine = text.slice(nextStart, lineEnd(nextStart));
    if (nextLine.trim() === '' || BLOCK_MARKER.test(nextLine)) break;
    end = lineEnd(nextStart);
  }
  const marker = BLOCK_MARKER.exec(text.slice(start, end));
  if (marker) start += marker[0].length;
  return end > start ? { start, end } : undefined;
}

function isAbbreviation(text: string, from: number, dot: number): boolean {
  let i = dot;
  while (i > from && /[\p{L}.]/u.test(text[i - 1])) i--;
  const word = text.slice(i, dot);
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "Jonathan M. Goldstein"
  if (/\./.test(word)) return true; // "e.g", "U.S" (a dotted abbreviation's inner dots)
  return ABBREVIATIONS.has(word.toLowerCase());
}

function nextNonSpace(text: string, i: number, to: number): string | undefined {
  while (i < to && /\s/.test(text[i])) i++;
  return i < to ? text[i] : undefined;
}

/** [start, end) without leading and trailing white space. */
export function trimSpan(text: string, start: number, end: number): TextSpan {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}
