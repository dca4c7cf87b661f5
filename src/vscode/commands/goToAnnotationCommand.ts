// Go to Annotation…: a quick pick of every annotation of the active article, in text order,
// orphans last (picking one of those opens the sidecar where it is).
import * as vscode from 'vscode';
import { firstWords } from '../../core/crossRefs';
import { Annotation } from '../../core/model';
import { ArticleStore } from '../articleStore';
import { forMessage } from '../../core/displayText';
import { TYPE_ICON } from './labels';
import { revealOffset } from './revealOffsetCommand';

interface AnnotationPick extends vscode.QuickPickItem {
  offset?: number;
  sidecarLine?: number;
}

export async function goToAnnotationCommand(store: ArticleStore): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const state = editor && store.get(editor.document.uri);
  if (!editor || !state?.model) {
    void vscode.window.showInformationMessage('Attribution Lens: the active editor is not an annotated article.');
    return;
  }
  const { model } = state;
  const doc = editor.document;
  const nameOf = (a: Annotation) =>
    a.type === 'demand' ? (model.sidecar.demands.get(a.demand ?? '')?.summary ?? a.demand ?? '') : (model.sidecar.speakers.get(a.speaker ?? '')?.name ?? a.speaker ?? '');
  const items: AnnotationPick[] = model.placed.map((a) => ({
    label: `${TYPE_ICON[a.type]} ${forMessage(nameOf(a))}`,
    description: forMessage(firstWords(doc.getText().slice(a.start, a.end), 10, 80)),
    detail: forMessage(`line ${doc.positionAt(a.start).line + 1} · ${a.type}${a.stance ? ` (${a.stance})` : ''} · ${a.id}`),
    offset: a.start,
  }));
  if (model.orphans.length) items.push({ label: 'Need review', kind: vscode.QuickPickItemKind.Separator });
  for (const o of model.orphans) {
    const where = model.parsed.annotationRanges.get(o.annotation.id)?.item[0] ?? 0;
    items.push({
      label: `$(warning) ${forMessage(nameOf(o.annotation))}`,
      description: forMessage(firstWords(o.annotation.text ?? '', 10, 80)),
      detail: forMessage(`${o.annotation.id}: ${o.reason} (opens the sidecar)`),
      sidecarLine: model.parsed.lineCounter.linePos(where).line - 1,
    });
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: forMessage(`Annotations in ${vscode.workspace.asRelativePath(doc.uri)}`),
    placeHolder: 'Type to filter by speaker, demand, text or line',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (pick?.offset !== undefined) await revealOffset(doc.uri.toString(), pick.offset);
  else if (pick?.sidecarLine !== undefined) {
    const pos = new vscode.Position(pick.sidecarLine, 0);
    await vscode.window.showTextDocument(state.sidecar, { selection: new vscode.Range(pos, pos) });
  }
}
