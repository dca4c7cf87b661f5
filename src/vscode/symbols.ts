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
  constructor(private readonly store: ArticleStore) {}

  async provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.DocumentSymbol[]> {
    const model = await currentModel(this.store, document, token);
    if (!model || token.isCancellationRequested) return [];
    const out: vscode.DocumentSymbol[] = [];
    for (const s of model.sidecar.speakers.values()) {
      const detail = [s.kind, s.role].filter(Boolean).join(' · ');
      const symbol = entitySymbol(document, model, { kind: 'speaker', id: s.id }, s.name || s.id, detail, vscode.SymbolKind.Object);
      if (symbol) out.push(symbol);
    }
    for (const d of model.sidecar.demands.values()) {
      const symbol = entitySymbol(document, model, { kind: 'demand', id: d.id }, d.summary || d.id, d.status ?? '', vscode.SymbolKind.Event);
      if (symbol) out.push(symbol);
    }
    return out;
  }
}

/**
 * An entity's range is only its defining span, not everything from its first span to its last:
 * sticky scroll and breadcrumbs read symbol ranges as sections, and speakers would then pin
 * their names over most of the article, several at once.
 */
function entitySymbol(
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
    const words = firstWords(document.getText(r)) || a.id;
    const speaker = ref.kind === 'demand' && a.type === 'response' ? model.sidecar.speakers.get(a.speaker ?? '')?.name : undefined;
    const what = [speaker, a.type, a.stance].filter(Boolean).join(' · ');
    return new vscode.DocumentSymbol(forMessage(words), forMessage(what), SPAN_KIND[a.type], r, r);
  });
  return symbol;
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
