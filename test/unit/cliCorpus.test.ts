// `attribution-lens report <folder>` and `attribution-lens speakers <folder>`: the corpus read
// through loadCorpus, the report written by the pipeline's writer (never over an article or a
// sidecar), duplicates listed with a failing exit code so a CI job notices them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { anchorContext } from '../../src/core/anchoring';
import { Annotation, Speaker } from '../../src/core/model';
import { serializeSidecar } from '../../src/core/sidecar';
import { sidecarWith, speaker } from './helpers';

const TEXT_A = 'Jeremy Corbyn said: "We will meet them." Later he added: "Soon."\n';
const TEXT_B = 'Mr Corbyn told reporters: "The talks went well."\n';

function quote(text: string, id: string, words: string, who: string): Annotation {
  const start = text.indexOf(words);
  return { id, type: 'quote', speaker: who, start, end: start + words.length, ...anchorContext(text, start, start + words.length) };
}

describe('CLI report and speakers (the corpus)', () => {
  let dir: string;
  let out: string;
  let err: string;
  const io = () => ({ stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), cwd: dir });
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  const article = (name: string, text: string, speakers: Speaker[], annotations: Annotation[]) => {
    write(name, text);
    write(`${name}.annotations.yaml`, serializeSidecar(sidecarWith(speakers, [], annotations)));
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-corpus-'));
    out = err = '';
    article('desk-a/one.txt', TEXT_A, [speaker('corbyn', 'Jeremy Corbyn')], [quote(TEXT_A, 'a1', '"We will meet them."', 'corbyn'), quote(TEXT_A, 'a2', '"Soon."', 'corbyn')]);
    article('desk-b/two.txt', TEXT_B, [speaker('mr-corbyn', 'Mr Corbyn')], [quote(TEXT_B, 'b1', '"The talks went well."', 'mr-corbyn')]);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('report writes corpus-report.html into the folder, with every speaker and its quote count', async () => {
    const code = await main(['report', '.'], io());
    assert.equal(code, 0, err);
    assert.match(out, /Read 2 annotated articles \(3 annotations\)/);
    const html = fs.readFileSync(path.join(dir, 'corpus-report.html'), 'utf8');
    assert.match(html, /Jeremy Corbyn/);
    assert.match(html, /Mr Corbyn/);
    assert.doesNotMatch(html, /<script/i);
  });

  it('report --format csv --out FOLDER writes the tables; the speakers table counts quotes per speaker', async () => {
    assert.equal(await main(['report', '.', '--format', 'csv', '--out', 'tables/'], io()), 0, err);
    const files = fs.readdirSync(path.join(dir, 'tables')).sort();
    assert.deepEqual(files, ['corpus-attributes.csv', 'corpus-demands.csv', 'corpus-speakers.csv', 'corpus-totals.csv']);
    const speakers = fs.readFileSync(path.join(dir, 'tables', 'corpus-speakers.csv'), 'utf8');
    const row = speakers.split(/\r?\n/).find((l) => l.includes('Jeremy Corbyn'));
    assert.ok(row && /,2,/.test(row), speakers);
  });

  it('report never writes over an article or a sidecar, and says so', async () => {
    const sidecar = path.join(dir, 'desk-a', 'one.txt.annotations.yaml');
    const before = fs.readFileSync(sidecar, 'utf8');
    const code = await main(['report', '.', '--out', 'desk-a/one.txt.annotations.yaml'], io());
    assert.equal(code, 1);
    assert.match(err, /not written .*one\.txt\.annotations\.yaml/);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), before);
  });

  it('an id defined nowhere in the corpus is an error at its line and column, and the exit code says so', async () => {
    const text = 'Someone said: "Nothing."\n';
    article('desk-b/three.txt', text, [], [quote(text, 'c1', '"Nothing."', 'ghost')]);
    const code = await main(['report', '.'], io());
    assert.equal(code, 1);
    assert.match(err, /three\.txt\.annotations\.yaml:\d+:\d+: error: .*"ghost".*defined nowhere/);
    assert.ok(fs.existsSync(path.join(dir, 'corpus-report.html')), 'the report is still written');
  });

  it('speakers lists "Jeremy Corbyn" and "Mr Corbyn" as a probable pair and exits 1; --json gives the pair as data', async () => {
    assert.equal(await main(['speakers', '.'], io()), 1);
    assert.match(out, /1 probable duplicate pair/);
    assert.match(out, /corbyn .*~.*mr-corbyn|mr-corbyn .*~.*corbyn/);
    out = err = '';
    assert.equal(await main(['speakers', '.', '--json'], io()), 1);
    const pairs = JSON.parse(out);
    assert.equal(pairs.length, 1);
    assert.deepEqual([pairs[0].keep, pairs[0].drop].sort(), ['corbyn', 'mr-corbyn']);
    assert.match(err, /Read 2 annotated articles/);
  });

  it('speakers exits 0 when no two speakers look alike; a path that is not a folder is a usage error', async () => {
    fs.rmSync(path.join(dir, 'desk-b'), { recursive: true });
    assert.equal(await main(['speakers', '.'], io()), 0, err);
    assert.match(out, /No probable duplicate speakers/);
    assert.equal(await main(['speakers', 'desk-a/one.txt'], io()), 2);
    assert.match(err, /not a folder/);
  });
});
