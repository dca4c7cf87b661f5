// Re-anchoring a whole sidecar at once: the spans found with all of their context, in the
// stored order, bound where every other one can be (src/core/reanchorPlan.ts).
import * as assert from 'node:assert/strict';
import { anchorAnnotations, anchorContext } from '../../src/core/anchoring';
import { Annotation } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { sampleArticle, sampleSidecarSource, sidecarWith, speaker } from './helpers';

function annotation(text: string, id: string, words: string, last = false): Annotation {
  const start = last ? text.lastIndexOf(words) : text.indexOf(words);
  return { id, type: 'quote', speaker: 's', start, end: start + words.length, ...anchorContext(text, start, start + words.length) };
}

function outcomes(old: string, annotations: Annotation[], now: string): string[] {
  const r = anchorAnnotations(sidecarWith([speaker('s', 'S')], [], annotations, sha256Hex(old)), now);
  return r.outcomes.map((o) => `${o.annotationId} ${o.status}${o.start === undefined ? '' : ` ${o.start}`}`);
}

describe('re-anchoring: neighbours bound where a span can be', () => {
  it('regression: a deleted paragraph repeated earlier, context and all, is an orphan, not put on the earlier copy past an anchor', () => {
    const repeated = 'The team met the press, and sources said so.\n';
    const [intro, middle, closing] = ['Intro words, ends.\n', 'A middle paragraph about quite other things, which goes on for a good while longer, ends.\n', 'Closing words follow here, and then more of them until the very end of it.\n'];
    const old = intro + repeated + middle + repeated + closing;
    const annotations = [annotation(old, 'm', 'quite other'), annotation(old, 's2', 'sources said', true), annotation(old, 'c', 'more of them')];
    const now = intro + repeated + middle + closing;
    // The copy in the second paragraph has all of the prefix and part of the suffix: more than
    // half of the context, but it lies before "quite other", which came before the span.
    assert.deepEqual(outcomes(old, annotations, now), [`m exact ${now.indexOf('quite other')}`, 's2 orphan', `c moved ${now.indexOf('more of them')}`]);
  });

  it('regression: the words at the old offsets with most of their context are not trusted when the neighbours say the copy there is another span', () => {
    const [x, y, z] = ['X: and so on and so forth and so on, then the council agreed.\n', 'Y: and so on and so forth and so on, then the council agreed.\n', 'Outro words here for the suffix to matter, and more words.\n'];
    const old = 'Intro.\n' + x + y + z;
    const annotations = [annotation(old, 'x', 'the council'), annotation(old, 'y', 'the council', true), annotation(old, 'o', 'Outro')];
    const now = 'Intro.\n' + y + z;
    // Deleting X's paragraph brings Y's "the council" to exactly x's old offsets.
    assert.equal(now.slice(annotations[0].start, annotations[0].end), 'the council');
    assert.deepEqual(outcomes(old, annotations, now), ['x orphan', `y moved ${annotations[0].start}`, `o moved ${now.indexOf('Outro')}`]);
  });
});

describe('re-anchoring: a passage moved as a whole', () => {
  const sample = sampleArticle;
  const sampleSidecar = () => parseSidecar(sampleSidecarSource()).sidecar!;

  for (const [from, to] of [[10, 2], [20, 5], [5, 25], [30, 1]]) {
    it(`regression: the sample's paragraph ${from} moved to place ${to}: every span placed on its own words, none an orphan`, () => {
      const paragraphs = sample().split('\n\n');
      const [moved] = paragraphs.splice(from, 1);
      paragraphs.splice(to, 0, moved);
      const now = paragraphs.join('\n\n');
      const sidecar = sampleSidecar();
      const r = anchorAnnotations(sidecar, now);
      assert.deepEqual(r.orphans.map((o) => o.annotation.id), [], 'no orphan');
      for (const a of r.placed) assert.equal(now.slice(a.start, a.end), sidecar.annotations.find((x) => x.id === a.id)!.text, a.id);
    });
  }
});
