// The extension's `main` (Node extension host: desktop, remote, Codespaces): local files through
// node:fs (NodeHost), everything else as in the browser.
import type * as vscode from 'vscode';
import { activateWith, AttributionLensApi } from '../extension';
import { NodeHost } from './nodeHost';

export { deactivate } from '../extension';

export function activate(context: vscode.ExtensionContext): AttributionLensApi {
  return activateWith(context, { localFiles: new NodeHost() });
}
