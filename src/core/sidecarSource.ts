// Checks on a sidecar's raw text, before it is parsed as YAML (docs/SIDECAR.md, "Rules of
// reading"): the YAML parsers report these late, vaguely or at the wrong place (js-yaml puts a
// NUL on line 135 at 1:3195, and calls merge conflict markers bad indentation).

import { visibleControls } from './displayText';
import { abbreviate } from './wording';

/** A problem found in the raw text: [start, end) in UTF-16 units of the source. */
export interface SourceProblem {
  message: string;
  start: number;
  end: number;
}

/** Past this many, the characters of a damaged or binary file are counted, not each listed. */
const MAX_CHARACTER_PROBLEMS = 10;

const MARKER = /^(<{7}|\|{7}|={7}|>{7})(?=[ \t\r]|$)[^\n]*/gm;
const MARKER_ROLES: Record<string, string> = {
  '<': 'starts the conflict (our side follows)',
  '|': 'starts the common ancestor',
  '=': 'separates the two sides',
  '>': 'ends the conflict (their side is above)',
};

/**
 * Lines git writes around an unresolved merge: `<<<<<<< ours`, `|||||||` (diff3), `=======`,
 * `>>>>>>> theirs`, each at the start of a line. A lone `=======` could be text, so at least
 * one `<<<<<<<` or `>>>>>>>` is needed. The first problem names the first marker's line.
 */
export function conflictMarkers(source: string): SourceProblem[] {
  const markers = [...source.matchAll(MARKER)];
  if (!markers.some((m) => m[1][0] === '<' || m[1][0] === '>')) return [];
  const first = lineColumn(source, markers[0].index!).line;
  return markers.map((m, i) => {
    const text = m[0].replace(/\r$/, '');
    const what = `"${visibleControls(abbreviate(text, 40))}" ${MARKER_ROLES[m[1][0]]}`;
    return {
      message:
        i === 0
          ? `The sidecar has unresolved git merge conflict markers (line ${first}): ${what}. Resolve the conflict (keep one side or merge both), then it is read again; until then it is never rewritten`
          : `Git merge conflict marker: ${what}`,
      start: m.index!,
      end: m.index! + Math.max(text.length, 1),
    };
  });
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const SURROGATE = /[\ud800-\udfff]/;

/** The first lone surrogate in `s` (half of a character), if any. */
export function loneSurrogate(s: string): number | undefined {
  // Checked on every string of a sidecar: the look-arounds only where a surrogate is at all.
  if (!SURROGATE.test(s)) return undefined;
  const m = LONE_SURROGATE.exec(s);
  return m ? m[0].charCodeAt(0) : undefined;
}

/**
 * Characters YAML allows nowhere in a file, not even inside quotes: C0 control characters other
 * than tab and line breaks, and lone surrogates (half of a character: damaged text, which no
 * UTF-8 file can hold). Our writer escapes both, so no file it wrote has them. DEL, C1 controls
 * and U+FFFE/U+FFFF are allowed inside double quotes, where the writer puts them; elsewhere
 * the parser refuses them and `nonPrintableNear` finds which. A CR without an LF is refused
 * too: js-yaml (the reader) takes it for a line end, the yaml Document (the writer) for text,
 * so a rewrite would change values nobody edited; the writer never puts one in a file.
 */
export function forbiddenCharacters(source: string): SourceProblem[] {
  // Most files have none of these characters: a plain character class (fast, native) says so;
  // the loop, which tells a lone surrogate from a pair, runs only when it matches.
  if (!MAYBE_FORBIDDEN.test(source)) return [];
  // A loop over code units: a regular expression with the surrogate look-arounds is several
  // times slower, and this runs on every read of a file that may be megabytes long.
  const found: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c >= 0x20 && c < 0xd800) continue;
    if (c < 0x20) {
      if (c === 0x09 || c === 0x0a || (c === 0x0d && source.charCodeAt(i + 1) === 0x0a)) continue;
    } else if (c <= 0xdbff) {
      const d = source.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    } else if (c > 0xdfff) continue;
    found.push(i);
  }
  const shown = found.slice(0, MAX_CHARACTER_PROBLEMS);
  return shown.map((at, i) => {
    const more = i === shown.length - 1 && found.length > shown.length ? ` (and ${found.length - shown.length} more such characters in the file)` : '';
    return { message: describeForbidden(source.charCodeAt(at)) + more, start: at, end: at + 1 };
  });
}

const MAYBE_FORBIDDEN = /[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\ud800-\udfff]/;

const C0_NAMES = ['NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'TAB', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI', 'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US'];

function describeForbidden(code: number): string {
  if (code === 0x0d) return 'A carriage return (CR) without a line feed is not allowed in a sidecar: use LF or CRLF line ends, or write it as "\\r" inside a double-quoted string';
  if (code < 0x20) {
    const escape = code === 0 ? '\\0' : code === 0x1b ? '\\e' : `\\x${hex(code, 2)}`;
    return `Control character U+${hex(code, 4)} (${C0_NAMES[code]}) is not allowed in YAML: remove it, or write it as "${escape}" inside a double-quoted string`;
  }
  return `Lone surrogate U+${hex(code, 4)} (half of a character) is not allowed in YAML: the file's text is damaged here`;
}

const NON_PRINTABLE = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

/**
 * Where js-yaml's "the stream contains non-printable characters" really is: it reports the end
 * of the scalar it was reading, so look back from there along the line for DEL, a C1 control
 * or U+FFFE/U+FFFF.
 */
export function nonPrintableNear(source: string, offset: number): SourceProblem | undefined {
  const lineStart = source.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const lineEnd = source.indexOf('\n', offset);
  const line = source.slice(lineStart, lineEnd === -1 ? source.length : lineEnd);
  const m = NON_PRINTABLE.exec(line);
  if (!m) return undefined;
  const code = m[0].charCodeAt(0);
  const what = code === 0x7f ? 'Control character U+007F (DEL)' : code >= 0xfffe ? `Noncharacter U+${hex(code, 4)}` : `C1 control character U+${hex(code, 4)}`;
  return { message: `${what} is only allowed in YAML inside a double-quoted string: remove it, or put the text in double quotes`, start: lineStart + m.index, end: lineStart + m.index + 1 };
}

/** 1-based line and UTF-16 column of `offset`, lines ending at \n (as the yaml LineCounter counts). */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}
