// The Outline (and breadcrumbs, Go to Symbol) of an annotated article: each speaker and each
// demand, with their stored spans as children.
import * as vscode from 'vscode';
import { ArticleModel } from '../core/articleModel';
import { Span } from '../core/annotationIndex';
import { firstWords } from '../core/crossRefs';
import { forMessage } from '../core/displayText';
import { Annotation } from '../core/model';
import { ArticleState, ArticleStore } from './articleStore';
import { currentModel, definitionOf, EntityRef } from './entities';

const SPAN_KIND: Record<Annotation['type'], vscode.SymbolKind> = {
  mention: vscode.SymbolKind.Field,
  quote: vscode.SymbolKind.String,
  demand: vscode.SymbolKind.String,
  response: vscode.SymbolKind.Event,
};

export class ArticleSymbolProvider implements vscode.DocumentSymbolProvider {
  /** The symbols handed out last per model, and the document version they were read from. */
  private readonly built = new WeakMap<ArticleModel, { version: number; symbols: vscode.DocumentSymbol[] }>();
  private readonly labels = new Labels();

  constructor(private readonly store: ArticleStore) {}

  async provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
    const model = await currentModel(this.store, document, token);
    if (!model || token.isCancellationRequested) return [];
    // Outline, breadcrumbs and sticky scroll ask again and again for the same text: the symbols
    // of an article of thousands of spans are built once per model and text version.
    const last = this.built.get(model);
    if (last?.version === document.version) return last.symbols;
    const version = document.version;
    const out: vscode.DocumentSymbol[] = [];
    for (const s of model.sidecar.speakers.values()) {
      const detail = [s.kind, s.role].filter(Boolean).join(' · ');
      const symbol = this.entitySymbol(document, model, { kind: 'speaker', id: s.id }, s.name || s.id, detail, vscode.SymbolKind.Object);
      if (symbol) out.push(symbol);
    }
    for (const d of model.sidecar.demands.values()) {
      const symbol = this.entitySymbol(document, model, { kind: 'demand', id: d.id }, d.summary || d.id, d.status ?? '', vscode.SymbolKind.Event);
      if (symbol) out.push(symbol);
    }
    this.labels.settle();
    this.built.set(model, { version, symbols: out });
    return out;
  }

  /**
   * An entity's range is only its defining span, not everything from its first span to its last:
   * sticky scroll and breadcrumbs read symbol ranges as sections, and speakers would then pin
   * their names over most of the article, several at once.
   */
  private entitySymbol(
    document: vscode.TextDocument,
    model: ArticleModel,
    ref: EntityRef,
    name: string,
    detail: string,
    kind: vscode.SymbolKind,
  ): vscode.DocumentSymbol | undefined {
    const target = definitionOf(model, ref);
    if (!target) return undefined;
    const range = toRange(document, target);
    // Names and details are the sidecar's text: the Outline and breadcrumbs show them as labels.
    const symbol = new vscode.DocumentSymbol(forMessage(name), forMessage(detail), kind, range, range);
    symbol.children = model.crossRefs.spansOf(ref.kind, ref.id).map((a) => {
      const r = toRange(document, a);
      const speaker = ref.kind === 'demand' && a.type === 'response' ? model.sidecar.speakers.get(a.speaker ?? '')?.name : undefined;
      const what = [speaker, a.type, a.stance].filter(Boolean).join(' · ');
      return new vscode.DocumentSymbol(this.labels.words(document.getText(r), a.id), this.labels.text(what), SPAN_KIND[a.type], r, r);
    });
    return symbol;
  }
}

/**
 * The labels of spans, kept from one request to the next: typing changes the text of a span or
 * two, and summarizing all the others again is most of the cost of the Outline. Only what the
 * last request used is kept, so the memory follows the article.
 */
class Labels {
  private previous = new Map<string, string>();
  private current = new Map<string, string>();

  /** A span's first words as a label, or its id when it has none. */
  words(text: string, id: string): string {
    // forMessage never empties a text: an empty label means no words, whatever the id.
    const words = this.memo('w' + text, () => {
      const w = firstWords(text);
      return w && forMessage(w);
    });
    return words || forMessage(id);
  }

  /** Sidecar text as a label. */
  text(text: string): string {
    return this.memo('t' + text, () => forMessage(text));
  }

  /** The request is over: what it did not use is dropped. */
  settle(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  private memo(key: string, make: () => string): string {
    let label = this.current.get(key) ?? this.previous.get(key);
    if (label === undefined) label = make();
    this.current.set(key, label);
    return label;
  }
}

function toRange(document: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

/**
 * Registers the provider, and registers it again whenever an article's annotations change
 * without its text changing (a sidecar loaded or reloaded, an annotation edited): VS Code has
 * no "symbols changed" event, and a change of providers is what makes the Outline ask again.
 * After typing, the Outline asks by itself and the provider waits for the model to catch up.
 */
export function registerArticleSymbols(store: ArticleStore, selector: vscode.DocumentSelector): vscode.Disposable {
  const provider = new ArticleSymbolProvider(store);
  const register = () => vscode.languages.registerDocumentSymbolProvider(selector, provider, { label: 'Attribution Lens' });
  let registration = register();
  const seen = new WeakMap<ArticleState, { model?: ArticleModel; version: number }>();
  const listener = store.onDidChange((uri) => {
    const state = store.get(uri);
    if (!state) return;
    const last = seen.get(state);
    seen.set(state, { model: state.model, version: state.version });
    if (last && (last.model === state.model || last.version !== state.version)) return;
    registration.dispose();
    registration = register();
  });
  return {
    dispose() {
      listener.dispose();
      registration.dispose();
    },
  };
}
