// Hashed features of each token, for the tagger. Each feature is a template number mixed with
// the hashes of the values it looks at: no strings are built per feature, which keeps tagging
// above 1 MB of text a second. Stage 2 adds the labels stage 1 predicted (stacking): the
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
  /** Hashes, signed (see mix). */
  word: Int32Array;
  shape: Int32Array;
  suffix: Int32Array;
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
    word: new Int32Array(n),
    shape: new Int32Array(n),
    suffix: new Int32Array(n),
    verb: new Uint8Array(n),
    flags: new Uint8Array(n),
    sentence: new Uint32Array(n),
    sentenceFirst: [],
  };
  // News text repeats its words: each distinct one is looked at once.
  const seen = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const t = tt.tokens[i].text;
    const j = seen.get(t);
    if (j !== undefined) {
      f.word[i] = f.word[j];
      f.shape[i] = f.shape[j];
      f.suffix[i] = f.suffix[j];
      f.verb[i] = f.verb[j];
      f.flags[i] = f.flags[j];
    } else {
      seen.set(t, i);
      const lower = t.toLowerCase();
      f.word[i] = hashString(lower);
      f.shape[i] = hashString(shapeOf(t));
      f.suffix[i] = hashString(lower.length > 3 ? lower.slice(-3) : lower);
      f.verb[i] = verbClass(lower);
      f.flags[i] = (isPronoun(lower) ? 1 : 0) | (isSourceNoun(lower) ? 2 : 0) | (/^\p{Lu}/u.test(t) ? 4 : 0);
    }
    if (tt.sentenceStart[i]) f.sentenceFirst.push(i);
    f.sentence[i] = f.sentenceFirst.length - 1;
  }
  return f;
}

/** Xx, x, X, d, with runs collapsed; punctuation as itself. */
function shapeOf(t: string): string {
  let out = '';
  let last = '';
  for (let i = 0; i < t.length && out.length < 5; i++) {
    const ch = t[i];
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    const c = lower !== upper ? (ch === upper ? 'X' : 'x') : ch >= '0' && ch <= '9' ? 'd' : ch;
    if (c !== last) out += c;
    last = c;
  }
  return out;
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
 * Nearest marked token to the left and right of each token of the paragraph (NONE when there
 * is none), within its sentence when `tt` is given, else anywhere in the paragraph.
 */
function nearestMarked(tt: TokenizedText | undefined, p: Paragraph, marked: (i: number) => boolean): { left: Int32Array; right: Int32Array } {
  const n = p.end - p.first;
  const left = new Int32Array(n).fill(NONE);
  const right = new Int32Array(n).fill(NONE);
  let last = -1;
  for (let i = p.first; i < p.end; i++) {
    if (tt?.sentenceStart[i]) last = -1;
    if (last >= 0) left[i - p.first] = i - last;
    if (marked(i)) last = i;
  }
  last = -1;
  for (let i = p.end - 1; i >= p.first; i--) {
    if (last >= 0) right[i - p.first] = last - i;
    if (marked(i)) last = i;
    if (tt?.sentenceStart[i]) last = -1;
  }
  return { left, right };
}

/** Tokens from each token to the end of its sentence (0 for the last). */
function toSentenceEnd(tt: TokenizedText, p: Paragraph): Int32Array {
  const out = new Int32Array(p.end - p.first);
  let end = p.end;
  for (let i = p.end - 1; i >= p.first; i--) {
    out[i - p.first] = end - 1 - i;
    if (tt.sentenceStart[i]) end = i;
  }
  return out;
}

const BASE_PER_TOKEN = 42;
const STACKED_PER_TOKEN = 20;

/**
 * Room for one paragraph's features, grown as needed and written over by the next paragraph:
 * tagging uses a paragraph's features once and drops them, so it need not allocate per paragraph.
 */
export interface FeatureBuffer {
  feats: Uint32Array;
  offs: Uint32Array;
}

export function featureBuffer(): FeatureBuffer {
  return { feats: new Uint32Array(0), offs: new Uint32Array(0) };
}

/** Fresh arrays for the paragraph, or `into`'s (grown to fit) when given. */
function buffers(into: FeatureBuffer | undefined, n: number, perToken: number): FeatureBuffer {
  if (!into) return { feats: new Uint32Array(n * perToken), offs: new Uint32Array(n + 1) };
  if (into.feats.length < n * perToken) into.feats = new Uint32Array(n * perToken * 2);
  if (into.offs.length < n + 1) into.offs = new Uint32Array((n + 1) * 2);
  return into;
}

/** Stage 1's features of a paragraph's tokens: words, shapes, word lists, quotation state, sentence position. */
export function paragraphFeatures(tt: TokenizedText, f: TokenFacts, p: Paragraph, paragraphIndex: number, into?: FeatureBuffer): ParagraphFeatures {
  const n = p.end - p.first;
  const { feats, offs } = buffers(into, n, BASE_PER_TOKEN);
  let k = 0;
  const W = (i: number) => (i < p.first ? 1 : i >= p.end ? 2 : f.word[i]);
  const S = (i: number) => (i < p.first ? 1 : i >= p.end ? 2 : f.shape[i]);
  const V = (i: number) => (i < p.first || i >= p.end ? 9 : f.verb[i]);
  const verbs = nearestMarked(tt, p, (i) => f.verb[i] !== 0);
  const toEnd = toSentenceEnd(tt, p);
  let paraQuote = 0;
  for (let i = p.first; i < p.end; i++) if (tt.tokens[i].kind === 'quote') paraQuote = 1;
  const firstKind = tt.tokens[p.first].kind === 'quote' ? 1 : 0;

  for (let i = p.first; i < p.end; i++) {
    const r = i - p.first;
    offs[r] = k;
    const q = tt.quoteState[i];
    const vl = bucket(verbs.left[r]);
    const vr = bucket(verbs.right[r]);
    const sentPos = bucket(i - f.sentenceFirst[f.sentence[i]]);
    const w0 = W(i);
    const wm1 = W(i - 1);
    const wp1 = W(i + 1);
    feats[k++] = mix(1, 0);
    feats[k++] = mix(2, w0);
    feats[k++] = mix(3, wm1);
    feats[k++] = mix(4, wp1);
    feats[k++] = mix(5, W(i - 2));
    feats[k++] = mix(6, W(i + 2));
    feats[k++] = mix(7, mix(wm1, w0));
    feats[k++] = mix(8, mix(w0, wp1));
    feats[k++] = mix(9, S(i));
    feats[k++] = mix(10, mix(S(i - 1), S(i)));
    feats[k++] = mix(11, mix(S(i), S(i + 1)));
    feats[k++] = mix(12, f.suffix[i]);
    feats[k++] = mix(13, V(i));
    feats[k++] = mix(14, mix(V(i - 1), V(i + 1)));
    feats[k++] = mix(15, mix(V(i - 2), V(i + 2)));
    feats[k++] = mix(16, q);
    feats[k++] = mix(17, mix(q, w0));
    feats[k++] = mix(18, mix(vl, vr));
    feats[k++] = mix(19, mix(mix(vl, vr), q));
    feats[k++] = mix(20, f.flags[i]);
    feats[k++] = mix(21, mix(f.flags[i], vr));
    feats[k++] = mix(22, sentPos);
    feats[k++] = mix(23, mix(sentPos, q));
    feats[k++] = mix(24, tt.sentenceStart[i]);
    feats[k++] = mix(25, mix(paraQuote, firstKind));
    feats[k++] = mix(26, paragraphIndex === 0 ? 1 : 0);
    feats[k++] = mix(27, mix(vl, w0));
    feats[k++] = mix(28, mix(vr, w0));
    feats[k++] = mix(29, mix(mix(q, paraQuote), vr));
    feats[k++] = mix(30, mix(wm1, V(i)));
    feats[k++] = mix(31, mix(f.flags[i], S(i)));
    feats[k++] = mix(32, mix(mix(wm1, w0), wp1));
    feats[k++] = mix(33, mix(i + 1 < p.end ? tt.quoteState[i + 1] : 7, q));
    // Where the sentence ends, and which reporting verb is nearest on each side.
    const te = bucket(toEnd[r]);
    feats[k++] = mix(34, te);
    feats[k++] = mix(35, mix(te, q));
    feats[k++] = mix(36, mix(te, vl));
    feats[k++] = mix(37, verbs.left[r] === NONE ? 0 : W(i - verbs.left[r]));
    feats[k++] = mix(38, verbs.right[r] === NONE ? 0 : W(i + verbs.right[r]));
    feats[k++] = mix(39, mix(mix(vl === 99 ? 0 : 1, vr === 99 ? 0 : 1), mix(q, te === 0 ? 1 : 0)));
    feats[k++] = mix(60, mix(tt.sentenceStart[i], mix(q, paraQuote)));
    // Verb-like endings either side (-ed, -ing after a comma: a clause, and often a content's end).
    const sfm1 = i > p.first ? f.suffix[i - 1] : 1;
    const sfp1 = i + 1 < p.end ? f.suffix[i + 1] : 2;
    feats[k++] = mix(61, mix(sfm1, f.suffix[i]));
    feats[k++] = mix(62, mix(f.suffix[i], sfp1));
  }
  offs[n] = k;
  return { feats, offs: offs.subarray(0, n + 1) };
}

/** Stage 2's extra features: the labels stage 1 gave (the whole text's, in `stage1`) around each token and its nearest predicted cue. */
export function stackedFeatures(tt: TokenizedText, f: TokenFacts, p: Paragraph, stage1: Uint8Array, into?: FeatureBuffer): ParagraphFeatures {
  const n = p.end - p.first;
  const { feats, offs } = buffers(into, n, STACKED_PER_TOKEN);
  let k = 0;
  const L = (j: number) => (j < p.first || j >= p.end ? 9 : stage1[j]);
  const W = (i: number) => (i < p.first ? 1 : i >= p.end ? 2 : f.word[i]);
  const isCue = (i: number) => stage1[i] === 3 || stage1[i] === 4;
  const cues = nearestMarked(tt, p, isCue);
  const toEnd = toSentenceEnd(tt, p);
  // The nearest predicted cue in the whole paragraph (a quote running over sentences still has its cue).
  const far = nearestMarked(undefined, p, isCue);
  for (let i = p.first; i < p.end; i++) {
    const r = i - p.first;
    offs[r] = k;
    const q = tt.quoteState[i];
    const cl = bucket(cues.left[r]);
    const cr = bucket(cues.right[r]);
    const sentPos = bucket(i - f.sentenceFirst[f.sentence[i]]);
    feats[k++] = mix(40, L(i));
    feats[k++] = mix(41, mix(L(i - 1), L(i)));
    feats[k++] = mix(42, mix(L(i), L(i + 1)));
    feats[k++] = mix(43, mix(L(i - 2), L(i + 2)));
    feats[k++] = mix(44, mix(cl, cr));
    feats[k++] = mix(45, mix(mix(cl, cr), q));
    feats[k++] = mix(46, mix(cl, W(i)));
    feats[k++] = mix(47, mix(cr, W(i)));
    feats[k++] = mix(48, mix(L(i), W(i)));
    feats[k++] = mix(49, mix(mix(cl, cr), f.flags[i]));
    feats[k++] = mix(50, mix(mix(L(i - 1), L(i)), L(i + 1)));
    feats[k++] = mix(51, mix(cl === 99 ? 0 : 1, cr === 99 ? 0 : 1));
    feats[k++] = mix(52, mix(mix(cl, cr), sentPos));
    feats[k++] = mix(53, cues.left[r] === NONE ? 0 : W(i - cues.left[r]));
    feats[k++] = mix(54, cues.right[r] === NONE ? 0 : W(i + cues.right[r]));
    feats[k++] = mix(55, mix(mix(cl, cr), bucket(toEnd[r])));
    feats[k++] = mix(56, mix(L(i - 1), W(i)));
    const fl = bucket(far.left[r]);
    const fr = bucket(far.right[r]);
    feats[k++] = mix(57, mix(fl, fr));
    feats[k++] = mix(58, mix(mix(fl, fr), q));
    feats[k++] = mix(59, mix(L(f.sentenceFirst[f.sentence[i]]), L(i)));
  }
  offs[n] = k;
  return { feats, offs: offs.subarray(0, n + 1) };
}
