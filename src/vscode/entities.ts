// Speakers and demands as things with spans: which one a span belongs to, all of its spans,
// and where "Go to Definition" lands. Shared by the Outline, the navigation providers and
// the side-bar trees so they always agree.
import * as vscode from 'vscode';
import { ArticleModel, HighlightSpan } from '../core/articleModel';
import { Span } from '../core/annotationIndex';
import { ArticleStore } from './articleStore';

export interface EntityRef {
  kind: 'speaker' | 'demand';
  id: string;
}

/** A response belongs to its speaker: the demand it answers is one hop further. */
export function entityOf(span: HighlightSpan): EntityRef | undefined {
  if (span.kind === 'alias') return { kind: 'speaker', id: span.speaker };
  const a = span.annotation;
  if (a.type === 'demand') return a.demand ? { kind: 'demand', id: a.demand } : undefined;
  return a.speaker ? { kind: 'speaker', id: a.speaker } : undefined;
}

/**
 * The innermost span at an offset (an alias inside a quote is the alias), and its owner.
 * A cursor just after a word still counts as on it, as for VS Code's own word features.
 */
export function entityAt(model: ArticleModel, offset: number): { span: HighlightSpan; entity: EntityRef } | undefined {
  const endingHere = model.index.covering(offset - 1).filter((s) => s.end === offset);
  let best: { span: HighlightSpan; entity: EntityRef } | undefined;
  for (const span of [...model.index.covering(offset), ...endingHere]) {
    const entity = entityOf(span);
    const inner = !best || span.start > best.span.start || (span.start === best.span.start && span.end < best.span.end);
    if (entity && inner) best = { span, entity };
  }
  return best;
}

export function aliasMentions(model: ArticleModel, speakerId: string): Span[] {
  return model.index.all().filter((s) => s.kind === 'alias' && s.speaker === speakerId);
}

/** Stored spans, plus every alias mention for a speaker, in text order. */
export function allSpans(model: ArticleModel, ref: EntityRef): Span[] {
  const stored: Span[] = [...model.crossRefs.spansOf(ref.kind, ref.id)];
  const spans = ref.kind === 'speaker' ? stored.concat(aliasMentions(model, ref.id)) : stored;
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Where Go to Definition lands: a speaker's first stored mention, else the first time their
 * name or an alias occurs, else their first span; a demand's first statement, else its first span.
 */
export function definitionOf(model: ArticleModel, ref: EntityRef): Span | undefined {
  const stored = model.crossRefs.spansOf(ref.kind, ref.id);
  const defining = ref.kind === 'speaker' ? 'mention' : 'demand';
  return (
    first(stored.filter((a) => a.type === defining)) ??
    (ref.kind === 'speaker' ? first(aliasMentions(model, ref.id)) : undefined) ??
    first(stored)
  );
}

function first<T extends Span>(spans: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const s of spans) if (!best || s.start < best.start) best = s;
  return best;
}

const CATCH_UP_MS = 1000;

/**
 * The article's model once it matches the document's text. After typing, the model follows
 * on a debounce, and offsets from an older model would point next to the span asked about.
 */
export async function currentModel(store: ArticleStore, document: vscode.TextDocument, token: vscode.CancellationToken): Promise<ArticleModel | undefined> {
  const state = store.get(document.uri);
  if (state?.model && state.version !== document.version && !token.isCancellationRequested) {
    await new Promise<void>((resolve) => {
      const subscriptions: vscode.Disposable[] = [];
      const done = () => {
        clearTimeout(timer);
        vscode.Disposable.from(...subscriptions).dispose();
        resolve();
      };
      const timer = setTimeout(done, CATCH_UP_MS);
      subscriptions.push(
        token.onCancellationRequested(done),
        store.onDidChange((uri) => {
          if (uri.toString() === document.uri.toString() && store.get(uri)?.version === document.version) done();
        }),
      );
    });
  }
  return store.get(document.uri)?.model;
}
