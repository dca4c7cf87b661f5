// What every browser check shares: one line per check, and the final
// `E2E-RESULT {"passes":n,"failures":m}` line that runTests.mjs counts (exit 1 on any failure).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { cleanup, extHostErrors, withTimeout } from '../../scripts/vscode/server.mjs';

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

/** Polls fn() in the page until it returns a truthy value; returns it, or undefined after timeoutMs. */
export async function poll(page, fn, arg, timeoutMs) {
  const handle = await page.waitForFunction(fn, arg, { timeout: timeoutMs, polling: 250 }).catch(() => undefined);
  return handle?.jsonValue();
}

/** After the checks, pass or fail: the extension host's errors, and the screenshot a person looks at. */
export async function reportAndScreenshot(page, server, screenshotPath) {
  const errors = extHostErrors(server);
  if (errors.length) console.log(`  extension host log errors:\n${errors.map((l) => `    ${l}`).join('\n')}`);
  mkdirSync(path.dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath }).then(
    () => console.log(`  screenshot: ${path.relative(process.cwd(), screenshotPath)}`),
    (e) => console.log(`  (no screenshot: ${e.message})`));
}
