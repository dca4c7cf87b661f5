import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Annotation, compareAnnotations, compareIds, Sidecar } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { lineDiff, sampleArticle, sampleSidecarSource, sidecarWith, speaker } from './helpers';

/** The ids of the annotations in file order, read from the text itself (parsing would sort them). */
function idsInFileOrder(source: string): string[] {
  return [...source.matchAll(/^  - id: '?([^'\n]*)'?$/gm)].map((m) => m[1]);
}

function parseOk(source: string): Sidecar {
  const parsed = parseSidecar(source);
  assert.deepEqual(parsed.problems, []);
  assert.ok(parsed.sidecar);
  return parsed.sidecar;
}

/** No lone surrogates: those cannot be written to a UTF-8 file at all. */
function isWellFormed(s: string): boolean {
  return !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** A small sidecar with every scalar style the writer may find: plain, quoted, multi-line quoted, block. */
const STYLES = [
  '# every scalar style',
  'version: 1',
  'document:',
  '  file: a.txt',
  '  offsets: utf16',
  'speakers:',
  '  s:',
  '    name: S',
  '    kind: person',
  'demands: {}',
  'annotations:',
  '  - id: a1',
  '    type: quote',
  '    speaker: s',
  '    start: 0',
  '    end: 4',
  '    text: plain',
  "    prefix: 'single'",
  '    suffix: "double"',
  '    note: |-',
  '      block',
  '      literal',
  '  - id: a2',
  '    type: quote',
  '    speaker: s',
  '    start: 5',
  '    end: 9',
  "    text: 'two",
  '',
  "      lines'",
  '    prefix: >-',
  '      folded',
  '    suffix: "multi\\nline"',
  '    note: plain note # a comment',
  '',
].join('\n');

/** A model as plain data, so deepEqual compares Maps by content and order. */
function plain(s: Sidecar) {
  return { ...s, speakers: [...s.speakers.entries()], demands: [...s.demands.entries()] };
}

describe('sidecar: reading the sample', () => {
  const source = sampleSidecarSource();

  it('reads 65 annotations, 12 speakers and 6 demands without problems', () => {
    const parsed = parseSidecar(source);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.readOnly, false);
    const s = parsed.sidecar!;
    assert.equal(s.version, 1);
    assert.equal(s.annotations.length, 65);
    assert.equal(s.speakers.size, 12);
    assert.equal(s.demands.size, 6);
  });

  it('keeps the speakers in file order, with their fields', () => {
    const s = parseOk(source);
    assert.deepEqual([...s.speakers.keys()], [
      'corbyn', 'jlc', 'bod', 'jlc-bod', 'goldstein', 'arkush', 'jlc-spokesperson', 'bod-spokesperson', 'las', 'labour-sources', 'gwynne', 'labour',
    ]);
    assert.deepEqual(s.speakers.get('corbyn'), {
      id: 'corbyn',
      name: 'Jeremy Corbyn',
      kind: 'person',
      role: 'Leader of the Labour Party',
      aliases: ['Corbyn', 'Mr Corbyn', 'Mr. Corbyn', 'the Labour leader'],
      members: [],
      note: undefined,
    });
    const group = s.speakers.get('jlc-bod')!;
    assert.equal(group.kind, 'group');
    assert.deepEqual(group.members, ['jlc', 'bod']);
    assert.equal(group.note, 'Joint statements of the two organisations and their leaders');
  });

  it('reads demands with by, to and status', () => {
    const s = parseOk(source);
    assert.deepEqual(s.demands.get('no-shared-platforms'), {
      id: 'no-shared-platforms',
      summary: 'No MP shares a platform with anyone expelled or suspended for antisemitism',
      by: ['jlc-bod'],
      to: ['corbyn', 'labour'],
      status: 'not-agreed',
      note: undefined,
    });
    const solidarity = s.demands.get('stand-in-solidarity')!;
    assert.deepEqual(solidarity.by, ['las']);
    assert.deepEqual(solidarity.to, []);
    assert.equal(solidarity.status, 'open');
  });

  it('reads an annotation exactly, multi-line suffix included, and its document info', () => {
    const s = parseOk(source);
    assert.deepEqual(s.document, {
      file: 'corbyn-jewish-leaders-meeting.txt',
      sha256: '009efe042040d1bd8d92222a79b82643acd034ae21b866a1c6f8472014d361b6',
      offsets: 'utf16',
    });
    assert.equal(s.document.sha256, sha256Hex(sampleArticle()));
    assert.deepEqual(s.annotations.find((a) => a.id === 'a7'), {
      id: 'a7',
      type: 'quote',
      speaker: 'corbyn',
      start: 1358,
      end: 1423,
      text: 'a positive and constructive meeting about tackling anti-semitism.',
      prefix: 'lasted more than two hours, as "',
      suffix: '"\n\nThis take was at odds with a ',
    });
  });

  it('has annotations in sidecar order, each one matching the article at its offsets', () => {
    const s = parseOk(source);
    const text = sampleArticle();
    const sorted = [...s.annotations].sort(compareAnnotations);
    assert.deepEqual(s.annotations.map((a) => a.id), sorted.map((a) => a.id));
    const counts: Record<string, number> = {};
    for (const a of s.annotations) {
      counts[a.type] = (counts[a.type] ?? 0) + 1;
      assert.equal(text.slice(a.start, a.end), a.text, `annotation ${a.id}`);
    }
    assert.deepEqual(counts, { demand: 12, mention: 19, quote: 29, response: 5 });
  });
});

describe('sidecar: writing', () => {
  const source = sampleSidecarSource();

  it('rewrites the unchanged sample byte for byte', () => {
    const parsed = parseSidecar(source);
    assert.equal(serializeSidecar(parsed.sidecar!, parsed.doc), source);
  });

  it('is deterministic: the same model gives the same bytes, on the same or another Document', () => {
    const p1 = parseSidecar(source);
    const p2 = parseSidecar(source);
    p1.sidecar!.annotations[3].note = 'checked';
    p2.sidecar!.annotations[3].note = 'checked';
    const once = serializeSidecar(p1.sidecar!, p1.doc);
    assert.equal(serializeSidecar(p1.sidecar!, p1.doc), once);
    assert.equal(serializeSidecar(p2.sidecar!, p2.doc), once);
    // Writing what was written changes nothing.
    const again = parseSidecar(once);
    assert.equal(serializeSidecar(again.sidecar!, again.doc), once);
  });

  it('writes a fresh Document that reads back as the same model, stably', () => {
    const model = parseOk(source);
    const fresh = serializeSidecar(model);
    const reread = parseOk(fresh);
    assert.deepEqual(plain(reread), plain(model));
    assert.equal(serializeSidecar(reread), fresh);
    assert.equal(serializeSidecar(parseOk(fresh)), fresh);
    // Canonical key order in a fresh file.
    assert.deepEqual([...fresh.matchAll(/^(\w+):/gm)].map((m) => m[1]), ['version', 'document', 'speakers', 'demands', 'annotations']);
    assert.deepEqual(idsInFileOrder(fresh), model.annotations.map((a) => a.id));
  });

  it('changes only the changed line when one annotation changes', () => {
    const parsed = parseSidecar(source);
    const a = parsed.sidecar!.annotations.find((x) => x.id === 'a8')!;
    a.end = 1480;
    a.text = 'Jonathan';
    const out = serializeSidecar(parsed.sidecar!, parsed.doc);
    assert.deepEqual(lineDiff(source, out), {
      removed: ['    end: 1488', '    text: Jonathan Goldstein'],
      added: ['    end: 1480', '    text: Jonathan'],
    });
    assert.equal(out.split('\n').length, source.split('\n').length);
  });

  it('puts a new field in its canonical place and removes a cleared one', () => {
    const parsed = parseSidecar(source);
    const a = parsed.sidecar!.annotations.find((x) => x.id === 'a8')!;
    a.note = 'chair: since 2017 # not a comment';
    a.origin = 'suggested';
    delete a.prefix;
    const out = serializeSidecar(parsed.sidecar!, parsed.doc);
    const block = out.slice(out.indexOf('  - id: a8\n'), out.indexOf('  - id: a9\n'));
    assert.equal(
      block,
      [
        '  - id: a8',
        '    type: mention',
        '    speaker: goldstein',
        '    start: 1470',
        '    end: 1488',
        '    text: Jonathan Goldstein',
        "    suffix: ', chair of the Jewish Leadership'",
        '    note: "chair: since 2017 # not a comment"',
        '    origin: suggested',
        '',
      ].join('\n'),
    );
    const back = parseOk(out).annotations.find((x) => x.id === 'a8')!;
    assert.equal(back.note, 'chair: since 2017 # not a comment');
    assert.equal(back.prefix, undefined);
  });

  it('keeps comments and unknown keys at the top, in a speaker and in an annotation', () => {
    const src = [
      '# Reviewed by the desk, do not reorder',
      'version: 1',
      'reviewer: kim # who signed off',
      'document:',
      '  file: a.txt',
      '  offsets: utf16',
      'speakers:',
      '  ann:',
      '    name: Ann',
      '    kind: person',
      '    twitter: "@ann" # unverified',
      '    # her role changed in May',
      '    role: Minister',
      '  bob:',
      '    name: Bob',
      '    kind: person',
      'demands: {}',
      'annotations:',
      '  # the headline quote',
      '  - id: q1',
      '    type: quote',
      '    speaker: ann',
      '    start: 0',
      '    end: 5',
      '    text: Hello',
      '    confidence: 0.9',
      '    checked:',
      '      by: kim',
      '      ok: true',
      '  - id: q2',
      '    type: quote',
      '    speaker: bob',
      '    start: 10',
      '    end: 12',
      '',
    ].join('\n');
    const parsed = parseSidecar(src);
    assert.deepEqual(parsed.problems, []);
    const s = parsed.sidecar!;
    s.speakers.get('ann')!.role = 'Former minister';
    s.annotations[0].text = 'Hallo';
    const out = serializeSidecar(s, parsed.doc);
    assert.equal(out, src.replace('role: Minister', 'role: Former minister').replace('text: Hello', 'text: Hallo'));
  });

  it('inserts a new annotation in sorted position: start, then end, then id (numeric-aware)', () => {
    const parsed = parseSidecar(source);
    const s = parsed.sidecar!;
    const add = (id: string, start: number, end: number): Annotation => {
      const a: Annotation = { id, type: 'mention', speaker: 'corbyn', start, end };
      s.annotations.push(a);
      return a;
    };
    add('b10', 1358, 1360); // same start as a7 (1358-1423), shorter: before it
    add('b9', 1358, 1360); // same span as b10: b9 < b10 numerically
    add('b11', 1358, 1423); // same span as a7: a7 < b11
    add('b1', 1299, 1300); // between a6 (1292) and a7
    add('b0', 0, 3); // first
    add('z', 99999, 100000); // last
    const out = serializeSidecar(s, parsed.doc);
    const ids = idsInFileOrder(out);
    assert.equal(ids.length, 71);
    assert.deepEqual(ids.slice(0, 2), ['b0', 'a1']);
    assert.deepEqual(ids.slice(ids.indexOf('a6'), ids.indexOf('a8') + 1), ['a6', 'b1', 'b9', 'b10', 'a7', 'b11', 'a8']);
    assert.equal(ids[ids.length - 1], 'z');
    // Everything else is untouched: only lines were added.
    assert.deepEqual(lineDiff(source, out).removed, []);
    const reread = parseSidecar(out);
    assert.equal(reread.problems.length, 0);
    assert.deepEqual(reread.sidecar!.annotations.find((a) => a.id === 'b9'), { id: 'b9', type: 'mention', speaker: 'corbyn', start: 1358, end: 1360 });
  });

  it('orders ids numerically where they share a prefix', () => {
    assert.ok(compareIds('a2', 'a10') < 0);
    assert.ok(compareIds('a10', 'a9') > 0);
    assert.equal(compareIds('a7', 'a7'), 0);
  });

  it('removes a speaker (and its annotations) and nothing else', () => {
    const parsed = parseSidecar(source);
    const s = parsed.sidecar!;
    s.speakers.delete('gwynne');
    s.annotations = s.annotations.filter((a) => a.speaker !== 'gwynne');
    const out = serializeSidecar(s, parsed.doc);
    const { removed, added } = lineDiff(source, out);
    assert.deepEqual(added, []);
    assert.ok(removed.includes('  gwynne:'));
    assert.ok(removed.includes('    name: Andrew Gwynne'));
    assert.ok(!out.includes('gwynne'));
    const reread = parseOk(out);
    assert.equal(reread.speakers.size, 11);
    assert.equal(reread.annotations.length, 62);
    assert.deepEqual([...reread.speakers.keys()].slice(-2), ['labour-sources', 'labour']);
  });

  it('adds a new speaker after the existing ones and a new demand after the existing ones', () => {
    const parsed = parseSidecar(source);
    const s = parsed.sidecar!;
    s.speakers.set('formby', speaker('formby', 'Jennie Formby', { role: 'General Secretary', aliases: ['Formby'] }));
    s.demands.set('meet-again', { id: 'meet-again', summary: 'Meet again in July', by: ['jlc-bod'], to: ['labour'], status: 'agreed' });
    const out = serializeSidecar(s, parsed.doc);
    assert.deepEqual(lineDiff(source, out).removed, []);
    assert.ok(out.includes('  formby:\n    name: Jennie Formby\n    kind: person\n    role: General Secretary\n    aliases:\n      - Formby\ndemands:\n'));
    assert.ok(out.includes('  meet-again:\n    summary: Meet again in July\n    by:\n      - jlc-bod\n    to:\n      - labour\n    status: agreed\nannotations:\n'));
    const reread = parseOk(out);
    assert.deepEqual([...reread.speakers.keys()].slice(-2), ['labour', 'formby']);
  });

  it('writes multi-line text as a block scalar', () => {
    const s = sidecarWith([speaker('s', 'S')], [], [{ id: 'a1', type: 'quote', speaker: 's', start: 0, end: 9, text: 'one\ntwo\n\nthree' }]);
    const out = serializeSidecar(s);
    assert.ok(out.includes('    text: |-\n      one\n      two\n\n      three\n'), out);
    assert.equal(parseOk(out).annotations[0].text, 'one\ntwo\n\nthree');
  });

  it('regression: the first entries of an empty file ({} and []) are written in block style, not flow', () => {
    // What the extension writes for a new article, read back, then annotated.
    const empty = serializeSidecar(sidecarWith([], [], []));
    assert.ok(empty.includes('speakers: {}\ndemands: {}\nannotations: []\n'), empty);
    const parsed = parseSidecar(empty);
    const s = parsed.sidecar!;
    s.speakers.set('s', speaker('s', 'S'));
    s.demands.set('d', { id: 'd', summary: 'Do it', by: ['s'], to: [] });
    s.annotations = [{ id: 'a1', type: 'quote', speaker: 's', start: 0, end: 9, text: 'one\ntwo' }];
    const out = serializeSidecar(s, parsed.doc);
    assert.ok(out.includes('speakers:\n  s:\n    name: S\n    kind: person\ndemands:\n  d:\n    summary: Do it\n    by:\n      - s\nannotations:\n  - id: a1\n'), out);
    assert.ok(out.includes('    text: |-\n      one\n      two\n'), out);
    assert.deepEqual(plain(parseOk(out)), plain(parseOk(serializeSidecar(s))));
    // A section written in flow style by hand keeps its style.
    const flow = parseSidecar(out.replace(/^demands:\n(?:  .*\n)+/m, 'demands: { d: { summary: Do it, by: [ s ] } }\n'));
    assert.ok(serializeSidecar(flow.sidecar!, flow.doc).includes('demands: { d: { summary: Do it, by: [ s ] } }\n'));
  });
});

describe('sidecar: strings survive write then read', () => {
  const tricky = [
    '',
    ' ',
    '  leading and trailing  ',
    'multi\nline',
    '\nstarts with a newline',
    'ends with a newline\n',
    'line\n\n\nbreaks\n',
    'crlf\r\nline',
    '\r',
    'tab\there',
    'it\'s "quoted"',
    "'single'",
    '"double"',
    'key: value',
    'colon:',
    ':colon',
    '# not a comment',
    'a # b',
    '- leading dash',
    '-',
    '-\nx',
    '- a\n- b',
    '? q',
    '?\nq',
    ':\n:',
    '= leading equals',
    '=',
    'emoji 😀👍🏽 and 𝒳',
    'combining e\u0301 and n\u0303',
    '\u0301 leading combining mark',
    'zero\u200bwidth and nbsp\u00a0',
    'line\u2028separator\u2029and NEL\u0085',
    'bell \u0007 escape \u001b del \u007f',
    '\ufeffbom',
    'non-characters \ufffe and \uffff',
    '\uffff\nin a block',
    'null',
    '~',
    'true',
    'False',
    '123',
    '1.0',
    '0x1F',
    '0o17',
    '0b101',
    '+0x1',
    '-0b1',
    '1e3',
    '.inf',
    '.NaN',
    '2024-01-01',
    '&anchor',
    '*alias',
    '!tag',
    '%directive',
    '@at',
    '`tick',
    '{flow: map}',
    '[flow, seq]',
    '|',
    '>',
    '---',
    '...',
    '\\backslash\\',
    '  \n',
    ' \n indented\n',
    ' a line long enough for the yaml library to fold it\n \nb',
    'a line long enough for the yaml library to fold it\n \n \n b ',
    '\u0000 control characters force double quotes, long enough\n \n',
    'a very long line without any break at all, well past eighty columns, which must never be folded by the writer',
  ];

  /** Sets the four fields of annotation `index` of `base`, writes (onto its Document and fresh), reads back. */
  function roundTrip(values: { text: string; prefix: string; suffix: string; note: string }, base: string, index: number): void {
    for (const fresh of [false, true]) {
      const parsed = parseSidecar(base);
      const s = parsed.sidecar!;
      const a = s.annotations[index];
      Object.assign(a, values);
      const out = fresh ? serializeSidecar(s) : serializeSidecar(s, parsed.doc);
      const reread = parseSidecar(out);
      assert.deepEqual(reread.problems, [], out);
      const b = reread.sidecar!.annotations.find((x) => x.id === a.id)!;
      assert.deepEqual({ text: b.text, prefix: b.prefix, suffix: b.suffix, note: b.note }, values, `fresh=${fresh}`);
      // And writing again gives the same bytes.
      assert.equal(serializeSidecar(reread.sidecar!, reread.doc), out);
    }
  }

  it('reads every style of the small fixture as expected', () => {
    const s = parseOk(STYLES);
    assert.deepEqual(
      s.annotations.map((a) => [a.text, a.prefix, a.suffix, a.note]),
      [
        ['plain', 'single', 'double', 'block\nliteral'],
        ['two\nlines', 'folded', 'multi\nline', 'plain note'],
      ],
    );
    const parsed = parseSidecar(STYLES);
    assert.equal(serializeSidecar(parsed.sidecar!, parsed.doc), STYLES);
  });

  for (const value of tricky) {
    it(`round-trips ${JSON.stringify(value)} in place of every style`, () => {
      roundTrip({ text: value, prefix: value, suffix: value, note: value }, STYLES, 0);
      roundTrip({ text: value, prefix: value, suffix: value, note: value }, STYLES, 1);
    });
  }

  it('round-trips tricky values on the sample too', () => {
    roundTrip({ text: 'a "b"\n\n- c', prefix: ' #x', suffix: 'y: ', note: '😀\r\n' }, sampleSidecarSource(), 2);
  });

  it('regression: a multi-line value starting with "-", "?" or ":" in place of a plain one stays valid YAML', () => {
    // The yaml library keeps the old plain style and writes "text: -" + "x" on the next
    // line, which no longer parses: the file would become unreadable after a save.
    for (const value of ['-\nx', '?\nq', ':\nc', '- a\n- b']) {
      const parsed = parseSidecar(sampleSidecarSource());
      parsed.sidecar!.annotations[0].text = value;
      const reread = parseSidecar(serializeSidecar(parsed.sidecar!, parsed.doc));
      assert.deepEqual(reread.problems, []);
      assert.equal(reread.sidecar!.annotations[0].text, value);
    }
  });

  it('regression: a line of one space inside a long double-quoted string survives', () => {
    // The yaml library folds long double-quoted strings and writes such a line as "\\".
    const value = ' leading space forces quotes; long enough to be folded\n \nnext';
    const s = sidecarWith([speaker('s', 'S')], [], [{ id: 'a1', type: 'quote', speaker: 's', start: 0, end: 1, text: value }]);
    assert.equal(parseOk(serializeSidecar(s)).annotations[0].text, value);
  });

  it('regression: U+FFFE and U+FFFF are quoted, or the reader rejects the whole file', () => {
    const s = sidecarWith([speaker('s', 'S', { aliases: ['\uffff'] })], [], [
      { id: 'a1', type: 'quote', speaker: 's', start: 0, end: 1, text: 'a\ufffeb', note: 'x\n\uffff' },
    ]);
    const back = parseOk(serializeSidecar(s));
    assert.equal(back.annotations[0].text, 'a\ufffeb');
    assert.equal(back.annotations[0].note, 'x\n\uffff');
    assert.deepEqual(back.speakers.get('s')!.aliases, ['\uffff']);
  });

  it('regression: whitespace-only lines in place of a block scalar keep their spaces', () => {
    const s = sidecarWith([speaker('s', 'S')], [], [{ id: 'a1', type: 'quote', speaker: 's', start: 0, end: 1, text: 'x\ny' }]);
    const first = parseSidecar(serializeSidecar(s));
    first.sidecar!.annotations[0].text = ' \n';
    const out = serializeSidecar(first.sidecar!, first.doc);
    assert.equal(parseOk(out).annotations[0].text, ' \n');
  });

  it('regression: strings our reader takes for numbers (0b1, +0x1) are quoted', () => {
    const s = sidecarWith([speaker('s', 'S', { aliases: ['0b11', 'Ann'] })], [], [
      { id: '0b1', type: 'quote', speaker: 's', start: 0, end: 1, text: '+0x1', note: '-0o7' },
    ]);
    const back = parseOk(serializeSidecar(s));
    assert.deepEqual(back.annotations[0], { id: '0b1', type: 'quote', speaker: 's', start: 0, end: 1, text: '+0x1', note: '-0o7' });
    assert.deepEqual(back.speakers.get('s')!.aliases, ['0b11', 'Ann']);
  });

  it('regression: list items with edge spaces and line breaks survive', () => {
    const s = sidecarWith([speaker('s', 'S', { aliases: [' \n', 'x ', '  \ny', 'a\nb'] })], [], []);
    assert.deepEqual(parseOk(serializeSidecar(s)).speakers.get('s')!.aliases, [' \n', 'x ', '  \ny', 'a\nb']);
  });

  it('regression: hand-written numeric ids are updated in place, not duplicated', () => {
    const src = [
      'version: 1',
      'speakers:',
      '  1:',
      '    name: One',
      '    kind: person',
      '  true:',
      '    name: Yes',
      '    kind: person',
      'demands:',
      '  2:',
      '    summary: Two',
      '    by: [1]',
      'annotations:',
      '  - id: 7',
      '    type: quote',
      '    speaker: 1',
      '    start: 0',
      '    end: 3',
      '',
    ].join('\n');
    const parsed = parseSidecar(src);
    assert.deepEqual(parsed.problems, []);
    const s = parsed.sidecar!;
    assert.deepEqual([...s.speakers.keys()], ['1', 'true']);
    s.speakers.get('1')!.name = 'Uno';
    s.demands.get('2')!.summary = 'Dos';
    const out = serializeSidecar(s, parsed.doc);
    const reread = parseSidecar(out);
    assert.deepEqual(reread.problems, [], out);
    assert.deepEqual([...reread.sidecar!.speakers.keys()], ['1', 'true']);
    assert.equal(reread.sidecar!.speakers.get('1')!.name, 'Uno');
    assert.equal(reread.sidecar!.demands.get('2')!.summary, 'Dos');
    assert.equal(out.match(/^ {2}\S.*:$/gm)!.length, 3, out);
  });

  it('property: any unicode text, prefix, suffix and note survive write then read', () => {
    const piece = fc.oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
      { weight: 2, arbitrary: fc.constantFrom(...tricky, '\n', '\r\n', ' ', '#', ': ', '- ', '-', '?', ':', '"', "'", '😀', '\u0301', '=') },
    );
    const value = fc
      .array(piece, { maxLength: 10 })
      .map((parts) => parts.join(''))
      .filter(isWellFormed);
    fc.assert(
      fc.property(value, value, value, value, fc.integer({ min: 0, max: 1 }), (text, prefix, suffix, note, index) => {
        roundTrip({ text, prefix, suffix, note }, STYLES, index);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });

  it('property: speaker names, aliases and ids survive write then read', () => {
    const value = fc.string({ unit: 'binary', maxLength: 12 }).filter(isWellFormed);
    fc.assert(
      fc.property(value.filter((s) => s.trim() !== ''), value, fc.array(value.filter((s) => s !== ''), { maxLength: 3 }), (id, name, aliases) => {
        const s = sidecarWith([speaker(id, name, { aliases })], [], [{ id, type: 'mention', speaker: id, start: 0, end: 0 }]);
        const back = parseOk(serializeSidecar(s));
        assert.deepEqual(back.speakers.get(id), { id, name, kind: 'person', aliases, members: [], role: undefined, note: undefined });
        assert.equal(back.annotations[0].id, id);
        assert.equal(back.annotations[0].speaker, id);
      }),
      { numRuns: 300 },
    );
  });
});
