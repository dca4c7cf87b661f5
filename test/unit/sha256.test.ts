// Core's SHA-256 (plain TypeScript, for the web build) and the Node bundles' stand-in for it
// (node:crypto, swapped in by scripts/build.mjs) must give the same digests, or a sidecar
// written in the browser would look stale on the desktop and the other way round.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as core from '../../src/core/sha256';
import * as native from '../../src/node/sha256';

describe('sha256 in core and in Node', () => {
  it('gives the known digests', () => {
    assert.equal(core.sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(core.sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(core.sha256Base64('abc'), 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  });

  it('agrees with node:crypto on any text, lone surrogates and astral characters included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: fc.constantFrom('\ud83d', '\ude00', '\ud83d\ude00', 'é', '\r\n', 'a'), maxLength: 40 }), (a, b) => {
        const text = a + b;
        assert.equal(core.sha256Hex(text), native.sha256Hex(text));
        assert.equal(core.sha256Base64(text), native.sha256Base64(text));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on a long text, past the block and length-field boundaries', () => {
    for (const n of [55, 56, 63, 64, 65, 1000, 200_001]) {
      const text = 'x'.repeat(n);
      assert.equal(core.sha256Hex(text), native.sha256Hex(text), `length ${n}`);
    }
  });
});
