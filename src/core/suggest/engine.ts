// The attribution engine: text in, linked source / cue / content spans out (UTF-16 offsets).
// Stage 1 tags with local features; stage 2 tags again seeing stage 1's labels; the chunks are
// then linked into attributions.
import { featureBuffer, ParagraphFeatures, paragraphFeatures, stackedFeatures, TokenFacts, tokenFacts } from './features';
import { confidence, confidenceFeatures } from './confidence';
import { AttributionModel } from './modelFile';
import { linkLearned } from './links';
import { Chunk, chunksOf, LinkedAttribution, linkChunks } from './spans';
import { Tagger } from './tagger';
import { tokenize, TokenizedText } from './tokenize';

export interface SpanOut {
  start: number;
  end: number;
  text: string;
}

export interface SuggestedAttribution {
  cue?: SpanOut;
  source?: SpanOut;
  /** One or more parts, in text order. */
  content: SpanOut[];
  /** The model's confidence in [0, 1], when it gives one. */
  score?: number;
}

export interface Tagged {
  tt: TokenizedText;
  facts: TokenFacts;
  /** Final label of every token. */
  labels: Uint8Array;
  /** Each token's max-marginal margin under the last stage (how sure it is of the token's label). */
  margins: Float32Array;
  /** Paragraph index of every token. */
  paragraphOf: Uint32Array;
  chunks: Chunk[];
  attributions: LinkedAttribution[];
}

/** Stage 1's features of every paragraph, computed once for both stages. */
export function baseFeatures(tt: TokenizedText, facts: TokenFacts): ParagraphFeatures[] {
  return tt.paragraphs.map((p, k) => paragraphFeatures(tt, facts, p, k));
}

/** Labels of every token from one stage; `stage1` (its labels) given for the stacked stage; `margins` filled when given. */
export function tagAll(tagger: Tagger, tt: TokenizedText, facts: TokenFacts, base: ParagraphFeatures[], stage1?: Uint8Array, margins?: Float32Array): Uint8Array {
  const labels = new Uint8Array(tt.tokens.length);
  tt.paragraphs.forEach((p, k) => {
    const pfs = stage1 ? [base[k], stackedFeatures(tt, facts, p, stage1)] : [base[k]];
    tagger.tag(pfs, margins?.subarray(p.first, p.end), labels.subarray(p.first, p.end));
  });
  return labels;
}

/**
 * The last stage's labels of every token (its margins too, when given), one paragraph through
 * both stages at a time: stage 2 reads stage 1's labels of its own paragraph only, so a
 * paragraph's features are used and dropped at once. `base` gives stage 1's features of
 * paragraph k (precomputed in training; computed into one reused buffer when tagging).
 */
export function tagLabels(model: Pick<AttributionModel, 'stage1' | 'stage2'>, tt: TokenizedText, facts: TokenFacts, base: (k: number) => ParagraphFeatures, margins?: Float32Array): Uint8Array {
  const first = new Uint8Array(tt.tokens.length);
  const last = model.stage2 ? new Uint8Array(tt.tokens.length) : first;
  const stacked = featureBuffer();
  tt.paragraphs.forEach((p, k) => {
    const pf = base(k);
    const m = margins?.subarray(p.first, p.end);
    model.stage1.tag([pf], model.stage2 ? undefined : m, first.subarray(p.first, p.end));
    model.stage2?.tag([pf, stackedFeatures(tt, facts, p, first, stacked)], m, last.subarray(p.first, p.end));
  });
  return last;
}

export function paragraphsOf(tt: TokenizedText): Uint32Array {
  const paragraphOf = new Uint32Array(tt.tokens.length);
  tt.paragraphs.forEach((p, k) => paragraphOf.fill(k, p.first, p.end));
  return paragraphOf;
}

/** Tokens, labels, chunks and links of a text under the model. */
export function tagText(model: AttributionModel, text: string): Tagged {
  const tt = tokenize(text);
  const facts = tokenFacts(tt);
  const margins = new Float32Array(tt.tokens.length);
  const buffer = featureBuffer();
  const labels = tagLabels(model, tt, facts, (k) => paragraphFeatures(tt, facts, tt.paragraphs[k], k, buffer), margins);
  const chunks: Chunk[] = [];
  for (const p of tt.paragraphs) chunks.push(...chunksOf(labels, p.first, p.end));
  const paragraphOf = paragraphsOf(tt);
  const attributions = model.links ? linkLearned(tt, facts, paragraphOf, chunks, model.links) : linkChunks(tt, facts.sentence, chunks);
  return { tt, facts, labels, margins, paragraphOf, chunks, attributions };
}

/** Each attribution's calibrated confidence, in the order of `tagged.attributions`. */
export function attributionScores(model: AttributionModel, tagged: Tagged): number[] {
  const weights = model.meta.confidence as number[] | undefined;
  return tagged.attributions.map((a) => confidence(weights, confidenceFeatures(a, tagged.margins, tagged.paragraphOf)));
}

/** The attributions the model finds in a text. */
export function suggestAttributions(model: AttributionModel, text: string): SuggestedAttribution[] {
  const tagged = tagText(model, text);
  const { tt, attributions } = tagged;
  const scores = attributionScores(model, tagged);
  const span = (c: Chunk): SpanOut => {
    const start = tt.tokens[c.first].start;
    const end = tt.tokens[c.end - 1].end;
    return { start, end, text: text.slice(start, end) };
  };
  return attributions.map((a, k) => ({
    cue: a.cue && span(a.cue),
    source: a.source && span(a.source),
    content: a.content.map(span),
    score: Number(scores[k].toFixed(3)),
  }));
}
