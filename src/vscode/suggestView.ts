// The "Suggestions" tree: the active article's pending suggestions grouped by speaker (those
// without one by type), each row revealing its words on a click, with inline accept and reject on
// rows and on groups. Article text and names only become plain labels (core/displayText.ts).
import * as vscode from 'vscode';
import { firstWords } from '../core/crossRefs';
import { AnnotationType } from '../core/model';
import { forLines, forMessage } from '../core/displayText';
import { groupSuggestions } from '../core/suggest/pending';
import { Suggestion } from '../core/suggest/suggestions';
import { ArticleStore } from './articleStore';
import { Commands, Views } from './commandIds';
import { reasonText, SuggestionTarget } from './suggestProviders';
import { SuggestionStore } from './suggestStore';

/** A row: a group (speaker or type) or one suggestion. The command arguments are the row itself. */
export interface SuggestionNode extends SuggestionTarget {
  label: string;
  description: string;
  tooltip: string;
  /** For a suggestion: where a click goes. */
  offset?: number;
  /** Its end: a click selects [offset, end). */
  end?: number;
  type?: AnnotationType;
  contextValue: 'suggestion' | 'suggestion-group';
}

const ICON: Record<string, vscode.ThemeIcon> = {
  mention: new vscode.ThemeIcon('mention'),
  quote: new vscode.ThemeIcon('quote'),
  demand: new vscode.ThemeIcon('megaphone'),
  response: new vscode.ThemeIcon('reply'),
  group: new vscode.ThemeIcon('lightbulb'),
};

export class SuggestionTree implements vscode.TreeDataProvider<SuggestionNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The article shown: the active editor's, kept while another panel has the focus. */
  article?: vscode.TextDocument;

  constructor(private readonly suggestions: SuggestionStore) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem(node: SuggestionNode): vscode.TreeItem {
    const group = node.contextValue === 'suggestion-group';
    const item = new vscode.TreeItem(forMessage(node.label), group ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `suggestion:${node.group ?? node.key}`;
    item.description = forMessage(node.description);
    item.tooltip = forLines(node.tooltip);
    item.contextValue = node.contextValue;
    item.iconPath = ICON[group ? 'group' : (node.type ?? 'quote')];
    if (node.offset !== undefined) item.command = { command: Commands.revealOffset, title: 'Reveal in Article', arguments: [node.article, node.offset, node.end] };
    return item;
  }

  getChildren(node?: SuggestionNode): SuggestionNode[] {
    const doc = this.article;
    if (!doc || doc.isClosed) return [];
    const groups = groupSuggestions(this.suggestions.pending(doc));
    const article = doc.uri.toString();
    if (!node) {
      return [...groups].map(([group, list]) => {
        const name = this.suggestions.speakerName(doc.uri, list[0].annotation.speaker) ?? `${list[0].annotation.type}s`;
        const known = list[0].annotation.speaker === undefined || this.suggestions.stateOf(doc.uri)?.speakers.has(list[0].annotation.speaker);
        const description = `${list.length} suggestion${list.length > 1 ? 's' : ''}${known ? '' : ' · new speaker'}`;
        return { article, group, label: name, description, tooltip: `${name}: ${description}`, contextValue: 'suggestion-group' };
      });
    }
    return (groups.get(node.group ?? '') ?? []).map((s) => this.row(doc, s));
  }

  private row(doc: vscode.TextDocument, s: Suggestion): SuggestionNode {
    const a = s.annotation;
    const line = doc.positionAt(a.start).line + 1;
    return {
      article: doc.uri.toString(),
      key: s.key,
      label: firstWords(a.text ?? '', 8, 60) || a.type,
      description: `${a.type} · line ${line} · ${s.reason.score.toFixed(2)}`,
      tooltip: `${a.text ?? ''}\n\n${reasonText(s.reason)}`,
      offset: a.start,
      end: a.end,
      type: a.type,
      contextValue: 'suggestion',
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The tree view, following the active editor and every change of its suggestions. */
export class SuggestionView implements vscode.Disposable {
  readonly tree: SuggestionTree;
  private readonly disposables: vscode.Disposable[];

  constructor(store: ArticleStore, suggestions: SuggestionStore) {
    this.tree = new SuggestionTree(suggestions);
    const view = vscode.window.createTreeView(Views.suggestions, { treeDataProvider: this.tree, showCollapseAll: true });
    const refresh = () => {
      const editor = vscode.window.activeTextEditor;
      if (editor) this.tree.article = store.isArticle(editor.document) ? editor.document : undefined;
      const doc = this.tree.article;
      const count = doc ? suggestions.pending(doc).length : 0;
      view.badge = count ? { value: count, tooltip: `${count} suggestions pending` } : undefined;
      view.description = doc ? forMessage(vscode.workspace.asRelativePath(doc.uri)) : undefined;
      this.tree.refresh();
    };
    this.disposables = [
      this.tree,
      view,
      suggestions.onDidChange((uri) => uri.toString() === this.tree.article?.uri.toString() && refresh()),
      vscode.window.onDidChangeActiveTextEditor(refresh),
    ];
    refresh();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
