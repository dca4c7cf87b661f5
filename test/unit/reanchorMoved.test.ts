// Passages moved as a whole: paragraphs put in another order keep their spans.
import * as assert from 'node:assert/strict';
import { anchorAnnotations } from '../../src/core/anchoring';
import { parseSidecar } from '../../src/core/sidecar';
import { sampleArticle, sampleSidecarSource } from './helpers';

/** The paragraphs in reverse order, and where each old offset went. */
function reversed(text: string): { text: string; moved: (offset: number) => number } {
  const paragraphs: { start: number; text: string }[] = [];
  let at = 0;
  for (const p of text.split('\n\n')) {
    paragraphs.push({ start: at, text: p });
    at += p.length + 2;
  }
  const order = [...paragraphs].reverse();
  const newStart = new Map<number, number>();
  let to = 0;
  for (const p of order) {
    newStart.set(p.start, to);
    to += p.text.length + 2;
  }
  const moved = (offset: number) => {
    const p = [...paragraphs].reverse().find((q) => q.start <= offset)!;
    return newStart.get(p.start)! + offset - p.start;
  };
  return { text: order.map((p) => p.text).join('\n\n'), moved };
}

describe('re-anchoring: paragraphs put in another order', () => {
  it('the sample reversed: every span placed is on its own words, and passages of two or more spans are placed (49 of 65; 4 before)', () => {
    const sidecar = parseSidecar(sampleSidecarSource()).sidecar!;
    const { text, moved } = reversed(sampleArticle());
    const r = anchorAnnotations(sidecar, text);
    for (const p of r.placed) {
      const stored = sidecar.annotations.find((a) => a.id === p.id)!;
      assert.deepEqual([p.start, p.end], [moved(stored.start), moved(stored.start) + stored.end - stored.start], `${p.id} misplaced`);
    }
    assert.ok(r.placed.length >= 49, `${r.placed.length} placed; orphans ${r.orphans.map((o) => o.annotation.id).join(' ')}`);
    // The ones left are spans alone in their paragraph or at both of its edges, and a33/a34 whose
    // words are also in the letter quoted at the end: kept, flagged, never dropped.
    assert.equal(r.placed.length + r.orphans.length, sidecar.annotations.length);
  });
});
