// The "Needs review" tree and the article's review diagnostics: orphans (not placed, with
// the best place below the threshold as a proposal) and spans placed on edited text, for the
// article in the active editor. Article and sidecar text only ever becomes plain labels,
// tooltips and messages (core/displayText.ts), as in the other trees.
import * as vscode from 'vscode';
import { ArticleModel } from '../core/articleModel';
import { firstWords } from '../core/crossRefs';
import { forLines, forMessage, visibleControls } from '../core/displayText';
import { Proposal, ProposalFinder } from '../core/reviewProposal';
import { AnnotationSession, ReviewItem } from '../core/session';
import { ArticleState, ArticleStore } from './articleStore';
import { Commands, Views } from './commandIds';

/** One review item of an article, with what the views and commands show of it. */
export interface ReviewEntry extends ReviewItem {
  article: vscode.Uri;
  /** For an orphan: the best place below the confidence threshold, on the text the model was built from. */
  proposal?: Proposal;
  /** The text at the span now (repaired) or at the proposal (orphan). */
  newText?: string;
  /** Who or what it is about: the speaker's name, or the demand's summary. */
  name: string;
}

const proposals = new WeakMap<ArticleModel, Map<string, Proposal | undefined>>();

/** The article's review items now: orphans first, then repaired spans. Proposals cached per model. */
export function reviewEntries(store: ArticleStore, article: vscode.Uri): ReviewEntry[] {
  const state = store.get(article);
  const session = state?.session;
  const model = state?.model;
  if (!session || !model) return [];
  const text = model.lines.text;
  let cache = proposals.get(model);
  if (!cache) proposals.set(model, (cache = new Map()));
  let finder: ProposalFinder | undefined;
  return session.reviewItems().map((item) => {
    const a = item.annotation;
    const name = a.type === 'demand' ? (session.demands.get(a.demand ?? '')?.summary ?? a.demand ?? '') : (session.speakers.get(a.speaker ?? '')?.name ?? a.speaker ?? '');
    if (item.status === 'repaired') return { ...item, article, name, newText: text.slice(a.start, a.end) };
    if (!cache.has(a.id)) cache.set(a.id, (finder ??= new ProposalFinder(text)).propose(a));
    const proposal = cache.get(a.id);
    return { ...item, article, name, proposal, newText: proposal?.text };
  });
}

/**
 * The review items of the article last asked about, kept until the next change: after each
 * model rebuild the badge, the diagnostics and the tree all read them, and listing them walks
 * every annotation of the article.
 */
export class ReviewEntriesMemo {
  private last?: { article: string; state?: ArticleState; model?: ArticleModel; session?: AnnotationSession; entries: ReviewEntry[] };

  constructor(private readonly store: ArticleStore) {}

  get(article: vscode.Uri): ReviewEntry[] {
    const state = this.store.get(article);
    const last = this.last;
    if (last && last.article === article.toString() && last.state === state && last.model === state?.model && last.session === state?.session) return last.entries;
    const entries = reviewEntries(this.store, article);
    this.last = { article: article.toString(), state, model: state?.model, session: state?.session, entries };
    return entries;
  }

  /** Something changed: the next reader lists the items again. */
  forget(): void {
    this.last = undefined;
  }
}

/** A tree row. */
export interface ReviewNode {
  entry: ReviewEntry;
}

const ICONS = {
  orphan: new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('list.warningForeground')),
  repaired: new vscode.ThemeIcon('diff-modified', new vscode.ThemeColor('list.warningForeground')),
};

/** The context value menus test: `review-orphan`, `review-orphan-proposal` or `review-repaired`. */
export function contextValue(e: ReviewEntry): string {
  return e.status === 'repaired' ? 'review-repaired' : e.proposal ? 'review-orphan-proposal' : 'review-orphan';
}

export class ReviewTree implements vscode.TreeDataProvider<ReviewNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The article shown: the active editor's, kept while a diff or another panel has the focus. */
  article?: vscode.Uri;

  constructor(private readonly entries: ReviewEntriesMemo) {}

  refresh(): void {
    this.changed.fire();
  }

  getTreeItem({ entry: e }: ReviewNode): vscode.TreeItem {
    const a = e.annotation;
    const item = new vscode.TreeItem(forMessage(firstWords(e.oldText ?? '', 10, 70) || a.id), vscode.TreeItemCollapsibleState.None);
    item.id = `review:${a.id}`;
    item.description = forMessage([e.status, a.id, a.type, e.name].filter(Boolean).join(' · '));
    const lines = [
      `${e.status === 'orphan' ? 'Orphan: not placed on the text' : 'Repaired: placed on edited text, to accept'} (${a.type} ${a.id}${e.name ? `, ${e.name}` : ''})`,
      e.reason ? `Why: ${e.reason}` : '',
      `Was: ${e.oldText ?? '(no text stored)'}`,
      e.status === 'repaired' ? `Now: ${e.newText ?? ''}` : e.proposal ? `Best place below the threshold: ${e.proposal.text}` : 'No place close enough to propose.',
    ];
    // A string tooltip is plain text; a MarkdownString would render the sidecar's markup.
    item.tooltip = forLines(lines.filter(Boolean).join('\n'));
    item.iconPath = ICONS[e.status];
    item.contextValue = contextValue(e);
    const span = e.status === 'repaired' ? a : e.proposal;
    if (span) item.command = { command: Commands.revealOffset, title: 'Reveal in Article', arguments: [e.article.toString(), span.start, span.end] };
    return item;
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    if (node) return [];
    return this.article ? this.entries.get(this.article).map((entry) => ({ entry })) : [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The review items of every loaded article as diagnostics on the article (the sidecar's own are the store's). */
export class ReviewDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('attribution-lens-review');

  constructor(
    private readonly store: ArticleStore,
    private readonly entries: ReviewEntriesMemo,
  ) {}

  update(article: vscode.Uri): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === article.toString());
    const state = this.store.get(article);
    if (!doc || doc.isClosed || !state?.model || state.version !== doc.version) {
      if (!doc || doc.isClosed) this.collection.delete(article);
      return;
    }
    this.collection.set(article, this.entries.get(article).map((e) => toDiagnostic(doc, e)));
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function toDiagnostic(doc: vscode.TextDocument, e: ReviewEntry): vscode.Diagnostic {
  const a = e.annotation;
  const what = `${a.type} ${a.id}${e.name ? ` (${e.name})` : ''}`;
  const short = (s: string | undefined) => JSON.stringify(firstWords(s ?? '', 12, 80));
  let range: vscode.Range;
  let message: string;
  if (e.status === 'repaired') {
    range = new vscode.Range(doc.positionAt(a.start), doc.positionAt(a.end));
    message = `Needs review: ${what} was placed on edited text: was ${short(e.oldText)}, now ${short(e.newText)}. Accept, re-attach or delete it in the Needs review view.`;
  } else {
    range = e.proposal ? new vscode.Range(doc.positionAt(e.proposal.start), doc.positionAt(e.proposal.end)) : new vscode.Range(0, 0, 0, 0);
    message =
      `Needs review: ${what} is an orphan: ${e.reason ?? 'its text could not be found'}. ` +
      (e.proposal ? `Best place below the threshold: here, ${short(e.proposal.text)}.` : 'No place close enough to propose: re-attach it to a selection, or delete it.');
  }
  // Plain text in the Problems view, but a bidi override would still reorder what is read there.
  const d = new vscode.Diagnostic(range, visibleControls(message), vscode.DiagnosticSeverity.Warning);
  d.source = 'Attribution Lens';
  d.code = e.status;
  return d;
}

export const REVIEW_SCHEME = 'attribution-lens-review';

/** Read-only documents holding the old and new text of an item, for `vscode.diff`. */
export class ReviewTexts implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private serial = 0;

  /** A fresh URI for `text`; `label` names the tab side (it is shown as the file name). */
  put(label: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REVIEW_SCHEME, path: `/${++this.serial}/${label.replace(/[^\w.-]+/g, '-')}` });
    this.texts.set(uri.toString(), text);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The tree, the diagnostics and the diff texts, following the active editor and every model rebuild. */
export class ReviewViews implements vscode.Disposable {
  readonly tree: ReviewTree;
  readonly diagnostics: ReviewDiagnostics;
  readonly texts = new ReviewTexts();
  private readonly disposables: vscode.Disposable[];

  constructor(store: ArticleStore) {
    const entries = new ReviewEntriesMemo(store);
    this.tree = new ReviewTree(entries);
    this.diagnostics = new ReviewDiagnostics(store, entries);
    const view = vscode.window.createTreeView(Views.review, { treeDataProvider: this.tree });
    const active = () => this.tree.article;
    const refresh = () => {
      const editor = vscode.window.activeTextEditor;
      // The diff's documents (and other non-articles) leave the article shown as it was.
      if (editor && editor.document.uri.scheme !== REVIEW_SCHEME) this.tree.article = store.isArticle(editor.document) ? editor.document.uri : undefined;
      const article = active();
      const count = article ? entries.get(article).length : 0;
      view.badge = count ? { value: count, tooltip: `${count} to review` } : undefined;
      view.description = article && store.get(article)?.model ? forMessage(vscode.workspace.asRelativePath(article)) : undefined;
      this.tree.refresh();
    };
    this.disposables = [
      this.tree,
      this.diagnostics,
      this.texts,
      view,
      vscode.workspace.registerTextDocumentContentProvider(REVIEW_SCHEME, this.texts),
      store.onDidChange((uri) => {
        entries.forget();
        this.diagnostics.update(uri);
        if (uri.toString() === active()?.toString()) refresh();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => d.uri.scheme !== REVIEW_SCHEME && this.diagnostics.collection.delete(d.uri)),
      // The items of an article change only with its model (or its session, which a change
      // event follows): switching editors back and forth reads them from the memo.
      vscode.window.onDidChangeActiveTextEditor(refresh),
    ];
    refresh();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
