// Bundles the extension (twice: `main` for the Node extension host, `browser` for the web worker
// one) and the command-line tool with esbuild. `vscode` stays external: the extension host
// provides it; the CLI never imports it. First it brings the HTML report's
// generated asset module up to date (scripts/reportAssets.mjs), which `tsc` compiles too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { reportAssetsPlugin, writeReportAssets } from './reportAssets.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'info',
  plugins: [reportAssetsPlugin],
};

// Every module of the extension that imports `vscode` would otherwise get its own copy of the
// API object's ~250 properties (esbuild's __toESM, per importing file: ~50 copies at load). One
// bundled module re-exports it once and the others share its namespace.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

// Core hashes in plain TypeScript (src/core/sha256.ts), which a browser runs too; the Node bundles
// take node:crypto's native SHA-256 instead (src/node/sha256.ts, same functions, ~8x faster).
const nativeSha256 = {
  name: 'native-sha256',
  setup(build) {
    build.onResolve({ filter: /(^|\/)sha256$/ }, (args) =>
      /[\\/]src[\\/]core([\\/]|$)/.test(args.resolveDir) ? { path: path.resolve('src/node/sha256.ts') } : undefined);
  },
};

// The web worker extension host: no Node built-ins (platform browser, so esbuild fails the
// build on any import of one), CommonJS as VS Code's web worker loader expects.
const web = {
  ...common,
  platform: 'browser',
  target: 'es2022',
  minify: true,
  entryPoints: ['src/web/extensionEntry.ts'],
  outfile: 'dist/web/extension.js',
  // csv-stringify's Node build calls Buffer; its own browser build carries what it needs.
  alias: { 'csv-stringify/sync': 'csv-stringify/browser/esm/sync' },
  plugins: [...common.plugins, vscodeOnce],
};

writeReportAssets();

const contexts = await Promise.all([
  // Minified even in a development build: VS Code compiles the whole bundle before activate()
  // runs, and half the bytes is half that cost (issue 11's activation budget). The source map
  // keeps stack traces readable; no code relies on function or class names, so no keepNames.
  // The CLI stays readable: its internal-error stack goes to the user as it is.
  esbuild.context({ ...common, minify: true, entryPoints: ['src/node/extensionEntry.ts'], outfile: 'dist/extension.js', plugins: [...common.plugins, vscodeOnce, nativeSha256] }),
  esbuild.context({ ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [...common.plugins, nativeSha256] }),
  esbuild.context(web),
]);
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  // The bin runs as a program once installed; make the local build runnable the same way.
  fs.chmodSync('dist/cli.js', 0o755);
}
