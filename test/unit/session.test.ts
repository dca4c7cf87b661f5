import * as assert from 'node:assert/strict';
import { anchorAnnotations } from '../../src/core/anchoring';
import { AnnotationSession } from '../../src/core/session';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { sampleArticle, sampleSidecarSource } from './helpers';

function open(): { session: AnnotationSession; text: string; source: string } {
  const text = sampleArticle();
  const source = sampleSidecarSource();
  const parsed = parseSidecar(source);
  const anchored = anchorAnnotations(parsed.sidecar!, text);
  return { session: new AnnotationSession(text, parsed.sidecar!, anchored.placed, anchored.orphans), text, source };
}

describe('AnnotationSession', () => {
  it('starts with the sample annotations and gives fresh, never reused ids', () => {
    const { session } = open();
    assert.equal(session.annotations().length, 65);
    assert.equal(session.nextId(), 'a66');
    const a = session.addAnnotation({ type: 'mention', speaker: 'corbyn', start: 0, end: 6 });
    assert.equal(a.id, 'a66');
    session.deleteAnnotation('a66');
    assert.equal(session.nextId(), 'a67', 'a deleted id is not given out again');
  });

  it('undoes and redoes annotation changes, and the written file returns byte for byte', () => {
    const { session, text, source } = open();
    const doc = parseSidecar(source).doc;
    assert.equal(serializeSidecar(session.toSidecar(text), doc), source, 'unchanged session writes the same bytes');
    session.updateAnnotation('a7', { note: 'checked' });
    session.deleteAnnotation('a8');
    session.renameSpeaker('corbyn', 'jeremy-corbyn', 'Jeremy Bernard Corbyn');
    const changed = serializeSidecar(session.toSidecar(text), doc);
    assert.match(changed, /jeremy-corbyn:\n {4}name: Jeremy Bernard Corbyn/);
    assert.doesNotMatch(changed, /speaker: corbyn\n/);
    assert.doesNotMatch(changed, /- id: a8\n/);
    assert.match(changed, /note: checked/);
    assert.equal(session.undo(), 'Rename speaker “Jeremy Corbyn”', 'names in undo labels are quoted as every message quotes them');
    session.undo();
    session.undo();
    assert.equal(session.canUndo(), false);
    assert.equal(serializeSidecar(session.toSidecar(text), doc), source, 'after undoing everything');
    session.redo();
    assert.ok(session.annotation('a7')?.note === 'checked');
  });

  it('an annotation brought back by undo comes back where its text is now', () => {
    const { session, text } = open();
    const a = session.annotation('a7')!;
    session.deleteAnnotation('a7');
    session.textEdited([{ offset: 0, length: 0, text: 'NEW ' }]);
    session.undo();
    const back = session.annotation('a7')!;
    assert.equal(('NEW ' + text).slice(back.start, back.end), text.slice(a.start, a.end));
  });

  it('writes the hash and anchors of the text it is given, and keeps orphans unchanged', () => {
    const text = sampleArticle();
    const parsed = parseSidecar(sampleSidecarSource());
    const changedText = text.replace('a positive and constructive meeting about tackling anti-semitism."\n\nThis take', 'a good meeting." This view');
    const anchored = anchorAnnotations(parsed.sidecar!, changedText);
    assert.equal(anchored.orphans.length, 1, 'the edited quote cannot be re-anchored');
    const session = new AnnotationSession(changedText, parsed.sidecar!, anchored.placed, anchored.orphans);
    const out = session.toSidecar(changedText);
    // The hash is written and the orphan carries its review flag: a reader never trusts a flagged
    // orphan's old offsets (without the flag it would draw it on other words).
    assert.equal(out.document.sha256, sha256Hex(changedText), 'the hash of the text written for');
    assert.equal(out.annotations.length, 65, 'the orphan is kept');
    const orphan = out.annotations.find((x) => x.id === anchored.orphans[0].annotation.id)!;
    assert.equal(orphan.text, anchored.orphans[0].annotation.text);
    assert.equal(orphan.review?.status, 'orphan', 'the orphan is flagged');
    for (const x of out.annotations) if (x !== orphan) assert.equal(changedText.slice(x.start, x.end), x.text);
    assert.deepEqual(anchorAnnotations(out, changedText).orphans.map((o) => o.annotation.id), [orphan.id], 'read back, it is still an orphan');
    assert.equal(new AnnotationSession(changedText, parsed.sidecar!, anchored.placed).toSidecar(changedText).document.sha256, sha256Hex(changedText), 'the hash when all are placed');
  });

  it('converts back to code points for a codepoint sidecar', () => {
    const text = '😀 Alice said hi.';
    const parsed = parseSidecar(
      'version: 1\ndocument: {offsets: codepoint}\nspeakers:\n  alice: {name: Alice, kind: person}\nannotations:\n  - {id: a1, type: mention, speaker: alice, start: 2, end: 7}\n',
    );
    const anchored = anchorAnnotations(parsed.sidecar!, text);
    assert.equal(text.slice(anchored.placed[0].start, anchored.placed[0].end), 'Alice');
    const session = new AnnotationSession(text, parsed.sidecar!, anchored.placed);
    const a = session.toSidecar(text).annotations[0];
    assert.deepEqual([a.start, a.end, a.text], [2, 7, 'Alice']);
  });

  it("VS Code's undo of a deletion restores the squeezed and removed spans exactly", () => {
    const { session, text } = open();
    const a = session.annotation('a13')!;
    const from = a.start - 3;
    const removed = text.slice(from, a.end + 3);
    session.textEdited([{ offset: from, length: removed.length, text: '' }]);
    assert.equal(session.annotation('a13'), undefined);
    session.textEdited([{ offset: from, length: 0, text: removed }], 'undo');
    const back = session.annotation('a13')!;
    assert.deepEqual([back.start, back.end], [a.start, a.end]);
    assert.equal(session.annotations().length, 65);
  });

  it('a plain re-insertion of the same text is not mistaken for an undo', () => {
    const { session, text } = open();
    const a = session.annotation('a13')!;
    const removed = text.slice(a.start, a.end);
    session.textEdited([{ offset: a.start, length: removed.length, text: '' }]);
    session.textEdited([{ offset: a.start, length: 0, text: removed }]);
    assert.equal(session.annotation('a13'), undefined, 'typed again by hand: the user deleted it, it stays deleted');
  });
});
