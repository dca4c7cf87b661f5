// The editor reads the attribution model from the installed extension's folder (src/vscode/
// suggestStore.ts, MODEL_PATH): the file must be in the package. vsce packs every file that
// neither a package.json `files` list leaves out nor .vscodeignore excludes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

const MODEL = 'models/attribution-model.bin';

describe('suggest: the model ships in the extension package', () => {
  it('the model file is there, named as the extension reads it, and nothing leaves it out of the package', () => {
    assert.ok(fs.statSync(path.join(REPO_ROOT, MODEL)).size > 1000);
    const store = fs.readFileSync(path.join(REPO_ROOT, 'src/vscode/suggestStore.ts'), 'utf8');
    assert.match(store, /MODEL_PATH = \['models', 'attribution-model\.bin'\]/);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { files?: string[] };
    if (pkg.files) assert.ok(pkg.files.some((f) => MODEL.startsWith(f.replace(/\/?\*\*?$/, '').replace(/^\.\//, ''))), `package.json files ${JSON.stringify(pkg.files)} leaves out ${MODEL}`);
    const ignore = path.join(REPO_ROOT, '.vscodeignore');
    if (fs.existsSync(ignore)) {
      const lines = fs.readFileSync(ignore, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      const excluded = lines.filter((l) => !l.startsWith('!') && (l === 'models' || l.startsWith('models/') || l === '**/*.bin'));
      const included = lines.some((l) => l === `!${MODEL}` || l === '!models/**');
      assert.ok(!excluded.length || included, `.vscodeignore excludes the model: ${excluded.join(', ')}`);
    }
  });
});
