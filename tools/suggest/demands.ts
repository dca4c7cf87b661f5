// `node out/tools/suggest/demands.js <folder with text/> [--from N] [--count N]`: the demand and
// response suggestions for some of a corpus's articles, each with its rule and its sentence, to
// check the rules by eye (PolNeAR has no demand labels to score them against).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { visible } from '../../src/cli/terminal';
import { loadModel } from '../../src/core/suggest/modelFile';
import { suggestForArticle } from '../../src/core/suggest/suggestions';
import { commandLine, MODEL_FILE, runMain } from './args';

runMain(() => {
  const args = commandLine(process.argv.slice(2), 'demands <folder with text/> [--from N] [--count N]');
  const model = loadModel(new Uint8Array(fs.readFileSync(MODEL_FILE)));
  const dir = path.join(args.folder, 'text');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const from = args.number('--from', 0);
  const chosen = files.slice(from, from + args.number('--count', 10));
  let demands = 0;
  let responses = 0;
  for (const file of chosen) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    process.stdout.write(`=== ${visible(file)}\n`);
    for (const s of suggestForArticle(model, text).suggestions) {
      const a = s.annotation;
      if (a.type !== 'demand' && a.type !== 'response') continue;
      if (a.type === 'demand') demands++;
      else responses++;
      const around = text.slice(Math.max(0, a.start - 60), Math.min(text.length, a.end + 20)).replace(/\s+/g, ' ');
      // Article text is untrusted: never let it write terminal escapes.
      process.stdout.write(visible(`${a.type.padEnd(8)} ${(a.stance ?? '').padEnd(13)} ${JSON.stringify(a.text)}\n         ${s.reason.rule} (score ${s.reason.score})\n         in: …${around}…`) + '\n');
    }
  }
  process.stdout.write(`${demands} demand and ${responses} response suggestions in ${chosen.length} articles\n`);
});
