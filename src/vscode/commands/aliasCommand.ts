// Add Selection as Alias of Speaker: "Mr Corbyn" becomes another name of Jeremy Corbyn, so
// every occurrence of it is underlined and hovers show his card.
import * as vscode from 'vscode';
import { forMessage } from '../../core/displayText';
import { Speaker } from '../../core/model';
import { wordAt } from '../../core/textBoundaries';
import { changed, EditingDeps, editableArticle, selectionOffsets, used } from './commandContext';
import { named, quoted } from './labels';
import { newPending, pickSpeaker } from './pickers';

export interface AliasArgs {
  speaker?: string;
  /** The alias; default: the selected text, or the word at the cursor. */
  alias?: string;
}

export async function aliasCommand(deps: EditingDeps, rawArgs?: unknown): Promise<Speaker | undefined> {
  const args: AliasArgs = rawArgs && typeof rawArgs === 'object' ? (rawArgs as AliasArgs) : {};
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const { editor, doc, session } = article;
  const { start, end } = selectionOffsets(editor);
  let alias = typeof args.alias === 'string' ? args.alias : undefined;
  if (alias === undefined) {
    const span = end > start ? { start, end } : wordAt(doc.getText(), start);
    alias = span ? doc.getText().slice(span.start, span.end) : '';
  }
  alias = alias.replace(/\s+/g, ' ').trim();
  if (!alias) {
    void vscode.window.showInformationMessage('Attribution Lens: select the name to add as an alias first.');
    return undefined;
  }
  const pending = newPending();
  let speaker: Speaker | undefined;
  if (args.speaker !== undefined) {
    speaker = session.speakers.get(String(args.speaker));
    if (!speaker) {
      void vscode.window.showErrorMessage(forMessage(`Attribution Lens: there is no speaker "${String(args.speaker)}" in this article.`));
      return undefined;
    }
  } else {
    // Speakers of the annotations around the cursor first: the alias is most likely one of theirs.
    const around = session.annotations().filter((a) => a.speaker && a.start <= end && start <= a.end);
    speaker = await pickSpeaker(deps, session, pending, {
      title: `Attribution Lens: add ${quoted(alias)} as an alias of…`,
      placeHolder: 'The speaker this is another name for',
      preferred: around.map((a) => a.speaker!),
      preferredNote: 'at the cursor',
    });
    if (!speaker) return undefined;
  }
  const owner = [...session.speakers.values()].find((s) => s.name === alias || s.aliases.includes(alias!));
  if (owner?.id === speaker.id) {
    void vscode.window.showInformationMessage(forMessage(`Attribution Lens: ${quoted(alias)} already is a name of ${quoted(speaker.name)}.`));
    return speaker;
  }
  if (owner) {
    const go = await vscode.window.showWarningMessage(
      forMessage(`Attribution Lens: ${quoted(alias)} is already a name of ${quoted(owner.name)}. Add it to ${quoted(speaker.name)} too? (The speaker listed first in the sidecar keeps the highlights.)`),
      { modal: true },
      'Add Anyway',
    );
    if (go !== 'Add Anyway') return undefined;
  }
  const updated: Speaker = { ...speaker, aliases: speaker.name === alias ? speaker.aliases : [...speaker.aliases, alias] };
  const label = `Add alias ${named(alias)} to ${named(speaker.name)}`;
  session.group(label, () => {
    for (const s of pending.speakers) session.upsertSpeaker(s);
    session.upsertSpeaker(updated, label);
  });
  await used(deps, 'speaker', speaker.id);
  await changed(deps.store, doc, `added alias ${quoted(alias)} to ${quoted(speaker.name)}`);
  return updated;
}
