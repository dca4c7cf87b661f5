// What every browser check shares: one line per check, and the final
// `E2E-RESULT {"passes":n,"failures":m}` line that runTests.mjs counts (exit 1 on any failure).
import { cleanup, withTimeout } from '../../scripts/vscode/server.mjs';

/** One entry per check: true (passed) or false. */
export const results = [];

/** Runs one check, printing ✔ or ✖ with the reason; a failure does not stop the next check. */
export async function check(name, fn) {
  try {
    await fn();
    results.push(true);
    console.log(`  ✔ ${name}`);
  } catch (err) {
    results.push(false);
    console.log(`  ✖ ${name}\n      ${String(err?.message ?? err).split('\n').join('\n      ')}`);
  }
}

/** Prints the result line, closes the server and browser, and exits. */
export async function finish() {
  const passes = results.filter(Boolean).length;
  const failures = results.length - passes;
  console.log(`E2E-RESULT ${JSON.stringify({ passes, failures })}`);
  await cleanup();
  process.exit(failures ? 1 : 0);
}

/** Runs `main` within E2E_TIMEOUT_MS (default 2 minutes); a crash or timeout counts as a failure. */
export async function runChecks(main, what = 'e2e check') {
  try {
    await withTimeout(main(), Number(process.env.E2E_TIMEOUT_MS || 120_000), what);
  } catch (err) {
    console.log(`  ✖ e2e: ${err.message}`);
    if (!results.includes(false)) results.push(false); // count the crash as a failure
  }
  await finish();
}
