// The sidecar changed on disk while the session holds changes not written yet: a three-way
// merge by id (base: the file as we last read or wrote it; ours: the session; theirs: the file
// now), as the git merge driver does. Both sides' changes go in; only where both changed the
// same field of the same entry differently is the user asked, once, for all of them. A
// dismissed question keeps ours in place and theirs recorded under `conflicts:`, for Resolve
// Sidecar Conflicts: either way nothing of either side is lost.
import * as vscode from 'vscode';
import { Document } from 'yaml';
import { forMessage } from '../core/displayText';
import { AnnotationSession } from '../core/session';
import { serializeSidecar } from '../core/sidecar';
import { applyChoices, conflictViews } from '../core/teams/conflictChoices';
import { mergeSidecarFiles, UnmergeableError } from '../core/teams/mergeDocument';
import { chooseSides, conflictKey } from './conflictPrompt';

/** The session as it is at the moment of the merge, and the text its annotations are on. */
export interface OursNow {
  session: AnnotationSession;
  text: string;
  /** The YAML Document the session is written onto (comments, unknown keys), when it can be. */
  doc?: Document;
}

export const DISK_SIDES = { ours: 'Mine', theirs: 'Theirs' };

/**
 * The merged sidecar's source, on `ours().text` (offsets of that text), conflicts resolved as
 * the user chose or recorded; undefined when one side cannot be merged (not a readable sidecar).
 * `ours` is asked again after the question, so work done while it was open is merged too.
 */
export async function mergeDiskChange(where: string, base: string, theirs: string, ours: () => OursNow): Promise<string | undefined> {
  const merge = () => {
    const now = ours();
    const oursSource = serializeSidecar(now.session.toSidecar(now.text), now.doc?.clone());
    return mergeSidecarFiles({ label: 'as last read', source: base }, { label: 'yours', source: oursSource }, { label: where, source: theirs }, now.text).text;
  };
  let merged: string;
  try {
    merged = merge();
  } catch (e) {
    if (e instanceof UnmergeableError) return undefined;
    throw e;
  }
  const views = conflictViews(merged);
  if (!views.length) return merged;
  const answers = await chooseSides(views, `${where} changed on disk while you have unsaved annotation changes;`, DISK_SIDES);
  // Merged again with the session as it is now; the answers are by id and field, so they still apply.
  try {
    merged = merge();
  } catch (e) {
    if (e instanceof UnmergeableError) return undefined;
    throw e;
  }
  return applyChoices(merged, (c) => answers.get(conflictKey(c)));
}

/** The old question, for what cannot be merged: the file was deleted, or is not a sidecar now. `why` follows "changed on disk". */
export async function askReloadOrKeep(where: string, why: string): Promise<'reload' | 'keep'> {
  const choice = await vscode.window.showWarningMessage(
    forMessage(`Attribution Lens: ${where} ${why} while you have unsaved annotation changes.`),
    { modal: true },
    'Reload from Disk',
    'Keep Mine',
  );
  return choice === 'Reload from Disk' ? 'reload' : 'keep';
}
