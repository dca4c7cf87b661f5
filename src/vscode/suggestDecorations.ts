// Draws pending suggestions more quietly than annotations: a faint dotted outline (mentions,
// demands) or dotted underline (quotes, responses) in one neutral colour, never a speaker's fill,
// so a proposal is never taken for a decision. Its own decoration types, drawn from the
// SuggestionStore's list, which follows every edit at once.
import * as vscode from 'vscode';
import { AnnotationType } from '../core/model';
import { SuggestionStore } from './suggestStore';

const TYPES: readonly AnnotationType[] = ['mention', 'quote', 'demand', 'response'];

export class SuggestionDecorations implements vscode.Disposable {
  private readonly types = new Map<AnnotationType, vscode.TextEditorDecorationType>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly suggestions: SuggestionStore) {
    const border = new vscode.ThemeColor('attributionLens.suggestionBorder');
    const background = new vscode.ThemeColor('attributionLens.suggestionBackground');
    const closed = vscode.DecorationRangeBehavior.ClosedClosed;
    const ruler = { overviewRulerColor: border, overviewRulerLane: vscode.OverviewRulerLane.Full };
    this.types.set('mention', vscode.window.createTextEditorDecorationType({ borderWidth: '1px', borderStyle: 'dotted', borderColor: border, borderRadius: '3px', rangeBehavior: closed, ...ruler }));
    this.types.set('quote', vscode.window.createTextEditorDecorationType({ borderWidth: '0 0 1px 0', borderStyle: 'dotted', borderColor: border, backgroundColor: background, rangeBehavior: closed, ...ruler }));
    this.types.set('demand', vscode.window.createTextEditorDecorationType({ borderWidth: '1px', borderStyle: 'dotted', borderColor: border, backgroundColor: background, rangeBehavior: closed, ...ruler }));
    this.types.set('response', vscode.window.createTextEditorDecorationType({ borderWidth: '0 0 2px 0', borderStyle: 'dotted', borderColor: border, rangeBehavior: closed, ...ruler }));
    this.disposables.push(
      ...this.types.values(),
      suggestions.onDidChange((uri) => this.redraw(uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redraw()),
    );
  }

  redraw(uri?: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (uri && editor.document.uri.toString() !== uri.toString()) continue;
      const ranges = this.rangesFor(editor.document);
      for (const type of TYPES) editor.setDecorations(this.types.get(type)!, ranges.get(type) ?? []);
    }
  }

  /** What is drawn in a document, by annotation type (for tests). */
  rangesFor(document: vscode.TextDocument): Map<AnnotationType, vscode.Range[]> {
    const out = new Map<AnnotationType, vscode.Range[]>();
    for (const { annotation: a } of this.suggestions.pending(document)) {
      const list = out.get(a.type) ?? [];
      list.push(new vscode.Range(document.positionAt(a.start), document.positionAt(a.end)));
      out.set(a.type, list);
    }
    return out;
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
