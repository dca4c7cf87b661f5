// `npm run train -- <folder with text/ and attributions/> [--out FILE] [--epochs N] [--bits N] [--folds N] [--seed N] [--calibrate FOLDER]`
// Trains the attribution model and writes it (default models/attribution-model.bin). With
// --calibrate, the attribution scores' weights are fitted on that folder's documents (half of
// them, then checked on the other half, then on all of it for the weights kept).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { confidence } from '../../src/core/suggest/confidence';
import { saveModel } from '../../src/core/suggest/modelFile';
import { trainModel } from '../../src/core/suggest/train';
import { commandLine, MODEL_FILE, runMain } from './args';
import { calibrationTable, fit, samples } from './calibrate';
import { readCorpus } from './corpus';

export const DEFAULTS = { epochs: 12, bits: 16, folds: 2, seed: 20180507 };

function main(args: string[]): void {
  const cl = commandLine(args, 'npm run train -- <folder with text/ and attributions/> [--out FILE] [--epochs N] [--bits N] [--folds N] [--seed N] [--calibrate FOLDER]');
  const folder = cl.folder;
  const out = cl.text('--out') ?? MODEL_FILE;
  const t0 = Date.now();
  const docs = readCorpus(folder);
  const model = trainModel(docs, {
    epochs: cl.number('--epochs', DEFAULTS.epochs),
    bucketBits: cl.number('--bits', DEFAULTS.bits),
    folds: cl.number('--folds', DEFAULTS.folds),
    seed: cl.number('--seed', DEFAULTS.seed),
    trainedOn: `PolNeAR v1.0 ${path.basename(path.resolve(folder))} split (${docs.length} annotated documents)`,
    log: (line) => process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)} s  ${line}\n`),
  });
  const calibrateOn = cl.text('--calibrate');
  if (calibrateOn) {
    const held = samples(model, readCorpus(calibrateOn));
    // Fitted on every other document and checked on the rest, so the table shown is not the fit's own data.
    const weights = fit(held.filter((s) => s.doc % 2 === 0));
    const check = held.filter((s) => s.doc % 2 === 1).map((s) => ({ ...s, score: confidence(weights, s.x) }));
    process.stderr.write(`scores fitted on half of ${calibrateOn}'s documents, checked on the other half:\n${calibrationTable(check).join('\n')}\n`);
    model.meta.confidence = fit(held);
  }
  const bytes = saveModel(model);
  const tmp = `${out}.tmp`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, out);
  process.stderr.write(`wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

runMain(() => main(process.argv.slice(2)));
