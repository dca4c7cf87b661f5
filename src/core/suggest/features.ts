// Hashed features of each token, for the tagger. Each feature is a template number mixed with
// the hashes of the values it looks at: no strings are built per feature, which keeps tagging
// above 1 MB of text a second. Stage 2 also sees the labels stage 1 predicted (stacking): the
// nearest predicted cue, its direction and distance, and the labels around the token.
import { hashString, mix } from './hash';
import { isPronoun, isSourceNoun, verbClass } from './lexicon';
import { Paragraph, TokenizedText } from './tokenize';

export const LABELS = ['O', 'B-source', 'I-source', 'B-cue', 'I-cue', 'B-content', 'I-content'] as const;
export const NUM_LABELS = LABELS.length;
export type Kind = 'source' | 'cue' | 'content';
export const KINDS: readonly Kind[] = ['source', 'cue', 'content'];

/** Label of the first token of a `kind` chunk; the inside label is one more. */
export function beginLabel(kind: Kind): number {
  return 1 + 2 * KINDS.indexOf(kind);
}

/** Per-token facts computed once per text and shared by both stages. */
export interface TokenFacts {
  word: Uint32Array;
  shape: Uint32Array;
  suffix: Uint32Array;
  verb: Uint8Array;
  /** bit 1 pronoun, bit 2 source-like noun, bit 4 capitalised. */
  flags: Uint8Array;
  /** Index of the sentence each token belongs to, and each sentence's first token. */
  sentence: Uint32Array;
  sentenceFirst: number[];
}

const NONE = 0x7fffffff;

export function tokenFacts(tt: TokenizedText): TokenFacts {
  const n = tt.tokens.length;
  const f: TokenFacts = {
    word: new Uint32Array(n),
    shape: new Uint32Array(n),
    suffix: new Uint32Array(n),
    verb: new Uint8Array(n),
    flags: new Uint8Array(n),
    sentence: new Uint32Array(n),
    sentenceFirst: [],
  };
  for (let i = 0; i < n; i++) {
    const t = tt.tokens[i].text;
    const lower = t.toLowerCase();
    f.word[i] = hashString(lower);
    f.shape[i] = hashString(shapeOf(t));
    f.suffix[i] = hashString(lower.length > 3 ? lower.slice(-3) : lower);
    f.verb[i] = verbClass(lower);
    f.flags[i] = (isPronoun(lower) ? 1 : 0) | (isSourceNoun(lower) ? 2 : 0) | (/^\p{Lu}/u.test(t) ? 4 : 0);
    if (tt.sentenceStart[i]) f.sentenceFirst.push(i);
    f.sentence[i] = f.sentenceFirst.length - 1;
  }
  return f;
}

/** Xx, x, X, d, with runs collapsed; punctuation as itself. */
function shapeOf(t: string): string {
  let out = '';
  for (const ch of t) {
    const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (!out.endsWith(c)) out += c;
  }
  return out.length > 5 ? out.slice(0, 5) : out;
}

function bucket(d: number): number {
  if (d === NONE) return 99;
  if (d <= 3) return d;
  if (d <= 6) return 5;
  if (d <= 10) return 8;
  if (d <= 20) return 15;
  return 30;
}

/** Features of every token of a paragraph, as offsets into one flat array. */
export interface ParagraphFeatures {
  feats: Uint32Array;
  /** Token k's features are feats[offs[k] .. offs[k+1]). */
  offs: Uint32Array;
}

/**
 * Features of a paragraph's tokens. `stage1`, when given, holds stage 1's labels for the whole
 * text and adds the stacked features.
 */
export function paragraphFeatures(tt: TokenizedText, f: TokenFacts, p: Paragraph, paragraphIndex: number, stage1?: Uint8Array): ParagraphFeatures {
  const n = p.end - p.first;
  const per = stage1 ? 52 : 36;
  const feats = new Uint32Array(n * per);
  const offs = new Uint32Array(n + 1);
  let k = 0;
  const add = (template: number, value: number) => {
    feats[k++] = mix(template, value);
  };
  const W = (i: number) => (i < p.first ? 1 : i >= p.end ? 2 : f.word[i]);
  const S = (i: number) => (i < p.first ? 1 : i >= p.end ? 2 : f.shape[i]);
  const V = (i: number) => (i < p.first || i >= p.end ? 9 : f.verb[i]);

  // Nearest reporting verb (and predicted cue) to the left and right, within the sentence.
  const verbLeft = new Int32Array(n).fill(NONE);
  const verbRight = new Int32Array(n).fill(NONE);
  const cueLeft = new Int32Array(n).fill(NONE);
  const cueRight = new Int32Array(n).fill(NONE);
  let lastVerb = -1;
  let lastCue = -1;
  for (let i = p.first; i < p.end; i++) {
    if (tt.sentenceStart[i]) lastVerb = lastCue = -1;
    if (lastVerb >= 0) verbLeft[i - p.first] = i - lastVerb;
    if (lastCue >= 0) cueLeft[i - p.first] = i - lastCue;
    if (f.verb[i]) lastVerb = i;
    if (stage1 && (stage1[i] === 3 || stage1[i] === 4)) lastCue = i;
  }
  lastVerb = lastCue = -1;
  for (let i = p.end - 1; i >= p.first; i--) {
    if (lastVerb >= 0) verbRight[i - p.first] = lastVerb - i;
    if (lastCue >= 0) cueRight[i - p.first] = lastCue - i;
    if (f.verb[i]) lastVerb = i;
    if (stage1 && (stage1[i] === 3 || stage1[i] === 4)) lastCue = i;
    if (tt.sentenceStart[i]) lastVerb = lastCue = -1;
  }
  let paraQuote = 0;
  for (let i = p.first; i < p.end; i++) if (tt.tokens[i].kind === 'quote') paraQuote = 1;
  const firstKind = tt.tokens[p.first].kind === 'quote' ? 1 : 0;

  for (let i = p.first; i < p.end; i++) {
    const r = i - p.first;
    offs[r] = k;
    const q = tt.quoteState[i];
    const vl = bucket(verbLeft[r]);
    const vr = bucket(verbRight[r]);
    const sentPos = i - f.sentenceFirst[f.sentence[i]];
    add(1, 0);
    add(2, W(i));
    add(3, W(i - 1));
    add(4, W(i + 1));
    add(5, W(i - 2));
    add(6, W(i + 2));
    add(7, mix(W(i - 1), W(i)));
    add(8, mix(W(i), W(i + 1)));
    add(9, S(i));
    add(10, mix(S(i - 1), S(i)));
    add(11, mix(S(i), S(i + 1)));
    add(12, f.suffix[i]);
    add(13, V(i));
    add(14, mix(V(i - 1), V(i + 1)));
    add(15, mix(V(i - 2), V(i + 2)));
    add(16, q);
    add(17, mix(q, W(i)));
    add(18, mix(vl, vr));
    add(19, mix(mix(vl, vr), q));
    add(20, f.flags[i]);
    add(21, mix(f.flags[i], vr));
    add(22, bucket(sentPos));
    add(23, mix(bucket(sentPos), q));
    add(24, tt.sentenceStart[i]);
    add(25, mix(paraQuote, firstKind));
    add(26, paragraphIndex === 0 ? 1 : 0);
    add(27, mix(vl, W(i)));
    add(28, mix(vr, W(i)));
    add(29, mix(mix(q, paraQuote), vr));
    add(30, mix(W(i - 1), V(i)));
    add(31, mix(f.flags[i], S(i)));
    add(32, mix(mix(W(i - 1), W(i)), W(i + 1)));
    add(33, mix(i + 1 < p.end ? tt.quoteState[i + 1] : 7, q));
    if (stage1) {
      const L = (j: number) => (j < p.first || j >= p.end ? 9 : stage1[j]);
      const cl = bucket(cueLeft[r]);
      const cr = bucket(cueRight[r]);
      add(40, L(i));
      add(41, mix(L(i - 1), L(i)));
      add(42, mix(L(i), L(i + 1)));
      add(43, mix(L(i - 2), L(i + 2)));
      add(44, mix(cl, cr));
      add(45, mix(mix(cl, cr), q));
      add(46, mix(cl, W(i)));
      add(47, mix(cr, W(i)));
      add(48, mix(L(i), W(i)));
      add(49, mix(mix(cl, cr), f.flags[i]));
      add(50, mix(mix(L(i - 1), L(i)), L(i + 1)));
      add(51, mix(cl === 99 ? 0 : 1, cr === 99 ? 0 : 1));
      add(52, mix(mix(cl, cr), bucket(sentPos)));
    }
  }
  offs[n] = k;
  return { feats: feats.subarray(0, k), offs };
}
