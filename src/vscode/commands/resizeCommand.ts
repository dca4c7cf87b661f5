// Resizing the annotation at the cursor: Set Span to Selection, and one word more or less at
// either end. Each is one undoable session change; the new span is selected afterwards, so the
// next word step works on the same annotation.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { annotationsAt } from '../../core/editing';
import { Annotation } from '../../core/model';
import { ResizeResult, spanFromSelection, SpanEdge, SpanStep, stepSpan } from '../../core/spanResize';
import { annotationAtCursor, changed, EditingDeps, editableArticle, EditableArticle, nameIn, selectionOffsets } from './commandContext';
import { quoted } from './labels';

interface ResizeArgs {
  /** The annotation; default: the one at the cursor. */
  id?: string;
}

/** The annotation last resized: stepping again on its selected span needs no pick among equal spans. */
let lastResized: string | undefined;

/** Gives the annotation at the cursor the selection as its span. */
export async function setSpanCommand(deps: EditingDeps, rawArgs?: unknown): Promise<Annotation | undefined> {
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const text = article.doc.getText();
  const proposed = spanFromSelection(text, selectionOffsets(article.editor));
  if ('refused' in proposed) return refuse(proposed.refused);
  const target = await pickTarget(article, rawArgs, selectionTouching);
  return target && apply(deps, article, target, proposed);
}

/** One word more (grow) or less (shrink) at the start or end of the annotation at the cursor. */
export async function stepSpanCommand(deps: EditingDeps, edge: SpanEdge, step: SpanStep, rawArgs?: unknown): Promise<Annotation | undefined> {
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const target = await pickTarget(article, rawArgs, annotationsAt);
  if (!target) return undefined;
  const proposed = stepSpan(article.doc.getText(), target, edge, step);
  if ('refused' in proposed) return refuse(`${target.id}: ${proposed.refused}`);
  return apply(deps, article, target, proposed);
}

async function pickTarget(article: EditableArticle, rawArgs: unknown, find: (all: readonly Annotation[], start: number, end: number) => Annotation[]): Promise<Annotation | undefined> {
  const args: ResizeArgs = rawArgs && typeof rawArgs === 'object' ? (rawArgs as ResizeArgs) : {};
  const { session } = article;
  const all = session.annotations();
  if (args.id === undefined && lastResized !== undefined) {
    // Still selected as the last resize left it: the same annotation, even among equal spans.
    const { start, end } = selectionOffsets(article.editor);
    const last = all.find((a) => a.id === lastResized);
    if (last && last.start === start && last.end === end) return last;
  }
  return annotationAtCursor(article, all, nameIn(session), args.id, true, find);
}

/** Annotations holding the selection; when none does, those it overlaps (a span being grown). */
function selectionTouching(all: readonly Annotation[], start: number, end: number): Annotation[] {
  const holding = annotationsAt(all, start, end);
  if (holding.length) return holding;
  return all.filter((a) => a.start < end && start < a.end).sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
}

async function apply(deps: EditingDeps, article: EditableArticle, a: Annotation, proposed: Extract<ResizeResult, { span: unknown }>): Promise<Annotation | undefined> {
  const { session, doc, editor } = article;
  const { start, end } = proposed.span;
  lastResized = a.id;
  if (start === a.start && end === a.end) {
    void vscode.window.showInformationMessage(forMessage(`Attribution Lens: ${a.id} already covers that span; nothing changed.`));
    return a;
  }
  const words = doc.getText().slice(start, end);
  session.resizeAnnotation(a.id, start, end, `Resize ${a.type} ${a.id}`);
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(end));
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  await changed(deps.store, doc, `resized ${a.type} ${a.id} to ${quoted(words)}`);
  return session.annotation(a.id);
}

function refuse(message: string): undefined {
  void vscode.window.showErrorMessage(forMessage(`Attribution Lens: cannot resize: ${message}.`));
  return undefined;
}
