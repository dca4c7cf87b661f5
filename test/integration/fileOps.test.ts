// Deleting an article in VS Code: its sidecar is the user's work, so by default a prompt asks
// whether to delete it too. The prompt is answered here through the workbench's own notification
// commands (accept the primary button / clear all), the way a keyboard user answers it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';
import { folder, sleep } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const SETTING = 'sidecarOnArticleDelete';

/** A copy of the sample article and its sidecar under a new name; returns the article's path. */
function copySample(name: string): string {
  const article = path.join(folder(), name);
  fs.copyFileSync(path.join(folder(), SAMPLE), article);
  fs.copyFileSync(path.join(folder(), SAMPLE + '.annotations.yaml'), article + '.annotations.yaml');
  return article;
}

async function deleteInVsCode(article: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.deleteFile(vscode.Uri.file(article));
  assert.ok(await vscode.workspace.applyEdit(edit), 'the delete was applied');
  assert.ok(!fs.existsSync(article), 'the article is gone');
}

/** Runs `command` every 150 ms for `ms` (a prompt may take a moment to show), or until `until()`. */
async function keepRunning(command: string, ms: number, until: () => boolean = () => false): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !until()) {
    await vscode.commands.executeCommand(command);
    await sleep(150);
  }
}

async function setMode(mode: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('attributionLens').update(SETTING, mode, vscode.ConfigurationTarget.Global);
}

describe('Deleting an article', function () {
  this.timeout(30_000);

  before(async () => {
    const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens');
    assert.ok(ext);
    await ext.activate();
    // Messages left by earlier suites (a failed write, a conflict) would take the place of the
    // prompt these tests answer with the workbench's "accept primary action".
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  afterEach(async () => {
    await setMode(undefined);
    await vscode.commands.executeCommand('notifications.clearAll');
    for (const f of fs.readdirSync(folder())) if (f.startsWith('deleting-')) fs.rmSync(path.join(folder(), f), { force: true });
  });

  it('asks, and "Delete Sidecar" deletes the sidecar too', async () => {
    const article = copySample('deleting-yes.txt');
    await deleteInVsCode(article);
    // The prompt's first button is its primary action.
    await keepRunning('notification.acceptPrimaryAction', 10_000, () => !fs.existsSync(article + '.annotations.yaml'));
    assert.ok(!fs.existsSync(article + '.annotations.yaml'), 'the sidecar was deleted after the prompt was accepted');
  });

  it('asks, and dismissing the prompt keeps the sidecar', async () => {
    const article = copySample('deleting-dismiss.txt');
    await deleteInVsCode(article);
    await keepRunning('notifications.clearAll', 2_000);
    // Had the prompt been answered "delete" (or not asked at all in delete mode), this would find it gone.
    await sleep(500);
    assert.ok(fs.existsSync(article + '.annotations.yaml'), 'the sidecar is kept');
  });

  it('with the setting "keep", never asks and keeps the sidecar', async () => {
    await setMode('keep');
    const article = copySample('deleting-keep.txt');
    await deleteInVsCode(article);
    // Had a prompt been shown, accepting its primary action would delete the sidecar.
    await keepRunning('notification.acceptPrimaryAction', 2_000);
    assert.ok(fs.existsSync(article + '.annotations.yaml'), 'the sidecar is kept without a prompt');
  });

  it('with the setting "delete", deletes the sidecar without asking', async () => {
    await setMode('delete');
    const article = copySample('deleting-always.txt');
    await deleteInVsCode(article);
    const end = Date.now() + 10_000;
    while (fs.existsSync(article + '.annotations.yaml') && Date.now() < end) await sleep(100);
    assert.ok(!fs.existsSync(article + '.annotations.yaml'), 'the sidecar was deleted');
  });
});
