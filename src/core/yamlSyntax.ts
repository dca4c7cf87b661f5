// Where a YAML syntax error really is, said in plain words. js-yaml reports where it gave up,
// which is often the line after the mistake: a comma missing at the end of line 9 is reported
// at the next entry, on line 10; an unclosed "[" or quote at the next key or at the end of the
// file. The yaml package's lexer (which handles quotes, comments and block scalars) finds the
// token that caused it.
import { CST, Lexer } from 'yaml';
import { visibleControls } from './displayText';
import { SourceProblem } from './sidecarSource';
import { abbreviate } from './wording';

interface Token {
  type: ReturnType<typeof CST.tokenType>;
  text: string;
  start: number;
}

/** Lexer output markers that stand for no source text (document, scalar and flow-error markers). */
const ZERO_WIDTH = new Set(['doc-mode', 'scalar', 'flow-error-end']);
const LAYOUT = new Set(['space', 'newline', 'comment', 'comma']);
const FLOW_OPEN: Record<string, { close: string; what: string }> = { '[': { close: ']', what: 'list' }, '{': { close: '}', what: 'mapping' } };

/** The tokens of `source` that start before `until`, each with its offset. */
function tokensBefore(source: string, until: number): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  for (const text of new Lexer().lex(source)) {
    const type = CST.tokenType(text);
    if (type && ZERO_WIDTH.has(type) && text.length === 1) continue;
    if (offset >= until) break;
    tokens.push({ type, text, start: offset });
    offset += text.length;
  }
  return tokens;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

function indentOfLineAt(source: string, offset: number): number {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /^[ ]*/.exec(source.slice(lineStart))![0].length;
}

function quoted(text: string): string {
  return `"${visibleControls(abbreviate(text.replace(/\s+/g, ' '), 40))}"`;
}

/**
 * The problem for a js-yaml error `reason` at `offset`, moved to its cause where that is known
 * (undefined otherwise: the caller reports js-yaml's own place and words).
 */
export function yamlSyntaxProblem(source: string, reason: string, offset: number): SourceProblem | undefined {
  if (/within a (double|single) quoted scalar/.test(reason)) return unclosedQuote(source, offset);
  if (reason === 'missed comma between flow collection entries' || reason === 'unexpected end of the stream within a flow collection') {
    return flowProblem(source, offset);
  }
  return undefined;
}

function unclosedQuote(source: string, offset: number): SourceProblem | undefined {
  // The quoted scalar that runs on to where the parser stopped is the one never closed.
  const open = tokensBefore(source, offset + 1)
    .reverse()
    .find((t) => t.type === 'double-quoted-scalar' || t.type === 'single-quoted-scalar');
  if (!open || open.start + open.text.length < offset) return undefined;
  const quote = open.text[0];
  const firstLine = open.text.slice(1).split('\n')[0];
  return {
    message: `Not valid YAML: the ${quote === '"' ? 'double' : 'single'} quote before ${quoted(firstLine)} on line ${lineOf(source, open.start)} is never closed (a closing ${quote} is missing), so the rest of the file is read as its text`,
    start: open.start,
    end: open.start + 1,
  };
}

function flowProblem(source: string, offset: number): SourceProblem | undefined {
  const tokens = tokensBefore(source, offset);
  const open: Token[] = [];
  let entry: Token | undefined;
  for (const t of tokens) {
    if (t.type === 'flow-seq-start' || t.type === 'flow-map-start') {
      open.push(t);
      entry = undefined;
    } else if (t.type === 'flow-seq-end' || t.type === 'flow-map-end') {
      open.pop();
      entry = t;
    } else if (t.type === 'comma') entry = undefined;
    else if (!LAYOUT.has(t.type ?? '')) entry = t;
  }
  const opener = open[open.length - 1];
  if (!opener) return undefined;
  const { close, what } = FLOW_OPEN[opener.text];
  const openLine = lineOf(source, opener.start);
  // What follows starts a line no deeper than the line the collection opened on (or the file
  // ends): that is the YAML after the collection, so the collection was never closed.
  const atLineStart = /^[ ]*$/.test(source.slice(source.lastIndexOf('\n', offset - 1) + 1, offset));
  if (offset >= source.length || (atLineStart && indentOfLineAt(source, offset) <= indentOfLineAt(source, opener.start)) || !entry) {
    return {
      message: `Not valid YAML: the ${what} "${opener.text}" opened on line ${openLine} is never closed (a "${close}" is missing after its last entry)`,
      start: opener.start,
      end: opener.start + 1,
    };
  }
  // An entry's text ends where its token does, less the spaces a plain scalar may carry.
  const text = entry.text.replace(/\s+$/, '');
  return {
    message: `Not valid YAML: a comma is missing after ${quoted(text)} on line ${lineOf(source, entry.start)}, between two entries of the ${what} "${opener.text}" opened on line ${openLine}`,
    start: entry.start,
    end: entry.start + Math.max(text.length, 1),
  };
}
