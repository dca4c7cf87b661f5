// Counts for the active article; a click opens the annotation quick pick.
import * as vscode from 'vscode';
import { ArticleStore } from './articleStore';
import { Commands } from './commandIds';
import { plural } from '../core/wording';

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
    this.item.text = text;
    // Said in words for a screen reader (the text is icons and bare numbers); the tooltip is a
    // plain string, as a MarkdownString's appendText escapes `(` and spaces into what a screen
    // reader then reads aloud (`error\(s\)`, `&nbsp;`).
    const summary =
      `Attribution Lens: ${plural(speakers, 'speaker')}, ${plural(quotes, 'quote')}, ${plural(demands, 'demand')}; ${plural(model.placed.length, 'annotation')} drawn` +
      (model.orphans.length ? `, ${model.orphans.length} need review (could not be placed)` : '') +
      (errors ? `; the sidecar has ${plural(errors, 'error')}, see Problems` : '') +
      (waiting ? '; annotation changes are waiting for the article to be saved' : '') +
      (conflicted ? `; the sidecar has ${conflicted === 'markers' ? 'git conflict markers' : 'merge conflicts recorded'}` : '');
    this.item.accessibilityInformation = { label: summary, role: 'button' };
    this.item.tooltip = `${summary}. ${conflicted ? 'Click to resolve them.' : 'Click to go to an annotation.'}`;
    this.item.command = conflicted
      ? { title: 'Resolve Sidecar Conflicts…', command: Commands.resolveConflicts, arguments: [editor!.document.uri.toString()] }
      : Commands.showAnnotations;
    this.item.show();
  }

  /** What the item shows and what a screen reader reads of it (tests read it through the API). */
  shown(): { text: string; tooltip: string; accessibilityLabel?: string } {
    const tip = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof tip === 'string' ? tip : (tip?.value ?? ''), accessibilityLabel: this.item.accessibilityInformation?.label };
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
