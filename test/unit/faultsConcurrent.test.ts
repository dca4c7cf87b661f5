// Fault suite, concurrent writers: two `attribution-lens` processes writing one sidecar at once
// (check --fix twice, merge twice, check --fix against merge), many times over. The file always
// ends as one of the writes a serial order would give, never torn or mixed, with no temporary
// file left; a reader polling it meanwhile never sees anything else either.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, sampleArticle, sampleSidecarSource } from './helpers';
import { annotationTexts } from './faultInvariant';
import { cli, movedDown } from './faultFixtures';
import { editSidecar } from './teamsFixtures';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');
const ARTICLE = 'story.txt';
const SIDECAR = 'story.txt.annotations.yaml';
const SOURCE = sampleSidecarSource().replace(/^(\s*file:) .*$/m, '$1 ' + ARTICLE);
const ROUNDS = 8;

type Argv = string[];

function runCli(cwd: string, argv: Argv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? -1));
  });
}

describe('fault suite: concurrent writers on one sidecar', function () {
  this.timeout(120_000);
  let dir: string;
  let scratch: string;
  const sidecarPath = () => path.join(dir, SIDECAR);

  before(() => {
    if (!fs.existsSync(CLI)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-faults-race-'));
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'al-faults-serial-'));
    fs.writeFileSync(path.join(dir, 'base.yaml'), SOURCE);
    fs.writeFileSync(path.join(dir, 'theirs1.yaml'), editSidecar(SOURCE, (as) => void (as[0].note = 'from theirs one')));
    fs.writeFileSync(path.join(dir, 'theirs2.yaml'), editSidecar(SOURCE, (as) => void (as[1].note = 'from theirs two')));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** The sidecar after running `order` one after the other (in-process) from `start`, in a scratch copy. */
  async function serial(article: string, start: string, order: Argv[]): Promise<string> {
    for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(scratch, f));
    fs.writeFileSync(path.join(scratch, ARTICLE), article);
    fs.writeFileSync(path.join(scratch, SIDECAR), start);
    for (const argv of order) await cli(scratch, argv);
    return fs.readFileSync(path.join(scratch, SIDECAR), 'utf8');
  }

  /** Runs `a` and `b` at once ROUNDS times from `start`; every result, and every read meanwhile, is in `valid`. */
  async function race(article: string, a: Argv, b: Argv): Promise<Map<string, number>> {
    const valid = new Set([await serial(article, SOURCE, [a]), await serial(article, SOURCE, [b]), await serial(article, SOURCE, [a, b]), await serial(article, SOURCE, [b, a])]);
    for (const v of valid) annotationTexts(v); // each reads back
    const seen = new Map<string, number>();
    for (let round = 0; round < ROUNDS; round++) {
      fs.writeFileSync(path.join(dir, ARTICLE), article);
      fs.writeFileSync(sidecarPath(), SOURCE);
      let racing = true;
      let reads = 0;
      const reader = (async () => {
        while (racing) {
          const now = fs.readFileSync(sidecarPath(), 'utf8');
          assert.ok(now === SOURCE || valid.has(now), `round ${round}: a reader saw a file no write gives (${now.length} bytes)`);
          reads++;
          await new Promise((r) => setTimeout(r, 1));
        }
      })();
      const codes = await Promise.all([runCli(dir, a), runCli(dir, b)]);
      racing = false;
      await reader;
      const result = fs.readFileSync(sidecarPath(), 'utf8');
      assert.ok(valid.has(result), `round ${round}: the result is one of the serial writes (${result.length} bytes), exit codes ${codes}`);
      assert.ok(reads > 0);
      seen.set(result, (seen.get(result) ?? 0) + 1);
      assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), [], 'no temporary file left');
    }
    return seen;
  }

  it('check --fix twice at once: always the one fixed sidecar', async () => {
    const fix = ['check', '.', '--fix'];
    const seen = await race(movedDown(sampleArticle()), fix, fix);
    assert.equal(seen.size, 1, 'both write the same bytes');
    assert.notEqual([...seen.keys()][0], SOURCE, 'it was fixed');
  });

  it('two merges at once over one ours: one of them, or both in some order', async () => {
    const merge = (theirs: string) => ['merge', 'base.yaml', SIDECAR, theirs, SIDECAR];
    const seen = await race(sampleArticle(), merge('theirs1.yaml'), merge('theirs2.yaml'));
    for (const result of seen.keys()) assert.match(result, /from theirs (one|two)/);
  });

  it('check --fix against a merge at once: one of them, or both in some order', async () => {
    const seen = await race(movedDown(sampleArticle()), ['check', '.', '--fix'], ['merge', 'base.yaml', SIDECAR, 'theirs1.yaml', SIDECAR]);
    for (const result of seen.keys()) assert.equal(annotationTexts(result).size, annotationTexts(SOURCE).size, 'every annotation still there');
  });
});
