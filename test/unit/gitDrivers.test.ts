// The diff and merge drivers under real git runs, in a temporary repository, with the bundled CLI.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { anchorAnnotations } from '../../src/core/anchoring';
import { parseSidecar } from '../../src/core/sidecar';
import { REPO_ROOT, sampleArticle, sampleSidecarSource, SAMPLE_ARTICLE } from './helpers';
import { annotationOn, editSidecar, rewriteFor, updatedHeadline } from './teamsFixtures';

const ARTICLE = path.basename(SAMPLE_ARTICLE);
const SIDECAR = ARTICLE + '.annotations.yaml';
const CLI = path.join(REPO_ROOT, 'dist/cli.js');

describe('git drivers: attribution-lens diff and merge in a real repository', function () {
  this.timeout(120_000);
  let repo: string;
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo, GIT_PAGER: 'cat' } });
  const ok = (...args: string[]) => {
    const r = git(...args);
    assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  const write = (file: string, text: string) => fs.writeFileSync(path.join(repo, file), text);
  const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
  const commit = (message: string) => ok('commit', '-qam', message);
  const cli = `"${process.execPath}" "${CLI}"`;

  before(() => execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' }));
  beforeEach(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'al-git-'));
    ok('init', '-q', '-b', 'main');
    ok('config', 'user.email', 'test@example.com');
    ok('config', 'user.name', 'Test');
    // The lines the README gives.
    write('.gitattributes', '*.annotations.yaml diff=attribution-lens merge=attribution-lens\n');
    ok('config', 'merge.attribution-lens.name', 'Attribution Lens sidecar merge');
    ok('config', 'merge.attribution-lens.driver', `${cli} merge %O %A %B %P`);
    ok('config', 'diff.attribution-lens.command', `${cli} diff`);
    write(ARTICLE, sampleArticle());
    write(SIDECAR, sampleSidecarSource());
    ok('add', '.');
    ok('commit', '-qm', 'base');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  const mergedState = () => {
    const p = parseSidecar(read(SIDECAR));
    assert.deepEqual(p.problems.filter((x) => x.severity === 'error'), [], read(SIDECAR).slice(0, 400));
    return p;
  };

  it('two branches adding different annotations (under the same next id) merge cleanly', () => {
    const text = sampleArticle();
    ok('checkout', '-qb', 'other');
    write(SIDECAR, editSidecar(read(SIDECAR), (as) => void as.push(annotationOn(text, 'a66', 'a safe and equal space', { type: 'mention', speaker: 'labour' }))));
    commit('theirs: one annotation');
    ok('checkout', '-q', 'main');
    write(SIDECAR, editSidecar(read(SIDECAR), (as) => void as.push(annotationOn(text, 'a66', 'further criticism'))));
    commit('ours: another');
    const r = git('merge', '-q', '--no-edit', 'other');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const s = mergedState().sidecar!;
    const texts = s.annotations.map((a) => a.text);
    assert.ok(texts.includes('a safe and equal space') && texts.includes('further criticism'));
    assert.deepEqual(anchorAnnotations(s, read(ARTICLE)).orphans, []);
    assert.doesNotMatch(read(SIDECAR), /^conflicts:/m);
  });

  it('both sides changing the same annotation differently: exit 1, ours in place, theirs under conflicts:', () => {
    const id = parseSidecar(sampleSidecarSource()).sidecar!.annotations[2].id;
    ok('checkout', '-qb', 'other');
    write(SIDECAR, editSidecar(read(SIDECAR), (as) => void (as.find((a) => a.id === id)!.note = 'theirs')));
    commit('theirs: note');
    ok('checkout', '-q', 'main');
    write(SIDECAR, editSidecar(read(SIDECAR), (as) => void (as.find((a) => a.id === id)!.note = 'ours')));
    commit('ours: note');
    const r = git('merge', '--no-edit', 'other');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, new RegExp(`CONFLICT annotations "${id}": both changed note`));
    const p = mergedState();
    assert.equal(p.sidecar!.annotations.find((a) => a.id === id)!.note, 'ours');
    const data = p.doc.toJS() as { conflicts: { annotations: Record<string, { theirs: { note: string } }> } };
    assert.equal(data.conflicts.annotations[id].theirs.note, 'theirs');
    assert.match(ok('status', '--porcelain'), new RegExp(`^UU ${SIDECAR.replace(/\./g, '\\.')}$`, 'm'), 'git lists it as unmerged');
  });

  for (const oursEdits of [true, false]) {
    it(`one side edits the article (${oursEdits ? 'ours' : 'theirs'}), the other adds an annotation: all on the right text`, () => {
      const text = sampleArticle();
      const edited = updatedHeadline(text);
      const editArticle = () => {
        write(ARTICLE, edited);
        write(SIDECAR, rewriteFor(read(SIDECAR), edited));
        commit('headline updated');
      };
      const annotate = () => {
        write(SIDECAR, editSidecar(read(SIDECAR), (as) => void as.push(annotationOn(text, 'a66', 'further criticism'))));
        commit('annotation added');
      };
      ok('checkout', '-qb', 'other');
      (oursEdits ? annotate : editArticle)();
      ok('checkout', '-q', 'main');
      (oursEdits ? editArticle : annotate)();
      const r = git('merge', '-q', '--no-edit', 'other');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(read(ARTICLE), edited);
      const s = mergedState().sidecar!;
      const placed = anchorAnnotations(s, edited);
      assert.deepEqual(placed.orphans, []);
      assert.equal(placed.placed.length, parseSidecar(sampleSidecarSource()).sidecar!.annotations.length + 1);
      for (const a of placed.placed) assert.equal(edited.slice(a.start, a.end), a.text, a.id);
    });
  }

  it('git diff with the driver shows the semantic diff; with textconv, a plain diff of stable lines', () => {
    write(ARTICLE, updatedHeadline(sampleArticle()));
    write(SIDECAR, rewriteFor(read(SIDECAR), updatedHeadline(sampleArticle())));
    const n = parseSidecar(sampleSidecarSource()).sidecar!.annotations.length;
    const semantic = ok('diff', '--', SIDECAR);
    assert.match(semantic, new RegExp(`^diff --attribution-lens a/${SIDECAR} b/${SIDECAR}\\n${n} annotations moved\\n> ${n} annotations moved by \\+10 characters`));
    ok('config', '--unset', 'diff.attribution-lens.command');
    ok('config', 'diff.attribution-lens.textconv', `${cli} diff --textconv`);
    assert.equal(ok('diff', '--', SIDECAR), '', 'offsets alone: nothing to show');
    write(SIDECAR, editSidecar(read(SIDECAR), (as) => void (as[0].note = 'checked')));
    const plain = ok('diff', '--', SIDECAR);
    assert.equal(plain.split('\n').filter((l) => /^[-+][^-+]/.test(l)).length, 2, plain);
  });
});
