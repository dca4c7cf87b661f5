// The one question asked about conflicts, for an on-disk change merged into unsaved work and for
// the Resolve Sidecar Conflicts command alike: a modal listing every conflict by id and field
// with both values, answered for all at once or one by one. Nothing is decided for the user:
// an unanswered conflict stays recorded under `conflicts:` or nothing is written, as the caller says.
import * as vscode from 'vscode';
import { forLines, forMessage } from '../core/displayText';
import { Choice, conflictSummary, ConflictView } from '../core/teams/conflictChoices';
import { plural } from '../core/wording';

export interface SideNames {
  /** "Mine" for unsaved work, "Ours (HEAD)" for a git merge. */
  ours: string;
  theirs: string;
}

export const conflictKey = (c: Pick<ConflictView, 'section' | 'id'>) => `${c.section}/${c.id}`;

/** At most this many conflicts are listed in the modal; the rest are counted. */
const LISTED = 12;

export function promptButtons(names: SideNames): { oursAll: string; theirsAll: string; each: string } {
  return { oursAll: `Keep ${names.ours} for All`, theirsAll: `Take ${names.theirs} for All`, each: 'Choose for Each…' };
}

/**
 * Asks how to resolve `views`. Resolves with a choice per conflict key; a conflict left out
 * was not answered (the modal or a pick was dismissed).
 */
export async function chooseSides(views: readonly ConflictView[], intro: string, names: SideNames): Promise<Map<string, Choice>> {
  const answers = new Map<string, Choice>();
  if (!views.length) return answers;
  const buttons = promptButtons(names);
  const lines = conflictSummary(views.slice(0, LISTED)).map((l) => l.replace(/\(mine /g, `(${names.ours.toLowerCase()} `));
  if (views.length > LISTED) lines.push(`… and ${plural(views.length - LISTED, 'more conflict')}`);
  const choice = await vscode.window.showWarningMessage(
    forMessage(`Attribution Lens: ${intro} ${plural(views.length, 'conflict')}: both sides changed the same field differently.`),
    { modal: true, detail: forLines(lines.join('\n')) },
    buttons.oursAll,
    buttons.theirsAll,
    buttons.each,
  );
  if (choice === buttons.oursAll || choice === buttons.theirsAll) {
    for (const v of views) answers.set(conflictKey(v), choice === buttons.oursAll ? 'ours' : 'theirs');
  } else if (choice === buttons.each) {
    for (const [i, v] of views.entries()) {
      const side = (which: Choice) => ({
        label: forMessage(`${which === 'ours' ? names.ours : names.theirs}`),
        description: forMessage(v.values.map((x) => `${x.field}: ${which === 'ours' ? x.ours : x.theirs}`).join('; ')),
        choice: which,
      });
      const pick = await vscode.window.showQuickPick([side('ours'), side('theirs')], {
        title: forMessage(`Attribution Lens: conflict ${i + 1} of ${views.length}: ${v.what} (${v.values.map((x) => x.field).join(', ')})`),
        placeHolder: `Keep which side? (Escape leaves this and the remaining conflicts unresolved)`,
        ignoreFocusOut: true,
      });
      if (!pick) break;
      answers.set(conflictKey(v), pick.choice);
    }
  }
  return answers;
}
