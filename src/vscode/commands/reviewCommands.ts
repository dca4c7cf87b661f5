// The Needs review actions: Re-attach to Selection, Accept (after a diff of the old and new
// text and a confirmation), Delete. Each is one undoable annotation change, written to the
// sidecar like any other. From a tree row (its node), or from the palette: the item at the
// cursor, or one picked from the list.
import * as vscode from 'vscode';
import { firstWords } from '../../core/crossRefs';
import { forMessage } from '../../core/displayText';
import { ArticleStore } from '../articleStore';
import { ReviewEntry, reviewEntries, ReviewNode, ReviewTexts } from '../reviewView';
import { changed, EditingDeps } from './commandContext';
import { quoted } from './labels';

export interface ReviewDeps extends EditingDeps {
  texts: ReviewTexts;
}

type Action = 'reattach' | 'accept' | 'delete';

const TITLES: Record<Action, string> = { reattach: 'Re-attach to Selection', accept: 'Accept', delete: 'Delete' };

/** The entry a command acts on: the tree row's, the one at the cursor, or a pick. */
async function target(store: ArticleStore, action: Action, arg: unknown): Promise<{ entry: ReviewEntry; doc: vscode.TextDocument } | undefined> {
  const node = arg && typeof arg === 'object' && 'entry' in arg ? (arg as ReviewNode) : undefined;
  const id = arg && typeof arg === 'object' && 'id' in arg ? String((arg as { id: unknown }).id) : undefined;
  const article = node?.entry.article ?? vscode.window.activeTextEditor?.document.uri;
  const doc = article && vscode.workspace.textDocuments.find((d) => d.uri.toString() === article.toString());
  if (!article || !doc || !store.isArticle(doc)) {
    void vscode.window.showInformationMessage('Attribution Lens: open an article (plain text or Markdown) first.');
    return undefined;
  }
  const entries = reviewEntries(store, article).filter((e) => action !== 'accept' || e.status === 'repaired' || e.proposal);
  const wanted = node?.entry.annotation.id ?? id;
  if (wanted !== undefined) {
    const entry = entries.find((e) => e.annotation.id === wanted);
    if (!entry) void vscode.window.showErrorMessage(forMessage(`Attribution Lens: annotation "${wanted}" does not need review here${action === 'accept' ? ', or has no place to accept' : ''}.`));
    return entry && { entry, doc };
  }
  if (!entries.length) {
    void vscode.window.showInformationMessage(`Attribution Lens: nothing in this article to ${TITLES[action].toLowerCase()}.`);
    return undefined;
  }
  // The item under the cursor: a repaired span, or an orphan's proposal.
  const editor = vscode.window.activeTextEditor;
  if (editor?.document === doc) {
    const at = doc.offsetAt(editor.selection.active);
    const here = entries.find((e) => (e.status === 'repaired' ? e.annotation : e.proposal) && within(at, e.status === 'repaired' ? e.annotation : e.proposal!));
    if (here && action !== 'reattach') return { entry: here, doc };
  }
  const pick = await vscode.window.showQuickPick(
    entries.map((e) => ({
      label: forMessage(`${e.status}: ${firstWords(e.oldText ?? '', 10, 70) || e.annotation.id}`),
      description: forMessage([e.annotation.id, e.annotation.type, e.name].filter(Boolean).join(' · ')),
      detail: e.newText !== undefined ? forMessage(`now: ${firstWords(e.newText, 12, 90)}`) : undefined,
      entry: e,
    })),
    { title: `Attribution Lens: ${TITLES[action]}`, placeHolder: 'Which annotation?' },
  );
  return pick && { entry: pick.entry, doc };
}

function within(offset: number, span: { start: number; end: number }): boolean {
  return span.start <= offset && offset <= span.end;
}

function describe(e: ReviewEntry): string {
  return `${e.annotation.type} ${e.annotation.id}${e.name ? ` (${e.name})` : ''}`;
}

/** Places an orphan or a repaired span on the article editor's selection, its flag dropped. */
export async function reattachCommand(deps: EditingDeps, arg?: unknown): Promise<boolean> {
  const found = await target(deps.store, 'reattach', arg);
  if (!found) return false;
  const { entry, doc } = found;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === doc);
  if (!editor || editor.selection.isEmpty) {
    void vscode.window.showInformationMessage(forMessage(`Attribution Lens: select the words in the article to attach ${describe(entry)} to, then run Re-attach to Selection again.`));
    return false;
  }
  const session = await deps.store.editableSession(doc);
  if (!session) return false;
  const start = doc.offsetAt(editor.selection.start);
  const end = doc.offsetAt(editor.selection.end);
  session.reattach(entry.annotation.id, start, end, `Re-attach ${describe(entry)}`);
  await changed(deps.store, doc, `re-attached ${describe(entry)} to ${quoted(doc.getText().slice(start, end))}`);
  return true;
}

/**
 * Accepts a repaired span where it is, or places an orphan at its proposal: first the old and
 * new text side by side (a diff of two read-only documents), then a modal confirmation.
 */
export async function acceptCommand(deps: ReviewDeps, arg?: unknown): Promise<boolean> {
  const found = await target(deps.store, 'accept', arg);
  if (!found) return false;
  const { entry, doc } = found;
  const left = deps.texts.put(`${entry.annotation.id}-before`, entry.oldText ?? '');
  const right = deps.texts.put(`${entry.annotation.id}-${entry.status === 'repaired' ? 'now' : 'proposed'}`, entry.newText ?? '');
  const title = forMessage(`${describe(entry)}: ${entry.status === 'repaired' ? 'stored text ↔ text now' : 'orphan ↔ proposed place'}`);
  // Not a preview: it would take the place of an article opened as a preview, and closing it would close that too.
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false, preserveFocus: false });
  const choice = await vscode.window.showInformationMessage(
    forMessage(entry.status === 'repaired' ? `Accept ${describe(entry)} on its edited text?` : `Place ${describe(entry)} at the proposed text?`),
    { modal: true, detail: forMessage(`Was: ${firstWords(entry.oldText ?? '', 30, 300)}\nNow: ${firstWords(entry.newText ?? '', 30, 300)}`) },
    'Accept',
  );
  await closeDiff(left, right);
  if (choice !== 'Accept') return false;
  const session = await deps.store.editableSession(doc);
  if (!session) return false;
  // The model may have moved on while the dialog was open: act on the item as it is now.
  const now = reviewEntries(deps.store, doc.uri).find((e) => e.annotation.id === entry.annotation.id);
  if (!now || (now.status === 'orphan' && !now.proposal)) {
    void vscode.window.showErrorMessage(forMessage(`Attribution Lens: ${describe(entry)} changed meanwhile; nothing was accepted.`));
    return false;
  }
  if (now.status === 'repaired') session.acceptReview(now.annotation.id, `Accept ${describe(now)}`);
  else session.reattach(now.annotation.id, now.proposal!.start, now.proposal!.end, `Accept ${describe(now)} at its proposed place`);
  await changed(deps.store, doc, `accepted ${describe(now)} on ${quoted(now.newText ?? '')}`);
  return true;
}

/** Deletes an orphan or a repaired span. No confirmation: Undo brings it back. */
export async function deleteReviewCommand(deps: EditingDeps, arg?: unknown): Promise<boolean> {
  const found = await target(deps.store, 'delete', arg);
  if (!found) return false;
  const { entry, doc } = found;
  const session = await deps.store.editableSession(doc);
  if (!session) return false;
  session.deleteReviewItem(entry.annotation.id, `Delete ${describe(entry)}`);
  await changed(deps.store, doc, `deleted ${describe(entry)}: ${quoted(entry.oldText ?? '')}`);
  return true;
}

async function closeDiff(left: vscode.Uri, right: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.toString() === left.toString() && t.input.modified.toString() === right.toString());
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
