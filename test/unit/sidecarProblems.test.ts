import * as assert from 'node:assert/strict';
import { parseSidecar, Problem } from '../../src/core/sidecar';
import { lineColOf } from './helpers';

/** A valid sidecar exercising every link: a group with a member, a demand by and to, a response. */
const VALID = [
  '# a small valid sidecar',
  'version: 1',
  'document:',
  '  file: a.txt',
  '  offsets: utf16',
  'speakers:',
  '  ann:',
  '    name: Ann',
  '    kind: person',
  '  grp:',
  '    name: The group',
  '    kind: group',
  '    members: [ann]',
  'demands:',
  '  d1:',
  '    summary: Do it',
  '    by: [ann]',
  '    to:',
  '      - grp',
  '    status: open',
  'annotations:',
  '  - id: a1',
  '    type: quote',
  '    speaker: ann',
  '    start: 0',
  '    end: 5',
  '  - id: a2',
  '    type: response',
  '    speaker: grp',
  '    demand: d1',
  '    stance: agrees',
  '    start: 6',
  '    end: 9',
  '  - id: a3',
  '    type: demand',
  '    demand: d1',
  '    start: 10',
  '    end: 12',
  '',
].join('\n');

/** `VALID` with its first `from` replaced by `to`, asserting that `from` is in it. */
function variant(from: string, to: string): string {
  assert.ok(VALID.includes(from), `fixture has ${JSON.stringify(from)}`);
  return VALID.replace(from, to);
}

interface Expect {
  severity?: Problem['severity'];
  message: RegExp;
  /** Text whose first character the problem must point at (searched after `after`). */
  at: string;
  after?: string;
  annotationId?: string;
  /** Whether the file must be read-only (true unless said). */
  readOnly?: boolean;
}

function expectOne(source: string, e: Expect): ReturnType<typeof parseSidecar> {
  const parsed = parseSidecar(source);
  assert.equal(parsed.problems.length, 1, JSON.stringify(parsed.problems, null, 1));
  const [p] = parsed.problems;
  assert.equal(p.severity, e.severity ?? 'error');
  assert.match(p.message, e.message);
  const where = lineColOf(source, e.at, e.after ? source.indexOf(e.after) : 0);
  assert.deepEqual({ line: p.line, column: p.column }, where, p.message);
  assert.equal(source.slice(p.start, p.start + e.at.length), e.at);
  assert.ok(p.end > p.start);
  assert.equal(p.annotationId, e.annotationId);
  assert.equal(parsed.readOnly, e.readOnly ?? true);
  return parsed;
}

describe('sidecar: problems in malformed files', () => {
  it('the base fixture is valid', () => {
    const parsed = parseSidecar(VALID);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.readOnly, false);
    assert.equal(parsed.sidecar!.annotations.length, 3);
    assert.deepEqual(parsed.sidecar!.speakers.get('grp')!.members, ['ann']);
  });

  describe('not YAML, or not a sidecar', () => {
    it('an unclosed quote: reported at the quote that is never closed, not where the parser runs out of input', () => {
      const src = variant('    name: Ann\n', '    name: "Ann\n');
      const parsed = expectOne(src, { message: /^Not valid YAML: the double quote before "Ann" on line 8 is never closed/, at: '"Ann' });
      assert.equal(parsed.sidecar, undefined);
    });

    it('bad indentation of a mapping entry', () => {
      const src = variant('    kind: person\n', '   kind: person\n');
      const parsed = expectOne(src, { message: /^Not valid YAML: bad indentation of a mapping entry/, at: 'kind: person' });
      assert.equal(parsed.sidecar, undefined);
    });

    it('a tab used as indentation', () => {
      expectOne(variant('    kind: group\n', '\tkind: group\n'), { message: /^Not valid YAML: .*tab/, at: '\tkind: group' });
    });

    it('a duplicate speaker id', () => {
      expectOne(variant('  grp:\n', '  ann:\n'), { message: /duplicated mapping key/, at: 'ann:', after: 'kind: person' });
    });

    it('a list instead of a mapping', () => {
      const parsed = expectOne('- version: 1\n- speakers: {}\n', { message: /must be a YAML mapping/, at: '- version' });
      assert.equal(parsed.sidecar, undefined);
    });

    it('a lone scalar, and an empty file', () => {
      expectOne('just some text\n', { message: /must be a YAML mapping/, at: 'just' });
      const empty = parseSidecar('');
      assert.equal(empty.problems.length, 1);
      assert.deepEqual([empty.problems[0].line, empty.problems[0].column], [1, 1]);
      assert.equal(empty.readOnly, true);
    });
  });

  describe('version', () => {
    it('missing: reported at the start of the mapping, after leading comments', () => {
      const parsed = expectOne(variant('version: 1\n', ''), { message: /^Missing "version"/, at: 'document:' });
      assert.equal(parsed.sidecar, undefined);
    });

    for (const [bad, message] of [
      ['"x"', /^Unknown sidecar version "x"/],
      ['x', /^Unknown sidecar version "x"/],
      ['0', /^Unknown sidecar version 0/],
      ['-1', /^Unknown sidecar version -1/],
      ['1.5', /^Unknown sidecar version 1.5/],
      ['"1"', /^Unknown sidecar version "1"/],
    ] as const) {
      it(`version: ${bad} is an error at the value`, () => {
        const parsed = expectOne(variant('version: 1\n', `version: ${bad}\n`), { message, at: `${bad}\n` });
        assert.equal(parsed.sidecar, undefined);
      });
    }

    it('a newer version is a warning: read-only, yet still readable', () => {
      const parsed = expectOne(variant('version: 1\n', 'version: 2\n'), { severity: 'warning', message: /newer than this extension/, at: '2\n' });
      assert.ok(parsed.sidecar);
      assert.equal(parsed.sidecar.version, 2);
      assert.equal(parsed.sidecar.annotations.length, 3);
      assert.equal(parsed.sidecar.speakers.size, 2);
    });
  });

  describe('links and fields', () => {
    it('a speaker id the sidecar does not define, in an annotation: a warning; the annotation is kept with its link and the file stays writable', () => {
      const parsed = expectOne(variant('    speaker: grp\n', '    speaker: nobody\n'), {
        severity: 'warning',
        message: /^Annotation "a2": speaker id "nobody" is not defined in this sidecar/,
        at: 'nobody',
        annotationId: 'a2',
        readOnly: false,
      });
      assert.deepEqual(parsed.sidecar!.annotations.map((a) => a.id), ['a1', 'a2', 'a3']);
      assert.equal(parsed.sidecar!.annotations[1].speaker, 'nobody');
    });

    it('a demand id the sidecar does not define, in an annotation: a warning, the annotation kept', () => {
      const parsed = expectOne(variant('    demand: d1\n    start: 10', '    demand: d9\n    start: 10'), {
        severity: 'warning',
        message: /^Annotation "a3": demand id "d9" is not defined in this sidecar/,
        at: 'd9',
        annotationId: 'a3',
        readOnly: false,
      });
      assert.equal(parsed.sidecar!.annotations.find((a) => a.id === 'a3')!.demand, 'd9');
    });

    it('a response without its demand', () => {
      expectOne(variant('    demand: d1\n    stance', '    stance'), {
        message: /^Annotation "a2" \(response\) has no "demand"/,
        at: 'id: a2',
        annotationId: 'a2',
      });
    });

    it('a quote without its speaker', () => {
      expectOne(variant('    speaker: ann\n    start: 0', '    start: 0'), {
        message: /^Annotation "a1" \(quote\) has no "speaker"/,
        at: 'id: a1',
        annotationId: 'a1',
      });
    });

    it('a missing start: reported at the annotation', () => {
      expectOne(variant('    start: 6\n', ''), { message: /^Annotation "a2" has no "start"/, at: 'id: a2', annotationId: 'a2' });
    });

    it('a negative start', () => {
      expectOne(variant('    start: 6\n', '    start: -6\n'), { message: /^Annotation "a2": "start" must be a whole number/, at: '-6', annotationId: 'a2' });
    });

    it('a fractional or textual end', () => {
      expectOne(variant('    end: 9\n', '    end: 9.5\n'), { message: /"end" must be a whole number/, at: '9.5', annotationId: 'a2' });
      expectOne(variant('    end: 9\n', '    end: nine\n'), { message: /"end" must be a whole number/, at: 'nine', annotationId: 'a2' });
    });

    it('end before start', () => {
      expectOne(variant('    end: 9\n', '    end: 3\n'), { message: /^Annotation "a2": "end" \(3\) is before "start" \(6\)/, at: '3\n', after: 'id: a2', annotationId: 'a2' });
    });

    it('a duplicate annotation id: the second one is reported and left out', () => {
      const parsed = expectOne(variant('  - id: a3\n', '  - id: a1\n'), { message: /^Duplicate annotation id "a1"/, at: 'a1', after: 'id: a2', annotationId: 'a1' });
      assert.deepEqual(parsed.sidecar!.annotations.map((a) => [a.id, a.type]), [['a1', 'quote'], ['a2', 'response']]);
    });

    it('an annotation without an id', () => {
      expectOne(variant('  - id: a3\n    type: demand', '  - type: demand'), { message: /^Annotation has no "id"/, at: 'type: demand' });
    });

    it('a bad annotation type', () => {
      expectOne(variant('    type: quote\n', '    type: citation\n'), { message: /"type" must be one of mention, quote, demand, response, not "citation"/, at: 'citation' });
    });

    it('a bad speaker kind', () => {
      expectOne(variant('    kind: group\n', '    kind: band\n'), { message: /"kind" must be one of person, organisation, group, anonymous, not "band"/, at: 'band' });
    });

    it('a speaker without a name', () => {
      expectOne(variant('    name: Ann\n', ''), { message: /^Speaker "ann" has no "name"/, at: 'kind: person' });
    });

    it('a bad stance', () => {
      expectOne(variant('    stance: agrees\n', '    stance: shrugs\n'), { message: /"stance" must be one of agrees, partly-agrees, defers, rejects, disputes, not "shrugs"/, at: 'shrugs' });
    });

    it('a bad demand status', () => {
      expectOne(variant('    status: open\n', '    status: pending\n'), { message: /"status" must be one of open, agreed, partly-agreed, not-agreed, deferred, not "pending"/, at: 'pending' });
    });

    it('a bad origin and a bad offsets unit', () => {
      expectOne(variant('    end: 5\n', '    end: 5\n    origin: robot\n'), { message: /"origin" must be one of manual, suggested, not "robot"/, at: 'robot' });
      expectOne(variant('  offsets: utf16\n', '  offsets: bytes\n'), { message: /"offsets" must be one of utf16, codepoint, not "bytes"/, at: 'bytes' });
    });

    const undefinedHere = { severity: 'warning', readOnly: false } as const;
    it('a speaker id not defined here in a demand\'s "by" (flow list): a warning, kept', () => {
      const parsed = expectOne(variant('    by: [ann]\n', '    by: [ann, zed]\n'), { ...undefinedHere, message: /^Demand "d1": speaker id "zed" in "by" is not defined in this sidecar/, at: 'zed' });
      assert.deepEqual(parsed.sidecar!.demands.get('d1')!.by, ['ann', 'zed']);
    });

    it('a speaker id not defined here in a demand\'s "to" (block list)', () => {
      expectOne(variant('      - grp\n', '      - grp\n      - nobody\n'), { ...undefinedHere, message: /^Demand "d1": speaker id "nobody" in "to" is not defined in this sidecar/, at: 'nobody' });
    });

    it('a speaker id not defined here given as a lone scalar in "to"', () => {
      expectOne(variant('    to:\n      - grp\n', '    to: nobody\n'), { ...undefinedHere, message: /speaker id "nobody" in "to" is not defined/, at: 'nobody' });
    });

    it('a member of a group not defined here', () => {
      expectOne(variant('    members: [ann]\n', '    members: [ann, ghost]\n'), { ...undefinedHere, message: /^Speaker "grp": speaker id "ghost" in "members" is not defined in this sidecar/, at: 'ghost' });
    });

    it('document.date: a date or a date-time is read; a bad one is an error at its value', () => {
      for (const good of ['2024-03-01', '2024-02-29', '2024-03-01T09:30', '2024-03-01T09:30:15.250Z', '2024-03-01T09:30:00+01:00']) {
        const parsed = parseSidecar(variant('  offsets: utf16\n', `  offsets: utf16\n  date: ${good}\n`));
        assert.deepEqual(parsed.problems, [], good);
        assert.equal(parsed.sidecar!.document.date, good);
      }
      for (const [bad, why] of [
        ['2024-13-01', /has no month 13/],
        ['2023-02-29', /has no day 29 in month 2/],
        ['01/03/2024', /must be an ISO 8601 date \(YYYY-MM-DD/],
        ['2024', /not "2024"/],
        ['2024-03-01T25:00', /not a time of day/],
        ['"March 2024"', /not "March 2024"/],
      ] as const) {
        const parsed = expectOne(variant('  offsets: utf16\n', `  offsets: utf16\n  date: ${bad}\n`), { message: new RegExp(`^"date" .*${why.source}`), at: `${bad}\n` });
        assert.equal(parsed.sidecar!.document.date, undefined);
      }
    });

    it('a list where a mapping is needed, and a mapping where a list is needed', () => {
      expectOne(variant('    members: [ann]\n', '    members: {a: 1}\n'), { message: /"members" must be a list/, at: '{a: 1}' });
      expectOne(variant('annotations:\n', 'annotations: 3\nignored:\n'), { message: /"annotations" must be a list/, at: '3\n' });
    });

    it('reports every problem of a file, each at its place', () => {
      const src = VALID.replace('    kind: group\n', '    kind: band\n').replace('    stance: agrees\n', '    stance: shrugs\n').replace('    end: 12\n', '    end: 1\n');
      const parsed = parseSidecar(src);
      assert.deepEqual(
        parsed.problems.map((p) => [p.line, p.column]),
        [lineColOf(src, 'band'), lineColOf(src, 'shrugs'), lineColOf(src, '1\n', src.indexOf('end: 1\n'))].map((w) => [w.line, w.column]),
      );
      assert.equal(parsed.readOnly, true);
    });
  });
});
