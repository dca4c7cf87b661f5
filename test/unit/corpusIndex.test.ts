import * as assert from 'node:assert/strict';
import { CorpusIndex } from '../../src/core/corpus/corpusIndex';
import { demandThread, references, speakerAppearances, undefinedIds } from '../../src/core/corpus/corpusQueries';
import { loadCorpus } from '../../src/core/corpus/loadCorpus';
import { MemoryHost } from './memoryHost';

/** A sidecar: `speakers` and `demands` it defines, then annotations as [id, type, speaker?, demand?, start]. */
function sidecar(o: { date?: string; speakers?: string[]; demands?: [string, string[]][]; annotations: [string, string, string?, string?, number?][] }): string {
  const lines = ['version: 1', 'document:', '  offsets: utf16'];
  if (o.date) lines.push(`  date: ${o.date}`);
  lines.push('speakers:' + (o.speakers?.length ? '' : ' {}'));
  for (const s of o.speakers ?? []) lines.push(`  ${s}:`, `    name: ${s.toUpperCase()}`, '    kind: person');
  lines.push('demands:' + (o.demands?.length ? '' : ' {}'));
  for (const [d, by] of o.demands ?? []) lines.push(`  ${d}:`, `    summary: demand ${d}`, `    by: [${by.join(', ')}]`);
  lines.push('annotations:' + (o.annotations.length ? '' : ' []'));
  for (const [id, type, speaker, demand, start = 0] of o.annotations) {
    lines.push(`  - id: ${id}`, `    type: ${type}`);
    if (speaker) lines.push(`    speaker: ${speaker}`);
    if (demand) lines.push(`    demand: ${demand}`);
    lines.push(`    start: ${start}`, `    end: ${start + 4}`, `    text: t-${id}`);
  }
  return lines.join('\n') + '\n';
}

const SPEAKERS = ['version: 1', 'speakers:', '  corbyn:', '    name: Jeremy Corbyn', '    kind: person', '    attributes:', '      gender: man', '      party: Labour', ''].join('\n');

function corpusHost(): MemoryHost {
  return new MemoryHost()
    .file('/c/.attribution-lens/speakers.yaml', SPEAKERS)
    .file('/c/guardian/a.txt', 'article a')
    .file('/c/guardian/a.txt.annotations.yaml', sidecar({ date: '2024-03-01', demands: [['timetable', ['jlc']]], speakers: ['jlc'], annotations: [['a1', 'demand', undefined, 'timetable', 10], ['a2', 'quote', 'corbyn', undefined, 20]] }))
    .file('/c/guardian/b.txt', 'article b')
    .file('/c/guardian/b.txt.annotations.yaml', sidecar({ date: '2024-03-08', annotations: [['a1', 'response', 'corbyn', 'timetable', 5], ['a2', 'mention', 'corbyn', undefined, 30]] }))
    .file('/c/bbc/c.txt', 'article c')
    .file('/c/bbc/c.txt.annotations.yaml', sidecar({ annotations: [['a1', 'quote', 'corbyn', undefined, 0], ['a2', 'quote', 'ghost', undefined, 9]] }))
    .touch('/c/bbc/c.txt', Date.UTC(2024, 2, 4));
}

async function built(host: MemoryHost, options: ConstructorParameters<typeof CorpusIndex>[2] = {}): Promise<CorpusIndex> {
  const index = new CorpusIndex(host, ['/c'], options);
  await index.build();
  return index;
}

const ids = (hits: { article: string; annotation: { id: string } }[]) => hits.map((h) => `${h.article.slice(3)}#${h.annotation.id}`);

describe('corpus index', () => {
  it('builds the corpus: articles by path with folder and date (document.date, else the article mtime), the speakers file', async () => {
    const index = await built(corpusHost());
    const corpus = index.corpus();
    assert.deepEqual(
      corpus.articles.map((a) => [a.article, a.sidecarPath, a.folder, a.date, a.dateFrom, a.sidecar.annotations.length]),
      [
        ['/c/bbc/c.txt', '/c/bbc/c.txt.annotations.yaml', 'bbc', '2024-03-04T00:00:00.000Z', 'mtime', 2],
        ['/c/guardian/a.txt', '/c/guardian/a.txt.annotations.yaml', 'guardian', '2024-03-01', 'document', 2],
        ['/c/guardian/b.txt', '/c/guardian/b.txt.annotations.yaml', 'guardian', '2024-03-08', 'document', 2],
      ],
    );
    assert.deepEqual(corpus.speakers.get('corbyn')!.attributes, { gender: 'man', party: 'Labour' });
    // Lean: no anchor context kept.
    assert.equal(corpus.articles[0].sidecar.annotations[0].prefix, undefined);
    assert.equal(corpus.articles[0].sidecar.annotations[0].text, 't-a1');
    assert.deepEqual(index.problems(), []);
  });

  it('a speaker defined in the speakers file, used in three sidecars: its appearances elsewhere, newest first', async () => {
    const index = await built(corpusHost());
    const r = speakerAppearances(index, 'corbyn', { except: '/c/guardian/a.txt' });
    assert.equal(r.articles, 2);
    assert.equal(r.total, 3);
    assert.deepEqual(ids(r.recent), ['guardian/b.txt#a1', 'guardian/b.txt#a2', 'bbc/c.txt#a1']);
    assert.deepEqual(ids(speakerAppearances(index, 'corbyn', { limit: 2 }).recent), ['guardian/b.txt#a1', 'guardian/b.txt#a2']);
    // A demand span counts for those who make the demand (by), through the demand's definition.
    assert.deepEqual(ids(speakerAppearances(index, 'jlc').recent), ['guardian/a.txt#a1']);
  });

  it('a demand defined in one sidecar and answered in another: the thread in date order', async () => {
    const index = await built(corpusHost());
    const t = demandThread(index, 'timetable');
    assert.deepEqual(ids(t.items), ['guardian/a.txt#a1', 'guardian/b.txt#a1']);
    assert.deepEqual(t.definitions.map((d) => [d.article, d.demand.summary]), [['/c/guardian/a.txt', 'demand timetable']]);
  });

  it('references across the corpus, and ids defined nowhere', async () => {
    const index = await built(corpusHost());
    const r = references(index, 'speaker', 'corbyn');
    assert.deepEqual(ids(r.hits), ['bbc/c.txt#a1', 'guardian/a.txt#a2', 'guardian/b.txt#a1', 'guardian/b.txt#a2']);
    assert.deepEqual(r.definedIn, []);
    assert.equal(r.inSpeakersFile, true);
    assert.deepEqual(undefinedIds(index), [{ kind: 'speaker', id: 'ghost', usedIn: ['/c/bbc/c.txt.annotations.yaml'] }]);
  });

  it('loadCorpus: an id defined nowhere is an error at its line and column', async () => {
    const { corpus, problems } = await loadCorpus(corpusHost(), ['/c']);
    assert.equal(corpus.articles.length, 3);
    assert.deepEqual(
      problems.map((f) => [f.file, f.problems.map((p) => [p.severity, p.line, p.column, p.message])]),
      [['/c/bbc/c.txt.annotations.yaml', [['error', 15, 14, 'Annotation "a2": speaker id "ghost" is defined nowhere in the corpus (no sidecar and no workspace speakers file defines it)']]]],
    );
  });

  it('update after a change touches that file alone; add, delete, rename', async () => {
    const host = corpusHost();
    const index = await built(host);
    const before = index.corpus();
    const untouched = before.articles.find((a) => a.article === '/c/bbc/c.txt')!;
    host.file('/c/guardian/b.txt.annotations.yaml', sidecar({ date: '2024-03-09', annotations: [['a1', 'response', 'jlc', 'timetable', 5]] }));
    const readsBefore = host.reads.length;
    await index.update('/c/guardian/b.txt.annotations.yaml');
    assert.deepEqual(host.reads.slice(readsBefore).map((r) => r.path), ['/c/guardian/b.txt.annotations.yaml']);
    const after = index.corpus();
    assert.notEqual(after, before);
    assert.equal(after.articles.find((a) => a.article === '/c/bbc/c.txt'), untouched, 'other entries are the very same objects');
    assert.equal(speakerAppearances(index, 'corbyn').total, 2);
    assert.equal(speakerAppearances(index, 'jlc').total, 2);

    // Added: a new article with its sidecar (the sidecar's event comes first, then the article's).
    host.file('/c/bbc/d.txt.annotations.yaml', sidecar({ date: '2024-04-01', annotations: [['a1', 'quote', 'corbyn']] }));
    await index.update('/c/bbc/d.txt.annotations.yaml');
    assert.equal(index.size, 3, 'no article yet: a stray, not in the corpus');
    assert.deepEqual(index.problems().map((p) => [p.file, p.problems[0].message]), [['/c/bbc/d.txt.annotations.yaml', 'a sidecar without its article: not in the corpus']]);
    host.file('/c/bbc/d.txt', 'article d');
    await index.update('/c/bbc/d.txt');
    assert.equal(index.size, 4);
    assert.deepEqual(index.problems(), []);
    assert.deepEqual(ids(speakerAppearances(index, 'corbyn', { limit: 1 }).recent), ['bbc/d.txt#a1']);

    // Deleted: the sidecar, then (another) the article.
    await host.remove('/c/bbc/d.txt.annotations.yaml');
    index.remove('/c/bbc/d.txt.annotations.yaml');
    assert.equal(index.size, 3);
    index.remove('/c/bbc/c.txt');
    assert.deepEqual(index.corpus().articles.map((a) => a.article), ['/c/guardian/a.txt', '/c/guardian/b.txt']);
    assert.deepEqual(undefinedIds(index), [], 'ghost went with c');

    // Renamed: a folder of articles moves; only its entries change.
    // (The memory host moves a folder's entry alone: move its files one by one.)
    for (const name of ['a.txt', 'a.txt.annotations.yaml', 'b.txt', 'b.txt.annotations.yaml']) {
      host.file(`/c/archive/${name}`, host.text(`/c/guardian/${name}`)!);
      await host.remove(`/c/guardian/${name}`);
    }
    await host.remove('/c/guardian');
    await index.rename('/c/guardian', '/c/archive');
    assert.deepEqual(index.corpus().articles.map((a) => [a.article, a.folder]), [['/c/archive/a.txt', 'archive'], ['/c/archive/b.txt', 'archive']]);
    assert.deepEqual(ids(demandThread(index, 'timetable').items), ['archive/a.txt#a1', 'archive/b.txt#a1']);
  });

  it('the speakers file changed, removed: speakers follow, and ids they defined become undefined', async () => {
    const host = corpusHost();
    const index = await built(host);
    host.file('/c/.attribution-lens/speakers.yaml', SPEAKERS.replace('gender: man', 'gender: male'));
    await index.update('/c/.attribution-lens/speakers.yaml');
    assert.equal(index.corpus().speakers.get('corbyn')!.attributes.gender, 'male');
    await host.remove('/c/.attribution-lens/speakers.yaml');
    index.remove('/c/.attribution-lens/speakers.yaml');
    assert.equal(index.corpus().speakers.size, 0);
    assert.deepEqual(undefinedIds(index).map((u) => u.id), ['corbyn', 'ghost']);
  });

  it('excludes: folders and files left out of the build and of updates', async () => {
    const host = corpusHost();
    const index = await built(host, { exclude: (p) => p.endsWith('/bbc') || p.endsWith('/b.txt') || p.endsWith('/b.txt.annotations.yaml') });
    assert.deepEqual(index.corpus().articles.map((a) => a.article), ['/c/guardian/a.txt']);
    host.file('/c/bbc/c.txt.annotations.yaml', sidecar({ annotations: [] }));
    await index.update('/c/bbc/c.txt.annotations.yaml');
    await index.update('/c/guardian/b.txt.annotations.yaml');
    assert.equal(index.size, 1);
  });

  it('a sidecar that stops parsing keeps its last good entries, flagged stale; one that never parsed has none', async () => {
    const host = corpusHost();
    const index = await built(host);
    const good = host.text('/c/guardian/b.txt.annotations.yaml')!;
    host.file('/c/guardian/b.txt.annotations.yaml', `<<<<<<< ours\n${good}=======\n${good}>>>>>>> theirs\n`);
    await index.update('/c/guardian/b.txt.annotations.yaml');
    assert.equal(index.size, 3);
    assert.equal(speakerAppearances(index, 'corbyn').total, 4, 'the last good entries are still there');
    const [p] = index.problems();
    assert.deepEqual([p.file, p.stale, p.problems[0].line], ['/c/guardian/b.txt.annotations.yaml', true, 1]);
    assert.match(p.problems[0].message, /merge conflict markers/);
    host.file('/c/guardian/b.txt.annotations.yaml', good);
    await index.update('/c/guardian/b.txt.annotations.yaml');
    assert.deepEqual(index.problems(), []);

    // Never parsed: no entries, just the problem.
    host.file('/c/bbc/e.txt', 'e').file('/c/bbc/e.txt.annotations.yaml', 'version: 1\nspeakers: [\n');
    await index.update('/c/bbc/e.txt.annotations.yaml');
    assert.equal(index.entryOf('/c/bbc/e.txt'), undefined);
    assert.deepEqual(index.problems().map((f) => [f.file, f.stale, f.problems[0].severity]), [['/c/bbc/e.txt.annotations.yaml', false, 'error']]);
  });

  it('a sidecar with errors in content: its valid part is used, its errors listed (not stale)', async () => {
    const host = corpusHost();
    host.file('/c/guardian/b.txt.annotations.yaml', host.text('/c/guardian/b.txt.annotations.yaml')!.replace('type: mention', 'type: citation'));
    const index = await built(host);
    assert.deepEqual(index.entryOf('/c/guardian/b.txt')!.article.sidecar.annotations.map((a) => a.id), ['a1']);
    const [p] = index.problems();
    assert.equal(p.stale, false);
    assert.match(p.problems[0].message, /"type" must be one of/);
  });

  it('multi-root: each article is in its own root, folders relative to it; the first root wins a speaker both files define', async () => {
    const host = corpusHost()
      .file('/d/.attribution-lens/speakers.yaml', SPEAKERS.replace('Jeremy Corbyn', 'J. Corbyn'))
      .file('/d/x/y.txt', 'y')
      .file('/d/x/y.txt.annotations.yaml', sidecar({ annotations: [['a1', 'quote', 'corbyn']] }));
    const index = new CorpusIndex(host, ['/c', '/d']);
    await index.build();
    assert.deepEqual(index.corpus().articles.map((a) => a.folder), ['bbc', 'guardian', 'guardian', 'x']);
    assert.equal(index.corpus().speakers.get('corbyn')!.name, 'Jeremy Corbyn');
  });
});
