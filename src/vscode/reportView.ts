// "Show Report": the HTML report (src/core/export/html.ts) in a webview beside the editor. It
// follows the active article, redraws as annotations change, and a click on an item in it
// reveals that span in the article. The page runs with a strict Content-Security-Policy (only
// its own inline script and style, by nonce); everything it shows is escaped by the exporter,
// and messages from it are checked before use: a webview is untrusted.
import * as vscode from 'vscode';
import { forMessage } from '../core/displayText';
import { renderHtmlReport } from '../core/export/html';
import { ArticleStore } from './articleStore';
import { liveArticleInput } from './exportInputs';

const VIEW_TYPE = 'attributionLens.report';
/** Redraw at most this often while the user types or edits annotations. */
const REDRAW_DEBOUNCE_MS = 300;
/** When, after a click in the report, a late focus of the report is handed back to the editor. */
const FOCUS_CHECKS_MS = [100, 300, 700, 1500];

export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private article: vscode.Uri | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** One per panel: a redraw that changes nothing then leaves the page (and its scroll) alone. */
  private nonce = '';
  /** The HTML last given to the webview: what tests read. */
  html: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: ArticleStore) {
    this.disposables.push(
      store.onDidChange((uri) => uri.toString() === this.article?.toString() && this.scheduleRender()),
      vscode.workspace.onDidChangeTextDocument((e) => e.document.uri.toString() === this.article?.toString() && this.scheduleRender()),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        // Follow the active article, as Markdown's preview follows the active Markdown file.
        if (this.panel && editor && editor.document.uri.toString() !== this.article?.toString() && this.store.get(editor.document.uri)?.model) {
          this.article = editor.document.uri;
          this.render();
        }
      }),
    );
  }

  /** Opens the report of the active article (or brings it to the front). */
  async show(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.store.isArticle(doc)) {
      if (this.panel) return this.panel.reveal(undefined, true);
      void vscode.window.showInformationMessage('Attribution Lens: open an annotated article to see its report.');
      return;
    }
    const state = this.store.get(doc.uri) ?? (await this.store.load(doc));
    if (!state?.model) {
      void vscode.window.showInformationMessage(forMessage(`Attribution Lens: ${vscode.workspace.asRelativePath(doc.uri)} has no annotations yet: mark a quote or a speaker first.`));
      return;
    }
    this.article = doc.uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Report', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        // The page loads nothing: no local files, no command links.
        localResourceRoots: [],
        enableCommandUris: false,
        retainContextWhenHidden: false,
      });
      // crypto.getRandomValues: in Node and in a web worker alike.
      this.nonce = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.html = undefined;
      });
      this.panel.webview.onDidReceiveMessage((m) => void this.receive(m));
    } else this.panel.reveal(undefined, true);
    this.render();
  }

  /** A message from the page: only `{ type: 'reveal', start, end }` with offsets inside the article. */
  async receive(message: unknown): Promise<void> {
    if (!this.article || typeof message !== 'object' || message === null) return;
    const { type, start, end } = message as Record<string, unknown>;
    if (type !== 'reveal' || !Number.isInteger(start) || !Number.isInteger(end)) return;
    const doc = await vscode.workspace.openTextDocument(this.article);
    const length = doc.getText().length;
    const s = Math.min(Math.max(start as number, 0), length);
    const e = Math.min(Math.max(end as number, s), length);
    // Back in the editor the report sits beside: the article's own column when it is visible.
    const column = vscode.window.visibleTextEditors.find((ed) => ed.document === doc)?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column });
    const range = new vscode.Range(doc.positionAt(s), doc.positionAt(e));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    this.keepFocusOn(editor);
  }

  /**
   * The click that sent the message also focused the report, and the workbench hears of that
   * focus asynchronously: under load after our showTextDocument, which left the keyboard in the
   * report (and no view-state event says so). For a moment, hand the keyboard to the editor again.
   */
  private keepFocusOn(editor: vscode.TextEditor): void {
    for (const ms of FOCUS_CHECKS_MS) {
      setTimeout(() => {
        // Whatever panel.active says: in the web worker extension host it stayed false right after
        // a click in the report, with activeTextEditor still the article, and the keyboard stayed
        // in the report 1 run in 3. Only an editor of another file means the user moved on; the
        // selection is the editor's at that moment.
        const active = vscode.window.activeTextEditor;
        if (!active || active.document === editor.document) {
          void vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, selection: editor.selection });
        }
      }, ms);
    }
  }

  private scheduleRender(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), REDRAW_DEBOUNCE_MS);
  }

  private render(): void {
    clearTimeout(this.timer);
    if (!this.panel || !this.article) return;
    const uri = this.article;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const name = vscode.workspace.asRelativePath(uri);
    // The tab's title is plain text, but a bidi override in the file name would still reorder it.
    this.panel.title = forMessage(`Report: ${uri.path.slice(uri.path.lastIndexOf('/') + 1)}`);
    const input = doc && liveArticleInput(this.store, doc, name);
    const html = input
      ? renderHtmlReport(input, { nonce: this.nonce, cspSource: this.panel.webview.cspSource })
      : messagePage(doc ? `${name}: its sidecar cannot be read; see the Problems view.` : `${name} is closed.`);
    if (html === this.html) return;
    this.html = html;
    this.panel.webview.html = html;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function messagePage(message: string): string {
  const escaped = message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escaped}</p></body></html>`;
}
