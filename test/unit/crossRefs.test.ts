import * as assert from 'node:assert/strict';
import { buildArticleModel, HighlightSpan } from '../../src/core/articleModel';
import { CrossRefs, firstWords } from '../../src/core/crossRefs';
import { speakerList } from '../../src/core/cardLists';
import { Card, cardsAt, cardToPlainText, demandCard, Inline, LegendInfo, MAX_ITEMS, speakerCard, statusText } from '../../src/core/hoverCards';
import { Annotation } from '../../src/core/model';
import { serializeSidecar } from '../../src/core/sidecar';
import { LineMap, sha256Hex } from '../../src/core/text';
import { demand, sampleArticle, sampleSidecarSource, sidecarWith, speaker } from './helpers';

const legend: LegendInfo = { slotOf: (id) => (id === 'corbyn' ? 1 : 7), colorBy: 'speaker' };

function sampleModel() {
  return buildArticleModel(sampleSidecarSource(), sampleArticle());
}

function inlinesOf(card: Card): Inline[] {
  return [...card.title, ...card.lines.flat(), ...card.sections.flatMap((s) => s.items.flat())];
}

describe('crossRefs and hover cards on the sample', () => {
  const model = sampleModel();
  const refs = model.crossRefs;

  it("Jeremy Corbyn's card: name, kind, role, counts first, the first 3 of 7 quotes, of 5 demands addressed to him, 1 response", () => {
    const data = refs.speakerCard('corbyn')!;
    assert.equal(data.quotes.length, 7);
    assert.equal(data.demandsAddressed.length, 5);
    assert.deepEqual(data.demandsMade, []);
    assert.equal(data.responses.length, 1);
    assert.equal(data.mentions, 2);
    assert.equal(data.quotes[0].line, 12);
    assert.equal(data.quotes[0].annotation.id, 'a7');

    const text = cardToPlainText(speakerCard(data, 'quote', legend)!);
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 3), [
      'Jeremy Corbyn · person · Leader of the Labour Party',
      'Quoted 7 times, mentioned 2 times in this article',
      'Also called: Corbyn, Mr Corbyn, Mr. Corbyn, the Labour leader',
    ]);
    const quotesAt = lines.indexOf('Quotes in this article (7):');
    assert.deepEqual(lines.slice(quotesAt + 1, quotesAt + 5), [
      '- line 13 “a positive and constructive meeting about tackling anti-semi…”',
      '- line 55 “grateful to the Board of Deputies, the Jewish…”',
      '- line 55 “absolutely committed to rooting out antisemitism from our…”',
      '- … and 4 more (show all 7)',
    ]);
    // The whole list, as "show all" opens it.
    assert.deepEqual(
      speakerList(data, 'quotes').entries.map((q) => q.target!.line + 1),
      [13, 55, 55, 57, 57, 59, 61],
    );
    const demandsAt = lines.indexOf('Demands addressed to them (5):');
    assert.ok(demandsAt > 0);
    assert.deepEqual(lines.slice(demandsAt + 1, demandsAt + 5), [
      '- A fixed timetable to deal with antisemitism cases (not agreed)',
      '- Expedite the cases of Ken Livingstone and Jackie Walker (not agreed)',
      '- No MP shares a platform with anyone expelled or suspended for antisemitism (not agreed)',
      '- … and 2 more (show all 5)',
    ]);
    assert.ok(!text.includes('Demands made'));
    const respAt = lines.indexOf('Their responses (1):');
    assert.ok(respAt > 0);
    assert.equal(lines[respAt + 1], '- line 59 partly-agrees on “Transparent oversight of the disciplinary process”: “I have charged our new General Secretary Jennie…”');
    assert.match(lines[lines.length - 1], /^Legend: hovered quote; Jeremy Corbyn is drawn in speaker colour 1:/);
  });

  it('quote lines in the card link to the quote offsets', () => {
    const card = speakerCard(refs.speakerCard('corbyn'), 'quote', legend)!;
    const quotes = card.sections.find((s) => s.heading.startsWith('Quotes'))!;
    const first = quotes.items[0][0];
    assert.deepEqual(first, { link: 'line 13', offset: 1358, end: 1423, title: 'Go to line 13' });
    assert.deepEqual(quotes.all, { of: 'speaker', id: 'corbyn', list: 'quotes' });
  });

  it("demands in a speaker's card are links selecting the first span stating them", () => {
    const card = speakerCard(refs.speakerCard('corbyn'), 'quote', legend)!;
    const demands = card.sections.find((s) => s.heading.startsWith('Demands addressed'))!;
    assert.deepEqual(demands.items[2], [
      { link: 'No MP shares a platform with anyone expelled or suspended for antisemitism', offset: 361, end: 451, title: 'Go to where it is stated, line 5' },
      { text: ' (not agreed)' },
    ]);
    const made = speakerCard(refs.speakerCard('jlc-bod'), 'mention', legend)!.sections.find((s) => s.heading.startsWith('Demands made'))!;
    assert.ok(made.items.every((i) => 'link' in i[0]), 'every demand made is stated somewhere');
  });

  it('a demand card: who made it, to whom, status, its spans and the response', () => {
    const data = refs.demandCard('no-shared-platforms')!;
    assert.deepEqual(data.by.map((s) => s.id), ['jlc-bod']);
    assert.deepEqual(data.to.map((s) => s.id), ['corbyn', 'labour']);
    assert.deepEqual(data.spans.map((s) => s.annotation.id), ['a1', 'a32', 'a63']);
    assert.deepEqual(data.responses.map((r) => [r.annotation.id, r.speaker?.id, r.stance]), [['a14', 'labour-sources', 'partly-agrees']]);
    const text = cardToPlainText(demandCard(data, 'demand')!);
    assert.equal(
      text,
      [
        'Demand: No MP shares a platform with anyone expelled or suspended for antisemitism',
        'Status: not agreed',
        'Made by: Jewish Leadership Council and Board of Deputies',
        'Addressed to: Jeremy Corbyn, Labour Party',
        'Responses (1):',
        '- line 17 Labour sources partly-agrees: “agreement that elected officials should not share platforms…”',
        'Stated in (3):',
        '- line 5 “Labour MPs shouldn\'t share platforms with people expelled…”',
        '- line 33 “no Labour MP should share a platform with…”',
        '- line 69 “that no MP should share a platform with…”',
        'Legend: hovered demand; demand spans are drawn with a dashed box, responses with a double underline.',
      ].join('\n'),
    );
  });

  it('a demand nobody was asked about has no "Addressed to" line; open status reads "open"', () => {
    const text = cardToPlainText(demandCard(refs.demandCard('stand-in-solidarity'), 'demand')!);
    assert.ok(text.includes('Made by: Labour Against Anti-Semitism'));
    assert.ok(text.includes('Status: open'));
    assert.ok(!text.includes('Addressed to'));
    assert.ok(!text.includes('Responses'));
  });

  it('a group card lists its members; a member card lists its group', () => {
    const group = cardToPlainText(speakerCard(refs.speakerCard('jlc-bod'), 'mention', legend)!);
    assert.ok(group.startsWith('Jewish Leadership Council and Board of Deputies · group\n'));
    assert.ok(group.includes('\nMembers: Jewish Leadership Council, Board of Deputies of British Jews\n'));
    assert.ok(group.includes('\nDemands made (5):\n'));
    const member = cardToPlainText(speakerCard(refs.speakerCard('bod'), 'mention', legend)!);
    assert.ok(member.includes('\nMember of: Jewish Leadership Council and Board of Deputies\n'));
    assert.ok(!member.includes('Members:'));
    assert.deepEqual(refs.speakerCard('jlc')!.groups.map((g) => g.id), ['jlc-bod']);
  });

  it('spansOf lists a speaker\'s or a demand\'s spans in text order', () => {
    const spans = refs.spansOf('speaker', 'corbyn');
    assert.deepEqual(spans.map((a) => a.type), ['mention', 'quote', 'mention', 'quote', 'quote', 'quote', 'quote', 'response', 'quote', 'quote']);
    assert.deepEqual(refs.spansOf('demand', 'transparent-oversight').map((a) => a.id), ['a33', 'a34', 'a57']);
    assert.deepEqual(refs.spansOf('speaker', 'nobody'), []);
  });

  it('unknown ids give no card', () => {
    assert.equal(refs.speakerCard('nobody'), undefined);
    assert.equal(refs.demandCard('nothing'), undefined);
    assert.equal(speakerCard(undefined, 'quote', legend), undefined);
    assert.equal(demandCard(undefined, 'demand'), undefined);
  });

  it('cardsAt says which annotation each span is first, then one card per distinct speaker or demand', () => {
    const text = sampleArticle();
    // Two spans of the same demand overlap here.
    const twoDemands = model.index.covering(4260);
    assert.equal(twoDemands.length, 2);
    assert.deepEqual(cardsAt(twoDemands, refs, legend).map((c) => cardToPlainText(c).split('\n')[0]), [
      'Demand span a33 · line 33',
      'Demand span a34 · line 33',
      'Demand: Transparent oversight of the disciplinary process',
    ]);
    // A group's quote with an alias of Corbyn inside it: the quote, then two cards, outermost first.
    const inQuote = model.index.covering(text.indexOf('Corbyn today was'));
    assert.deepEqual(
      cardsAt(inQuote, refs, legend).map((c) => cardToPlainText(c).split('\n')[0]),
      ['Quote a60 · Jewish Leadership Council and Board of Deputies · line 65', 'Jewish Leadership Council and Board of Deputies · group', 'Jeremy Corbyn · person · Leader of the Labour Party'],
    );
    // A response: which one, then its speaker, then its demand.
    const response = model.index.covering(text.indexOf('I have charged') + 3);
    assert.deepEqual(
      cardsAt(response, refs, legend).map((c) => cardToPlainText(c).split('\n')[0]),
      ['Response a57 · Jeremy Corbyn · partly agrees · line 59', 'Jeremy Corbyn · person · Leader of the Labour Party', 'Demand: Transparent oversight of the disciplinary process'],
    );
  });

  it("a response's own card names the demand it answers on its second line, as a link to where it is stated", () => {
    const text = sampleArticle();
    const [card] = cardsAt(model.index.covering(text.indexOf('agreement that elected officials') + 3), refs, legend);
    assert.deepEqual(cardToPlainText(card).split('\n'), [
      'Response a14 · Labour sources · partly agrees · line 17',
      'Answers: No MP shares a platform with anyone expelled or suspended for antisemitism (not agreed)',
      'Origin: manual (marked by hand)',
    ]);
    assert.deepEqual(card.lines[0][1], { link: 'No MP shares a platform with anyone expelled or suspended for antisemitism', offset: 361, end: 451, title: 'Go to where it is stated, line 5' });
    assert.equal(card.legend, '');
  });

  it('a quote\'s own card: type, id, speaker, line, note and origin', () => {
    const text = 'Ann said "we will win" today.';
    const sidecar = sidecarWith(
      [speaker('ann', 'Ann')],
      [],
      [
        { id: 'q1', type: 'quote', speaker: 'ann', start: 9, end: 22, note: 'Check the date with the desk', origin: 'suggested' },
        { id: 'm1', type: 'mention', speaker: 'ann', start: 0, end: 3 },
      ],
      sha256Hex(text),
    );
    const m = buildArticleModel(serializeSidecar(sidecar), text);
    const [quote, who] = cardsAt(m.index.covering(12), m.crossRefs, legend).map(cardToPlainText);
    assert.deepEqual(quote.split('\n'), ['Quote q1 · Ann · line 1', 'Note: Check the date with the desk', 'Origin: suggested (an accepted suggestion)']);
    assert.ok(who.startsWith('Ann · person\n'), who);
    assert.deepEqual(cardToPlainText(cardsAt(m.index.covering(1), m.crossRefs, legend)[0]).split('\n'), ['Mention m1 · Ann · line 1', 'Origin: manual (marked by hand)']);
  });

  it('a33 and a34, near-identical demand spans, each say so with a link selecting the other', () => {
    const [a33, a34] = cardsAt(model.index.covering(4260), refs, legend);
    assert.equal(
      cardToPlainText(a33).split('\n').pop(),
      '⚠ Near-identical to demand a34 (line 33; 93% of their words shared, same demand): probably marked twice, keep one',
    );
    assert.deepEqual(a33.lines[a33.lines.length - 1][1], { link: 'demand a34', offset: 4255, end: 4322, title: 'Select it, line 33' });
    assert.match(cardToPlainText(a34), /Near-identical to demand a33 \(line 33; 93% /);
    // Nothing else in the sample is flagged.
    assert.deepEqual(refs.nearIdentical().pairs.map((p) => [p.first.id, p.second.id]), [['a33', 'a34']]);
  });

  it('cardsAt gives one card for a quote and an alias mention of the same speaker', () => {
    const a: Annotation = { id: 'q', type: 'quote', speaker: 'corbyn', start: 0, end: 40 };
    const spans: HighlightSpan[] = [
      { kind: 'annotation', start: 0, end: 40, annotation: a },
      { kind: 'alias', start: 5, end: 11, speaker: 'corbyn' },
      { kind: 'alias', start: 20, end: 26, speaker: 'labour' },
    ];
    const cards = cardsAt(spans, refs, legend);
    assert.equal(cards.length, 3);
    assert.match(cardToPlainText(cards[0]), /^Quote q · Jeremy Corbyn · line 1\n/);
    assert.match(cards[1].legend, /^Legend: hovered quote;/);
    assert.match(cards[2].legend, /^Legend: hovered name or alias \(dotted underline\); Labour Party is drawn in speaker colour 7/);
  });

  it('the legend says a speaker past the tenth has their quotes underlined too, and only then', () => {
    const underlined = { ...legend, slotOf: () => 11, underlined: (id: string) => id === 'corbyn' };
    assert.match(speakerCard(refs.speakerCard('corbyn'), 'quote', underlined)!.legend, /speaker colour 11: quotes filled and underlined, as for every speaker past the tenth, mentions boxed/);
    assert.match(speakerCard(refs.speakerCard('labour'), 'quote', underlined)!.legend, /speaker colour 11: quotes filled, mentions boxed/);
    assert.match(speakerCard(refs.speakerCard('corbyn'), 'quote', legend)!.legend, /speaker colour 1: quotes filled, mentions boxed/);
    // By kind there is no underline.
    assert.doesNotMatch(speakerCard(refs.speakerCard('corbyn'), 'quote', { ...underlined, colorBy: 'kind' })!.legend, /underlined,/);
  });

  it('legend by kind names the kind colour', () => {
    const card = speakerCard(refs.speakerCard('labour'), 'mention', { slotOf: () => 3, colorBy: 'kind' })!;
    assert.match(card.legend, /Labour Party is drawn in the organisation colour/);
  });
});

describe('hover cards: limits and hostile text', () => {
  it('lists at most MAX_ITEMS items per section, counts the rest and names the whole list', () => {
    const text = Array.from({ length: 15 }, (_, i) => `Line ${i} says something.`).join('\n');
    const lines = new LineMap(text);
    const quotes: Annotation[] = [];
    for (let i = 0; i < 15; i++) {
      const start = lines.lineStart(i);
      quotes.push({ id: `q${i}`, type: 'quote', speaker: 's', start, end: start + 6 });
    }
    const refs = new CrossRefs(new Map([['s', speaker('s', 'Sam')]]), new Map(), quotes, lines);
    const card = speakerCard(refs.speakerCard('s'), 'quote', legend)!;
    const section = card.sections[0];
    assert.equal(section.heading, 'Quotes in this article (15)');
    assert.equal(MAX_ITEMS, 3);
    assert.equal(section.items.length, MAX_ITEMS);
    assert.equal(section.more, 12);
    assert.deepEqual(section.all, { of: 'speaker', id: 's', list: 'quotes' });
    assert.ok(cardToPlainText(card).includes('\n- … and 12 more (show all 15)\n'));
    assert.deepEqual(speakerList(refs.speakerCard('s')!, 'quotes').entries.map((e) => e.target!.start), quotes.map((q) => q.start));
  });

  it('a hostile name, role, note, id, summary or text appears only as text or a link label, never as a link target or title', () => {
    const evil = '**bold** [x](command:evil) <img src=x>';
    const text = `Intro. ${evil} said ${evil} and asked ${evil}.`;
    const at = (n: number) => {
      let i = -1;
      for (let k = 0; k <= n; k++) i = text.indexOf(evil, i + 1);
      return i;
    };
    const ann = (id: string, type: Annotation['type'], n: number, extra: Partial<Annotation>): Annotation => ({ id: id + evil, type, start: at(n), end: at(n) + evil.length, note: evil, ...extra });
    const sidecar = sidecarWith(
      [
        speaker('evil', evil, { role: evil, aliases: [evil], note: evil, kind: 'group', members: ['evil2'] }),
        speaker('evil2', evil + '2'),
      ],
      [demand('d', evil, { by: ['evil'], to: ['evil2'], note: evil, status: 'open' })],
      [ann('m', 'mention', 0, { speaker: 'evil' }), ann('q', 'quote', 1, { speaker: 'evil' }), ann('dm', 'demand', 2, { demand: 'd' }), ann('r', 'response', 1, { speaker: 'evil2', demand: 'd', stance: 'rejects' })],
      sha256Hex(text),
    );
    const model = buildArticleModel(serializeSidecar(sidecar), text);
    assert.deepEqual(model.problems, []);
    const cards = [at(0), at(1), at(2)].flatMap((o) => cardsAt(model.index.covering(o + 1), model.crossRefs, legend));
    // evil (mention), evil + evil2 + the demand (quote and response), the demand + evil (its name,
    // as an alias); before those, the mention's, the quote's and response's, and the demand span's own cards.
    assert.equal(cards.length, 10);
    for (const card of cards) {
      const inlines = inlinesOf(card);
      assert.ok(inlines.some((i) => ('text' in i ? i.text : 'strong' in i ? i.strong : '').includes(evil)), cardToPlainText(card));
      for (const i of inlines) {
        if ('link' in i) {
          // A label may be the demand's summary (the renderer escapes it); the title is always ours.
          assert.ok(/^line \d+$/.test(i.link) || i.link === evil || i.link.endsWith(evil), i.link);
          assert.match(i.title, /^(Go to line \d+|Go to where it is stated, line \d+|Select it, line \d+)$/);
          assert.equal(typeof i.offset, 'number');
          assert.equal(typeof i.end, 'number');
        } else {
          assert.deepEqual(Object.keys(i).sort().length, 1);
        }
      }
    }
    const evilCard = cards.find((c) => 'strong' in c.title[0] && c.title[0].strong === evil)!;
    assert.ok(evilCard);
    assert.ok(cardToPlainText(evilCard).includes(`Note: ${evil}`));
  });
});

describe('hover cards: helpers', () => {
  it('firstWords folds whitespace, keeps 8 words or 60 characters, and never splits a surrogate pair', () => {
    assert.equal(firstWords('  one\n two\tthree  '), 'one two three');
    assert.equal(firstWords('a b c d e f g h i j'), 'a b c d e f g h…');
    assert.equal(firstWords('x'.repeat(70)), 'x'.repeat(60) + '…');
    const emoji = '😀'.repeat(70);
    const cut = firstWords(emoji);
    assert.equal(cut, '😀'.repeat(60) + '…');
  });

  it('firstWords: blank text, exactly as many words as kept, and other spaces than ASCII', () => {
    assert.equal(firstWords(' \n\t '), '');
    assert.equal(firstWords('a b c d e f g h \n'), 'a b c d e f g h');
    assert.equal(firstWords('a\u00a0b\u3000c\u2028d', 2), 'a b…');
    assert.equal(firstWords(`${'w '.repeat(5000)}`, 3, 60), 'w w w…');
  });

  it('statusText', () => {
    assert.equal(statusText('partly-agreed'), 'partly agreed');
    assert.equal(statusText(undefined), 'no status');
  });
});
