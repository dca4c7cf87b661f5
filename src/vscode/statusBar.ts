// Counts for the active article; a click opens the annotation quick pick.
import * as vscode from 'vscode';
import { ArticleStore } from './articleStore';
import { Commands } from './commandIds';
import { forMessage } from '../core/displayText';
import { plural } from '../core/wording';
import { ArticleState } from './articleState';
import { staleReason } from './staleState';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('attributionLens.counts', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly store: ArticleStore) {
    this.item.name = 'Attribution Lens';
    this.disposables.push(
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidSaveTextDocument(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const state = editor && this.store.get(editor.document.uri);
    const model = state?.model;
    void vscode.commands.executeCommand('setContext', 'attributionLens.hasAnnotations', model !== undefined);
    // An article with no sidecar yet: the welcome views and this item invite annotating it.
    const fresh = !!state && !model && state.unreadable === undefined;
    void vscode.commands.executeCommand('setContext', 'attributionLens.canAnnotate', fresh);
    const other = state && otherState(state);
    if (other) {
      this.show(other.text, other.label, other.tooltip, other.command);
      return;
    }
    if (!model) {
      this.item.hide();
      return;
    }
    const quotes = model.placed.filter((a) => a.type === 'quote').length;
    const speakers = model.sidecar.speakers.size;
    const demands = model.sidecar.demands.size;
    const errors = model.problems.filter((p) => p.severity === 'error').length;
    let text = `$(person) ${speakers} $(quote) ${quotes} $(megaphone) ${demands}`;
    if (model.orphans.length) text += ` $(warning) ${model.orphans.length}`;
    if (errors) text += ' $(error)';
    const conflicted = state?.conflicted;
    if (conflicted) text += ' $(git-merge)';
    // Annotation changes wait for the article's save, so the sidecar's offsets match the saved text.
    const waiting = state?.session?.dirty && editor?.document.isDirty;
    if (waiting) text += ' $(circle-filled)';
    // Said in words for a screen reader (the text is icons and bare numbers); the tooltip is a
    // plain string, as a MarkdownString's appendText escapes `(` and spaces into what a screen
    // reader then reads aloud (`error\(s\)`, `&nbsp;`).
    const summary =
      `Attribution Lens: ${plural(speakers, 'speaker')}, ${plural(quotes, 'quote')}, ${plural(demands, 'demand')}; ${plural(model.placed.length, 'annotation')} drawn` +
      (model.orphans.length ? `, ${model.orphans.length} need review (could not be placed)` : '') +
      (errors ? `; the sidecar has ${plural(errors, 'error')}, see Problems` : '') +
      (waiting ? '; annotation changes are waiting for the article to be saved' : '') +
      (conflicted ? `; the sidecar has ${conflicted === 'markers' ? 'git conflict markers' : 'merge conflicts recorded'}` : '');
    const article = editor!.document.uri.toString();
    // Errors in a sidecar opened broken: the click leads to the first one, like a stale one's.
    this.show(
      text,
      summary,
      `${summary}. ${conflicted ? 'Click to resolve them.' : errors ? 'Click to open the sidecar at the first error.' : 'Click to go to an annotation.'}`,
      conflicted
        ? { title: 'Resolve Sidecar Conflicts…', command: Commands.resolveConflicts, arguments: [article] }
        : errors
          ? { title: 'Show the Problem', command: Commands.showSidecarProblem, arguments: [article] }
          : Commands.showAnnotations,
    );
  }

  private show(text: string, label: string, tooltip: string, command: vscode.Command | string): void {
    this.item.text = text;
    this.item.accessibilityInformation = { label, role: 'button' };
    this.item.tooltip = tooltip;
    this.item.command = command;
    this.item.show();
  }

  /** What the item shows, what a screen reader reads of it and what a click runs (tests read it through the API). */
  shown(): { text: string; tooltip: string; accessibilityLabel?: string; command?: string; arguments?: unknown[] } {
    const tip = this.item.tooltip;
    const command = this.item.command;
    return {
      text: this.item.text,
      tooltip: typeof tip === 'string' ? tip : (tip?.value ?? ''),
      accessibilityLabel: this.item.accessibilityInformation?.label,
      command: typeof command === 'string' ? command : command?.command,
      arguments: typeof command === 'string' ? undefined : command?.arguments,
    };
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/**
 * The item for an article that shows no live annotations: one with no sidecar yet (an
 * invitation), or whose sidecar broke (the last good annotations shown stale) or cannot be read.
 */
function otherState(state: ArticleState): { text: string; label: string; tooltip: string; command: vscode.Command } | undefined {
  const article = state.article.toString();
  const where = vscode.workspace.asRelativePath(state.sidecar);
  const problem = { title: 'Show the Problem', command: Commands.showSidecarProblem, arguments: [article] };
  if (state.stale) {
    const label = forMessage(`Attribution Lens: the annotations shown are stale and read-only: ${where} is broken (${staleReason(state.stale)})`);
    const markers = state.stale.markers;
    return {
      text: `$(warning) Stale: ${markers ? 'merge conflict' : state.stale.problem ? `sidecar line ${state.stale.problem.line}` : 'sidecar unreadable'}`,
      label,
      tooltip: (`${label}. ${markers ? 'Click to resolve the conflicts.' : 'Click to open the sidecar at the problem.'}`),
      command: markers ? { title: 'Resolve Sidecar Conflicts…', command: Commands.resolveConflicts, arguments: [article] } : problem,
    };
  }
  if (state.model) return undefined;
  if (state.unreadable !== undefined) {
    const label = forMessage(`Attribution Lens: ${where} cannot be read (${state.unreadable}); it is left untouched`);
    return { text: '$(error) Sidecar unreadable', label, tooltip: `${label}. Click to open it.`, command: problem };
  }
  const label = 'Attribution Lens: this article has no annotations yet';
  return {
    text: '$(edit) Annotate',
    label,
    tooltip: `${label}. Click to start: mark who speaks and what they say, or let the offline model suggest annotations.`,
    command: { title: 'Start Annotating…', command: Commands.startAnnotating, arguments: [article] },
  };
}
