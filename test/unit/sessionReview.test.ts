// Review actions on a session (src/core/session.ts): re-attach, accept, delete, each one
// undoable change, and what the sidecar gets written with.
import * as assert from 'node:assert/strict';
import { anchorAnnotations } from '../../src/core/anchoring';
import { AnnotationSession } from '../../src/core/session';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sampleArticle, sampleSidecarSource } from './helpers';

const ORPHAN_QUOTE = 'a positive and constructive meeting about tackling anti-semitism.';
const REPAIRED_OLD = 'It is hard to see where the Labour party goes from here';

/** The sample with a7 edited away (an orphan) and another quote's own words edited (repaired). */
function changed(): { text: string; session: AnnotationSession; source: string } {
  const text = sampleArticle()
    .replace(`${ORPHAN_QUOTE}"\n\nThis take`, 'a good meeting." This view')
    .replace(REPAIRED_OLD, 'It is hard to see where the Labour party goes next');
  const source = sampleSidecarSource();
  const parsed = parseSidecar(source);
  const r = anchorAnnotations(parsed.sidecar!, text);
  return { text, source, session: new AnnotationSession(text, parsed.sidecar!, r.placed, r.orphans) };
}

function written(session: AnnotationSession, text: string, source: string) {
  const parsed = parseSidecar(source);
  return parseSidecar(serializeSidecar(session.toSidecar(text), parsed.doc)).sidecar!;
}

describe('session: review items and actions', () => {
  it('lists the orphan first, then the repaired span, with old text and reason', () => {
    const { session } = changed();
    const items = session.reviewItems();
    assert.deepEqual(items.map((i) => [i.status, i.annotation.id]), [['orphan', 'a7'], ['repaired', items[1].annotation.id]]);
    assert.equal(items[0].oldText, ORPHAN_QUOTE);
    assert.match(items[0].reason!, /could not be found/);
    assert.equal(items[1].oldText, REPAIRED_OLD);
    assert.equal(items[1].annotation.text, 'It is hard to see where the Labour party goes next');
  });

  it('re-attaches an orphan to a selection, and Undo makes it an orphan again', () => {
    const { session, text, source } = changed();
    const at = text.indexOf('a good meeting.');
    session.reattach('a7', at, at + 'a good meeting.'.length);
    assert.equal(session.reviewItems().filter((i) => i.status === 'orphan').length, 0);
    const a7 = written(session, text, source).annotations.find((a) => a.id === 'a7')!;
    assert.deepEqual([a7.start, a7.text, a7.review], [at, 'a good meeting.', undefined]);
    assert.equal(session.undo(), 'Re-attach annotation');
    const back = written(session, text, source).annotations.find((a) => a.id === 'a7')!;
    assert.equal(back.text, ORPHAN_QUOTE);
    assert.equal(back.review?.status, 'orphan');
    session.redo();
    assert.equal(written(session, text, source).annotations.find((a) => a.id === 'a7')!.start, at);
  });

  it('re-attaches a repaired span elsewhere; Undo puts it back where it was, flagged, also after text edits', () => {
    const { session, text, source } = changed();
    const item = session.reviewItems()[1];
    const { id, start, end } = item.annotation;
    const at = text.indexOf('It is hard to see');
    session.reattach(id, at, at + 'It is hard'.length);
    assert.deepEqual(session.reviewItems().map((i) => i.status), ['orphan']);
    assert.equal(session.annotation(id)!.review, undefined);
    session.textEdited([{ offset: 0, length: 0, text: 'NEW ' }]);
    session.undo();
    const back = session.annotation(id)!;
    assert.deepEqual([back.start, back.end], [start + 4, end + 4]);
    assert.equal(back.review?.status, 'repaired');
    session.redo();
    const again = session.annotation(id)!;
    assert.deepEqual([again.start, again.end], [at + 4, at + 4 + 'It is hard'.length]);
    const out = written(session, 'NEW ' + text, source).annotations.find((a) => a.id === id)!;
    assert.deepEqual([out.text, out.review], ['It is hard', undefined]);
  });

  it('accepts a repaired span where it is (flag dropped in the file), undoably', () => {
    const { session, text, source } = changed();
    const id = session.reviewItems()[1].annotation.id;
    session.acceptReview(id);
    assert.equal(written(session, text, source).annotations.find((a) => a.id === id)!.review, undefined);
    session.undo();
    assert.equal(written(session, text, source).annotations.find((a) => a.id === id)!.review?.was, REPAIRED_OLD);
  });

  it('deletes an orphan and a repaired span, each undoable, and never reuses their ids', () => {
    const { session, text, source } = changed();
    const id = session.reviewItems()[1].annotation.id;
    session.deleteReviewItem('a7');
    session.deleteReviewItem(id);
    const out = written(session, text, source);
    assert.equal(out.annotations.length, 63);
    assert.deepEqual(session.reviewItems(), []);
    session.undo();
    session.undo();
    assert.equal(written(session, text, source).annotations.length, 65);
    assert.deepEqual(session.reviewItems().map((i) => i.annotation.id), ['a7', id]);
    assert.throws(() => session.deleteReviewItem('nope'), /unknown annotation "nope"/);
  });
});
