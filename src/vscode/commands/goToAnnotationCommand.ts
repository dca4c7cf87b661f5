// Go to Annotation…: a quick pick of every annotation of the active article, grouped by type
// (text order within a group), orphans last (picking one of those opens the sidecar where it
// is). Two rows at the top narrow the list to one type or one speaker; Enter on opening still
// goes to the first annotation.
import * as vscode from 'vscode';
import { AnnotationFilter, filterCounts, GROUP_TITLE, groupAnnotations, matchesFilter } from '../../core/annotationFilter';
import { firstWords } from '../../core/crossRefs';
import { Annotation, AnnotationType, ANNOTATION_TYPES } from '../../core/model';
import { plural } from '../../core/wording';
import { ArticleStore } from '../articleStore';
import { forMessage } from '../../core/displayText';
import { TYPE_ICON } from './labels';
import { revealOffset } from './revealOffsetCommand';

interface AnnotationPick extends vscode.QuickPickItem {
  offset?: number;
  /** The span's end: picking selects the whole span, as hover links and tree rows do. */
  end?: number;
  sidecarLine?: number;
  filter?: 'type' | 'speaker' | 'clear';
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
  const { speakers, demands } = model.sidecar;
  const speakerName = (id: string) => speakers.get(id)?.name ?? id;
  const nameOf = (a: Annotation) => (a.type === 'demand' ? (demands.get(a.demand ?? '')?.summary ?? a.demand ?? '') : speakerName(a.speaker ?? ''));
  const counts = filterCounts(model.placed, demands);
  let filter: AnnotationFilter = {};
  for (;;) {
    const pick = await showList(items(filter), filter);
    if (!pick) return;
    if (pick.filter === 'clear') filter = {};
    else if (pick.filter === 'type') filter = { ...filter, type: await pickType(filter.type) ?? filter.type };
    else if (pick.filter === 'speaker') filter = { ...filter, speaker: await pickSpeakerFilter(filter.speaker) ?? filter.speaker };
    else if (pick.offset !== undefined) return revealOffset(doc.uri.toString(), pick.offset, pick.end);
    else if (pick.sidecarLine !== undefined) {
      const pos = new vscode.Position(pick.sidecarLine, 0);
      await vscode.window.showTextDocument(state.sidecar, { selection: new vscode.Range(pos, pos) });
      return;
    }
  }

  function items(f: AnnotationFilter): { rows: AnnotationPick[]; first?: AnnotationPick } {
    const rows: AnnotationPick[] = [
      { label: '$(filter) Filter by type…', description: f.type ? `now: ${GROUP_TITLE[f.type].toLowerCase()} only` : 'quotes, demands, responses or mentions', filter: 'type' },
      { label: '$(person) Filter by speaker…', description: f.speaker ? forMessage(`now: ${speakerName(f.speaker)}`) : 'one speaker’s annotations', filter: 'speaker' },
    ];
    if (f.type || f.speaker) rows.push({ label: '$(clear-all) Show all annotations', filter: 'clear' });
    let first: AnnotationPick | undefined;
    for (const group of groupAnnotations(model.placed, f, demands)) {
      rows.push({ label: `${GROUP_TITLE[group.type]} (${group.annotations.length})`, kind: vscode.QuickPickItemKind.Separator });
      for (const a of group.annotations) {
        const row: AnnotationPick = {
          label: `${TYPE_ICON[a.type]} ${forMessage(nameOf(a))}`,
          description: forMessage(firstWords(doc.getText().slice(a.start, a.end), 10, 80)),
          detail: forMessage(`line ${doc.positionAt(a.start).line + 1} · ${a.type}${a.stance ? ` (${a.stance})` : ''} · ${a.id}`),
          offset: a.start,
          end: a.end,
        };
        first ??= row;
        rows.push(row);
      }
    }
    const orphans = model.orphans.filter((o) => matchesFilter(o.annotation, f, demands));
    if (orphans.length) rows.push({ label: `Need review (${orphans.length})`, kind: vscode.QuickPickItemKind.Separator });
    for (const o of orphans) {
      const where = model.parsed.annotationRanges.get(o.annotation.id)?.item[0] ?? 0;
      const row: AnnotationPick = {
        label: `$(warning) ${forMessage(nameOf(o.annotation))}`,
        description: forMessage(firstWords(o.annotation.text ?? '', 10, 80)),
        detail: forMessage(`${o.annotation.id}: ${o.reason} (opens the sidecar)`),
        sidecarLine: model.parsed.lineCounter.linePos(where).line - 1,
      };
      first ??= row;
      rows.push(row);
    }
    return { rows, first };
  }

  function showList(list: { rows: AnnotationPick[]; first?: AnnotationPick }, f: AnnotationFilter): Promise<AnnotationPick | undefined> {
    const narrowed = [f.type && GROUP_TITLE[f.type].toLowerCase(), f.speaker && speakerName(f.speaker)].filter(Boolean).join(', ');
    const qp = vscode.window.createQuickPick<AnnotationPick>();
    qp.title = forMessage(`Annotations in ${vscode.workspace.asRelativePath(doc.uri)}${narrowed ? ` · ${narrowed}` : ''}`);
    qp.placeholder = 'Type to filter (speaker, demand, text, line); the top rows narrow by type or speaker';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.items = list.rows;
    // The filter rows sit on top to be seen; Enter on opening still means the first annotation.
    if (list.first) qp.activeItems = [list.first];
    return new Promise((resolve) => {
      let chosen: AnnotationPick | undefined;
      qp.onDidAccept(() => {
        chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        qp.hide();
      });
      qp.onDidHide(() => {
        qp.dispose();
        resolve(chosen);
      });
      qp.show();
    });
  }

  async function pickType(current: AnnotationType | undefined): Promise<AnnotationType | undefined> {
    const pick = await vscode.window.showQuickPick(
      ANNOTATION_TYPES.filter((t) => counts.types.has(t)).map((t) => ({
        label: `${TYPE_ICON[t]} ${GROUP_TITLE[t]}`,
        description: plural(counts.types.get(t)!, t) + (t === current ? ' (now)' : ''),
        type: t,
      })),
      { title: 'Attribution Lens: Go to Annotation: only one type', placeHolder: 'Show only the annotations of this type' },
    );
    return pick?.type;
  }

  async function pickSpeakerFilter(current: string | undefined): Promise<string | undefined> {
    const pick = await vscode.window.showQuickPick(
      [...counts.speakers.entries()]
        .sort((a, b) => b[1] - a[1] || speakerName(a[0]).localeCompare(speakerName(b[0])))
        .map(([id, n]) => ({ label: forMessage(speakerName(id)), description: forMessage(`${id} · ${plural(n, 'annotation')}${id === current ? ' (now)' : ''}`), id })),
      { title: 'Attribution Lens: Go to Annotation: only one speaker', placeHolder: 'Show only this speaker’s annotations (and the demands they make); type to filter', matchOnDescription: true },
    );
    return pick?.id;
  }
}
