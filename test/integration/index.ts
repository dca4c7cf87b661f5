// Entry module loaded by VS Code's extension host (the `extensionTestsPath` of the
// launch; test-electron style, so the same suites also run under @vscode/test-electron
// on a desktop with internet). Runs every compiled *.test.js in this folder with mocha.
//
// Output goes through console.log: the extension host forwards it to the workbench,
// which hands it to codeAutomationLog, which scripts/vscode/runTests.mjs prints.
// The workbench logs plenty of its own lines through that same channel, with nothing
// telling them apart, so while the tests run every console line of this extension host
// (mocha's, the tests' and the extension's) is tagged, and runTests.mjs prints those.
// (Lines the extension logs before run() starts, e.g. when activated at startup, are not.)
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';

/** Prefix of every console line of the extension host while the tests run. */
export const LOG_TAG = '[exthost] ';
/** Marker line scripts/vscode/runTests.mjs parses to count integration tests. */
export const RESULT_MARKER = 'ATTRIBUTION-LENS-INTEGRATION-RESULT';

export function run(): Promise<void> {
  return runSuites(__dirname);
}

/** Runs every compiled *.test.js under `dir` (test/installed/index.ts runs its own folder). */
export async function runSuites(dir: string): Promise<void> {
  // The extension host defines console.log & co. as getters that ignore assignment, so
  // the global `console` itself is swapped for one that tags (and formats: the workbench
  // would join a format string and its arguments with commas, "✔ %s,name") each line.
  const original = globalThis.console;
  // (defineProperty, not assignment: the inherited setters would swallow it too.)
  const tagged = (method: 'log' | 'info' | 'debug' | 'warn' | 'error'): PropertyDescriptor => ({
    value: (...args: unknown[]) => original[method](LOG_TAG + util.format(...args)),
  });
  globalThis.console = Object.create(original, {
    log: tagged('log'), info: tagged('info'), debug: tagged('debug'), warn: tagged('warn'), error: tagged('error'),
  }) as Console;
  // Mocha's reporters keep the console.log they saw at load time; send them through ours.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);
  try {
    await runMocha(dir);
  } finally {
    globalThis.console = original;
  }
}

async function runMocha(dir: string): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec', // spec prints through console.log (Mocha's Base.consoleLog)
    color: false, // the lines end up in a log, not a terminal
    timeout: 20_000,
    grep: process.env.MOCHA_GREP || undefined,
  });
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));

  const stats = await new Promise<Mocha.Stats>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve(runner.stats!));
    } catch (err) {
      // A test file that throws while loading: say which, here where it gets printed.
      console.error('could not load the integration tests:', err);
      reject(err);
    }
  });
  console.log(`${RESULT_MARKER} ${JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending })}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
  if (stats.tests === 0 && !process.env.MOCHA_GREP) throw new Error(`no integration tests found in ${dir}`);
}
