import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkedText } from '../../src/core/chunkedText';

describe('ChunkedText', () => {
  it('equals a plain string under any sequence of replacements (chunks of 2 KiB crossed), with the fingerprint of the same text built in one go', () => {
    const piece = fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\r\n', ' '), maxLength: 40 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 9000 }), piece, fc.nat(), fc.nat({ max: 20_000 })), { maxLength: 25 }),
        (size, edits) => {
          let ref = 'x😀yz é'.repeat(Math.ceil(size / 6)).slice(0, size);
          const text = new ChunkedText(ref);
          for (const [o, l, ins, s, n] of edits) {
            const offset = o % (ref.length + 1);
            const length = Math.min(l, ref.length - offset);
            text.replace(offset, length, ins);
            ref = ref.slice(0, offset) + ins + ref.slice(offset + length);
            const start = s % (ref.length + 1);
            assert.equal(text.slice(start, start + n), ref.slice(start, start + n));
            assert.equal(text.length, ref.length);
            assert.equal(text.fingerprint(), new ChunkedText(ref).fingerprint(), 'same text, other chunk boundaries: same fingerprint');
          }
          assert.equal(text.toString(), ref);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fingerprints tell apart texts that differ by one unit, or only by where a piece is', () => {
    const base = 'We will consider the request carefully. '.repeat(200);
    const fingerprints = new Set<string>();
    const texts = [base, base + ' ', base.slice(1), base.replace('request', 'requesT'), 'x' + base.slice(0, -1), base.slice(0, 5000) + base.slice(5001) + 'W'];
    for (const t of texts) fingerprints.add(new ChunkedText(t).fingerprint());
    assert.equal(fingerprints.size, texts.length);
    const edited = new ChunkedText(base);
    edited.replace(100, 0, 'abc');
    edited.replace(4000, 3, '');
    assert.notEqual(edited.fingerprint(), new ChunkedText(base).fingerprint());
    edited.replace(4000, 0, base.slice(3997, 4000));
    edited.replace(100, 3, '');
    assert.equal(edited.fingerprint(), new ChunkedText(base).fingerprint(), 'edited back: the same fingerprint');
  });
});
