// The extension bundle's shape, which decides part of the activation time (issue 11): VS Code
// compiles and runs all of dist/extension.js before activate() returns. No timings here.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

const BUNDLE = path.join(REPO_ROOT, 'dist/extension.js');

describe('extension bundle', () => {
  let text: string;
  before(() => {
    if (!fs.existsSync(BUNDLE)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
    text = fs.readFileSync(BUNDLE, 'utf8');
  });

  it('takes the vscode API once, not one copy of its properties per importing module', () => {
    assert.equal(text.split('require("vscode")').length - 1, 1);
  });

  it('hashes with node:crypto, not the plain-TypeScript SHA-256 the web bundle needs (8x slower on 1 MB)', () => {
    // @noble/hashes' own error text marks it; scripts/build.mjs swaps src/core/sha256.ts out.
    assert.ok(/\bcreateHash\b/.test(text), 'node:crypto');
    assert.ok(!text.includes('Uint8Array expected'), '@noble/hashes is in the Node bundle');
  });

  it('is minified, with a source map beside it for readable stack traces', () => {
    // Unminified, esbuild writes one statement a line: tens of thousands of lines.
    assert.ok(text.split('\n').length < 5000, `${text.split('\n').length} lines`);
    assert.match(text, /\/\/# sourceMappingURL=extension\.js\.map\s*$/);
    assert.ok(fs.existsSync(`${BUNDLE}.map`));
  });
});

describe('web extension bundle', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { browser?: string };
  const WEB_BUNDLE = path.join(REPO_ROOT, manifest.browser ?? 'package.json has no browser entry');
  let text: string;
  before(() => {
    if (!fs.existsSync(WEB_BUNDLE)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
    text = fs.readFileSync(WEB_BUNDLE, 'utf8');
  });

  it('is the browser entry of package.json, apart from the Node one', () => {
    assert.equal(manifest.browser, './dist/web/extension.js');
  });

  it('requires nothing but vscode, once: a web worker has no Node modules to give it', () => {
    const required = [...text.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    assert.deepEqual(required, ['vscode']);
  });

  it('leaves out the Node-only code: the local file host and node:crypto', () => {
    // Names the minifier keeps: NodeHost's FIFO-safe open flag, node:crypto's createHash call.
    assert.ok(!text.includes('O_NONBLOCK'), 'src/node/nodeHost.ts is in the web bundle');
    assert.ok(!/\bcreateHash\b/.test(text), 'node:crypto is in the web bundle');
  });
});
