// The command lines of `npm run train` and `npm run eval`: one folder, then --name value options.
import * as path from 'node:path';

/** Where the committed model lives (from out/tools/suggest/). */
export const MODEL_FILE = path.resolve(__dirname, '../../../models/attribution-model.bin');

export interface CommandLine {
  folder: string;
  text(name: string): string | undefined;
  number(name: string, fallback: number): number;
}

/** The folder and options, or the usage on stderr and exit 2 when the folder is missing or a number is not one. */
export function commandLine(args: string[], usage: string): CommandLine {
  const fail = (why: string): never => {
    process.stderr.write(`${why}\nusage: ${usage}\n`);
    process.exit(2);
  };
  const folder = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
  if (!folder) fail('no folder given');
  const text = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  return {
    folder: folder!,
    text,
    number: (name, fallback) => {
      const v = text(name);
      if (v === undefined) return fallback;
      const n = Number(v);
      return Number.isSafeInteger(n) && n >= 0 ? n : fail(`${name} takes a whole number, not "${v}"`);
    },
  };
}

/** Runs a script's main: a failure (a missing folder, an unreadable model) is one line on stderr and exit 1, not a stack trace. */
export function runMain(main: () => void): void {
  try {
    main();
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
