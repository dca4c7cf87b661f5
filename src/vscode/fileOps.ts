// The sidecar follows its article: renaming or moving the article in VS Code moves the
// sidecar in the same operation (so the rename's undo brings both back), and deleting the
// article asks whether its sidecar should go too.
import * as vscode from 'vscode';
import { parseDocument } from 'yaml';
import { forMessage } from '../core/displayText';
import { SIDECAR_TO_STRING_OPTIONS } from '../core/sidecar';
import { ArticleStore } from './articleStore';
import { writeFileAtomic } from './atomicWrite';
import { Config } from './config';

export function registerFileOps(store: ArticleStore, config: () => Config): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onWillRenameFiles((e) => e.waitUntil(sidecarRenames(store, e.files))),
    vscode.workspace.onDidRenameFiles((e) => void fixDocumentFields(store, e.files)),
    vscode.workspace.onDidDeleteFiles((e) => void offerSidecarDeletion(store, e.files, config().sidecarOnArticleDelete)),
  );
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function sidecarRenames(store: ArticleStore, files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<vscode.WorkspaceEdit> {
  const edit = new vscode.WorkspaceEdit();
  for (const { oldUri, newUri } of files) {
    const from = store.sidecarUriFor(oldUri);
    const to = store.sidecarUriFor(newUri);
    // A folder has no sidecar of its own (its files' sidecars move with it); never overwrite one.
    if (from.toString() === to.toString() || !(await exists(from)) || (await exists(to))) continue;
    edit.renameFile(from, to, { overwrite: false, ignoreIfExists: true });
  }
  return edit;
}

/** `document.file` names the article; after a rename it must name the new file. */
async function fixDocumentFields(store: ArticleStore, files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
  for (const { newUri } of files) {
    const sidecar = store.sidecarUriFor(newUri);
    if (!(await exists(sidecar))) continue;
    const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(sidecar));
    const doc = parseDocument(source);
    const name = newUri.path.slice(newUri.path.lastIndexOf('/') + 1);
    // A file that does not parse is never rewritten; one without `document.file` needs nothing.
    if (doc.errors.length || !doc.hasIn(['document', 'file']) || doc.getIn(['document', 'file']) === name) continue;
    doc.setIn(['document', 'file'], name);
    await writeFileAtomic(sidecar, doc.toString(SIDECAR_TO_STRING_OPTIONS));
  }
}

export const DELETE_SIDECAR = 'Delete Sidecar';
export const KEEP_SIDECAR = 'Keep Sidecar';

/**
 * The sidecar is the user's work, so by default we ask; dismissing the prompt keeps it. Deletion
 * goes to the trash where there is one, so even "delete" can be taken back.
 */
async function offerSidecarDeletion(store: ArticleStore, files: readonly vscode.Uri[], mode: Config['sidecarOnArticleDelete']): Promise<void> {
  if (mode === 'keep') return;
  for (const uri of files) {
    const sidecar = store.sidecarUriFor(uri);
    if (!(await exists(sidecar))) continue;
    if (mode === 'ask') {
      const choice = await vscode.window.showWarningMessage(
        forMessage(`Attribution Lens: ${vscode.workspace.asRelativePath(uri)} was deleted. Delete its annotations (${vscode.workspace.asRelativePath(sidecar)}) too?`),
        DELETE_SIDECAR,
        KEEP_SIDECAR,
      );
      if (choice !== DELETE_SIDECAR) continue;
    }
    try {
      await vscode.workspace.fs.delete(sidecar, { useTrash: true });
    } catch {
      // No trash on this file system (remote, virtual): the user asked for deletion, so delete.
      await vscode.workspace.fs.delete(sidecar, { useTrash: false });
    }
  }
}
