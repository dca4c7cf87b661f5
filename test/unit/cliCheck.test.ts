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

describe('attribution-lens check: re-anchoring results', () => {
  let tmp: string;
  tempDirPerTest('al-check-', (dir) => (tmp = dir));

  it('groups orphans, then repaired spans to review (old → new text), then moved ones, then invalid entries; the summary counts each status; exit 1', async () => {
    editedSample(tmp, (s) => s.replace('    start: 1292\n    end: 1298\n', '    start: 1292\n    end: nobody-known\n'));
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
    assert.ok(at('Annotation "a6": "end" must be a whole number') > invalid);
    assert.doesNotMatch(r.stdout, /re-anchored:/, 'no label "re-anchored" for a repaired span any more');
    assert.match(r.stdout, /^1 article checked, 0 clean: \d+ exact, \d+ moved, [12] repaired, 1 orphan, 1 invalid\. 1 problem\.$/m);
  });

  it('--json prints one document on stdout alone: every annotation with its status, score and current offsets (old and new text when repaired)', async () => {
    editedSample(tmp, (s) => s.replace('    start: 1292\n    end: 1298\n', '    start: 1292\n    end: nobody-known\n'));
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
    assert.deepEqual(Object.keys(a3), ['id', 'status', 'score', 'start', 'end', 'oldText', 'newText', 'review']);
    assert.equal(a3.status, 'repaired');
    assert.deepEqual(a3.review, { status: 'repaired', was: 'disappointing missed opportunity', reason: 'its text was edited in the article' });
    assert.equal(a3.oldText, 'disappointing missed opportunity');
    assert.equal(a3.newText, 'disappointing lost opportunity');
    assert.ok(a3.score > 0 && a3.score < 1);
    const a7 = a.annotations.find((x: { id: string }) => x.id === 'a7');
    assert.deepEqual(Object.keys(a7), ['id', 'status', 'score', 'start', 'end', 'review', 'proposal']);
    assert.deepEqual([a7.status, a7.score, a7.start, a7.end, a7.review.status], ['orphan', 0, null, null, 'orphan']);
    assert.match(a7.review.reason, /could not be found with confidence/);
    assert.match(a7.proposal.text, /positive and constructive meeting about tackling antisemitism/, 'the restatement further on, below the threshold');
    assert.ok(a7.proposal.score > 0 && a7.proposal.score < 1);
    const a1 = a.annotations.find((x: { id: string }) => x.id === 'a1');
    assert.deepEqual(Object.keys(a1), ['id', 'status', 'score', 'start', 'end']);
    assert.equal(a1.status, 'exact');
    assert.match(r.stderr, /orphan: Annotation "a7"/, 'the human report goes to stderr');
  });

  it('only moved spans: exit 3; --fix rewrites them, keeps comments and unknown keys, and the next check is clean', async () => {
    const { sidecar } = editedSample(tmp, (s) =>
      s.replace('  - id: a1\n', '  # reviewed by the desk\n  - id: a1\n    x-reviewer: sam\n').replace('version: 1\n', 'version: 1\nx-tool: newsroom\n'),
    );
    const original = fs.readFileSync(SAMPLE_ARTICLE, 'utf8');
    const cut = original.indexOf('\n\n', 4000);
    const onlyStale = original.slice(0, cut) + '\n\nA paragraph inserted by the desk.' + original.slice(cut);
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
    assert.equal(parseSidecar(written).sidecar?.document.sha256, sha256Hex(onlyStale));
    assert.doesNotMatch(written, /review:/);
    const again = await run(tmp, ['check', '.', '--strict']);
    assert.equal(again.code, 0, again.stdout);
    assert.match(again.stdout, /: 65 of 65 annotations exact$/m);
  });

  it('regression: a repaired span stays flagged for review after --fix (exit 4 until a person accepts it), and an orphan is flagged', async () => {
    const { sidecar, text } = editedSample(tmp);
    const noOrphan = text.replace('a good meeting." This view', ORPHANED + '"\n\nThis take');
    fs.writeFileSync(path.join(tmp, ARTICLE), noOrphan);
    const before = await run(tmp, ['check', '.']);
    assert.equal(before.code, 4, before.stdout);
    const fixed = await run(tmp, ['check', '.', '--fix']);
    assert.equal(fixed.code, 4, fixed.stdout);
    assert.match(fixed.stdout, /fixed: .* rewritten with the new offsets; 1 repaired flagged for review/);
    const written = fs.readFileSync(sidecar, 'utf8');
    const a3 = parseSidecar(written).sidecar!.annotations.find((x) => x.id === 'a3')!;
    assert.deepEqual([a3.text, a3.review], ['disappointing lost opportunity', { status: 'repaired', was: 'disappointing missed opportunity', reason: 'its text was edited in the article' }]);
    const again = await run(tmp, ['check', '.']);
    assert.equal(again.code, 4, again.stdout);
    assert.match(again.stdout, /: 64 of 65 annotations exact, 1 repaired$/m);
    assert.match(again.stdout, /needs review .*\n.*repaired: Annotation "a3" needs review: its text was edited from "disappointing missed opportunity" to "disappointing lost opportunity"; flagged until accepted/);
    assert.match(again.stdout, /^1 article checked, 0 clean: 64 exact, 0 moved, 1 repaired, 0 orphans, 0 invalid\. 1 problem\.$/m);

    // With the orphan: it gets its flag, the hash is the article's, and it stays an orphan on every read.
    fs.writeFileSync(path.join(tmp, ARTICLE), text);
    const withOrphan = await run(tmp, ['check', '.', '--fix']);
    assert.equal(withOrphan.code, 1, withOrphan.stdout);
    const after = fs.readFileSync(sidecar, 'utf8');
    const a7 = parseSidecar(after).sidecar!.annotations.find((x) => x.id === 'a7')!;
    assert.deepEqual([a7.text, a7.review?.status], [ORPHANED, 'orphan']);
    assert.equal(parseSidecar(after).sidecar?.document.sha256, sha256Hex(text));
    const last = await run(tmp, ['check', '.', '--json']);
    assert.equal(last.code, 1);
    const reread = JSON.parse(last.stdout).articles[0].annotations.find((x: { id: string }) => x.id === 'a7');
    assert.equal(reread.status, 'orphan', 'not trusted at its stale offsets though the hash matches');
  });

  it('reports the merge driver\'s conflicts at their line and column, exit 1', async () => {
    editedSample(tmp, (s) => s + 'conflicts:\n  annotations:\n    a7:\n      fields: [note]\n      theirs:\n        type: quote\n        speaker: corbyn\n        start: 1\n        end: 2\n  speakers:\n    corbyn:\n      fields: [role]\n      theirs: deleted\n');
    fs.writeFileSync(path.join(tmp, ARTICLE), fs.readFileSync(SAMPLE_ARTICLE, 'utf8'));
    const source = fs.readFileSync(path.join(tmp, SIDECAR), 'utf8');
    const lineOf = (needle: string) => source.slice(0, source.indexOf(needle)).split('\n').length;
    const r = await run(tmp, ['check', '.']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /\n  merge conflicts \(resolve each as ours or theirs\):\n/);
    assert.ok(r.stdout.includes(`${SIDECAR}:${lineOf('    a7:\n      fields')}:5: conflict: Merge conflict on annotation "a7": both branches changed note differently`), r.stdout);
    assert.ok(r.stdout.includes(`${SIDECAR}:${lineOf('    corbyn:\n      fields')}:5: conflict: Merge conflict on speaker "corbyn": the other branch deleted it`), r.stdout);
    assert.match(r.stdout, /, 2 merge conflicts\. 1 problem\.$/m);
    const json = JSON.parse((await run(tmp, ['check', '.', '--json'])).stdout);
    assert.ok(json.articles[0].problems.some((p: { id: string; line: number }) => p.id === 'a7' && p.line === lineOf('    a7:\n      fields')));
  });

  it('--fix never rewrites a sidecar with errors', async () => {
    const { sidecar } = editedSample(tmp, (s) => s.replace('    start: 1292\n    end: 1298\n', '    start: 1292\n    end: nobody-known\n'));
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
    assert.match(r.stdout, /\b4\b.*review/s);
  });
});
