// The in-VS-Code phase of `npm run bench`, run inside the extension host (loaded as the
// `extensionTestsPath` of a workbench launch, see scripts/vscode/bench.mjs). Every figure is
// timed with the extension host's own clock, beside a baseline timed the same way in the same
// run. Writes the raw samples as JSON to the file bench/vscodeBench.ts names; prints nothing
// that matters. Not a test: it only fails when the workload did not do what it should.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';

/** What bench/vscodeBench.ts hands over (as JSON in ATTRIBUTION_LENS_BENCH). */
export interface HostBenchInput {
  /** Folder of the generated files: article-N.txt with sidecars, plain-N.txt without. */
  data: string;
  runs: number;
  result: string;
  /** Where to write a .cpuprofile of each phase (the extension host's whole thread), if set. */
  profile?: string;
  extensionId: string;
  baselineId: string;
}

export interface HostBenchResult {
  /** Wall times, and the extension host's CPU time meanwhile (what a loaded machine inflates least). */
  open: { ms: number[]; baselineMs: number[]; cpuMs: number[]; baselineCpuMs: number[]; annotations: number; ranges: number };
  keystroke: { eventMs: number[]; baselineEventMs: number[]; redrawMs: number[] };
  hover: { ms: number[]; baselineMs: number[]; firstMs: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A poll fine enough for milliseconds that leaves the thread to the extension meanwhile. */
const turn = () => sleep(2);

async function until(what: string, probe: () => boolean, timeoutMs = 60_000): Promise<void> {
  const limit = performance.now() + timeoutMs;
  while (!probe()) {
    if (performance.now() > limit) throw new Error(`bench: timed out waiting for ${what}`);
    await turn();
  }
}

/** scripts/vscode/bench.mjs prints the extension host's console lines that start with this. */
const log = (message: string) => console.log(`[bench] ${message}`);

export async function run(): Promise<void> {
  try {
    await runBench();
  } catch (err) {
    log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    throw err;
  }
}

async function runBench(): Promise<void> {
  const input = JSON.parse(process.env.ATTRIBUTION_LENS_BENCH ?? 'null') as HostBenchInput | null;
  if (!input) throw new Error('bench: ATTRIBUTION_LENS_BENCH is not set (run `npm run bench`)');
  const profiler = input.profile ? await startSession() : undefined;
  const profiled = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    if (!profiler) return fn();
    await post(profiler, 'Profiler.enable');
    await post(profiler, 'Profiler.setSamplingInterval', { interval: 200 });
    await post(profiler, 'Profiler.start');
    try {
      return await fn();
    } finally {
      const { profile } = (await post(profiler, 'Profiler.stop')) as { profile: unknown };
      fs.writeFileSync(path.join(input.profile!, `${name}.cpuprofile`), JSON.stringify(profile));
    }
  };
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('bench: no workspace folder');
  // The files are outside the workspace (its sidecars would activate the extension at startup);
  // their URIs have the workspace's scheme and authority.
  const file = (name: string) => folder.with({ path: path.posix.join(input.data, name) });

  await activateBaseline(input);
  const api = vscode.extensions.getExtension<AttributionLensApi>(input.extensionId)!.exports;
  log('open');
  const open = await profiled('open', () => benchOpen(api, file, input.runs));
  log('keystroke');
  const keystroke = await profiled('keystroke', () => benchKeystroke(api, file));
  log('hover');
  const hover = await profiled('hover', () => benchHover(api, file));
  const result: HostBenchResult = { open, keystroke, hover };
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  // scripts/vscode/bench.mjs reads VS Code's activation times while this host still runs.
  const done = `${input.result}.activation-read`;
  log(`read activation times, then touch ${done}`);
  await until('the activation times to be read', () => fs.existsSync(done), 60_000);
  fs.writeFileSync(input.result, JSON.stringify(result, null, 2));
}

/**
 * VS Code activates the extension at startup (onLanguage:plaintext: the workbench makes plaintext
 * models of its own), so its activation is read from VS Code's own record, in the Running
 * Extensions view, by scripts/vscode/bench.mjs, beside an empty extension activated by the same
 * event in the same startup (so both meet the same crowd of other extensions starting).
 */
async function activateBaseline(input: HostBenchInput): Promise<void> {
  const baseline = vscode.extensions.getExtension(input.baselineId);
  if (!baseline) throw new Error(`bench: ${input.baselineId} is not installed`);
  await baseline.activate(); // (it was, by the same event as the extension)
  await vscode.extensions.getExtension(input.extensionId)?.activate();
}

/**
 * Opening an article until its highlights are handed to the editor, beside opening a plain file
 * of the same size until it is shown. Each run opens files not opened before (VS Code keeps a
 * closed document's text a while), plain and article taking turns.
 */
async function benchOpen(api: AttributionLensApi, file: (name: string) => vscode.Uri, runs: number): Promise<HostBenchResult['open']> {
  const out: HostBenchResult['open'] = { ms: [], baselineMs: [], cpuMs: [], baselineCpuMs: [], annotations: 0, ranges: 0 };
  const cpuSince = (c: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(c);
    return (used.user + used.system) / 1000;
  };
  for (let i = 1; i <= runs; i++) {
    let t = performance.now();
    let c = process.cpuUsage();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file(`plain-${i}.txt`)));
    out.baselineMs.push(performance.now() - t);
    out.baselineCpuMs.push(cpuSince(c));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(200);

    t = performance.now();
    c = process.cpuUsage();
    const doc = await vscode.workspace.openTextDocument(file(`article-${i}.txt`));
    await vscode.window.showTextDocument(doc);
    await until('the article\'s highlights', () => api.drawnVersion(doc) === doc.version && api.annotations(doc).length > 0);
    out.ms.push(performance.now() - t);
    out.cpuMs.push(cpuSince(c));
    out.annotations = api.annotations(doc).length;
    out.ranges = Object.values(api.decorations(doc)).reduce((n, list) => n + list.length, 0);
    if (i < runs) await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(200);
  }
  return out;
}

/**
 * One typed character, until the change reached the extension host's listeners (the
 * extension's own run first: it was registered first) and until the extension redrew the
 * highlights (after its debounce), beside the same character typed in a plain file.
 */
async function benchKeystroke(api: AttributionLensApi, file: (name: string) => vscode.Uri): Promise<HostBenchResult['keystroke']> {
  const out: HostBenchResult['keystroke'] = { eventMs: [], baselineEventMs: [], redrawMs: [] };
  const type = async (doc: vscode.TextDocument, line: number): Promise<{ event: number; start: number }> => {
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(line, 0, line, 0);
    let event = 0;
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && !event) event = performance.now();
    });
    const start = performance.now();
    await vscode.commands.executeCommand('type', { text: 'x' });
    await until('the keystroke\'s change event', () => event > 0);
    listener.dispose();
    return { event: event - start, start };
  };
  const article = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/article-1.txt')) ?? (await vscode.workspace.openTextDocument(file('article-1.txt')));
  const plain = await vscode.workspace.openTextDocument(file('plain-1.txt'));
  for (let k = 0; k < 8; k++) {
    const line = 40 + 7 * k;
    const p = await type(plain, line);
    out.baselineEventMs.push(p.event);
    const a = await type(article, line);
    out.eventMs.push(a.event);
    await until('the redraw after the keystroke', () => api.drawnVersion(article) === article.version);
    out.redrawMs.push(performance.now() - a.start);
    await sleep(100);
  }
  return out;
}

/** The hover at an annotation (every provider: VS Code's hover command), beside the hover of a plain word. */
async function benchHover(api: AttributionLensApi, file: (name: string) => vscode.Uri): Promise<HostBenchResult['hover']> {
  const article = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/article-1.txt'))!;
  const plain = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/plain-1.txt')) ?? (await vscode.workspace.openTextDocument(file('plain-1.txt')));
  await vscode.window.showTextDocument(article);
  await until('the article\'s model', () => api.drawnVersion(article) === article.version);
  const spans = api.annotations(article);
  const hover = async (doc: vscode.TextDocument, offset: number) => {
    const t = performance.now();
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
    return { ms: performance.now() - t, count: hovers.length };
  };
  const out: HostBenchResult['hover'] = { ms: [], baselineMs: [], firstMs: 0 };
  for (let k = 0; k < 20; k++) {
    const span = spans[Math.floor(((k * 7919) % 1000) / 1000 * spans.length)];
    const offset = Math.floor((span.start + span.end) / 2);
    const b = await hover(plain, offset);
    out.baselineMs.push(b.ms);
    const a = await hover(article, offset);
    if (a.count === 0) throw new Error(`bench: no hover card at annotation ${span.id}`);
    if (k === 0) out.firstMs = a.ms;
    out.ms.push(a.ms);
  }
  return out;
}

async function startSession(): Promise<inspector.Session> {
  const session = new inspector.Session();
  session.connect();
  return session;
}

function post(session: inspector.Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
}
