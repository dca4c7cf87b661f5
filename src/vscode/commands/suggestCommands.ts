// Suggest Annotations and the decisions on its suggestions. An accept adds annotations (origin
// suggested, a fresh id, with the speakers and demands they refer to when new) and a reject records
// the suggestion in the sidecar's `rejected` list, each as one change of the article's session, so
// Undo Annotation Change takes either back and the suggestion is pending again.
import * as vscode from 'vscode';
import { firstWords } from '../../core/crossRefs';
import { acceptance, groupKey, groupSuggestions, rejection, stepSuggestion, suggestionsAt, suggestionsIn } from '../../core/suggest/pending';
import { Suggestion } from '../../core/suggest/suggestions';
import { errorText } from '../../core/wording';
import { SuggestionTarget } from '../suggestProviders';
import { SuggestionStore } from '../suggestStore';
import { ArticleEditor, changed, EditingDeps, flash, selectionOffsets } from './commandContext';
import { KEYS, keyLabel } from './keys';
import { quoted } from './labels';

export interface SuggestDeps extends EditingDeps {
  suggestions: SuggestionStore;
}

type Verdict = 'accept' | 'reject';

/** Runs the engine on the article (the active one, or `arg.article`) with a cancellable progress notification. */
export async function suggestCommand(deps: SuggestDeps, arg?: unknown): Promise<number | undefined> {
  const article = articleOf(deps, arg);
  if (!article) return undefined;
  const { doc } = article;
  // The sidecar must be one we may change (its annotations and rejections are what is not proposed).
  if (!(await deps.store.editableSession(doc))) return undefined;
  const found = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Attribution Lens: suggesting annotations', cancellable: true },
    (progress, token) => runEngine(deps.suggestions, doc, token, progress),
  );
  if (found === undefined) return undefined;
  if (!found.length) void vscode.window.showInformationMessage('Attribution Lens: no new suggestions in this article.');
  else flash(`Attribution Lens: ${found.length} suggestions — accept ${keyLabel(KEYS.acceptSuggestion)}, reject ${keyLabel(KEYS.rejectSuggestion)}, next ${keyLabel(KEYS.nextSuggestion)}`);
  return found.length;
}

/** The setting attributionLens.suggest.onOpen: a quiet run (status bar progress) on an article that has no sidecar. */
export async function suggestOnOpen(deps: SuggestDeps, doc: vscode.TextDocument): Promise<void> {
  const found = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Attribution Lens: suggesting' }, () => runEngine(deps.suggestions, doc));
  if (found?.length) flash(`Attribution Lens: ${found.length} suggestions in ${vscode.workspace.asRelativePath(doc.uri)} — next ${keyLabel(KEYS.nextSuggestion)}`);
}

async function runEngine(suggestions: SuggestionStore, doc: vscode.TextDocument, token?: vscode.CancellationToken, progress?: vscode.Progress<{ increment?: number }>): Promise<Suggestion[] | undefined> {
  let reported = 0;
  try {
    const found = await suggestions.suggest(doc, {
      between: async (done, total) => {
        const percent = total ? (done / total) * 100 : 100;
        progress?.report({ increment: percent - reported });
        reported = percent;
        // The engine runs on this thread: let the editor breathe between pieces.
        await new Promise((resolve) => setTimeout(resolve, 0));
        return !token?.isCancellationRequested;
      },
    });
    if (found === undefined && !token?.isCancellationRequested) void vscode.window.showWarningMessage('Attribution Lens: the article changed while suggesting; run Suggest Annotations again.');
    return token?.isCancellationRequested ? undefined : found;
  } catch (e) {
    throw new Error(`could not suggest annotations: ${errorText(e)}`);
  }
}

/** Accepts or rejects the suggestion given (`arg.key`), or the one at the cursor. */
export async function decideOneCommand(deps: SuggestDeps, verdict: Verdict, arg?: unknown): Promise<void> {
  const article = articleOf(deps, arg);
  if (!article) return;
  const pending = deps.suggestions.pending(article.doc);
  const key = targetOf(arg)?.key;
  const chosen = key !== undefined ? pending.find((s) => s.key === key) : article.editor && suggestionsAt(pending, ...range(article.editor))[0];
  if (!chosen) return flash(`Attribution Lens: no pending suggestion ${key !== undefined ? 'with that key' : 'at the cursor'}`, 4000);
  const what = `suggested ${chosen.annotation.type} ${quoted(chosen.annotation.text ?? '', 40)}`;
  await decide(deps, article, [chosen], verdict, `${verdict === 'accept' ? 'Accept' : 'Reject'} ${what}`);
}

/** Every pending suggestion of one speaker (`arg.group`, else the one at the cursor's, else picked). */
export async function decideSpeakerCommand(deps: SuggestDeps, verdict: Verdict, arg?: unknown): Promise<void> {
  const article = articleOf(deps, arg);
  if (!article) return;
  const pending = deps.suggestions.pending(article.doc);
  let group = targetOf(arg)?.group;
  if (group === undefined && article.editor) {
    const here = suggestionsAt(pending, ...range(article.editor))[0];
    group = here && groupKey(here);
  }
  group ??= await pickGroup(deps.suggestions, article, pending, verdict);
  if (group === undefined) return;
  const chosen = pending.filter((s) => groupKey(s) === group);
  if (!chosen.length) return flash('Attribution Lens: no pending suggestions of that speaker', 4000);
  const name = groupName(deps.suggestions, article, chosen[0]);
  await decide(deps, article, chosen, verdict, `${verdict === 'accept' ? 'Accept' : 'Reject'} ${chosen.length} suggestions of ${name}`);
}

/** Every pending suggestion overlapping the selection (or `arg.range`). */
export async function decideSelectionCommand(deps: SuggestDeps, verdict: Verdict, arg?: unknown): Promise<void> {
  const article = articleOf(deps, arg);
  if (!article) return;
  const given = targetOf(arg)?.range;
  const [start, end] = given ?? (article.editor ? range(article.editor) : [0, 0]);
  const chosen = suggestionsIn(deps.suggestions.pending(article.doc), start, Math.max(end, start + 1));
  if (!chosen.length) return flash('Attribution Lens: no pending suggestions in the selection', 4000);
  await decide(deps, article, chosen, verdict, `${verdict === 'accept' ? 'Accept' : 'Reject'} ${chosen.length} suggestion${chosen.length > 1 ? 's' : ''} in the selection`);
}

/** Selects the next (or previous) pending suggestion, wrapping around. */
export function stepCommand(deps: SuggestDeps, direction: 'next' | 'previous'): Suggestion | undefined {
  const article = articleOf(deps, undefined);
  const editor = article?.editor;
  if (!article || !editor) return undefined;
  const pending = deps.suggestions.pending(article.doc);
  const [start, end] = range(editor);
  const current = pending.find((s) => s.annotation.start === start && s.annotation.end === end);
  const step = stepSuggestion(pending, start, end, direction, current?.key);
  if (!step) {
    flash(`Attribution Lens: no pending suggestions in this article — Suggest Annotations: ${keyLabel(KEYS.suggestAnnotations)}`, 4000);
    return undefined;
  }
  const a = step.suggestion.annotation;
  const doc = article.doc;
  editor.selection = new vscode.Selection(doc.positionAt(a.start), doc.positionAt(a.end));
  editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  const index = pending.indexOf(step.suggestion) + 1;
  flash(`Attribution Lens: suggestion ${index} of ${pending.length}${step.wrapped ? ' (wrapped around)' : ''}: ${a.type} ${quoted(firstWords(a.text ?? ''), 40)}`, 4000);
  return step.suggestion;
}

/** Forgets the article's suggestions without rejecting them (a new run proposes them again). */
export function dismissCommand(deps: SuggestDeps, arg?: unknown): void {
  const article = articleOf(deps, arg);
  if (article) deps.suggestions.clear(article.doc.uri);
}

async function decide(deps: SuggestDeps, article: ArticleEditor | { doc: vscode.TextDocument; editor?: undefined }, chosen: Suggestion[], verdict: Verdict, label: string): Promise<void> {
  const { doc } = article;
  const session = await deps.store.editableSession(doc);
  if (!session) return;
  if (verdict === 'accept') {
    const add = acceptance(chosen, deps.suggestions.runOf(doc.uri)!, session);
    session.group(label, () => {
      for (const s of add.speakers) session.upsertSpeaker(s);
      for (const d of add.demands) session.upsertDemand(d);
      for (const a of add.annotations) session.addAnnotation(a);
    });
  } else {
    const text = doc.getText();
    session.rejectSuggestions(chosen.map((s) => rejection(s, text)), label);
  }
  const done = label.replace(/^Accept/, 'accepted').replace(/^Reject/, 'rejected');
  await changed(deps.store, doc, done);
}

async function pickGroup(suggestions: SuggestionStore, article: { doc: vscode.TextDocument }, pending: Suggestion[], verdict: Verdict): Promise<string | undefined> {
  const groups = groupSuggestions(pending);
  if (!groups.size) return undefined;
  const items = [...groups].map(([group, list]) => ({ label: groupName(suggestions, article, list[0]), description: `${list.length} suggestions`, group }));
  const pick = await vscode.window.showQuickPick(items, { title: `Attribution Lens: ${verdict} all suggestions of which speaker?` });
  return pick?.group;
}

function groupName(suggestions: SuggestionStore, article: { doc: vscode.TextDocument }, s: Suggestion): string {
  const name = suggestions.speakerName(article.doc.uri, s.annotation.speaker);
  return name ? quoted(name, 40) : `type ${s.annotation.type}`;
}

function range(editor: vscode.TextEditor): [number, number] {
  const { start, end } = selectionOffsets(editor);
  return [start, end];
}

function targetOf(arg: unknown): Partial<SuggestionTarget> | undefined {
  return arg && typeof arg === 'object' ? (arg as Partial<SuggestionTarget>) : undefined;
}

/** The article a command is about: `arg.article` when open, else the active editor's. */
function articleOf(deps: SuggestDeps, arg: unknown): ArticleEditor | { doc: vscode.TextDocument; editor?: vscode.TextEditor } | undefined {
  const uri = targetOf(arg)?.article;
  if (typeof uri === 'string') {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (!doc) {
      void vscode.window.showInformationMessage('Attribution Lens: that article is not open any more.');
      return undefined;
    }
    return { doc, editor: vscode.window.visibleTextEditors.find((e) => e.document === doc) };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || !deps.store.isArticle(editor.document)) {
    void vscode.window.showInformationMessage('Attribution Lens: open an article (plain text or Markdown) first.');
    return undefined;
  }
  return { editor, doc: editor.document };
}
