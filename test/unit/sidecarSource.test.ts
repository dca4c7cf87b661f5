// What is wrong with a sidecar's raw text, reported at the right line and column: control
// characters, lone surrogates, git merge conflict markers, and the odd Unicode that is fine.
import * as assert from 'node:assert/strict';
import { buildArticleModel } from '../../src/core/articleModel';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { lineColumn } from '../../src/core/sidecarSource';
import { sha256Hex } from '../../src/core/text';
import { lineColOf, sampleArticle, sampleSidecarSource, sidecarWith, speaker } from './helpers';

/** The sample sidecar with `insert` put into line `line` (1-based) at column `column`. */
function withAt(line: number, column: number, insert: string): { source: string; offset: number } {
  const lines = sampleSidecarSource().split('\n');
  const l = lines[line - 1];
  assert.ok(l.length >= column - 1, `line ${line} is long enough`);
  lines[line - 1] = l.slice(0, column - 1) + insert + l.slice(column - 1);
  const source = lines.join('\n');
  return { source, offset: lines.slice(0, line - 1).join('\n').length + 1 + column - 1 };
}

function assertUnreadable(source: string, expected: { line: number; column: number; message: RegExp }[]): void {
  const parsed = parseSidecar(source);
  assert.equal(parsed.sidecar, undefined);
  assert.equal(parsed.readOnly, true);
  assert.deepEqual(
    parsed.problems.map((p) => ({ severity: p.severity, line: p.line, column: p.column })),
    expected.map((e) => ({ severity: 'error', line: e.line, column: e.column })),
    JSON.stringify(parsed.problems, null, 1),
  );
  parsed.problems.forEach((p, i) => {
    assert.match(p.message, expected[i].message);
    assert.deepEqual(lineColumn(source, p.start), { line: p.line, column: p.column });
    // The diagnostic's end, as the editor computes it, is on or after its start.
    const end = parsed.lineCounter.linePos(p.end);
    assert.ok(end.line > p.line || (end.line === p.line && end.col > p.column));
  });
}

describe('sidecar source: forbidden characters', () => {
  it('regression: a NUL on line 135 is reported at 135:col, not on line 1', () => {
    const { source, offset } = withAt(135, 11, '\u0000');
    assert.equal(source[offset], '\u0000');
    assertUnreadable(source, [{ line: 135, column: 11, message: /^Control character U\+0000 \(NUL\) is not allowed in YAML/ }]);
  });

  it('every C0 control but tab and line breaks, in a plain scalar, a quoted one and a comment, at its place', () => {
    for (let code = 0; code < 0x20; code++) {
      if (code === 0x09 || code === 0x0a || code === 0x0d) continue;
      const c = String.fromCharCode(code);
      const hex = code.toString(16).toUpperCase().padStart(4, '0');
      const message = new RegExp(`^Control character U\\+${hex} \\([A-Z0-9]+\\) is not allowed in YAML`);
      // Line 135 is "    text: Jewish groups" (plain), line 199 a single-quoted suffix; a double-quoted value and a comment are made.
      assertUnreadable(withAt(135, 15, c).source, [{ line: 135, column: 15, message }]);
      assertUnreadable(withAt(199, 15, c).source, [{ line: 199, column: 15, message }]);
      const base = sampleSidecarSource();
      const quoted = base.replace('    text: Jewish groups', `    text: "Jewish${c} groups"`);
      assertUnreadable(quoted, [{ ...lineColOf(quoted, c), message }]);
      const comment = base.replace('# ', `# ${c}`);
      assertUnreadable(comment, [{ ...lineColOf(comment, c), message }]);
    }
  });

  it('regression: ESC in a comment was accepted, so a terminal escape could ride in a sidecar', () => {
    const source = sampleSidecarSource().replace('# ', '# \u001b[2J');
    assertUnreadable(source, [{ ...lineColOf(source, '\u001b'), message: /U\+001B \(ESC\).*"\\e" inside a double-quoted string/ }]);
  });

  it('a lone high or low surrogate in the YAML text, also inside double quotes', () => {
    for (const half of ['\ud83d', '\ude00']) {
      const { source } = withAt(180, 15, half);
      assertUnreadable(source, [{ line: 180, column: 15, message: /^Lone surrogate U\+D[8-F][0-9A-F]{2} \(half of a character\)/ }]);
      const quoted = serializeSidecar(parseSidecar(sampleSidecarSource()).sidecar!).replace(/name: Jeremy Corbyn/, `name: "Jeremy ${half}Corbyn"`);
      assertUnreadable(quoted, [{ ...lineColOf(quoted, half), message: /^Lone surrogate/ }]);
    }
    // A whole pair is one character, and fine.
    assert.deepEqual(parseSidecar(withAt(180, 15, '😀').source).problems, []);
  });

  it('regression: an escaped lone surrogate ("\\uD83D") in a value, a list item or an id is an error at it, not exported as U+FFFD', () => {
    const base = sampleSidecarSource();
    for (const [from, to, at] of [
      ['    text: Jewish groups', '    text: "Jewish \\uD83D groups"', '"Jewish'],
      ['name: Jeremy Corbyn', 'name: "Jeremy \\uDE00Corbyn"', '"Jeremy'],
      ['      - Mr Corbyn\n', '      - "Mr \\uD83DCorbyn"\n', '"Mr'],
      ['  corbyn:\n', '  "corbyn\\uD83D":\n', '"corbyn'],
    ]) {
      assert.ok(base.includes(from), from);
      const source = base.replace(from, to);
      const parsed = parseSidecar(source);
      assert.equal(parsed.readOnly, true);
      const p = parsed.problems.find((x) => /has half of a character \(a lone surrogate, U\+D[8-F][0-9A-F]{2}\)/.test(x.message));
      assert.ok(p, `${to}: ${JSON.stringify(parsed.problems.map((x) => x.message))}`);
      assert.deepEqual([p.line, p.column], [lineColOf(source, at).line, lineColOf(source, at).column], to);
    }
    // An escaped whole pair is one character, and fine.
    assert.deepEqual(parseSidecar(base.replace('name: Jeremy Corbyn', 'name: "Jeremy \\uD83D\\uDE00 Corbyn"')).problems, []);
  });

  it('regression: DEL, C1 controls and noncharacters outside quotes are found where they are, not at the end of the line', () => {
    for (const c of ['\u007f', '\u0080', '\u009b', '\ufffe', '\uffff']) {
      const { source } = withAt(189, 15, c); // "    text: Jonathan Goldstein"
      assertUnreadable(source, [{ line: 189, column: 15, message: /is only allowed in YAML inside a double-quoted string/ }]);
    }
  });

  it('DEL, C1 controls, NEL and noncharacters inside double quotes are fine: our writer puts them there', () => {
    const text = 'A b c d e f g h.';
    const value = 'x\u007f\u0085\u009b\ufffe\uffff\u2028\ufeffy';
    const sidecar = sidecarWith([speaker('s', value)], [], [{ id: 'a1', type: 'quote', speaker: 's', start: 0, end: 3, text: 'A b', note: value }], sha256Hex(text));
    const source = serializeSidecar(sidecar);
    const parsed = parseSidecar(source);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.sidecar!.speakers.get('s')!.name, value);
    assert.equal(parsed.sidecar!.annotations[0].note, value);
  });

  it('regression: a CR without LF, which the reader took for a line end and the writer for text, is refused at its place', () => {
    // Old Mac line ends: every problem used to be at 1:1, and a rewrite changed values.
    const mac = sampleSidecarSource().replace(/\n/g, '\r');
    const parsed = parseSidecar(mac);
    assert.equal(parsed.problems.length, 10);
    assert.match(parsed.problems[0].message, /^A carriage return \(CR\) without a line feed is not allowed/);
    // One stray CR in a plain scalar of an LF file: js-yaml read a line break, the yaml Document a CR.
    const { source } = withAt(135, 17, '\r');
    assertUnreadable(source, [{ line: 135, column: 17, message: /^A carriage return \(CR\) without a line feed/ }]);
    // CRLF line ends, and "\r" escaped in double quotes (as the writer puts it), are fine.
    assert.deepEqual(parseSidecar(sampleSidecarSource().replace(/\n/g, '\r\n').replace('text: Jewish groups', 'text: "Jewish\\rgroups"')).problems, []);
  });

  it('a file full of NULs (UTF-16 read as UTF-8) lists the first ten and counts the rest', () => {
    const source = [...'version: 1\ndocument: {}\n'].join('\u0000');
    const parsed = parseSidecar(source);
    assert.equal(parsed.problems.length, 10);
    assert.deepEqual([parsed.problems[9].line, parsed.problems[9].column], [1, 20]);
    assert.match(parsed.problems[9].message, /\(and 13 more such characters in the file\)$/);
  });
});

/** The sample with a conflict in its annotations: `ours` and `theirs` replace one line. */
function conflicted(eol = '\n', diff3 = false): string {
  const source = sampleSidecarSource();
  const at = source.indexOf('  - id: a7\n');
  assert.ok(at > 0);
  const block = ['<<<<<<< HEAD', '  - id: a7', ...(diff3 ? ['||||||| base', '  - id: a7'] : []), '=======', '  - id: a7b', '>>>>>>> feature/speakers'].join('\n') + '\n';
  return (source.slice(0, at) + block + source.slice(at + '  - id: a7\n'.length)).replace(/\n/g, eol);
}

describe('sidecar source: git merge conflict markers', () => {
  it('regression: named as a conflict, every marker at its line:col, instead of a YAML error', () => {
    const source = conflicted();
    const lineOf = (marker: string) => lineColOf(source, marker).line;
    const first = lineOf('<<<<<<< HEAD');
    assertUnreadable(source, [
      { line: first, column: 1, message: new RegExp(`^The sidecar has unresolved git merge conflict markers \\(line ${first}\\): "<<<<<<< HEAD" starts the conflict`) },
      { line: lineOf('=======\n'), column: 1, message: /^Git merge conflict marker: "=======" separates the two sides/ },
      { line: lineOf('>>>>>>> '), column: 1, message: /^Git merge conflict marker: ">>>>>>> feature\/speakers" ends the conflict/ },
    ]);
  });

  it('diff3 style, and CRLF line ends', () => {
    const source = conflicted('\r\n', true);
    const parsed = parseSidecar(source);
    assert.equal(parsed.sidecar, undefined);
    assert.deepEqual(parsed.problems.map((p) => source.slice(p.start, p.end)), ['<<<<<<< HEAD', '||||||| base', '=======', '>>>>>>> feature/speakers']);
    assert.match(parsed.problems[1].message, /starts the common ancestor/);
  });

  it('a conflicted sidecar is read-only in the article model: nothing placed, nothing to rewrite', () => {
    const model = buildArticleModel(conflicted(), sampleArticle());
    assert.equal(model.readable, false);
    assert.equal(model.readOnly, true);
    assert.deepEqual(model.placed, []);
    assert.match(model.problems[0].message, /unresolved git merge conflict markers/);
  });

  it('a line of seven "=" alone, or markers that are not at the start of a line, are not a conflict', () => {
    const source = sampleSidecarSource().replace('# ', '# =======\n# <<<<<<< HEAD ');
    assert.deepEqual(parseSidecar(source).problems, []);
    const quoted = sampleSidecarSource().replace('    note: ', '    note: |-\n      <<<<<<< not a marker\n      =======\n    x: ');
    const parsed = parseSidecar(quoted);
    assert.ok(parsed.problems.every((p) => !/conflict/.test(p.message)));
  });

  it('a control character in a marker line is shown escaped', () => {
    const source = conflicted().replace('<<<<<<< HEAD', '<<<<<<< HE\u001b[2JAD');
    assert.match(parseSidecar(source).problems[0].message, /"<<<<<<< HE\\x1b\[2JAD"/);
  });
});

describe('sidecar source: odd but valid Unicode', () => {
  const text = 'Zoë said “😀 👍🏽” and e\u0301 then 𝐀.\r\nNext line.';
  const spanOf = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
  function sidecarSource(): string {
    const annotations = [
      { id: 'a1', type: 'mention' as const, speaker: 'zoe', ...spanOf('Zoë'), text: 'Zoë' },
      { id: 'a2', type: 'quote' as const, speaker: 'zoe', ...spanOf('“😀 👍🏽”'), text: '“😀 👍🏽”' },
      { id: 'a3', type: 'quote' as const, speaker: 'zoe', ...spanOf('e\u0301'), text: 'e\u0301' },
      { id: 'a4', type: 'quote' as const, speaker: 'zoe', ...spanOf('𝐀.\r\nNext'), text: '𝐀.\r\nNext' },
    ];
    return serializeSidecar(sidecarWith([speaker('zoe', 'Zoë 😀', { aliases: ['Zoe\u0308'] })], [], annotations, sha256Hex(text)));
  }

  for (const [label, transform] of [
    ['LF', (s: string) => s],
    ['CRLF', (s: string) => s.replace(/\n/g, '\r\n')],
    ['a BOM', (s: string) => '\ufeff' + s],
    ['a BOM and CRLF', (s: string) => '\ufeff' + s.replace(/\n/g, '\r\n')],
  ] as const) {
    it(`emoji, combining marks, astral letters and a CRLF span read back exactly from a sidecar with ${label}`, () => {
      const source = transform(sidecarSource());
      const model = buildArticleModel(source, text);
      assert.deepEqual(model.problems, []);
      assert.equal(model.placed.length, 4);
      for (const a of model.placed) assert.equal(text.slice(a.start, a.end), a.text);
      assert.equal(model.sidecar.speakers.get('zoe')!.name, 'Zoë 😀');
      assert.deepEqual(model.sidecar.speakers.get('zoe')!.aliases, ['Zoe\u0308']);
    });

    it(`an error in a sidecar with ${label} is at its line and column`, () => {
      const source = transform(sidecarSource()).replace('    kind: person', '   kind: person');
      const parsed = parseSidecar(source);
      assert.equal(parsed.problems.length, 1);
      const where = lineColOf(source, 'kind: person');
      assert.deepEqual([parsed.problems[0].line, parsed.problems[0].column], [where.line, where.column]);
      assert.equal(source.slice(parsed.problems[0].start, parsed.problems[0].start + 4), 'kind');
    });
  }

  it('hand-written quotes around emoji: double, single and plain', () => {
    const base = sidecarSource();
    for (const written of ['"“😀 👍🏽”"', "'“😀 👍🏽”'", '“😀 👍🏽”', '"\\u201C\\U0001F600 \\U0001F44D\\U0001F3FD\\u201D"', '"\\u201C\\uD83D\\uDE00 \\uD83D\\uDC4D\\uD83C\\uDFFD\\u201D"']) {
      const source = base.replace(/text: .*😀 👍🏽.*/, `text: ${written}`);
      assert.ok(source.includes(`text: ${written}\n`), written);
      const model = buildArticleModel(source, text);
      assert.deepEqual(model.problems, [], written);
      assert.equal(model.placed.find((a) => a.id === 'a2')!.text, '“😀 👍🏽”', written);
    }
  });
});
