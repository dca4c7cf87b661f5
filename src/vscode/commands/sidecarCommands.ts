// Open Sidecar File and Reload Sidecar: the active article's sidecar, beside it or read again.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { ArticleStore } from '../articleStore';
import { activeArticle } from './commandContext';

export async function openSidecarCommand(store: ArticleStore): Promise<void> {
  const article = activeArticle(store);
  if (!article) return;
  const uri = store.sidecarUriFor(article.doc.uri);
  try {
    await vscode.workspace.fs.stat(uri);
  } catch (e) {
    if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) throw e;
    void vscode.window.showInformationMessage(forMessage(`Attribution Lens: ${vscode.workspace.asRelativePath(uri)} does not exist yet.`));
    return;
  }
  await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
}

export async function reloadSidecarCommand(store: ArticleStore): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor && store.isArticle(editor.document)) await store.load(editor.document);
}
