// A sidecar that broke after it was read (a typo, a bad value, git conflict markers): the last
// good annotations stay on screen, marked stale and read-only, instead of every highlight
// vanishing; the status bar, the hover and the refusals of the annotation commands say what is
// wrong and where, and lead to the place in the file.
import * as vscode from 'vscode';
import { ArticleModel } from '../core/articleModel';
import { forMessage } from '../core/displayText';
import { Problem } from '../core/sidecar';
import { ArticleState, StaleInfo } from './articleState';
import { Commands } from './commandIds';

function hasErrors(model: ArticleModel | undefined): boolean {
  return !!model?.problems.some((p) => p.severity === 'error');
}

/** The last model read without errors: that of the previous state, or the one it already kept. */
function lastGood(previous: ArticleState | undefined): ArticleModel | undefined {
  if (!previous) return undefined;
  if (previous.stale) return previous.stale.good;
  const model = previous.model;
  return model && model.readable && !hasErrors(model) && previous.unreadable === undefined ? model : undefined;
}

/**
 * After a read: when the new file is broken and the previous one was good, `state` shows the
 * previous annotations, read-only (so nothing is written), with `stale` saying why. The
 * diagnostics were already set from the broken file.
 */
export function keepLastGood(state: ArticleState, previous: ArticleState | undefined): void {
  const broken = state.unreadable !== undefined || hasErrors(state.model);
  const good = broken ? lastGood(previous) : undefined;
  if (!good) return;
  state.stale = {
    problem: state.model?.problems.find((p) => p.severity === 'error'),
    unreadable: state.unreadable,
    markers: state.conflicted === 'markers',
    good,
  };
  state.model = { ...good, readOnly: true };
  state.session = undefined;
}

/** What is wrong, in a few words and the line: for the status bar's tooltip, the hover and the refusals. */
export function staleReason(stale: Pick<StaleInfo, 'problem' | 'unreadable' | 'markers'>): string {
  if (stale.markers) return `it has unresolved git merge conflict markers${stale.problem ? ` (from line ${stale.problem.line})` : ''}`;
  if (stale.unreadable !== undefined) return `it cannot be read (${stale.unreadable})`;
  const p = stale.problem;
  return p ? `line ${p.line}, column ${p.column}: ${p.message.replace(/^Not valid YAML: /, 'it is not valid YAML: ')}` : 'it has errors';
}

/** The refusal of an annotation command on a stale article, with the way to the problem (not awaited: the command ends now). */
export function refuseStale(state: ArticleState, stale: StaleInfo): undefined {
  const where = vscode.workspace.asRelativePath(state.sidecar);
  const fix = stale.markers ? 'resolve the conflict first' : 'fix the sidecar first';
  const actions = stale.markers ? [RESOLVE_SIDECAR_CONFLICTS, SHOW_PROBLEM] : [SHOW_PROBLEM];
  void vscode.window
    .showErrorMessage(forMessage(`Attribution Lens: cannot change annotations: ${where} is broken (${staleReason(stale)}). The highlights shown are the last good ones, read-only; ${fix}.`), ...actions)
    .then((choice) => followUp(choice, state));
  return undefined;
}

/** Conflict markers get their own words: not a typo to fix, but a merge to finish. */
export function markersMessage(where: string, first: Problem): string {
  return (
    `Attribution Lens: ${where}:${first.line}:${first.column}: the sidecar has unresolved git merge conflict markers, so its annotations cannot be read. ` +
    'Resolve Sidecar Conflicts… keeps one side or both; until then the file is left untouched.'
  );
}

export const RESOLVE_SIDECAR_CONFLICTS = 'Resolve Sidecar Conflicts…';
export const SHOW_PROBLEM = 'Show the Problem';

/** Acts on the button of a message about a broken sidecar. */
export async function followUp(choice: string | undefined, state: ArticleState): Promise<void> {
  if (choice === RESOLVE_SIDECAR_CONFLICTS) await vscode.commands.executeCommand(Commands.resolveConflicts, state.article.toString());
  else if (choice === SHOW_PROBLEM) await revealProblem(state);
}

/** Opens the sidecar with the cursor on its first error (or at the top) and shows the Problems panel. */
export async function revealProblem(state: ArticleState): Promise<vscode.TextEditor> {
  const p = state.stale?.problem ?? state.model?.problems.find((q) => q.severity === 'error');
  const at = p ? new vscode.Position(p.line - 1, p.column - 1) : new vscode.Position(0, 0);
  const editor = await vscode.window.showTextDocument(state.sidecar, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(at, at) });
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (p) await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
  return editor;
}
