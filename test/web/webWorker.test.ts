// Only in the web worker extension host (test/web/suites.ts): that it is one, so the suites
// that follow test the `browser` build, not the Node one by mistake.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('web worker extension host', () => {
  it('runs the tests in a web worker without Node, with the extension active from its browser entry', async () => {
    assert.equal(typeof (globalThis as { importScripts?: unknown }).importScripts, 'function', 'a web worker has importScripts');
    assert.equal(typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node, 'undefined', 'no Node here');
    const ext = vscode.extensions.getExtension('attribution-lens.attribution-lens');
    assert.ok(ext, 'the extension is loaded in this host');
    await ext.activate();
    assert.ok(ext.isActive);
    assert.equal((ext.packageJSON as { browser?: string }).browser, './dist/web/extension.js');
  });
});
