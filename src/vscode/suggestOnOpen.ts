// The setting attributionLens.suggest.onOpen: an article opened without a sidecar gets
// suggestions proposed once (per opening), quietly. Off by default: the model is then never read
// until the user asks.
import * as vscode from 'vscode';
import { ArticleStore } from './articleStore';
import { suggestOnOpen, SuggestDeps } from './commands/suggestCommands';
import { Config } from './config';

export class SuggestOnOpen implements vscode.Disposable {
  /** Articles proposed for since they were opened. */
  private readonly done = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(deps: SuggestDeps, store: ArticleStore, config: () => Config, report: (e: unknown) => void) {
    this.disposables = [
      store.onDidChange((uri) => {
        const key = uri.toString();
        const state = store.get(uri);
        // No sidecar file, nothing annotated in memory either, and readable: a fresh article.
        if (!config().suggestOnOpen || this.done.has(key) || !state || state.source !== undefined || state.unreadable !== undefined || state.session) return;
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
        if (!doc || doc.isClosed) return;
        this.done.add(key);
        suggestOnOpen(deps, doc).catch(report);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.done.delete(d.uri.toString())),
    ];
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
