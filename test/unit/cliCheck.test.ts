// `check` grouping, --json, --fix and exit codes on an article edited outside the editor.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { NodeHost } from '../../src/node/nodeHost';
import { parseSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { SAMPLE_ARTICLE, SAMPLE_SIDECAR, tempDirPerTest } from './helpers';

const ARTICLE = path.basename(SAMPLE_ARTICLE);
const SIDECAR = path.basename(SAMPLE_SIDECAR);
const ORPHANED = 'a positive and constructive meeting about tackling anti-semitism.';

async function run(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** The sample in `dir`, its article edited: a paragraph inserted mid-way (later spans move), a3's text edited (repaired), a7's quote rewritten (orphan). */
function editedSample(dir: string, sidecarEdit: (s: string) => string = (s) => s): { article: string; sidecar: string; text: string } {
  const article = path.join(dir, ARTICLE);
  const sidecar = path.join(dir, SIDECAR);
  let text = fs.readFileSync(SAMPLE_ARTICLE, 'utf8');
  const cut = text.indexOf('\n\n', 4000);
  assert.ok(cut > 0);
  text = text.slice(0, cut) + '\n\nA paragraph inserted by the desk.' + text.slice(cut);
  text = text.replace('disappointing missed opportunity', 'disappointing lost opportunity');
  assert.ok(text.includes(ORPHANED + '"\n\nThis take'));
  text = text.replace(ORPHANED + '"\n\nThis take', 'a good meeting." This view');
  fs.writeFileSync(article, text);
  fs.writeFileSync(sidecar, sidecarEdit(fs.readFileSync(SAMPLE_SIDECAR, 'utf8')));
  return { article, sidecar, text };
}

/** The real file system, except that every rename fails (as on a full disk or a read-only folder). */
function readOnlyHost(): NodeHost {
  const host = new NodeHost();
  host.rename = async () => {
    throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
  };
  return host;
}

/** The YAML item of annotation `id`, as written. */
function item(source: string, id: string): string {
  const m = new RegExp(`\\n  - id: ${id}\\n(?:    .*\\n)*`).exec(source);
  assert.ok(m, id);
  return m[0];
}

describe('attribution-lens check: re-anchoring results', () => {
  let tmp: string;
  tempDirPerTest('al-check-', (dir) => (tmp = dir));

  it('groups orphans, then repaired spans to review (old → new text), then moved ones, then invalid entries; the summary counts each status; exit 1', async () => {
    editedSample(tmp, (s) => s.replace('    speaker: corbyn\n', '    speaker: nobody-known\n'));
    const r = await run(tmp, ['check', '.']);
    assert.equal(r.code, 1, r.stdout);
    const at = (needle: string) => {
      const i = r.stdout.indexOf(needle);
      assert.ok(i >= 0, `${needle} in\n${r.stdout}`);
      return i;
    };
    const orphans = at('\n  orphans');
    const review = at('\n  needs review');
    const moved = at('\n  moved');
    const invalid = at('\n  invalid:');
    assert.ok(orphans < review && review < moved && moved < invalid, 'groups in order');
    const a7 = at(`${SIDECAR}:176:12: orphan: Annotation "a7"`);
    assert.ok(orphans < a7 && a7 < review);
    const a3 = at(`${SIDECAR}:141:12: repaired: Annotation "a3" needs review: its text was edited, from "disappointing missed opportunity" to "disappointing lost opportunity"`);
    assert.ok(review < a3 && a3 < moved);
    const a65 = at(`: moved: Annotation "a65" was re-anchored from 10313 to`);
    assert.ok(moved < a65 && a65 < invalid);
    assert.ok(at('nobody-known') > invalid);
    assert.doesNotMatch(r.stdout, /re-anchored:/, 'no label "re-anchored" for a repaired span any more');
    assert.match(r.stdout, /^1 article checked, 0 clean: \d+ exact, \d+ moved, [12] repaired, 1 orphan, 1 invalid\. 1 problem\.$/m);
  });

  it('--json prints one document on stdout alone: every annotation with its status, score and current offsets (old and new text when repaired)', async () => {
    editedSample(tmp, (s) => s.replace('    speaker: corbyn\n', '    speaker: nobody-known\n'));
    const r = await run(tmp, ['check', '.', '--json']);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.articles.length, 1);
    const [a] = doc.articles;
    assert.equal(a.article, ARTICLE);
    assert.equal(a.annotations.length, 65);
    const statuses = new Set(a.annotations.map((x: { status: string }) => x.status));
    assert.deepEqual([...statuses].sort(), ['exact', 'invalid', 'moved', 'orphan', 'repaired']);
    const a3 = a.annotations.find((x: { id: string }) => x.id === 'a3');
    assert.deepEqual(Object.keys(a3), ['id', 'status', 'score', 'start', 'end', 'oldText', 'newText']);
    assert.equal(a3.status, 'repaired');
    assert.equal(a3.oldText, 'disappointing missed opportunity');
    assert.equal(a3.newText, 'disappointing lost opportunity');
    assert.ok(a3.score > 0 && a3.score < 1);
    const a7 = a.annotations.find((x: { id: string }) => x.id === 'a7');
    assert.deepEqual(a7, { id: 'a7', status: 'orphan', score: 0, start: null, end: null });
    const a1 = a.annotations.find((x: { id: string }) => x.id === 'a1');
    assert.deepEqual(Object.keys(a1), ['id', 'status', 'score', 'start', 'end']);
    assert.equal(a1.status, 'exact');
    assert.match(r.stderr, /orphan: Annotation "a7"/, 'the human report goes to stderr');
  });

  it('only moved and repaired spans: exit 3; --fix rewrites them, keeps comments, unknown keys and orphans, and the next check is clean', async () => {
    const { sidecar, text } = editedSample(tmp, (s) =>
      s.replace('  - id: a1\n', '  # reviewed by the desk\n  - id: a1\n    x-reviewer: sam\n').replace('version: 1\n', 'version: 1\nx-tool: newsroom\n'),
    );
    // Without the orphan first: only stale offsets.
    const noOrphan = fs.readFileSync(SAMPLE_ARTICLE, 'utf8');
    const cut = noOrphan.indexOf('\n\n', 4000);
    const onlyStale = (noOrphan.slice(0, cut) + '\n\nA paragraph inserted by the desk.' + noOrphan.slice(cut)).replace('disappointing missed opportunity', 'disappointing lost opportunity');
    fs.writeFileSync(path.join(tmp, ARTICLE), onlyStale);
    const stale = await run(tmp, ['check', '.']);
    assert.equal(stale.code, 3, stale.stdout);
    const fixed = await run(tmp, ['check', '.', '--fix']);
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.match(fixed.stdout, /fixed: .* rewritten with the new offsets/);
    const written = fs.readFileSync(sidecar, 'utf8');
    assert.match(written, /# reviewed by the desk\n  - id: a1\n/);
    assert.match(written, /x-reviewer: sam/);
    assert.match(written, /^x-tool: newsroom$/m);
    assert.equal(parseSidecar(written).sidecar?.document.sha256, sha256Hex(onlyStale), 'every annotation placed: sha256 set');
    const again = await run(tmp, ['check', '.', '--strict']);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /: 65 of 65 annotations exact$/m);

    // With the orphan: it is left as it was, sha256 dropped, exit 1 for the orphan alone.
    fs.writeFileSync(path.join(tmp, ARTICLE), text);
    const before = fs.readFileSync(sidecar, 'utf8');
    const withOrphan = await run(tmp, ['check', '.', '--fix']);
    assert.equal(withOrphan.code, 1);
    const after = fs.readFileSync(sidecar, 'utf8');
    assert.equal(item(after, 'a7'), item(before, 'a7'), 'the orphan is untouched');
    assert.equal(parseSidecar(after).sidecar?.document.sha256, undefined);
    const last = await run(tmp, ['check', '.']);
    assert.equal(last.code, 1);
    assert.match(last.stdout, /: 64 of 65 annotations exact, 1 orphan$/m);
    assert.doesNotMatch(last.stdout, /moved:|repaired:/);
  });

  it('--fix never rewrites a sidecar with errors', async () => {
    const { sidecar } = editedSample(tmp, (s) => s.replace('    speaker: corbyn\n', '    speaker: nobody-known\n'));
    const before = fs.readFileSync(sidecar, 'utf8');
    const r = await run(tmp, ['check', '.', '--fix']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /not fixed: .*the sidecar has errors/);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), before);
    assert.deepEqual(fs.readdirSync(tmp).sort(), [ARTICLE, SIDECAR].sort(), 'no temporary file left');
  });

  it('--fix that cannot write leaves the sidecar as it was and exits 1, not 3', async () => {
    const { sidecar } = editedSample(tmp);
    fs.writeFileSync(path.join(tmp, ARTICLE), 'Moved down.\n' + fs.readFileSync(SAMPLE_ARTICLE, 'utf8'));
    assert.equal((await run(tmp, ['check', '.'])).code, 3);
    const before = fs.readFileSync(sidecar, 'utf8');
    let stdout = '';
    const code = await main(['check', '.', '--fix'], {
      cwd: tmp,
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      host: readOnlyHost(),
    });
    assert.equal(code, 1, stdout);
    assert.match(stdout, /not fixed: .*cannot write/);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), before);
  });

  it('an escape sequence in a repaired text is printed as text', async () => {
    const { article } = editedSample(tmp);
    fs.writeFileSync(article, fs.readFileSync(article, 'utf8').replace('disappointing lost opportunity', 'disappointing \u202e lost opportunity'));
    const r = await run(tmp, ['check', '.']);
    assert.doesNotMatch(r.stdout, /\u202e/);
    assert.match(r.stdout, /repaired: Annotation "a3".*\\u202e lost/);
  });

  it('help documents --json, --fix and the exit codes', async () => {
    const r = await run(tmp, ['check', '--help']);
    assert.match(r.stdout, /--json/);
    assert.match(r.stdout, /--fix/);
    assert.match(r.stdout, /Exit codes?: .*0/s);
    assert.match(r.stdout, /\b3\b.*(moved|stale)/s);
  });
});
