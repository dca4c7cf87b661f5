// Fault suite, a script rewrites the article behind the sidecar's back (sed, a paragraph cut,
// line endings, a byte-order mark, a whole new text). `check` reports what became of each
// annotation by id; `--fix` keeps every id: on its text, flagged for review, or an orphan left
// in the file. The article itself is never written.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sampleArticle, sampleSidecarSource, tempDirPerTest } from './helpers';
import { annotationTexts, assertInvariant, assertNames, classifyFile } from './faultInvariant';
import { checkStatuses, cli, idsWith } from './faultFixtures';

const ARTICLE = 'story.txt';
const SIDECAR = 'story.txt.annotations.yaml';
const SOURCE = sampleSidecarSource().replace(/^(\s*file:) .*$/m, '$1 ' + ARTICLE);

interface Expect {
  /** Exit code of the first check, where the case decides it (else it must follow the statuses). */
  code?: 0 | 1 | 3;
  /** Ids that must be orphans (more may be). */
  orphans?: string[];
  /** Every annotation an orphan. */
  allOrphans?: boolean;
}

describe('fault suite: a script rewrites the article', function () {
  this.timeout(60_000);
  let dir: string;
  tempDirPerTest('al-faults-script-', (d) => (dir = d));
  const file = (f: string) => path.join(dir, f);

  /** Writes the sample, lets `script` rewrite the article on disk, then checks, fixes and checks again. */
  async function survives(script: (articlePath: string) => void, expect: Expect): Promise<void> {
    fs.writeFileSync(file(ARTICLE), sampleArticle());
    fs.writeFileSync(file(SIDECAR), SOURCE);
    const before = annotationTexts(SOURCE);
    script(file(ARTICLE));
    const articleBytes = fs.readFileSync(file(ARTICLE));
    const text = articleBytes.toString('utf8').replace(/^\uFEFF/, '');

    const first = await checkStatuses(dir);
    const statuses = new Set(first.status.values());
    // 1: something lost or invalid; 4: spans on edited text await a person; 3: offsets only stale.
    const code = statuses.has('orphan') || statuses.has('invalid') ? 1 : statuses.has('repaired') ? 4 : statuses.has('moved') ? 3 : 0;
    assert.equal(first.code, expect.code ?? code, first.report);
    assert.equal(first.code, code, 'the exit code says what happened');
    assert.deepEqual([...first.status.keys()].sort(), [...before.keys()].sort(), 'check reports every annotation by id');
    const orphans = idsWith(first.status, 'orphan');
    const repaired = idsWith(first.status, 'repaired');
    for (const id of expect.orphans ?? []) assert.ok(orphans.includes(id), `${id} is an orphan:\n${first.report}`);
    if (expect.allOrphans) assert.equal(orphans.length, before.size, first.report);
    assertNames(first.report, orphans, /orphan/i);
    assertNames(first.report, repaired, /review|repaired/i);
    // Where the report quotes a repaired span's old and new text, the two must differ: the same
    // excerpt twice says nothing about what was edited.
    for (const line of first.report.split('\n').filter((l) => /repaired/.test(l))) {
      const m = /from ("(?:[^"\\]|\\.)*") to ("(?:[^"\\]|\\.)*")/.exec(line);
      if (m) assert.notEqual(JSON.parse(m[1]), JSON.parse(m[2]), line);
    }
    assertInvariant(classifyFile(before, fs.readFileSync(file(SIDECAR), 'utf8'), text, repaired), 'as found');

    const unfixed = fs.readFileSync(file(SIDECAR), 'utf8');
    const fixed = await cli(dir, ['check', '.', '--fix']);
    // --fix writes the review flags: the repaired spans still await a person.
    const pending = orphans.length ? 1 : repaired.length ? 4 : 0;
    assert.equal(fixed.code, pending, fixed.stdout);
    // Not one annotation placed: the wrong article, most likely; --fix leaves the file and says why.
    if (expect.allOrphans) assert.match(fixed.stdout, /not fixed[^\n]*none of its annotations could be placed/);
    else assert.doesNotMatch(fixed.stdout, /not fixed/);
    assert.ok(fs.readFileSync(file(ARTICLE)).equals(articleBytes), 'the article is never written');
    const after = fs.readFileSync(file(SIDECAR), 'utf8');
    if (expect.code === 0) assert.equal(after, unfixed, 'nothing to fix: not rewritten');
    // --fix may place an orphan the first read could not (the spans it placed are trusted anchors
    // on the next read), never lose one: its orphans are some of the first read's.
    const fixedReport = classifyFile(before, after, text, repaired);
    assertInvariant(fixedReport, 'after --fix');
    for (const id of fixedReport.orphans) assert.ok(orphans.includes(id), `${id} became an orphan only after --fix`);

    const again = await checkStatuses(dir);
    assert.deepEqual(idsWith(again.status, 'orphan').sort(), fixedReport.orphans.slice().sort(), 'the orphans --fix left, still reported');
    assert.deepEqual(idsWith(again.status, 'moved'), [], 'nothing left to move');
    assert.equal(again.code, pending, again.report);
    assert.deepEqual(fs.readdirSync(dir).sort(), [ARTICLE, SIDECAR].sort(), 'no temporary file left');
  }

  const rewrite = (edit: (t: string) => string) => (p: string) => fs.writeFileSync(p, edit(fs.readFileSync(p, 'utf8')));

  it('sed -i replacing a word inside many quotes (anti-semitism → antisemitism)', async function () {
    if (spawnSync('sed', ['--version']).status !== 0) this.skip();
    await survives((p) => assert.equal(spawnSync('sed', ['-i', 's/anti-semitism/antisemitism/g', p]).status, 0), {});
  });

  it('a replace-all that grows every mention (Corbyn → Jeremy Corbyn): spans move, none lost', async () => {
    await survives(rewrite((t) => t.replace(/\bCorbyn\b/g, 'Jeremy Corbyn')), {});
  });

  it('a paragraph deleted: its annotations are orphans, kept in the file', async () => {
    const text = sampleArticle();
    const at = text.indexOf('In a statement released shortly after the meeting');
    const end = text.indexOf('\n\n', at);
    await survives(rewrite((t) => t.slice(0, at) + t.slice(end + 2)), { code: 1, orphans: ['a7'] });
  });

  const reversed = (t: string) => t.split('\n\n').reverse().join('\n\n');
  const crlf = (t: string) => t.replace(/\n/g, '\r\n');

  it('paragraphs put in reverse order: spans moved, none lost', async () => {
    await survives(rewrite(reversed), {});
  });

  it('line endings converted to CRLF (unix2dos): none lost', async () => {
    await survives(rewrite(crlf), {});
  });

  // BUG (re-anchoring, src/core/reanchorPlan.ts placeMovedBlocks): reversing the paragraphs
  // leaves 16 of 65 spans orphans (kept, flagged; 61 before passages whose words and context no
  // other annotation has were let in without an anchor after them: reanchorMoved.test.ts). Left:
  // a span alone in its paragraph, or two at its edges, is a seed alone, and a seed alone may be
  // the copy of a deleted sentence repeated elsewhere: letting them in (words of 40 characters or
  // more, found once, unique in the sidecar) put 1 span wrong in the generated benchmark corpus;
  // a passage's neighbours found more than once (a33/a34, also in the letter) put 3 wrong in
  // PolNeAR's. A `document.length` in the sidecar would let the article's end vouch for the last.
  it.skip('BUG: paragraphs put in reverse order: every span (none crosses a paragraph) is placed, none an orphan', async () => {
    fs.writeFileSync(file(ARTICLE), reversed(sampleArticle()));
    fs.writeFileSync(file(SIDECAR), SOURCE);
    const r = await checkStatuses(dir);
    assert.deepEqual(idsWith(r.status, 'orphan'), [], r.report);
    assert.equal(r.code, 3, r.report);
  });

  // A whole-article conversion of line endings: every context with a line break in it changed, so
  // a45, a56, a58 (no line break in their text, each once in the article) were orphans until the
  // stored words were looked for with the article's line breaks.
  it('line endings converted to CRLF: spans without a line break are all placed; those with one are flagged, none an orphan', async () => {
    fs.writeFileSync(file(ARTICLE), crlf(sampleArticle()));
    fs.writeFileSync(file(SIDECAR), SOURCE);
    const r = await checkStatuses(dir);
    assert.deepEqual(idsWith(r.status, 'orphan'), [], r.report);
    const multiline = [...annotationTexts(SOURCE)].filter(([, t]) => t?.includes('\n')).map(([id]) => id);
    assert.deepEqual(idsWith(r.status, 'repaired').sort(), multiline.sort(), r.report);
  });

  it('a byte-order mark added: offsets and sha256 never count it, the article checks clean', async () => {
    await survives((p) => fs.writeFileSync(p, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), fs.readFileSync(p)])), { code: 0 });
  });

  it('the whole text replaced by another story: every annotation an orphan, none dropped, the sidecar not rewritten', async () => {
    const other = 'The council met on Thursday to discuss the new library.\n\nNo one was quoted.\n'.repeat(20);
    await survives((p) => fs.writeFileSync(p, other), { code: 1, allOrphans: true });
    assert.equal(fs.readFileSync(file(SIDECAR), 'utf8'), SOURCE, 'orphans only: the file is left byte for byte');
  });

  it('the article emptied by a script that failed halfway: every annotation an orphan', async () => {
    await survives((p) => fs.writeFileSync(p, ''), { code: 1, allOrphans: true });
  });
});
