import * as assert from 'node:assert/strict';
import { anchorAnnotations } from '../../src/core/anchoring';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { mergeSidecarFiles } from '../../src/core/teams/mergeDocument';
import { placeSidecarOn } from '../../src/core/teams/sidecarMerge';
import { sha256Hex } from '../../src/core/text';
import { listConflicts, resolveConflict } from '../../src/core/teams/resolveConflict';
import { sampleArticle, sampleSidecarSource } from './helpers';
import { annotationOn, editSidecar, rewriteFor, updatedHeadline } from './teamsFixtures';

const side = (label: string, source: string) => ({ label, source });
const parsed = (source: string) => {
  const p = parseSidecar(source);
  assert.deepEqual(p.problems.filter((x) => x.severity === 'error'), [], 'the merged file reads without errors');
  return p;
};

describe('sidecar merge by id', () => {
  const text = sampleArticle();
  const base = sampleSidecarSource();
  const ids = parseSidecar(base).sidecar!.annotations.map((a) => a.id);

  it('two new annotations under the same next id are both kept, theirs under a fresh id, and comments stay', () => {
    const ours = editSidecar(base, (as) => void as.push(annotationOn(text, 'a66', 'further criticism')));
    const theirsSrc = editSidecar(base, (as) => void as.push(annotationOn(text, 'a66', 'a safe and equal space', { speaker: 'labour', type: 'mention' })));
    const theirs = theirsSrc.replace('  - id: a66', '  # theirs: checked by the desk\n  - id: a66');
    const { text: out, result } = mergeSidecarFiles(side('base', base), side('ours', ours), side('theirs', theirs), text);
    assert.deepEqual(result.conflicts, []);
    const s = parsed(out).sidecar!;
    assert.equal(s.annotations.length, ids.length + 2);
    const renamed = result.renamed.get('a66')!;
    assert.ok(renamed && renamed !== 'a66');
    assert.equal(s.annotations.find((a) => a.id === 'a66')!.text, 'further criticism');
    assert.equal(s.annotations.find((a) => a.id === renamed)!.text, 'a safe and equal space');
    assert.match(out, /^# Hand-annotated reference annotations/, "ours' comment kept");
    assert.match(out, new RegExp(`# theirs: checked by the desk\\n  - id: ${renamed}\\n`), "theirs' comment comes with its annotation");
  });

  it('different fields of one annotation changed on each side merge into one; the same field changed differently is a conflict', () => {
    const id = ids[5];
    const ours = editSidecar(base, (as) => void (as.find((a) => a.id === id)!.note = 'ours'));
    const theirs = editSidecar(base, (as) => void (as.find((a) => a.id === id)!.origin = 'suggested'));
    const clean = mergeSidecarFiles(side('base', base), side('ours', ours), side('theirs', theirs), text);
    assert.deepEqual(clean.result.conflicts, []);
    const a = parsed(clean.text).sidecar!.annotations.find((x) => x.id === id)!;
    assert.deepEqual([a.note, a.origin], ['ours', 'suggested']);

    const theirs2 = editSidecar(base, (as) => void (as.find((x) => x.id === id)!.note = 'theirs'));
    const conflicted = mergeSidecarFiles(side('base', base), side('ours', ours), side('theirs', theirs2), text);
    assert.deepEqual(conflicted.result.conflicts.map((c) => [c.section, c.id, c.fields]), [['annotations', id, ['note']]]);
    const p = parsed(conflicted.text);
    assert.equal(p.sidecar!.annotations.find((x) => x.id === id)!.note, 'ours', 'ours stays in place');
    const data = p.doc.toJS() as { conflicts: { annotations: Record<string, { fields: string[]; theirs: { note: string } }> } };
    assert.deepEqual(data.conflicts.annotations[id].fields, ['note']);
    assert.equal(data.conflicts.annotations[id].theirs.note, 'theirs');
  });

  it('an article edit on one side and a new annotation on the other: all annotations on the right text, no conflict', () => {
    const edited = updatedHeadline(text);
    const ours = rewriteFor(base, edited);
    const theirs = editSidecar(base, (as) => void as.push(annotationOn(text, 'a66', 'further criticism')));
    for (const [o, t] of [
      [ours, theirs],
      [theirs, ours],
    ]) {
      const { text: out, result } = mergeSidecarFiles(side('base', base), side('ours', o), side('theirs', t), edited);
      assert.deepEqual(result.conflicts, []);
      const s = parsed(out).sidecar!;
      const r = anchorAnnotations(s, edited);
      assert.ok(r.hashMatches);
      assert.equal(r.placed.length, ids.length + 1);
      assert.deepEqual(r.orphans, []);
      for (const a of r.placed) assert.equal(edited.slice(a.start, a.end), a.text, a.id);
    }
  });

  // The rule the importers and the editor follow: the text's sha256 written (the placed spans keep
  // trusted offsets), the spans not on the text flagged as orphans, which every reader looks for again.
  const gone = 'words this article never had in it';
  const onGoneWords = (id: string) => ({ ...annotationOn(`${gone} and more`, id, gone), start: 100, end: 100 + gone.length });
  // Written for another text (no hash to trust), as after an article edit on that side.
  const withGoneWords = () => editSidecar(base, (as) => void as.push(onGoneWords('a66'))).replace(/^\s*sha256: .*\n/m, '');

  it('an annotation one side has on words the article lacks: kept, flagged as an orphan; sha256 written, every other span trusted', () => {
    const ours = withGoneWords();
    const { text: out, result } = mergeSidecarFiles(side('base', base), side('ours', ours), side('theirs', base), text);
    assert.deepEqual(result.orphans, ['a66']);
    const s = parsed(out).sidecar!;
    assert.equal(s.document.sha256, sha256Hex(text));
    assert.equal(s.annotations.find((a) => a.id === 'a66')!.review?.status, 'orphan');
    const r = anchorAnnotations(s, text);
    assert.ok(r.hashMatches);
    assert.deepEqual(r.orphans.map((o) => o.annotation.id), ['a66'], 'the orphan is looked for, not trusted at its offsets');
    assert.equal(r.placed.length, ids.length);
  });

  it("an orphan on ours that theirs re-attached to words in the article: theirs' span, no orphan flag", () => {
    const withOrphan = withGoneWords();
    const reattached = editSidecar(withOrphan, (as) => as.map((a) => (a.id === 'a66' ? { ...annotationOn(text, 'a66', 'further criticism') } : a)));
    const { text: out, result } = mergeSidecarFiles(side('base', withOrphan), side('ours', withOrphan), side('theirs', reattached), text);
    assert.deepEqual(result.orphans, []);
    const a = parsed(out).sidecar!.annotations.find((x) => x.id === 'a66')!;
    assert.equal(a.text, 'further criticism');
    assert.equal(a.review, undefined);
  });

  it('placeSidecarOn (discarded or reloaded text): sha256 of the text, orphans kept at their stored span and flagged', () => {
    const s = parseSidecar(withGoneWords()).sidecar!;
    const { sidecar, orphans } = placeSidecarOn(s, updatedHeadline(text));
    assert.deepEqual(orphans, ['a66']);
    assert.equal(sidecar.document.sha256, sha256Hex(updatedHeadline(text)));
    const orphan = sidecar.annotations.find((a) => a.id === 'a66')!;
    assert.deepEqual([orphan.start, orphan.text, orphan.review?.status], [100, gone, 'orphan']);
    const r = anchorAnnotations(sidecar, updatedHeadline(text));
    assert.deepEqual(r.orphans.map((o) => o.annotation.id), ['a66']);
    for (const a of r.placed) assert.equal(updatedHeadline(text).slice(a.start, a.end), a.text, a.id);
  });

  it('without the article, one side moving every annotation and the other changing one field still merges', () => {
    const id = ids[3];
    const ours = rewriteFor(base, updatedHeadline(text));
    const theirs = editSidecar(base, (as) => void (as.find((a) => a.id === id)!.note = 'theirs'));
    const { text: out, result } = mergeSidecarFiles(side('base', base), side('ours', ours), side('theirs', theirs));
    assert.deepEqual(result.conflicts, []);
    const s = parsed(out).sidecar!;
    assert.equal(s.document.sha256, undefined, 'spans from two texts: no hash that would trust them');
    const r = anchorAnnotations(s, updatedHeadline(text));
    assert.deepEqual(r.orphans, []);
    assert.equal(r.placed.find((a) => a.id === id)!.note, 'theirs');
  });

  it('a speaker deleted on one side stays while the other side still refers to it; delete against change is a conflict', () => {
    const id = ids[0];
    const ours = editSidecar(base, (as) => as.filter((a) => a.id !== id));
    const theirs = editSidecar(base, (as) => void (as.find((a) => a.id === id)!.note = 'keep me'));
    const { text: out, result } = mergeSidecarFiles(side('base', base), side('ours', ours), side('theirs', theirs), text);
    assert.deepEqual(result.conflicts.map((c) => [c.id, c.oursDeleted]), [[id, true]]);
    const data = parsed(out).doc.toJS() as { conflicts: { annotations: Record<string, { ours: string; theirs: { note: string } }> } };
    assert.equal(data.conflicts.annotations[id].ours, 'deleted');
    assert.equal(data.conflicts.annotations[id].theirs.note, 'keep me');

    const p = parseSidecar(base);
    p.sidecar!.speakers.delete('gwynne');
    p.sidecar!.annotations = p.sidecar!.annotations.filter((a) => a.speaker !== 'gwynne');
    const noGwynne = serializeSidecar(p.sidecar!, p.doc);
    const addsGwynne = editSidecar(base, (as) => void as.push(annotationOn(text, 'a66', 'further criticism', { speaker: 'gwynne' })));
    const merged = mergeSidecarFiles(side('base', base), side('ours', noGwynne), side('theirs', addsGwynne), text);
    assert.ok(parsed(merged.text).sidecar!.speakers.has('gwynne'));
  });

  it('a field one side removed stays removed when the other side changed another field', () => {
    const id = ids[6];
    const withNote = editSidecar(base, (as) => void (as.find((a) => a.id === id)!.note = 'to be removed'));
    const ours = editSidecar(withNote, (as) => void delete as.find((a) => a.id === id)!.note);
    const theirs = editSidecar(withNote, (as) => void (as.find((a) => a.id === id)!.origin = 'suggested'));
    const { text: out, result } = mergeSidecarFiles(side('base', withNote), side('ours', ours), side('theirs', theirs), text);
    assert.deepEqual(result.conflicts, []);
    const a = parsed(out).sidecar!.annotations.find((x) => x.id === id)!;
    assert.deepEqual([a.note, a.origin], [undefined, 'suggested']);
  });

  it("a top-level key only theirs has is kept, with nothing else of theirs new", () => {
    const theirs = base + 'reviewed-by: the desk # who checked it\n';
    const { text: out } = mergeSidecarFiles(side('base', base), side('ours', base), side('theirs', theirs), text);
    assert.match(out, /^reviewed-by: the desk # who checked it$/m);
  });

  it('refuses a side that does not parse, naming it', () => {
    assert.throws(() => mergeSidecarFiles(side('base', base), side('ours', base), side('theirs', 'version: 1\nannotations: [\n'), text), /^Error: theirs:\d+:\d+: /);
  });

  it('a sidecar counting code points keeps code-point offsets through a merge on its article', () => {
    const article = '\u{1F600}\u{1F600} Corbyn said "hello there" today.\n';
    const cp = (t: string) => [...article.slice(0, article.indexOf(t))].length;
    const start = cp('hello there');
    const src = [
      'version: 1',
      'document:',
      '  offsets: codepoint',
      'speakers:',
      '  corbyn:',
      '    name: Jeremy Corbyn',
      '    kind: person',
      'demands: {}',
      'annotations:',
      `  - {id: a1, type: quote, speaker: corbyn, start: ${start}, end: ${start + 11}, text: hello there}`,
      '',
    ].join('\n');
    const theirs = src.replace('text: hello there}', 'text: hello there, note: checked}');
    const { text: out, result } = mergeSidecarFiles(side('base', src), side('ours', src), side('theirs', theirs), article);
    assert.deepEqual(result.conflicts, []);
    const a = parsed(out).sidecar!.annotations[0];
    assert.deepEqual([a.start, a.end, a.note], [start, start + 11, 'checked']);
  });
});

describe('resolving recorded conflicts', () => {
  const text = sampleArticle();
  const base = sampleSidecarSource();
  const id = parseSidecar(base).sidecar!.annotations[4].id;
  const conflicted = () => {
    const ours = editSidecar(base, (as) => void (as.find((a) => a.id === id)!.note = 'ours'));
    const theirs = editSidecar(base, (as) => void (as.find((a) => a.id === id)!.note = 'theirs'));
    return mergeSidecarFiles({ label: 'b', source: base }, { label: 'o', source: ours }, { label: 't', source: theirs }, text).text;
  };

  it('lists them, and taking theirs puts theirs in place and removes the conflicts key', () => {
    const src = conflicted();
    assert.deepEqual(listConflicts(src).map((c) => [c.section, c.id, c.fields, c.oursDeleted]), [['annotations', id, ['note'], false]]);
    const out = resolveConflict(src, 'annotations', id, 'theirs');
    assert.doesNotMatch(out, /^conflicts:/m);
    assert.equal(parseSidecar(out).sidecar!.annotations.find((a) => a.id === id)!.note, 'theirs');
    assert.deepEqual(listConflicts(out), []);
    assert.match(out, /^# Hand-annotated reference annotations/, 'comments stay');
  });

  it('keeping ours drops only the record', () => {
    const out = resolveConflict(conflicted(), 'annotations', id, 'ours');
    assert.equal(parseSidecar(out).sidecar!.annotations.find((a) => a.id === id)!.note, 'ours');
    assert.deepEqual(listConflicts(out), []);
    assert.throws(() => resolveConflict(out, 'annotations', id, 'ours'), /no conflict recorded/);
  });
});
