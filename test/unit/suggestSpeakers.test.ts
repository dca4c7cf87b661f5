import * as assert from 'node:assert/strict';
import { Annotation, Speaker } from '../../src/core/model';
import { parseSource } from '../../src/core/suggest/speakerForms';
import { clusterSpeakers, SourceSpan, SpeakerClustering } from '../../src/core/suggest/speakers';
import { sidecarWith, speaker } from './helpers';

/** Source spans of `text`: each string is the next occurrence (after the previous one) of those words. */
function spans(text: string, ...words: string[]): SourceSpan[] {
  let from = 0;
  return words.map((w) => {
    const start = text.indexOf(w, from);
    assert.ok(start >= 0, `"${w}" after ${from}`);
    from = start + w.length;
    return { start, end: start + w.length, text: w };
  });
}

function cluster(text: string, words: string[], existing: Speaker[] = [], annotations: Annotation[] = []): SpeakerClustering {
  return clusterSpeakers(text, spans(text, ...words), sidecarWith(existing, [], annotations));
}

/** The speaker's name of each source, for reading the assertions. */
function names(r: SpeakerClustering, existing: Speaker[] = []): (string | undefined)[] {
  const byId = new Map([...existing, ...r.speakers].map((s) => [s.id, s.name]));
  return r.sources.map((s) => (s.speaker ? byId.get(s.speaker) : undefined));
}

describe('suggest: speaker clustering', () => {
  it('Jeremy Corbyn / Corbyn / Mr Corbyn / Mr. Corbyn / he are one speaker, named by the longest proper name; the pronoun is a mention, never an alias', () => {
    const text = 'Corbyn said no. Jeremy Corbyn said yes. Mr Corbyn said so. Mr. Corbyn agreed. Then he left.';
    const r = cluster(text, ['Corbyn', 'Jeremy Corbyn', 'Mr Corbyn', 'Mr. Corbyn', 'he']);
    assert.equal(r.speakers.length, 1, JSON.stringify(r.speakers));
    const [s] = r.speakers;
    assert.equal(s.name, 'Jeremy Corbyn');
    assert.equal(s.kind, 'person');
    assert.equal(s.id, 'jeremy-corbyn');
    assert.deepEqual([...s.aliases].sort(), ['Corbyn', 'Mr Corbyn', 'Mr. Corbyn']);
    assert.deepEqual(new Set(r.sources.map((x) => x.speaker)), new Set([s.id]));
    assert.equal(r.sources[4].mentions[0].text, 'he');
    assert.equal(r.sources[4].rule, 'speaker: pronoun he -> Jeremy Corbyn');
    assert.equal(r.sources[2].rule, 'speaker: title and surname Mr Corbyn -> Jeremy Corbyn');
  });

  it('the same surname with different given names is two people; a bare surname goes to the one named last', () => {
    const text = 'Jane Smith said a. John Smith said b. Smith said c.';
    const r = cluster(text, ['Jane Smith', 'John Smith', 'Smith']);
    assert.deepEqual(names(r), ['Jane Smith', 'John Smith', 'John Smith']);
  });

  it('pronouns go to the nearest earlier speaker of their kind: he/she a person, they/we a group or organisation, it an organisation', () => {
    const text = 'The Labour Party said a. Andrew Gwynne said b. He said c. They said d. It said e. Jewish groups said f. Gwynne said g. They said h. She said i.';
    const r = cluster(text, ['The Labour Party', 'Andrew Gwynne', 'He', 'They', 'It', 'Jewish groups', 'Gwynne', 'They', 'She']);
    assert.deepEqual(names(r), ['Labour Party', 'Andrew Gwynne', 'Andrew Gwynne', 'Labour Party', 'Labour Party', 'Jewish groups', 'Andrew Gwynne', 'Jewish groups', 'Andrew Gwynne']);
    assert.equal(r.speakers.find((s) => s.name === 'Labour Party')?.aliases.includes('They'), false);
  });

  it('a pronoun with no earlier speaker of its kind names nobody (and no speaker is made of it)', () => {
    const text = 'They said a. Jeremy Corbyn said b.';
    const r = cluster(text, ['They', 'Jeremy Corbyn']);
    assert.equal(r.sources[0].speaker, undefined);
    assert.deepEqual(r.sources[0].mentions, []);
    assert.deepEqual(r.speakers.map((s) => s.name), ['Jeremy Corbyn']);
  });

  it('"Corbyn, who said": the relative pronoun is the speaker just named', () => {
    const text = 'Jennie Formby spoke. Corbyn, who had been joined by Formby, said so.';
    const r = cluster(text, ['Jennie Formby', 'Corbyn', 'who had been joined by Formby,']);
    assert.deepEqual(names(r), ['Jennie Formby', 'Corbyn', 'Corbyn']);
    assert.equal(r.sources[2].mentions[0].text, 'who');
    // Just after a name, "who" is that speaker whatever its kind; the nearest person is not meant.
    const text2 = 'Jennie Formby spoke. The Labour Party, who had said so, agreed.';
    assert.deepEqual(names(cluster(text2, ['Jennie Formby', 'The Labour Party', 'who had said so,'])), ['Jennie Formby', 'Labour Party', 'Labour Party']);
  });

  it('a description is an alias learnt from an appositive ("Jeremy Corbyn, the Labour leader,"), and resolves later', () => {
    const text = 'Jeremy Corbyn, the Labour leader, said a. Andrew Gwynne said b. The Labour leader said c.';
    const r = cluster(text, ['Jeremy Corbyn', 'Andrew Gwynne', 'The Labour leader']);
    assert.deepEqual(names(r), ['Jeremy Corbyn', 'Andrew Gwynne', 'Jeremy Corbyn']);
    assert.ok(r.speakers[0].aliases.includes('the Labour leader'), JSON.stringify(r.speakers[0]));
  });

  it('a role before a name is an alias too ("new general secretary Jennie Formby")', () => {
    const text = 'New general secretary Jennie Formby said a. The general secretary said b.';
    const r = cluster(text, ['New general secretary Jennie Formby', 'The general secretary']);
    assert.deepEqual(names(r), ['Jennie Formby', 'Jennie Formby']);
    assert.equal(r.sources[0].mentions[0].text, 'Jennie Formby');
  });

  it('definite descriptions: "the party" is the named party, "the group" the nearest organisation, "the two organisations" the nearest group of two', () => {
    const text = 'The Labour Party said a. Labour Against Anti-Semitism said b. The group said c. The party said d. The Board of Deputies and the Jewish Leadership Council said e. Jewish groups said f. The two organisations said g.';
    const r = cluster(text, ['The Labour Party', 'Labour Against Anti-Semitism', 'The group', 'The party', 'The Board of Deputies and the Jewish Leadership Council', 'Jewish groups', 'The two organisations']);
    assert.deepEqual(names(r), [
      'Labour Party',
      'Labour Against Anti-Semitism',
      'Labour Against Anti-Semitism',
      'Labour Party',
      'Board of Deputies and Jewish Leadership Council',
      'Jewish groups',
      'Board of Deputies and Jewish Leadership Council',
    ]);
    const group = r.speakers.find((s) => s.kind === 'group' && s.members.length === 2)!;
    assert.deepEqual(group.members.map((id) => r.speakers.find((s) => s.id === id)?.name), ['Board of Deputies', 'Jewish Leadership Council']);
    assert.deepEqual(r.sources[4].mentions.map((m) => m.text), ['Board of Deputies', 'Jewish Leadership Council']);
  });

  it('office-holders named together speak for their organisations; each is still a mention of the person', () => {
    const source = 'Jonathan Goldstein, chair of the Jewish Leadership Council and Jonathan Arkush, the president of the Board of Deputies';
    const text = `A statement from ${source}, who said so.`;
    const r = cluster(text, [`a statement from ${source}`.replace(/^a/, 'A')]);
    assert.deepEqual(r.sources[0].mentions.map((m) => m.text), ['Jonathan Goldstein', 'Jonathan Arkush']);
    assert.deepEqual(names(r), ['Jewish Leadership Council and Board of Deputies']);
    assert.match(r.sources[0].rule!, /^speaker: office-holders speak for their organisations -> /);
    assert.ok(r.speakers.find((s) => s.name === 'Jonathan Goldstein')?.aliases.includes('chair of the Jewish Leadership Council'));
  });

  it('the source chunk is trimmed to the name: "NEW: Labour\'s Andrew Gwynne", "Labour sources later", "an even stronger statement from X"', () => {
    const text = "NEW: Labour's Andrew Gwynne says a. Labour sources later told b. It was followed by an even stronger statement from Labour Against Anti-Semitism, which said c.";
    const r = cluster(text, ["NEW: Labour's Andrew Gwynne", 'Labour sources later', 'an even stronger statement from Labour Against Anti-Semitism']);
    assert.deepEqual(r.sources.map((s) => s.mentions[0]?.text), ['Andrew Gwynne', 'Labour sources', 'Labour Against Anti-Semitism']);
    assert.deepEqual(r.speakers.map((s) => s.kind), ['person', 'anonymous', 'organisation']);
  });

  it('kinds: organisations, groups, anonymous sources', () => {
    const kind = (s: string) => parseSource(s, 0, s.length).map((f) => f.kind).join(',');
    for (const s of ['the Labour Party', 'Camden Council', 'the Board of Deputies', 'the Home Office', 'Acme Ltd', 'the BBC', 'the government', 'Labour', 'the Ministry of Defence']) assert.equal(kind(s), 'organisation', s);
    for (const s of ['Jewish groups', 'the two organisations', 'many of Corbyn’s critics', 'the groups', 'campaigners']) assert.equal(kind(s), 'group', s);
    for (const s of ['Labour sources', 'a spokesperson for the Board of Deputies', 'a source close to the minister', 'officials', 'the Board of Deputies spokesperson', 'a senior official']) assert.equal(kind(s), 'anonymous', s);
    for (const s of ['Jeremy Corbyn', 'Mr Corbyn', 'Dr Jane Smith', 'Corbyn', 'Lord Sugar']) assert.equal(kind(s), 'person', s);
    // Words that name nobody: a verb the engine took for a source, a lone quantifier, a document.
    for (const s of ['having', 'many', 'our letter']) assert.equal(kind(s), '', s);
    // "I" as a source is inside a quote: its speaker is the quote's, never the last person named.
    assert.equal(kind('I'), '');
    assert.equal(kind('Roper Center for Public Opinion Research'), 'organisation');
  });

  it('a possessive name is a mention of the name: "Mr. Trump’s" -> "Mr. Trump", one speaker with "Donald Trump"', () => {
    const text = 'Donald Trump said a. Mr. Trump’s said b.';
    const r = cluster(text, ['Donald Trump', 'Mr. Trump’s']);
    assert.equal(r.sources[1].mentions[0].text, 'Mr. Trump');
    assert.deepEqual(r.speakers.map((s) => [s.name, s.aliases]), [['Donald Trump', ['Mr. Trump']]]);
  });

  it('anonymous sources speaking for the same body are one: "a spokesperson for the Board of Deputies" = "the Board of Deputies spokesperson"', () => {
    const text = 'A spokesperson for the Board of Deputies said a. A spokesperson for the Jewish Leadership Council said b. The Board of Deputies spokesperson said c.';
    const r = cluster(text, ['A spokesperson for the Board of Deputies', 'A spokesperson for the Jewish Leadership Council', 'The Board of Deputies spokesperson']);
    assert.equal(r.sources[0].speaker, r.sources[2].speaker);
    assert.notEqual(r.sources[0].speaker, r.sources[1].speaker);
    assert.equal(r.speakers.length, 2);
  });

  it('"Labour Against Anti-Semitism (LAS)" is the same as the name without the acronym, and LAS alone', () => {
    const text = 'Labour Against Anti-Semitism said a. Labour Against Anti-Semitism (LAS) said b. LAS said c.';
    const r = cluster(text, ['Labour Against Anti-Semitism', 'Labour Against Anti-Semitism (LAS)', 'LAS']);
    assert.equal(new Set(r.sources.map((s) => s.speaker)).size, 1);
    assert.ok(r.speakers[0].aliases.includes('LAS'));
  });

  describe('reusing the sidecar’s speakers', () => {
    const corbyn = speaker('corbyn', 'Jeremy Corbyn', { aliases: ['the Labour leader'] });
    const labour = speaker('labour', 'Labour Party', { kind: 'organisation', aliases: ['Labour', 'the party'] });
    const taken = speaker('jennie-formby', 'Someone Else');

    it('by name, alias and surname, with their ids; new speakers get fresh ids that never collide', () => {
      const text = 'Mr Corbyn said a. The Labour leader said b. The party said c. Jennie Formby said d. Corbyn said e.';
      const r = cluster(text, ['Mr Corbyn', 'The Labour leader', 'The party', 'Jennie Formby', 'Corbyn'], [corbyn, labour, taken]);
      assert.deepEqual(r.sources.map((s) => s.speaker), ['corbyn', 'corbyn', 'labour', 'jennie-formby-2', 'corbyn']);
      assert.deepEqual(r.speakers.map((s) => [s.id, s.name]), [['jennie-formby-2', 'Jennie Formby']]);
      assert.equal(r.sources[1].rule, 'speaker: name or alias The Labour leader -> Jeremy Corbyn');
    });

    it('existing mentions are antecedents for pronouns', () => {
      const text = 'Jeremy Corbyn arrived. He said a.';
      const mention: Annotation = { id: 'a1', type: 'mention', speaker: 'corbyn', start: 0, end: 13 };
      const r = cluster(text, ['He'], [corbyn], [mention]);
      assert.equal(r.sources[0].speaker, 'corbyn');
      assert.equal(cluster(text, ['He'], [corbyn]).sources[0].speaker, undefined);
    });

    it('an existing group is found again by its members', () => {
      const jlc = speaker('jlc', 'Jewish Leadership Council', { kind: 'organisation' });
      const bod = speaker('bod', 'Board of Deputies of British Jews', { kind: 'organisation', aliases: ['Board of Deputies'] });
      const both = speaker('jlc-bod', 'Jewish Leadership Council and Board of Deputies', { kind: 'group', members: ['jlc', 'bod'] });
      const text = 'The Board of Deputies and the Jewish Leadership Council said a.';
      const r = cluster(text, ['The Board of Deputies and the Jewish Leadership Council'], [jlc, bod, both]);
      assert.equal(r.sources[0].speaker, 'jlc-bod');
      assert.deepEqual(r.speakers, []);
    });
  });

  it('2,000 speakers in one article: each clustered apart, each with its own id', () => {
    const parts: string[] = [];
    for (let k = 0; k < 2000; k++) parts.push(`Person${k} Name${k} said a. Name${k} said b. He said c. Mr Name${k} said d.`);
    const text = parts.join(' ');
    const words = parts.flatMap((_, k) => [`Person${k} Name${k}`, `Name${k}`, 'He', `Mr Name${k}`]);
    const r = cluster(text, words);
    assert.equal(r.speakers.length, 2000);
    assert.equal(new Set(r.speakers.map((s) => s.id)).size, 2000);
  });
});
