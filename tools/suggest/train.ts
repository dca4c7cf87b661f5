// `npm run train -- <folder with text/ and attributions/> [--out FILE] [--epochs N] [--bits N] [--folds N] [--seed N]`
// Trains the attribution model and writes it (default models/attribution-model.bin).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { saveModel } from '../../src/core/suggest/modelFile';
import { trainModel } from '../../src/core/suggest/train';
import { readCorpus } from './corpus';

export const DEFAULTS = { epochs: 8, bits: 16, folds: 2, seed: 20180507 };

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

function main(args: string[]): void {
  const folder = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
  if (!folder) {
    process.stderr.write('usage: npm run train -- <folder with text/ and attributions/> [--out FILE] [--epochs N] [--bits N] [--folds N] [--seed N]\n');
    process.exit(2);
  }
  const outIndex = args.indexOf('--out');
  const out = outIndex >= 0 ? args[outIndex + 1] : path.resolve(__dirname, '../../../models/attribution-model.bin');
  const t0 = Date.now();
  const docs = readCorpus(folder);
  const model = trainModel(docs, {
    epochs: option(args, '--epochs', DEFAULTS.epochs),
    bucketBits: option(args, '--bits', DEFAULTS.bits),
    folds: option(args, '--folds', DEFAULTS.folds),
    seed: option(args, '--seed', DEFAULTS.seed),
    trainedOn: `PolNeAR v1.0 ${path.basename(path.resolve(folder))} split (${docs.length} annotated documents)`,
    log: (line) => process.stderr.write(`${((Date.now() - t0) / 1000).toFixed(1)} s  ${line}\n`),
  });
  const bytes = saveModel(model);
  const tmp = `${out}.tmp`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, out);
  process.stderr.write(`wrote ${out}: ${(bytes.length / 1e6).toFixed(2)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

main(process.argv.slice(2));
