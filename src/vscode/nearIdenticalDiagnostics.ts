// Overlapping near-identical spans (core/nearIdentical.ts) as Information diagnostics on the
// article, one per pair, naming both ids: the Problems view lists them, a click goes to the
// shared words, and the hover on either span says the same.
import * as vscode from 'vscode';
import { firstWords } from '../core/crossRefs';
import { visibleControls } from '../core/displayText';
import { describeOverlap, NearIdenticalPair } from '../core/nearIdentical';
import { ArticleStore } from './articleStore';

export const NEAR_IDENTICAL_CODE = 'near-identical';

export class NearIdenticalDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('attribution-lens-near-identical');
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: ArticleStore) {
    this.disposables = [
      this.collection,
      store.onDidChange((uri) => this.update(uri)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    ];
    for (const doc of vscode.workspace.textDocuments) this.update(doc.uri);
  }

  update(article: vscode.Uri): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === article.toString());
    const state = this.store.get(article);
    if (!doc || doc.isClosed || !state?.model) {
      this.collection.delete(article);
      return;
    }
    // Offsets are the model's: drawn on another version of the text they would point elsewhere.
    if (state.version !== doc.version) return;
    const { pairs } = state.model.crossRefs.nearIdentical();
    this.collection.set(article, pairs.map((p) => toDiagnostic(doc, p)));
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function toDiagnostic(doc: vscode.TextDocument, p: NearIdenticalPair): vscode.Diagnostic {
  const { first, second } = p;
  const range = (start: number, end: number) => new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  const kind = first.type === 'demand' ? 'demand spans' : `${first.type}s`;
  const message = `${first.id} and ${second.id} are near-identical ${kind} (${describeOverlap(p, first.type)}): probably marked twice; keep one.`;
  // Plain text in the Problems view, but a bidi override in an id would still reorder what is read there.
  const d = new vscode.Diagnostic(range(second.start, Math.min(first.end, second.end)), visibleControls(message), vscode.DiagnosticSeverity.Information);
  d.source = 'Attribution Lens';
  d.code = NEAR_IDENTICAL_CODE;
  const words = (start: number, end: number) => JSON.stringify(firstWords(doc.getText(range(start, end)), 10, 70));
  d.relatedInformation = [first, second].map(
    (a) => new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, range(a.start, a.end)), visibleControls(`${a.id}: ${words(a.start, a.end)}`)),
  );
  return d;
}
