// The ids of a sidecar's own text, for its language features: where each is defined and used,
// what to complete where, and renaming one everywhere as edits that keep the file as it was.
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { articlePathFor, completionAt, definedIds, definitionOf, idAt, renameEdits, sidecarIds, TextEdit, usesOf } from '../../src/core/sidecarIds';
import { sampleSidecarSource } from './helpers';

const SOURCE = `version: 1
speakers:
  corbyn:
    name: Jeremy Corbyn
    kind: person
  'jlc':
    name: JLC
    kind: organisation
  groups:
    name: Groups
    kind: group
    members: [jlc, "corbyn"]
demands:
  corbyn:   # a demand may share a speaker's id: another namespace
    summary: Corbyn's demand
    by:
      - jlc
    to: corbyn
annotations:
  - id: a1
    type: quote
    speaker: corbyn # the leader
    start: 0
    end: 5
  - id: a2
    type: response
    speaker: groups
    demand: corbyn
    start: 6
    end: 9
rejected:
  - type: quote
    speaker: corbyn
    start: 10
    end: 12
    text: no
conflicts:
  speakers:
    corbyn:
      fields: [role]
      theirs: deleted
  annotations:
    a1:
      fields: [speaker]
      theirs:
        type: quote
        speaker: jlc
`;

function apply(source: string, edits: TextEdit[]): string {
  let out = source;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The line of each occurrence and whether it defines: what a References list shows. */
function where(source: string, list: { start: number; definition: boolean }[]): string[] {
  return list.map((o) => `${source.slice(0, o.start).split('\n').length}${o.definition ? ' def' : ''}`);
}

describe('sidecarIds: ids in the sidecar text', () => {
  const ids = sidecarIds(SOURCE);

  it('finds a speaker id as a key, in members, by, to, speaker:, rejected entries and conflicts, apart from a demand of the same id', () => {
    assert.deepEqual(where(SOURCE, usesOf(ids, 'speaker', 'corbyn')), ['3 def', '12', '18', '22', '33', '39']);
    assert.deepEqual(where(SOURCE, usesOf(ids, 'demand', 'corbyn')), ['14 def', '28']);
    assert.deepEqual(where(SOURCE, usesOf(ids, 'speaker', 'jlc')), ['6 def', '12', '17', '47']);
  });

  it('gives the characters of the id, inside quotes, and finds it with the cursor on it or just after it', () => {
    const quoted = usesOf(ids, 'speaker', 'corbyn')[1];
    assert.equal(SOURCE.slice(quoted.start - 1, quoted.end + 1), '"corbyn"');
    assert.equal(idAt(ids, quoted.start)?.id, 'corbyn');
    assert.equal(idAt(ids, quoted.end)?.id, 'corbyn');
    const key = SOURCE.indexOf("'jlc'");
    assert.deepEqual([idAt(ids, key + 1)?.id, idAt(ids, key + 1)?.definition], ['jlc', true]);
    assert.equal(idAt(ids, SOURCE.indexOf('Jeremy')), undefined, 'a name is not an id');
    assert.equal(idAt(ids, SOURCE.indexOf('id: a1') + 4), undefined, 'an annotation id is not a speaker or demand id');
  });

  it('knows where each id is defined, and that an id defined elsewhere has no definition here', () => {
    assert.equal(SOURCE.slice(0, definitionOf(ids, 'demand', 'corbyn')!.start).split('\n').length, 14);
    assert.equal(definitionOf(ids, 'speaker', 'labour'), undefined);
    assert.deepEqual(definedIds(ids, 'speaker'), ['corbyn', 'jlc', 'groups']);
    assert.deepEqual(ids.occurrences.filter((o) => o.definition).map((o) => o.label), ['Jeremy Corbyn', 'JLC', 'Groups', "Corbyn's demand"], 'names and summaries, for completion');
  });

  it('reads every id of the sample, and every speaker: and demand: of its annotations', () => {
    const source = sampleSidecarSource();
    const all = sidecarIds(source);
    const data = parse(source);
    const links = (data.annotations as { speaker?: string; demand?: string }[]).flatMap((a) => [a.speaker, a.demand]).filter(Boolean).length;
    const defs = Object.keys(data.speakers).length + Object.keys(data.demands).length;
    const lists = [...Object.values(data.speakers), ...Object.values(data.demands)].flatMap((e: any) => [...(e.members ?? []), ...(e.by ?? []), ...(e.to ?? [])]).length;
    assert.equal(all.occurrences.length, links + defs + lists);
    for (const o of all.occurrences) assert.equal(source.slice(o.start, o.end), o.id);
  });
});

describe('sidecarIds: completion', () => {
  const source = [
    'speakers:',
    '  corbyn: {name: C, kind: person}',
    '  groups:',
    '    kind: group',
    '    members:',
    '      - jl',
    '    note: x',
    'demands:',
    '  d1:',
    '    summary: S',
    '    by: [co, ]',
    '    to:',
    '    - ',
    'annotations:',
    '  - id: a1',
    '    speaker: ',
    '  - demand: d',
    '    note: speaker: no',
    '  - { id: a2, type: quote, speaker: gr }',
    '- id: a3',
    '  speaker: x # comment',
    'rejected:',
    '  - speaker: co',
    '',
  ].join('\n');
  const after = (text: string, from = 0) => source.indexOf(text, from) + text.length;
  const slot = (kind: string, start: number, end = start) => ({ kind, start, end });

  it('offers speakers in speaker:, by:, to: and members: values, inline, in flow lists and in block lists, and demands in demand:', () => {
    assert.deepEqual(completionAt(source, after('    speaker: ')), slot('speaker', after('    speaker: ')));
    const co = source.indexOf('co,');
    assert.deepEqual(completionAt(source, co + 1), slot('speaker', co, co + 2), 'the id under the cursor is replaced');
    assert.deepEqual(completionAt(source, after('[co, ')), slot('speaker', after('[co, ')));
    assert.deepEqual(completionAt(source, after('      - jl')), slot('speaker', after('      - '), after('      - jl')));
    assert.deepEqual(completionAt(source, after('\n    - ')), slot('speaker', after('\n    - ')), 'an item as indented as its key');
    assert.deepEqual(completionAt(source, after('  - demand: d')), slot('demand', after('  - demand: '), after('  - demand: d')));
    assert.deepEqual(completionAt(source, after('  speaker: x', source.indexOf('a3'))), slot('speaker', after('  speaker: ', source.indexOf('a3')), after('  speaker: x', source.indexOf('a3'))), 'compact lists at column 0');
    assert.deepEqual(completionAt(source, source.length - 2), slot('speaker', after('  - speaker: '), after('  - speaker: co')), 'in rejected suggestions');
    assert.deepEqual(completionAt(source, after('speaker: gr')), slot('speaker', after('speaker: gr') - 2, after('speaker: gr')), 'in a flow mapping');
  });

  it('offers nothing in other values, in keys, in comments, or for a field outside its section', () => {
    assert.equal(completionAt(source, after('summary: ')), undefined);
    assert.equal(completionAt(source, source.indexOf('speaker:') + 3), undefined, 'not in the key itself');
    assert.equal(completionAt(source, after('note: speaker: ')), undefined);
    assert.equal(completionAt(source, after('# comm')), undefined);
    assert.equal(completionAt('speakers:\n  s:\n    speaker: ', 30), undefined, 'speaker: is not a field of a speaker');
    assert.equal(completionAt(source, after('  - id: a1')), undefined);
  });
});

describe('sidecarIds: rename', () => {
  const ids = sidecarIds(SOURCE);

  it('renames a speaker everywhere in the file, keeping quotes, comments and the demand of the same id', () => {
    const result = renameEdits(ids, { kind: 'speaker', id: 'corbyn' }, 'jeremy-corbyn');
    assert.ok('edits' in result);
    const out = apply(SOURCE, result.edits);
    const before = SOURCE.split('\n');
    const changed = out.split('\n').filter((line, i) => line !== before[i]);
    assert.deepEqual(changed, ['  jeremy-corbyn:', '    members: [jlc, "jeremy-corbyn"]', '    to: jeremy-corbyn', '    speaker: jeremy-corbyn # the leader', '    speaker: jeremy-corbyn', '    jeremy-corbyn:']);
    const data = parse(out);
    assert.deepEqual(Object.keys(data.speakers), ['jeremy-corbyn', 'jlc', 'groups']);
    assert.deepEqual(data.speakers.groups.members, ['jlc', 'jeremy-corbyn']);
    assert.equal(data.demands.corbyn.to, 'jeremy-corbyn');
    assert.deepEqual(data.annotations.map((a: { speaker: string }) => a.speaker), ['jeremy-corbyn', 'groups']);
    assert.equal(data.annotations[1].demand, 'corbyn');
    assert.equal(data.rejected[0].speaker, 'jeremy-corbyn');
    assert.deepEqual(Object.keys(data.conflicts.speakers), ['jeremy-corbyn']);
    assert.match(out, /speaker: jeremy-corbyn # the leader/);
  });

  it('quotes a new id that YAML would read as something else', () => {
    const result = renameEdits(ids, { kind: 'speaker', id: 'jlc' }, 'null');
    assert.ok('edits' in result);
    const data = parse(apply(SOURCE, result.edits));
    assert.ok('null' in data.speakers);
    assert.deepEqual(data.speakers.groups.members, ['null', 'corbyn']);
    assert.equal(data.conflicts.annotations.a1.theirs.speaker, 'null');
  });

  it('refuses an id with a space, an empty one, and one another speaker has, saying why', () => {
    assert.deepEqual(renameEdits(ids, { kind: 'speaker', id: 'jlc' }, 'the jlc'), { error: 'Use letters, digits, dots, dashes and underscores (no spaces), starting with a letter or digit.' });
    assert.deepEqual(renameEdits(ids, { kind: 'speaker', id: 'jlc' }, ''), { error: 'The id cannot be empty.' });
    assert.deepEqual(renameEdits(ids, { kind: 'speaker', id: 'jlc' }, 'groups'), { error: '"groups" is already the id of another speaker in this file.' });
    assert.ok('edits' in renameEdits(ids, { kind: 'demand', id: 'corbyn' }, 'jlc'), 'a demand may take a speaker’s id');
  });
});

describe('sidecarIds: the article of a sidecar', () => {
  it('is document.file when the pattern names this sidecar for it, else what the pattern derives', () => {
    const pattern = '${file}.annotations.yaml';
    assert.equal(articlePathFor('/w/a.txt.annotations.yaml', 'a.txt', pattern), '/w/a.txt');
    assert.equal(articlePathFor('/w/a.txt.annotations.yaml', undefined, pattern), '/w/a.txt');
    assert.equal(articlePathFor('/w/a.txt.annotations.yaml', '../../etc/passwd', pattern), '/w/a.txt', 'a document.file the pattern does not pair is ignored');
    assert.equal(articlePathFor('/w/notes.yaml', undefined, pattern), undefined);
    assert.equal(articlePathFor('/w/a.yaml', 'a.md', '${name}.yaml'), '/w/a.md');
    assert.equal(articlePathFor('/w/a.yaml', undefined, '${name}.yaml'), undefined, 'the extension cannot be guessed');
    assert.equal(articlePathFor('/w/.notes/a.txt.yaml', undefined, '.notes/${file}.yaml'), '/w/a.txt');
  });
});
