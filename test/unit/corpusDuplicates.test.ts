// Duplicate speakers across a corpus (src/core/corpus/duplicates.ts) and the merge plan
// (speakerMerge.ts): names matched with titles set aside, surnames with care, each pair with its
// reason; the plan rewrites every reference on the file as written, comments and unknown keys kept.
import * as assert from 'node:assert/strict';
import { Corpus, CorpusArticle, WorkspaceSpeaker } from '../../src/core/corpus/corpus';
import { findDuplicateSpeakers, nameForm } from '../../src/core/corpus/duplicates';
import { planSpeakerMerge, SpeakerMergeError } from '../../src/core/corpus/speakerMerge';
import { Annotation, Speaker } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import { sidecarWith, speaker } from './helpers';

function articleOf(path: string, speakers: Speaker[], annotations: Partial<Annotation>[] = []): CorpusArticle {
  const anns = annotations.map((a, i) => ({ id: `a${i + 1}`, type: 'quote' as const, start: i * 10, end: i * 10 + 5, ...a }));
  return { article: path, sidecarPath: `${path}.annotations.yaml`, folder: '', sidecar: sidecarWith(speakers, [], anns) };
}

function corpusOf(articles: CorpusArticle[], workspace: WorkspaceSpeaker[] = []): Corpus {
  return { articles: [...articles].sort((a, b) => (a.article < b.article ? -1 : 1)), speakers: new Map(workspace.map((w) => [w.id, w])) };
}

const pairOf = (pairs: ReturnType<typeof findDuplicateSpeakers>, x: string, y: string) => pairs.find((p) => (p.a.id === x && p.b.id === y) || (p.a.id === y && p.b.id === x));

describe('duplicate speakers', () => {
  it('normal forms: titles, case, accents, dots and possessives set aside', () => {
    assert.deepEqual(nameForm('Mr. Jeremy Corbyn’s').words, ['jeremy', 'corbyn']);
    assert.equal(nameForm('Mr Corbyn').titled, true);
    assert.deepEqual(nameForm('The Rt Hon Jeremy Corbyn').words, ['jeremy', 'corbyn']);
    assert.deepEqual(nameForm('José  Álvarez').words, ['jose', 'alvarez']);
    // A title alone is a name, not nothing.
    assert.deepEqual(nameForm('Lord').words, ['lord']);
  });

  it('"Jeremy Corbyn" / "Mr Corbyn" / "Corbyn" across articles: pairs with reasons and confidences', () => {
    const corpus = corpusOf([
      articleOf('a.txt', [speaker('jc', 'Jeremy Corbyn')], [{ speaker: 'jc' }, { speaker: 'jc' }]),
      articleOf('b.txt', [speaker('corbyn', 'Mr Corbyn')], [{ speaker: 'corbyn' }]),
      articleOf('c.txt', [speaker('jeremy', 'jeremy corbyn')], [{ speaker: 'jeremy' }]),
      articleOf('d.txt', [speaker('jc', 'Jeremy Corbyn')], [{ speaker: 'jc' }]),
    ]);
    const pairs = findDuplicateSpeakers(corpus);
    const same = pairOf(pairs, 'jc', 'jeremy')!;
    assert.equal(same.confidence, 0.95);
    assert.match(same.reasons[0], /the same name once titles, case and accents are set aside: “Jeremy Corbyn” \/ “jeremy corbyn”/);
    // Keep the id in more articles.
    assert.deepEqual([same.keep, same.drop], ['jc', 'jeremy']);
    const surname = pairOf(pairs, 'jc', 'corbyn')!;
    assert.equal(surname.confidence, 0.7);
    assert.match(surname.reasons[0], /“Mr Corbyn” is the surname of “Jeremy Corbyn”/);
    assert.equal(pairs[0], same, 'the surest first');
  });

  it('"Corbyn" next to Jeremy and Piers Corbyn is weaker and says why; Jeremy and Piers are never a pair', () => {
    const corpus = corpusOf([
      articleOf('a.txt', [speaker('jc', 'Jeremy Corbyn')]),
      articleOf('b.txt', [speaker('pc', 'Piers Corbyn')]),
      articleOf('c.txt', [speaker('c', 'Corbyn')]),
    ]);
    const pairs = findDuplicateSpeakers(corpus);
    assert.equal(pairOf(pairs, 'jc', 'pc'), undefined);
    const withPiers = pairOf(pairs, 'pc', 'c')!;
    assert.equal(withPiers.confidence, 0.35);
    assert.match(withPiers.reasons[0], /“Corbyn” is the surname of “Piers Corbyn”, but also of “Jeremy Corbyn”: which one is meant is unclear/);
    assert.equal(pairOf(pairs, 'jc', 'c')!.confidence, 0.35);
    // Alone with Piers, "Corbyn" is as likely him as "Mr Corbyn" is Jeremy above.
    const alone = findDuplicateSpeakers(corpusOf([articleOf('b.txt', [speaker('pc', 'Piers Corbyn')]), articleOf('c.txt', [speaker('c', 'Corbyn')])]));
    assert.equal(alone[0].confidence, 0.7);
  });

  it('aliases count, initials fit, and more names with the same given name and surname', () => {
    const corpus = corpusOf([
      articleOf('a.txt', [speaker('jc', 'Jeremy Corbyn')]),
      articleOf('b.txt', [speaker('lab', 'The Labour leader', { aliases: ['Jeremy Corbyn'] })]),
      articleOf('c.txt', [speaker('j', 'J. Corbyn')]),
      articleOf('d.txt', [speaker('jbc', 'Jeremy Bernard Corbyn')]),
    ]);
    const pairs = findDuplicateSpeakers(corpus);
    assert.equal(pairOf(pairs, 'jc', 'lab')!.confidence, 0.95);
    assert.match(pairOf(pairs, 'jc', 'lab')!.reasons[0], /the same name “Jeremy Corbyn”/);
    assert.equal(pairOf(pairs, 'jc', 'j')!.confidence, 0.7);
    assert.match(pairOf(pairs, 'jc', 'j')!.reasons[0], /the initial of “J\. Corbyn” fits “Jeremy Corbyn”/);
    assert.equal(pairOf(pairs, 'jc', 'jbc')!.confidence, 0.85);
  });

  it('kinds that differ, anonymous sources and ids side by side in one article lower the confidence', () => {
    const corpus = corpusOf([
      articleOf('a.txt', [speaker('lab', 'Labour', { kind: 'organisation' }), speaker('spk', 'a Labour spokesman', { kind: 'anonymous' })], [{ speaker: 'lab' }, { speaker: 'spk' }]),
      articleOf('b.txt', [speaker('lab2', 'Labour', { kind: 'group' }), speaker('spk2', 'A Labour spokesman', { kind: 'anonymous' })]),
      articleOf('c.txt', [speaker('x', 'Ann Lee'), speaker('y', 'Ms Ann Lee')], [{ speaker: 'x' }, { speaker: 'y' }]),
    ]);
    const pairs = findDuplicateSpeakers(corpus);
    const kinds = pairOf(pairs, 'lab', 'lab2')!;
    // A one-word name: 0.75, halved for the kinds.
    assert.equal(kinds.confidence, 0.38);
    assert.match(kinds.reasons[1], /but one is an organisation and the other a group/);
    const anon = pairOf(pairs, 'spk', 'spk2')!;
    assert.equal(anon.confidence, 0.4);
    assert.match(anon.reasons.join(' '), /may be different people/);
    const together = pairOf(pairs, 'x', 'y')!;
    assert.equal(together.confidence, 0.76);
    assert.match(together.reasons[1], /both are in c\.txt, where the annotator kept them apart/);
  });

  it('the workspace speakers file names the speaker; different names are no pair', () => {
    const corpus = corpusOf([articleOf('a.txt', [speaker('ann', 'Ann Lee')]), articleOf('b.txt', [speaker('bob', 'Bob Ray')])], [
      { id: 'al', name: 'Ann Lee', kind: 'person', aliases: [], members: [], attributes: { gender: 'woman' } },
    ]);
    const pairs = findDuplicateSpeakers(corpus);
    assert.equal(pairs.length, 1);
    assert.equal(pairOf(pairs, 'al', 'ann')!.keep, 'ann', 'in more articles (the workspace one is in none)');
  });
});

const SIDE_A = `# Ann's story
version: 1
document:
  file: a.txt
  date: 2024-03-01 # when it ran
speakers:
  jc: # the leader
    name: Jeremy Corbyn
    kind: person
  mrc:
    name: Mr Corbyn
    kind: person
    aliases: [Corbyn]
    role: Labour leader
  lab:
    name: Labour
    kind: group
    members: [mrc, jc]
demands:
  d1:
    summary: Meet us
    by: [mrc]
    to: [jc, mrc]
annotations:
  - id: a1
    type: quote
    speaker: mrc # checked
    start: 0
    end: 5
    x-reviewer: sam
  - id: a2
    type: mention
    speaker: jc
    start: 10
    end: 15
rejected:
  - type: mention
    speaker: mrc
    start: 20
    end: 25
    text: hello
`;

const SIDE_B = `version: 1
document:
  file: b.txt
speakers:
  mrc:
    # the only Corbyn here
    name: Mr Corbyn
    kind: person
demands: {}
annotations:
  - id: a1
    type: quote
    speaker: mrc
    start: 0
    end: 5
`;

const WORKSPACE = `version: 1
speakers:
  jc:
    name: Jeremy Corbyn
    kind: person
    attributes:
      gender: man
  mrc:
    name: Mr Corbyn
    kind: person
    attributes:
      gender: woman # a mistake
      party: Labour
`;

function mergeCorpus(workspace = false): { corpus: Corpus; sources: Map<string, string> } {
  const a = parseSidecar(SIDE_A).sidecar!;
  const b = parseSidecar(SIDE_B).sidecar!;
  const corpus: Corpus = {
    articles: [
      { article: '/w/a.txt', sidecarPath: '/w/a.txt.annotations.yaml', folder: '', sidecar: a },
      { article: '/w/b.txt', sidecarPath: '/w/b.txt.annotations.yaml', folder: '', sidecar: b },
    ],
    speakers: new Map<string, WorkspaceSpeaker>(
      workspace
        ? [
            ['jc', { id: 'jc', name: 'Jeremy Corbyn', kind: 'person', aliases: [], members: [], attributes: { gender: 'man' } }],
            ['mrc', { id: 'mrc', name: 'Mr Corbyn', kind: 'person', aliases: [], members: [], attributes: { gender: 'woman', party: 'Labour' } }],
          ]
        : [],
    ),
  };
  const sources = new Map([
    ['/w/a.txt.annotations.yaml', SIDE_A],
    ['/w/b.txt.annotations.yaml', SIDE_B],
    ['/w/.attribution-lens/speakers.yaml', WORKSPACE],
  ]);
  return { corpus, sources };
}

describe('speaker merge plan', () => {
  it('a sidecar defining both: every reference rewritten, names become aliases, comments and unknown keys kept', () => {
    const { corpus, sources } = mergeCorpus();
    const plan = planSpeakerMerge(corpus, 'jc', ['mrc'], sources);
    const a = plan.files.find((f) => f.path === '/w/a.txt.annotations.yaml')!;
    const s = parseSidecar(a.text);
    assert.deepEqual(s.problems.filter((p) => p.severity === 'error'), []);
    const sc = s.sidecar!;
    assert.deepEqual([...sc.speakers.keys()], ['jc', 'lab']);
    assert.deepEqual(sc.speakers.get('jc')!.aliases, ['Mr Corbyn', 'Corbyn']);
    assert.equal(sc.speakers.get('jc')!.role, 'Labour leader', 'a role the kept one lacked is taken');
    assert.deepEqual(sc.speakers.get('lab')!.members, ['jc'], 'each id once');
    assert.deepEqual(sc.demands.get('d1')!.by, ['jc']);
    assert.deepEqual(sc.demands.get('d1')!.to, ['jc']);
    assert.deepEqual(sc.annotations.map((x) => x.speaker), ['jc', 'jc']);
    assert.equal(sc.rejected![0].speaker, 'jc');
    for (const kept of ["# Ann's story", 'date: 2024-03-01 # when it ran', '# the leader', 'speaker: jc # checked', 'x-reviewer: sam']) assert.ok(a.text.includes(kept), kept);
    assert.doesNotMatch(a.text, /mrc/);
    assert.match(a.changes.join('; '), /^1 annotation now jc; 1 rejected suggestion now jc; 2 demand lists \(by, to\) now name jc; 1 group member list now name jc; speaker mrc merged into jc$/);
  });

  it('a sidecar without the kept id: the dropped entry is renamed in place with the kept name, its own kept as an alias', () => {
    const { corpus, sources } = mergeCorpus();
    const plan = planSpeakerMerge(corpus, 'jc', ['mrc'], sources);
    const b = plan.files.find((f) => f.path === '/w/b.txt.annotations.yaml')!;
    const sc = parseSidecar(b.text).sidecar!;
    assert.deepEqual([...sc.speakers.keys()], ['jc']);
    assert.equal(sc.speakers.get('jc')!.name, 'Jeremy Corbyn');
    assert.deepEqual(sc.speakers.get('jc')!.aliases, ['Mr Corbyn']);
    assert.equal(sc.annotations[0].speaker, 'jc');
    assert.ok(b.text.includes('# the only Corbyn here'));
    assert.deepEqual(plan.summary, [
      '/w/a.txt.annotations.yaml: 1 annotation now jc; 1 rejected suggestion now jc; 2 demand lists (by, to) now name jc; 1 group member list now name jc; speaker mrc merged into jc',
      '/w/b.txt.annotations.yaml: 1 annotation now jc; speaker mrc renamed jc (“Jeremy Corbyn”, “Mr Corbyn” kept as an alias)',
    ]);
  });

  it('the workspace speakers file: attributes merged, the kept value wins a conflict and the summary says so', () => {
    const { corpus, sources } = mergeCorpus(true);
    const plan = planSpeakerMerge(corpus, 'jc', ['mrc'], sources, { speakersFile: '/w/.attribution-lens/speakers.yaml' });
    const w = plan.files.find((f) => f.path === '/w/.attribution-lens/speakers.yaml')!;
    assert.match(w.changes.join('; '), /kept gender “man”, not “woman”/);
    assert.match(w.text, /^ {2}jc:\n {4}name: Jeremy Corbyn\n {4}kind: person\n {4}aliases:\n {6}- Mr Corbyn\n {4}attributes:\n {6}gender: man\n {6}party: Labour\n/m);
    assert.doesNotMatch(w.text, /mrc/);
    // Another root's speakers file that does not define a dropped id is left alone.
    sources.set('/v/.attribution-lens/speakers.yaml', 'version: 1\nspeakers:\n  jc:\n    name: Jeremy Corbyn\n    kind: person\n');
    const two = planSpeakerMerge(corpus, 'jc', ['mrc'], sources, { speakersFile: ['/w/.attribution-lens/speakers.yaml', '/v/.attribution-lens/speakers.yaml'] });
    assert.deepEqual(two.files.map((f) => f.path), ['/w/a.txt.annotations.yaml', '/w/b.txt.annotations.yaml', '/w/.attribution-lens/speakers.yaml']);
    assert.deepEqual(two.skipped, []);
  });

  it('a sidecar with errors, or whose text was not given, is skipped and named; the others are planned', () => {
    const { corpus, sources } = mergeCorpus();
    sources.set('/w/a.txt.annotations.yaml', SIDE_A.replace('version: 1', 'version: 1\nversion: 2'));
    sources.delete('/w/b.txt.annotations.yaml');
    const plan = planSpeakerMerge(corpus, 'jc', ['mrc'], sources);
    assert.deepEqual(plan.files, []);
    assert.deepEqual(plan.skipped.map((s) => s.path), ['/w/a.txt.annotations.yaml', '/w/b.txt.annotations.yaml']);
    assert.match(plan.skipped[0].reason, /has errors/);
    assert.match(plan.skipped[1].reason, /not given/);
  });

  it('refuses what cannot be meant', () => {
    const { corpus, sources } = mergeCorpus();
    assert.throws(() => planSpeakerMerge(corpus, 'jc', [], sources), SpeakerMergeError);
    assert.throws(() => planSpeakerMerge(corpus, 'jc', ['jc'], sources), /both kept and dropped/);
    assert.throws(() => planSpeakerMerge(corpus, 'nobody', ['mrc'], sources), /no speaker "nobody"/);
  });

  it('files that do not use a dropped id are left out', () => {
    const { corpus, sources } = mergeCorpus();
    const plan = planSpeakerMerge(corpus, 'mrc', ['lab'], sources);
    assert.deepEqual(plan.files.map((f) => f.path), ['/w/a.txt.annotations.yaml']);
  });
});
