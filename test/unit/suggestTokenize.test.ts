import * as assert from 'node:assert/strict';
import { tokenize } from '../../src/core/suggest/tokenize';

const texts = (s: string) => tokenize(s).tokens.map((t) => t.text);

describe('suggest: tokenizer', () => {
  it('splits words, punctuation and quotes, keeping offsets on the text', () => {
    const text = '“We will win,” Mr. Trump said.';
    const tt = tokenize(text);
    assert.deepEqual(tt.tokens.map((t) => t.text), ['“', 'We', 'will', 'win', ',', '”', 'Mr', '.', 'Trump', 'said', '.']);
    for (const t of tt.tokens) assert.equal(text.slice(t.start, t.end), t.text);
    assert.deepEqual(tt.tokens.map((t) => t.kind).slice(0, 6), ['quote', 'word', 'word', 'word', 'punct', 'quote']);
  });

  it('keeps initialisms, numbers, hyphens and inner apostrophes whole, splits a possessive', () => {
    assert.deepEqual(texts("The U.S. spent $1,500.25 on state-run don't Trump's"), ['The', 'U.S.', 'spent', '$', '1,500.25', 'on', 'state-run', "don't", 'Trump', "'s"]);
    assert.deepEqual(texts('Clinton’s aides'), ['Clinton', '’s', 'aides']);
    assert.deepEqual(texts("She’ll go, you'd see, I'm in"), ['She', '’ll', 'go', ',', 'you', "'d", 'see', ',', 'I', "'m", 'in']);
  });

  it('straight quotes open and close: the state before each token', () => {
    const tt = tokenize('He said "no way" and left.');
    const state = Object.fromEntries(tt.tokens.map((t, i) => [t.text + i, tt.quoteState[i]]));
    assert.equal(state['He0'], 0);
    assert.equal(state['no3'], 1);
    assert.equal(state['way4'], 1);
    assert.equal(state['and6'], 2);
  });

  it('paragraphs are split at line breaks, blank or not', () => {
    const tt = tokenize('One two.\n\nThree four.\nFive.\n\n\n');
    assert.deepEqual(
      tt.paragraphs.map((p) => tt.tokens.slice(p.first, p.end).map((t) => t.text).join(' ')),
      ['One two .', 'Three four .', 'Five .'],
    );
  });

  it('marks sentence starts, not after a title abbreviation, and after a closing quote', () => {
    const tt = tokenize('Mr. Smith left. “Go,” he said. Then it rained.');
    const starts = tt.tokens.filter((_, i) => tt.sentenceStart[i]).map((t) => t.text);
    assert.deepEqual(starts, ['Mr', '“', 'Then']);
  });

  it('an astral character counts two units, and empty text has no tokens', () => {
    const tt = tokenize('𝒳 said');
    assert.deepEqual(tt.tokens.map((t) => [t.start, t.end]), [[0, 2], [3, 7]]);
    assert.equal(tokenize('').tokens.length, 0);
    assert.equal(tokenize('\n\n').paragraphs.length, 0);
  });
});
