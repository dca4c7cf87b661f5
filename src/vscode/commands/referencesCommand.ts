// Peek All Annotations of the Speaker or Demand at the cursor: every stored span of that
// speaker (mentions, quotes, responses) or demand (its statements and the responses to it),
// in VS Code's peek view.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { ArticleStore } from '../articleStore';
import { entityAt } from '../entities';
import { activeArticle, selectionOffsets } from './commandContext';
import { quoted } from './labels';

export interface ReferencesArgs {
  speaker?: string;
  demand?: string;
}

export async function referencesCommand(store: ArticleStore, rawArgs?: unknown): Promise<vscode.Location[] | undefined> {
  const args: ReferencesArgs = rawArgs && typeof rawArgs === 'object' ? (rawArgs as ReferencesArgs) : {};
  const article = activeArticle(store);
  if (!article) return undefined;
  const { editor, doc } = article;
  const state = store.get(doc.uri) ?? (await store.load(doc));
  const session = state?.session;
  const model = state?.model;
  if (!model) {
    void vscode.window.showInformationMessage('Attribution Lens: this article has no annotations.');
    return undefined;
  }
  const annotations = session?.annotations() ?? model.placed;
  const speakers = session?.speakers ?? model.sidecar.speakers;
  const demands = session?.demands ?? model.sidecar.demands;

  let kind: 'speaker' | 'demand';
  let id: string;
  if (typeof args.speaker === 'string') [kind, id] = ['speaker', args.speaker];
  else if (typeof args.demand === 'string') [kind, id] = ['demand', args.demand];
  else {
    // The same owner Go to Definition and Find All References pick: the innermost span,
    // so a name inside someone else's quote means the named speaker.
    const found = entityAt(model, selectionOffsets(editor).start);
    if (!found) {
      void vscode.window.showInformationMessage('Attribution Lens: put the cursor on a speaker or demand annotation (or a speaker’s name).');
      return undefined;
    }
    [kind, id] = [found.entity.kind, found.entity.id];
  }
  const name = kind === 'speaker' ? speakers.get(id)?.name : demands.get(id)?.summary;
  if (name === undefined) {
    void vscode.window.showErrorMessage(forMessage(`Attribution Lens: there is no ${kind} "${id}" in this article.`));
    return undefined;
  }
  const spans = annotations.filter((a) => (kind === 'speaker' ? a.speaker === id : a.demand === id));
  if (!spans.length) {
    void vscode.window.showInformationMessage(forMessage(`Attribution Lens: ${quoted(name)} has no annotations in this article.`));
    return [];
  }
  const locations = spans.map((a) => new vscode.Location(doc.uri, new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end))));
  await vscode.commands.executeCommand('editor.action.peekLocations', doc.uri, editor.selection.active, locations, 'peek');
  return locations;
}
