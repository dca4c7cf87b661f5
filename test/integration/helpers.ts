// What every integration suite needs: the workspace's files, and waiting for the extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The workspace folder the tests run in (a copy of sample-docs). */
export function folder(): string {
  const f = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(f, 'the tests need a workspace folder with the sample docs');
  return f;
}

export function workspaceFile(name: string): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests need a workspace folder with the sample docs');
  return vscode.Uri.joinPath(f.uri, name);
}

/** Polls `probe` every 100 ms until it gives something other than undefined or false. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export type Shown = { kind: 'error' | 'warning' | 'information' | 'status'; text: string };

/** Records what the extension shows from now on (and still shows it), until `restore()`. */
export function recordMessages(): { shown: Shown[]; restore: () => void } {
  const shown: Shown[] = [];
  const w = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = { error: 'showErrorMessage', warning: 'showWarningMessage', information: 'showInformationMessage', status: 'setStatusBarMessage' } as const;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const [kind, name] of Object.entries(names) as [Shown['kind'], string][]) {
    const original = w[name];
    originals.set(name, original);
    w[name] = (...args: unknown[]) => {
      shown.push({ kind, text: String(args[0]) });
      return original.apply(vscode.window, args);
    };
  }
  return { shown, restore: () => originals.forEach((original, name) => (w[name] = original)) };
}

/** Opens an article of the workspace in an editor and waits for the extension to have read its sidecar. */
export async function openArticle(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; api: AttributionLensApi }> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens');
  assert.ok(ext, 'extension installed');
  const api = await waitFor('activation', () => ext.isActive && ext.exports);
  await api.load(doc);
  return { doc, editor, api };
}

/** Waits for the article's highlights; returns them and how many are stored annotations (not alias underlines). */
export async function drawnAnnotations(api: AttributionLensApi, doc: vscode.TextDocument): Promise<{ drawn: Record<string, { start: number; end: number }[]>; stored: number }> {
  const drawn = await waitFor('decorations', () => {
    const d = api.decorations(doc);
    return Object.keys(d).length ? d : undefined;
  });
  const stored = Object.entries(drawn)
    .filter(([key]) => !key.startsWith('alias:'))
    .reduce((n, [, ranges]) => n + ranges.length, 0);
  return { drawn, stored };
}
