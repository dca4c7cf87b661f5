// The suggestion engine's speed: MB of article text a second on one core, beside the tokenizer
// alone in the same run (the floor any engine pays), and the model's load time. Issue 10's
// budgets: at least 1 MB/s, load under 150 ms.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tagText } from '../src/core/suggest/engine';
import { loadModel } from '../src/core/suggest/modelFile';
import { tokenize } from '../src/core/suggest/tokenize';

function median(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
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
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(2)} MB/s`;
  console.log(`\nsuggest: ${mb.toFixed(2)} MB article, model ${(bytes.length / 1e6).toFixed(2)} MB`);
  console.log(`engine (tokens, both stages, links) ${rate(engine).padStart(12)}   tokenizer alone ${rate(tok).padStart(12)}   ratio ${(engine / tok).toFixed(2)}   budget >= 1 MB/s`);
  console.log(`model load ${load.toFixed(1)} ms   budget < 150 ms`);
}
