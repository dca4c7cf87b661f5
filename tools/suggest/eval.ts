// `npm run eval -- <folder with text/ and attributions/> [--model FILE]`
// Precision, recall and F1 for source, cue, content and source-content links, exact and overlap
// (IoU >= 0.5), per document and in CofeNet's paragraph-chunk form; then speed and load time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Kind, KINDS } from '../../src/core/suggest/features';
import { loadModel } from '../../src/core/suggest/modelFile';
import { chunksOf } from '../../src/core/suggest/spans';
import { tagText } from '../../src/core/suggest/engine';
import { goldLabels } from '../../src/core/suggest/train';
import { commandLine, MODEL_FILE, runMain } from './args';
import { calibrationTable, range, samples, tokensOf } from './calibrate';
import { CorpusDoc, readCorpus } from './corpus';
import { add, Counts, prf, score, TokenSet, zero } from './score';

type Table = Record<string, Counts>;

export function evaluate(model: ReturnType<typeof loadModel>, docs: CorpusDoc[]): { tables: Record<string, Table>; seconds: number; bytes: number } {
  const tables: Record<string, Table> = {};
  const bump = (form: string, what: string, c: Counts) => {
    const t = (tables[form] ??= {});
    add((t[what] ??= zero()), c);
  };
  let seconds = 0;
  let bytes = 0;
  for (const doc of docs) {
    const t0 = performance.now();
    const tagged = tagText(model, doc.text);
    seconds += (performance.now() - t0) / 1000;
    bytes += new TextEncoder().encode(doc.text).length;
    const { tt } = tagged;
    // Per document: whole annotations (a content's parts together) as token sets.
    const predBy: Record<Kind, TokenSet[]> = { source: [], cue: [], content: [] };
    const predLinks: TokenSet[][] = [];
    // A source shared by two attributions is one span, as in the gold annotations.
    const seen = new Set<string>();
    const once = (kind: Kind, s: TokenSet) => {
      const key = `${kind}:${s.join()}`;
      if (!seen.has(key)) predBy[kind].push(s);
      seen.add(key);
    };
    for (const a of tagged.attributions) {
      if (a.source) once('source', range(a.source));
      if (a.cue) once('cue', range(a.cue));
      const content = a.content.flatMap(range);
      if (a.content.length) once('content', content);
      if (a.source && a.content.length) predLinks.push([range(a.source), content]);
    }
    const goldLinks = doc.attributions.filter((a) => a.source && a.content).map((a) => [tokensOf(tt, a.source!), tokensOf(tt, a.content!)]);
    for (const kind of KINDS) {
      const gold = doc.spans.filter((s) => s.kind === kind).map((s) => [tokensOf(tt, s)]);
      const pred = predBy[kind].map((s) => [s]);
      bump('document, exact', kind, score(gold, pred, true));
      bump('document, overlap', kind, score(gold, pred, false));
    }
    bump('document, exact', 'link', score(goldLinks, predLinks, true));
    bump('document, overlap', 'link', score(goldLinks, predLinks, false));
    // Paragraph chunks (CofeNet): BIO chunks of each paragraph, a discontinuous span one chunk per part.
    const gold = goldLabels(tt, doc.spans);
    for (const p of tt.paragraphs) {
      const g = chunksOf(gold, p.first, p.end);
      const pr = tagged.chunks.filter((c) => c.first >= p.first && c.end <= p.end);
      for (const kind of KINDS) {
        const gk = g.filter((c) => c.kind === kind).map((c) => [range(c)]);
        const pk = pr.filter((c) => c.kind === kind).map((c) => [range(c)]);
        bump('paragraph chunks, exact', kind, score(gk, pk, true));
        bump('paragraph chunks, overlap', kind, score(gk, pk, false));
      }
    }
  }
  return { tables, seconds, bytes };
}

function main(args: string[]): void {
  const cl = commandLine(args, 'npm run eval -- <folder with text/ and attributions/> [--model FILE]');
  const folder = cl.folder;
  const file = cl.text('--model') ?? MODEL_FILE;
  const bytes = new Uint8Array(fs.readFileSync(file));
  const t0 = performance.now();
  const model = loadModel(bytes);
  const loadMs = performance.now() - t0;
  const docs = readCorpus(folder);
  const { tables, seconds, bytes: textBytes } = evaluate(model, docs);
  const pct = (x: number) => (100 * x).toFixed(1).padStart(5);
  process.stdout.write(`${docs.length} documents from ${folder}; model ${path.basename(file)} (${(bytes.length / 1e6).toFixed(2)} MB): ${model.meta.trainedOn}\n\n`);
  process.stdout.write(`${'form'.padEnd(26)} ${'what'.padEnd(8)}     P     R    F1   gold  pred\n`);
  for (const [form, t] of Object.entries(tables)) {
    for (const [what, c] of Object.entries(t)) {
      const { p, r, f } = prf(c);
      process.stdout.write(`${form.padEnd(26)} ${what.padEnd(8)} ${pct(p)} ${pct(r)} ${pct(f)} ${String(c.gold).padStart(6)} ${String(c.predicted).padStart(5)}\n`);
    }
  }
  process.stdout.write(`\npublished, paragraph chunks, exact F1 (source / cue / content, PolNeAR test): CRF 50.6 / 53.4 / 28.6; CNN-CRF 61.0 / 62.6 / 42.0; BiLSTM-CRF 69.6 / 66.7 / 59.0; BERT 81.1 / 74.0 / 68.9\n`);
  process.stdout.write(`\nattribution scores (right: every part it proposes overlaps one gold attribution's, IoU >= 0.5)${model.meta.confidence ? '' : ': this model has no fitted weights'}\n`);
  for (const line of calibrationTable(samples(model, docs))) process.stdout.write(`${line}\n`);
  process.stdout.write(`tagging: ${(textBytes / 1e6).toFixed(2)} MB in ${seconds.toFixed(2)} s = ${(textBytes / 1e6 / seconds).toFixed(2)} MB/s (one core); model load ${loadMs.toFixed(0)} ms\n`);
}

if (require.main === module) runMain(() => main(process.argv.slice(2)));
