import * as assert from 'node:assert/strict';
import { parseSpeakersFile, setSpeakerAttribute, SPEAKERS_FILE } from '../../src/core/corpus/workspaceSpeakers';
import { MemoryHost } from './memoryHost';

const FILE = [
  '# the desk codes gender and party', // line 1
  'version: 1',
  'speakers:',
  '  corbyn:',
  '    name: Jeremy Corbyn',
  '    kind: person',
  '    aliases: [Corbyn, Mr Corbyn]',
  '    attributes:',
  '      gender: man # as self-described',
  '      party: Labour',
  '    x-desk: kept', // an unknown key
  '',
].join('\n');

describe('workspace speakers file', () => {
  it('reads speakers with their attributes', () => {
    const p = parseSpeakersFile(FILE);
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.speakers.get('corbyn'), { id: 'corbyn', name: 'Jeremy Corbyn', kind: 'person', role: undefined, aliases: ['Corbyn', 'Mr Corbyn'], members: [], note: undefined, attributes: { gender: 'man', party: 'Labour' } });
  });

  it('problems at their line and column: a bad kind, attributes that are not a mapping, a list as a value, not YAML', () => {
    const at = (source: string) => parseSpeakersFile(source).problems.map((p) => [p.severity, p.line, p.column, p.message]);
    assert.deepEqual(at(FILE.replace('kind: person', 'kind: human')), [['error', 6, 11, '"kind" must be one of person, organisation, group, anonymous, not "human"']]);
    assert.deepEqual(at(FILE.replace('      gender: man # as self-described\n      party: Labour\n', '').replace('    attributes:\n', '    attributes: [a]\n')), [['error', 8, 17, 'Speaker "corbyn": "attributes" must be a mapping of names to text (gender: woman, party: Labour)']]);
    assert.deepEqual(at(FILE.replace('party: Labour', 'party: [Labour]')), [['error', 10, 14, '"party" must be text']]);
    assert.deepEqual(at(FILE.replace('version: 1', 'version: 1\n  bad: indent')).map((p) => p[1]), [3]);
    assert.equal(parseSpeakersFile(FILE.replace('version: 1', 'version: 2')).readOnly, true);
  });

  it('setting an attribute changes that line alone (comments and unknown keys kept), atomically; removing one too', async () => {
    const host = new MemoryHost().file(`/c/${SPEAKERS_FILE}`, FILE);
    await setSpeakerAttribute(host, '/c', 'corbyn', 'gender', 'male');
    assert.equal(host.text(`/c/${SPEAKERS_FILE}`), FILE.replace('gender: man', 'gender: male'));
    await setSpeakerAttribute(host, '/c', 'corbyn', 'source-type', 'official');
    assert.match(host.text(`/c/${SPEAKERS_FILE}`)!, /      party: Labour\n      source-type: official\n    x-desk: kept\n/);
    await setSpeakerAttribute(host, '/c', 'corbyn', 'source-type', undefined);
    assert.equal(host.text(`/c/${SPEAKERS_FILE}`), FILE.replace('gender: man', 'gender: male'));
    assert.deepEqual(host.names('/c/.attribution-lens'), ['speakers.yaml'], 'no temporary file left');
  });

  it('a new file for a root without one; a speaker it does not define is added only when given', async () => {
    const host = new MemoryHost().mkdirp('/c');
    await assert.rejects(setSpeakerAttribute(host, '/c', 'gwynne', 'gender', 'man'), /defines no speaker "gwynne"/);
    await setSpeakerAttribute(host, '/c', 'gwynne', 'gender', 'man', { id: 'gwynne', name: 'Andrew Gwynne', kind: 'person', aliases: ['Gwynne'], members: [] });
    const p = parseSpeakersFile(host.text(`/c/${SPEAKERS_FILE}`)!);
    assert.deepEqual(p.problems, []);
    assert.deepEqual(p.speakers.get('gwynne')!.attributes, { gender: 'man' });
  });

  it('never rewrites a file with errors', async () => {
    const broken = FILE.replace('kind: person', 'kind: human');
    const host = new MemoryHost().file(`/c/${SPEAKERS_FILE}`, broken);
    await assert.rejects(setSpeakerAttribute(host, '/c', 'corbyn', 'gender', 'male'), /is not rewritten: line 6, column 11/);
    assert.equal(host.text(`/c/${SPEAKERS_FILE}`), broken);
  });
});
