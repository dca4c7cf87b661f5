import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { LineMap, OffsetConverter, sha256Hex } from '../../src/core/text';

/** The obvious, slow model: how many code points (as Array.from sees them) start before `utf16`. */
function naiveToCodePoint(text: string, utf16: number): number {
  let units = 0;
  let cp = 0;
  for (const ch of Array.from(text)) {
    if (units >= utf16) break;
    units += ch.length;
    cp++;
  }
  return cp;
}

function naiveToUtf16(text: string, codePoint: number): number {
  return Array.from(text)
    .slice(0, codePoint)
    .reduce((n, ch) => n + ch.length, 0);
}

const unit = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('a', ' ', '\n', 'é', 'ß') },
  { weight: 3, arbitrary: fc.constantFrom('😀', '𝒳', '👍🏽', '🇬🇧', '\u{10FFFF}', '\u{10000}') },
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udc00', '\udbff\ud800') }, // lone surrogates
);
const textArb = fc.array(unit, { maxLength: 60 }).map((p) => p.join(''));

describe('text: OffsetConverter', () => {
  it('counts code points of a known string', () => {
    const text = 'a😀b𝒳c';
    const c = new OffsetConverter(text);
    assert.equal(text.length, 7);
    assert.equal(c.codePointLength, 5);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((cp) => c.toUtf16(cp)), [0, 1, 3, 4, 6, 7]);
    assert.deepEqual([0, 1, 3, 4, 6, 7].map((u) => c.toCodePoint(u)), [0, 1, 2, 3, 4, 5]);
    // The middle of a pair rounds up, past the pair.
    assert.equal(c.toCodePoint(2), 2);
    assert.equal(c.toCodePoint(5), 4);
  });

  it('is the identity on text without astral characters', () => {
    const c = new OffsetConverter('plain ascii and é');
    assert.equal(c.codePointLength, 17);
    for (const n of [0, 5, 17]) {
      assert.equal(c.toUtf16(n), n);
      assert.equal(c.toCodePoint(n), n);
    }
  });

  it('property: agrees with Array.from on random strings with astral characters and lone surrogates', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const c = new OffsetConverter(text);
        const cps = Array.from(text);
        assert.equal(c.codePointLength, cps.length);
        for (let cp = 0; cp <= cps.length; cp++) {
          const u = c.toUtf16(cp);
          assert.equal(u, naiveToUtf16(text, cp), `toUtf16(${cp})`);
          assert.equal(c.toCodePoint(u), cp, `toCodePoint(toUtf16(${cp}))`);
        }
        for (let u = 0; u <= text.length; u++) assert.equal(c.toCodePoint(u), naiveToCodePoint(text, u), `toCodePoint(${u})`);
      }),
      { numRuns: 500 },
    );
  });
});

describe('text: LineMap', () => {
  it('gives 0-based line and character, LF', () => {
    const m = new LineMap('ab\ncd\n\nefg');
    assert.equal(m.lineCount, 4);
    assert.deepEqual(m.position(0), { line: 0, character: 0 });
    assert.deepEqual(m.position(2), { line: 0, character: 2 }); // the \n itself
    assert.deepEqual(m.position(3), { line: 1, character: 0 });
    assert.deepEqual(m.position(6), { line: 2, character: 0 });
    assert.deepEqual(m.position(7), { line: 3, character: 0 });
    assert.deepEqual(m.position(10), { line: 3, character: 3 }); // end of text
    assert.equal(m.lineStart(3), 7);
    assert.equal(m.lineStart(99), 7);
    assert.equal(m.lineStart(-1), 0);
  });

  it('with CRLF the \\r stays at the end of its line', () => {
    const m = new LineMap('ab\r\ncd\r\n');
    assert.equal(m.lineCount, 3);
    assert.deepEqual(m.position(2), { line: 0, character: 2 });
    assert.deepEqual(m.position(3), { line: 0, character: 3 });
    assert.deepEqual(m.position(4), { line: 1, character: 0 });
    assert.deepEqual(m.position(8), { line: 2, character: 0 });
  });

  it('counts characters in UTF-16 units, as VS Code does', () => {
    const m = new LineMap('x\n😀y');
    assert.deepEqual(m.position(5), { line: 1, character: 3 });
  });

  it('property: agrees with splitting the text on \\n', () => {
    const lineText = fc.array(fc.constantFrom('a', '\r', '\n', '\r\n', '😀', ' '), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(lineText, (text) => {
        const m = new LineMap(text);
        assert.equal(m.lineCount, text.split('\n').length);
        for (let o = 0; o <= text.length; o++) {
          const before = text.slice(0, o);
          const line = before.split('\n').length - 1;
          const character = o - (before.lastIndexOf('\n') + 1);
          assert.deepEqual(m.position(o), { line, character });
          assert.equal(m.lineStart(line), o - character);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('text: sha256Hex', () => {
  it('hashes the UTF-8 bytes', () => {
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(sha256Hex('é😀'), createHash('sha256').update(Buffer.from('é😀', 'utf8')).digest('hex'));
    assert.notEqual(sha256Hex('a\r\n'), sha256Hex('a\n'));
  });
});
