import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import * as jsyaml from 'js-yaml';
import { fastYamlLoad } from '../../src/core/corpus/fastYaml';
import { serializeSidecar } from '../../src/core/sidecar';
import { parseSidecar } from '../../src/core/sidecar';
import { Sidecar } from '../../src/core/model';

const root = path.resolve(__dirname, '../../..');
const sample = fs.readFileSync(path.join(root, 'sample-docs/corbyn-jewish-leaders-meeting.txt.annotations.yaml'), 'utf8');
const load = (s: string) => jsyaml.load(s, { schema: jsyaml.CORE_SCHEMA });

/** Either the fast reader gives up, or it reads exactly what js-yaml reads. */
function agrees(source: string): boolean {
  const fast = fastYamlLoad(source);
  if (fast === undefined) return false;
  assert.deepEqual(fast, load(source), source);
  return true;
}

/** The sample's sidecar with its texts on one line each (a multi-line one is written as a block scalar, outside the subset). */
function oneLine(): Sidecar {
  const s = parseSidecar(sample).sidecar!;
  const flat = (x?: string) => x?.replace(/\n/g, ' ');
  return { ...s, annotations: s.annotations.map((a) => ({ ...a, text: flat(a.text), prefix: flat(a.prefix), suffix: flat(a.suffix) })) };
}

describe('fast YAML reader for the corpus', () => {
  it('reads the sample sidecar (comments, flow lists, quotes) as js-yaml does, once its multi-line strings are on one line', () => {
    assert.equal(agrees(sample), false, 'a quoted string over two lines is outside the subset: js-yaml reads the file');
    assert.equal(agrees(serializeSidecar(oneLine())), true);
  });

  it('reads what the writer writes, for any text, name and id, as js-yaml does (or gives up)', () => {
    const base = oneLine();
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('\n', ' ', '#', ': ', '- ', '-', '?', ':', '"', "'", '😀', 'null', 'true', '1', '0x1', '1.5', '.inf', '~', '[a]', '{a: 1}', '&a', '*a', '!x', '|', '>', '%', '@', '`', ',', ' #x', '\\'),
    );
    const value = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    let read = 0;
    fc.assert(
      fc.property(value, value, value, (text, name, note) => {
        const s = base;
        const speakers = new Map(s.speakers);
        const first = [...speakers.values()][0];
        speakers.set(first.id, { ...first, name, aliases: [name, note].filter((x) => x !== '') });
        const annotations = s.annotations.map((a, i) => (i === 3 ? { ...a, text, note } : a));
        const source = serializeSidecar({ ...s, speakers, annotations });
        if (/[\u0000-\u0008\u000b-\u001f\r]/.test(source)) return; // the raw-text checks refuse these before any YAML reader
        if (agrees(source)) read++;
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
    assert.ok(read > 0, 'the fast path is taken');
  });

  it('gives up on what is not in its subset', () => {
    for (const source of [
      'a: |\n  block\n',
      'a: &x 1\nb: *x\n',
      'a: 1\na: 2\n',
      'a: "multi\n  line"\n',
      'a: plain\n  continued\n',
      '- a\n-\n  - b\n',
      '? complex\n: key\n',
      '---\na: 1\n',
      'a:\tb\n',
      'a: {b: 1}\n',
      '__proto__: 1\n',
      "a: 'x' # comment\n",
    ]) {
      assert.equal(fastYamlLoad(source), undefined, JSON.stringify(source));
    }
  });

  it('agrees on scalars it hands to js-yaml or reads itself', () => {
    for (const v of ['null', 'Null', '~', 'true', 'False', '007', '-5', '1.5', '1e3', '.nan', 'yes', 'on', 'a b', "it's", 'x # c', '"a" # c', '"\\x41\\u00e9"', "'a''b'", '[a, "b c", 1]', '[]', '{}', 'a-b', 'A.B', '(x)', 'a,b']) {
      assert.equal(agrees(`k: ${v}\n`), true, v);
    }
  });
});
