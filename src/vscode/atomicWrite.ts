// Writing a sidecar so that no reader ever sees it half-written or missing: the pipeline's atomic
// write (a uniquely named temporary sibling, then a rename over the file) on the workspace host.
import * as vscode from 'vscode';
import { writeAtomic } from '../core/pipeline/write';
import { WorkspaceHost } from './workspaceHost';

export async function writeFileAtomic(uri: vscode.Uri, content: string): Promise<void> {
  await writeAtomic(new WorkspaceHost(uri), uri.path, content);
}
