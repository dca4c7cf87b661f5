import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

/** Every .ts file under a folder, recursively. */
function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Module names a TypeScript source imports or requires, statically or dynamically. */
function importedModules(source: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[\w*{}\s,]+?\s+from\s+['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) out.push(m[1]);
  return out;
}

describe('core stays free of vscode', () => {
  const coreDir = path.join(REPO_ROOT, 'src/core');
  const files = tsFiles(coreDir);

  it('finds the core sources', () => {
    const names = files.map((f) => path.relative(coreDir, f));
    for (const expected of ['model.ts', 'text.ts', 'sidecar.ts', 'anchoring.ts', 'annotationIndex.ts', 'aliases.ts', 'crossRefs.ts', 'articleModel.ts', 'hoverCards.ts', 'palette.ts', 'sidecarPath.ts']) {
      assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
    }
  });

  it('the import scanner sees every form of import', () => {
    const sample = [
      "import * as vscode from 'vscode';",
      'import { window } from "vscode";',
      "import type { Uri } from 'vscode';",
      "import 'vscode';",
      "export { x } from 'vscode';",
      "const v = require('vscode');",
      "const w = await import('vscode');",
      "import {\n  a,\n  b,\n} from 'vscode';",
    ].join('\n');
    assert.deepEqual(importedModules(sample).filter((m) => m === 'vscode').length, 8);
    assert.deepEqual(importedModules("import { x } from './vscodeish';"), ['./vscodeish']);
  });

  it('no file under src/core imports or requires vscode, or anything from src/vscode', () => {
    const offenders: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of importedModules(source)) {
        if (m === 'vscode' || m.startsWith('vscode/') || (m.startsWith('.') && /(^|\/)vscode(\/|$)/.test(m))) offenders.push(`${path.relative(REPO_ROOT, file)}: ${m}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});

/** A Node built-in module name (fs, node:fs, fs/promises, …), which a browser's web worker does not have. */
function isNodeBuiltin(m: string): boolean {
  return m.startsWith('node:') || builtinModules.includes(m) || builtinModules.includes(m.split('/')[0]);
}

describe('what the web build holds stays free of Node', () => {
  // The web entry bundles core, src/vscode and the composition root: none may touch Node (its
  // file system, paths, processes, crypto) or the Node-only modules of src/node.
  const roots = ['src/core', 'src/vscode', 'src/web'].map((d) => path.join(REPO_ROOT, d));
  const files = [...roots.flatMap(tsFiles), path.join(REPO_ROOT, 'src/extension.ts')];

  it('the built-in check knows Node when it sees it', () => {
    assert.deepEqual(['node:fs', 'fs', 'fs/promises', 'path', 'os', 'child_process', 'crypto', 'yaml', './fsPath', 'vscode'].map(isNodeBuiltin), [true, true, true, true, true, true, true, false, false, false]);
  });

  it('no file under src/core, src/vscode, src/web or src/extension.ts imports a Node built-in or src/node', () => {
    const offenders: string[] = [];
    for (const file of files) {
      for (const m of importedModules(fs.readFileSync(file, 'utf8'))) {
        if (isNodeBuiltin(m) || (m.startsWith('.') && /(^|\/)node(\/|$)/.test(m))) offenders.push(`${path.relative(REPO_ROOT, file)}: ${m}`);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
