// The fast reader (src/core/sidecarFastYaml.ts) against js-yaml, the reader it stands in for:
// on every input it either gives up or gives exactly what js-yaml's load gives (same values,
// same key order, same numbers), and js-yaml then reads the file without an error. So a
// sidecar parses to the same Sidecar and the same problems either way: parseSidecar checks
// the same data, and every file the fast reader gives up on (all broken ones among them) is
// js-yaml's to read and to report.
import * as assert from 'node:assert/strict';
import * as jsyaml from 'js-yaml';
import { Document, Scalar } from 'yaml';
import { scaledArticle } from '../../bench/scaledArticle';
import { parseSidecar, serializeSidecar, SIDECAR_TO_STRING_OPTIONS } from '../../src/core/sidecar';
import { fastLoad } from '../../src/core/sidecarFastYaml';
import { validate } from '../../src/core/sidecarValidate';
import { sampleArticle, sampleSidecarSource } from './helpers';

/** Equal as loaded data: key order, prototypes and -0 included (deepStrictEqual ignores key order). */
function same(a: unknown, b: unknown, at = '$'): void {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    assert.ok(Object.is(a, b), `${at}: ${String(a)} !== ${String(b)}`);
    return;
  }
  assert.equal(Array.isArray(a), Array.isArray(b), `${at}: list and mapping`);
  assert.equal(Object.getPrototypeOf(a), Object.getPrototypeOf(b), `${at}: prototype`);
  const ka = Object.keys(a);
  assert.deepEqual(ka, Object.keys(b), `${at}: keys`);
  for (const k of ka) same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`);
}

/** The contract, for one input; returns whether the fast reader read it. */
function holds(source: string): boolean {
  const fast = fastLoad(source);
  if (!fast) return false;
  let slow: unknown;
  try {
    slow = jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA });
  } catch (e) {
    assert.fail(`the fast reader read what js-yaml refuses (${(e as Error).message}):\n${JSON.stringify(source)}`);
  }
  try {
    same(fast.value, slow);
  } catch (e) {
    assert.fail(`${(e as Error).message}\nfor ${JSON.stringify(source)}`);
  }
  return true;
}

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What YAML reads differently by context, and a few plain characters. */
const PIECES = [' ', '  ', '\n', '\n  ', '\n    ', ':', ': ', '-', '- ', '#', ' #', "'", "''", '"', '\\', '\\n', '\\x4', '\\u00e9', '\\U0001F600', '|', '|-', '|+', '>', '{', '}', '{}', '[', ']', '[]', ',', '&a', '*a', '!', '!!str ', '%', '@', '`', '?', '? ', '~', '0', '1', '07', '0x1F', '1_0', '1e3', '.5', '-1', '+1', '.inf', '.NaN', 'null', 'Null', 'true', 'False', 'yes', '---', '...', '<<', '__proto__', '\t', '\r', '\r\n', '\x85', '\x7f', '\u2028', '\ufeff', 'é', '😀', '\ud83d', 'x', 'ab', 'id', 'a1'];

describe('fast sidecar reader', () => {
  it('reads the sample and the bench files as js-yaml does', () => {
    assert.ok(holds(sampleSidecarSource()), 'the sample is in the layout the fast reader knows');
    const sample = parseSidecar(sampleSidecarSource()).sidecar!;
    for (const [bytes, count] of [[20_000, 300], [100_000, 1500]]) {
      const { sidecar } = scaledArticle(sampleArticle(), sample, bytes, count, 'article.txt');
      assert.ok(holds(serializeSidecar(sidecar)), `the generated sidecar of ${count} annotations`);
    }
  });

  it('gives what js-yaml gives, or gives up, on thousands of damaged sidecars', () => {
    const rnd = random(11);
    const lines = sampleSidecarSource().split('\n');
    let read = 0;
    const runs = 4000;
    for (let n = 0; n < runs; n++) {
      // A window of the sample (from the top: the document is a mapping there), damaged a few times.
      let source = lines.slice(0, 20 + Math.floor(rnd() * 80)).join('\n') + (rnd() < 0.8 ? '\n' : '');
      const edits = 1 + Math.floor(rnd() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * source.length);
        const cut = rnd() < 0.4 ? Math.floor(rnd() * 4) : 0;
        const piece = rnd() < 0.15 ? '' : PIECES[Math.floor(rnd() * PIECES.length)];
        source = source.slice(0, at) + piece + source.slice(at + cut);
      }
      if (holds(source)) read++;
    }
    // Most damage leaves a file the fast reader still reads: the comparison is not idle.
    assert.ok(read > runs / 4, `only ${read} of ${runs} read by the fast reader`);
  });

  it('gives what js-yaml gives on values written in every scalar style', () => {
    const rnd = random(5);
    const styles: (Scalar.Type | undefined)[] = [Scalar.PLAIN, Scalar.QUOTE_SINGLE, Scalar.QUOTE_DOUBLE, Scalar.BLOCK_LITERAL, Scalar.BLOCK_FOLDED, undefined];
    // Half the files without the characters that always send a file to js-yaml (tab, CR, controls, BOM, lone surrogates).
    const clean = PIECES.filter((p) => !/[\t\r\x7f\x85\ufeff]|^\ud83d$/.test(p));
    let pieces = PIECES;
    const text = () => {
      let s = '';
      const n = Math.floor(rnd() * 6);
      for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)];
      return s;
    };
    let read = 0;
    const runs = 1500;
    for (let n = 0; n < runs; n++) {
      pieces = n % 2 ? PIECES : clean;
      const doc = new Document({ version: 1, speakers: {}, annotations: [] as unknown[] });
      const value = (): unknown => {
        const r = rnd();
        if (r < 0.1) return Math.floor(rnd() * 1e6);
        if (r < 0.15) return null;
        if (r < 0.2) return [text(), text()];
        return text();
      };
      const entry: Record<string, unknown> = {};
      for (let k = 0; k < 1 + rnd() * 4; k++) entry[rnd() < 0.1 ? text() || 'k' : `k${k}`] = value();
      (doc.contents as unknown as { set(k: string, v: unknown): void }).set(rnd() < 0.5 ? 'extra' : text() || 'x', { nested: value(), [text() || 'y']: value() });
      const annotations = doc.getIn(['annotations'], true) as unknown as { add(v: unknown): void };
      annotations.add(doc.createNode(entry));
      annotations.add(doc.createNode({ id: 'a1', start: 3, end: 9, text: text() }));
      // Every string in some style the writer may choose (the yaml library falls back where one cannot hold it).
      const visit = (node: unknown): void => {
        if (node instanceof Scalar) {
          if (typeof node.value === 'string') node.type = styles[Math.floor(rnd() * styles.length)];
        } else if (node && typeof node === 'object' && 'items' in node) {
          for (const item of (node as { items: unknown[] }).items) {
            if (item && typeof item === 'object' && 'value' in item && 'key' in item) visit((item as { value: unknown }).value);
            else visit(item);
          }
        }
      };
      visit(doc.contents);
      if (holds(doc.toString(SIDECAR_TO_STRING_OPTIONS))) read++;
    }
    assert.ok(read > runs / 6, `only ${read} of ${runs} read by the fast reader`);
  });

  it('resolves plain scalars as js-yaml does: null, booleans, integers, floats and near misses', () => {
    const words = ['~', 'null', 'Null', 'NULL', 'nULL', 'nul', 'nulls', 'true', 'True', 'TRUE', 'tRUE', 'false', 'False', 'FALSE', 'fals', 'falsey', 'yes', 'No', 'on', 'y'];
    const numbers = ['0', '7', '-0', '+0', '007', '08', '0x1F', '0X1F', '0x', '0o17', '0o8', '0b101', '0b2', '1_000', '_1', '1_', '123456789012345', '1234567890123456', '99999999999999999999', '-12', '+12', '1.5', '-1.5', '1.', '.5', '1e3', '1E-3', '1.5e+3', 'e3', '1e', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'NaN', 'inf', '1.2.3', '0.0', '-0.0', '12:30', '2024-01-01', '1,000', '0x1_F'];
    const all = [...words, ...numbers];
    const source = ['values:', ...all.map((w, i) => `  k${i}: ${w}`), 'list:', ...all.map((w) => `  - ${w}`), 'keys:', ...all.map((w, i) => `  - ${w}: ${i}`)].join('\n') + '\n';
    assert.ok(holds(source));
  });

  it('gives up on what it does not read itself, leaving it to js-yaml', () => {
    for (const source of [
      '', // empty: js-yaml gives undefined
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: {b: 1}\n',
      'a: >\n  folded\n',
      'a: 1\na: 2\n', // js-yaml: duplicated mapping key
      'a:\n\tb: 1\n',
      'a: 1\r\nb: 2\r\n',
      '--- \na: 1\n',
      'a: "x\\\n  y"\n',
      'a: b: c\n',
      '- a\n',
    ]) {
      assert.equal(fastLoad(source), undefined, JSON.stringify(source));
    }
  });

  it('makes the same sidecar and problems of the sample and a bench file as js-yaml', () => {
    const sample = parseSidecar(sampleSidecarSource()).sidecar!;
    const big = serializeSidecar(scaledArticle(sampleArticle(), sample, 100_000, 1000, 'article.txt').sidecar);
    for (const source of [sampleSidecarSource(), big]) {
      assert.deepEqual(validate(fastLoad(source)!.value), validate(jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA })));
    }
  });
});
