import * as assert from 'node:assert/strict';
import { nextWordEnd, previousWordStart, ResizeResult, spanFromSelection, SpanEdge, SpanStep, stepSpan } from '../../src/core/spanResize';

const TEXT = 'Jonathan Arkush said: "We will act, O\'Brien’s team won\'t." Then 😀 𝐀𝐁 left.';

function spanOf(text: string, words: string): { start: number; end: number } {
  const start = text.indexOf(words);
  assert.ok(start >= 0, words);
  return { start, end: start + words.length };
}
function shown(r: ResizeResult, text = TEXT): string {
  return 'span' in r ? text.slice(r.span.start, r.span.end) : `refused: ${r.refused}`;
}
function step(words: string, edge: SpanEdge, how: SpanStep, text = TEXT): string {
  return shown(stepSpan(text, spanOf(text, words), edge, how), text);
}

describe('spanResize: a new span for an annotation', () => {
  it('takes the selection trimmed of surrounding space', () => {
    assert.equal(shown(spanFromSelection(TEXT, spanOf(TEXT, ' Arkush said'))), 'Arkush said');
    assert.equal(shown(spanFromSelection(TEXT, spanOf(TEXT, ' "We will act, '))), '"We will act,');
  });

  it('refuses an empty or all-space selection', () => {
    const at = TEXT.indexOf('said');
    assert.match(shown(spanFromSelection(TEXT, { start: at, end: at })), /^refused: the selection is empty/);
    assert.match(shown(spanFromSelection(TEXT, spanOf(TEXT, ' '))), /^refused/);
  });

  it('never splits a surrogate pair: a selection edge inside one moves out of it', () => {
    const emoji = TEXT.indexOf('😀');
    const r = spanFromSelection(TEXT, { start: emoji + 1, end: emoji + 1 + ' 𝐀'.length });
    assert.equal(shown(r), '😀 𝐀𝐁'.slice(0, 5));
    assert.ok('span' in r && r.span.start === emoji);
  });

  it('grows the end by the next word, taking the punctuation between', () => {
    assert.equal(step('Jonathan', 'end', 'grow'), 'Jonathan Arkush');
    assert.equal(step('"We will act', 'end', 'grow'), '"We will act, O\'Brien’s');
    assert.equal(step('O\'Brien’s team', 'end', 'grow'), 'O\'Brien’s team won\'t');
  });

  it('grows the start by the previous word', () => {
    assert.equal(step('Arkush', 'start', 'grow'), 'Jonathan Arkush');
    assert.equal(step('"We will', 'start', 'grow'), 'said: "We will');
  });

  it('shrinks the end by its last word and what is after the word before', () => {
    assert.equal(step('"We will act,', 'end', 'shrink'), '"We will');
    assert.equal(step('Jonathan Arkush', 'end', 'shrink'), 'Jonathan');
  });

  it('shrinks the start by its first word and what is before the next', () => {
    assert.equal(step('"We will act', 'start', 'shrink'), 'will act');
    assert.equal(step('said: "We', 'start', 'shrink'), 'We');
  });

  it('a word cut by the span counts as the span\'s word: growing finishes it', () => {
    assert.equal(step('Jonathan Ark', 'end', 'grow'), 'Jonathan Arkush');
    assert.equal(step('than Arkush', 'start', 'grow'), 'Jonathan Arkush');
  });

  it('refuses to shrink one word to nothing, and to grow past the text', () => {
    assert.match(step('Jonathan', 'end', 'shrink'), /^refused: .*one word/);
    assert.match(step('"We', 'start', 'shrink'), /^refused: .*one word/);
    assert.match(step('Jonathan', 'start', 'grow'), /^refused: there is no word before/);
    assert.match(step('left.', 'end', 'grow'), /^refused: there is no word after/);
  });

  it('steps over letters outside the BMP whole', () => {
    assert.equal(step('Then', 'end', 'grow'), 'Then 😀 𝐀𝐁');
    assert.equal(step('𝐀𝐁 left', 'end', 'shrink'), '𝐀𝐁');
    assert.equal(step('left', 'start', 'grow'), '𝐀𝐁 left');
    const text = 'a 𝐀𝐁';
    assert.equal(nextWordEnd(text, 3), text.length);
    assert.equal(previousWordStart(text, text.length), 2);
  });
});
