import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Speaker } from '../../src/core/model';
import { quotedRanges, roleNear, speakersNamedAround, unknownSayer } from '../../src/core/speakerHints';

const speaker = (id: string, name: string, aliases: string[] = []): Speaker => ({ id, name, kind: 'person', aliases, members: [] });
const CORBYN = speaker('corbyn', 'Jeremy Corbyn', ['Corbyn', 'Mr Corbyn', 'Mr. Corbyn']);
const ARKUSH = speaker('arkush', 'Jonathan Arkush');
const GOLDSTEIN = speaker('goldstein', 'Jonathan Goldstein');
const BOD = speaker('bod', 'Board of Deputies');
const SPEAKERS = [CORBYN, GOLDSTEIN, ARKUSH, BOD];

const spanOf = (text: string, part: string) => {
  const start = text.indexOf(part);
  assert.ok(start >= 0, part);
  return { start, end: start + part.length };
};

describe('speakersNamedAround', () => {
  it('offers the one the sentence says said it before a name the quote only talks about', () => {
    const text = 'Earlier news. Jonathan Arkush said: "Mr Corbyn has not done enough, and Corbyn knows it." Then more.';
    const hints = speakersNamedAround(text, spanOf(text, 'Mr Corbyn has not done enough'), SPEAKERS);
    assert.deepEqual(hints, [{ id: 'arkush', why: 'says' }], 'Corbyn is only named inside the quotation marks');
  });

  it('puts a name beside "said" before other names in the sentence, and a sentence elsewhere counts for nothing', () => {
    const text = 'Corbyn met them. The Board of Deputies met Corbyn on Tuesday, and afterwards Jonathan Goldstein told reporters “it was a missed opportunity”.';
    const hints = speakersNamedAround(text, spanOf(text, 'it was a missed opportunity'), SPEAKERS);
    assert.deepEqual(hints.map((h) => `${h.id}:${h.why}`), ['goldstein:says', 'corbyn:named', 'bod:named']);
  });

  it('for a mention, the speaker the span names comes first', () => {
    const text = 'Jonathan Arkush said he had met Corbyn.';
    assert.equal(speakersNamedAround(text, spanOf(text, 'Corbyn'), SPEAKERS)[0].id, 'corbyn');
  });

  it('in the sample article, offers Arkush and Goldstein for their joint statement, not Corbyn', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../../sample-docs/corbyn-jewish-leaders-meeting.txt'), 'utf8');
    const hints = speakersNamedAround(text, spanOf(text, 'failed to agree to any of the concrete actions'), SPEAKERS);
    assert.deepEqual(hints[0], { id: 'arkush', why: 'says' }, JSON.stringify(hints));
    assert.ok(hints.some((h) => h.id === 'goldstein'), JSON.stringify(hints));
    assert.ok(!hints.some((h) => h.id === 'corbyn'), 'Mr. Corbyn is named only inside the quotation marks');
  });
});

describe('quotedRanges', () => {
  it('pairs curly and straight quotes; an unclosed one runs to the end', () => {
    const text = 'a “b” "c" “d';
    assert.deepEqual(quotedRanges(text, 0, text.length).map((r) => text.slice(r.start, r.end)), ['“b”', '"c"', '“d']);
  });
});

describe('unknownSayer', () => {
  it('proposes the name beside "said" that no speaker has yet', () => {
    const text = 'Jonathan Arkush said: "Mr Corbyn has not done enough."';
    assert.equal(unknownSayer(text, spanOf(text, 'Mr Corbyn has not done enough'), [CORBYN]), 'Jonathan Arkush');
    assert.equal(unknownSayer(text, spanOf(text, 'Mr Corbyn has not done enough'), [CORBYN, ARKUSH]), undefined, 'a speaker already');
  });

  it('finds it after the verb and past an appositive; leaves out a possessive and names inside quotes', () => {
    const a = '“We will watch closely,” said Marie van der Berg.';
    assert.equal(unknownSayer(a, spanOf(a, 'We will watch closely'), []), 'Marie van der Berg');
    const b = 'Ruth Smith, the chair of the Fabian Society, said the talks failed.';
    assert.equal(unknownSayer(b, spanOf(b, 'the talks failed'), []), 'Ruth Smith');
    const c = "NEW: Labour's Andrew Gwynne suggests Jewish leaders are wrong.";
    assert.equal(unknownSayer(c, spanOf(c, 'Jewish leaders are wrong'), []), 'Andrew Gwynne');
    const d = 'She said: "Tom Jones said nothing."';
    assert.equal(unknownSayer(d, spanOf(d, 'Tom Jones said nothing'), []), undefined);
  });
});

describe('roleNear', () => {
  it('takes the role beside the name, as the sidecar writes it', () => {
    assert.equal(roleNear('Andrew Gwynne, a Labour MP, said so.', 'Andrew Gwynne', 0), 'Labour MP');
    assert.equal(roleNear('Asked about it, a Labour MP, Andrew Gwynne, said so.', 'Andrew Gwynne', 0), 'Labour MP');
    assert.equal(roleNear('It was the Labour leader Jeremy Corbyn.', 'Jeremy Corbyn', 0), 'Labour leader');
    const sample = 'a statement from Jonathan Goldstein, chair of the Jewish Leadership Council and Jonathan Arkush, the president of the Board of Deputies, who said';
    assert.equal(roleNear(sample, 'Jonathan Goldstein', 0), 'Chair of the Jewish Leadership Council');
    assert.equal(roleNear(sample, 'Jonathan Arkush', 0), 'President of the Board of Deputies');
  });

  it('gives none for a list, a clause or a preposition', () => {
    assert.equal(roleNear('Corbyn met the Jewish Leadership Council, the Board of Deputies and others.', 'Jewish Leadership Council', 0), undefined);
    assert.equal(roleNear('Jeremy Corbyn, who had been joined by Gwynne, said so.', 'Jeremy Corbyn', 0), undefined);
    assert.equal(roleNear('a statement from Jonathan Goldstein.', 'Jonathan Goldstein', 0), undefined);
  });

  it('reads the occurrence nearest the span first', () => {
    const text = 'Ann Lee, a councillor, spoke. Later: Ann Lee, the mayor of Leeds, said more.';
    assert.equal(roleNear(text, 'Ann Lee', 0), 'Councillor');
    assert.equal(roleNear(text, 'Ann Lee', text.length), 'Mayor of Leeds');
  });
});
