// What every integration suite needs: the workspace's files, and waiting for the extension.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

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

/** A quick pick or input box the extension asked through `window.showQuickPick` / `showInputBox`. */
export interface Asked {
  kind: 'pick' | 'input';
  title?: string;
  placeHolder?: string;
  prompt?: string;
  /** The input box's proposed value. */
  value?: string;
  items: (vscode.QuickPickItem & Record<string, unknown>)[];
  canPickMany?: boolean;
  validate?: (value: string) => unknown;
}

/**
 * Answers the extension's quick picks and input boxes in turn with `answers` (each gets what
 * was asked and returns the item(s) or text; undefined cancels), recording what was asked, until
 * `restore()`. The test shares the extension's `vscode` object, so the commands call these.
 */
export function answerQuickInputs(answers: ((asked: Asked) => unknown)[]): { asked: Asked[]; restore: () => void } {
  const w = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = { pick: w.showQuickPick, input: w.showInputBox };
  const asked: Asked[] = [];
  const queue = [...answers];
  const next = (a: Asked) => {
    asked.push(a);
    const answer = queue.shift();
    if (!answer) throw new Error(`not expected: ${a.kind} "${a.title}"`);
    return answer(a);
  };
  w.showQuickPick = async (items: unknown, options: unknown) => {
    const o = (options ?? {}) as vscode.QuickPickOptions;
    return next({ kind: 'pick', title: o.title, placeHolder: o.placeHolder, items: [...((await items) as Asked['items'])], canPickMany: o.canPickMany });
  };
  w.showInputBox = async (options: unknown) => {
    const o = (options ?? {}) as vscode.InputBoxOptions;
    return next({ kind: 'input', title: o.title, placeHolder: o.placeHolder, prompt: o.prompt, value: o.value, items: [], validate: o.validateInput });
  };
  return {
    asked,
    restore: () => {
      w.showQuickPick = originals.pick;
      w.showInputBox = originals.input;
    },
  };
}

/** The row of a recorded quick pick whose label starts with `label`; fails the test when there is none. */
export function row(asked: Asked, label: string | RegExp): Asked['items'][number] {
  const found = asked.items.find((i) => (typeof label === 'string' ? i.label.startsWith(label) : label.test(i.label)));
  assert.ok(found, `no row ${String(label)} in "${asked.title}": ${asked.items.map((i) => i.label).join(' | ')}`);
  return found;
}
