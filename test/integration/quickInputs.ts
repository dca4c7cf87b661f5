// Answering the extension's quick picks and input boxes from a test: the window functions the
// commands call are wrapped (the test module shares the extension's `vscode` object).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

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
