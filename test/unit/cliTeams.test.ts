import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { sampleArticle, sampleSidecarSource } from './helpers';
import { editSidecar, rewriteFor, updatedHeadline } from './teamsFixtures';

describe('CLI diff and merge', () => {
  let dir: string;
  let out: string;
  let err: string;
  const io = () => ({ stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), cwd: dir });
  const file = (name: string, text: string) => {
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-teams-'));
    out = err = '';
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('diff shows a note with a terminal escape as text, in the diff and in textconv', async () => {
    const base = sampleSidecarSource();
    const hostile = editSidecar(base, (as) => void (as[0].note = 'gone\u001b[2J\u202ehidden'));
    assert.equal(await main(['diff', file('a.yaml', base), file('b.yaml', hostile)], io()), 1);
    assert.match(out, /~ annotation a1: note \(none\) -> "gone\\u001b\[2J\\u202ehidden"\n/);
    assert.doesNotMatch(out, /[\u001b\u202e]/);
    out = '';
    assert.equal(await main(['diff', '--textconv', 'b.yaml'], io()), 0);
    assert.doesNotMatch(out, /[\u001b\u202e]/);
    assert.match(out, /\\u202e/);
  });

  it('diff of a file with itself exits 0 and says so; wrong argument counts are usage errors', async () => {
    file('a.yaml', sampleSidecarSource());
    assert.equal(await main(['diff', 'a.yaml', 'a.yaml'], io()), 0);
    assert.match(out, /^no changes to speakers, demands or annotations\n$/);
    assert.equal(await main(['diff', 'a.yaml'], io()), 2);
    assert.equal(await main(['merge', 'a.yaml', 'a.yaml'], io()), 2);
  });

  it('merge leaves ours untouched and exits 1 when theirs does not parse, naming line and column', async () => {
    const ours = sampleSidecarSource();
    file('base.yaml', ours);
    file('ours.yaml', ours.replace('version: 1', 'version: 1 # ours'));
    file('theirs.yaml', 'version: 1\nannotations: [\n');
    const before = fs.readFileSync(path.join(dir, 'ours.yaml'), 'utf8');
    assert.equal(await main(['merge', 'base.yaml', 'ours.yaml', 'theirs.yaml', 'story.txt.annotations.yaml'], io()), 1);
    assert.equal(fs.readFileSync(path.join(dir, 'ours.yaml'), 'utf8'), before);
    assert.match(err, /^story\.txt\.annotations\.yaml: not merged, theirs:\d+:\d+: /);
  });

  it('diff --old-article puts a stale sidecar on its article first: offsets it had wrong are not moves', async () => {
    const text = sampleArticle();
    const edited = updatedHeadline(text);
    file('story.txt', edited);
    const stale = sampleSidecarSource();
    file('a.yaml', stale);
    file('b.yaml', rewriteFor(stale, edited));
    assert.equal(await main(['diff', 'a.yaml', 'b.yaml'], io()), 1);
    assert.match(out, /annotations moved by \+10 characters/);
    out = '';
    assert.equal(await main(['diff', 'a.yaml', 'b.yaml', '--old-article', 'story.txt'], io()), 0);
    assert.match(out, /^no changes/);
  });
});
