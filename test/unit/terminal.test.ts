// Untrusted text printed by the CLI stays visible text: escapes and bidi overrides never act.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { visible } from '../../src/cli/terminal';
import { SAMPLE_ARTICLE, SAMPLE_SIDECAR } from './helpers';
import { MemoryHost } from './memoryHost';
import { run } from './pipelineHelpers';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal output', () => {
  it('escapes C0 and C1 controls, DEL and bidi overrides; keeps text, tab and newline', () => {
    assert.equal(visible('a\x1b[31mred\x1b[0m'), 'a\\x1b[31mred\\x1b[0m');
    assert.equal(visible('\x1b]0;owned\x07'), '\\x1b]0;owned\\x07');
    assert.equal(visible('x\x9b2Jy\x7f\r'), 'x\\x9b2Jy\\x7f\\x0d');
    assert.equal(visible('abc\u202edcba\u2066'), 'abc\\u202edcba\\u2066');
    assert.equal(visible('Café «quote» 中文\t\n'), 'Café «quote» 中文\t\n');
  });

  it('check, export and import print hostile ids and file names escaped', async () => {
    const text = fs.readFileSync(SAMPLE_ARTICLE, 'utf8');
    const sidecar = fs.readFileSync(SAMPLE_SIDECAR, 'utf8').replace('speaker: corbyn', 'speaker: "\\e]0;owned\\a\\e[2J"');
    const evil = '/w/evil\x1b[8m\u202e.txt';
    const host = new MemoryHost().file(evil, text).file(evil + '.annotations.yaml', sidecar).file('/w/gone\x1b[1A.txt.annotations.yaml', 'version: 1\n');
    const outputs = [
      await run(host, ['check', '.']),
      await run(host, ['export', '.', '--format', 'csv']),
      await run(host, ['import', 'evil\x1b[8m\u202e.txt.ann', '--text', evil]),
    ];
    for (const r of outputs) {
      assert.doesNotMatch(r.stdout + r.stderr, RAW_CONTROL, JSON.stringify(r));
    }
    assert.match(outputs[0].stdout, /^(OK  |FAIL) evil\\x1b\[8m\\u202e\.txt: /m);
    assert.match(outputs[0].stdout, /\\x1b\]0;owned\\x07\\x1b\[2J/);
    assert.match(outputs[0].stdout, /^FAIL gone\\x1b\[1A\.txt\.annotations\.yaml: a sidecar without its article/m);
    assert.match(outputs[2].stderr, /cannot find the text|no such file/);
  });

  it('export --out - writes the data as it is into a pipe, escaped (line ends kept) on a terminal', async () => {
    const host = new MemoryHost().file('/w/s.txt', 'Hi\n').file('/w/s.txt.annotations.yaml', 'version: 1\n');
    const hostile = () => [{ path: 's.csv', content: 'a,\x1b]8;;http://evil\x07b\r\n' }];
    const piped = await run(host, ['export', '.', '--format', 'csv', '--out', '-'], { exporters: { csv: hostile } });
    assert.equal(piped.stdout, 'a,\x1b]8;;http://evil\x07b\r\n');
    const tty = await run(host, ['export', '.', '--format', 'csv', '--out', '-'], { exporters: { csv: hostile }, stdoutIsTerminal: true });
    assert.equal(tty.stdout, 'a,\\x1b]8;;http://evil\\x07b\r\n');
  });
});
