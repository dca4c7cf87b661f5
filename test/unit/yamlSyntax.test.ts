import * as assert from 'node:assert/strict';
import { parseSidecar } from '../../src/core/sidecar';
import { lineColOf } from './helpers';

/** Lines 1-12 of a sidecar; line 9 holds "Corbyn", line 10 "Mr Corbyn". */
const LINES = [
  'version: 1',
  'document:',
  '  file: story.txt',
  'speakers:',
  '  corbyn:',
  '    name: Jeremy Corbyn',
  '    kind: person',
  '    aliases: [',
  '      "Corbyn",',
  '      "Mr Corbyn",',
  '    ]',
  'demands: {}',
  '',
];

function only(source: string) {
  const parsed = parseSidecar(source);
  assert.equal(parsed.problems.length, 1, JSON.stringify(parsed.problems));
  assert.equal(parsed.readOnly, true);
  return parsed.problems[0];
}

describe('sidecar: YAML syntax errors at their cause', () => {
  it('the fixture is valid YAML', () => {
    assert.deepEqual(parseSidecar(LINES.join('\n')).problems, []);
  });

  it('a comma missing at the end of line 9 in a flow sequence is reported on line 9 (js-yaml says 10:7)', () => {
    const src = LINES.join('\n').replace('"Corbyn",', '"Corbyn"');
    const p = only(src);
    assert.deepEqual({ line: p.line, column: p.column }, { line: 9, column: 7 }, p.message);
    assert.equal(src.slice(p.start, p.end), '"Corbyn"');
    assert.match(p.message, /^Not valid YAML: a comma is missing after ""Corbyn"" on line 9, between two entries of the list "\[" opened on line 8$/);
  });

  it('a comma missing between two plain entries of a one-line flow mapping', () => {
    const src = LINES.join('\n').replace('demands: {}', 'demands: {d1: {summary: Do it by: [corbyn]}}');
    const p = parseSidecar(src).problems[0];
    // "Do it by: ..." is a plain scalar holding ": ": YAML stops at the second key.
    assert.equal(p.line, 12, p.message);
  });

  it('a comma missing between quoted entries on one line', () => {
    const src = LINES.join('\n').replace('"Corbyn",\n      "Mr Corbyn",', '"Corbyn" "Mr Corbyn"');
    const p = only(src);
    assert.deepEqual({ line: p.line, column: p.column }, lineColOf(src, '"Corbyn"'));
    assert.match(p.message, /a comma is missing after ""Corbyn"" on line 9/);
  });

  it('a comma missing after a comment is reported at the entry before the comment', () => {
    const src = LINES.join('\n').replace('"Corbyn",', '"Corbyn" # the surname');
    const p = only(src);
    assert.deepEqual({ line: p.line, column: p.column }, { line: 9, column: 7 });
  });

  it('a flow sequence never closed is reported at its "[", not at the next key', () => {
    const src = LINES.join('\n').replace('    ]\n', '');
    const p = only(src);
    assert.deepEqual({ line: p.line, column: p.column }, lineColOf(src, '['));
    assert.match(p.message, /^Not valid YAML: the list "\[" opened on line 8 is never closed \(a "\]" is missing after its last entry\)$/);
  });

  it('a one-line flow mapping never closed at the end of the file is reported at its "{"', () => {
    const src = LINES.join('\n').replace('demands: {}\n', 'demands: {d1: {summary: x}\n');
    const p = only(src);
    assert.deepEqual({ line: p.line, column: p.column }, lineColOf(src, '{'));
    assert.match(p.message, /the mapping "\{" opened on line 12 is never closed/);
  });

  it('a single quote never closed is reported at the quote', () => {
    const src = LINES.join('\n').replace('name: Jeremy Corbyn', "name: 'Jeremy Corbyn");
    const p = only(src);
    assert.deepEqual({ line: p.line, column: p.column }, lineColOf(src, "'Jeremy"));
    assert.match(p.message, /^Not valid YAML: the single quote before "Jeremy Corbyn" on line 6 is never closed/);
  });

  it('other syntax errors keep the parser\'s words and place', () => {
    const src = LINES.join('\n').replace('    kind: person', '   kind: person');
    const p = only(src);
    assert.match(p.message, /^Not valid YAML: bad indentation of a mapping entry/);
  });
});
