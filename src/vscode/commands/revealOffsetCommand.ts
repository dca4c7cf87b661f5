// Reveal Annotation: the target of hover-card links and of the side-bar trees' items, so its
// arguments come from a link: anything that is not an article URI and an offset is ignored.
import * as vscode from 'vscode';

/** Moves the cursor to an offset of an article. */
export async function revealOffset(uri: unknown, offset: unknown): Promise<void> {
  if (typeof uri !== 'string' || typeof offset !== 'number' || !Number.isFinite(offset)) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  const pos = doc.positionAt(offset);
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
