// Everything the CLI prints passes through here. Ids, names and file names come from articles and
// sidecars someone else wrote: an ANSI or OSC escape in them must show as text, never move the
// cursor, retitle the window or hide a line; a bidi override must not reorder what is read.
import * as path from 'node:path';
import { visibleControls } from '../core/displayText';
import { Problem } from '../core/sidecar';
import { toPosix } from '../node/nodeHost';

/** `text` with every control and bidi character written as an escape (\x1b, \u202e), so it stays visible; tab and newline stay. */
export function visible(text: string, keepCarriageReturns = false): string {
  return visibleControls(text, keepCarriageReturns ? '\t\n\r' : '\t\n');
}

export interface Terminal {
  /** A line of information (stdout, or stderr when stdout carries data). */
  info(line: string): void;
  /** A line of warning or error (stderr). */
  warn(line: string): void;
  /** Exported data (only for `--out -`): as it is into a pipe or a file, made visible on a terminal. */
  data(text: string): void;
  /** A path as the user would type it: relative to the working folder when inside it. */
  display(file: string): string;
  /** `sidecar:line:column: label: message` for a problem found in a sidecar. */
  located(file: string, p: Pick<Problem, 'line' | 'column' | 'message' | 'severity'>, label?: string): string;
}

export function terminal(io: { stdout(t: string): void; stderr(t: string): void; cwd: string; stdoutIsTerminal?: boolean }, infoToStderr = false): Terminal {
  const cwd = toPosix(io.cwd);
  const display = (file: string) => {
    const rel = path.posix.relative(cwd, file);
    return rel && !rel.startsWith('..') && !path.posix.isAbsolute(rel) ? rel : file;
  };
  return {
    info: (line) => (infoToStderr ? io.stderr : io.stdout)(visible(line) + '\n'),
    warn: (line) => io.stderr(visible(line) + '\n'),
    // A CSV's line ends stay; an escape a sidecar smuggled into a quote does not reach the terminal.
    data: (text) => io.stdout(io.stdoutIsTerminal ? visible(text, true) : text),
    display,
    located: (file, p, label = p.severity) => `${display(file)}:${p.line}:${p.column}: ${label}: ${p.message}`,
  };
}
