// Draws an article's spans. Decoration types are made once per configuration; a redraw only
// calls setDecorations, from ranges cached per model and document version, so switching
// editors redraws at once without recomputing.
import * as vscode from 'vscode';
import { ArticleModel, HighlightSpan } from '../core/articleModel';
import { PALETTE_SIZE, speakerSlots } from '../core/palette';
import { ArticleStore } from './articleStore';
import { Config } from './config';

type Key = string; // 'quote:3', 'mention:3', 'alias:3', 'demand', 'response'

export class DecorationController implements vscode.Disposable {
  private types = new Map<Key, vscode.TextEditorDecorationType>();
  private cache = new WeakMap<ArticleModel, { version: number; configKey: string; ranges: Map<Key, vscode.Range[]> }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ArticleStore,
    private readonly config: () => Config,
  ) {
    this.createTypes();
    this.disposables.push(
      store.onDidChange((uri) => this.redraw(uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redraw()),
    );
  }

  /** Called when settings change: new types (old ones are disposed, which clears them). */
  reconfigure(): void {
    this.disposeTypes();
    this.createTypes();
    this.cache = new WeakMap();
    this.redraw();
  }

  redraw(uri?: vscode.Uri): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (!uri || editor.document.uri.toString() === uri.toString()) this.draw(editor);
    }
  }

  /** What is drawn in an editor, by decoration key: for tests and the status bar. */
  rangesFor(document: vscode.TextDocument): Map<Key, vscode.Range[]> {
    const model = this.store.get(document.uri)?.model;
    return model ? this.ranges(model, document) : new Map();
  }

  private draw(editor: vscode.TextEditor): void {
    // A model older than the text would draw its offsets on the wrong words; until it catches
    // up (debounced after typing) VS Code's own tracked decoration ranges are the right ones.
    const state = this.store.get(editor.document.uri);
    if (state?.model && state.version !== editor.document.version) return;
    const ranges = this.rangesFor(editor.document);
    for (const [key, type] of this.types) editor.setDecorations(type, ranges.get(key) ?? []);
  }

  private ranges(model: ArticleModel, document: vscode.TextDocument): Map<Key, vscode.Range[]> {
    const config = this.config();
    const configKey = JSON.stringify(config.highlight) + config.colorBy;
    const cached = this.cache.get(model);
    if (cached && cached.version === document.version && cached.configKey === configKey) return cached.ranges;
    const slots = speakerSlots(model.sidecar, config.colorBy);
    const out = new Map<Key, vscode.Range[]>();
    for (const span of model.index.all()) {
      const key = keyOf(span, slots, config);
      if (!key) continue;
      const list = out.get(key) ?? [];
      list.push(new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)));
      out.set(key, list);
    }
    this.cache.set(model, { version: document.version, configKey, ranges: out });
    return out;
  }

  private createTypes(): void {
    const color = (id: string) => new vscode.ThemeColor(`attributionLens.${id}`);
    const closed = vscode.DecorationRangeBehavior.ClosedClosed;
    for (let i = 1; i <= PALETTE_SIZE; i++) {
      this.types.set(`quote:${i}`, vscode.window.createTextEditorDecorationType({
        backgroundColor: color(`speaker${i}`),
        overviewRulerColor: color(`speaker${i}Border`),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        rangeBehavior: closed,
      }));
      this.types.set(`mention:${i}`, vscode.window.createTextEditorDecorationType({
        backgroundColor: color(`speaker${i}`),
        borderWidth: '1px',
        borderStyle: 'solid',
        borderColor: color(`speaker${i}Border`),
        borderRadius: '3px',
        fontWeight: '600',
        overviewRulerColor: color(`speaker${i}Border`),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        rangeBehavior: closed,
      }));
      // Derived mentions are lighter: a dotted underline only, and no ruler mark to keep it quiet.
      this.types.set(`alias:${i}`, vscode.window.createTextEditorDecorationType({
        borderWidth: '0 0 1px 0',
        borderStyle: 'dotted',
        borderColor: color(`speaker${i}Border`),
        rangeBehavior: closed,
      }));
    }
    this.types.set('demand', vscode.window.createTextEditorDecorationType({
      backgroundColor: color('demandBackground'),
      borderWidth: '1px',
      borderStyle: 'dashed',
      borderColor: color('demandBorder'),
      borderRadius: '3px',
      overviewRulerColor: color('demandBorder'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      rangeBehavior: closed,
    }));
    this.types.set('response', vscode.window.createTextEditorDecorationType({
      borderWidth: '0 0 3px 0',
      borderStyle: 'double',
      borderColor: color('responseUnderline'),
      overviewRulerColor: color('responseUnderline'),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
      rangeBehavior: closed,
    }));
  }

  private disposeTypes(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
  }

  dispose(): void {
    this.disposeTypes();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function keyOf(span: HighlightSpan, slots: Map<string, number>, config: Config): Key | undefined {
  if (span.kind === 'alias') return config.highlight.aliases ? `alias:${slots.get(span.speaker) ?? PALETTE_SIZE}` : undefined;
  const a = span.annotation;
  if (!config.highlight[a.type]) return undefined;
  if (a.type === 'demand' || a.type === 'response') return a.type;
  return `${a.type}:${slots.get(a.speaker ?? '') ?? PALETTE_SIZE}`;
}
