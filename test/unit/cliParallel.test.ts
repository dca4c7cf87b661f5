// The README's GNU parallel commands, run for real over a folder of articles with the built bundle
// (dist/cli.js) as `attribution-lens` on the PATH. The plain unit run skips this when GNU parallel
// is not installed (it runs before scripts/setup-test-env.sh installs it); test:vscode runs it
// again after the setup with ATTRIBUTION_LENS_REQUIRE_PARALLEL=1, where a missing parallel fails.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, SAMPLE_ARTICLE, tempDirPerTest } from './helpers';

const CLI = path.join(REPO_ROOT, 'dist/cli.js');

function gnuParallel(): boolean {
  const r = spawnSync('parallel', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && /GNU parallel/.test(r.stdout);
}

/** Articles of different sizes in nested folders: the sample, its paragraphs, a short story. */
function articles(root: string): string[] {
  const sample = fs.readFileSync(SAMPLE_ARTICLE, 'utf8');
  const paragraphs = sample.split('\n\n').filter((p) => p.trim().length > 80);
  const files: [string, string][] = [
    ['articles/sample.txt', sample],
    ['articles/short.txt', 'Jeremy Corbyn said the meeting was "constructive". The Board of Deputies said it was a missed opportunity.\n'],
    ...paragraphs.slice(0, 6).map((p, i): [string, string] => [`articles/part ${i % 2 ? 'b' : 'a'}/p${i}.txt`, p + '\n']),
  ];
  for (const [rel, text] of files) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return files.map(([rel]) => rel).sort();
}

describe('attribution-lens suggest under GNU parallel (README)', function () {
  this.timeout(120_000);
  let tmp: string;
  tempDirPerTest('al-parallel-', (dir) => (tmp = dir));

  before(function () {
    if (gnuParallel()) return;
    if (process.env.ATTRIBUTION_LENS_REQUIRE_PARALLEL === '1') assert.fail('GNU parallel is not installed (scripts/setup-test-env.sh installs it)');
    console.log('    (skipped: GNU parallel is not installed; scripts/setup-test-env.sh installs it, and test:vscode runs these after it)');
    this.skip();
  });

  /** Runs a shell command line in `tmp` with `attribution-lens` (the built bundle) first on the PATH. */
  const shell = (command: string): string => {
    const bin = path.join(tmp, 'bin');
    fs.mkdirSync(bin, { recursive: true });
    fs.symlinkSync(CLI, path.join(bin, 'attribution-lens'));
    // PARALLEL_HOME: parallel's citation notice and its state stay out of the user's home.
    const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, PARALLEL_HOME: path.join(tmp, '.parallel') };
    return execFileSync('bash', ['-c', `set -euo pipefail; ${command}`], { cwd: tmp, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };

  it("find | parallel -j2 attribution-lens suggest --json {} > out.jsonl: one line per article, as one process gives them", () => {
    const names = articles(tmp);
    shell("find articles -name '*.txt' | parallel -j2 attribution-lens suggest --json {} > out.jsonl");
    const lines = fs.readFileSync(path.join(tmp, 'out.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { article: string });
    assert.deepEqual(lines.map((l) => l.article).sort(), names);
    // The same as one run over the folder, whatever order the jobs finished in.
    const alone = execFileSync(process.execPath, [CLI, 'suggest', '--json', 'articles'], { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const byArticle = (ls: { article: string }[]) => [...ls].sort((x, y) => (x.article < y.article ? -1 : 1));
    assert.deepEqual(byArticle(lines), byArticle(alone.trimEnd().split('\n').map((l) => JSON.parse(l) as { article: string })));
    assert.ok(lines.some((l) => (l as unknown as { annotations: unknown[] }).annotations.length > 0));
  });

  it('parallel --pipe -k -j2 -N3 attribution-lens suggest --jsonl: one result per input line, in input order', () => {
    const names = articles(tmp);
    const input = names.map((n) => JSON.stringify({ id: n, text: fs.readFileSync(path.join(tmp, n), 'utf8') })).join('\n') + '\nnot json\n';
    fs.writeFileSync(path.join(tmp, 'in.jsonl'), input);
    // A bad line makes its job exit 1 (so parallel does too): the results are all there all the same.
    shell('parallel --pipe -k -j2 -N3 attribution-lens suggest --jsonl < in.jsonl > out.jsonl || test $? -eq 1');
    const out = fs.readFileSync(path.join(tmp, 'out.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string | null; error?: string });
    assert.deepEqual(out.map((l) => l.id), [...names, null]);
    assert.match(out[out.length - 1].error ?? '', /not JSON/);
    const single = spawnSync(process.execPath, [CLI, 'suggest', '--jsonl'], { input, encoding: 'utf8' });
    assert.equal(single.status, 1, 'one bad line: exit 1');
    const alone = single.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);
    // Error lines name their line number within the job's share of the input: compare the rest.
    assert.deepEqual(out.slice(0, -1), alone.slice(0, -1));
  });
});
