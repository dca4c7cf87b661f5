// The command-line tool `attribution-lens`: check sidecars against their articles, export them,
// import brat and W3C annotations into a sidecar, suggest annotations. Never imports vscode: it is bundled on its own
// as dist/cli.js (this file is the entry). Everything it touches goes through `CliIo`, so tests
// run `main` in-process with their own writers, host and format registry.
import { exporters as registryExporters, importers as registryImporters } from '../core/export/index';
import { DEFAULT_READ_LIMIT } from '../core/pipeline/read';
import { runAgree } from './agree';
import { runReport, runSpeakers } from './corpus';
import { UsageError } from './args';
import { runCheck } from './check';
import { runDiff } from './diff';
import { runExport } from './export';
import { HELP } from './help';
import { runImport } from './import';
import { runMerge } from './merge';
import { runSuggest } from './suggest';
import { CliIo, EXIT_OK, EXIT_USAGE, TOOL } from './io';
import { NodeHost } from '../node/nodeHost';
import { visible } from './terminal';

export { EXPORT_FORMATS } from './export';
export { CliImporter, CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './io';

/** Runs the tool; resolves to the exit code. Never calls process.exit. */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const env: CliIo = {
    stdout: io.stdout ?? ((t) => process.stdout.write(t)),
    stderr: io.stderr ?? ((t) => process.stderr.write(t)),
    host: io.host ?? new NodeHost(),
    cwd: io.cwd ?? process.cwd(),
    exporters: io.exporters ?? registryExporters,
    importers: io.importers ?? registryImporters,
    readLimit: io.readLimit ?? DEFAULT_READ_LIMIT,
    stdoutIsTerminal: io.stdoutIsTerminal ?? (io.stdout ? false : process.stdout.isTTY === true),
    stdin: io.stdin,
    stdoutReady: io.stdoutReady ?? (io.stdout ? undefined : () => (process.stdout.writableNeedDrain ? new Promise<void>((resolve) => process.stdout.once('drain', () => resolve())) : Promise.resolve())),
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        env.stderr(HELP.main);
        return EXIT_USAGE;
      case '-h':
      case '--help':
        env.stdout(HELP.main);
        return EXIT_OK;
      case 'help': {
        const topic = rest[0] ?? 'main';
        if (!(topic in HELP)) throw new UsageError(`unknown command "${topic}"`);
        env.stdout(HELP[topic as keyof typeof HELP]);
        return EXIT_OK;
      }
      case 'check':
        return await runCheck(rest, env);
      case 'export':
        return await runExport(rest, env);
      case 'import':
        return await runImport(rest, env);
      case 'diff':
        return await runDiff(rest, env);
      case 'merge':
        return await runMerge(rest, env);
      case 'suggest':
        return await runSuggest(rest, env);
      case 'agree':
        return await runAgree(rest, env);
      case 'report':
        return await runReport(rest, env);
      case 'speakers':
        return await runSpeakers(rest, env);
      default:
        throw new UsageError(command.startsWith('-') ? `unknown option "${command}" (a command comes first)` : `unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const help = e.command ? `${TOOL} ${e.command} --help` : `${TOOL} --help`;
      env.stderr(visible(`${TOOL}${e.command ? ' ' + e.command : ''}: ${e.message}`) + `\nRun "${help}" for usage.\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

// Run when bundled as the `attribution-lens` bin (not when a test imports this module).
if (require.main === module) {
  // `attribution-lens export … --out - | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${TOOL}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
