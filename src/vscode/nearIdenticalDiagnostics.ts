// Overlapping near-identical spans (core/nearIdentical.ts) as Information diagnostics on the
// article, one per pair, naming both ids: the Problems view lists them, a click goes to the
// shared words, and the hover on either span says the same.
import * as vscode from 'vscode';
import { firstWords } from '../core/crossRefs';
import { visibleControls } from '../core/displayText';
import { describeOverlap, NearIdenticalPair } from '../core/nearIdentical';
import { ArticleStore } from './articleStore';
import { PerArticleDelay } from './perArticleDelay';

export const NEAR_IDENTICAL_CODE = 'near-identical';

/**
 * How long after a change the Problems view is updated: after the highlights are redrawn
 * (the same change event draws them), never before; an article with thousands of pairs
 * takes a while to describe, and it is only an Information entry.
 */
const UPDATE_DELAY_MS = 50;

export class NearIdenticalDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('attribution-lens-near-identical');
  private readonly disposables: vscode.Disposable[];
  private readonly delay = new PerArticleDelay(UPDATE_DELAY_MS, (uri) => this.update(uri));
  /** The related-information labels of spans, by their text: typing changes one or two of thousands. */
  private labels = new Map<string, string>();

  constructor(private readonly store: ArticleStore) {
    this.disposables = [
      this.collection,
      this.delay,
      store.onDidChange((uri) => this.delay.schedule(uri)),
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
    const used = new Map<string, string>();
    const label = (a: NearIdenticalPair['first'], words: string) => {
      const key = `${a.id}\0${words}`;
      const text = used.get(key) ?? this.labels.get(key) ?? visibleControls(`${a.id}: ${JSON.stringify(firstWords(words, 10, 70))}`);
      used.set(key, text);
      return text;
    };
    this.collection.set(article, pairs.map((p) => toDiagnostic(doc, p, label)));
    // Only what this update used is kept, so the memory follows the article.
    this.labels = used;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function toDiagnostic(doc: vscode.TextDocument, p: NearIdenticalPair, label: (a: NearIdenticalPair['first'], words: string) => string): vscode.Diagnostic {
  const { first, second } = p;
  const range = (start: number, end: number) => new vscode.Range(doc.positionAt(start), doc.positionAt(end));
  const kind = first.type === 'demand' ? 'demand spans' : `${first.type}s`;
  const message = `${first.id} and ${second.id} are near-identical ${kind} (${describeOverlap(p, first.type)}): probably marked twice; keep one.`;
  // Plain text in the Problems view, but a bidi override in an id would still reorder what is read there.
  const d = new vscode.Diagnostic(range(second.start, Math.min(first.end, second.end)), visibleControls(message), vscode.DiagnosticSeverity.Information);
  d.source = 'Attribution Lens';
  d.code = NEAR_IDENTICAL_CODE;
  d.relatedInformation = [first, second].map((a) => {
    const r = range(a.start, a.end);
    return new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, r), label(a, doc.getText(r)));
  });
  return d;
}
