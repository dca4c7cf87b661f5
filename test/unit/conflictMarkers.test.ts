// A sidecar git merged line by line, with conflict markers: split into its sides and merged by
// id. The marked files come from git itself (`git merge-file`), in both marker styles.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseSidecar } from '../../src/core/sidecar';
import { ConflictMarkerError, mergeConflictMarkers, splitConflictMarkers } from '../../src/core/teams/conflictMarkers';
import { UnmergeableError } from '../../src/core/teams/mergeDocument';
import { listConflicts, resolveConflict } from '../../src/core/teams/resolveConflict';
import { sampleArticle, sampleSidecarSource } from './helpers';
import { annotationOn, editSidecar } from './teamsFixtures';

/** What `git merge-file` writes for ours/base/theirs (git's line merge, as `git merge` does without a driver). */
function gitMergeFile(ours: string, base: string, theirs: string, diff3: boolean): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-markers-'));
  try {
    const files = ['ours', 'base', 'theirs'].map((n) => path.join(dir, n));
    [ours, base, theirs].forEach((text, i) => fs.writeFileSync(files[i], text));
    const r = spawnSync('git', ['merge-file', '-p', ...(diff3 ? ['--diff3'] : []), '-L', 'HEAD', '-L', 'base', '-L', 'other', ...files], { encoding: 'utf8' });
    assert.ok(r.status !== null && r.status > 0, `git merge-file reports conflicts: ${r.stderr}`);
    return r.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const noteOf = (source: string, id: string) => parseSidecar(source).sidecar!.annotations.find((a) => a.id === id)?.note;

describe('sidecar conflict markers', () => {
  it('splits a marked file into ours, base and theirs, keeping what is outside the markers in all three', () => {
    const marked = 'a: 1\n<<<<<<< HEAD\nb: ours\n||||||| base\nb: base\n=======\nb: theirs\n>>>>>>> other\nc: 3\n';
    assert.deepEqual(splitConflictMarkers(marked), {
      ours: 'a: 1\nb: ours\nc: 3\n',
      base: 'a: 1\nb: base\nc: 3\n',
      theirs: 'a: 1\nb: theirs\nc: 3\n',
      oursLabel: 'HEAD',
      theirsLabel: 'other',
    });
  });

  it('without an ancestor section there is no base; CRLF lines stay CRLF', () => {
    const marked = 'a: 1\r\n<<<<<<< HEAD\r\nb: ours\r\n=======\r\nb: theirs\r\n>>>>>>> other\r\n';
    const s = splitConflictMarkers(marked)!;
    assert.equal(s.base, undefined);
    assert.equal(s.ours, 'a: 1\r\nb: ours\r\n');
    assert.equal(s.theirs, 'a: 1\r\nb: theirs\r\n');
  });

  it('a file without markers is not split; a lone ======= outside a conflict is text', () => {
    assert.equal(splitConflictMarkers('a: 1\n=======\n'), undefined);
  });

  it('markers that do not nest as git writes them are refused, naming the line', () => {
    assert.throws(() => splitConflictMarkers('a: 1\n<<<<<<< HEAD\nb: 2\n'), (e: unknown) => e instanceof ConflictMarkerError && e.line === 2);
    assert.throws(() => splitConflictMarkers('a: 1\n<<<<<<< HEAD\n<<<<<<< HEAD\n'), (e: unknown) => e instanceof ConflictMarkerError && e.line === 3);
    assert.throws(() => splitConflictMarkers('a: 1\n>>>>>>> other\n'), (e: unknown) => e instanceof ConflictMarkerError && e.line === 2);
    assert.throws(() => splitConflictMarkers('<<<<<<< HEAD\nx\n>>>>>>> other\n'), (e: unknown) => e instanceof ConflictMarkerError && e.line === 3);
  });

  describe('merged by id', () => {
    const text = sampleArticle();
    const base = sampleSidecarSource();
    // Ours changes a3's note and a7's, theirs a3's origin and a7's note and adds an annotation:
    // git's line merge conflicts on both annotations (a3's fields are on neighbouring lines); by
    // id and field only a7 conflicts.
    const ours = editSidecar(base, (as) => {
      as.find((a) => a.id === 'a3')!.note = 'ours on a3';
      as.find((a) => a.id === 'a7')!.note = 'ours on a7';
    });
    const theirs = editSidecar(base, (as) => {
      as.find((a) => a.id === 'a3')!.origin = 'suggested';
      as.find((a) => a.id === 'a7')!.note = 'theirs on a7';
      as.push(annotationOn(text, 'a66', 'a safe and equal space', { type: 'mention', speaker: 'labour' }));
    });

    it('with diff3 markers: only what both changed differently is a conflict, everything else of both sides is in', () => {
      const marked = gitMergeFile(ours, base, theirs, true);
      assert.match(marked, /^\|{7} base$/m, 'git wrote the ancestor');
      assert.equal(marked.match(/^<{7}/gm)?.length, 2, 'git conflicts on a3 and on a7');
      assert.equal(parseSidecar(marked).readOnly, true, 'the marked file itself is unreadable');
      const merged = mergeConflictMarkers(marked, text)!;
      assert.deepEqual(
        listConflicts(merged.text).map((c) => [c.section, c.id, c.fields]),
        [['annotations', 'a7', ['note']]],
      );
      assert.equal(noteOf(merged.text, 'a3'), 'ours on a3');
      assert.equal(parseSidecar(merged.text).sidecar!.annotations.find((a) => a.id === 'a3')!.origin, 'suggested');
      assert.equal(noteOf(merged.text, 'a7'), 'ours on a7', 'ours stays in place until resolved');
      assert.equal(parseSidecar(merged.text).sidecar!.annotations.find((a) => a.id === 'a66')?.text, 'a safe and equal space');
      const resolved = resolveConflict(merged.text, 'annotations', 'a7', 'theirs');
      assert.equal(noteOf(resolved, 'a7'), 'theirs on a7');
      const p = parseSidecar(resolved);
      assert.deepEqual(p.problems.filter((x) => x.severity === 'error'), []);
      assert.doesNotMatch(resolved, /^conflicts:/m);
      assert.match(resolved, /^# Hand-annotated reference annotations/, 'comments kept');
    });

    it('with plain markers (no ancestor): every annotation the sides disagree on is a conflict, additions are kept', () => {
      const marked = gitMergeFile(ours, base, theirs, false);
      assert.doesNotMatch(marked, /^\|{7}/m);
      const merged = mergeConflictMarkers(marked, text)!;
      const conflicts = listConflicts(merged.text);
      assert.deepEqual(
        conflicts.map((c) => [c.id, c.fields]),
        [
          ['a3', ['note', 'origin']],
          ['a7', ['note']],
        ],
      );
      assert.equal((conflicts.find((c) => c.id === 'a3')!.theirs as { origin: string }).origin, 'suggested');
      assert.ok(parseSidecar(merged.text).sidecar!.annotations.some((a) => a.id === 'a66'), "theirs' addition is in");
      let out = merged.text;
      for (const c of conflicts) out = resolveConflict(out, c.section, c.id, c.id === 'a3' ? 'theirs' : 'ours');
      assert.equal(noteOf(out, 'a3'), undefined, "theirs' a3 has no note");
      assert.equal(parseSidecar(out).sidecar!.annotations.find((a) => a.id === 'a3')!.origin, 'suggested');
      assert.equal(noteOf(out, 'a7'), 'ours on a7');
      assert.deepEqual(listConflicts(out), []);
    });

    it('a side that is not a readable sidecar is refused, naming the side', () => {
      const marked = '<<<<<<< HEAD\nversion: [\n=======\nversion: 1\n>>>>>>> other\n';
      assert.throws(() => mergeConflictMarkers(marked), (e: unknown) => e instanceof UnmergeableError && /^ours \(HEAD\)/.test(e.label));
    });

    it('a file without markers gives undefined', () => {
      assert.equal(mergeConflictMarkers(base, text), undefined);
    });
  });
});
