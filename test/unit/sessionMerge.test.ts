// A session taking in what changed on disk (AnnotationSession.adopt), and the conflicts a merge
// leaves, shown with both values and resolved as chosen (conflictChoices).
import * as assert from 'node:assert/strict';
import { anchorAnnotations } from '../../src/core/anchoring';
import { buildArticleModel } from '../../src/core/articleModel';
import { AnnotationSession } from '../../src/core/session';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { applyChoices, conflictSummary, conflictViews } from '../../src/core/teams/conflictChoices';
import { mergeSidecarFiles } from '../../src/core/teams/mergeDocument';
import { sampleArticle, sampleSidecarSource } from './helpers';
import { annotationOn, editSidecar } from './teamsFixtures';

const text = sampleArticle();
const base = sampleSidecarSource();

function open(source = base): AnnotationSession {
  const parsed = parseSidecar(source);
  const anchored = anchorAnnotations(parsed.sidecar!, text);
  return new AnnotationSession(text, parsed.sidecar!, anchored.placed, anchored.orphans);
}

describe('AnnotationSession.adopt: the merge with the file on disk', () => {
  it('takes in theirs as one labelled undo step, after ours; undo takes out theirs only', () => {
    const session = open();
    session.updateAnnotation('a3', { note: 'mine' });
    const theirs = editSidecar(base, (as) => {
      as.find((a) => a.id === 'a5')!.note = 'theirs';
      as.push(annotationOn(text, 'a66', 'a safe and equal space', { type: 'mention', speaker: 'labour' }));
      return as.filter((a) => a.id !== 'a9');
    });
    const ours = serializeSidecar(session.toSidecar(text), parseSidecar(base).doc);
    const merged = mergeSidecarFiles({ label: 'base', source: base }, { label: 'ours', source: ours }, { label: 'theirs', source: theirs }, text);
    assert.deepEqual(merged.result.conflicts, []);
    const model = buildArticleModel(merged.text, text);
    session.changedSinceWrite = false;
    assert.equal(session.adopt({ ...model.sidecar, placed: model.placed, orphans: model.orphans }, 'Merge from disk'), true);
    assert.equal(session.changedSinceWrite, true);
    assert.equal(session.annotation('a3')?.note, 'mine');
    assert.equal(session.annotation('a5')?.note, 'theirs');
    assert.equal(session.annotation('a9'), undefined, 'theirs deleted a9');
    const a66 = session.annotation('a66')!;
    assert.equal(text.slice(a66.start, a66.end), 'a safe and equal space');
    assert.equal(session.nextId(), 'a67', "theirs' id is never given out again");
    assert.equal(session.undo(), 'Merge from disk');
    assert.equal(session.annotation('a5')?.note, undefined);
    assert.ok(session.annotation('a9'));
    assert.equal(session.annotation('a3')?.note, 'mine', 'ours stays');
    assert.equal(session.undo(), 'Edit annotation');
  });

  it('without a label, nothing goes into the history; the same content again changes nothing', () => {
    const session = open();
    const theirs = editSidecar(base, (as) => void (as.find((a) => a.id === 'a5')!.note = 'theirs'));
    const model = buildArticleModel(theirs, text);
    const target = { ...model.sidecar, placed: model.placed, orphans: model.orphans };
    assert.equal(session.adopt(target), true);
    assert.equal(session.canUndo(), false);
    assert.equal(session.annotation('a5')?.note, 'theirs');
    assert.equal(session.adopt(target), false);
  });

  it('an annotation theirs moved where our text does not have it becomes an orphan, kept in the file', () => {
    const session = open();
    const theirs = editSidecar(base, (as) => {
      const a = as.find((x) => x.id === 'a5')!;
      Object.assign(a, { start: 3, end: 20, text: 'words only their article has', prefix: '', suffix: '' });
    });
    const model = buildArticleModel(theirs.replace(/^  sha256: \w+\n/m, ''), text);
    assert.deepEqual(model.orphans.map((o) => o.annotation.id), ['a5']);
    session.adopt({ ...model.sidecar, placed: model.placed, orphans: model.orphans });
    assert.equal(session.annotation('a5'), undefined, 'not drawn');
    const written = session.toSidecar(text).annotations.find((a) => a.id === 'a5');
    assert.equal(written?.text, 'words only their article has', 'written back as it came');
  });
});

describe('conflict choices', () => {
  const ours = editSidecar(base, (as) => void (as.find((a) => a.id === 'a7')!.note = 'mine'));
  const theirs = editSidecar(base, (as) => {
    as.find((a) => a.id === 'a7')!.note = 'theirs';
    as.find((a) => a.id === 'a8')!.origin = 'suggested';
  });
  const oursA8 = editSidecar(ours, (as) => void (as.find((a) => a.id === 'a8')!.origin = 'manual'));
  let merged: string;
  before(() => {
    merged = mergeSidecarFiles({ label: 'base', source: base }, { label: 'ours', source: oursA8 }, { label: 'theirs', source: theirs }, text).text;
  });

  it('shows each conflict by id and field, with both values', () => {
    const views = conflictViews(merged);
    assert.deepEqual(
      views.map((v) => [v.what, v.values]),
      [
        ['annotation a7', [{ field: 'note', ours: '"mine"', theirs: '"theirs"' }]],
        ['annotation a8', [{ field: 'origin', ours: '"manual"', theirs: '"suggested"' }]],
      ],
    );
    assert.deepEqual(conflictSummary(views), ['annotation a7: note (mine "mine", theirs "theirs")', 'annotation a8: origin (mine "manual", theirs "suggested")']);
  });

  it('applies each choice; an unanswered conflict stays recorded', () => {
    const out = applyChoices(merged, (c) => (c.id === 'a7' ? 'theirs' : undefined));
    const s = parseSidecar(out).sidecar!;
    assert.equal(s.annotations.find((a) => a.id === 'a7')!.note, 'theirs');
    assert.deepEqual(conflictViews(out).map((v) => v.id), ['a8']);
    const all = applyChoices(out, () => 'ours');
    assert.equal(parseSidecar(all).sidecar!.annotations.find((a) => a.id === 'a8')!.origin, 'manual');
    assert.deepEqual(conflictViews(all), []);
    assert.doesNotMatch(all, /^conflicts:/m);
  });
});
