// Fault suite, git: a checkout swaps the article and its sidecar behind the tool's back, or
// brings only one of them from another commit. Real git in a temporary repository; the CLI runs
// in-process on the real files. Every annotation survives: on its text, or an orphan kept in the file.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleArticle, sampleSidecarSource } from './helpers';
import { annotationTexts, assertInvariant, assertNames, classifyFile } from './faultInvariant';
import { checkStatuses, cli, deskEdit, idsWith, movedDown } from './faultFixtures';
import { annotationOn, editSidecar, rewriteFor } from './teamsFixtures';

const ARTICLE = 'story.txt';
const SIDECAR = 'story.txt.annotations.yaml';

describe('fault suite: git checkout behind the tool', function () {
  this.timeout(60_000);
  let repo: string;
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } });
    assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const write = (file: string, text: string) => fs.writeFileSync(path.join(repo, file), text);
  const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
  let mainSidecar: string;

  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'al-faults-git-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Test');
    write(ARTICLE, sampleArticle());
    mainSidecar = sampleSidecarSource().replace(/^(\s*file:) .*$/m, '$1 ' + ARTICLE);
    write(SIDECAR, mainSidecar);
    git('add', '.');
    git('commit', '-qm', 'base');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  /** A branch `other` where the article was edited and the sidecar rewritten for it, with one more annotation. */
  function otherBranch(edit: (t: string) => string): { text: string; sidecar: string } {
    git('checkout', '-qb', 'other');
    const text = edit(sampleArticle());
    const sidecar = editSidecar(rewriteFor(mainSidecar, text), (as) => void as.push(annotationOn(text, 'a66', 'further criticism')));
    write(ARTICLE, text);
    write(SIDECAR, sidecar);
    git('commit', '-qam', 'other: edited and annotated');
    git('checkout', '-q', 'main');
    return { text, sidecar };
  }

  /** `git checkout other -- story.txt`: the article from `other`, the sidecar from main; then check --json. */
  async function articleOnlyFrom(edit: (t: string) => string) {
    otherBranch(edit);
    git('checkout', 'other', '--', ARTICLE);
    return { before: annotationTexts(mainSidecar), text: read(ARTICLE), checked: await checkStatuses(repo) };
  }

  it('checking out another branch swaps both files: each branch checks clean, with its own annotations on their text', async () => {
    const other = otherBranch(movedDown);
    const before = annotationTexts(mainSidecar);
    git('checkout', '-q', 'other');
    assert.equal(read(SIDECAR), other.sidecar);
    const there = await cli(repo, ['check', '.', '--strict']);
    assert.equal(there.code, 0, there.stdout);
    assertInvariant(classifyFile(before, read(SIDECAR), read(ARTICLE)), 'on other', { orphans: [], invented: ['a66'], minKept: before.size });
    git('checkout', '-q', 'main');
    const back = await cli(repo, ['check', '.', '--strict']);
    assert.equal(back.code, 0, back.stdout);
    assert.equal(read(SIDECAR), mainSidecar, 'the files are what main committed, byte for byte');
    assert.equal(read(ARTICLE), sampleArticle());
  });

  it('checking out only the article from another branch: check says the spans moved (exit 3), --fix keeps every id, the next check is clean', async () => {
    const { before, text, checked } = await articleOnlyFrom(movedDown);
    assert.equal(checked.code, 3, checked.report);
    assert.ok(idsWith(checked.status, 'moved').length > 0, checked.report);
    assert.match(checked.report, /moved/);
    assert.match(checked.report, new RegExp(SIDECAR.replace(/\./g, '\\.')), 'the report names the sidecar');
    const fixed = await cli(repo, ['check', '.', '--fix']);
    assert.equal(fixed.code, 0, fixed.stdout);
    assert.equal(read(ARTICLE), text, 'the article is never written');
    assertInvariant(classifyFile(before, read(SIDECAR), text), 'after --fix', { orphans: [], minKept: before.size });
    assert.equal((await cli(repo, ['check', '.', '--strict'])).code, 0);
  });

  it('an article from another branch that edited and removed quoted text: orphans and repaired spans reported by id, --fix keeps every id and leaves the orphan as it was', async () => {
    const { before, text, checked } = await articleOnlyFrom(deskEdit);
    assert.equal(checked.code, 1, checked.report);
    const orphans = idsWith(checked.status, 'orphan');
    const repaired = idsWith(checked.status, 'repaired');
    assert.ok(orphans.includes('a7'), checked.report);
    assert.ok(repaired.includes('a3'), checked.report);
    assertNames(checked.report, orphans, /orphan/i);
    assertNames(checked.report, repaired, /review|repaired/i);
    assertInvariant(classifyFile(before, read(SIDECAR), text, repaired), 'before --fix', { orphans });
    const fixed = await cli(repo, ['check', '.', '--fix']);
    assert.equal(fixed.code, 1, 'an orphan is left: exit 1\n' + fixed.stdout);
    assert.match(fixed.stdout, /orphan/);
    assertInvariant(classifyFile(before, read(SIDECAR), text, repaired), 'after --fix', { orphans });
    const again = await checkStatuses(repo);
    assert.deepEqual(idsWith(again.status, 'orphan'), orphans, 'the orphans are still there, still reported');
    assert.deepEqual([...again.status.keys()].sort(), [...before.keys()].sort());
  });

  it('checking out only the sidecar from an older commit (the article stays new): --fix places the old annotations on the new text', async () => {
    const v2 = movedDown(sampleArticle());
    write(ARTICLE, v2);
    write(SIDECAR, rewriteFor(mainSidecar, v2));
    git('commit', '-qam', 'v2');
    const before = annotationTexts(mainSidecar);
    git('checkout', 'HEAD~1', '--', SIDECAR);
    assert.equal(read(SIDECAR), mainSidecar);
    assert.equal((await cli(repo, ['check', '.'])).code, 3);
    assert.equal((await cli(repo, ['check', '.', '--fix'])).code, 0);
    assertInvariant(classifyFile(before, read(SIDECAR), v2), 'old sidecar fixed on new article', { orphans: [], minKept: before.size });
  });

  it('a checkout that leaves git conflict markers in the sidecar: check reports it unreadable with file:line, --fix never writes it', async () => {
    otherBranch(movedDown);
    // Ours moved the spans too, by another amount: every offset line conflicts.
    const ours = 'Ours: another first paragraph, longer than theirs.\n\n' + sampleArticle();
    write(ARTICLE, ours);
    write(SIDECAR, rewriteFor(mainSidecar, ours));
    git('commit', '-qam', 'ours: moved');
    const merged = spawnSync('git', ['merge', '-q', '--no-edit', 'other'], { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } });
    assert.notEqual(merged.status, 0, 'a textual conflict, without the merge driver');
    const conflicted = read(SIDECAR);
    assert.match(conflicted, /^<<<<<<< /m);
    const r = await cli(repo, ['check', '.', '--fix']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, new RegExp(`${SIDECAR.replace(/\./g, '\\.')}:\\d+:\\d+`), 'names the sidecar with line and column');
    assert.equal(read(SIDECAR), conflicted, 'left byte for byte');
  });
});
