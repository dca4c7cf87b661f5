// Work done a while after the last change of an article, once per article however many
// changes came meanwhile (a warm-up, a Problems view update): each change restarts its wait.
import * as vscode from 'vscode';

export class PerArticleDelay implements vscode.Disposable {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly ms: number,
    private readonly run: (article: vscode.Uri) => void,
  ) {}

  schedule(article: vscode.Uri): void {
    const key = article.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.run(article);
      }, this.ms),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
