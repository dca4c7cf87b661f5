// Which suggested attributions are right, for fitting and checking their scores: an attribution
// is right when one gold attribution has every part it proposes (cue, source, content with its
// parts together), each overlapping by IoU >= 0.5.
import { confidenceFeatures, fitConfidence } from '../../src/core/suggest/confidence';
import { attributionScores, tagText } from '../../src/core/suggest/engine';
import { AttributionModel } from '../../src/core/suggest/modelFile';
import { Chunk } from '../../src/core/suggest/spans';
import { GoldSpan } from '../../src/core/suggest/train';
import { TokenizedText } from '../../src/core/suggest/tokenize';
import { CorpusDoc } from './corpus';
import { iou, TokenSet } from './score';

export interface Sample {
  /** Index of its document. */
  doc: number;
  x: number[];
  score: number;
  right: boolean;
}

export function tokensOf(tt: TokenizedText, s: GoldSpan): TokenSet {
  const out: number[] = [];
  tt.tokens.forEach((t, i) => {
    if (s.fragments.some(([a, b]) => t.start < b && t.end > a)) out.push(i);
  });
  return out;
}

export const range = (c: Chunk): TokenSet => Array.from({ length: c.end - c.first }, (_, k) => c.first + k);

/** Every suggested attribution of the documents, with its calibration inputs, its score under the model and whether it is right. */
export function samples(model: AttributionModel, docs: readonly CorpusDoc[]): Sample[] {
  const out: Sample[] = [];
  docs.forEach((doc, d) => {
    const tagged = tagText(model, doc.text);
    const { tt } = tagged;
    const gold = doc.attributions.map((a) => ({
      cue: a.cue && tokensOf(tt, a.cue),
      source: a.source && tokensOf(tt, a.source),
      content: a.content && tokensOf(tt, a.content),
    }));
    const scores = attributionScores(model, tagged);
    tagged.attributions.forEach((a, k) => {
      const cue = a.cue && range(a.cue);
      const source = a.source && range(a.source);
      const content = a.content.length ? a.content.flatMap(range) : undefined;
      const fits = (p: TokenSet | undefined, g: TokenSet | undefined) => !p || (!!g && iou(p, g) >= 0.5);
      const right = gold.some((g) => fits(cue, g.cue) && fits(source, g.source) && fits(content, g.content));
      out.push({ doc: d, x: confidenceFeatures(a, tagged.margins, tagged.paragraphOf), score: scores[k], right });
    });
  });
  return out;
}

export function fit(ss: readonly Sample[]): number[] {
  return fitConfidence(
    ss.map((s) => s.x),
    ss.map((s) => (s.right ? 1 : 0)),
  );
}

/** Lines of a table: per score band, how many suggestions, their mean score and the share that is right. */
export function calibrationTable(ss: readonly Sample[], bands = 10): string[] {
  const lines = [`${'score'.padEnd(9)} ${'count'.padStart(6)} ${'mean'.padStart(6)} ${'right'.padStart(6)}`];
  for (let b = 0; b < bands; b++) {
    const lo = b / bands;
    const hi = (b + 1) / bands;
    const inBand = ss.filter((s) => s.score >= lo && (s.score < hi || (b === bands - 1 && s.score <= 1)));
    if (!inBand.length) continue;
    const mean = inBand.reduce((a, s) => a + s.score, 0) / inBand.length;
    const right = inBand.filter((s) => s.right).length / inBand.length;
    lines.push(`${`${lo.toFixed(1)}-${hi.toFixed(1)}`.padEnd(9)} ${String(inBand.length).padStart(6)} ${mean.toFixed(2).padStart(6)} ${right.toFixed(2).padStart(6)}`);
  }
  const brier = ss.reduce((a, s) => a + (s.score - (s.right ? 1 : 0)) ** 2, 0) / Math.max(ss.length, 1);
  lines.push(`${ss.length} suggested attributions, ${ss.filter((s) => s.right).length} right; Brier score ${brier.toFixed(3)}`);
  return lines;
}
