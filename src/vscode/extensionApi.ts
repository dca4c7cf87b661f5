// What activate() returns: what tests (and other extensions) may read.
import * as vscode from 'vscode';
import { Annotation } from '../core/model';
import { ArticleStore } from './articleStore';
import { DecorationController } from './decorations';
import { ReportView } from './reportView';
import { ReviewNode, ReviewViews } from './reviewView';
import { ArticleViews, ViewNode } from './views';

/** What is drawn, as offsets into the document, and the article's live state. */
export interface AttributionLensApi {
  decorations(document: vscode.TextDocument): Record<string, { start: number; end: number }[]>;
  /** How each decoration key is drawn (its render options, theme colours as `theme:<id>`). */
  decorationStyles(): Record<string, Record<string, string>>;
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
  /** The folder VS Code keeps the extension's log in (the "Attribution Lens" log channel's file). */
  logUri: vscode.Uri;
}

export function extensionApi(store: ArticleStore, decorations: DecorationController, views: ArticleViews, review: ReviewViews, report: ReportView, logUri: vscode.Uri): AttributionLensApi {
  return {
    decorations(document) {
      const out: Record<string, { start: number; end: number }[]> = {};
      for (const [key, ranges] of decorations.rangesFor(document)) {
        out[key] = ranges.map((r) => ({ start: document.offsetAt(r.start), end: document.offsetAt(r.end) }));
      }
      return out;
    },
    decorationStyles: () => decorations.renderOptions(),
    annotations: (document) => store.get(document.uri)?.session?.annotations() ?? [],
    load: (document) => store.load(document),
    views: { speakers: views.speakers, demands: views.demands },
    review: { tree: review.tree, diagnostics: review.diagnostics.collection },
    report,
    logUri,
  };
}
