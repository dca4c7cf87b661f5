// Proposals for orphans (src/core/reviewProposal.ts): the best approximate place of the text,
// shown to a person, never placed on its own.
import * as assert from 'node:assert/strict';
import { anchorAnnotations } from '../../src/core/anchoring';
import { Annotation } from '../../src/core/model';
import { ProposalFinder, proposeAll } from '../../src/core/reviewProposal';
import { parseSidecar } from '../../src/core/sidecar';
import { sampleArticle, sampleSidecarSource } from './helpers';

const QUOTE = 'a positive and constructive meeting about tackling anti-semitism.';

describe('review proposals for orphans', () => {
  it('proposes the closest words for an orphan whose text and context were both edited (the article restates it)', () => {
    const text = sampleArticle().replace(`${QUOTE}"\n\nThis take`, 'a positive meeting about tackling antisemitism," they said. That view');
    const r = anchorAnnotations(parseSidecar(sampleSidecarSource()).sidecar!, text);
    assert.deepEqual(r.orphans.map((o) => o.annotation.id), ['a7'], 'anchoring does not place it');
    const p = new ProposalFinder(text).propose(r.orphans[0].annotation)!;
    assert.equal(p.text, text.slice(p.start, p.end));
    assert.match(p.text, /^a positive (and constructive )?meeting about tackling anti-?semitism/);
    assert.ok(p.score > 0 && p.score < 1);
  });

  it('finds the words far from where the orphan was, through its rarest words', () => {
    const filler = 'Nothing to see in this sentence at all. '.repeat(5000);
    const text = `${filler}He called it a fruitful and constructive meeting on tackling racism.`;
    const a: Annotation = { id: 'a1', type: 'quote', start: 10, end: 10 + QUOTE.length, text: QUOTE, prefix: 'Mr Corbyn said it was ', suffix: '" This take' };
    const p = new ProposalFinder(text).propose(a)!;
    assert.ok(p, 'a proposal');
    assert.ok(p.start > filler.length - 5, `at ${p.start}`);
    assert.match(p.text, /constructive meeting on tackling/);
  });

  it('proposes nothing when nothing is close, nor for an orphan without text', () => {
    const text = 'The weather was fine and the trains ran on time. '.repeat(20);
    const a: Annotation = { id: 'a1', type: 'quote', start: 0, end: 5, text: QUOTE };
    assert.equal(new ProposalFinder(text).propose(a), undefined);
    assert.equal(new ProposalFinder(text).propose({ id: 'a2', type: 'quote', start: 0, end: 5 }), undefined);
    assert.equal(proposeAll(text, [a]).size, 0);
  });

  it('on a text of one repeated letter, gives an answer without exploring every near match', () => {
    const text = 'a'.repeat(1_000_000);
    const orphans: Annotation[] = Array.from({ length: 200 }, (_, i) => ({ id: `a${i}`, type: 'quote', start: i * 5000, end: i * 5000 + 12, text: 'aaaaaabaaaaa' }));
    const proposals = proposeAll(text, orphans);
    for (const p of proposals.values()) assert.equal(p.text, text.slice(p.start, p.end));
  });
});
