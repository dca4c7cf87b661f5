// The fault suite's invariant helper catches what it is there to catch.
import * as assert from 'node:assert/strict';
import { annotationTexts, assertInvariant, classifyFile } from './faultInvariant';
import { deskEdit } from './faultFixtures';
import { SIDECAR, TEXT } from './pipelineHelpers';
import { editSidecar } from './teamsFixtures';

describe('fault suite: the id/text invariant', () => {
  const before = annotationTexts(SIDECAR);

  it('an untouched pair keeps every annotation', () => {
    const r = classifyFile(before, SIDECAR, TEXT);
    assert.equal(r.kept.length, before.size);
    assertInvariant(r, 'untouched', { orphans: [] });
  });

  it('an annotation gone from the file is lost; a new one is invented', () => {
    const r = classifyFile(before, editSidecar(SIDECAR, (as) => [...as.filter((a) => a.id !== 'a5'), { ...as[0], id: 'zz' }]), TEXT);
    assert.deepEqual(r.lost, ['a5']);
    assert.deepEqual(r.invented, ['zz']);
    assert.throws(() => assertInvariant(r, 'edited'), /lost/);
  });

  it('an annotation whose text is gone from the article is an orphan, and one placed on other text unflagged is misplaced', () => {
    const r = classifyFile(before, SIDECAR, deskEdit(TEXT));
    assert.ok(r.orphans.includes('a7'), JSON.stringify(r.orphans));
    // a3's text was edited: anchoring flags it as repaired.
    assert.ok(r.flagged.includes('a3'));
    assertInvariant(r, 'desk edit');
    const moved = editSidecar(SIDECAR, (as) => void (as.find((a) => a.id === 'a6')!.text = 'not what it said'));
    const wrong = classifyFile(annotationTexts(moved), SIDECAR, TEXT);
    assert.deepEqual(wrong.misplaced, ['a6']);
    assert.throws(() => assertInvariant(wrong, 'wrong'), /without a flag/);
  });

  it('a torn file fails to read back', () => {
    assert.throws(() => annotationTexts(SIDECAR.slice(0, SIDECAR.length / 2) + '\n  - id: [\n'), /reads back/);
  });
});
