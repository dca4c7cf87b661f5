// `attribution-lens agree`: two annotators' sidecars of one article, read through the pipeline,
// put on the article, compared; the disagreements printed or written (CSV, Markdown), never
// over an article or a sidecar.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { anchorContext } from '../../src/core/anchoring';
import { Annotation, AnnotationType, Speaker } from '../../src/core/model';
import { serializeSidecar } from '../../src/core/sidecar';
import { parseCsv } from './exportFormats.test';
import { sidecarWith, speaker } from './helpers';

const TEXT = 'Ann Lee said: "We will build the bridge." Bob Ray replied that "the bridge is a waste."\nLater, Ann Lee added: "Trust us."\n';

function on(text: string, id: string, type: AnnotationType, words: string, extra: Partial<Annotation> = {}): Annotation {
  const start = text.indexOf(words);
  assert.ok(start >= 0, words);
  return { id, type, start, end: start + words.length, ...anchorContext(text, start, start + words.length), ...extra };
}

function sidecarText(speakers: Speaker[], annotations: Annotation[]): string {
  return serializeSidecar(sidecarWith(speakers, [], annotations));
}

describe('CLI agree', () => {
  let dir: string;
  let out: string;
  let err: string;
  const io = () => ({ stdout: (t: string) => void (out += t), stderr: (t: string) => void (err += t), cwd: dir });
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
    return name;
  };
  const people = [speaker('ann', 'Ann Lee'), speaker('bob', 'Bob Ray')];
  // A: three quotes, Ann, Bob, Ann. B: the first quote without its closing mark, the second given to Ann, the third missed.
  const sideA = () => sidecarText(people, [
    on(TEXT, 'a1', 'quote', '"We will build the bridge."', { speaker: 'ann' }),
    on(TEXT, 'a2', 'quote', '"the bridge is a waste."', { speaker: 'bob' }),
    on(TEXT, 'a3', 'quote', '"Trust us."', { speaker: 'ann' }),
  ]);
  const sideB = (text = TEXT) => sidecarText(people, [
    on(text, 'b1', 'quote', '"We will build the bridge.', { speaker: 'ann' }),
    on(text, 'b2', 'quote', '"the bridge is a waste."', { speaker: 'ann' }),
  ]);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-agree-'));
    out = err = '';
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints the figures and the disagreements (A the article\'s sidecar, B another file)', async () => {
    write('story.txt', TEXT);
    write('story.txt.annotations.yaml', sideA());
    write('theirs.yaml', sideB());
    assert.equal(await main(['agree', 'story.txt.annotations.yaml', 'theirs.yaml'], io()), 0, err);
    // Quotes: A 3, B 2; exact 1 (b2), overlap 2 (b1 covers 26 of a1's 27 characters): F1 2/5 and 4/5.
    assert.match(out, /^quote\s+3\s+2\s+1\s+0\.400\s+2\s+0\.800$/m);
    assert.match(out, /^on story\.txt$/m);
    // Kappa on 2 pairs: (ann, ann), (bob, ann): po 1/2, pe = 1/2·1 + 1/2·0 = 1/2, κ 0.
    assert.match(out, /Cohen's kappa 0\.000 \(1 of 2 pairs agree: observed 0\.500, chance 0\.500\)/);
    assert.match(out, /^3 disagreements:$/m);
    assert.match(out, /quote A a1 \/ B b1 at \d+-\d+: boundaries differ: “"We will build the bridge\."”/);
    assert.match(out, /quote A a2 \/ B b2 at \d+-\d+: speaker differs/);
    assert.match(out, /quote A a3 at \d+-\d+: only in A: “"Trust us\."”/);
    assert.equal(err, '');
  });

  it('puts both on the article first: B written for an older text is no disagreement of offsets', async () => {
    const older = 'Breaking. ' + TEXT;
    write('story.txt', TEXT);
    write('story.txt.annotations.yaml', sideA());
    write('theirs.yaml', sideB(older));
    assert.equal(await main(['agree', 'story.txt', 'theirs.yaml'], io()), 0, err);
    assert.match(out, /^quote\s+3\s+2\s+1\s+0\.400\s+2\s+0\.800$/m);
    // Without the article the stored offsets are compared, with a warning: nothing matches then.
    out = err = '';
    write('alone/a.yaml', sideA());
    write('alone/b.yaml', sideB(older));
    assert.equal(await main(['agree', 'alone/a.yaml', 'alone/b.yaml'], io()), 0, err);
    assert.match(err, /no article found \(give --article\): comparing the offsets stored/);
    assert.match(out, /^quote\s+3\s+2\s+0\s+0\.000\s+0\s+0\.000$/m);
    out = err = '';
    assert.equal(await main(['agree', 'alone/a.yaml', 'alone/b.yaml', '--article', 'story.txt'], io()), 0, err);
    assert.match(out, /^quote\s+3\s+2\s+1\s+0\.400\s+2\s+0\.800$/m);
  });

  it('--out FILE.csv: one row per disagreement, formula cells guarded; --out FILE.md: a checklist', async () => {
    write('story.txt', TEXT);
    write('story.txt.annotations.yaml', sideA());
    write('theirs.yaml', sidecarText([speaker('ann', '=cmd|calc'), speaker('bob', 'Bob Ray')], [on(TEXT, 'b2', 'quote', '"the bridge is a waste."', { speaker: 'ann' })]));
    assert.equal(await main(['agree', 'story.txt', 'theirs.yaml', '--out', 'review/disagreements.csv'], io()), 0, err);
    assert.match(out, /^3 disagreements written to review\/disagreements\.csv$/m);
    const rows = parseCsv(fs.readFileSync(path.join(dir, 'review/disagreements.csv'), 'utf8'));
    assert.equal(rows.length, 4);
    const col = (name: string) => rows[0].indexOf(name);
    const speakerRow = rows.find((r) => r[col('disagreement')] === 'speaker differs')!;
    assert.equal(speakerRow[col('b_speaker')], "'=cmd|calc (ann)");
    assert.equal(speakerRow[col('a_speaker')], 'Bob Ray (bob)');
    assert.equal(speakerRow[col('line')], '1');
    assert.equal(await main(['agree', 'story.txt', 'theirs.yaml', '-o', 'review.md'], io()), 0, err);
    assert.match(fs.readFileSync(path.join(dir, 'review.md'), 'utf8'), /^- \[ \] \*\*only in A\*\* \(line 1, quote\)$/m);
  });

  it('never writes over an article or a sidecar; an --out that is neither .csv nor .md is a usage error', async () => {
    write('notes.csv', TEXT);
    write('notes.csv.annotations.yaml', sideA());
    write('theirs.yaml', sideB());
    const before = fs.readFileSync(path.join(dir, 'notes.csv'), 'utf8');
    assert.equal(await main(['agree', 'notes.csv', 'theirs.yaml', '--out', 'notes.csv'], io()), 1);
    assert.match(err, /not written notes\.csv: it is (?:an article|the article)/);
    assert.equal(fs.readFileSync(path.join(dir, 'notes.csv'), 'utf8'), before);
    err = '';
    assert.equal(await main(['agree', 'notes.csv', 'theirs.yaml', '--out', 'review.txt'], io()), 2);
    assert.match(err, /--out review\.txt: name a \.csv or a \.md file/);
  });

  it('a sidecar with errors is not compared: exit 1, naming file, line and column', async () => {
    write('story.txt', TEXT);
    write('story.txt.annotations.yaml', sideA());
    write('theirs.yaml', 'version: 1\nannotations: [\n');
    assert.equal(await main(['agree', 'story.txt', 'theirs.yaml'], io()), 1);
    assert.match(err, /cannot compare B: theirs\.yaml has 1 error\n {2}theirs\.yaml:\d+:\d+: error: /);
    assert.equal(out, '');
  });

  it('usage: two arguments, files that exist, no folder', async () => {
    write('story.txt', TEXT);
    assert.equal(await main(['agree', 'story.txt'], io()), 2);
    assert.equal(await main(['agree', 'story.txt', 'nope.yaml'], io()), 2);
    assert.match(err, /nope\.yaml: no such file/);
    assert.equal(await main(['agree', '.', 'story.txt'], io()), 2);
    out = '';
    assert.equal(await main(['agree', '--help'], io()), 0);
    assert.match(out, /^Usage: attribution-lens agree <A> <B>/);
    out = '';
    assert.equal(await main(['--help'], io()), 0);
    assert.match(out, /agree <A> <B>/);
  });

  it('names and texts from the sidecars stay text on the terminal', async () => {
    write('story.txt', TEXT);
    write('story.txt.annotations.yaml', sideA());
    write('theirs.yaml', sidecarText([speaker('ann', 'Ann\u001b[2J')], []));
    assert.equal(await main(['agree', 'story.txt', 'theirs.yaml'], io()), 0, err);
    assert.doesNotMatch(out + err, /\u001b/);
  });
});
