// `npm run test:vscode`: the tests that need a real VS Code (see server.mjs for how).
//   (a) every out/test/integration/**/*.test.js, in one server + workbench launch, with
//       mocha running inside the extension host (test/integration/index.ts);
//   (b) the browser-level checks, each in its own server + browser: test/e2e/workbench.e2e.mjs
//       (highlights, hover card), then test/e2e/annotate.e2e.mjs (annotating with the keyboard),
//       then test/e2e/report.e2e.mjs (the HTML report in a browser: a browser only, no server),
//       then test/e2e/review.e2e.mjs (the Needs Review view and Problems after an on-disk edit),
//       then test/e2e/suggest.e2e.mjs (suggestions: keys, the lightbulb, the Suggestions tree),
//       then test/e2e/legend.e2e.mjs (the Legend view, swatches in the tree and the speaker pick);
//       then test/e2e/start.e2e.mjs (the welcome view, the walkthrough, a stale sidecar's display);
//   (c) the CLI under GNU parallel (out/test/unit/cliParallel.test.js), which the plain unit run
//       skips when parallel is missing: here, after the setup installed it, it must run.
//   (d) the package: `vsce package` into a temp folder, that .vsix installed into a fresh
//       extensions folder of the server (its --install-extension), and the smoke suite
//       out/test/installed/*.test.js run against that installed copy, with no extension under
//       development loaded: what ships is what was tested (ATTRIBUTION_LENS_VSIX=FILE tests
//       that .vsix instead of packing one).
// Ends with a line `N passed, N failed` (integration tests + e2e checks); exits 1 on any failure.
//
// Options:  --grep <pattern>     only the mocha tests matching it (and no e2e)
//           SKIP_E2E=1           no e2e check
//           --installed          only (d), the installed package's smoke suite
//           SKIP_INTEGRATION=1   only the e2e checks (no (a), no (d))
//           SKIP_INSTALLED=1     no (d)
//           VSCODE_TEST_VERBOSE=1  also print the server's and the workbench's own log lines
//           VSCODE_TEST_TIMEOUT_MS  limit for (a) and for (d)'s launch, in ms (default 240000); E2E_TIMEOUT_MS for (b) (120000)
// Expects `npm run build` and `npm run compile-tests` done (npm's pretest does both).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  cleanup, extensionDevPath, extHostErrors, installVsix, isInstalled, onCleanup, openWorkbench, prepareWorkspace, repoRoot, startServer,
  tempDir, withTimeout, workbenchUrl,
} from './server.mjs';

const LOG_TAG = '[exthost] '; // test/integration/index.ts tags the extension host's console lines
const INTEGRATION_MARKER = 'ATTRIBUTION-LENS-INTEGRATION-RESULT ';
const E2E_MARKER = 'E2E-RESULT ';
const verbose = !!process.env.VSCODE_TEST_VERBOSE;
const testsEntry = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
const installedEntry = path.join(repoRoot, 'out', 'test', 'installed', 'index.js');
const E2E_SCRIPTS = ['workbench.e2e.mjs', 'annotate.e2e.mjs', 'report.e2e.mjs', 'review.e2e.mjs', 'suggest.e2e.mjs', 'legend.e2e.mjs', 'start.e2e.mjs'];

const grepAt = process.argv.indexOf('--grep');
const grep = grepAt > 0 ? process.argv[grepAt + 1] : undefined;
if (grepAt > 0 && !grep) fail('--grep needs a pattern');
const onlyInstalled = process.argv.includes('--installed');

function fail(message) {
  console.error(`test:vscode: ${message}`);
  process.exit(2);
}

function preflight() {
  // A fresh machine: install the VS Code server and Chromium first, so `npm test` works as the
  // README says. Always run it: it is idempotent and only checks when all is there, and it
  // notices a half-finished install or a pinned version that changed, which isInstalled cannot.
  if (!isInstalled()) console.log('test:vscode: the VS Code server is not installed yet; running scripts/setup-test-env.sh (about 3 minutes)');
  const r = spawnSync('bash', [path.join(repoRoot, 'scripts', 'setup-test-env.sh')], { stdio: 'inherit' });
  if (r.status !== 0 || !isInstalled()) fail('scripts/setup-test-env.sh failed: see its output above');
  const main = JSON.parse(readFileSync(path.join(extensionDevPath, 'package.json'), 'utf8')).main;
  if (main && !existsSync(path.resolve(extensionDevPath, main)) && !existsSync(path.resolve(extensionDevPath, `${main}.js`))) {
    fail(`${path.relative(repoRoot, path.resolve(extensionDevPath, main))} is missing: run \`npm run build\``);
  }
  for (const entry of [testsEntry, installedEntry]) {
    if (!existsSync(entry) && !process.env.SKIP_INTEGRATION) fail(`${path.relative(repoRoot, entry)} is missing: run \`npm run compile-tests\``);
  }
}

/** (a), or (d) with its own entry, extension and server options. Returns { passes, failures }. */
async function runIntegration({ what = 'integration', entry = testsEntry, devPath, serverOptions = {} } = {}) {
  if (what === 'integration') console.log(`integration: VS Code extension host${grep ? ` (--grep ${grep})` : ''}`);
  // The extension host inherits the server's environment: that is how the pattern gets to mocha.
  if (grep) process.env.MOCHA_GREP = grep;
  const t0 = Date.now();
  let result;
  let exitCode;
  let server;
  const launch = async () => {
    server = await startServer({ ...serverOptions, log: (l) => verbose && console.log(`[server] ${l}`) });
    console.log(`  (server started in ${(server.startMs / 1000).toFixed(1)}s)`);
    let exited;
    const exitedP = new Promise((resolve) => (exited = resolve));
    await openWorkbench({
      url: workbenchUrl({ port: server.port, folder: prepareWorkspace(), extensionTestsPath: entry, devPath }),
      onLog: (level, message) => {
        if (message.startsWith(LOG_TAG)) {
          const line = message.slice(LOG_TAG.length);
          if (line.startsWith(INTEGRATION_MARKER)) result = JSON.parse(line.slice(INTEGRATION_MARKER.length));
          else console.log(line);
        } else if (verbose) {
          // Untagged lines are the workbench's own, mostly about the internet it cannot reach.
          console.log(`[workbench ${level}] ${message}`);
        }
      },
      onExit: (code) => exited(code),
    });
    return exitedP;
  };
  try {
    // One limit for everything, server start and page load included, so a run never hangs.
    const limit = Number(process.env.VSCODE_TEST_TIMEOUT_MS || 240_000);
    exitCode = await withTimeout(launch(), limit, `${what} tests (VSCODE_TEST_TIMEOUT_MS)`);
  } catch (err) {
    console.log(`  ✖ ${err.message}`);
  } finally {
    const errors = server ? extHostErrors(server) : [];
    if (errors.length) console.log(`  extension host log errors:\n${errors.map((l) => `    ${l}`).join('\n')}`);
    await cleanup();
  }
  console.log(`  (${what} run took ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  if (!result) {
    console.log(`  ✖ the test module reported no result (exit code ${exitCode ?? 'none'}): it failed to load, or timed out`);
    return { passes: 0, failures: 1 };
  }
  if (exitCode !== 0 && result.failures === 0) {
    console.log(`  ✖ the test module exited with code ${exitCode}`);
    return { passes: result.passes, failures: 1 };
  }
  return result;
}

/** (d) Packs the extension (unless given a .vsix), installs it, runs its smoke suite; returns { passes, failures }. */
async function runInstalled() {
  console.log('installed: the .vsix, installed into the VS Code server');
  const t0 = Date.now();
  const dir = tempDir('al-vsix-');
  let vsix = process.env.ATTRIBUTION_LENS_VSIX && path.resolve(process.env.ATTRIBUTION_LENS_VSIX);
  const extensionsDir = path.join(dir, 'extensions');
  mkdirSync(extensionsDir);
  try {
    if (!vsix) {
      vsix = path.join(dir, 'attribution-lens.vsix');
      // vsce runs vscode:prepublish (the build) first; --no-dependencies: the bundle holds them.
      const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
      const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], { cwd: extensionDevPath, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
      console.log(`  ${/Packaged: .*\((.*)\)/.exec(r.stdout)?.[1] ?? 'packed'}`);
    }
    installVsix(vsix, extensionsDir);
    console.log(`  (${process.env.ATTRIBUTION_LENS_VSIX ? 'installed' : 'packed and installed'} in ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  } catch (err) {
    console.log(`  ✖ ${err.message}`);
    return { passes: 0, failures: 1 };
  }
  // A workbench with no extension under development runs no test module at all; this empty
  // one (its own id, no code) asks for the test run and leaves the installed copy the only
  // Attribution Lens.
  const host = path.join(dir, 'test-host');
  mkdirSync(host);
  writeFileSync(path.join(host, 'package.json'), JSON.stringify({
    name: 'installed-test-host', publisher: 'attribution-lens-tests', version: '0.0.0', engines: { vscode: '*' },
  }));
  return runIntegration({
    what: 'installed', entry: installedEntry, devPath: host,
    serverOptions: { extensionsDir, env: { ATTRIBUTION_LENS_EXTENSIONS_DIR: extensionsDir } },
  });
}

/** (b) Runs one e2e script in its own process; returns { passes, failures }. */
function runE2e(script) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path.join(repoRoot, 'test', 'e2e', script)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // If this process is stopped, so is the e2e script (which then stops its server).
    const stop = () => child.exitCode === null && child.kill('SIGTERM');
    onCleanup(async () => stop(), stop);
    let result;
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.startsWith(E2E_MARKER)) result = JSON.parse(line.slice(E2E_MARKER.length));
        else console.log(line);
      }
    });
    child.on('close', (code) => {
      console.log(`  (${script} took ${((Date.now() - t0) / 1000).toFixed(1)}s)`);
      if (!result) {
        console.log(`  ✖ ${script} reported no result (exit code ${code})`);
        resolve({ passes: 0, failures: 1 });
      } else resolve(result);
    });
  });
}

/** (c) The README's GNU parallel commands, never skipped here; returns { passes, failures }. */
function runParallelCli() {
  console.log('cli: attribution-lens suggest under GNU parallel');
  const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const spec = path.join(repoRoot, 'out', 'test', 'unit', 'cliParallel.test.js');
  const r = spawnSync(process.execPath, [mocha, '--no-config', '--timeout', '120000', '--reporter', 'json', spec], {
    cwd: repoRoot,
    env: { ...process.env, ATTRIBUTION_LENS_REQUIRE_PARALLEL: '1' },
    encoding: 'utf8',
  });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    console.log(`  ✖ mocha gave no report (exit ${r.status}):\n${r.stderr}`);
    return { passes: 0, failures: 1 };
  }
  for (const t of report.passes) console.log(`  ✔ ${t.title}`);
  for (const t of report.failures) console.log(`  ✖ ${t.fullTitle}: ${t.err?.message ?? ''}`);
  return { passes: report.stats.passes, failures: report.stats.failures + (report.stats.pending ? 1 : 0) };
}

preflight();
if (extensionDevPath !== repoRoot) console.log(`(extension under test: ${extensionDevPath})`);
if (onlyInstalled) finish([await runInstalled()]);
const results = [];
if (grep || process.env.SKIP_PARALLEL_CLI) console.log(`cli under GNU parallel: skipped (${grep ? '--grep' : 'SKIP_PARALLEL_CLI'})`);
else results.push(runParallelCli());
if (process.env.SKIP_INTEGRATION) console.log('integration: skipped (SKIP_INTEGRATION)');
else results.push(await runIntegration());
if (grep || process.env.SKIP_INTEGRATION || process.env.SKIP_INSTALLED) console.log(`installed: skipped (${grep ? '--grep' : process.env.SKIP_INSTALLED ? 'SKIP_INSTALLED' : 'SKIP_INTEGRATION'})`);
else results.push(await runInstalled());
if (grep || process.env.SKIP_E2E) console.log(`e2e: skipped (${grep ? '--grep' : 'SKIP_E2E'})`);
else for (const script of E2E_SCRIPTS) results.push(await runE2e(script));
finish(results);

function finish(results) {
  const passed = results.reduce((n, r) => n + r.passes, 0);
  const failed = results.reduce((n, r) => n + r.failures, 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
