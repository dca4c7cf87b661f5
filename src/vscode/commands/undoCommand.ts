// Undo / Redo Annotation Change: the session's own history of annotation changes, apart from
// the article's text undo (Ctrl+Z), which moves annotations with the text but never changes them.
import { ArticleStore } from '../articleStore';
import { activeArticle, flash } from './commandContext';
import { KEYS, keyLabel } from './keys';

export async function undoCommand(store: ArticleStore, which: 'undo' | 'redo'): Promise<string | undefined> {
  const article = activeArticle(store);
  if (!article) return undefined;
  const { doc } = article;
  const state = store.get(doc.uri);
  // A sidecar broken since its last read: the store's refusal says what is wrong, not "nothing to undo".
  if (state?.stale) return void (await store.editableSession(doc));
  const session = state?.session;
  if (!session || !(which === 'undo' ? session.canUndo() : session.canRedo())) {
    flash(`Attribution Lens: no annotation change to ${which} in this article`, 4000);
    return undefined;
  }
  if (state.model?.readOnly) {
    // Changes could not be written; the store refuses edits to such files and says why.
    await store.editableSession(doc);
    return undefined;
  }
  const label = which === 'undo' ? session.undo() : session.redo();
  await store.writeInTurn(doc);
  const waiting = doc.isDirty ? ' (saved to the sidecar with the article)' : '';
  const again = which === 'undo' ? `Redo: ${keyLabel(KEYS.redo)}` : `Undo: ${keyLabel(KEYS.undo)}`;
  // The label quotes its names already, each whole or cut at a word inside its quotes: quoting
  // or cutting the label again would nest quotes and cut a name in half.
  flash(`Attribution Lens: ${which === 'undo' ? 'undid' : 'redid'} ${asPhrase(label ?? 'a change')}${waiting} — ${again}`);
  return label;
}

/** "Add quote of “X”" as it reads after "undid": "add quote of “X”" (an acronym keeps its capitals). */
function asPhrase(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}
