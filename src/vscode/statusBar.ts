// Counts for the active article; a click opens the annotation quick pick.
import * as vscode from 'vscode';
import { ArticleStore } from './articleStore';
import { Commands } from './commandIds';

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
    const tip = new vscode.MarkdownString();
    tip.appendText(
      `Attribution Lens: ${speakers} speakers, ${quotes} quotes, ${demands} demands; ${model.placed.length} annotations drawn` +
        (model.orphans.length ? `, ${model.orphans.length} need review (could not be placed)` : '') +
        (errors ? `; the sidecar has ${errors} error(s), see Problems` : '') +
        (waiting ? '; annotation changes are waiting for the article to be saved' : '') +
        (conflicted ? `; the sidecar has ${conflicted === 'markers' ? 'git conflict markers' : 'merge conflicts recorded'}. Click to resolve them.` : '. Click to go to an annotation.'),
    );
    this.item.tooltip = tip;
    this.item.command = conflicted
      ? { title: 'Resolve Sidecar Conflicts…', command: Commands.resolveConflicts, arguments: [editor!.document.uri.toString()] }
      : Commands.showAnnotations;
    this.item.show();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
