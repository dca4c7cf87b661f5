// What every editing command needs: the active article and its session, the annotation at the
// cursor, the most-recently-used speakers and demands, and the message after a change.
import * as vscode from 'vscode';
import { annotationsAt, touchMru } from '../../core/editing';
import { Annotation } from '../../core/model';
import { AnnotationSession } from '../../core/session';
import { ArticleStore } from '../articleStore';
import { KEYS, keyLabel } from './keys';
import { forMessage } from '../../core/displayText';
import { annotationLabel } from './labels';

export interface EditingDeps {
  store: ArticleStore;
  /** Per-workspace memory: the MRU lists. */
  workspaceState: vscode.Memento;
}

export interface ArticleEditor {
  editor: vscode.TextEditor;
  doc: vscode.TextDocument;
}

export interface EditableArticle extends ArticleEditor {
  session: AnnotationSession;
}

/** The active editor when it shows an article; otherwise a message and undefined. */
export function activeArticle(store: ArticleStore): ArticleEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !store.isArticle(editor.document)) {
    void vscode.window.showInformationMessage('Attribution Lens: open an article (plain text or Markdown) first.');
    return undefined;
  }
  return { editor, doc: editor.document };
}

/** The active article with a session that may change (the store explains when not). */
export async function editableArticle(store: ArticleStore): Promise<EditableArticle | undefined> {
  const article = activeArticle(store);
  if (!article) return undefined;
  const session = await store.editableSession(article.doc);
  return session && { ...article, session };
}

/** The selection as offsets. */
export function selectionOffsets(editor: vscode.TextEditor): { start: number; end: number } {
  return { start: editor.document.offsetAt(editor.selection.start), end: editor.document.offsetAt(editor.selection.end) };
}

/**
 * The annotation a command works on: `id` when given; else the innermost one at the cursor,
 * or, when several overlap and `letPick`, the one the user picks (innermost first).
 */
export async function annotationAtCursor(
  article: ArticleEditor,
  annotations: readonly Annotation[],
  nameOf: (a: Annotation) => string,
  id: unknown,
  letPick: boolean,
  find: (annotations: readonly Annotation[], start: number, end: number) => Annotation[] = annotationsAt,
): Promise<Annotation | undefined> {
  if (id !== undefined) {
    const found = typeof id === 'string' ? annotations.find((a) => a.id === id) : undefined;
    if (!found) void vscode.window.showErrorMessage(forMessage(`Attribution Lens: there is no annotation "${String(id)}" in this article.`));
    return found;
  }
  const { start, end } = selectionOffsets(article.editor);
  const hits = find(annotations, start, end);
  if (!hits.length) {
    void vscode.window.showInformationMessage('Attribution Lens: there is no annotation at the cursor.');
    return undefined;
  }
  if (hits.length === 1 || !letPick) return hits[0];
  const items = hits.map((a) => ({ ...annotationLabel(a, nameOf(a), article.doc.getText().slice(a.start, a.end)), annotation: a }));
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Attribution Lens: which annotation?',
    placeHolder: `${hits.length} annotations overlap here; the innermost is first`,
  });
  return pick?.annotation;
}

/** Display name of an annotation's speaker or demand, from the session's maps. */
export function nameIn(session: Pick<AnnotationSession, 'speakers' | 'demands'>): (a: Annotation) => string {
  return (a) =>
    a.type === 'demand'
      ? (session.demands.get(a.demand ?? '')?.summary ?? a.demand ?? '')
      : (session.speakers.get(a.speaker ?? '')?.name ?? a.speaker ?? '');
}

// --- most recently used speakers and demands, per workspace ------------------------------

const MRU_KEYS = { speaker: 'attributionLens.recentSpeakers', demand: 'attributionLens.recentDemands' } as const;

export function recent(deps: EditingDeps, kind: 'speaker' | 'demand'): string[] {
  const list = deps.workspaceState.get<unknown>(MRU_KEYS[kind]);
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

export async function used(deps: EditingDeps, kind: 'speaker' | 'demand', ...ids: (string | undefined)[]): Promise<void> {
  let list = recent(deps, kind);
  for (const id of ids.reverse()) if (id) list = touchMru(list, id);
  await deps.workspaceState.update(MRU_KEYS[kind], list);
}

export async function renamedInMru(deps: EditingDeps, kind: 'speaker' | 'demand', oldId: string, newId: string): Promise<void> {
  await deps.workspaceState.update(
    MRU_KEYS[kind],
    recent(deps, kind).map((id) => (id === oldId ? newId : id)),
  );
}

// --- after a change ------------------------------------------------------------------

let lastMessage: vscode.Disposable | undefined;

/** Shows a short message in the status bar, replacing the previous one. */
export function flash(text: string, ms = 8000): void {
  lastMessage?.dispose();
  // Every caller's text quotes names from the sidecar: no icons, links or bidi overrides.
  lastMessage = vscode.window.setStatusBarMessage(forMessage(text), ms);
}

/** Takes the last status-bar message away with the extension. */
export const flashes: vscode.Disposable = {
  dispose() {
    lastMessage?.dispose();
    lastMessage = undefined;
  },
};

/**
 * An annotation change is done: redraw, write the sidecar (or wait for the article's save),
 * and say what happened and how to undo it. A failed write rejects, before any message: the
 * command's error boundary reports it, and nothing claims the change was saved.
 */
export async function changed(store: ArticleStore, doc: vscode.TextDocument, done: string): Promise<void> {
  await store.writeInTurn(doc);
  const waiting = doc.isDirty ? ' (saved to the sidecar with the article)' : '';
  flash(`Attribution Lens: ${done}${waiting} — Undo: ${keyLabel(KEYS.undo)}`);
}
