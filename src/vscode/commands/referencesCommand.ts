// Peek All Annotations of the Speaker or Demand at the cursor: every stored span of that
// speaker (mentions, quotes, responses) or demand (its statements and the responses to it),
// in VS Code's peek view.
import * as vscode from 'vscode';
import { annotationsAt } from '../../core/editing';
import { ArticleStore } from '../articleStore';
import { activeArticle, quoted, selectionOffsets } from './commandContext';

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
    const { start, end } = selectionOffsets(editor);
    // The innermost annotation; a response belongs to its speaker (its demand is one hop on),
    // and a name or alias that is not stored still says which speaker.
    const a = annotationsAt(annotations, start, end)[0];
    const alias = a ? undefined : model.index.covering(start).find((s) => s.kind === 'alias');
    if (a?.type === 'demand' && a.demand) [kind, id] = ['demand', a.demand];
    else if (a?.speaker) [kind, id] = ['speaker', a.speaker];
    else if (alias?.kind === 'alias') [kind, id] = ['speaker', alias.speaker];
    else {
      void vscode.window.showInformationMessage('Attribution Lens: put the cursor on a speaker or demand annotation (or a speaker’s name).');
      return undefined;
    }
  }
  const name = kind === 'speaker' ? speakers.get(id)?.name : demands.get(id)?.summary;
  if (name === undefined) {
    void vscode.window.showErrorMessage(`Attribution Lens: there is no ${kind} "${id}" in this article.`);
    return undefined;
  }
  const spans = annotations.filter((a) => (kind === 'speaker' ? a.speaker === id : a.demand === id));
  if (!spans.length) {
    void vscode.window.showInformationMessage(`Attribution Lens: ${quoted(name)} has no annotations in this article.`);
    return [];
  }
  const locations = spans.map((a) => new vscode.Location(doc.uri, new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end))));
  await vscode.commands.executeCommand('editor.action.peekLocations', doc.uri, editor.selection.active, locations, 'peek');
  return locations;
}
