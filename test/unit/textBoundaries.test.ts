import * as assert from 'node:assert/strict';
import { sentenceAt, splitSentences, trimSpan, wordAt } from '../../src/core/textBoundaries';
import { sampleArticle } from './helpers';

/** The text of the span found at the offset of `marker` in `text` (plus `delta`). */
function word(text: string, marker: string, delta = 0): string | undefined {
  const s = wordAt(text, text.indexOf(marker) + delta);
  return s && text.slice(s.start, s.end);
}
function sentence(text: string, at: number): string | undefined {
  const s = sentenceAt(text, at);
  return s && text.slice(s.start, s.end);
}

describe('wordAt', () => {
  const text = "Mr Corbyn's anti-semitism row, O'Brien said: Zoë 𝒳yz ok.";

  it('finds the word around the cursor, and the one just before it', () => {
    assert.equal(word(text, 'Mr', 0), 'Mr');
    assert.equal(word(text, 'Mr', 1), 'Mr');
    assert.equal(word(text, 'Mr', 2), 'Mr', 'cursor just after the word');
    assert.equal(word(text, 'row', 3), 'row', 'before the comma');
  });

  it('keeps hyphens and apostrophes inside a word, drops a possessive', () => {
    assert.equal(word(text, 'Corbyn', 2), 'Corbyn');
    assert.equal(word(text, 'anti', 1), 'anti-semitism');
    assert.equal(word(text, 'semitism', 4), 'anti-semitism');
    assert.equal(word(text, "O'Brien", 4), "O'Brien");
    assert.equal(word("Corbyn’s team", 'Corbyn'), 'Corbyn');
  });

  it('handles combining marks and letters outside the BMP', () => {
    assert.equal(word(text, 'Zoë', 2), 'Zoë');
    assert.equal(word('Zoe\u0308 x', 'oe', 2), 'Zoe\u0308');
    assert.equal(word(text, '𝒳yz', 0), '𝒳yz');
    assert.equal(word(text, '𝒳yz', 1), '𝒳yz', 'cursor between the halves of a surrogate pair');
  });

  it('is undefined away from any word', () => {
    assert.equal(wordAt('a  -- b', 3), undefined);
    assert.equal(wordAt('', 0), undefined);
    assert.equal(wordAt('  ', 1), undefined);
  });
});

describe('sentenceAt', () => {
  it('finds the sentence around the cursor, trimmed', () => {
    const t = 'First one here.  Second, with "a quote." Third!';
    assert.equal(sentence(t, 3), 'First one here.');
    assert.equal(sentence(t, t.indexOf('quote')), 'Second, with "a quote."');
    assert.equal(sentence(t, t.length), 'Third!');
  });

  it('does not end a sentence after abbreviations, initials, decimals or before lower case', () => {
    const t = 'Mr. Corbyn met Jonathan M. Goldstein at 5.30 p.m. on Tuesday. "Why?" she asked. Done.';
    assert.deepEqual(
      splitSentences(t).map((s) => t.slice(s.start, s.end)),
      ['Mr. Corbyn met Jonathan M. Goldstein at 5.30 p.m. on Tuesday.', '"Why?" she asked.', 'Done.'],
    );
  });

  it('in the space between sentences gives the next; on a blank line, nothing', () => {
    const t = 'One.   Two.\n\nThree.';
    assert.equal(sentence(t, 5), 'Two.');
    assert.equal(sentence(t, t.indexOf('\n\n') + 1), undefined);
    assert.equal(sentence(t, 4), 'One.', 'right after the full stop');
  });

  it('never crosses a paragraph break or a Markdown block start, and leaves out the marker', () => {
    const t = 'A title without a stop\n\nBody text that\nwraps over lines.\n- a list item\n# Heading';
    assert.equal(sentence(t, 3), 'A title without a stop');
    assert.equal(sentence(t, t.indexOf('wraps')), 'Body text that\nwraps over lines.');
    assert.equal(sentence(t, t.indexOf('list')), 'a list item');
    assert.equal(sentence(t, t.indexOf('# Heading')), 'Heading');
  });

  it('splits the sample article’s paragraphs as a reader would', () => {
    const t = sampleArticle();
    const at = t.indexOf('While Corbyn described the meeting');
    assert.equal(sentence(t, at + 10), "While Corbyn described the meeting as positive and constructive, the groups released a joint statement that made clear their dismay at the party leader's response.");
    const q = t.indexOf('a positive and constructive meeting about');
    assert.match(sentence(t, q)!, /^In a statement released shortly after the meeting, Corbyn described the talks, .* anti-semitism\."$/);
  });

  it('handles text at the very ends and out-of-range offsets', () => {
    assert.equal(sentence('Just this', 0), 'Just this');
    assert.equal(sentence('Just this', 99), 'Just this');
    assert.equal(sentenceAt('', 0), undefined);
  });
});

describe('trimSpan', () => {
  it('drops surrounding white space only', () => {
    assert.deepEqual(trimSpan('  ab c \n', 0, 8), { start: 2, end: 6 });
    assert.deepEqual(trimSpan('   ', 0, 3), { start: 3, end: 3 });
  });
});
