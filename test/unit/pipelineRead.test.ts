// Reading through the pipeline: only regular files, never more than the limit (plus one byte),
// and text that is not UTF-8 named at file:line:column of its first bad byte.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeText, firstInvalidUtf8, readBytes, ReadError } from '../../src/core/pipeline/read';
import { outKind, planTargets } from '../../src/core/pipeline/targets';
import { MemoryHost } from './memoryHost';
import { articles, run } from './pipelineHelpers';

const SIDECAR = 'version: 1\n';

describe('pipeline: reading', () => {
  it('a FIFO as the article is refused without being opened (it would hang)', async () => {
    const host = new MemoryHost().fifo('/w/story.txt').file('/w/story.txt.annotations.yaml', SIDECAR);
    const r = await run(host, ['check', 'story.txt']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^FAIL story\.txt\n  story\.txt: is not a regular file \(a FIFO, a device or a socket\): not read$/m);
    assert.deepEqual(host.reads, []);
  });

  it('a symbolic link to /dev/zero is refused without reading', async () => {
    const host = new MemoryHost().zeroDevice('/dev/zero').symlink('/w/story.txt', '/dev/zero').file('/w/story.txt.annotations.yaml', SIDECAR);
    const r = await run(host, ['check', '.']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /story\.txt: is not a regular file/);
    assert.deepEqual(host.reads, []);
  });

  it('a regular file that never ends is read to the limit plus one byte, then refused', async () => {
    const host = new MemoryHost().endlessFile('/w/story.txt').file('/w/story.txt.annotations.yaml', SIDECAR);
    const r = await run(host, ['export', '.', '--format', 'json'], { readLimit: 1000 });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^skipped story\.txt: story\.txt: is larger than the 1000 bytes limit for a text file: not read$/m);
    assert.deepEqual(host.reads, [{ path: '/w/story.txt', maxBytes: 1001 }]);
  });

  it('a file over the limit is refused by its size, unread; the default limit is 64 MB', async () => {
    const host = new MemoryHost().file('/w/big.txt', new Uint8Array(2048));
    await assert.rejects(readBytes(host, '/w/big.txt', 1024), (e: ReadError) => e.message === 'is larger than the 1024 bytes limit for a text file: not read');
    assert.deepEqual(host.reads, []);
    const big = new MemoryHost().file('/w/big.txt', new Uint8Array(64 * 1024 * 1024 + 1));
    await assert.rejects(readBytes(big, '/w/big.txt'), /larger than the 64 MB limit/);
    assert.equal((await readBytes(host, '/w/big.txt', 2048)).length, 2048, 'a file at the limit is read');
  });

  it('a folder is not a file', async () => {
    await assert.rejects(readBytes(new MemoryHost().mkdirp('/w/d'), '/w/d'), /is a folder/);
  });

  it('a Latin-1 article is an error at line:column of the first bad byte, saying what it looks like', async () => {
    const latin1 = Uint8Array.from([...Buffer.from('First line\nCaf'), 0xe9, ...Buffer.from(' cr'), 0xe8, 0x6d, 0x65, 0x0a]);
    const host = new MemoryHost().file('/w/story.txt', latin1).file('/w/story.txt.annotations.yaml', SIDECAR);
    const r = await run(host, ['check', '.']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^  story\.txt:2:4: not valid UTF-8 \(byte 0xE9\); it looks like Latin-1\/Windows-1252: save it as UTF-8/m);
    assert.doesNotMatch(r.stdout, /\ufffd/);
  });

  it('columns count characters, a byte-order mark is dropped, and NUL bytes suggest UTF-16', () => {
    assert.equal(decodeText('a', Buffer.from('\ufeffCafé')), 'Café');
    assert.throws(
      () => decodeText('a', Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from('é€'), 0xff])),
      (e: ReadError) => e.line === 1 && e.column === 3 && /0xFF/.test(e.message),
    );
    assert.throws(() => decodeText('a', Uint8Array.from([0xff, 0xfe, 0x41, 0x00])), /binary file or UTF-16/);
  });

  it('property: the first invalid byte agrees with a strict decoder', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        const bad = firstInvalidUtf8(bytes);
        let valid = true;
        try {
          strict.decode(bytes);
        } catch {
          valid = false;
        }
        assert.equal(bad === -1, valid);
        if (bad >= 0) {
          assert.doesNotThrow(() => strict.decode(bytes.subarray(0, bad)), 'everything before it is valid');
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('pipeline: the --out rule', () => {
  const host = () => new MemoryHost().mkdirp('/w/existing').file('/w/notes', 'x');
  const cases: [string, string, string][] = [
    ['html', '/w/site', 'folder'],
    ['html', '/w/site.html', 'folder'],
    ['brat', '/w/notes', 'folder'],
    ['w3c', '/w/x.json', 'folder'],
    ['csv', '/w/report.csv', 'file'],
    ['json', '/w/REPORT.JSON', 'file'],
    ['markdown', '/w/r.markdown', 'file'],
    ['csv', '/w/reports', 'folder'],
    ['csv', '/w/existing', 'folder'],
    ['csv', '/w/notes', 'file'],
  ];
  for (const [format, out, kind] of cases) {
    it(`${format} --out ${out}: a ${kind}`, async () => {
      assert.equal(await outKind(host(), format as 'csv', out), kind);
    });
  }

  it('a trailing slash is a folder, and a file target takes one file only', async () => {
    assert.equal(await outKind(host(), 'csv', '/w/report.csv', 'report.csv/'), 'folder');
    const files = [{ path: 'a.html', content: '' }, { path: 'b.html', content: '' }];
    assert.match((planTargets(files, '/w/x', 'file') as { error: string }).error, /gives 2 files/);
  });

  it('html with one article, then two, into the same --out: a folder both times', async () => {
    const h = articles('a', 'b');
    let r = await run(h, ['export', 'a', '--format', 'html', '--out', 'site']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wrote site\/story\.txt\.html$/m);
    r = await run(h, ['export', 'a', 'b', '--format', 'html', '--out', 'site']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wrote site\/a\/story\.txt\.html\nwrote site\/b\/story\.txt\.html\n/m);
  });
});
