import * as assert from 'node:assert/strict';
import { AnnotationSession } from '../../src/core/session';
import { serializeSidecar } from '../../src/core/sidecar';
import { sidecarWith, speaker } from './helpers';

const TEXT = 'Alice said hello. Bob said goodbye.';

function fresh(): AnnotationSession {
  const base = sidecarWith([speaker('alice', 'Alice')], [], [{ id: 'a1', type: 'mention', speaker: 'alice', start: 0, end: 5 }]);
  return new AnnotationSession(TEXT, base, base.annotations);
}

describe('AnnotationSession.group', () => {
  it('undoes a new speaker and its first annotation in one step, and redoes them together', () => {
    const session = fresh();
    const before = serializeSidecar(session.toSidecar(TEXT));
    session.group('Add quote of Bob', () => {
      session.upsertSpeaker(speaker('bob', 'Bob'));
      session.addAnnotation({ type: 'quote', speaker: 'bob', start: 18, end: 35 });
    });
    const after = serializeSidecar(session.toSidecar(TEXT));
    assert.notEqual(after, before);
    assert.equal(session.undo(), 'Add quote of Bob');
    assert.equal(serializeSidecar(session.toSidecar(TEXT)), before);
    assert.equal(session.canUndo(), false, 'one step, not two');
    assert.equal(session.redo(), 'Add quote of Bob');
    assert.equal(serializeSidecar(session.toSidecar(TEXT)), after);
  });

  it('merges several changes to one annotation into its first before and last after', () => {
    const session = fresh();
    session.group('Edit', () => {
      session.updateAnnotation('a1', { note: 'one' });
      session.updateAnnotation('a1', { note: 'two' });
      session.upsertSpeaker(speaker('bob', 'Bob'));
      session.upsertSpeaker(speaker('carol', 'Carol'));
    });
    assert.equal(session.annotation('a1')?.note, 'two');
    assert.deepEqual([...session.speakers.keys()], ['alice', 'bob', 'carol']);
    session.undo();
    assert.equal(session.annotation('a1')?.note, undefined);
    assert.deepEqual([...session.speakers.keys()], ['alice']);
  });

  it('an empty group adds no step; a nested group joins the outer one; a new change clears redo', () => {
    const session = fresh();
    session.group('Nothing', () => undefined);
    assert.equal(session.canUndo(), false);
    session.group('Outer', () => {
      session.updateAnnotation('a1', { note: 'x' });
      session.group('Inner', () => session.upsertSpeaker(speaker('bob', 'Bob')));
    });
    assert.equal(session.undo(), 'Outer');
    assert.equal(session.canUndo(), false);
    assert.equal(session.canRedo(), true);
    session.group('Again', () => session.updateAnnotation('a1', { note: 'y' }));
    assert.equal(session.canRedo(), false);
  });

  it('keeps what ran before a throw as one undoable step', () => {
    const session = fresh();
    assert.throws(() =>
      session.group('Half', () => {
        session.upsertSpeaker(speaker('bob', 'Bob'));
        throw new Error('boom');
      }),
    );
    assert.ok(session.speakers.has('bob'));
    assert.equal(session.undo(), 'Half');
    assert.ok(!session.speakers.has('bob'));
  });
});
