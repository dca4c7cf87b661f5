import * as assert from 'node:assert/strict';
import { PALETTE_SIZE, speakerSlot, speakerSlots } from '../../src/core/palette';
import { parseSidecar } from '../../src/core/sidecar';
import { sampleSidecarSource, sidecarWith, speaker } from './helpers';

describe('palette', () => {
  it('gives speakers slots by their order in the sidecar, wrapping after the palette size', () => {
    const s = sidecarWith(Array.from({ length: 12 }, (_, i) => speaker(`s${i}`, `S${i}`)), [], []);
    assert.equal(PALETTE_SIZE, 10);
    assert.deepEqual([...speakerSlots(s, 'speaker').values()], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1, 2]);
    assert.equal(speakerSlot(s, 'unknown', 'speaker'), PALETTE_SIZE);
  });

  it('gives slots by kind: person, organisation, group, anonymous', () => {
    const sidecar = parseSidecar(sampleSidecarSource()).sidecar!;
    const slots = speakerSlots(sidecar, 'kind');
    assert.equal(slots.get('corbyn'), 1);
    assert.equal(slots.get('jlc'), 2);
    assert.equal(slots.get('jlc-bod'), 3);
    assert.equal(slots.get('labour-sources'), 4);
    assert.equal(speakerSlot(sidecar, 'unknown', 'kind'), 1);
    assert.equal(speakerSlots(sidecar, 'speaker').get('labour'), 2); // the 12th speaker wraps round
  });
});
