// Spans whose own words were edited while most of their context was edited too (the
// re-anchoring benchmark's 100 edits): when their words alone may place them, and when not.
import * as assert from 'node:assert/strict';
import { anchorAnnotations, anchorContext } from '../../src/core/anchoring';
import { Annotation } from '../../src/core/model';
import { sha256Hex } from '../../src/core/text';
import { sidecarWith, speaker } from './helpers';

const QUOTE = 'The board will publish its full report on the disciplinary cases before the summer recess';

function quoteAt(id: string, text: string, start: number, end: number): Annotation {
  return { id, type: 'quote', speaker: 's', start, end, ...anchorContext(text, start, end) };
}

function article(paragraphs: string[]): string {
  return paragraphs.join('\n\n') + '\n';
}

const intro = 'Labour met the leaders of the Jewish community on Tuesday night in Westminster.';
const said = `The party chairman told reporters on Wednesday: "${QUOTE}," and left the room.`;
const outro = 'A spokesman for the party declined to comment further on the meeting last night.';

function place(text: string, annotations: Annotation[], edited: string) {
  return anchorAnnotations(sidecarWith([speaker('s', 'S')], [], annotations, sha256Hex(text)), edited);
}

describe('re-anchoring: a long quote with its words and most of its context edited', () => {
  it('is placed on its words, flagged repaired, when no other annotation shares its text', () => {
    const text = article([intro, said, outro]);
    const start = text.indexOf(QUOTE);
    const a = quoteAt('a1', text, start, start + QUOTE.length);
    // One word of the quote replaced; the words either side of it replaced too, so neither side of
    // the stored context is more than about half there.
    const edited = text
      .replace('chairman told reporters on Wednesday', 'chair said to journalists on Thursday')
      .replace('full report', 'final report')
      .replace('," and left the room', '," before he walked out');
    const r = place(text, [a], edited);
    const p = r.placed.find((x) => x.id === 'a1');
    assert.ok(p, r.orphans.map((o) => o.reason).join('; '));
    assert.equal(edited.slice(p.start, p.end), QUOTE.replace('full', 'final'));
    assert.equal(r.outcomes[0].status, 'repaired');
  });

  it('is an orphan when its paragraph was deleted and a copy stands in the headline, with other context', () => {
    const headline = `${QUOTE}, party says`;
    const text = article([headline, intro, said, outro]);
    const start = text.indexOf(QUOTE, headline.length);
    const a = quoteAt('a1', text, start, start + QUOTE.length);
    const edited = article([headline.replace('full', 'final'), intro, outro]);
    const r = place(text, [a], edited);
    assert.deepEqual(r.placed.map((x) => x.id), []);
  });

  it('is an orphan when another annotation marks a copy of its words: the copy is that one’s place', () => {
    const again = `Later the chairman repeated it once more, as if to be heard: "${QUOTE}," he said twice.`;
    const text = article([intro, said, outro, again]);
    const first = text.indexOf(QUOTE);
    const second = text.indexOf(QUOTE, first + 1);
    const annotations = [quoteAt('a1', text, first, first + QUOTE.length), quoteAt('a2', text, second, second + QUOTE.length)];
    // a1's paragraph deleted; the copy's words and context edited, so no exact copy is left.
    const edited = article([intro, outro, again.replace('repeated it once more', 'said it again').replace('full', 'final').replace('he said twice', 'to all')]);
    const r = place(text, annotations, edited);
    assert.equal(r.placed.find((x) => x.id === 'a1'), undefined, 'a1 was deleted: it must not take its copy');
  });

  it('takes in words put at its end when the stored context still follows them', () => {
    const text = article([intro, said, outro]);
    const start = text.indexOf(QUOTE);
    const a = quoteAt('a1', text, start, start + QUOTE.length);
    // Words put in at the span's end, and a word of it changed: a near match of the quote stops
    // short, before the new words; the stored suffix still follows them.
    const edited = text.replace(`${QUOTE},`, `${QUOTE.replace('board', 'Board')} and the autumn conference,`).replace('on Wednesday: "', 'on Thursday: "');
    const r = place(text, [a], edited);
    const p = r.placed.find((x) => x.id === 'a1');
    assert.ok(p, r.orphans.map((o) => o.reason).join('; '));
    assert.equal(edited.slice(p.end, p.end + 2), ',"');
  });
});
