// Reveal Annotation: the target of hover-card links and of the side-bar trees' items, so its
// arguments come from a link: anything that is not an article URI and an offset is ignored.
import * as vscode from 'vscode';

/**
 * Selects the span [offset, end) of an article and scrolls to it, so the next keystroke (a
 * resize, Set Span to Selection, a copy) acts on that span. Without a valid `end`, only moves the
 * cursor to `offset`.
 */
export async function revealOffset(uri: unknown, offset: unknown, end?: unknown): Promise<void> {
  if (typeof uri !== 'string' || !isOffset(offset)) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  const start = doc.positionAt(offset);
  const stop = isOffset(end) && end > offset ? doc.positionAt(end) : start;
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(start, stop);
  editor.revealRange(new vscode.Range(start, stop), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function isOffset(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}
