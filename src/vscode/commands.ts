// Command handlers. Each takes its services explicitly; extension.ts registers them.
import * as vscode from 'vscode';
import { firstWords } from '../core/crossRefs';
import { Annotation } from '../core/model';
import { ArticleStore } from './articleStore';

const TYPE_ICON: Record<Annotation['type'], string> = {
  mention: '$(person)',
  quote: '$(quote)',
  demand: '$(megaphone)',
  response: '$(reply)',
};

interface AnnotationPick extends vscode.QuickPickItem {
  offset?: number;
  sidecarLine?: number;
}

/** A quick pick of every annotation of the active article, in text order; orphans last. */
export async function showAnnotations(store: ArticleStore): Promise<void> {
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
    label: `${TYPE_ICON[a.type]} ${escapeIcons(nameOf(a))}`,
    description: firstWords(doc.getText().slice(a.start, a.end), 10, 80),
    detail: `line ${doc.positionAt(a.start).line + 1} · ${a.type}${a.stance ? ` (${a.stance})` : ''} · ${a.id}`,
    offset: a.start,
  }));
  if (model.orphans.length) items.push({ label: 'Need review', kind: vscode.QuickPickItemKind.Separator });
  for (const o of model.orphans) {
    const where = model.parsed.annotationRanges.get(o.annotation.id)?.item[0] ?? 0;
    items.push({
      label: `$(warning) ${escapeIcons(nameOf(o.annotation))}`,
      description: firstWords(o.annotation.text ?? '', 10, 80),
      detail: `${o.annotation.id}: ${o.reason} (opens the sidecar)`,
      sidecarLine: model.parsed.lineCounter.linePos(where).line - 1,
    });
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: `Annotations in ${vscode.workspace.asRelativePath(doc.uri)}`,
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

/** Moves the cursor to an offset of an article; the target of hover-card links. */
export async function revealOffset(uri: unknown, offset: unknown): Promise<void> {
  if (typeof uri !== 'string' || typeof offset !== 'number' || !Number.isFinite(offset)) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri, true));
  const pos = doc.positionAt(offset);
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export async function openSidecar(store: ArticleStore): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !store.isArticle(editor.document)) {
    void vscode.window.showInformationMessage('Attribution Lens: open an article (plain text or Markdown) first.');
    return;
  }
  const uri = store.sidecarUriFor(editor.document.uri);
  try {
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside });
  } catch {
    void vscode.window.showInformationMessage(`Attribution Lens: ${vscode.workspace.asRelativePath(uri)} does not exist yet.`);
  }
}

export async function reloadSidecar(store: ArticleStore): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor && store.isArticle(editor.document)) await store.load(editor.document);
}

/** Names from a sidecar must not turn into icons in quick-pick labels. */
export function escapeIcons(s: string): string {
  return s.replace(/\$\(/g, '$\u200B(');
}
