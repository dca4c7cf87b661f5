// Rename Speaker / Rename Demand: a new display name and a new id, changed everywhere in this
// article's sidecar (annotations, groups' members, demands' by and to) in one undo step.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { annotationsAt, deriveId, idProblem } from '../../core/editing';
import { Demand, Speaker } from '../../core/model';
import { changed, EditingDeps, editableArticle, EditableArticle, renamedInMru, selectionOffsets } from './commandContext';
import { quoted } from './labels';
import { newPending, pickDemand, pickSpeaker } from './pickers';

export interface RenameSpeakerArgs {
  speaker?: string;
  name?: string;
  id?: string;
}

export interface RenameDemandArgs {
  demand?: string;
  summary?: string;
  id?: string;
}

const NOTE = 'Other articles’ sidecars keep the old id.';

export async function renameSpeakerCommand(deps: EditingDeps, rawArgs?: unknown): Promise<Speaker | undefined> {
  const args: RenameSpeakerArgs = rawArgs && typeof rawArgs === 'object' ? (rawArgs as RenameSpeakerArgs) : {};
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const { session } = article;
  const old = args.speaker !== undefined ? session.speakers.get(String(args.speaker)) : await speakerAtCursor(deps, article);
  if (!old) {
    if (args.speaker !== undefined) void vscode.window.showErrorMessage(forMessage(`Attribution Lens: there is no speaker "${String(args.speaker)}" in this article.`));
    return undefined;
  }
  const taken = (id: string) => id !== old.id && session.speakers.has(id);
  const answer = await askNameAndId(args.name, args.id, old.name, old.id, taken, 'speaker', `Attribution Lens: rename speaker ${quoted(old.name)}`);
  if (!answer) return undefined;
  if (answer.name === old.name && answer.id === old.id) return old;
  session.renameSpeaker(old.id, answer.id, answer.name);
  await renamedInMru(deps, 'speaker', old.id, answer.id);
  await changed(deps.store, article.doc, `renamed speaker ${quoted(old.name)} (${old.id}) to ${quoted(answer.name)} (${answer.id})${answer.id !== old.id ? `. ${NOTE}` : ''}`);
  return session.speakers.get(answer.id);
}

export async function renameDemandCommand(deps: EditingDeps, rawArgs?: unknown): Promise<Demand | undefined> {
  const args: RenameDemandArgs = rawArgs && typeof rawArgs === 'object' ? (rawArgs as RenameDemandArgs) : {};
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const { session, editor } = article;
  let old: Demand | undefined;
  if (args.demand !== undefined) {
    old = session.demands.get(String(args.demand));
    if (!old) {
      void vscode.window.showErrorMessage(forMessage(`Attribution Lens: there is no demand "${String(args.demand)}" in this article.`));
      return undefined;
    }
  } else {
    const { start, end } = selectionOffsets(editor);
    const id = annotationsAt(session.annotations(), start, end).find((a) => a.demand)?.demand;
    old = id ? session.demands.get(id) : await pickDemand(deps, session, newPending(), { title: 'Attribution Lens: rename a demand', allowNew: false });
    if (!old) return undefined;
  }
  const was = old;
  const taken = (id: string) => id !== was.id && session.demands.has(id);
  const answer = await askNameAndId(args.summary, args.id, was.summary, was.id, taken, 'demand', `Attribution Lens: rename demand ${quoted(was.summary)}`);
  if (!answer) return undefined;
  if (answer.name === was.summary && answer.id === was.id) return was;
  session.renameDemand(was.id, answer.id, answer.name);
  await renamedInMru(deps, 'demand', was.id, answer.id);
  await changed(deps.store, article.doc, `renamed demand ${was.id} to ${answer.id}: ${quoted(answer.name)}${answer.id !== was.id ? `. ${NOTE}` : ''}`);
  return session.demands.get(answer.id);
}

/** The speaker of the innermost annotation at the cursor, or one the user picks. */
async function speakerAtCursor(deps: EditingDeps, article: EditableArticle): Promise<Speaker | undefined> {
  const { session, editor } = article;
  const { start, end } = selectionOffsets(editor);
  const id = annotationsAt(session.annotations(), start, end).find((a) => a.speaker)?.speaker;
  if (id && session.speakers.has(id)) return session.speakers.get(id);
  if (!session.speakers.size) {
    void vscode.window.showInformationMessage('Attribution Lens: this article has no speakers yet.');
    return undefined;
  }
  const pending = newPending();
  const s = await pickSpeaker(deps, session, pending, { title: 'Attribution Lens: rename a speaker', placeHolder: 'Which speaker?' });
  // "New speaker…" makes no sense here: a speaker created in the picker is not renamed.
  return s && session.speakers.has(s.id) ? s : undefined;
}

/**
 * The new name and id, from arguments or two input boxes (the id proposed from the new name).
 * Arguments are checked like typed values.
 */
async function askNameAndId(
  givenName: unknown,
  givenId: unknown,
  oldName: string,
  oldId: string,
  taken: (id: string) => boolean,
  what: 'speaker' | 'demand',
  title: string,
): Promise<{ name: string; id: string } | undefined> {
  const fail = (message: string) => void vscode.window.showErrorMessage(forMessage(`Attribution Lens: cannot rename: ${message}.`));
  let name: string | undefined;
  if (givenName !== undefined) {
    if (typeof givenName !== 'string' || !givenName.trim()) return fail(`the new ${what === 'speaker' ? 'name' : 'summary'} cannot be empty`);
    name = givenName;
  } else {
    name = await vscode.window.showInputBox({
      title: `${title} (1/2)`,
      prompt: what === 'speaker' ? 'New display name' : 'New summary',
      value: oldName,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : what === 'speaker' ? 'Enter a name.' : 'Enter a summary.'),
    });
    if (name === undefined) return undefined;
  }
  name = name.replace(/\s+/g, ' ').trim();
  // Keep the id when only the spelling of the name changed; propose one from a new name.
  const proposed = deriveId(name, taken, what) === deriveId(oldName, taken, what) ? oldId : deriveId(name, taken, what);
  let id: string | undefined;
  if (givenId !== undefined) {
    const problem = typeof givenId === 'string' ? idProblem(givenId, taken) : 'the id is text';
    if (problem) return fail(problem);
    id = givenId as string;
  } else if (givenName !== undefined) {
    id = oldId; // a new name from arguments, without a new id: only the display name changes
  } else {
    id = await vscode.window.showInputBox({
      title: `${title} (2/2)`,
      prompt: forMessage(`Id of the ${what} (was ${oldId}): used by every annotation and cross-reference`),
      value: proposed,
      ignoreFocusOut: true,
      validateInput: (v) => idProblem(v.trim(), taken),
    });
    if (id === undefined) return undefined;
    id = id.trim();
  }
  return { name, id };
}
