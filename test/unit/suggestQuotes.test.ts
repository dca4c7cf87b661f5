import * as assert from 'node:assert/strict';
import { continuesFrom, quotedParts, trailingSource } from '../../src/core/suggest/suggestions';

/** The quoted parts of the content `content` (its first occurrence) in `text`, as text. */
function parts(text: string, content: string): string[] | undefined {
  const start = text.indexOf(content);
  assert.ok(start >= 0);
  return quotedParts(text, { start, end: start + content.length, text: content })?.map((p) => {
    assert.equal(text.slice(p.start, p.end), p.text);
    return p.text;
  });
}

describe('suggest: quotes are the quoted words', () => {
  it('a content that quotes gives its quoted passages, one per pair of marks', () => {
    const text = 'They said that while they "welcomed his involvement" the leader had "failed to agree."';
    assert.deepEqual(parts(text, 'that while they "welcomed his involvement" the leader had "failed to agree."'), ['welcomed his involvement', 'failed to agree.']);
  });

  it('a content that quotes nothing is proposed whole (undefined here)', () => {
    assert.equal(parts('Corbyn described the meeting as positive.', 'the meeting as positive'), undefined);
  });

  it('a quotation open where the content ends runs on to its closing mark in the paragraph', () => {
    const text = 'LAS added: "It is hard to see where the party goes. The stain of racism has never been more\nvisible. They are not." Later, more.';
    assert.deepEqual(parts(text, '"It is hard to see where the party goes. The stain of racism has never been more'), ['It is hard to see where the party goes. The stain of racism has never been more\nvisible. They are not.']);
  });

  it('but never past a blank line or into the next quotation', () => {
    const text = '“We will lay out the steps. We will continue to engage\n\nAnother paragraph “with a quote”.';
    assert.deepEqual(parts(text, '“We will lay out the steps.'), ['We will lay out the steps.']);
  });

  it('a straight mark right after a word closes a quotation that opened before the content', () => {
    const text = '"We won the vote on Tuesday," he said, "and the next one." She left.';
    assert.deepEqual(parts(text, 'won the vote on Tuesday," he said, "and the next one."'), ['won the vote on Tuesday,', 'and the next one.']);
  });
});

describe('suggest: the speaker of a quote the engine found no source for', () => {
  it('is the one named just after its closing mark: “…’, a spokesperson for the Council said.', () => {
    const text = '“And yet they would not commit to it’, a spokesperson for the Jewish Leadership Council said.\n\nNext.';
    const end = text.indexOf('\n\n');
    const t = trailingSource(text, { start: 0, end, text: text.slice(0, end) });
    assert.equal(t?.source.text, 'a spokesperson for the Jewish Leadership Council');
    assert.equal(text.slice(0, t?.quoteEnd), '“And yet they would not commit to it’');
    assert.equal(trailingSource('“We won,” and then nothing.', { start: 0, end: 9, text: '“We won,”' }), undefined);
  });

  it('else the speaker before carries on over at most one paragraph break', () => {
    const text = 'He continued. “First.\n\n“Second.\n\n\n\n“Third.';
    assert.ok(continuesFrom(text, text.indexOf('“First') + 7, text.indexOf('“Second')));
    assert.ok(!continuesFrom(text, text.indexOf('“First') + 7, text.indexOf('“Third')));
  });
});
