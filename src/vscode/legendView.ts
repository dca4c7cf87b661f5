// The Legend view (a webview in the side bar): which colour is which speaker and what each kind
// of highlight looks like, drawn with the CSS of the decorations' own render options, so its
// colours are the editor's (theme colours as the webview's --vscode-* variables, which follow
// the theme and the user's colour customizations). It follows the active article.
import * as vscode from 'vscode';
import { decorationCss, legendRows, spanCounts } from '../core/legend';
import { legendHtml } from '../core/legendHtml';
import { ArticleStore } from './articleStore';
import { Views } from './commandIds';
import { Config } from './config';
import { DecorationController } from './decorations';

export class LegendView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private article: vscode.Uri | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ArticleStore,
    private readonly decorations: DecorationController,
    private readonly config: () => Config,
    onSettings: vscode.Event<unknown>,
  ) {
    this.follow(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.registerWebviewViewProvider(Views.legend, this),
      store.onDidChange(() => {
        this.follow(vscode.window.activeTextEditor);
        this.render();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        this.follow(editor);
        this.render();
      }),
      // After the decorations have been remade (their colours change with settings and themes).
      onSettings(() => setTimeout(() => this.render(), 0)),
      vscode.window.onDidChangeActiveColorTheme(() => setTimeout(() => this.render(), 0)),
    );
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: false, localResourceRoots: [] };
    view.onDidDispose(() => (this.view = undefined));
    this.render();
  }

  /** Shows the view (the side bar opens on it). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${Views.legend}.focus`);
  }

  /** The page for the article followed now: what the view shows (tests read it). */
  html(): string {
    const config = this.config();
    const model = this.article && this.store.get(this.article)?.model;
    const styles = model ? this.decorations.stylesFor(model) : new Map();
    const options = this.decorations.renderOptions();
    return legendHtml({
      article: model ? vscode.workspace.asRelativePath(this.article!) : undefined,
      rows: model ? legendRows(model.sidecar, styles, spanCounts(model.placed).speakers) : [],
      colorBy: config.colorBy,
      flags: config.highlight,
      css: (key) => decorationCss(options[key] ?? {}),
    });
  }

  /** Keeps the last article while the focus is elsewhere (in this view, say). */
  private follow(editor: vscode.TextEditor | undefined): void {
    if (editor && this.store.get(editor.document.uri)?.model) this.article = editor.document.uri;
  }

  private render(): void {
    if (!this.view) return;
    const page = this.html();
    // Setting the same HTML reloads the page: skip it.
    if (this.view.webview.html !== page) this.view.webview.html = page;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
