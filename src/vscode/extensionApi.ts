// What activate() returns: what tests (and other extensions) may read.
import * as vscode from 'vscode';
import { Annotation, RejectedSuggestion } from '../core/model';
import { ArticleStore } from './articleStore';
import { DecorationController } from './decorations';
import { ReportView } from './reportView';
import { ReviewNode, ReviewViews } from './reviewView';
import { StatusBar } from './statusBar';
import { Suggestion } from '../core/suggest/suggestions';
import { SuggestionDecorations } from './suggestDecorations';
import { SuggestionStore } from './suggestStore';
import { SuggestionNode, SuggestionView } from './suggestView';
import { ArticleViews, ViewNode } from './views';
import { HighlightStatus } from './highlightToggles';
import { LegendView } from './legendView';

/** What is drawn, as offsets into the document, and the article's live state. */
export interface AttributionLensApi {
  decorations(document: vscode.TextDocument): Record<string, { start: number; end: number }[]>;
  /** How each decoration key is drawn (its render options, theme colours as `theme:<id>`). */
  decorationStyles(): Record<string, Record<string, string>>;
  /** The document version whose highlights were last handed to an editor: a redraw is done when it is the document's version. */
  drawnVersion(document: vscode.TextDocument): number | undefined;
  /** How many highlight ranges were last handed to the editor (a large article's in view come first). */
  drawnRangeCount(document: vscode.TextDocument): number;
  /** The article's live annotations, where they are now (they move with every edit at once). */
  annotations(document: vscode.TextDocument): Annotation[];
  /** Resolves when the article's sidecar has been (re)loaded. */
  load(document: vscode.TextDocument): Promise<unknown>;
  /** The side-bar trees' data, as the views read it. */
  views: Record<'speakers' | 'demands', Pick<vscode.TreeDataProvider<ViewNode>, 'getChildren' | 'getTreeItem'>>;
  /** The Needs review tree's data, and the diagnostics it puts on articles. */
  review: { tree: Pick<vscode.TreeDataProvider<ReviewNode>, 'getChildren' | 'getTreeItem'>; diagnostics: vscode.DiagnosticCollection };
  /** The report webview: the HTML it shows now, and its message handler (what a click in it sends). */
  report: Pick<ReportView, 'html' | 'receive'>;
  /** The status bar item of the active article: its text, tooltip and screen-reader label. */
  statusBar: Pick<StatusBar, 'shown'>;
  /** The folder VS Code keeps the extension's log in (the "Attribution Lens" log channel's file). */
  logUri: vscode.Uri;
  /** Pending suggestions, what is drawn of them (offsets by type), and the Suggestions tree's data. */
  suggestions: {
    pending(document: vscode.TextDocument): Suggestion[];
    /** The article's rejected suggestions as the session holds them (the sidecar's `rejected`). */
    rejected(document: vscode.TextDocument): RejectedSuggestion[];
    decorations(document: vscode.TextDocument): Record<string, { start: number; end: number }[]>;
    /** Whether the model has been read (it is read on the first run only). */
    modelLoaded(): boolean;
    tree: Pick<vscode.TreeDataProvider<SuggestionNode>, 'getChildren' | 'getTreeItem'>;
  };
  /** The Legend view's page for the article it follows, and the highlights' status-bar entry. */
  legend: { html(): string; highlightStatus: Pick<HighlightStatus, 'shown'> };
}

export interface LegendParts {
  legend: LegendView;
  highlightStatus: HighlightStatus;
}

export interface SuggestionParts {
  store: SuggestionStore;
  decorations: SuggestionDecorations;
  view: SuggestionView;
}

export function extensionApi(store: ArticleStore, decorations: DecorationController, views: ArticleViews, review: ReviewViews, report: ReportView, statusBar: StatusBar, logUri: vscode.Uri, suggest: SuggestionParts, legend: LegendParts): AttributionLensApi {
  const offsets = (document: vscode.TextDocument, ranges: Map<string, vscode.Range[]>) => {
    const out: Record<string, { start: number; end: number }[]> = {};
    for (const [key, list] of ranges) out[key] = list.map((r) => ({ start: document.offsetAt(r.start), end: document.offsetAt(r.end) }));
    return out;
  };
  return {
    decorations: (document) => offsets(document, decorations.rangesFor(document)),
    decorationStyles: () => decorations.renderOptions(),
    drawnVersion: (document) => decorations.drawnVersion(document),
    drawnRangeCount: (document) => decorations.drawnRangeCount(document),
    annotations: (document) => store.get(document.uri)?.session?.annotations() ?? [],
    load: (document) => store.load(document),
    views: { speakers: views.speakers, demands: views.demands },
    review: { tree: review.tree, diagnostics: review.diagnostics.collection },
    report,
    statusBar,
    logUri,
    suggestions: {
      pending: (document) => suggest.store.pending(document),
      rejected: (document) => store.get(document.uri)?.session?.rejected() ?? [],
      decorations: (document) => offsets(document, suggest.decorations.rangesFor(document)),
      modelLoaded: () => suggest.store.modelLoaded,
      tree: suggest.view.tree,
    },
    legend: { html: () => legend.legend.html(), highlightStatus: legend.highlightStatus },
  };
}
