// Stage 1 of the brat import: the lines of a .ann into records, one pass, no regular expression
// that can backtrack (a long line once took seconds per line to reject). What brat's own parser
// (server/src/annotation.py) would refuse is a warning naming the line; a file with no line brat
// would read at all is not a brat file, and says so with an error.

export interface TextBound {
  id: string;
  type: string;
  /** Code points in the file's reading of the text, in the order written. */
  fragments: [number, number][];
  textField?: string;
  line: number;
  /** Lines after this one that are not annotation lines: the rest of a multi-line text field, or junk. */
  trailing: { line: number; text: string }[];
}

export interface EventLine {
  id: string;
  type: string;
  trigger?: string;
  args: { role: string; ref: string }[];
  line: number;
}

export interface Link {
  type: string;
  target: string;
  value?: string;
  text?: string;
  line: number;
}

export interface ParsedAnn {
  bounds: TextBound[];
  events: EventLine[];
  relations: (Link & { arg2: string })[];
  attributes: Link[];
  references: (Link & { db: string; ref: string })[];
  notes: Link[];
  /** Equivalence (*) lines and ids of a kind brat has no parser for: counted, not imported. */
  unknown: { what: string; line: number }[];
  warnings: string[];
}

/** Thrown when no line of the input is a brat annotation: the input is something else. */
export class BratFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BratFormatError';
  }
}

/**
 * Lines of a .ann (LF or CRLF, a BOM ignored) into records. Throws BratFormatError when the input
 * has text but not one line brat would read, naming the first lines and what is wrong with them.
 */
export function parseBratLines(ann: string): ParsedAnn {
  const out: ParsedAnn = { bounds: [], events: [], relations: [], attributes: [], references: [], notes: [], unknown: [], warnings: [] };
  const problems: string[] = [];
  let valid = 0;
  let last: TextBound | undefined;
  const lines = ann.replace(/^\ufeff/, '').split('\n');
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const tab = line.indexOf('\t');
    const id = tab < 0 ? '' : line.slice(0, tab);
    if (!isBratId(id)) {
      if (last && last.textField !== undefined) last.trailing.push({ line: n, text: line });
      else if (line.trim()) {
        const why = `line ${n}: not a brat annotation line (ID, TAB, …): ${quoteExcerpt(line)}`;
        out.warnings.push(`${why}, skipped`);
        problems.push(why);
      }
      return;
    }
    last = undefined;
    const rest = line.slice(tab + 1);
    const tab2 = rest.indexOf('\t');
    const data = tab2 < 0 ? rest : rest.slice(0, tab2);
    const tail = tab2 < 0 ? undefined : rest.slice(tab2 + 1);
    const result = record(out, id, data, tail, n);
    if (result === undefined) {
      valid++;
      if (id[0] === 'T') last = out.bounds[out.bounds.length - 1];
    } else if (result.unknown) {
      problems.push(`line ${n}: ${result.why}`);
    } else {
      const why = `line ${n}: ${result.why} ${quoteExcerpt(line)}`;
      out.warnings.push(`${why}, skipped`);
      problems.push(why);
    }
  });
  if (valid === 0 && problems.length > 0) {
    // Bytes that are not UTF-8 arrive as U+FFFD: quoting them would only show noise.
    const undecodable = ann.length - ann.replace(/[\ufffd\0]/g, '').length;
    if (undecodable > ann.length / 20) throw new BratFormatError('not a brat .ann file: it looks like binary data, not UTF-8 text');
    const shown = problems.slice(0, 3).join('; ');
    throw new BratFormatError(`not a brat .ann file: no line is a brat annotation (ID, TAB, TYPE …, e.g. "T1<TAB>Quote 0 5<TAB>text"); ${shown}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`);
  }
  return out;
}

/** One annotation line into its record in `out`; what is wrong with it otherwise. */
function record(out: ParsedAnn, id: string, data: string, tail: string | undefined, n: number): { why: string; unknown?: true } | undefined {
  const words = data.trim().split(/\s+/).filter(Boolean);
  switch (id[0]) {
    case 'T': {
      const t = textBound(id, data, tail, n);
      if (typeof t === 'string') return { why: t };
      out.bounds.push(t);
      return undefined;
    }
    case 'E': {
      const [type, trigger] = (words[0] ?? '').split(':');
      if (!type) return { why: 'not an event (TYPE:TRIGGER ROLE:ID…)' };
      const args = words.slice(1).flatMap((p) => {
        const c = p.lastIndexOf(':');
        return c > 0 ? [{ role: p.slice(0, c), ref: p.slice(c + 1) }] : [];
      });
      out.events.push({ id, type, trigger: trigger || undefined, args, line: n });
      return undefined;
    }
    case 'R': {
      const a1 = words.length === 3 ? roleAndId(words[1]) : undefined;
      const a2 = words.length === 3 ? roleAndId(words[2]) : undefined;
      if (!a1 || !a2) return { why: 'not a relation (TYPE Arg1:ID Arg2:ID)' };
      out.relations.push({ type: words[0], target: a1[1], arg2: a2[1], line: n });
      return undefined;
    }
    case 'A':
    case 'M': {
      const [type, target, value] = words;
      if (!type || !target) return { why: 'not an attribute (NAME ID [VALUE])' };
      out.attributes.push({ type, target, value, line: n });
      return undefined;
    }
    case 'N': {
      const ref = words.length === 3 ? roleAndId(words[2]) : undefined;
      if (!ref) return { why: 'not a normalization (TYPE ID DB:KEY)' };
      out.references.push({ type: words[0], target: words[1], db: ref[0], ref: ref[1], text: tail, line: n });
      return undefined;
    }
    case '#':
      if (words.length !== 2) return { why: 'not a note (AnnotatorNotes ID)' };
      out.notes.push({ type: words[0], target: words[1], text: tail ?? '', line: n });
      return undefined;
    case '*':
      out.unknown.push({ what: 'equivalence (*) lines', line: n });
      return undefined;
    default:
      // brat has no parser for these either: counted and reported together, and not a line brat reads.
      out.unknown.push({ what: `"${id[0]}" lines`, line: n });
      return { why: `"${id}" is no kind of brat annotation (T, E, R, A, M, N, #, *)`, unknown: true };
  }
}

/** brat's ids: letters (or # and maybe letters), a digit, any suffix without whitespace; `*` for equivalences. */
function isBratId(id: string): boolean {
  if (id === '*') return true;
  return /^(?:#[A-Za-z]*|[A-Za-z]+)\d/.test(id) && !/\s/.test(id);
}

/** `T1<TAB>TYPE START END[;START END…]<TAB>TEXT`, or why not. */
function textBound(id: string, data: string, tail: string | undefined, line: number): TextBound | string {
  const bad = 'not a text-bound annotation (ID, TAB, TYPE START END, TAB, TEXT)';
  const trimmed = data.trim();
  const space = trimmed.search(/\s/);
  if (space < 0) return bad;
  const fragments: [number, number][] = [];
  for (const piece of trimmed.slice(space).split(';')) {
    const pair = piece.trim().split(/\s+/);
    if (pair.length !== 2 || !pair.every((x) => /^\d+$/.test(x))) return bad;
    const [s, e] = pair.map(Number);
    if (!Number.isSafeInteger(e)) return 'an offset too large to be one';
    fragments.push([s, e]);
  }
  if (fragments.some(([s, e]) => e < s)) return 'a span that ends before it starts';
  return { id, type: trimmed.slice(0, space), fragments, textField: tail, line, trailing: [] };
}

/** `Role:ID` (or `DB:KEY`) split at its first colon after the first character; undefined unless both parts are there. */
function roleAndId(word: string): [string, string] | undefined {
  const c = word.indexOf(':', 1);
  return c < 0 || c === word.length - 1 ? undefined : [word.slice(0, c), word.slice(c + 1)];
}

/**
 * A line quoted for a message: cut short, and with control and format characters (terminal
 * escapes, bidi overrides, binary noise) shown as \u{…} escapes, so a message stays plain text.
 */
export function quoteExcerpt(s: string, max = 60): string {
  // 4 units per code point at most: enough to tell whether the line is longer than `max`.
  const cut = [...s.slice(0, max * 4)];
  const short = cut.length > max ? cut.slice(0, max - 1).join('') + '…' : cut.join('');
  return `"${short.replace(/(?!\t)[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`)}"`;
}
