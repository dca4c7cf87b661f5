// Argument parsing for the commands: node:util's parseArgs, with its errors as usage errors.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ArticleFinder, Found } from '../core/pipeline/find';
import { ReadError } from '../core/pipeline/read';
import { CliIo } from './io';
import { toPosix } from '../node/nodeHost';
import { Terminal } from './terminal';

export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

export type Command = 'check' | 'export' | 'import' | 'diff' | 'merge' | 'suggest' | 'agree' | 'report' | 'speakers';
type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parse(
  command: Command,
  args: readonly string[],
  options: OptionSpec,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'([^']+)'/.exec((e as Error).message)?.[1];
      throw new UsageError(unknown ? `unknown option "${unknown}"` : (e as Error).message, command);
    }
    throw e;
  }
}

/** A string option given twice, or given empty, is a usage error rather than a silent pick. */
export function stringOption(command: Command, values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`option --${name} needs a value`, command);
  return v;
}

/** An argument as an absolute posix path. */
export function resolvePath(io: CliIo, arg: string): string {
  return toPosix(path.resolve(io.cwd, arg));
}

/** The articles the arguments name; a path that is not there is a usage error. */
export async function findArticles(io: CliIo, finder: ArticleFinder, args: readonly string[], command: Command): Promise<Found> {
  const found = await finder.find(args.map((a) => resolvePath(io, a)));
  if (found.missing.length) {
    const arg = args.find((a) => resolvePath(io, a) === found.missing[0]) ?? found.missing[0];
    throw new UsageError(`${arg}: no such file or folder`, command);
  }
  return found;
}

/** A read failure as `file[:line:column]: message`. */
export function readFailure(t: Terminal, e: unknown): string {
  if (e instanceof ReadError) return `${t.display(e.file)}${e.line !== undefined ? `:${e.line}:${e.column}` : ''}: ${e.message}`;
  throw e;
}

export function strayMessage(t: Terminal, finder: ArticleFinder, sidecar: string): string {
  const expected = finder.expectedArticle(sidecar);
  return `a sidecar without its article (${expected ? `no ${t.display(expected)}` : 'no file in its folder has this sidecar name'})`;
}
