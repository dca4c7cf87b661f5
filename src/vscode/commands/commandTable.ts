// Registers every command from one table: its type asks for a handler for each id in
// commandIds.ts, so a missing or misspelt command fails the typecheck, and each handler is put
// behind the error boundary as it is registered.
import * as vscode from 'vscode';
import { Commands } from '../commandIds';
import { ErrorReporter, guarded } from './errorBoundary';

/** Handlers take what VS Code passes (arguments from tests, keybindings, links) unchecked. */
type Handler = (...args: unknown[]) => unknown;

/** One handler for every command id: no more, no fewer. */
export type CommandTable = { readonly [K in keyof typeof Commands]: Handler };

export function registerCommands(table: CommandTable, reporter: ErrorReporter): vscode.Disposable {
  return vscode.Disposable.from(
    ...(Object.keys(Commands) as (keyof typeof Commands)[]).map((key) => vscode.commands.registerCommand(Commands[key], guarded(Commands[key], table[key], reporter))),
  );
}
