// Training: gold spans to BIO labels, then stage 1 and (stacked on stage 1's held-out
// predictions, so stage 2 learns from labels as noisy as it will see) stage 2. Pure and seeded:
// the same documents and options give the same model bytes.
import { beginLabel, Kind, ParagraphFeatures, stackedFeatures, TokenFacts, tokenFacts } from './features';
import { seededRandom, shuffle } from './hash';
import { AttributionModel, loadModel, ModelMeta, saveModel } from './modelFile';
import { Example, PerceptronTrainer, Tagger } from './tagger';
import { baseFeatures, paragraphsOf, tagAll, tagLabels } from './engine';
import { linkExamples, trainLinks } from './links';
import { Chunk, chunksOf } from './spans';
import { tokenize, TokenizedText } from './tokenize';

/** A gold span: its kind and its fragments (UTF-16 [start, end) on the text). */
export interface GoldSpan {
  kind: Kind;
  fragments: [number, number][];
}

/** A gold attribution: its parts, each one of the document's spans (the same objects). */
export interface GoldAttribution {
  source?: GoldSpan;
  cue?: GoldSpan;
  content?: GoldSpan;
}

export interface TrainingDoc {
  id: string;
  text: string;
  spans: GoldSpan[];
  /** Which spans belong together: with them, linking is learned too. */
  attributions?: GoldAttribution[];
}

export interface TrainOptions {
  epochs: number;
  seed: number;
  bucketBits: number;
  /** Train the stacked second stage (with this many folds for stage 1's held-out labels); 0 for none. */
  folds: number;
  trainedOn: string;
  log?: (line: string) => void;
}

/** Token labels for gold spans: a token takes the kind of a fragment it overlaps; each fragment's first token in a paragraph is B. */
export function goldLabels(tt: TokenizedText, spans: readonly GoldSpan[]): Uint8Array {
  const labels = new Uint8Array(tt.tokens.length);
  const paragraphOf = new Int32Array(tt.tokens.length);
  tt.paragraphs.forEach((p, k) => paragraphOf.fill(k, p.first, p.end));
  for (const s of spans) {
    const b = beginLabel(s.kind);
    for (const [start, end] of s.fragments) {
      let i = tt.tokens.findIndex((t) => t.end > start);
      if (i < 0) continue;
      let prevPara = -1;
      for (; i < tt.tokens.length && tt.tokens[i].start < end; i++) {
        labels[i] = paragraphOf[i] !== prevPara ? b : b + 1;
        prevPara = paragraphOf[i];
      }
    }
  }
  return labels;
}

interface Prepared {
  tt: TokenizedText;
  facts: TokenFacts;
  base: ParagraphFeatures[];
  gold: Uint8Array;
}

function prepare(d: TrainingDoc): Prepared {
  const tt = tokenize(d.text);
  const facts = tokenFacts(tt);
  return { tt, facts, base: baseFeatures(tt, facts), gold: goldLabels(tt, d.spans) };
}

function examples(docs: Prepared[], stage1?: Uint8Array[]): Example[][] {
  return docs.map((d, j) =>
    d.tt.paragraphs.map((p, k): Example => {
      const pfs = stage1 ? [d.base[k], stackedFeatures(d.tt, d.facts, p, stage1[j])] : [d.base[k]];
      return { pfs, gold: d.gold.subarray(p.first, p.end) };
    }),
  );
}

function trainStage(exs: Example[], opts: TrainOptions, seed: number, what: string): Tagger {
  const trainer = new PerceptronTrainer(opts.bucketBits);
  const random = seededRandom(seed);
  const order = exs.map((_, i) => i);
  for (let e = 0; e < opts.epochs; e++) {
    shuffle(order, random);
    let wrong = 0;
    let tokens = 0;
    for (const i of order) {
      wrong += trainer.learn(exs[i]);
      tokens += exs[i].gold.length;
    }
    opts.log?.(`${what} epoch ${e + 1}/${opts.epochs}: ${((100 * wrong) / Math.max(tokens, 1)).toFixed(2)} % tokens wrong`);
  }
  return trainer.averaged();
}

/** The model for these documents. Quantised as it will be saved, so what training returns predicts as the file will. */
export function trainModel(docs: readonly TrainingDoc[], opts: TrainOptions): AttributionModel {
  const prepared = docs.map(prepare);
  const stage1Examples = examples(prepared);
  const stage1 = trainStage(stage1Examples.flat(), opts, opts.seed, 'stage 1');
  const meta: ModelMeta = { trainedOn: opts.trainedOn, documents: docs.length, epochs: opts.epochs, seed: opts.seed, bucketBits: opts.bucketBits, folds: opts.folds };
  let stage2: Tagger | undefined;
  if (opts.folds > 1) {
    // Held-out stage 1 labels for every document: fold k is tagged by a stage 1 trained without it.
    const fold = prepared.map((_, j) => j % opts.folds);
    const held: Uint8Array[] = new Array(prepared.length);
    for (let k = 0; k < opts.folds; k++) {
      const tagger = trainStage(stage1Examples.filter((_, j) => fold[j] !== k).flat(), opts, opts.seed + k + 1, `stage 1 fold ${k + 1}/${opts.folds}`);
      prepared.forEach((d, j) => {
        if (fold[j] === k) held[j] = tagAll(tagger, d.tt, d.facts, d.base);
      });
    }
    stage2 = trainStage(examples(prepared, held).flat(), opts, opts.seed + 100, 'stage 2');
  }
  if (docs.some((d) => d.attributions?.length)) {
    meta.links = learnLinks({ stage1, stage2 }, prepared, docs, opts.seed + 200);
    opts.log?.(`links: ${meta.links.length} weights`);
  }
  return loadModel(saveModel({ meta, stage1, stage2 }));
}

const LINK_EPOCHS = 10;

/** The link scorer for the taggers' own chunks of the documents (as sparse weights for the metadata). */
export function learnLinks(taggers: Pick<AttributionModel, 'stage1' | 'stage2'>, prepared: readonly Prepared[] | undefined, docs: readonly TrainingDoc[], seed: number): [number, number][] {
  const ready = prepared ?? docs.map(prepare);
  const exs = ready.flatMap((d, j) => {
    const labels = tagLabels(taggers, d.tt, d.facts, (k) => d.base[k]);
    const chunks = d.tt.paragraphs.flatMap((p) => chunksOf(labels, p.first, p.end));
    return linkExamples(d.tt, d.facts, paragraphsOf(d.tt), chunks, goldCuesOf(d.tt, docs[j].attributions ?? []));
  });
  const random = seededRandom(seed);
  const order = exs.map((_, i) => i);
  return trainLinks(exs, LINK_EPOCHS, () => shuffle(order, random)).sparse();
}

/** Which predicted cues a predicted chunk belongs to: those of the gold attributions whose span of its kind covers most of it. */
function goldCuesOf(tt: TokenizedText, atts: readonly GoldAttribution[]): (c: Chunk, cues: readonly Chunk[]) => number[] {
  return (c, cues) => {
    const start = tt.tokens[c.first].start;
    const end = tt.tokens[c.end - 1].end;
    const out: number[] = [];
    for (const a of atts) {
      const span = a[c.kind];
      const cue = a.cue;
      if (!span || !cue) continue;
      let inter = 0;
      for (const [s, e] of span.fragments) inter += Math.max(0, Math.min(e, end) - Math.max(s, start));
      if (inter < 0.5 * (end - start)) continue;
      const k = cues.findIndex((q) => cue.fragments.some(([s, e]) => tt.tokens[q.first].start < e && tt.tokens[q.end - 1].end > s));
      if (k >= 0 && !out.includes(k)) out.push(k);
    }
    return out;
  };
}
