// The first hover of an article paid for what no later one does: the cards of its speaker or
// demand (built once per model, from every span of theirs), the colours of speakers past the
// tenth, the first compilation of the card code, and, in VS Code's extension host, the first
// run of the Markdown reader it checks hover contents with. All of that is done here instead,
// once the highlights are drawn and the editor is idle: cards for the speakers and demands in
// view, and once per session one hover asked of VS Code, whose result nobody sees.
import * as vscode from 'vscode';
import { ArticleStore } from './articleStore';
import { PerArticleDelay } from './perArticleDelay';

/** After the last change of an article: long enough that typing and drawing come first. */
const IDLE_MS = 400;
/** Distinct speakers and demands warmed per article change: those a person is likely to hover. */
const MAX_TARGETS = 6;

export class HoverWarmUp implements vscode.Disposable {
  // A warm-up that fails costs only the speed it was for.
  private readonly delay = new PerArticleDelay(IDLE_MS, (uri) => void this.warm(uri).catch(() => undefined));
  private askedVsCode = false;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly store: ArticleStore,
    private readonly provider: vscode.HoverProvider,
  ) {
    this.disposables = [this.delay, store.onDidChange((uri) => this.delay.schedule(uri)), vscode.window.onDidChangeVisibleTextEditors(() => this.visibleChanged())];
  }

  private visibleChanged(): void {
    for (const editor of vscode.window.visibleTextEditors) if (this.store.get(editor.document.uri)?.model) this.delay.schedule(editor.document.uri);
  }

  private async warm(uri: vscode.Uri): Promise<void> {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const state = this.store.get(uri);
    const model = state?.model;
    if (!editor || !model || state.version !== editor.document.version) return;
    const doc = editor.document;
    const seen = new Set<string>();
    const targets: vscode.Position[] = [];
    for (const range of editor.visibleRanges) {
      for (const span of model.index.overlapping(doc.offsetAt(range.start), doc.offsetAt(range.end))) {
        const key = span.kind === 'alias' ? `s:${span.speaker}` : `${span.annotation.speaker ?? ''}:${span.annotation.demand ?? ''}`;
        if (seen.has(key) || targets.length >= MAX_TARGETS) continue;
        seen.add(key);
        targets.push(doc.positionAt(span.start));
      }
    }
    const cancel = new vscode.CancellationTokenSource();
    try {
      for (const position of targets) {
        // A newer model meanwhile: its own warm-up is scheduled.
        if (this.store.get(uri)?.model !== model) return;
        await this.provider.provideHover(doc, position, cancel.token);
        await new Promise((r) => setTimeout(r, 0)); // one card at a time, leaving the thread to the user in between
      }
    } finally {
      cancel.dispose();
    }
    if (!this.askedVsCode && targets.length) {
      this.askedVsCode = true;
      await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, targets[0]);
    }
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
