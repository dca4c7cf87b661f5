// The attribution engine: text in, linked source / cue / content spans out (UTF-16 offsets).
// Stage 1 tags with local features; stage 2 tags again seeing stage 1's labels; the chunks are
// then linked into attributions.
import { ParagraphFeatures, paragraphFeatures, stackedFeatures, TokenFacts, tokenFacts } from './features';
import { AttributionModel } from './modelFile';
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
  chunks: Chunk[];
  attributions: LinkedAttribution[];
}

/** Stage 1's features of every paragraph, computed once for both stages. */
export function baseFeatures(tt: TokenizedText, facts: TokenFacts): ParagraphFeatures[] {
  return tt.paragraphs.map((p, k) => paragraphFeatures(tt, facts, p, k));
}

/** Labels of every token from one stage; `stage1` (its labels) given for the stacked stage. */
export function tagAll(tagger: Tagger, tt: TokenizedText, facts: TokenFacts, base: ParagraphFeatures[], stage1?: Uint8Array): Uint8Array {
  const labels = new Uint8Array(tt.tokens.length);
  tt.paragraphs.forEach((p, k) => {
    const pfs = stage1 ? [base[k], stackedFeatures(tt, facts, p, stage1)] : [base[k]];
    labels.set(tagger.tag(pfs), p.first);
  });
  return labels;
}

/** Tokens, labels, chunks and links of a text under the model. */
export function tagText(model: AttributionModel, text: string): Tagged {
  const tt = tokenize(text);
  const facts = tokenFacts(tt);
  const base = baseFeatures(tt, facts);
  let labels = tagAll(model.stage1, tt, facts, base);
  if (model.stage2) labels = tagAll(model.stage2, tt, facts, base, labels);
  const chunks: Chunk[] = [];
  for (const p of tt.paragraphs) chunks.push(...chunksOf(labels, p.first, p.end));
  return { tt, facts, labels, chunks, attributions: linkChunks(tt, facts.sentence, chunks) };
}

/** The attributions the model finds in a text. */
export function suggestAttributions(model: AttributionModel, text: string): SuggestedAttribution[] {
  const { tt, attributions } = tagText(model, text);
  const span = (c: Chunk): SpanOut => {
    const start = tt.tokens[c.first].start;
    const end = tt.tokens[c.end - 1].end;
    return { start, end, text: text.slice(start, end) };
  };
  return attributions.map((a) => ({
    cue: a.cue && span(a.cue),
    source: a.source && span(a.source),
    content: a.content.map(span),
  }));
}
