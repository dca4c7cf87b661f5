// A fast reader for the YAML our writer produces (block mappings and sequences, one scalar per
// line, `[a, b]` lists, `{}`), several times faster than js-yaml, which the corpus needs: 10,000
// sidecars must be read in seconds. It is a fast path only: on anything outside that subset
// (comments after values, block scalars, anchors, tags, multi-line strings, duplicate keys...) it
// gives up and the caller reads the file with js-yaml, so what it accepts it reads exactly as
// js-yaml's CORE schema does (a test compares the two).
import * as jsyaml from 'js-yaml';

class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

interface Line {
  indent: number;
  /** The line without its indentation. */
  text: string;
}

/** The file's plain data, or undefined when it is not in the subset (read it with js-yaml then). */
export function fastYamlLoad(source: string): unknown {
  if (source.charCodeAt(0) === 0xfeff || source.includes('\t') || source.includes('\r')) return undefined;
  const lines: Line[] = [];
  for (const raw of source.split('\n')) {
    let indent = 0;
    while (raw.charCodeAt(indent) === 0x20) indent++;
    const text = raw.slice(indent);
    if (text === '' || text.charCodeAt(0) === 0x23 /* # */) continue;
    if (indent === 0 && (text.startsWith('---') || text.startsWith('...') || text.startsWith('%'))) return undefined;
    if (text.endsWith(' ')) return undefined;
    lines.push({ indent, text });
  }
  if (lines.length === 0) return undefined;
  try {
    const at = { i: 0 };
    const value = block(lines, at, lines[0].indent);
    return at.i === lines.length ? value : undefined;
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

/** The block node starting at lines[at.i], whose lines are indented `indent`. */
function block(lines: Line[], at: { i: number }, indent: number): unknown {
  const first = lines[at.i];
  if (first.indent !== indent) giveUp();
  return first.text === '-' || first.text.startsWith('- ') ? sequence(lines, at, indent) : mapping(lines, at, indent, first.text);
}

function sequence(lines: Line[], at: { i: number }, indent: number): unknown[] {
  const out: unknown[] = [];
  while (at.i < lines.length && lines[at.i].indent === indent) {
    const line = lines[at.i];
    if (!line.text.startsWith('- ')) {
      if (line.text === '-') giveUp();
      break;
    }
    const rest = line.text.slice(2);
    if (rest.startsWith(' ')) giveUp();
    const colon = keyEnd(rest);
    if (colon >= 0) {
      // `- key: value` opens a mapping whose keys are indented two more.
      lines[at.i] = { indent: indent + 2, text: rest };
      out.push(mapping(lines, at, indent + 2, rest));
    } else {
      at.i++;
      out.push(scalarOrFlow(rest));
    }
  }
  if (at.i < lines.length && lines[at.i].indent > indent) giveUp();
  return out;
}

function mapping(lines: Line[], at: { i: number }, indent: number, firstText: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let text = firstText;
  while (at.i < lines.length) {
    const line = lines[at.i];
    if (line.indent !== indent) break;
    text = line.text;
    const colon = keyEnd(text);
    if (colon < 0) giveUp();
    const key = keyOf(text.slice(0, colon));
    // `in` also refuses keys Object.prototype has (constructor, toString): js-yaml reads those files.
    if (key in out || key === '__proto__') giveUp();
    const rest = text.slice(colon + 1);
    at.i++;
    if (rest === '') {
      const next = lines[at.i];
      // A nested block (more indented, or a sequence at the same indent), else an empty value.
      if (next && (next.indent > indent || (next.indent === indent && next.text.startsWith('- ')))) out[key] = block(lines, at, next.indent);
      else out[key] = null;
    } else {
      if (rest.charCodeAt(0) !== 0x20) giveUp();
      out[key] = scalarOrFlow(rest.slice(1));
    }
  }
  if (at.i < lines.length && lines[at.i].indent > indent) giveUp();
  return out;
}

const SIMPLE_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/** Where a `key:` ends (the colon), for a simple plain or quoted key; -1 when the line is not one. */
function keyEnd(text: string): number {
  const c = text.charCodeAt(0);
  if (c === 0x27 || c === 0x22) {
    const close = c === 0x27 ? text.indexOf("'", 1) : closingDoubleQuote(text);
    return close > 0 && text.charCodeAt(close + 1) === 0x3a && (close + 2 === text.length || text.charCodeAt(close + 2) === 0x20) ? close + 1 : -1;
  }
  const colon = text.indexOf(':');
  if (colon <= 0 || (colon + 1 < text.length && text.charCodeAt(colon + 1) !== 0x20)) return -1;
  return SIMPLE_KEY.test(text.slice(0, colon)) ? colon : -1;
}

function keyOf(raw: string): string {
  if (raw.charCodeAt(0) === 0x27 || raw.charCodeAt(0) === 0x22) {
    const v = scalarOrFlow(raw);
    return typeof v === 'string' ? v : giveUp();
  }
  return raw;
}

function closingDoubleQuote(text: string): number {
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NON_STRING_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const SAFE_PLAIN = /^[A-Za-z_(][^:#[\]{},"'`&*!|>%@]*$/;
const JSON_ESCAPES = /\\[^"\\/bfnrtu]/;

/** One scalar (plain, single- or double-quoted, alone on its line) or a one-line flow collection. */
function scalarOrFlow(text: string): unknown {
  const c = text.charCodeAt(0);
  if (c === 0x22) {
    if (closingDoubleQuote(text) !== text.length - 1 || JSON_ESCAPES.test(text)) return viaJsYaml(text);
    try {
      return JSON.parse(text);
    } catch {
      return viaJsYaml(text);
    }
  }
  if (c === 0x27) {
    const body = text.slice(1, -1);
    if (text.length < 2 || text.charCodeAt(text.length - 1) !== 0x27 || body.replace(/''/g, '').includes("'")) giveUp();
    return body.replace(/''/g, "'");
  }
  if (c === 0x5b /* [ */) return flowSequence(text);
  if (c === 0x7c /* | */ || c === 0x3e /* > */) giveUp();
  if (text === '{}') return {};
  if (text === '~') return null;
  if (/^(0|[1-9][0-9]*)$/.test(text) && text.length < 16) return Number(text);
  if (PLAIN_WORD.test(text)) return NON_STRING_WORDS.has(text) ? viaJsYaml(text) : text;
  // Text with spaces and punctuation, read as js-yaml would when nothing in it is YAML syntax.
  if (SAFE_PLAIN.test(text) && !text.includes(' -') && !NON_STRING_WORDS.has(text)) return text;
  return viaJsYaml(text);
}

function flowSequence(text: string): unknown[] {
  if (text.charCodeAt(text.length - 1) !== 0x5d) giveUp();
  const body = text.slice(1, -1).trim();
  if (body === '') return [];
  if (/["'[\]{}#:]/.test(body)) {
    const v = viaJsYaml(text, true);
    return Array.isArray(v) ? v : giveUp();
  }
  return body.split(',').map((item) => {
    const t = item.trim();
    return t === '' ? giveUp() : scalarOrFlow(t);
  });
}

/** A single scalar outside the easy cases, read by js-yaml itself (rare: a number-like word, an escape). */
function viaJsYaml(text: string, collection = false): unknown {
  let v: unknown;
  try {
    v = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return giveUp();
  }
  // Read alone, `a: b` or `- x` is a collection; on its line after a key it is an error or more: not ours to guess.
  if (!collection && typeof v === 'object' && v !== null) giveUp();
  return v;
}
