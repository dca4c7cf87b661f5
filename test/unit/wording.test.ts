import * as assert from 'node:assert/strict';
import { abbreviate, differingExcerpts, errorText, inQuotes, nameInQuotes, plural, stripBom } from '../../src/core/wording';

describe('wording', () => {
  it('inQuotes: one line, cut at a word inside the quotes; nameInQuotes keeps a name whole', () => {
    assert.equal(inQuotes('  A fixed\ntimetable  '), '“A fixed timetable”');
    assert.equal(inQuotes('A fixed timetable to deal with antisemitism cases'), '“A fixed timetable to deal with…”');
    const name = 'Sir Bartholomew Featherstonehaugh-Cholmondeley';
    assert.ok(name.length > 40);
    assert.equal(nameInQuotes(name), `“${name}”`);
  });

  it('plural: regular and irregular', () => {
    assert.equal(plural(1, 'speaker'), '1 speaker');
    assert.equal(plural(0, 'speaker'), '0 speakers');
    assert.equal(plural(2, 'entry', 'entries'), '2 entries');
  });

  it('abbreviate: short text unchanged, long text cut with an ellipsis within the limit', () => {
    assert.equal(abbreviate('short', 10), 'short');
    const cut = abbreviate('a'.repeat(50), 10);
    assert.equal(cut, 'a'.repeat(9) + '…');
    assert.ok(cut.length <= 10);
  });

  it('abbreviate never leaves half an emoji, wherever the cut falls', () => {
    const s = '😀'.repeat(30);
    for (let max = 1; max < 40; max++) {
      const cut = abbreviate(s, max);
      assert.ok(cut.length <= max || max === 1, `max ${max}: ${cut.length}`);
      assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(cut), `max ${max} leaves a lone surrogate`);
    }
  });

  it('abbreviate atWord backs up to a whole word', () => {
    assert.equal(abbreviate('the request carefully considered', 20, { atWord: true }), 'the request…');
  });

  it('differingExcerpts: short texts whole; long ones cut around the first difference, so the two never read the same', () => {
    assert.deepEqual(differingExcerpts('a missed chance', 'a lost chance', 40), ['a missed chance', 'a lost chance']);
    const start = 'Labour MPs should not share platforms with people expelled ';
    const [before, after] = differingExcerpts(start + 'for anti-semitism, they said.', start + 'for antisemitism, they said.', 40);
    assert.notEqual(before, after);
    assert.ok(before.length <= 40 && after.length <= 40, `${before} / ${after}`);
    assert.match(before, /^….*anti-semitism/);
    assert.match(after, /^….*antisemitism/);
    // A cut never starts inside a surrogate pair.
    const emoji = '🗞️'.repeat(30);
    for (const e of differingExcerpts(emoji + 'x', emoji + 'y', 40)) assert.doesNotMatch(e, /^…[\udc00-\udfff]/);
  });

  it('stripBom drops one leading byte-order mark only', () => {
    assert.equal(stripBom('\ufeffabc'), 'abc');
    assert.equal(stripBom('abc\ufeff'), 'abc\ufeff');
  });

  it('errorText: Node errors by code and message, anything else as text', () => {
    const e = Object.assign(new Error("ENOSPC: no space left on device, write"), { code: 'ENOSPC' });
    assert.equal(errorText(e), 'ENOSPC (no space left on device, write)');
    assert.equal(errorText(new Error('plain')), 'plain');
    assert.equal(errorText('text'), 'text');
  });
});
