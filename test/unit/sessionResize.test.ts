// Resizing an annotation on a session: one undoable change, its data (review flag too) kept,
// and the sidecar written with the new offsets, text and context.
import * as assert from 'node:assert/strict';
import { anchorAnnotations, anchorContext } from '../../src/core/anchoring';
import { AnnotationSession } from '../../src/core/session';
import { parseSidecar } from '../../src/core/sidecar';
import { sampleArticle, sampleSidecarSource } from './helpers';

const REPAIRED_OLD = 'It is hard to see where the Labour party goes from here';

function session(text = sampleArticle()): AnnotationSession {
  const parsed = parseSidecar(sampleSidecarSource());
  const r = anchorAnnotations(parsed.sidecar!, text);
  return new AnnotationSession(text, parsed.sidecar!, r.placed, r.orphans);
}

describe('session: resizing an annotation', () => {
  it('moves its span as one undoable change; the sidecar gets the new text and context; Undo and Redo', () => {
    const text = sampleArticle();
    const s = session(text);
    const a = s.annotations()[0];
    const before = { ...a };
    s.resizeAnnotation(a.id, a.start, a.end - 1, `Resize ${a.id}`);
    const out = s.toSidecar(text).annotations.find((x) => x.id === a.id)!;
    assert.deepEqual([out.start, out.end], [a.start, a.end - 1]);
    assert.deepEqual([out.text, out.prefix, out.suffix], Object.values(anchorContext(text, a.start, a.end - 1)));
    assert.equal(out.speaker, before.speaker);
    assert.equal(s.undo(), `Resize ${a.id}`);
    const back = s.annotation(a.id)!;
    assert.deepEqual([back.start, back.end], [before.start, before.end]);
    assert.equal(s.toSidecar(text).annotations.find((x) => x.id === a.id)!.text, text.slice(before.start, before.end));
    s.redo();
    assert.equal(s.annotation(a.id)!.end, a.end - 1);
  });

  it('keeps a review flag as it is (Re-attach is what drops it)', () => {
    const text = sampleArticle().replace(REPAIRED_OLD, 'It is hard to see where the Labour party goes next');
    const s = session(text);
    const flagged = s.reviewItems().find((i) => i.status === 'repaired')!.annotation;
    s.resizeAnnotation(flagged.id, flagged.start, flagged.start + 'It is hard'.length);
    const now = s.annotation(flagged.id)!;
    assert.equal(now.review?.status, 'repaired');
    assert.equal(text.slice(now.start, now.end), 'It is hard');
  });
});
