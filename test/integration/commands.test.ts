// Every command runs behind one error boundary: a command that throws is logged to the
// "Attribution Lens" log channel and shown as exactly one error notification, and never reaches
// VS Code's own "command failed" popup (executeCommand resolves). A sidecar write that fails is
// reported once, naming the file, with no success message after it, and the old file intact.
// Notifications are counted by wrapping the window functions the extension calls: the test module
// lies inside the extension's folder, so VS Code hands both the same `vscode` API object.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';
import { MAX_SIDECAR_BYTES } from '../../src/vscode/articleStore';
import { folder, recordMessages, sleep, waitFor } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const EXTENSION_ID = 'attribution-lens.attribution-lens';

async function extensionApi(): Promise<AttributionLensApi> {
  const ext = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID);
  assert.ok(ext, 'extension installed');
  return ext.activate();
}

/** Everything the extension's log channel has written so far. */
function logText(api: AttributionLensApi): string {
  const dir = api.logUri.fsPath;
  if (!fs.existsSync(dir)) return '';
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.log'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

/**
 * Deletes test articles and their sidecars. An article whose annotation change could not be
 * written still holds it: when its sidecar goes, the extension asks (modal) whether to keep the
 * change; the answer here is "Reload from Disk", given before the reload is awaited.
 */
async function removeArticles(api: AttributionLensApi, files: string[]): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
  const w = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = w.showWarningMessage;
  w.showWarningMessage = (...args: unknown[]) =>
    String(args[0]).includes('changed on disk') ? Promise.resolve('Reload from Disk') : original.apply(vscode.window, args);
  try {
    for (const f of files) fs.rmSync(f, { recursive: true, force: true });
    for (const doc of vscode.workspace.textDocuments.filter((d) => files.includes(d.uri.fsPath))) await api.load(doc);
    await sleep(500); // the file watcher's own reload, answered the same way
  } finally {
    w.showWarningMessage = original;
  }
}

describe('Command error boundary', function () {
  this.timeout(30_000);
  let api: AttributionLensApi;
  let recorder: ReturnType<typeof recordMessages> | undefined;
  const made: string[] = [];

  before(async () => {
    api = await extensionApi();
  });

  afterEach(async () => {
    recorder?.restore();
    recorder = undefined;
    await removeArticles(api, made.splice(0));
  });

  it('the window functions the extension calls are the ones this test wraps', async () => {
    recorder = recordMessages();
    // Go to Annotation with no article open says so with an information message.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('attributionLens.showAnnotations');
    assert.deepEqual(recorder.shown, [{ kind: 'information', text: 'Attribution Lens: the active editor is not an annotated article.' }]);
  });

  it('a command that throws: logged, one error notification with the error text, and executeCommand resolves', async () => {
    const missing = vscode.Uri.file(path.join(folder(), 'no-such-folder', 'missing-article.txt')).toString();
    recorder = recordMessages();
    // The hover cards' link target, with a link to an article that is not there: opening it throws.
    const result = await vscode.commands.executeCommand('attributionLens.revealOffset', missing, 0);
    assert.equal(result, undefined);
    const errors = recorder.shown.filter((m) => m.kind === 'error');
    assert.equal(errors.length, 1, `one error notification: ${JSON.stringify(recorder.shown)}`);
    assert.match(errors[0].text, /^Attribution Lens: attributionLens\.revealOffset failed: .*missing-article\.txt/);
    assert.deepEqual(recorder.shown.filter((m) => m.kind !== 'error'), [], 'nothing else is shown');
    // The log channel writes its file a moment later.
    await waitFor('the error in the log channel', () => /\[error\] attributionLens\.revealOffset failed:.*missing-article\.txt/.test(logText(api)));
  });

  it('a sidecar that cannot be written: one error naming it, no success message, the old sidecar intact', async () => {
    // A file name just short enough for the sidecar but too long for the temporary file written
    // beside it first (every file system limits a name to 255 bytes, for root too): the write fails
    // as a full disk or a read-only folder would, before the sidecar is touched.
    const name = 'w'.repeat(255 - '.annotations.yaml'.length - '.txt'.length) + '.txt';
    const article = path.join(folder(), name);
    const sidecar = article + '.annotations.yaml';
    fs.copyFileSync(path.join(folder(), SAMPLE), article);
    fs.copyFileSync(path.join(folder(), SAMPLE + '.annotations.yaml'), sidecar);
    made.push(article, sidecar);
    const before = fs.readFileSync(sidecar);
    const doc = await vscode.workspace.openTextDocument(article);
    const editor = await vscode.window.showTextDocument(doc);
    await api.load(doc);
    const count = api.annotations(doc).length;
    assert.ok(count > 0, 'the sample sidecar was read');
    const at = doc.getText().indexOf('Westminster');
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 'Westminster'.length));

    recorder = recordMessages();
    const result = await vscode.commands.executeCommand('attributionLens.markMention', { speaker: 'corbyn' });
    assert.equal(result, undefined, 'the command did not succeed');
    const errors = recorder.shown.filter((m) => m.kind === 'error');
    assert.equal(errors.length, 1, `one error notification: ${JSON.stringify(recorder.shown)}`);
    assert.ok(errors[0].text.startsWith(`Attribution Lens: could not write ${vscode.workspace.asRelativePath(sidecar)}: `), errors[0].text);
    assert.match(errors[0].text, /kept in memory/);
    assert.deepEqual(recorder.shown.filter((m) => m.kind !== 'error'), [], `no success message: ${JSON.stringify(recorder.shown)}`);
    assert.deepEqual(fs.readFileSync(sidecar), before, 'the old sidecar is intact');
    assert.deepEqual(fs.readdirSync(folder()).filter((f) => f.startsWith(name) && f.endsWith('.tmp')), [], 'no temporary file left');
    assert.equal(api.annotations(doc).length, count + 1, 'the change is kept in memory');
  });
});

describe('A sidecar that cannot be read', function () {
  this.timeout(30_000);
  const made: string[] = [];

  afterEach(async () => removeArticles(await extensionApi(), made.splice(0)));

  it('is never written over: annotating is refused with one error, the file stays as it was', async () => {
    const api = await extensionApi();
    const article = path.join(folder(), 'unreadable-sidecar.txt');
    const sidecar = article + '.annotations.yaml';
    fs.copyFileSync(path.join(folder(), SAMPLE), article);
    // Over the size limit, so it is refused unread (a sparse file: nothing is really written).
    fs.writeFileSync(sidecar, '');
    fs.truncateSync(sidecar, MAX_SIDECAR_BYTES + 1);
    made.push(article, sidecar);
    const doc = await vscode.workspace.openTextDocument(article);
    const editor = await vscode.window.showTextDocument(doc);
    await api.load(doc);
    await vscode.commands.executeCommand('notifications.clearAll');
    const at = doc.getText().indexOf('Westminster');
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 'Westminster'.length));

    const recorder = recordMessages();
    try {
      const result = await vscode.commands.executeCommand('attributionLens.markMention', { newSpeaker: { name: 'Westminster' } });
      assert.equal(result, undefined, 'nothing was marked');
      assert.equal(fs.statSync(sidecar).size, MAX_SIDECAR_BYTES + 1, 'the sidecar is as it was');
      const errors = recorder.shown.filter((m) => m.kind === 'error');
      assert.equal(errors.length, 1, `one error notification: ${JSON.stringify(recorder.shown)}`);
      assert.match(errors[0].text, /unreadable-sidecar\.txt\.annotations\.yaml could not be read/);
      assert.deepEqual(recorder.shown.filter((m) => m.kind !== 'error'), [], 'no success message');
    } finally {
      recorder.restore();
    }
  });
});
