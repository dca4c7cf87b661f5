// The pipeline's write rules through the in-memory host, driven by the CLI: no article or sidecar
// is ever written over, whatever path leads to it, and every write lands whole or not at all.
import * as assert from 'node:assert/strict';
import { Exporter } from '../../src/core/export/types';
import { tempSibling } from '../../src/core/pipeline/write';
import { parseSidecar } from '../../src/core/sidecar';
import { MemoryHost } from './memoryHost';
import { articles, run, SIDECAR, TEXT } from './pipelineHelpers';

/** Like csv: story.txt.csv for one article. */
const csvLike: Exporter = (list) => [{ path: `${list[0].path}.csv`, content: 'csv\n' }];
/** Names the article itself, with other content. */
const clobber: Exporter = (list) => list.map((a) => ({ path: a.path, content: 'gone' }));

describe('pipeline: never writes over an article or a sidecar', () => {
  it('an export target that is a symbolic link to the article', async () => {
    const host = articles('docs').symlink('/w/docs/story.txt.csv', '/w/docs/story.txt');
    const r = await run(host, ['export', 'docs', '--format', 'csv'], { exporters: { csv: csvLike } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^not written docs\/story\.txt\.csv: it is an article \(\/w\/docs\/story\.txt, through a link\)/m);
    assert.equal(host.text('/w/docs/story.txt'), TEXT);
    assert.match(r.stdout, /0 files written/);
  });

  it('a target reached through a symbolically linked folder', async () => {
    const host = articles('docs').symlink('/w/out', '/w/docs');
    const r = await run(host, ['export', 'docs', '--format', 'brat', '--out', 'out'], { exporters: { brat: clobber } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^not written out\/story\.txt: it is an article/m);
    assert.equal(host.text('/w/docs/story.txt'), TEXT);
  });

  it('a target that is a hard link to the article or to its sidecar', async () => {
    const host = articles('docs').hardLink('/w/docs/story.txt', '/w/docs/story.txt.csv');
    let r = await run(host, ['export', 'docs', '--format', 'csv'], { exporters: { csv: csvLike } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^not written docs\/story\.txt\.csv: it is an article \(a hard link to it\)/m);
    assert.equal(host.text('/w/docs/story.txt'), TEXT);
    await host.remove('/w/docs/story.txt.csv');
    host.hardLink('/w/docs/story.txt.annotations.yaml', '/w/docs/story.txt.csv');
    r = await run(host, ['export', 'docs', '--format', 'csv'], { exporters: { csv: csvLike } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /it is a sidecar \(a hard link to it\)/);
    assert.equal(host.text('/w/docs/story.txt.annotations.yaml'), SIDECAR);
  });

  it('another annotated article named as --out', async () => {
    const host = articles('a').file('/w/b/notes.md', '# Notes\n').file('/w/b/notes.md.annotations.yaml', 'version: 1\n');
    const r = await run(host, ['export', 'a', '--format', 'markdown', '--out', 'b/notes.md']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^not written b\/notes\.md: it is an annotated article \(its sidecar \/w\/b\/notes\.md\.annotations\.yaml is there\)/m);
    assert.equal(host.text('/w/b/notes.md'), '# Notes\n');
  });

  it("another article's sidecar, through a link", async () => {
    const host = articles('a', 'c').symlink('/w/a/story.txt.csv', '/w/c/story.txt.annotations.yaml');
    const r = await run(host, ['export', 'a', '--format', 'csv'], { exporters: { csv: csvLike } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not written a\/story\.txt\.csv: it is the sidecar of \/w\/c\/story\.txt/);
    assert.equal(host.text('/w/c/story.txt.annotations.yaml'), SIDECAR);
  });

  it("brat's .txt into a folder holding a same-named annotated article", async () => {
    const host = articles('a').file('/w/b/story.txt', 'Another story.\n').file('/w/b/story.txt.annotations.yaml', 'version: 1\n');
    const r = await run(host, ['export', 'a', '--format', 'brat', '--out', 'b']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^not written b\/story\.txt: it is an annotated article/m);
    assert.match(r.stdout, /^wrote b\/story\.ann$/m);
    assert.equal(host.text('/w/b/story.txt'), 'Another story.\n');
  });

  it("brat's .txt in the article's own folder with the same text is left alone, exit 0", async () => {
    const host = articles('a');
    const r = await run(host, ['export', 'a', '--format', 'brat']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'wrote a/story.ann\nwrote a/annotation.conf\nwrote a/visual.conf\nExported 1 article (65 annotations) as brat: 3 files written.\n');
  });

  it("brat's .txt beside an article with a byte-order mark is refused: brat would count the mark and every offset would be one out", async () => {
    const host = articles('a');
    const article = host.text('/w/a/story.txt');
    host.file('/w/a/story.txt', '\uFEFF' + article);
    const r = await run(host, ['export', 'a', '--format', 'brat']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^not written a\/story\.txt: it is the article, and it starts with a byte-order mark/m);
    assert.equal(host.text('/w/a/story.txt'), article);
  });

  it("a brat configuration the user edited is kept, one that is ours already is left alone, exit 0", async () => {
    const host = articles('a').file('/w/site/annotation.conf', '[entities]\nMine\n');
    const first = await run(host, ['export', 'a', '--format', 'brat', '--out', 'site']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /^kept site\/annotation\.conf: a different one is there/m);
    assert.equal(host.text('/w/site/annotation.conf'), '[entities]\nMine\n');
    assert.match(first.stdout, /^wrote site\/visual\.conf$/m);
    const again = await run(host, ['export', 'a', '--format', 'brat', '--out', 'site']);
    assert.equal(again.code, 0, again.stderr);
    assert.doesNotMatch(again.stdout, /visual\.conf/);
  });

  it('keeps exports inside the output folder, even when a subfolder of it is a link leading out', async () => {
    const host = articles('a', 'b').mkdirp('/elsewhere').symlink('/w/site/a', '/elsewhere');
    const r = await run(host, ['export', 'a', 'b', '--format', 'html', '--out', 'site']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^not written site\/a\/story\.txt\.html: its folder leads outside the output folder \(to \/elsewhere\)$/m);
    assert.match(r.stdout, /^wrote site\/b\/story\.txt\.html$/m);
    assert.deepEqual(host.names('/elsewhere'), []);
  });

  describe('import -o', () => {
    const fakeImport = () => ({ sidecar: parseSample(), warnings: [] });
    const setup = () => articles('.').file('/w/story.ann', 'T1\tSource 0 4\tText\n');

    it('a symbolic link to the article is refused, even with --force', async () => {
      const host = setup().symlink('/w/link.yaml', '/w/story.txt');
      const r = await run(host, ['import', 'story.ann', '--text', 'story.txt', '-o', 'link.yaml', '--force'], { importers: { brat: fakeImport } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^attribution-lens import: refusing to write the sidecar over link\.yaml: it is the text being annotated \(\/w\/story\.txt, through a link\)/);
      assert.equal(host.text('/w/story.txt'), TEXT);
    });

    it('the input file, a hard link to the text, or another article\'s sidecar are refused', async () => {
      const host = setup().hardLink('/w/story.txt', '/w/hard.yaml').file('/w/other.txt', 'Other.\n').file('/w/other.txt.annotations.yaml', 'version: 1\n');
      for (const [out, why] of [
        ['story.ann', /it is the file being imported/],
        ['hard.yaml', /it is the text being annotated \(a hard link to it\)/],
        ['other.txt.annotations.yaml', /it is the sidecar of \/w\/other\.txt/],
        ['other.txt', /it is an annotated article/],
      ] as const) {
        const r = await run(host, ['import', 'story.ann', '--text', 'story.txt', '-o', out, '--force'], { importers: { brat: fakeImport } });
        assert.equal(r.code, 1, out);
        assert.match(r.stderr, why, out);
      }
      assert.equal(host.text('/w/other.txt.annotations.yaml'), 'version: 1\n');
      assert.equal(host.text('/w/story.txt'), TEXT);
    });

    it('--force replaces the text\'s own sidecar', async () => {
      const host = setup();
      const r = await run(host, ['import', 'story.ann', '--force'], { importers: { brat: fakeImport } });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^wrote story\.txt\.annotations\.yaml: /);
    });
  });
});

describe('pipeline: atomic writes', () => {
  it('a write that fails midway (disk full) leaves the previous export whole and says so', async () => {
    const host = articles('docs').file('/w/docs/story.txt.csv', 'previous\n');
    host.failCreateAfter = { bytes: 2, code: 'ENOSPC' };
    const r = await run(host, ['export', 'docs', '--format', 'csv'], { exporters: { csv: csvLike } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^not written docs\/story\.txt\.csv: cannot write: ENOSPC \(no space left on device, write\); the previous file is left as it was$/m);
    assert.equal(host.text('/w/docs/story.txt.csv'), 'previous\n');
    assert.deepEqual(host.names('/w/docs'), ['story.txt', 'story.txt.annotations.yaml', 'story.txt.csv'], 'no temporary file left behind');
  });

  it('import --force with a failing rename keeps the previous sidecar', async () => {
    const host = articles('.').file('/w/story.ann', '');
    host.failRename = 'EIO';
    const r = await run(host, ['import', 'story.ann', '--force'], { importers: { brat: () => ({ sidecar: parseSample(), warnings: [] }) } });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^story\.txt\.annotations\.yaml: cannot write: EIO .*; the previous file is left as it was$/m);
    assert.equal(host.text('/w/story.txt.annotations.yaml'), SIDECAR);
    assert.deepEqual(host.names('/w'), ['story.ann', 'story.txt', 'story.txt.annotations.yaml']);
  });

  it('temporary names differ per write and carry the process tag', async () => {
    const host = new MemoryHost();
    const names = new Set(Array.from({ length: 50 }, () => tempSibling(host, '/w/a.csv')));
    assert.equal(names.size, 50);
    for (const n of names) assert.match(n, /^\/w\/\.a\.csv\.4242-\d+-[a-z0-9]+\.tmp$/);
  });
});

function parseSample() {
  return parseSidecar(SIDECAR).sidecar!;
}
