// Start Annotating… (the status bar's invitation on an article with no sidecar, and the welcome
// views' button) and Show the Problem (the status bar's click on a broken sidecar).
import * as vscode from 'vscode';
import { ArticleStore } from '../articleStore';
import { Commands } from '../commandIds';
import { revealProblem } from '../staleState';
import { KEYS, keyLabel } from './keys';

/** The walkthrough's id as VS Code knows it: publisher.name#id. */
export const WALKTHROUGH = 'attribution-lens.attribution-lens#attributionLens.gettingStarted';

type StartAction = 'suggest' | 'mark' | 'walkthrough';

/** The ways to start, in the order offered; `arg.action` picks one without asking (tests, links). */
export async function startAnnotatingCommand(store: ArticleStore, arg?: unknown): Promise<StartAction | undefined> {
  const editor = vscode.window.activeTextEditor;
  const picks: (vscode.QuickPickItem & { action: StartAction })[] = [
    { action: 'mark', label: '$(edit) Mark the selection…', detail: `Select who speaks or what is said, then pick the kind (quote ${keyLabel(KEYS.markQuote)}, mention ${keyLabel(KEYS.markMention)})` },
    { action: 'suggest', label: '$(sparkle) Suggest annotations', detail: `The offline model proposes speakers and quotes to accept or reject (${keyLabel(KEYS.suggestAnnotations)})` },
    { action: 'walkthrough', label: '$(book) Get started step by step', detail: 'The walkthrough: the sample article, a first annotation, a first export' },
  ];
  const given = (arg as { action?: unknown } | undefined)?.action;
  const action = picks.some((p) => p.action === given)
    ? (given as StartAction)
    : (await vscode.window.showQuickPick(picks, { title: 'Attribution Lens: start annotating this article', placeHolder: 'The sidecar file is written beside the article with the first annotation' }))?.action;
  if (action === 'walkthrough') await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH, false);
  else if (action === 'suggest') await vscode.commands.executeCommand(Commands.suggestAnnotations);
  else if (action === 'mark') {
    if (!editor || !store.isArticle(editor.document)) void vscode.window.showInformationMessage('Attribution Lens: open an article (plain text or Markdown) first.');
    else if (editor.selection.isEmpty) {
      void vscode.window.showInformationMessage(
        `Attribution Lens: select the words someone says (or their name), then run Mark Selection… (${keyLabel(KEYS.markQuote)} marks a quote).`,
      );
    } else await vscode.commands.executeCommand(Commands.mark);
  }
  return action;
}

/** Opens the active (or given) article's sidecar at its first error, and the Problems panel. */
export async function showSidecarProblemCommand(store: ArticleStore, arg?: unknown): Promise<void> {
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
  const state = uri && store.get(uri);
  if (!state) {
    void vscode.window.showInformationMessage('Attribution Lens: open an article (plain text or Markdown) first.');
    return;
  }
  await revealProblem(state);
}

export const SAMPLE_ARTICLE = 'corbyn-jewish-leaders-meeting.txt';

/**
 * The walkthrough's first step: the sample article and its sidecar, from the extension's own
 * sample-docs, copied into the workspace folder (or the extension's storage when none is open)
 * unless a file of that name is there already, which is opened as it is: nothing is written over.
 */
export async function openSampleCommand(extensionUri: vscode.Uri, storageUri: vscode.Uri): Promise<vscode.TextEditor> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.joinPath(storageUri, 'sample');
  const target = vscode.Uri.joinPath(folder, SAMPLE_ARTICLE);
  if (!(await exists(target))) {
    await vscode.workspace.fs.createDirectory(folder);
    for (const name of [SAMPLE_ARTICLE, `${SAMPLE_ARTICLE}.annotations.yaml`]) {
      const to = vscode.Uri.joinPath(folder, name);
      if (!(await exists(to))) await vscode.workspace.fs.copy(vscode.Uri.joinPath(extensionUri, 'sample-docs', name), to, { overwrite: false });
    }
  }
  // Not a preview tab: the walkthrough's next steps work on it.
  return vscode.window.showTextDocument(target, { preview: false });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return false;
    throw e;
  }
}
