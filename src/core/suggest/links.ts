// Learned linking: which cue each source and content chunk belongs to, or none. Every chunk
// weighs the nearest cues of its paragraph (and the last one of the paragraph before) against
// standing alone, with a linear score over hashed features of the pair (direction, distance,
// sentence, cues in between, quotation marks, pronoun sources, the cue's words), trained as an
// averaged perceptron on the tagger's own chunks of the training split. A cue takes one source:
// the best-scoring one.
import { TokenFacts } from './features';
import { mix } from './hash';
import { Chunk, cuesByParagraph, LinkedAttribution } from './spans';
import { TokenizedText } from './tokenize';

export const LINK_BITS = 14;
const MASK = (1 << LINK_BITS) - 1;
/** How many cues on each side of a chunk are weighed for it. */
const NEAREST = 3;
/** Room for a pair's features. */
const PER_PAIR = 24;

/** Where every token is: its paragraph, and a flat list of cue chunks per paragraph. */
interface Layout {
  paragraphOf: Uint32Array;
  cues: Chunk[];
  byParagraph: Map<number, number[]>;
}

function layout(chunks: readonly Chunk[], paragraphOf: Uint32Array): Layout {
  return { paragraphOf, ...cuesByParagraph(chunks, paragraphOf) };
}

/** The cues a chunk may link to: the nearest of its paragraph on each side, then the last of the paragraph before. */
function candidates(c: Chunk, lay: Layout): number[] {
  const p = lay.paragraphOf[c.first];
  const list = lay.byParagraph.get(p) ?? [];
  let at = 0;
  while (at < list.length && lay.cues[list[at]].first < c.first) at++;
  const out = list.slice(Math.max(0, at - NEAREST), at + NEAREST);
  const before = lay.byParagraph.get(p - 1);
  if (before && p > 0) out.push(before[before.length - 1]);
  return out;
}

function bucket(d: number): number {
  if (d <= 3) return d;
  if (d <= 6) return 5;
  if (d <= 10) return 8;
  if (d <= 20) return 15;
  if (d <= 40) return 30;
  return 60;
}

/** Facts of the chunk alone, shared by all its candidates. */
function chunkKey(c: Chunk, tt: TokenizedText, facts: TokenFacts): number[] {
  const kind = c.kind === 'source' ? 1 : 2;
  const firstQuote = tt.tokens[c.first].kind === 'quote' ? 1 : 0;
  const lastQuote = tt.tokens[c.end - 1].kind === 'quote' || (c.end < tt.tokens.length && tt.tokens[c.end].kind === 'quote') ? 1 : 0;
  const pronoun = c.end - c.first === 1 && facts.flags[c.first] & 1 ? 1 : 0;
  const sentenceFirst = tt.sentenceStart[c.first] ? 1 : 0;
  return [kind, mix(firstQuote, lastQuote), pronoun, sentenceFirst, tt.quoteState[c.first], bucket(c.end - c.first)];
}

/** Features of linking chunk c to cue `cue` (undefined: standing alone), into `out` from 0; returns the count. */
function pairFeatures(out: Uint32Array, c: Chunk, key: number[], cue: Chunk | undefined, lay: Layout, tt: TokenizedText, facts: TokenFacts): number {
  let k = 0;
  const [kind, quotes, pronoun, sentenceFirst, q, len] = key;
  const add = (template: number, value: number) => {
    out[k++] = mix(mix(template, kind), value);
  };
  if (!cue) {
    add(1, 0);
    add(2, quotes);
    add(3, mix(pronoun, sentenceFirst));
    add(4, q);
    add(5, len);
    return k;
  }
  const after = cue.first >= c.end ? 1 : 0;
  const gap = after ? cue.first - c.end : Math.max(c.first - cue.end, 0);
  const otherParagraph = lay.paragraphOf[cue.first] !== lay.paragraphOf[c.first] ? 1 : 0;
  const sameSentence = facts.sentence[cue.first] === facts.sentence[c.first] || facts.sentence[cue.end - 1] === facts.sentence[c.end - 1] ? 1 : 0;
  // Cues strictly between the chunk and this one.
  const list = lay.byParagraph.get(lay.paragraphOf[cue.first]) ?? [];
  let between = 0;
  if (!otherParagraph) {
    const lo = after ? c.end : cue.end;
    const hi = after ? cue.first : c.first;
    for (const j of list) if (lay.cues[j].first >= lo && lay.cues[j].end <= hi) between++;
  }
  const dir = mix(after, otherParagraph);
  const g = bucket(gap);
  const cueWord = facts.word[cue.first];
  const cueLast = facts.word[cue.end - 1];
  const sentences = Math.min(Math.abs(facts.sentence[cue.first] - facts.sentence[c.first]), 3);
  add(10, dir);
  add(11, mix(dir, g));
  add(12, mix(dir, sameSentence));
  add(13, mix(dir, Math.min(between, 3)));
  add(14, mix(mix(dir, sameSentence), g));
  add(15, mix(dir, quotes));
  add(16, mix(mix(dir, quotes), sameSentence));
  add(17, mix(dir, pronoun));
  add(18, mix(dir, sentenceFirst));
  add(19, mix(dir, cueWord));
  add(20, mix(dir, cueLast));
  add(21, mix(mix(dir, q), sameSentence));
  add(22, mix(dir, sentences));
  add(23, mix(mix(dir, Math.min(between, 3)), sameSentence));
  add(24, mix(dir, len));
  add(25, mix(mix(dir, g), Math.min(between, 3)));
  add(26, mix(cueWord, mix(dir, quotes)));
  // The token just after a source (or before a content): a comma, a quote, the cue itself.
  const beside = after ? (c.end < tt.tokens.length ? facts.word[c.end] : 0) : c.first > 0 ? facts.word[c.first - 1] : 0;
  add(27, mix(dir, beside));
  return k;
}

/** A trained link scorer: hashed weights. */
export class LinkScorer {
  constructor(readonly weights: Float32Array) {}

  score(feats: Uint32Array, n: number): number {
    let s = 0;
    for (let i = 0; i < n; i++) s += this.weights[feats[i] & MASK];
    return s;
  }

  /** The weights as [bucket, weight] pairs of the non-zero ones, for the model file's metadata. */
  sparse(): [number, number][] {
    const out: [number, number][] = [];
    this.weights.forEach((w, i) => {
      if (w !== 0) out.push([i, Number(w.toPrecision(5))]);
    });
    return out;
  }

  static fromSparse(pairs: readonly [number, number][]): LinkScorer {
    const w = new Float32Array(1 << LINK_BITS);
    for (const [i, v] of pairs) if (i >= 0 && i <= MASK) w[i] = v;
    return new LinkScorer(w);
  }
}

/** One chunk's choice among its candidate cues and standing alone (index -1). */
interface Choice {
  chunk: Chunk;
  options: { cue: number; feats: Uint32Array; n: number }[];
}

function choicesOf(tt: TokenizedText, facts: TokenFacts, chunks: readonly Chunk[], lay: Layout): Choice[] {
  const out: Choice[] = [];
  for (const c of chunks) {
    if (c.kind === 'cue') continue;
    const key = chunkKey(c, tt, facts);
    const options = [-1, ...candidates(c, lay)].map((cue) => {
      const feats = new Uint32Array(PER_PAIR);
      const n = pairFeatures(feats, c, key, cue < 0 ? undefined : lay.cues[cue], lay, tt, facts);
      return { cue, feats, n };
    });
    out.push({ chunk: c, options });
  }
  return out;
}

/**
 * Attributions from chunks under a learned scorer: each chunk to its best option, one source per
 * cue (the best claim; the others take their next best). Then a cue still without a source takes
 * one already placed if it scores above that source standing alone: "Smith said …, adding …" has
 * one source for two cues (about one link in nine in PolNeAR).
 */
export function linkLearned(tt: TokenizedText, facts: TokenFacts, paragraphOf: Uint32Array, chunks: readonly Chunk[], scorer: LinkScorer): LinkedAttribution[] {
  const lay = layout(chunks, paragraphOf);
  const atts: LinkedAttribution[] = lay.cues.map((cue) => ({ cue, content: [] }));
  const alone: LinkedAttribution[] = [];
  // A stable sort: ties keep the options' order (standing alone first), as training breaks them.
  // Features go to one scratch buffer and are scored at once: no arrays kept per option.
  const feats = new Uint32Array(PER_PAIR);
  const ranked: { chunk: Chunk; options: { cue: number; s: number }[] }[] = [];
  for (const c of chunks) {
    if (c.kind === 'cue') continue;
    const key = chunkKey(c, tt, facts);
    const options = [{ cue: -1, s: scorer.score(feats, pairFeatures(feats, c, key, undefined, lay, tt, facts)) }];
    for (const cue of candidates(c, lay)) options.push({ cue, s: scorer.score(feats, pairFeatures(feats, c, key, lay.cues[cue], lay, tt, facts)) });
    ranked.push({ chunk: c, options: options.sort((a, b) => b.s - a.s) });
  }
  // Sources: the best-scoring claims on a cue first.
  const sources = ranked.filter((r) => r.chunk.kind === 'source').sort((a, b) => b.options[0].s - a.options[0].s || a.chunk.first - b.chunk.first);
  const shared: { cue: number; chunk: Chunk; s: number }[] = [];
  for (const r of sources) {
    const pick = r.options.find((o) => o.cue < 0 || !atts[o.cue].source);
    if (!pick || pick.cue < 0) alone.push({ source: r.chunk, content: [] });
    else atts[pick.cue].source = r.chunk;
    const none = r.options.find((o) => o.cue < 0)!.s;
    for (const o of r.options) if (o.cue >= 0 && o !== pick && o.s > none) shared.push({ cue: o.cue, chunk: r.chunk, s: o.s - none });
  }
  shared.sort((a, b) => b.s - a.s || a.cue - b.cue || a.chunk.first - b.chunk.first);
  for (const o of shared) if (!atts[o.cue].source) atts[o.cue].source = o.chunk;
  for (const r of ranked) {
    if (r.chunk.kind !== 'content') continue;
    const best = r.options[0];
    if (best.cue < 0) alone.push({ content: [r.chunk] });
    else atts[best.cue].content.push(r.chunk);
  }
  for (const a of atts) a.content.sort((x, y) => x.first - y.first);
  return [...atts, ...alone];
}

/** A training example: a chunk's options and which one is right (-1: none). */
export interface LinkExample {
  choice: Choice;
  /** The right options (a shared source has several); [-1] when none is. */
  gold: number[];
}

/** Examples from a text's predicted chunks: `goldCues(chunk)` says which predicted cues (indices into the cue chunks, in order) it belongs to. */
export function linkExamples(
  tt: TokenizedText,
  facts: TokenFacts,
  paragraphOf: Uint32Array,
  chunks: readonly Chunk[],
  goldCues: (chunk: Chunk, cues: readonly Chunk[]) => number[],
): LinkExample[] {
  const lay = layout(chunks, paragraphOf);
  return choicesOf(tt, facts, chunks, lay).map((choice) => {
    // A right cue out of reach counts as none: the scorer cannot pick it.
    const gold = goldCues(choice.chunk, lay.cues).filter((g) => choice.options.some((o) => o.cue === g));
    return { choice, gold: gold.length ? gold : [-1] };
  });
}

/** Averaged perceptron over ranked options, in a seeded order. */
export function trainLinks(examples: readonly LinkExample[], epochs: number, order: (n: number, epoch: number) => number[]): LinkScorer {
  const size = 1 << LINK_BITS;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  let step = 1;
  const score = (o: Choice['options'][number]) => {
    let s = 0;
    for (let i = 0; i < o.n; i++) s += w[o.feats[i] & MASK];
    return s;
  };
  const bump = (o: Choice['options'][number], by: number) => {
    for (let i = 0; i < o.n; i++) {
      const b = o.feats[i] & MASK;
      w[b] += by;
      u[b] += by * step;
    }
  };
  for (let e = 0; e < epochs; e++) {
    for (const i of order(examples.length, e)) {
      const { choice, gold } = examples[i];
      let best = choice.options[0];
      let bestScore = -Infinity;
      let right = best;
      let rightScore = -Infinity;
      for (const o of choice.options) {
        const s = score(o);
        if (s > bestScore) [best, bestScore] = [o, s];
        if (gold.includes(o.cue) && s > rightScore) [right, rightScore] = [o, s];
      }
      if (!gold.includes(best.cue)) {
        bump(right, 1);
        bump(best, -1);
      }
      step++;
    }
  }
  const avg = new Float32Array(size);
  for (let i = 0; i < size; i++) avg[i] = w[i] - u[i] / step;
  return new LinkScorer(avg);
}
