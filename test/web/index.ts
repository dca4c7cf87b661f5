// Entry module of the integration suites in the web worker extension host (the launch's
// extensionTestsPath with extensionDevelopmentKind web; scripts/vscode/webTests.mjs bundles it,
// with the suites of ./suites, for the browser). The web worker has no Node: mocha is its browser
// build, node:assert its stand-in (./assert.ts), and the suites are those that need no Node module.
// Output and the result line are as in the Node host's entry (test/integration/index.ts), so
// the runner reads both alike.
import 'mocha/mocha.js';

const LOG_TAG = '[exthost] ';
const RESULT_MARKER = 'ATTRIBUTION-LENS-INTEGRATION-RESULT';

/** util.format's common part (%s, %d, %i, %f, %j, %o, %O, %c), which a web worker has no util for. */
function format(args: unknown[]): string {
  const text = (v: unknown): string => {
    if (typeof v === 'string') return v;
    if (v instanceof Error) return v.stack ?? v.message;
    try {
      return JSON.stringify(v) ?? String(v);
    } catch {
      return String(v);
    }
  };
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(text).join(' ');
  const out = first.replace(/%([sdifjoOc%])/g, (m, c: string) => (c === '%' ? '%' : !rest.length ? m : c === 'c' ? (rest.shift(), '') : text(rest.shift())));
  return [out, ...rest.map(text)].join(' ');
}

export async function run(): Promise<void> {
  // As in the Node host: the workbench logs plenty of its own lines through the same channel,
  // so the tests' lines are tagged (and formatted here: the workbench would join a format string
  // and its arguments with commas).
  const original = globalThis.console;
  const tagged = (method: 'log' | 'info' | 'debug' | 'warn' | 'error'): PropertyDescriptor => ({
    value: (...args: unknown[]) => original[method](LOG_TAG + format(args)),
  });
  globalThis.console = Object.create(original, {
    log: tagged('log'), info: tagged('info'), debug: tagged('debug'), warn: tagged('warn'), error: tagged('error'),
  }) as Console;
  try {
    await runMocha();
  } finally {
    globalThis.console = original;
  }
}

async function runMocha(): Promise<void> {
  // Mocha's browser build reads its options from the page's query string, which a web worker
  // extension host does not have: an empty one. The pattern of --grep is put in at bundle time.
  if (!('location' in globalThis)) Object.defineProperty(globalThis, 'location', { value: { search: '' }, configurable: true });
  mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, grep: process.env.MOCHA_GREP || undefined });
  // Mocha's reporters keep the console.log they saw at load time; send them through ours.
  (Mocha as unknown as { reporters: { Base: { consoleLog: (...args: unknown[]) => void } } }).reporters.Base.consoleLog = (...args) => console.log(...args);
  // After setup, which defines describe and it for them.
  await import('./suites');
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats!));
  });
  console.log(`${RESULT_MARKER} ${JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending })}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed in the web worker extension host`);
  if (stats.tests === 0) throw new Error('no integration tests ran in the web worker extension host');
}
