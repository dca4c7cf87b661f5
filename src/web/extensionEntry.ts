// The extension's `browser` entry (web worker extension host: vscode.dev, github.dev, a server's
// web UI). No Node here: every file goes through vscode.workspace.fs, and the bundle is built for
// the browser (scripts/build.mjs), which fails the build if anything Node-only is pulled in.
import type * as vscode from 'vscode';
import { activateWith, AttributionLensApi } from '../extension';

export { deactivate } from '../extension';

export function activate(context: vscode.ExtensionContext): AttributionLensApi {
  return activateWith(context, {});
}
