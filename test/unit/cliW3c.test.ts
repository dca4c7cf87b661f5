// `export --format w3c` names each article by an absolute IRI, as the W3C test suite wants of
// target.source and every id: its file: URI by default, or --base-iri plus its path. Run on real
// temporary folders, since the file: URI is the point.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli';
import { SAMPLE_ARTICLE, SAMPLE_SIDECAR, tempDirPerTest } from './helpers';
import { failures, loadSuite } from './w3cConformance.test';

type Json = Record<string, any>;

async function run(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

/** The sample article and its sidecar at `rel` under `root`. */
function annotated(root: string, rel: string): string {
  const article = path.join(root, rel);
  fs.mkdirSync(path.dirname(article), { recursive: true });
  fs.copyFileSync(SAMPLE_ARTICLE, article);
  const sidecar = fs.readFileSync(SAMPLE_SIDECAR, 'utf8').replace(/^(\s*file:) .*$/m, `$1 ${path.basename(rel)}`);
  fs.writeFileSync(article + '.annotations.yaml', sidecar);
  return article;
}

const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8'));
const sources = (doc: Json): string[] => [...new Set((doc.first.items as Json[]).map((a) => a.target.source as string))];

describe('attribution-lens export --format w3c: article IRIs', () => {
  let tmp: string;
  tempDirPerTest('al-cli-w3c-', (dir) => (tmp = dir));

  // A folder with a space and a file with non-ASCII letters, so both need percent-encoding.
  const SPACED = 'city news/café Zürich.txt';
  const OTHER = 'sport/story.txt';

  it('without --base-iri, target.source and the ids are the article\'s file: URI', async () => {
    const article = annotated(tmp, SPACED);
    annotated(tmp, OTHER);
    const r = await run(tmp, ['export', '.', '--format', 'w3c', '--out', 'out']);
    assert.equal(r.code, 0, r.stderr);
    const doc = readJson(path.join(tmp, 'out', SPACED + '.jsonld'));
    const uri = pathToFileURL(article).href;
    assert.match(uri, /^file:\/\/\/.*\/city%20news\/caf%C3%A9%20Z%C3%BCrich\.txt$/);
    assert.deepEqual(sources(doc), [uri]);
    assert.equal(doc.id, `${uri}#annotations`);
    assert.ok((doc.first.items as Json[]).every((a) => a.id.startsWith(`${uri}#annotation-`)));
  });

  it('with --base-iri, the base plus the article\'s path relative to the exported folder, percent-encoded', async () => {
    annotated(tmp, SPACED);
    annotated(tmp, OTHER);
    const r = await run(tmp, ['export', '.', '--format', 'w3c', '--out', 'out', '--base-iri', 'https://news.example/archive/']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sources(readJson(path.join(tmp, 'out', SPACED + '.jsonld'))), ['https://news.example/archive/city%20news/caf%C3%A9%20Z%C3%BCrich.txt']);
    assert.deepEqual(sources(readJson(path.join(tmp, 'out', OTHER + '.jsonld'))), ['https://news.example/archive/sport/story.txt']);
    // A base without a trailing slash still gets one between it and the path; no local path anywhere.
    const again = await run(tmp, ['export', 'sport', '--format', 'w3c', '--out', 'again', '--base-iri', 'https://news.example/sport']);
    assert.equal(again.code, 0, again.stderr);
    const content = fs.readFileSync(path.join(tmp, 'again', 'story.txt.jsonld'), 'utf8');
    assert.deepEqual(sources(JSON.parse(content)), ['https://news.example/sport/story.txt']);
    assert.ok(!content.includes('file:') && !content.includes(tmp), 'the export does not reveal where the article is');
  });

  it('an article reached through a symlinked folder is named by the path given, not the link\'s target', async function () {
    if (process.platform === 'win32') this.skip();
    annotated(tmp, 'real/story.txt');
    fs.symlinkSync(path.join(tmp, 'real'), path.join(tmp, 'published'));
    const r = await run(tmp, ['export', 'published/story.txt', '--format', 'w3c', '--out', 'out']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(sources(readJson(path.join(tmp, 'out', 'story.txt.jsonld'))), [pathToFileURL(path.join(tmp, 'published/story.txt')).href]);
  });

  it('a bad --base-iri is a usage error naming the problem, exit 2, nothing written', async () => {
    annotated(tmp, 'story.txt');
    const bad: [string, RegExp][] = [
      ['news/archive/', /--base-iri: the base IRI "news\/archive\/" is not an absolute IRI \(one such as https:\/\/news\.example\/articles\/\)/],
      ['https://news.example/archive/#top', /--base-iri: the base IRI "https:\/\/news\.example\/archive\/#top" has a fragment/],
      ['http://news example/', /--base-iri: the base IRI "http:\/\/news example\/" is not an absolute IRI/],
      ['C:\\news\\', /--base-iri: the base IRI "C:\\news\\" is a Windows path, not an IRI/],
    ];
    for (const [iri, message] of bad) {
      const r = await run(tmp, ['export', '.', '--format', 'w3c', '--out', 'out', '--base-iri', iri]);
      assert.equal(r.code, 2, iri);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Run "attribution-lens export --help" for usage\./);
    }
    const empty = await run(tmp, ['export', '.', '--format', 'w3c', '--base-iri=']);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /option --base-iri needs a value/);
    assert.ok(!fs.existsSync(path.join(tmp, 'out')));
  });

  it('--base-iri with another format is a usage error, not silently ignored', async () => {
    annotated(tmp, 'story.txt');
    const r = await run(tmp, ['export', '.', '--format', 'json', '--base-iri', 'https://news.example/']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--base-iri is for --format w3c only/);
    assert.ok(!fs.existsSync(path.join(tmp, 'story.txt.json')));
  });

  it('--help explains --base-iri and that without it the export reveals local paths', async () => {
    const r = await run(tmp, ['export', '--help']);
    assert.match(r.stdout, /--base-iri IRI {8}w3c only/);
    assert.match(r.stdout, /file: URI, which reveals its local path/);
  });

  describe('what the CLI writes passes the W3C test suite', () => {
    const suite = loadSuite();
    for (const base of [undefined, 'https://news.example/archive/']) {
      it(base ? `under --base-iri ${base}` : 'with file: URIs', async () => {
        annotated(tmp, SPACED);
        annotated(tmp, OTHER);
        const r = await run(tmp, ['export', '.', '--format', 'w3c', '--out', 'out', ...(base ? ['--base-iri', base] : [])]);
        assert.equal(r.code, 0, r.stderr);
        const doc = readJson(path.join(tmp, 'out', SPACED + '.jsonld'));
        assert.equal(doc.first.items.length, 65);
        assert.deepEqual(failures(doc, suite), []);
      });
    }
  });
});
