// The one place a command's failure is reported: logged (with its stack) to the extension's log
// channel, and shown once as an error notification. Commands never throw past it, so VS Code's
// own "command failed" popup never appears, and a caller of executeCommand gets undefined.
// Only types come from vscode: the boundary runs in plain Node tests with fakes.
import type * as vscode from 'vscode';
import { forLog, forMessage } from '../../core/displayText';
import { UserFacingError } from '../userFacingError';

export interface ErrorReporter {
  log: Pick<vscode.LogOutputChannel, 'error' | 'show'>;
  /** vscode.window.showErrorMessage. */
  showError(message: string, ...actions: string[]): Thenable<string | undefined>;
}

const SHOW_LOG = 'Show Log';

/** `handler` behind the boundary; `id` names the command in the log. */
export function guarded<A extends unknown[], R>(id: string, handler: (...args: A) => R | Thenable<R>, reporter: ErrorReporter): (...args: A) => Promise<R | undefined> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (e) {
      report(id, e, reporter);
      return undefined;
    }
  };
}

/** `e` itself, unless its message holds controls or bidi overrides: then a copy that shows them as escapes. */
function visibleError(e: Error): Error {
  const message = forLog(e.message);
  if (message === e.message) return e;
  const copy = new Error(message);
  copy.name = e.name;
  copy.stack = e.stack?.replace(e.message, message);
  return copy;
}

function report(id: string, e: unknown, { log, showError }: ErrorReporter): void {
  log.error(`${id} failed:`, e instanceof Error ? visibleError(e) : forLog(String(e)));
  const text = e instanceof UserFacingError ? e.message : `${id} failed: ${e instanceof Error ? e.message : String(e)}`;
  // Error texts quote file names and sidecar content: text, never links or icons.
  void Promise.resolve(showError(forMessage(`Attribution Lens: ${text}`), SHOW_LOG)).then((choice) => choice === SHOW_LOG && log.show(true));
}
