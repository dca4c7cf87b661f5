import * as assert from 'node:assert/strict';
import { LABELS, tokenFacts } from '../../src/core/suggest/features';
import { Chunk, chunksOf, linkChunks } from '../../src/core/suggest/spans';
import { tokenize } from '../../src/core/suggest/tokenize';

const ids = (names: string[]) => names.map((n) => LABELS.indexOf(n as (typeof LABELS)[number]));

describe('suggest: chunks and links', () => {
  it('reads BIO chunks as CofeNet does: B opens, I of the same kind continues, a stray I is dropped', () => {
    const labels = ids(['B-source', 'I-cue', 'B-cue', 'I-cue', 'B-content', 'I-content', 'O', 'I-content', 'B-source', 'B-source']);
    assert.deepEqual(chunksOf(labels), [
      { kind: 'source', first: 0, end: 1 },
      { kind: 'cue', first: 2, end: 4 },
      { kind: 'content', first: 4, end: 6 },
      { kind: 'source', first: 8, end: 9 },
      { kind: 'source', first: 9, end: 10 },
    ]);
    assert.deepEqual(chunksOf(labels, 6, 8), []);
  });

  it('links a quote the cue interrupts as one content in two parts, and a floating quote to the last speaker', () => {
    const text = '“We won,” Smith said, “and we will win again.”\n\n“It was fair.”';
    const tt = tokenize(text);
    const at = (s: string, from = 0) => tt.tokens.findIndex((t) => t.start >= text.indexOf(s, from));
    const chunk = (kind: Chunk['kind'], from: string, to: string): Chunk => ({ kind, first: at(from), end: at(to) });
    const first = chunk('content', '“We', ' Smith');
    const second: Chunk = { kind: 'content', first: at('“and'), end: at('\n\n') };
    const floating: Chunk = { kind: 'content', first: at('“It'), end: tt.tokens.length };
    const source = chunk('source', 'Smith', ' said');
    const cue = chunk('cue', 'said', ', “and');
    const links = linkChunks(tt, tokenFacts(tt).sentence, [first, source, cue, second, floating]);
    assert.equal(links.length, 1);
    assert.deepEqual(links[0], { cue, source, content: [first, second, floating] });
  });

  it('a source with no cue in its paragraph stands alone', () => {
    const tt = tokenize('Smith.\n\nJones said it.');
    const links = linkChunks(tt, tokenFacts(tt).sentence, [
      { kind: 'source', first: 0, end: 1 },
      { kind: 'source', first: 2, end: 3 },
      { kind: 'cue', first: 3, end: 4 },
    ]);
    assert.deepEqual(links, [
      { cue: { kind: 'cue', first: 3, end: 4 }, source: { kind: 'source', first: 2, end: 3 }, content: [] },
      { source: { kind: 'source', first: 0, end: 1 }, content: [] },
    ]);
  });
});
