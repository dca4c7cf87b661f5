// The suggestion engine's speed: MB of article text a second on one core, beside the tokenizer
// alone in the same run (the floor any engine pays) and the whole suggestForArticle pipeline,
// and the model's load time. Issue 10's
// budgets: at least 1 MB/s, load under 150 ms.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tagText } from '../src/core/suggest/engine';
import { loadModel } from '../src/core/suggest/modelFile';
import { suggestForArticle } from '../src/core/suggest/suggestions';
import { tokenize } from '../src/core/suggest/tokenize';

/** Median wall time and median CPU time of this process (ms) over `runs`: on a shared machine the CPU time is what one core spent. */
function median(fn: () => void, runs: number): { wall: number; cpu: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    fn();
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(runs / 2)];
  return { wall: mid(wall), cpu: mid(cpu) };
}

export function benchSuggest(sampleText: string): void {
  const file = path.resolve(__dirname, '../../models/attribution-model.bin');
  const bytes = new Uint8Array(fs.readFileSync(file));
  const load = median(() => loadModel(bytes), 5);
  const model = loadModel(bytes);
  // The sample article repeated to about 1 MB: one text, as a long article would come.
  const text = (sampleText + '\n\n').repeat(Math.ceil(1_000_000 / Buffer.byteLength(sampleText)));
  const mb = Buffer.byteLength(text) / 1e6;
  tagText(model, text);
  const tok = median(() => tokenize(text), 3);
  const engine = median(() => tagText(model, text), 3);
  // The whole pipeline the editor and the CLI run: the engine, then speakers, quotes, demands and responses.
  const full = median(() => suggestForArticle(model, text), 3);
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(2)} MB/s`;
  console.log(`\nsuggest: ${mb.toFixed(2)} MB article, model ${(bytes.length / 1e6).toFixed(2)} MB`);
  console.log(`engine (tokens, both stages, links) ${rate(engine.wall).padStart(12)} wall, ${rate(engine.cpu).padStart(12)} CPU   tokenizer alone ${rate(tok.wall).padStart(12)} wall, ${rate(tok.cpu).padStart(12)} CPU   ratio ${(engine.cpu / tok.cpu).toFixed(2)}   budget >= 1 MB/s`);
  console.log(`suggestForArticle (engine + speakers, quotes, demands) ${rate(full.wall).padStart(12)} wall, ${rate(full.cpu).padStart(12)} CPU   after the engine ${Math.round((full.cpu / engine.cpu - 1) * 100)} % of its CPU   budget >= 1 MB/s`);
  console.log(`model load ${load.wall.toFixed(1)} ms wall, ${load.cpu.toFixed(1)} ms CPU   budget < 150 ms`);
}
