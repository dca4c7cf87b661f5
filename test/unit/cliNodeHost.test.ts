// What an attacker does on a real disk, against the CLI on node:fs: links to articles, hard links,
// FIFOs and /dev/zero where articles are expected, and --out used twice.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { NodeHost, toPosix } from '../../src/node/nodeHost';
import { writeAtomic, WriteError } from '../../src/core/pipeline/write';
import { SAMPLE_ARTICLE, SAMPLE_SIDECAR } from './helpers';

async function run(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

const posix = process.platform !== 'win32';


/** Another annotated article, with a minimal sidecar, in `dir` (made when missing). */
function annotatedArticle(dir: string, name: string, text: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), text);
  fs.writeFileSync(path.join(dir, `${name}.annotations.yaml`), 'version: 1\n');
}
describe('attribution-lens CLI on a real disk: hostile paths', function () {
  let tmp: string;
  let article: string;
  let sidecar: string;
  const original = fs.readFileSync(SAMPLE_ARTICLE, 'utf8');
  beforeEach(function () {
    if (!posix) this.skip();
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'al-host-')));
    fs.mkdirSync(path.join(tmp, 'docs'));
    article = path.join(tmp, 'docs', 'story.txt');
    sidecar = article + '.annotations.yaml';
    fs.copyFileSync(SAMPLE_ARTICLE, article);
    fs.copyFileSync(SAMPLE_SIDECAR, sidecar);
  });
  afterEach(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('export: a symbolic link at the target to the article is refused, exit 1, the article intact', async () => {
    fs.symlinkSync(article, path.join(tmp, 'docs', 'story.txt.csv'));
    const r = await run(tmp, ['export', 'docs', '--format', 'csv']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /not written docs\/story\.txt\.csv: it is an article/);
    assert.equal(fs.readFileSync(article, 'utf8'), original);
  });

  it('export: a hard link at the target to the sidecar is refused, the sidecar intact', async () => {
    const before = fs.readFileSync(sidecar, 'utf8');
    fs.linkSync(sidecar, path.join(tmp, 'docs', 'story.txt.json'));
    const r = await run(tmp, ['export', 'docs', '--format', 'json']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /not written docs\/story\.txt\.json: it is a sidecar \(a hard link to it\)/);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), before);
  });

  it('export --format brat --out through a symlinked folder to the articles: the article is not rewritten', async () => {
    // With a byte-order mark, brat's .txt (the text without it) differs from the article's bytes.
    fs.writeFileSync(article, '\ufeff' + original);
    fs.symlinkSync(path.join(tmp, 'docs'), path.join(tmp, 'out'));
    const edited = fs.readFileSync(article, 'utf8');
    const r = await run(tmp, ['export', 'docs', '--format', 'brat', '--out', 'out']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /not written out\/story\.txt: it is an article/);
    assert.equal(fs.readFileSync(article, 'utf8'), edited);
  });

  it('import --force -o a symbolic link to the article is refused, the article intact', async () => {
    assert.equal((await run(tmp, ['export', 'docs', '--format', 'brat'])).code, 0);
    fs.symlinkSync(article, path.join(tmp, 'link.yaml'));
    const r = await run(tmp, ['import', 'docs/story.ann', '-o', 'link.yaml', '--force']);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, /refusing to write the sidecar over link\.yaml: it is the text being annotated/);
    assert.equal(fs.readFileSync(article, 'utf8'), original);
  });

  it('a FIFO as the article is reported, not waited on', async () => {
    fs.rmSync(article);
    execFileSync('mkfifo', [article]);
    const r = await run(tmp, ['check', 'docs/story.txt']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /docs\/story\.txt: is not a regular file/);
  });

  it('a symbolic link to /dev/zero as the article is reported, not read', async function () {
    if (!fs.existsSync('/dev/zero')) this.skip();
    fs.rmSync(article);
    fs.symlinkSync('/dev/zero', article);
    const r = await run(tmp, ['check', 'docs']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /docs\/story\.txt: is not a regular file/);
  });

  it('export --format html --out site: a folder with one article, and again with two', async () => {
    fs.mkdirSync(path.join(tmp, 'more'));
    fs.copyFileSync(SAMPLE_ARTICLE, path.join(tmp, 'more', 'story.txt'));
    fs.copyFileSync(SAMPLE_SIDECAR, path.join(tmp, 'more', 'story.txt.annotations.yaml'));
    let r = await run(tmp, ['export', 'docs', '--format', 'html', '--out', 'site']);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(fs.statSync(path.join(tmp, 'site')).isDirectory(), 'site is a folder');
    r = await run(tmp, ['export', 'docs', 'more', '--format', 'html', '--out', 'site']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /: 2 files written\.$/m);
  });

  it('export replaces a file in one step and leaves no temporary file', async () => {
    const target = path.join(tmp, 'docs', 'story.txt.csv');
    fs.writeFileSync(target, 'previous');
    const r = await run(tmp, ['export', 'docs', '--format', 'csv']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(fs.readFileSync(target, 'utf8'), /^article,id,/);
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'docs')).sort(), ['story.txt', 'story.txt.annotations.yaml', 'story.txt.csv']);
  });
  it('export --out another annotated article is refused, that article intact', async () => {
    annotatedArticle(path.join(tmp, 'b'), 'notes.md', '# Notes\n');
    const r = await run(tmp, ['export', 'docs', '--format', 'markdown', '--out', 'b/notes.md']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /not written b\/notes\.md: it is an annotated article/);
    assert.equal(fs.readFileSync(path.join(tmp, 'b', 'notes.md'), 'utf8'), '# Notes\n');
  });

  it("export --format brat into a folder holding a same-named annotated article: its text is not replaced", async () => {
    annotatedArticle(path.join(tmp, 'b'), 'story.txt', 'Another story.\n');
    const r = await run(tmp, ['export', 'docs', '--format', 'brat', '--out', 'b']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /not written b\/story\.txt: it is an annotated article/);
    assert.equal(fs.readFileSync(path.join(tmp, 'b', 'story.txt'), 'utf8'), 'Another story.\n');
  });

  it('a Latin-1 article is an error at its first bad byte, not U+FFFD', async () => {
    fs.writeFileSync(article, Buffer.from('Line one\nCaf\xe9 society\n', 'latin1'));
    const r = await run(tmp, ['check', 'docs']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /docs\/story\.txt:2:4: not valid UTF-8 \(byte 0xE9\); it looks like Latin-1\/Windows-1252/);
  });

  it('a file name with terminal escapes is printed escaped', async () => {
    const evil = path.join(tmp, 'docs', 'evil\x1b]0;owned\x07.txt');
    fs.renameSync(article, evil);
    fs.renameSync(sidecar, evil + '.annotations.yaml');
    const r = await run(tmp, ['check', 'docs']);
    assert.equal(r.code, 0, r.stdout);
    assert.match(r.stdout, /^OK   docs\/evil\\x1b\]0;owned\\x07\.txt: /m);
    assert.doesNotMatch(r.stdout, /\x1b|\x07/);
  });
});

describe('atomic writes on node:fs', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'al-write-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('two writes at once to one file: it ends whole, one or the other, never mixed; no temporary file stays', async () => {
    const host = new NodeHost();
    const target = toPosix(path.join(tmp, 'story.txt.annotations.yaml'));
    const a = 'a'.repeat(3_000_000);
    const b = 'b'.repeat(2_000_000);
    await Promise.all([writeAtomic(host, target, a), writeAtomic(host, target, b), writeAtomic(host, target, a)]);
    const now = fs.readFileSync(target, 'utf8');
    assert.ok(now === a || now === b, `whole: ${now.length} bytes`);
    assert.deepEqual(fs.readdirSync(tmp), ['story.txt.annotations.yaml']);
  });

  it('replace: false never replaces a file that is there (EEXIST), and leaves it whole', async () => {
    const host = new NodeHost();
    const target = toPosix(path.join(tmp, 'x.yaml'));
    fs.writeFileSync(target, 'mine');
    await assert.rejects(writeAtomic(host, target, 'theirs', { replace: false }), (e: WriteError) => e.code === 'EEXIST');
    assert.equal(fs.readFileSync(target, 'utf8'), 'mine');
    assert.deepEqual(fs.readdirSync(tmp), ['x.yaml']);
    await writeAtomic(host, toPosix(path.join(tmp, 'new.yaml')), 'fresh', { replace: false });
    assert.equal(fs.readFileSync(path.join(tmp, 'new.yaml'), 'utf8'), 'fresh');
  });
});
