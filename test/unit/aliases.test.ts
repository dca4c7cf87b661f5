import * as assert from 'node:assert/strict';
import { findAliasMentions } from '../../src/core/aliases';
import { parseSidecar } from '../../src/core/sidecar';
import { sampleArticle, sampleSidecarSource, speaker } from './helpers';

/** The mentions as [matched text, speaker] pairs, in text order. */
function found(text: string, ...speakers: ReturnType<typeof speaker>[]): [string, string][] {
  return findAliasMentions(text, speakers).map((m) => [text.slice(m.start, m.end), m.speaker]);
}

describe('aliases: findAliasMentions', () => {
  const corbyn = speaker('corbyn', 'Jeremy Corbyn', { aliases: ['Corbyn', 'Mr Corbyn'] });
  const labour = speaker('labour', 'Labour Party', { kind: 'organisation', aliases: ['Labour'] });
  const las = speaker('las', 'Labour Against Anti-Semitism', { aliases: ['LAS'] });

  it('matches whole words only', () => {
    assert.deepEqual(found('Corbynism is not Corbyn, nor is preCorbyn or Corbyn_2; Corbyn2 neither.', corbyn), [['Corbyn', 'corbyn']]);
  });

  it('matches at the very start and end of the text, and next to punctuation', () => {
    assert.deepEqual(found('Corbyn', corbyn), [['Corbyn', 'corbyn']]);
    assert.deepEqual(found('(Corbyn) “Corbyn’s” Corbyn.', corbyn).length, 3);
  });

  it('is case-sensitive', () => {
    assert.deepEqual(found('corbyn CORBYN', corbyn), []);
  });

  it('prefers the longest name at a position', () => {
    assert.deepEqual(found('Mr Corbyn met Jeremy Corbyn and Corbyn.', corbyn), [
      ['Mr Corbyn', 'corbyn'],
      ['Jeremy Corbyn', 'corbyn'],
      ['Corbyn', 'corbyn'],
    ]);
    assert.deepEqual(found('Labour Against Anti-Semitism criticised Labour.', labour, las), [
      ['Labour Against Anti-Semitism', 'las'],
      ['Labour', 'labour'],
    ]);
  });

  it('falls back to a shorter name when the longer one would end inside a word', () => {
    const s = speaker('s', 'Ann', { aliases: ['Ann Lee'] });
    assert.deepEqual(found('Ann Leeson and Ann Lee.', s), [
      ['Ann', 's'],
      ['Ann Lee', 's'],
    ]);
  });

  it('uses Unicode word edges: letters with diacritics and combining marks continue a word', () => {
    const jose = speaker('jose', 'José');
    const zoe = speaker('zoe', 'Zoe');
    // Precomposed é, then e + combining acute (U+0301): neither "Zoe" is a whole word.
    assert.deepEqual(found('Zoeé and Zoe\u0301 and Zoe.', zoe), [['Zoe', 'zoe']]);
    assert.deepEqual(found('ÉJosé José. JoséÅ', jose), [['José', 'jose']]);
    const jose2 = speaker('jose2', 'Jose\u0301');
    assert.deepEqual(found('Jose\u0301 said', jose2), [['Jose\u0301', 'jose2']]);
    // A name before a non-Latin letter, digit or underscore is not a word on its own.
    assert.deepEqual(found('Zoeж Zoe٣ Zoe_', zoe), []);
    assert.deepEqual(found('日本Zoe Zoe日本', zoe), []);
  });

  it('treats astral letters as letters', () => {
    const s = speaker('s', 'Ann');
    assert.deepEqual(found('𝒜Ann Ann𝒜 Ann😀', s), [['Ann', 's']]);
  });

  it('escapes regular-expression characters in names', () => {
    const s = speaker('s', 'C++ (beta) [x] a.b $1 ^ | * ? {2} \\');
    const dot = speaker('d', 'a.b');
    assert.deepEqual(found('Ask C++ (beta) [x] a.b $1 ^ | * ? {2} \\ now; axb is not a.b', s, dot), [
      ['C++ (beta) [x] a.b $1 ^ | * ? {2} \\', 's'],
      ['a.b', 'd'],
    ]);
    assert.deepEqual(found('axb', dot), []);
  });

  it('gives a name shared by two speakers to the first one', () => {
    const a = speaker('a', 'Sam Smith', { aliases: ['Smith'] });
    const b = speaker('b', 'Jo Smith', { aliases: ['Smith'] });
    assert.deepEqual(found('Smith said', a, b), [['Smith', 'a']]);
    assert.deepEqual(found('Smith said', b, a), [['Smith', 'b']]);
  });

  it('ignores blank names and trims spaces around names', () => {
    const s = speaker('s', '  Ann  ', { aliases: ['', '   '] });
    assert.deepEqual(found('Ann and  Ann ', s), [
      ['Ann', 's'],
      ['Ann', 's'],
    ]);
    assert.deepEqual(findAliasMentions('anything', []), []);
  });

  it('never returns overlapping mentions', () => {
    const s = speaker('s', 'New York', { aliases: ['York Times', 'New York Times'] });
    assert.deepEqual(found('The New York Times and York Times.', s), [
      ['New York Times', 's'],
      ['York Times', 's'],
    ]);
  });

  describe('on the sample', () => {
    const text = sampleArticle();
    const sidecar = parseSidecar(sampleSidecarSource()).sidecar!;
    const mentions = findAliasMentions(text, sidecar.speakers.values());

    it('finds each "Labour Against Anti-Semitism" once, as las, never "Labour" inside it', () => {
      const occurrences = [...text.matchAll(/Labour Against Anti-Semitism/g)].map((m) => m.index!);
      assert.deepEqual(occurrences, [1005, 5704]);
      for (const at of occurrences) {
        const inside = mentions.filter((m) => m.start < at + 28 && m.end > at);
        assert.deepEqual(inside, [{ start: at, end: at + 28, speaker: 'las' }]);
      }
      assert.equal(mentions.filter((m) => m.speaker === 'las').length, 5); // and LAS three times
    });

    it('finds "the Labour Party" as a whole, not "Labour Party" or "Labour" inside it', () => {
      const labourMentions = mentions.filter((m) => m.speaker === 'labour').map((m) => text.slice(m.start, m.end));
      const counts: Record<string, number> = {};
      for (const m of labourMentions) counts[m] = (counts[m] ?? 0) + 1;
      assert.deepEqual(counts, { Labour: 11, 'the party': 6, 'the Labour Party': 10 });
    });

    it('finds every "Corbyn" exactly once, through its longest name', () => {
      const names = mentions.filter((m) => m.speaker === 'corbyn').map((m) => text.slice(m.start, m.end));
      assert.equal(names.filter((n) => n.includes('Corbyn')).length, [...text.matchAll(/Corbyn/g)].length);
      assert.equal(names.filter((n) => n === 'Mr Corbyn').length, 8);
      assert.equal(names.filter((n) => n === 'Mr. Corbyn').length, 4);
      assert.equal(names.filter((n) => n === 'Jeremy Corbyn').length, 6);
    });

    it('returns mentions in text order, without overlaps', () => {
      for (let i = 1; i < mentions.length; i++) assert.ok(mentions[i - 1].end <= mentions[i].start);
      assert.equal(mentions.length, 83);
    });
  });

  it('finds what one pattern with a lookbehind for the word edge before finds, on random text', () => {
    // The definition the search must keep: whole words by a lookbehind and a lookahead.
    const reference = (text: string, names: string[]) => {
      const sorted = [...names].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
      const edge = '[\\p{L}\\p{N}\\p{M}_]';
      const re = new RegExp(`(?<!${edge})(?:${sorted.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?!${edge})`, 'gu');
      return [...text.matchAll(re)].map((m) => [m.index, m[0]]);
    };
    const names = ['ab', 'b', 'a b', 'b-', '-a', '😀b', 'é'];
    const alphabet = ['a', 'b', ' ', '-', '😀', '\ud83d', 'e', '\u0301', 'é', '_', '1'];
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
    const speakers = names.map((n, i) => speaker(`s${i}`, n));
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let j = random(16); j > 0; j--) text += alphabet[random(alphabet.length)];
      const got = findAliasMentions(text, speakers).map((m) => [m.start, text.slice(m.start, m.end)]);
      assert.deepEqual(got, reference(text, names), JSON.stringify(text));
    }
  });
});
