// `npm run bench` inside the real VS Code (the server the integration tests use): activation,
// opening a 1 MB article with 10,000 annotations until its highlights are drawn, a keystroke
// until the redraw, and a hover until its card is returned, each beside a baseline timed in the
// same run and the same extension host (bench/vscode/hostBench.ts). The workload is generated
// here, in a temp folder removed afterwards. Prints figures; never fails on a budget.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Sidecar } from '../src/core/model';
import { serializeSidecar } from '../src/core/sidecar';
import { scaledArticle } from './scaledArticle';
import type { HostBenchInput, HostBenchResult } from './vscode/hostBench';

const root = path.resolve(__dirname, '../..');
const RUNS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function line(name: string, ms: number, baselineName: string, baselineMs: number, budget: string, verdict?: boolean): void {
  const fmt = (x: number | undefined) => (x === undefined ? 'n/a' : `${x.toFixed(1)} ms`);
  const diff = ms - baselineMs;
  console.log(
    `${name.padEnd(44)} ${fmt(ms).padStart(10)}   ${baselineName.padEnd(44)} ${fmt(baselineMs).padStart(10)}   ` +
      `diff ${`${diff >= 0 ? '+' : ''}${diff.toFixed(1)} ms`.padStart(11)}   ratio ${(ms / baselineMs).toFixed(2).padStart(7)}   budget ${budget}` +
      (verdict === undefined ? '' : verdict ? '  (met)' : '  (NOT MET)'),
  );
}

/** Runs the phase; `profileDir` gets a .cpuprofile of the extension host per step. */
export function benchVscode(sampleText: string, sample: Sidecar, profileDir?: string): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'al-bench-'));
  try {
    const workspace = path.join(tmp, 'workspace');
    const data = path.join(tmp, 'data');
    const baselineExt = path.join(tmp, 'baseline-extension');
    for (const dir of [path.join(workspace, '.vscode'), data, baselineExt]) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({
        'editor.wordWrap': 'on',
        'chat.disableAIFeatures': true,
        // The desktop default (a browser VS Code saves after a second): each save writes the
        // sidecar, a cost of its own that would land in whatever is timed next.
        'files.autoSave': 'off',
      }));
    // An extension that does nothing, activated by the extension's own first event at the same
    // startup: its activation is what VS Code costs for any extension then.
    fs.writeFileSync(
      path.join(baselineExt, 'package.json'),
      JSON.stringify({ name: 'baseline', publisher: 'attribution-lens-bench', version: '0.0.1', engines: { vscode: '^1.90.0' }, main: './extension.js', activationEvents: ['onLanguage:plaintext'] }),
    );
    fs.writeFileSync(path.join(baselineExt, 'extension.js'), 'exports.activate = () => ({});\n');
    let annotations = 0;
    let bytes = 0;
    for (let i = 1; i <= RUNS; i++) {
      const name = `article-${i}.txt`;
      const { text, sidecar } = scaledArticle(sampleText, sample, 1_000_000, 10_000, name);
      fs.writeFileSync(path.join(data, name), text);
      fs.writeFileSync(path.join(data, `${name}.annotations.yaml`), serializeSidecar(sidecar));
      fs.writeFileSync(path.join(data, `plain-${i}.txt`), text);
      annotations = sidecar.annotations.length;
      bytes = Buffer.byteLength(text);
    }
    const result = path.join(tmp, 'result.json');
    const { publisher, name } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { publisher: string; name: string };
    const input: HostBenchInput = {
      data,
      runs: RUNS,
      result,
      profile: profileDir && path.resolve(profileDir),
      extensionId: `${publisher}.${name}`,
      baselineId: 'attribution-lens-bench.baseline',
    };
    if (input.profile) fs.mkdirSync(input.profile, { recursive: true });
    console.log(`\nin VS Code: ${(bytes / 1e6).toFixed(2)} MB article, ${annotations.toLocaleString('en')} annotations (one server + workbench launch, about a minute)`);
    const activation = path.join(tmp, 'activation.json');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'vscode', 'bench.mjs'), workspace, baselineExt, activation], {
      stdio: 'inherit',
      env: { ...process.env, ATTRIBUTION_LENS_BENCH: JSON.stringify(input) },
    });
    if (r.status !== 0 || !fs.existsSync(result)) {
      console.log('in VS Code: the bench did not finish (see above)');
      process.exitCode = 1;
      return;
    }
    const times = (fs.existsSync(activation) ? JSON.parse(fs.readFileSync(activation, 'utf8')) : {}) as Record<string, number>;
    // The view names an extension loaded for development by its id (or else by its display name).
    const { displayName } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { displayName: string };
    report(JSON.parse(fs.readFileSync(result, 'utf8')) as HostBenchResult, { ms: times[input.extensionId] ?? times[displayName], baselineMs: times.baseline });
    if (input.profile) console.log(`profiles of the extension host: ${input.profile}/*.cpuprofile`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function report(r: HostBenchResult, activation: { ms: number; baselineMs: number }): void {
  const { open, keystroke, hover } = r;
  line('activation (VS Code\'s record: load + activate)', activation.ms, 'baseline: an empty extension', activation.baselineMs, '< 50 ms', activation.ms < 50);
  const openMs = median(open.ms);
  const openBase = median(open.baselineMs);
  console.log(`open: ${open.annotations.toLocaleString('en')} annotations, ${open.ranges.toLocaleString('en')} ranges drawn; median of ${open.ms.length} (each run: ${open.ms.map((x) => x.toFixed(0)).join(', ')} ms)`);
  line('open until highlights are drawn', openMs, 'baseline: plain file of that size, shown', openBase, '< 500 ms beyond', openMs - openBase < 500);
  line('  extension host CPU time meanwhile', median(open.cpuMs), 'baseline: the same for the plain file', median(open.baselineCpuMs), '< 500 ms beyond', median(open.cpuMs) - median(open.baselineCpuMs) < 500);
  line('keystroke until the change event', median(keystroke.eventMs), 'baseline: keystroke in the plain file', median(keystroke.baselineEventMs), 'none');
  const redraw = median(keystroke.redrawMs);
  line('keystroke until the redraw', redraw, 'baseline: keystroke in the plain file', median(keystroke.baselineEventMs), 'none (250 ms of it is the debounce)');
  line('hover card (all providers), median of 20', median(hover.ms), 'baseline: hover of a plain word', median(hover.baselineMs), '< 50 ms', median(hover.ms) < 50);
  line('hover card, first (cold)', hover.firstMs, 'baseline: hover of a plain word', median(hover.baselineMs), '< 50 ms', hover.firstMs < 50);
}
