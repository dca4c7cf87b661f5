// A fast reader for the YAML our own writer produces (block mappings and sequences, plain,
// quoted and literal scalars, `{}` and `[]`, comments), giving exactly what js-yaml's `load`
// with the CORE schema gives. Opening a 10,000-annotation sidecar spent most of its time in
// js-yaml's general parser; this one reads the same file in a fraction of it. Anything it does
// not know for certain (anchors, tags, flow collections, folded scalars, tabs, CR, a key
// repeated, odd indentation, any character js-yaml might refuse) makes it give up, and the
// caller reads the file with js-yaml: so every error, and every message, is still js-yaml's.
// test/unit/sidecarFastYaml.test.ts holds it to js-yaml on the sample, generated and fuzzed files.
import * as jsyaml from 'js-yaml';

/** Thrown to give up: the caller falls back to js-yaml. */
class GiveUp extends Error {}
const giveUp = (): never => {
  throw new GiveUp();
};

/** The implicit types js-yaml resolves plain scalars with under the CORE schema, in its order. */
const IMPLICIT = (jsyaml.CORE_SCHEMA as unknown as { compiledImplicit?: jsyaml.Type[] }).compiledImplicit;

const SPACE = 0x20;
const LF = 0x0a;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const QUOTE = 0x27;
const DQUOTE = 0x22;

/**
 * `{ value }` as js-yaml would load `source`, or undefined when this reader cannot be sure
 * (then js-yaml must read it, and may well accept it).
 */
export function fastLoad(source: string): { value: unknown } | undefined {
  if (!Array.isArray(IMPLICIT) || !plainCharacters(source)) return undefined;
  // js-yaml reads a missing final line break as if it were there.
  const input = source.length && source.charCodeAt(source.length - 1) !== LF ? source + '\n' : source;
  try {
    const r = new Reader(input);
    const indent = r.nextContent();
    if (indent !== 0) return undefined; // empty, or not a mapping at the top
    if (r.startsWith('---') || r.startsWith('...') || r.peek() === 0x25 /* % */) return undefined;
    const value = r.mapping(0, r.pos);
    if (r.nextContent() !== -1) return undefined;
    return { value };
  } catch (e) {
    if (e instanceof GiveUp) return undefined;
    throw e;
  }
}

/**
 * No character whose handling differs by context: C0 controls but LF (tab and CR included),
 * DEL and C1 controls, U+FEFF, U+FFFE, U+FFFF, lone surrogates.
 */
function plainCharacters(s: string): boolean {
  // A regular expression finds the rare character outside the common ranges quickly; only
  // surrogates (emoji and the like) among those are then looked at one by one.
  const odd = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/g;
  for (let m; (m = odd.exec(s)); ) {
    const i = m.index;
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) return false;
    const d = s.charCodeAt(i + 1);
    if (!(d >= 0xdc00 && d <= 0xdfff)) return false;
    odd.lastIndex = i + 2;
  }
  return true;
}

const SMALL_DECIMAL = /^(?:0|[1-9][0-9]{0,14})$/;

function resolvePlain(text: string): unknown {
  // Offsets: a short decimal is what js-yaml's int makes of it (parseInt, base 10).
  if (SMALL_DECIMAL.test(text)) return Number(text);
  // Only these first characters can start a null, bool, int or float: the rest are strings.
  // After n, t or f (any case) only null, true and false are anything but a string.
  const c = text.charCodeAt(0) | 0x20;
  if (c === 0x6e || c === 0x74 || c === 0x66) {
    if (text.length > 5) return text;
  } else if (!(c === 0x7e || c === 0x2b || c === DASH || c === 0x2e || (c >= 0x30 && c <= 0x39))) return text;
  for (const type of IMPLICIT!) if (type.resolve(text)) return type.construct(text);
  return text;
}

/** What may not start a plain scalar (js-yaml's readPlainScalar): indicators, space, line end. */
function plainStart(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  switch (c) {
    case SPACE: case LF: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: // , [ ] { }
    case HASH: case 0x26: case 0x2a: case 0x21: case 0x7c: case 0x3e: // & * ! | >
    case QUOTE: case DQUOTE: case 0x25: case 0x40: case 0x60: // % @ `
      return false;
    case 0x3f: case DASH: { // ? -
      const d = s.charCodeAt(i + 1);
      return d !== SPACE && d !== LF;
    }
    default:
      return !Number.isNaN(c);
  }
}

class Reader {
  /** Offset of the start of the current line, or of a position within it. */
  pos = 0;
  /** Plain keys as resolved: the same few names come back on every entry. */
  private readonly keys = new Map<string, string>();
  constructor(private readonly s: string) {}

  peek(): number {
    return this.s.charCodeAt(this.pos);
  }

  startsWith(t: string): boolean {
    return this.s.startsWith(t, this.pos);
  }

  /** The line end last found, and where its search began: no line break lies between them. */
  private endFrom = -1;
  private end = -1;

  private lineEnd(from: number): number {
    if (from >= this.endFrom && from <= this.end) return this.end;
    const i = this.s.indexOf('\n', from);
    this.endFrom = from;
    this.end = i === -1 ? this.s.length : i;
    return this.end;
  }

  /**
   * From the line `pos` is in (at its start, or at its first character after a nested
   * collection ended there), skips blank and comment lines; leaves `pos` at the first
   * character of the next content line and returns its indentation (-1 at the end).
   */
  nextContent(): number {
    const s = this.s;
    let p = s.lastIndexOf('\n', this.pos - 1) + 1;
    while (p < s.length) {
      let i = p;
      while (s.charCodeAt(i) === SPACE) i++;
      const c = s.charCodeAt(i);
      if (c === LF || c === HASH || i === s.length) {
        p = this.lineEnd(i) + 1;
        continue;
      }
      this.pos = i;
      return i - p;
    }
    this.pos = s.length;
    return -1;
  }

  /** A block mapping whose entries are at column `indent`; the first key starts at `at`. */
  mapping(indent: number, at: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos = at;
    for (;;) {
      const key = this.key();
      if (Object.prototype.hasOwnProperty.call(out, key)) giveUp(); // js-yaml: duplicated mapping key
      const value = this.valueAfter(indent, true);
      if (key === '__proto__') Object.defineProperty(out, key, { configurable: true, enumerable: true, writable: true, value });
      else out[key] = value;
      const next = this.nextContent();
      if (next > indent) giveUp();
      if (next < indent) return out;
      if (this.peek() === DASH && isBreakOrSpace(this.s.charCodeAt(this.pos + 1))) giveUp();
    }
  }

  /** A block sequence whose `-` are at column `indent`, `pos` at the first one. */
  sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    const s = this.s;
    for (;;) {
      // `pos` is at a "-" followed by a space (checked by the caller or below).
      let i = this.pos + 1;
      while (s.charCodeAt(i) === SPACE) i++;
      const c = s.charCodeAt(i);
      if (c === LF || c === HASH || (c === DASH && isBreakOrSpace(s.charCodeAt(i + 1)))) giveUp(); // item on the next lines, or nested
      this.pos = i;
      if (this.startsKey()) out.push(this.mapping(i - (s.lastIndexOf('\n', i - 1) + 1), i));
      else out.push(this.valueAfter(indent, false));
      const next = this.nextContent();
      if (next < indent) return out;
      if (next > indent) giveUp();
      if (!(this.peek() === DASH && isBreakOrSpace(s.charCodeAt(this.pos + 1)))) return out;
      if (s.charCodeAt(this.pos + 1) === LF) giveUp();
    }
  }

  /** Whether the text at `pos` is a key followed by ": " or ":" at the line's end (a compact mapping). */
  private startsKey(): boolean {
    const s = this.s;
    const c = this.peek();
    if (c === QUOTE || c === DQUOTE) {
      const save = this.pos;
      const end = this.lineEnd(save);
      this.quoted(c);
      const after = this.pos;
      this.pos = save;
      // A quoted scalar over several lines cannot be a key; js-yaml reads it as the item.
      if (after > end) return false;
      return s.charCodeAt(after) === COLON && isBreakOrSpace(s.charCodeAt(after + 1));
    }
    if (!plainStart(s, this.pos)) return false;
    const end = this.lineEnd(this.pos);
    for (let i = this.pos; i < end; i++) {
      const ch = s.charCodeAt(i);
      if (ch === COLON && isBreakOrSpace(s.charCodeAt(i + 1))) return true;
      if (ch === HASH && s.charCodeAt(i - 1) === SPACE) return false;
    }
    return false;
  }

  /** A key at `pos` and its ":"; leaves `pos` after the colon. */
  private key(): string {
    const s = this.s;
    const c = this.peek();
    if (c === QUOTE || c === DQUOTE) {
      const end = this.lineEnd(this.pos);
      const value = this.quoted(c);
      if (this.pos > end || s.charCodeAt(this.pos) !== COLON || !isBreakOrSpace(s.charCodeAt(this.pos + 1))) giveUp();
      this.pos++;
      return value;
    }
    if (!plainStart(s, this.pos)) giveUp();
    const end = this.lineEnd(this.pos);
    let colon = s.indexOf(':', this.pos);
    while (colon !== -1 && colon < end && !isBreakOrSpace(s.charCodeAt(colon + 1))) colon = s.indexOf(':', colon + 1);
    if (colon === -1 || colon >= end || s.charCodeAt(colon - 1) === SPACE) giveUp(); // no key, or "key :" (rare)
    const text = s.slice(this.pos, colon);
    if (text.includes(' #')) giveUp(); // a comment where the colon should be
    this.pos = colon + 1;
    let key = this.keys.get(text);
    if (key === undefined) this.keys.set(text, (key = String(resolvePlain(text))));
    return key;
  }

  /**
   * The value after "key:" (`pos` after the colon) or after "- " (`pos` at the value) in a
   * collection at `indent`; leaves `pos` at the start of the line after it.
   */
  private valueAfter(indent: number, inMapping: boolean): unknown {
    const s = this.s;
    let i = this.pos;
    while (s.charCodeAt(i) === SPACE) i++;
    const c = s.charCodeAt(i);
    if (c === LF || c === HASH || i >= s.length) {
      if (!inMapping) giveUp();
      // Nothing on the key's line: a collection on the lines below, or null.
      this.pos = this.lineEnd(i) + 1;
      const save = this.pos;
      const next = this.nextContent();
      if (next > indent) {
        if (this.peek() === DASH && isBreakOrSpace(s.charCodeAt(this.pos + 1))) {
          if (s.charCodeAt(this.pos + 1) === LF) giveUp();
          return this.sequence(next);
        }
        if (!this.startsKey()) giveUp(); // a scalar on the next line
        return this.mapping(next, this.pos);
      }
      if (next === indent && this.peek() === DASH && isBreakOrSpace(s.charCodeAt(this.pos + 1))) {
        if (s.charCodeAt(this.pos + 1) === LF) giveUp();
        return this.sequence(next); // a sequence at the key's own indentation
      }
      this.pos = save;
      return null;
    }
    this.pos = i;
    let value: unknown;
    if (c === QUOTE || c === DQUOTE) value = this.quoted(c);
    else if (c === 0x7c /* | */) return this.literal(indent);
    else if ((c === 0x7b || c === 0x5b) && s.charCodeAt(i + 1) === c + 2) {
      value = c === 0x7b ? {} : [];
      this.pos = i + 2;
    } else if (plainStart(s, i)) value = this.plain();
    else giveUp();
    this.restOfLine();
    return value;
  }

  /** After a value: only spaces and a comment may follow on its line. Leaves `pos` at the next line. */
  private restOfLine(): void {
    const s = this.s;
    let i = this.pos;
    while (s.charCodeAt(i) === SPACE) i++;
    const c = s.charCodeAt(i);
    if (c !== LF && c !== HASH && i < s.length) giveUp();
    this.pos = this.lineEnd(i) + 1;
  }

  /** A plain scalar on one line (a continuation line is refused by the caller's indentation check). */
  private plain(): unknown {
    const s = this.s;
    const start = this.pos;
    const end = this.lineEnd(start);
    let last = start; // after the last non-space character
    let i = start;
    for (; i < end; i++) {
      const ch = s.charCodeAt(i);
      if (ch === COLON && isBreakOrSpace(s.charCodeAt(i + 1))) giveUp(); // a mapping where a scalar must be
      if (ch === HASH && s.charCodeAt(i - 1) === SPACE) break;
      if (ch !== SPACE) last = i + 1;
    }
    this.pos = last;
    return resolvePlain(s.slice(start, last));
  }

  /** A single- or double-quoted scalar, folded over lines as js-yaml folds it; `pos` ends after the closing quote. */
  private quoted(q: number): string {
    const s = this.s;
    let p = this.pos + 1;
    // Most are closed on their own line with nothing to unescape.
    const close = s.indexOf(q === QUOTE ? "'" : '"', p);
    if (close !== -1 && close < this.lineEnd(p) && s.charCodeAt(close + 1) !== q) {
      const text = s.slice(p, close);
      if (q === QUOTE || !text.includes('\\')) {
        this.pos = close + 1;
        return text;
      }
    }
    let out = '';
    let start = p;
    let end = p; // after the last non-space character of the current line's segment
    for (;;) {
      const c = s.charCodeAt(p);
      if (Number.isNaN(c)) giveUp(); // never closed: js-yaml's error
      if (c === q) {
        if (q === QUOTE && s.charCodeAt(p + 1) === QUOTE) {
          out += s.slice(start, p + 1);
          p += 2;
          start = end = p;
          continue;
        }
        out += s.slice(start, p);
        this.pos = p + 1;
        return out;
      }
      if (c === 0x5c /* \ */ && q === DQUOTE) {
        out += s.slice(start, p);
        const e = s.charCodeAt(p + 1);
        const simple = ESCAPES.get(e);
        if (simple !== undefined) p += 2;
        else {
          const len = e === 0x78 ? 2 : e === 0x75 ? 4 : e === 0x55 ? 8 : 0;
          if (!len) giveUp(); // an escaped line break, or an unknown escape
          const hex = s.slice(p + 2, p + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) giveUp();
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) giveUp();
          out += code <= 0xffff ? String.fromCharCode(code) : String.fromCharCode(((code - 0x10000) >> 10) + 0xd800, ((code - 0x10000) & 0x3ff) + 0xdc00);
          p += 2 + len;
          start = end = p;
          continue;
        }
        out += simple;
        start = end = p;
        continue;
      }
      if (c === LF) {
        out += s.slice(start, end);
        // Line folding: one break is a space, n breaks n - 1 newlines; the next line's leading spaces go.
        let breaks = 0;
        while (s.charCodeAt(p) === LF) {
          breaks++;
          p++;
          if ((s.startsWith('---', p) || s.startsWith('...', p)) && isBreakOrSpaceOrEnd(s, p + 3)) giveUp();
          while (s.charCodeAt(p) === SPACE) p++;
        }
        out += breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
        start = end = p;
        continue;
      }
      p++;
      if (c !== SPACE) end = p;
    }
  }

  /** A literal block scalar ("|", "|-" or "|+") of a value in a collection at `indent`; `pos` at the "|". */
  private literal(indent: number): string {
    const s = this.s;
    let p = this.pos + 1;
    const chomp = s.charCodeAt(p);
    if (chomp === DASH || chomp === 0x2b) p++;
    if (s.charCodeAt(p) !== LF) giveUp(); // an indentation indicator or a comment: rare
    p++;
    let textIndent = 0;
    while (s.charCodeAt(p + textIndent) === SPACE) textIndent++;
    const first = s.charCodeAt(p + textIndent);
    // Leading blank lines (the indentation is then found differently), or no content.
    if (first === LF || Number.isNaN(first) || textIndent <= indent) giveUp();
    let out = '';
    let empty = 0;
    let read = false;
    while (p < s.length) {
      let i = p;
      while (i - p < textIndent && s.charCodeAt(i) === SPACE) i++;
      const c = s.charCodeAt(i);
      if (c === LF) {
        empty++;
        p = i + 1;
        continue;
      }
      if (i - p < textIndent) break;
      out += '\n'.repeat(read ? 1 + empty : empty);
      read = true;
      empty = 0;
      const end = this.lineEnd(i);
      out += s.slice(i, end);
      p = end + 1;
    }
    if (chomp === 0x2b) out += '\n'.repeat(read ? 1 + empty : empty);
    else if (chomp !== DASH && read) out += '\n';
    this.pos = p;
    return out;
  }
}

const ESCAPES = new Map<number, string>([
  [0x30, '\x00'], [0x61, '\x07'], [0x62, '\x08'], [0x74, '\x09'], [0x09, '\x09'], [0x6e, '\x0a'],
  [0x76, '\x0b'], [0x66, '\x0c'], [0x72, '\x0d'], [0x65, '\x1b'], [0x20, ' '], [0x22, '"'],
  [0x2f, '/'], [0x5c, '\\'], [0x4e, '\x85'], [0x5f, '\xa0'], [0x4c, '\u2028'], [0x50, '\u2029'],
]);

function isBreakOrSpace(c: number): boolean {
  return c === SPACE || c === LF || Number.isNaN(c);
}

function isBreakOrSpaceOrEnd(s: string, i: number): boolean {
  return i >= s.length || isBreakOrSpace(s.charCodeAt(i));
}
