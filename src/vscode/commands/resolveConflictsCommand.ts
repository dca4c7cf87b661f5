// Resolve Sidecar Conflicts…: a sidecar git merged line by line (conflict markers), or one the
// merge driver left with `conflicts:`, made whole again. The marked file is split into its sides
// and merged by id, so the user is asked only about what both sides changed differently, per
// entry, with both values; then the result is checked and written atomically. Dismissing any
// question writes nothing: the file stays as it was.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { parseSidecar } from '../../core/sidecar';
import { applyChoices, conflictViews } from '../../core/teams/conflictChoices';
import { ConflictMarkerError, mergeConflictMarkers } from '../../core/teams/conflictMarkers';
import { UnmergeableError } from '../../core/teams/mergeDocument';
import { plural } from '../../core/wording';
import { ArticleStore } from '../articleStore';
import { writeFileAtomic } from '../atomicWrite';
import { chooseSides, conflictKey } from '../conflictPrompt';
import { readText } from '../sidecarWriter';

/** The article named by `arg` (a URI string, from the error message's button), else the active one. */
function articleFor(store: ArticleStore, arg: unknown): vscode.Uri | undefined {
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (!doc) return undefined;
  if (store.isArticle(doc)) return doc.uri;
  // The sidecar itself is open: its article is the open one whose sidecar it is.
  return vscode.workspace.textDocuments.find((d) => store.isArticle(d) && store.sidecarUriFor(d.uri).toString() === doc.uri.toString())?.uri;
}

const info = (text: string) => void vscode.window.showInformationMessage(forMessage(`Attribution Lens: ${text}`));
const error = (text: string) => void vscode.window.showErrorMessage(forMessage(`Attribution Lens: ${text}`));

/** Resolves with the number of conflicts resolved, or undefined when nothing was written. */
export async function resolveConflictsCommand(store: ArticleStore, arg?: unknown): Promise<number | undefined> {
  const article = articleFor(store, arg);
  if (!article) {
    info('open an article whose sidecar has merge conflicts first.');
    return undefined;
  }
  const sidecar = store.sidecarUriFor(article);
  const where = vscode.workspace.asRelativePath(sidecar);
  const source = await readText(sidecar);
  if (source === undefined) {
    info(`${where} does not exist.`);
    return undefined;
  }
  // The offsets in the sidecar are the saved article's.
  const text = await readText(article);
  let merged: string;
  let intro: string;
  let names = { ours: 'Ours', theirs: 'Theirs' };
  try {
    const split = mergeConflictMarkers(source, text);
    if (split) {
      merged = split.text;
      names = { ours: `Ours (${split.sides.oursLabel || 'HEAD'})`, theirs: `Theirs (${split.sides.theirsLabel || 'merged branch'})` };
      intro = `${where} has git conflict markers; merged by id, it has`;
    } else {
      merged = source;
      intro = `${where} has`;
    }
  } catch (e) {
    if (e instanceof ConflictMarkerError || e instanceof UnmergeableError) {
      error(`cannot resolve ${where}: ${e.message}. Fix the file by hand; it is left untouched.`);
      return undefined;
    }
    throw e;
  }
  const views = conflictViews(merged);
  if (!views.length && merged === source) {
    info(`${where} has no merge conflicts to resolve.`);
    return undefined;
  }
  const answers = await chooseSides(views, intro, names);
  if (views.some((v) => !answers.has(conflictKey(v)))) {
    info(`nothing written: ${where} is left as it was until every conflict has an answer.`);
    return undefined;
  }
  let out: string;
  try {
    out = applyChoices(merged, (c) => answers.get(conflictKey(c)));
  } catch (e) {
    error(`cannot resolve ${where}: ${e instanceof Error ? e.message : String(e)}. It is left untouched.`);
    return undefined;
  }
  const check = parseSidecar(out).problems.find((p) => p.severity === 'error');
  if (check) {
    error(`cannot resolve ${where}: the result would not be a valid sidecar (${check.line}:${check.column}: ${check.message}). It is left untouched.`);
    return undefined;
  }
  if (source.includes('\r\n')) out = out.replace(/\r?\n/g, '\r\n');
  // Someone changed the file while the questions were open: their version is not written over.
  if ((await readText(sidecar)) !== source) {
    error(`${where} changed while the conflicts were being resolved; nothing written. Run the command again.`);
    return undefined;
  }
  await writeFileAtomic(sidecar, out);
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === article.toString());
  if (doc) await store.load(doc);
  info(`${where} resolved (${plural(views.length, 'conflict')}) and written.`);
  return views.length;
}
