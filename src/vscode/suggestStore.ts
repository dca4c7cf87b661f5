// The suggestions of each open article: the last run's PendingSuggestions, kept on their words as
// the text is edited, and the list still pending, recomputed whenever the article's annotations
// change (an accept, a reject, an Undo, a reload) so every view reads one list. The model is read
// on the first run only, through workspace.fs from the extension's own folder, so activation
// costs nothing and the browser build can read it the same way. The engine and the model reader
// are imported then too (dynamic import: esbuild keeps them in the bundle but evaluates them on
// first use), so activation does not run their module code either.
import * as vscode from 'vscode';
import { Sidecar } from '../core/model';
import type { AttributionModel } from '../core/suggest/modelFile';
import { AnnotatedState, PendingSuggestions } from '../core/suggest/pending';
import { Suggestion } from '../core/suggest/suggestions';
import type { StepControl } from '../core/suggest/suggestInSteps';
import { ArticleStore } from './articleStore';

export const MODEL_PATH = ['models', 'attribution-model.bin'] as const;

interface Entry {
  run: PendingSuggestions;
  /** The document version the positions are for (they follow every edit at once). */
  version: number;
  pending: Suggestion[];
}

export class SuggestionStore implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private model?: Promise<AttributionModel>;
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when an article's pending suggestions changed (a run, a decision, an edit, an Undo). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly store: ArticleStore,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push(
      store.onDidChange((uri) => this.refresh(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        const entry = this.entries.get(e.document.uri.toString());
        if (!entry || !e.contentChanges.length) return;
        entry.run.textEdited(
          e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })),
          e.document.getText(),
        );
        entry.version = e.document.version;
        this.refresh(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.clear(d.uri)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateContext()),
    );
  }

  /** The article's pending suggestions, in text order (none when it has no run, or its positions are behind the text). */
  pending(document: vscode.TextDocument): Suggestion[] {
    const entry = this.entries.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.pending : [];
  }

  /** The last run on the article, for the speakers and demands it proposed. */
  runOf(uri: vscode.Uri): PendingSuggestions | undefined {
    return this.entries.get(uri.toString())?.run;
  }

  /** What the pending list is tested against: the session, when the article has one. */
  stateOf(uri: vscode.Uri): AnnotatedState | undefined {
    return this.store.get(uri)?.session;
  }

  /** A speaker's name for labels: the sidecar's, else the one the run proposed. */
  speakerName(uri: vscode.Uri, id: string | undefined): string | undefined {
    if (!id) return undefined;
    return this.stateOf(uri)?.speakers.get(id)?.name ?? this.runOf(uri)?.speakers.get(id)?.name ?? id;
  }

  /** Whether the model has been asked for (it is read on the first run only). */
  get modelLoaded(): boolean {
    return this.model !== undefined;
  }

  /** The model, read once. A failed read is retried on the next run. */
  loadModel(): Promise<AttributionModel> {
    this.model ??= Promise.all([vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, ...MODEL_PATH)), import('../core/suggest/modelFile')]).then(([bytes, { loadModel }]) => loadModel(bytes));
    this.model.catch(() => (this.model = undefined));
    return this.model;
  }

  /**
   * Runs the engine on the document's text as it is now; the new run replaces the old one.
   * Undefined when cancelled, or when the text changed meanwhile (the results would be on old words).
   */
  async suggest(doc: vscode.TextDocument, control: StepControl): Promise<Suggestion[] | undefined> {
    const model = await this.loadModel();
    const { suggestInSteps } = await import('../core/suggest/suggestInSteps');
    const version = doc.version;
    const text = doc.getText();
    const set = await suggestInSteps(model, text, this.existing(doc.uri), control);
    if (!set || doc.isClosed || doc.version !== version) return undefined;
    this.entries.set(doc.uri.toString(), { run: new PendingSuggestions(set), version, pending: [] });
    this.refresh(doc.uri);
    return this.pending(doc);
  }

  clear(uri: vscode.Uri): void {
    if (this.entries.delete(uri.toString())) {
      this.changed.fire(uri);
      this.updateContext();
    }
  }

  private existing(uri: vscode.Uri): Sidecar | undefined {
    const state = this.store.get(uri);
    const session = state?.session;
    if (!session) return undefined;
    // Rejected ones are left in the run and hidden by pending(), so an Undo of a reject made
    // before this run still brings its suggestion back.
    return { ...session.base, speakers: session.speakers, demands: session.demands, annotations: session.annotations(), rejected: [] };
  }

  private refresh(uri: vscode.Uri): void {
    const entry = this.entries.get(uri.toString());
    if (!entry) return;
    entry.pending = entry.run.pending(this.stateOf(uri));
    this.changed.fire(uri);
    this.updateContext();
  }

  /** `attributionLens.hasSuggestions`: the active editor's article has suggestions pending (the keys' when-clause). */
  private updateContext(): void {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', 'attributionLens.hasSuggestions', !!doc && this.pending(doc).length > 0);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
