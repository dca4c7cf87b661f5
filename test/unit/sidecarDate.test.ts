import * as assert from 'node:assert/strict';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';

const WITH_DATE = [
  'version: 1',
  'document:',
  '  file: a.txt',
  '  offsets: utf16',
  '  date: 2024-03-01 # the day it was printed',
  'speakers: {}',
  'demands: {}',
  'annotations: []',
  '',
].join('\n');

describe('sidecar: document.date', () => {
  it('is read as written and written back byte for byte, its comment kept', () => {
    const parsed = parseSidecar(WITH_DATE);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.sidecar!.document.date, '2024-03-01');
    assert.equal(serializeSidecar(parsed.sidecar!, parsed.doc), WITH_DATE);
  });

  it('set on a file without one, it goes last in document, plain, and reads back as text (not a YAML timestamp)', () => {
    const source = WITH_DATE.replace('  date: 2024-03-01 # the day it was printed\n', '');
    const parsed = parseSidecar(source);
    const out = serializeSidecar({ ...parsed.sidecar!, document: { ...parsed.sidecar!.document, date: '2024-03-01T09:30:00+01:00' } }, parsed.doc);
    assert.match(out, /^ {2}offsets: utf16\n {2}date: 2024-03-01T09:30:00\+01:00\nspeakers/m);
    assert.equal(parseSidecar(out).sidecar!.document.date, '2024-03-01T09:30:00+01:00');
    const removed = serializeSidecar({ ...parsed.sidecar!, document: { ...parsed.sidecar!.document, date: undefined } }, parseSidecar(out).doc);
    assert.equal(removed, source);
  });

  it('a bad date is an error at its line and column; the file is read-only', () => {
    const source = WITH_DATE.replace('2024-03-01', '2024-02-30');
    const parsed = parseSidecar(source);
    assert.equal(parsed.problems.length, 1);
    assert.deepEqual([parsed.problems[0].line, parsed.problems[0].column], [5, 9]);
    assert.match(parsed.problems[0].message, /^"date" must be an ISO 8601 date .*"2024-02-30" has no day 30 in month 2/);
    assert.equal(parsed.readOnly, true);
  });
});
