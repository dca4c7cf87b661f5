// The in-VS-Code phase of `npm run bench` (bench/vscodeBench.ts writes the workload and reads
// the result): one server + workbench launch, the extension loaded for development and an
// empty baseline extension installed, and out/bench/vscode/hostBench.js run in the extension host.
//   node scripts/vscode/bench.mjs <workspace folder> <baseline extension folder> <activation times out.json>
// The extension host inherits this process's environment: ATTRIBUTION_LENS_BENCH reaches it.
import { cpSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cleanup, extensionDevPath, extHostErrors, openWorkbench, repoRoot, startServer, withTimeout } from './server.mjs';

const [folder, baselineExt, activationOut] = process.argv.slice(2);
const entry = path.join(repoRoot, 'out', 'bench', 'vscode', 'hostBench.js');
const LOG_TAG = '[bench] ';
const READ_ACTIVATION = 'read activation times, then touch ';

let server;
let page;
let code;

/**
 * VS Code's own record of each extension's activation (code loading + activate call), as its
 * Running Extensions view shows it: { [display name]: ms }.
 */
async function activationTimes(page) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.runtime-extensions-editor .monaco-list-row .activation-time').first().waitFor({ timeout: 15_000 });
  const times = await page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('.runtime-extensions-editor .monaco-list-row')].map((row) => [
      row.querySelector('.name')?.textContent ?? '',
      Number(/(\d+)\s*ms/.exec(row.querySelector('.activation-time')?.textContent ?? '')?.[1] ?? NaN),
    ])));
  await page.keyboard.press('Escape');
  return times;
}
try {
  server = await startServer();
  // Installed, not loaded for development: the workbench keeps only one development path. The
  // server scans its extensions folder when the workbench connects.
  cpSync(baselineExt, path.join(server.dataDir, 'ext', `${path.basename(baselineExt)}-0.0.1`), { recursive: true });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDevPath)],
    ['extensionTestsPath', remote(entry)],
    ['skipWelcome', 'true'],
  ];
  const url = `http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  let exited;
  const exitedP = new Promise((resolve) => (exited = resolve));
  ({ page } = await openWorkbench({
    viewport: { width: 1600, height: 2400 }, // every row of Running Extensions in view
    url,
    onLog: (_level, message) => {
      if (!message.startsWith(LOG_TAG)) return;
      const text = message.slice(LOG_TAG.length);
      // The extension host waits (it must still run for the view to list it) until the file is there.
      if (text.startsWith(READ_ACTIVATION)) {
        void activationTimes(page)
          .then((times) => writeFileSync(activationOut, JSON.stringify(times)), (e) => console.log(`  bench: cannot read Running Extensions: ${e.message}`))
          .finally(() => writeFileSync(text.slice(READ_ACTIVATION.length).trim(), ''));
      } else console.log(`  ${text}`);
    },
    onExit: (c) => exited(c),
  }));
  code = await withTimeout(exitedP, Number(process.env.BENCH_TIMEOUT_MS || 300_000), 'in-VS-Code bench (BENCH_TIMEOUT_MS)');
} catch (err) {
  console.log(`  bench: ${err.message}`);
} finally {
  const errors = server ? extHostErrors(server) : [];
  if (errors.length) console.log(`  extension host log errors:\n${errors.map((l) => `    ${l}`).join('\n')}`);
  await cleanup();
}
process.exit(code === 0 ? 0 : 1);
