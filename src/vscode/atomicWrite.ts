// Writing a sidecar so that no reader ever sees it half-written or missing.
import * as fs from 'node:fs/promises';
import * as vscode from 'vscode';

/**
 * Writes a temporary sibling, then renames it over the file. On local files this uses Node's
 * rename, which replaces the target in one step; VS Code's `workspace.fs.rename` with
 * `overwrite` deletes the target first, leaving a moment with no file at all. Other file
 * systems (virtual workspaces) only have workspace.fs.
 */
export async function writeFileAtomic(uri: vscode.Uri, content: string): Promise<void> {
  const bytes = new TextEncoder().encode(content);
  const tmp = uri.with({ path: `${uri.path}.${process.pid}-${Date.now()}.tmp` });
  try {
    if (uri.scheme === 'file') {
      await fs.writeFile(tmp.fsPath, bytes);
      await fs.rename(tmp.fsPath, uri.fsPath);
    } else {
      await vscode.workspace.fs.writeFile(tmp, bytes);
      await vscode.workspace.fs.rename(tmp, uri, { overwrite: true });
    }
  } catch (e) {
    await fs.rm(tmp.fsPath, { force: true }).catch(() => undefined);
    throw e;
  }
}
