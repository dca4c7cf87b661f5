// Go to Next / Previous Annotation: from the cursor, in text order, selecting the span so the
// edit commands act on it; wraps around at the ends and says so in the status bar.
import * as vscode from 'vscode';
import { stepAnnotation } from '../../core/editing';
import { ArticleStore } from '../articleStore';
import { activeArticle, flash, selectionOffsets } from './commandContext';

/** The annotation we last moved to, to tell apart spans with the very same range. */
let lastVisited: { uri: string; id: string; start: number; end: number } | undefined;

export async function navigateCommand(store: ArticleStore, direction: 'next' | 'previous'): Promise<{ id: string; wrapped: boolean } | undefined> {
  const article = activeArticle(store);
  if (!article) return undefined;
  const { editor, doc } = article;
  const state = store.get(doc.uri) ?? (await store.load(doc));
  // The session's positions follow every keystroke; the model's catch up after a pause.
  const annotations = state?.session?.annotations() ?? state?.model?.placed ?? [];
  if (!annotations.length) {
    void vscode.window.showInformationMessage('Attribution Lens: this article has no annotations.');
    return undefined;
  }
  const { start, end } = selectionOffsets(editor);
  const current = lastVisited?.uri === doc.uri.toString() && lastVisited.start === start && lastVisited.end === end ? lastVisited.id : undefined;
  const step = stepAnnotation(annotations, start, end, direction, current)!;
  const a = step.annotation;
  lastVisited = { uri: doc.uri.toString(), id: a.id, start: a.start, end: a.end };
  const range = new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end));
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (step.wrapped) {
    flash(direction === 'next' ? 'Attribution Lens: past the last annotation, back to the first' : 'Attribution Lens: before the first annotation, on to the last', 5000);
  }
  return { id: a.id, wrapped: step.wrapped };
}
