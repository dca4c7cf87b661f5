// Tokens, paragraphs and sentence hints for the suggestion engine. Offsets are UTF-16 units
// on the article's text, as everything else in the editor counts them. Plain regular
// expressions over the text, nothing Node-only: the engine must also run in a browser build.

export type TokenKind = 'word' | 'number' | 'punct' | 'quote';

export interface Token {
  start: number;
  end: number;
  text: string;
  kind: TokenKind;
}

export interface Paragraph {
  /** Index of its first token and one past its last. */
  first: number;
  end: number;
}

export interface TokenizedText {
  text: string;
  tokens: Token[];
  paragraphs: Paragraph[];
  /** 1 where a token starts a sentence. */
  sentenceStart: Uint8Array;
  /** Quotation state before each token: 0 outside quotes, 1 inside, 2 after a quote closed in this paragraph. */
  quoteState: Uint8Array;
}

// Titles and other abbreviations whose period does not end a sentence.
const ABBREVIATIONS = new Set(
  'mr mrs ms dr sen rep gov gen lt col sgt capt st jr sr prof rev vs no inc corp co ltd jan feb mar apr aug sept sep oct nov dec ft mt ave'.split(' '),
);

// Order matters: initialisms (U.S.) before words, words with inner apostrophes and hyphens kept whole.
const TOKEN_RE =
  /(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{N}]+)*|\p{N}+(?:[.,:]\p{N}+)*%?|[“”"«»]|['‘’]|—|–|-{2,}|\.{3}|…|\S/gu;

const QUOTE_CHARS = new Set(['“', '”', '"', '«', '»', "'", '‘', '’']);

/** The text's tokens, paragraphs (split at line breaks, as PolNeAR's texts have them), sentences and quotation state. */
export function tokenize(text: string): TokenizedText {
  const tokens: Token[] = [];
  const paragraphs: Paragraph[] = [];
  let paraFirst = 0;
  // The next line break after the last token: searched once per line, not once per token.
  let nextBreak = text.indexOf('\n');
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    if (nextBreak >= 0 && nextBreak < m.index) {
      if (tokens.length > paraFirst) paragraphs.push({ first: paraFirst, end: tokens.length });
      paraFirst = tokens.length;
      nextBreak = text.indexOf('\n', m.index);
    }
    pushToken(tokens, m[0], m.index);
  }
  if (tokens.length > paraFirst) paragraphs.push({ first: paraFirst, end: tokens.length });
  const sentenceStart = new Uint8Array(tokens.length);
  const quoteState = new Uint8Array(tokens.length);
  for (const p of paragraphs) markParagraph(tokens, p, sentenceStart, quoteState);
  return { text, tokens, paragraphs, sentenceStart, quoteState };
}

/** One match as a token, with a possessive 's or a clitic ('ll, 're, 've, 'd, 'm) split off as its own token (as treebank tokenizers do). */
function pushToken(tokens: Token[], s: string, at: number): void {
  const first = s.codePointAt(0)!;
  let kind: TokenKind;
  // ASCII letters and digits at a glance; the Unicode classes for the rest.
  if (QUOTE_CHARS.has(s)) kind = 'quote';
  else if (isAsciiLetter(first) || (first >= 128 && /^\p{L}/u.test(s))) kind = 'word';
  else if ((first >= 48 && first <= 57) || (first >= 128 && /^\p{N}/u.test(s) && first < 0x10000)) kind = 'number';
  else kind = 'punct';
  const clitic = kind === 'word' && hasApostrophe(s) ? /['’](?:s|ll|re|ve|d|m)$/i.exec(s) : null;
  if (clitic && clitic.index > 0) {
    const cut = clitic.index;
    tokens.push({ start: at, end: at + cut, text: s.slice(0, cut), kind });
    tokens.push({ start: at + cut, end: at + s.length, text: s.slice(cut), kind: 'word' });
    return;
  }
  tokens.push({ start: at, end: at + s.length, text: s, kind });
}

/** a-z or A-Z, by character code: the common case, spared a Unicode-class regex. */
export function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function hasApostrophe(s: string): boolean {
  return s.includes("'") || s.includes('’');
}

function markParagraph(tokens: Token[], p: Paragraph, sentenceStart: Uint8Array, quoteState: Uint8Array): void {
  let inside = false;
  let closed = false;
  sentenceStart[p.first] = 1;
  for (let i = p.first; i < p.end; i++) {
    const t = tokens[i];
    quoteState[i] = inside ? 1 : closed ? 2 : 0;
    if (t.kind === 'quote') {
      const c = t.text;
      if (c === '“' || c === '«') inside = true;
      else if (c === '”' || c === '»' || c === '"') {
        // A straight quote closes when one is open, else opens.
        if (inside) closed = true;
        inside = c === '"' ? !inside : false;
      }
    }
    const next = sentenceEndNext(tokens, i, p.end);
    if (next >= 0 && next < p.end) sentenceStart[next] = 1;
  }
}

/**
 * Where the next sentence starts when token i (a full stop, question or exclamation mark, not an
 * abbreviation's) ends one: after any closing quotes stuck to it. -1 when it does not end one.
 */
function sentenceEndNext(tokens: Token[], i: number, end: number): number {
  const t = tokens[i];
  if (t.text !== '.' && t.text !== '?' && t.text !== '!' && t.text !== '…' && t.text !== '...') return -1;
  if (t.text === '.' && i > 0) {
    const prev = tokens[i - 1];
    if (prev.end === t.start && ABBREVIATIONS.has(prev.text.toLowerCase())) return -1;
  }
  let j = i + 1;
  while (j < end && tokens[j].kind === 'quote' && tokens[j].start === tokens[j - 1].end) j++;
  if (j >= end) return end;
  return /^[\p{Lu}\p{N}“"‘'(]/u.test(tokens[j].text) ? j : -1;
}
