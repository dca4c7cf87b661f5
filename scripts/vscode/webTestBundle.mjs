// Bundles the integration suites for the web worker extension host (test/web/index.ts and the
// suites it names) into out/test-web/index.js: platform browser, CommonJS as the web worker's
// loader expects, `vscode` from the host, node:assert as test/web/assert.ts. runTests.mjs calls it.
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './server.mjs';

export const webTestsEntry = path.join(repoRoot, 'out', 'test-web', 'index.js');

/** `grep`: runTests.mjs's --grep, which the Node host reads from its environment and a web worker cannot. */
export async function bundleWebTests({ grep } = {}) {
  const assertShim = path.join(repoRoot, 'test', 'web', 'assert.ts');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test', 'web', 'index.ts')],
    outfile: webTestsEntry,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    sourcemap: 'inline',
    external: ['vscode'],
    define: { 'process.env.MOCHA_GREP': JSON.stringify(grep ?? '') },
    alias: { 'node:assert/strict': assertShim, 'node:assert': assertShim, assert: assertShim },
    logLevel: 'warning',
  });
  return webTestsEntry;
}
