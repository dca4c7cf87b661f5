// Draws an article's spans. Decoration types are made once per configuration (and colour
// theme: generated colours differ for dark and light), those of speakers past the ten themed
// colours when first needed; a redraw only calls setDecorations, from ranges cached per model
// and document version, so switching editors redraws at once without recomputing.
import * as vscode from 'vscode';
import { ArticleModel, HighlightSpan } from '../core/articleModel';
import { spansToDraw } from '../core/highlightFilter';
import { Paint, speakerPaint } from '../core/legend';
import { PALETTE_SIZE, SpeakerStyle, speakerStyles, ThemeBase } from '../core/palette';
import { ArticleStore } from './articleStore';
import { Config } from './config';

/** Past this many spans an article's highlights in view are drawn first, the others a moment later. */
const VISIBLE_FIRST_ABOVE = 2000;

/** 'quote:3', 'mention:3', 'alias:3' (theme slot or generated place), 'quote:#d62728' (own colour), 'demand', 'response'. */
type Key = string;

export class DecorationController implements vscode.Disposable {
  private types = new Map<Key, vscode.TextEditorDecorationType>();
  /** What each type was made with, colours as text: for tests. */
  private options = new Map<Key, Record<string, string>>();
  private base: ThemeBase = themeBase();
  private themeKind = vscode.window.activeColorTheme.kind;
  private cache = new WeakMap<ArticleModel, { version: number; configKey: string; ranges: Map<Key, vscode.Range[]> }>();
  /** The document version last drawn in an editor of each document: for the bench (and tests) to see a redraw. */
  private readonly drawn = new WeakMap<vscode.TextDocument, number>();
  private readonly drawnCount = new WeakMap<vscode.TextDocument, number>();
  /** The whole drawing still to come after an editor's visible part was drawn first. */
  private readonly pending = new Map<vscode.TextEditor, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: ArticleStore,
    private readonly config: () => Config,
  ) {
    this.createTypes();
    this.disposables.push(
      store.onDidChange((uri) => this.redraw(uri)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.redraw()),
      // Literal colours depend on the kind of theme (their set, and the fill's alpha).
      vscode.window.onDidChangeActiveColorTheme((theme) => {
        if (theme.kind !== this.themeKind) this.reconfigure();
      }),
    );
  }

  /** Called when settings change: new types (old ones are disposed, which clears them). */
  reconfigure(): void {
    this.disposeTypes();
    this.base = themeBase();
    this.themeKind = vscode.window.activeColorTheme.kind;
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
    const state = this.store.get(document.uri);
    const model = state?.model;
    if (!model) return new Map();
    const ranges = this.ranges(model, document);
    // The last good annotations of a sidecar that broke since: drawn as before, dimmed and
    // crossed by a warning outline, so they read as stale, not as what the file says now.
    return state.stale ? new Map(ranges).set('stale', model.placed.map((a) => new vscode.Range(document.positionAt(a.start), document.positionAt(a.end)))) : ranges;
  }

  /** The render options of every decoration type made so far, ThemeColors as `theme:<id>`. */
  renderOptions(): Record<Key, Record<string, string>> {
    return Object.fromEntries(this.options);
  }

  /** Every speaker's style as drawn now (their decoration types made): what legends show. */
  stylesFor(model: ArticleModel): Map<string, SpeakerStyle> {
    const styles = speakerStyles(model.sidecar, this.config().colorBy, this.base);
    for (const style of styles.values()) this.ensureSpeakerTypes(style);
    return styles;
  }

  /** The kind of theme the colours are made for. */
  get themeBase(): ThemeBase {
    return this.base;
  }

  /** `whole`: all of it now (the rest after the part in view was drawn first). */
  private draw(editor: vscode.TextEditor, whole = false): void {
    // A model older than the text would draw its offsets on the wrong words; until it catches
    // up (debounced after typing) VS Code's own tracked decoration ranges are the right ones.
    const state = this.store.get(editor.document.uri);
    if (state?.model && state.version !== editor.document.version) return;
    clearTimeout(this.pending.get(editor));
    this.pending.delete(editor);
    const model = state?.model;
    // A large article's ranges not made yet: what is in view first, the rest on the next turn,
    // so the highlights a person looks at do not wait for thousands elsewhere.
    if (!whole && model && !state.stale && !this.hasRanges(model, editor.document) && model.index.all().length > VISIBLE_FIRST_ABOVE) {
      const inView = this.visibleRanges(model, editor);
      for (const [key, type] of this.types) editor.setDecorations(type, inView.get(key) ?? []);
      this.drawn.set(editor.document, editor.document.version);
      this.drawnCount.set(editor.document, count(inView));
      const version = editor.document.version;
      this.pending.set(
        editor,
        setTimeout(() => {
          this.pending.delete(editor);
          if (this.store.get(editor.document.uri)?.model === model && editor.document.version === version && vscode.window.visibleTextEditors.includes(editor)) this.draw(editor, true);
        }, 0),
      );
      return;
    }
    const ranges = this.rangesFor(editor.document);
    for (const [key, type] of this.types) editor.setDecorations(type, ranges.get(key) ?? []);
    this.drawn.set(editor.document, editor.document.version);
    this.drawnCount.set(editor.document, count(ranges));
  }

  /** Whether the ranges of `model` on this version of the text are made (cached). */
  private hasRanges(model: ArticleModel, document: vscode.TextDocument): boolean {
    const cached = this.cache.get(model);
    return cached !== undefined && cached.version === document.version && cached.configKey === this.configKey();
  }

  /** The ranges of the spans in (or near) the editor's visible ranges, by decoration key. */
  private visibleRanges(model: ArticleModel, editor: vscode.TextEditor): Map<Key, vscode.Range[]> {
    const document = editor.document;
    const spans = new Set<HighlightSpan>();
    for (const r of editor.visibleRanges) {
      // A screen more above and below: a small scroll right away still finds its highlights.
      const lines = r.end.line - r.start.line + 1;
      const start = document.offsetAt(new vscode.Position(Math.max(0, r.start.line - lines), 0));
      const end = document.offsetAt(new vscode.Position(r.end.line + lines, 0));
      for (const span of model.index.overlapping(start, end)) spans.add(span);
    }
    return this.rangesOf([...spans], document, this.stylesFor(model));
  }

  /** How many ranges were last handed to an editor of the document: for tests. */
  drawnRangeCount(document: vscode.TextDocument): number {
    return this.drawnCount.get(document) ?? 0;
  }

  /** The document version whose highlights were last handed to an editor (undefined: never). */
  drawnVersion(document: vscode.TextDocument): number | undefined {
    return this.drawn.get(document);
  }

  private configKey(): string {
    const config = this.config();
    return JSON.stringify(config.highlight) + config.colorBy + this.base;
  }

  private ranges(model: ArticleModel, document: vscode.TextDocument): Map<Key, vscode.Range[]> {
    const configKey = this.configKey();
    const cached = this.cache.get(model);
    if (cached && cached.version === document.version && cached.configKey === configKey) return cached.ranges;
    const out = this.rangesOf(model.index.all(), document, this.stylesFor(model));
    this.cache.set(model, { version: document.version, configKey, ranges: out });
    return out;
  }

  private rangesOf(spans: readonly HighlightSpan[], document: vscode.TextDocument, styles: Map<string, SpeakerStyle>): Map<Key, vscode.Range[]> {
    const out = new Map<Key, vscode.Range[]>();
    for (const span of spansToDraw(spans, this.config().highlight)) {
      const key = keyOf(span, styles);
      const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
      const list = out.get(key) ?? [];
      list.push(range);
      out.set(key, list);
      // Placed on edited text and not yet accepted: outlined on top of its own highlight.
      if (span.kind === 'annotation' && span.annotation.review?.status === 'repaired') {
        if (!out.has('review')) out.set('review', []);
        out.get('review')!.push(range);
      }
    }
    return out;
  }

  private createTypes(): void {
    const color = themeColor;
    const closed = vscode.DecorationRangeBehavior.ClosedClosed;
    for (let i = 1; i <= PALETTE_SIZE; i++) this.ensureSpeakerTypes({ position: i, themeSlot: i, key: String(i) });
    this.create('demand', {
      backgroundColor: color('demandBackground'),
      borderWidth: '1px',
      borderStyle: 'dashed',
      borderColor: color('demandBorder'),
      borderRadius: '3px',
      overviewRulerColor: color('demandBorder'),
      overviewRulerLane: vscode.OverviewRulerLane.Right,
      rangeBehavior: closed,
    });
    this.create('review', {
      outlineWidth: '1px',
      outlineStyle: 'dotted',
      outlineColor: themeColorOf('editorWarning.foreground'),
      overviewRulerColor: themeColorOf('editorWarning.foreground'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: closed,
    });
    this.create('stale', {
      opacity: '0.55',
      outlineWidth: '1px',
      outlineStyle: 'dashed',
      outlineColor: themeColorOf('editorWarning.foreground'),
      overviewRulerColor: themeColorOf('editorWarning.foreground'),
      overviewRulerLane: vscode.OverviewRulerLane.Full,
      rangeBehavior: closed,
    });
    this.create('response', {
      borderWidth: '0 0 3px 0',
      borderStyle: 'double',
      borderColor: color('responseUnderline'),
      overviewRulerColor: color('responseUnderline'),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
      rangeBehavior: closed,
    });
  }

  /** A speaker's quote, mention and alias types: theme colours for the themed slots, else literal ones. */
  private ensureSpeakerTypes(style: SpeakerStyle): void {
    if (this.types.has(`quote:${style.key}`)) return;
    const paint = speakerPaint(style, fillAlpha());
    const fill = colorOf(paint.fill);
    const line = colorOf(paint.line);
    const closed = vscode.DecorationRangeBehavior.ClosedClosed;
    this.create(`quote:${style.key}`, {
      backgroundColor: fill,
      overviewRulerColor: line,
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      // The second channel for generated colours, which get close to one another as they multiply.
      ...(paint.underline && { borderWidth: '0 0 2px 0', borderStyle: paint.underline, borderColor: line }),
      rangeBehavior: closed,
    });
    this.create(`mention:${style.key}`, {
      backgroundColor: fill,
      borderWidth: '1px',
      borderStyle: 'solid',
      borderColor: line,
      borderRadius: '3px',
      fontWeight: '600',
      overviewRulerColor: line,
      overviewRulerLane: vscode.OverviewRulerLane.Left,
      rangeBehavior: closed,
    });
    // Derived mentions are lighter: a dotted underline only, and no ruler mark to keep it quiet.
    this.create(`alias:${style.key}`, {
      borderWidth: '0 0 1px 0',
      borderStyle: 'dotted',
      borderColor: line,
      rangeBehavior: closed,
    });
  }

  private create(key: Key, options: vscode.DecorationRenderOptions): void {
    this.types.set(key, vscode.window.createTextEditorDecorationType(options));
    const described: Record<string, string> = {};
    for (const [k, v] of Object.entries(options)) described[k] = themeColorIds.has(v) ? `theme:${themeColorIds.get(v)}` : String(v);
    this.options.set(key, described);
  }

  private disposeTypes(): void {
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
    this.options.clear();
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    this.disposeTypes();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function count(ranges: Map<Key, vscode.Range[]>): number {
  let n = 0;
  for (const [key, list] of ranges) if (key !== 'review') n += list.length;
  return n;
}

/** The decoration a drawn span gets (spansToDraw has left out what is switched off). */
function keyOf(span: HighlightSpan, styles: Map<string, SpeakerStyle>): Key {
  const speakerKey = (id: string | undefined) => styles.get(id ?? '')?.key ?? String(PALETTE_SIZE);
  if (span.kind === 'alias') return `alias:${speakerKey(span.speaker)}`;
  const a = span.annotation;
  if (a.type === 'demand' || a.type === 'response') return a.type;
  return `${a.type}:${speakerKey(a.speaker)}`;
}

function colorOf(paint: Paint): string | vscode.ThemeColor {
  return 'hex' in paint ? paint.hex : themeColorOf(paint.theme);
}

/** A workbench colour, described by its id like ours. */
function themeColorOf(id: string): vscode.ThemeColor {
  const c = new vscode.ThemeColor(id);
  themeColorIds.set(c, id);
  return c;
}

/** The ids of the ThemeColors made here (the typings of VS Code 1.90 do not show `id`). */
const themeColorIds = new WeakMap<object, string>();
function themeColor(name: string): vscode.ThemeColor {
  const c = new vscode.ThemeColor(`attributionLens.${name}`);
  themeColorIds.set(c, `attributionLens.${name}`);
  return c;
}

export function themeBase(): ThemeBase {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Light || kind === vscode.ColorThemeKind.HighContrastLight ? 'light' : 'dark';
}

/** The alpha of a literal colour's fill: that of package.json's defaults for the themed fills. */
export function fillAlpha(): string {
  const kind = vscode.window.activeColorTheme.kind;
  return kind === vscode.ColorThemeKind.Light ? '30' : kind === vscode.ColorThemeKind.HighContrast ? '60' : '40';
}
