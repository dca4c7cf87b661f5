import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { ChunkedText } from '../../src/core/chunkedText';

describe('ChunkedText', () => {
  it('equals a plain string under any sequence of replacements (chunks of 8 KiB crossed)', () => {
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
          }
          assert.equal(text.toString(), ref);
        },
      ),
      { numRuns: 200 },
    );
  });
});
