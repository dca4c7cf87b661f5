import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../src/cli';
import { anchorAnnotations, anchorContext, rejectedToStore } from '../../src/core/anchoring';
import { RejectedSuggestion } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { lineColOf, tempDirPerTest } from './helpers';

const TEXT = 'Jeremy Corbyn said the meeting was constructive. The Board of Deputies said it was a missed opportunity.';

function sidecarSource(text: string, rejected: string[], extra: string[] = []): string {
  return [
    '# a comment at the top',
    'version: 1',
    'document:',
    '  file: a.txt',
    `  sha256: ${sha256Hex(text)}`,
    '  offsets: utf16',
    'speakers:',
    '  corbyn:',
    '    name: Jeremy Corbyn',
    '    kind: person',
    'demands: {}',
    'annotations:',
    '  - id: a1',
    '    type: mention',
    '    speaker: corbyn',
    '    start: 0',
    '    end: 13',
    '    text: Jeremy Corbyn',
    ...extra,
    'rejected:',
    ...rejected,
    '',
  ].join('\n');
}

function entry(text: string, phrase: string, type = 'quote', more: string[] = []): string[] {
  const start = text.indexOf(phrase);
  const c = anchorContext(text, start, start + phrase.length);
  return [`  - type: ${type}`, `    start: ${start}`, `    end: ${start + phrase.length}`, `    text: ${JSON.stringify(c.text)}`, `    prefix: ${JSON.stringify(c.prefix)}`, `    suffix: ${JSON.stringify(c.suffix)}`, ...more];
}

function readOk(source: string) {
  const parsed = parseSidecar(source);
  assert.deepEqual(parsed.problems, []);
  return parsed;
}

describe('sidecar: rejected suggestions', () => {
  it('reads them, with speaker and demand as written (not checked against the sidecar), and unknown keys', () => {
    const source = sidecarSource(TEXT, [...entry(TEXT, 'it was a missed opportunity', 'quote', ['    speaker: board-of-deputies', '    reviewer: kim # who rejected it'])]);
    const r = readOk(source).sidecar!.rejected!;
    assert.equal(r.length, 1);
    assert.deepEqual({ ...r[0], prefix: undefined, suffix: undefined }, { type: 'quote', start: TEXT.indexOf('it was a missed'), end: TEXT.length - 1, text: 'it was a missed opportunity', speaker: 'board-of-deputies', prefix: undefined, suffix: undefined });
  });

  it('round-trips with comments and unknown keys kept, and sorts what it writes by start then end', () => {
    const source = sidecarSource(TEXT, [...entry(TEXT, 'it was a missed opportunity', 'quote', ['    reviewer: kim # who rejected it']), '  # the constructive one', ...entry(TEXT, 'the meeting was constructive')]);
    const parsed = readOk(source);
    const same = serializeSidecar(parsed.sidecar!, parsed.doc);
    // Read sorted, written sorted: only the order of the two entries changes.
    const again = readOk(same);
    assert.deepEqual(again.sidecar!.rejected, [...parsed.sidecar!.rejected!].sort((a, b) => a.start - b.start));
    assert.ok(same.includes('    reviewer: kim # who rejected it'), same);
    assert.ok(same.includes('# the constructive one'), same);
    assert.ok(same.indexOf('the meeting was constructive') < same.indexOf('reviewer: kim'), 'sorted by start');
    assert.equal(serializeSidecar(again.sidecar!, again.doc), same, 'stable');
  });

  it('writes the key only when there are entries; a model without the field leaves the file\'s list alone', () => {
    const source = sidecarSource(TEXT, entry(TEXT, 'the meeting was constructive'));
    const parsed = readOk(source);
    const { rejected: _r, ...without } = parsed.sidecar!;
    assert.equal(serializeSidecar(without, parseSidecar(source).doc), source);
    const emptied = serializeSidecar({ ...parsed.sidecar!, rejected: [] }, parseSidecar(source).doc);
    assert.ok(!emptied.includes('rejected'), emptied);
    const fresh = serializeSidecar({ ...parsed.sidecar!, rejected: [] });
    assert.ok(!fresh.includes('rejected'), fresh);
    const added: RejectedSuggestion = { type: 'mention', start: 0, end: 13, text: 'Jeremy Corbyn', prefix: '', suffix: ' said the meeting' };
    const written = serializeSidecar({ ...parsed.sidecar!, rejected: [added] });
    assert.deepEqual(readOk(written).sidecar!.rejected, [added]);
    assert.ok(written.indexOf('rejected:') > written.indexOf('annotations:'), 'after the annotations');
  });

  it('reports a bad entry at its line and column, and the file becomes read-only', () => {
    // Where the problem is: the first place of the needle after "rejected:", plus a column shift.
    const cases: [string[], [string, number], RegExp][] = [
      [['  - type: quote', '    start: 4', '    end: 2', '    text: x'], ['end: 2', 5], /Rejected suggestion 1: "end" \(2\) is before "start" \(4\)/],
      [['  - type: claim', '    start: 0', '    end: 1', '    text: x'], ['claim', 0], /"type" must be one of mention, quote, demand, response, not "claim"/],
      [['  - type: quote', '    start: -1', '    end: 1', '    text: x'], ['-1', 0], /Rejected suggestion 1: "start" must be a whole number/],
      [['  - type: quote', '    start: 0', '    end: 1'], ['- type: quote', 2], /Rejected suggestion 1 has no "text"/],
      [['  - just text'], ['just text', 0], /Each rejected suggestion must be a mapping/],
    ];
    for (const [lines, [at, shift], message] of cases) {
      const source = sidecarSource(TEXT, lines);
      const parsed = parseSidecar(source);
      assert.equal(parsed.problems.length, 1, JSON.stringify(parsed.problems));
      const p = parsed.problems[0];
      assert.match(p.message, message);
      assert.equal(p.severity, 'error');
      const found = lineColOf(source, at, source.indexOf('rejected:'));
      const expected = { line: found.line, column: found.column + shift };
      assert.deepEqual({ line: p.line, column: p.column }, expected, `${p.message} at ${at}`);
      assert.equal(parsed.readOnly, true);
    }
    const notList = parseSidecar(sidecarSource(TEXT, []).replace('rejected:\n', 'rejected: 3\n'));
    assert.match(notList.problems[0].message, /"rejected" must be a list/);
  });

  it('re-anchors with the article: placed where its words went, never an anchor, orphan or issue of the annotations', () => {
    const source = sidecarSource(TEXT, [...entry(TEXT, 'it was a missed opportunity'), ...entry(TEXT, 'the meeting was constructive')]);
    const sidecar = readOk(source).sidecar!;
    const edited = 'LONDON - ' + TEXT + ' More to follow.';
    const r = anchorAnnotations(sidecar, edited);
    assert.deepEqual(r.orphans, []);
    assert.equal(r.outcomes.length, 1, 'one outcome per annotation: the rejected entries are not among them');
    assert.ok(r.issues.every((i) => i.annotationId === 'a1'));
    assert.deepEqual(
      r.rejected.placed.map((x) => edited.slice(x.start, x.end)),
      ['the meeting was constructive', 'it was a missed opportunity'],
    );
    assert.deepEqual(r.rejected.unplaced, []);
    // Written back with the new context, and read back exactly with the new hash.
    const stored = rejectedToStore(r.rejected, edited, 'utf16');
    assert.equal(stored[1].prefix, anchorContext(edited, r.rejected.placed[1].start, r.rejected.placed[1].end).prefix);
    const next = anchorAnnotations({ ...sidecar, document: { ...sidecar.document, sha256: sha256Hex(edited) }, rejected: stored }, edited);
    assert.deepEqual(next.rejected.placed, r.rejected.placed.map((x, i) => ({ ...x, prefix: stored[i].prefix, suffix: stored[i].suffix })));
  });

  it('keeps an entry whose words are gone as it was (not placed, so it suppresses nothing), and finds it again when they are back', () => {
    const source = sidecarSource(TEXT, entry(TEXT, 'it was a missed opportunity'));
    const sidecar = readOk(source).sidecar!;
    const cut = TEXT.replace(' The Board of Deputies said it was a missed opportunity.', '');
    const r = anchorAnnotations(sidecar, cut);
    assert.deepEqual(r.rejected.placed, []);
    assert.deepEqual(r.rejected.unplaced, sidecar.rejected);
    const stored = rejectedToStore(r.rejected, cut, 'utf16');
    assert.deepEqual(stored, sidecar.rejected, 'written back unchanged');
    // Written with the cut article's hash: its offsets are not trusted for that, only its words.
    const back = anchorAnnotations({ ...sidecar, document: { ...sidecar.document, sha256: sha256Hex(cut) }, rejected: stored }, TEXT);
    assert.equal(back.rejected.placed.length, 1);
    assert.equal(TEXT.slice(back.rejected.placed[0].start, back.rejected.placed[0].end), 'it was a missed opportunity');
  });

  it('converts codepoint offsets on read and on write', () => {
    const text = '😀 ' + TEXT;
    const phrase = 'the meeting was constructive';
    const utf16 = text.indexOf(phrase);
    const cp = [...text.slice(0, utf16)].length;
    const source = sidecarSource(text, [`  - type: quote`, `    start: ${cp}`, `    end: ${cp + phrase.length}`, `    text: ${phrase}`])
      .replace('offsets: utf16', 'offsets: codepoint')
      .replace('start: 0\n    end: 13', 'start: 2\n    end: 15');
    const sidecar = readOk(source).sidecar!;
    const r = anchorAnnotations(sidecar, text);
    assert.deepEqual(r.rejected.placed.map((x) => [x.start, x.end]), [[utf16, utf16 + phrase.length]]);
    const stored = rejectedToStore(r.rejected, text, 'codepoint');
    assert.deepEqual([stored[0].start, stored[0].end], [cp, cp + phrase.length]);
  });
});

describe('check --fix and rejected suggestions', () => {
  let tmp: string;
  tempDirPerTest('al-rejected-', (dir) => (tmp = dir));

  it('moves them with the article and keeps one it cannot place as it was', async () => {
    const source = sidecarSource(TEXT, [...entry(TEXT, 'it was a missed opportunity', 'quote', ['    reviewer: kim']), '  - type: quote', '    start: 200', '    end: 210', '    text: gone words', '    prefix: x']);
    const edited = 'LONDON - ' + TEXT;
    fs.writeFileSync(path.join(tmp, 'a.txt'), edited);
    fs.writeFileSync(path.join(tmp, 'a.txt.annotations.yaml'), source);
    const code = await main(['check', '--fix', 'a.txt'], { cwd: tmp, stdout: () => undefined, stderr: () => undefined });
    assert.equal(code, 0);
    const after = fs.readFileSync(path.join(tmp, 'a.txt.annotations.yaml'), 'utf8');
    const r = readOk(after).sidecar!.rejected!;
    const start = edited.indexOf('it was a missed');
    assert.deepEqual(r.map((x) => [x.start, x.text]), [[start, 'it was a missed opportunity'], [200, 'gone words']]);
    assert.equal(r[0].prefix, anchorContext(edited, start, start + 27).prefix);
    assert.ok(after.includes('    reviewer: kim'));
  });
});
