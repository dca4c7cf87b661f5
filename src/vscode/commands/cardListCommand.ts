// "Show all" in a hover card: a card lists the first few quotes, demands or responses; its link
// opens the whole list here, and picking an entry selects its span. The arguments come from a
// link, so they are checked (core/cardLists.ts toCardListRef) and only name ids, never text.
import * as vscode from 'vscode';
import { cardList, toCardListRef } from '../../core/cardLists';
import { forMessage } from '../../core/displayText';
import { ArticleStore } from '../articleStore';
import { revealOffset } from './revealOffsetCommand';

interface EntryPick extends vscode.QuickPickItem {
  start?: number;
  end?: number;
}

export async function cardListCommand(store: ArticleStore, uri: unknown, of: unknown, id: unknown, list: unknown): Promise<void> {
  const ref = toCardListRef(of, id, list);
  if (typeof uri !== 'string' || !ref) return;
  const article = vscode.Uri.parse(uri, true);
  const model = store.get(article)?.model;
  const found = model && cardList(model.crossRefs, ref);
  if (!found) {
    void vscode.window.showInformationMessage('Attribution Lens: that list is no longer in the article (the annotations changed); hover again.');
    return;
  }
  const items: EntryPick[] = found.entries.map((e) => ({
    label: forMessage(e.text),
    description: forMessage([e.target ? `line ${e.target.line + 1}` : 'not stated in this article', e.detail].filter(Boolean).join(' · ')),
    start: e.target?.start,
    end: e.target?.end,
  }));
  const pick = await vscode.window.showQuickPick(items, {
    title: forMessage(`${found.owner}: ${found.heading} (${found.entries.length})`),
    placeHolder: 'Pick one to select it in the article',
    matchOnDescription: true,
  });
  if (pick?.start !== undefined) await revealOffset(uri, pick.start, pick.end);
}
