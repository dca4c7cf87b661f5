// One ArticleModel per open article, kept in step with its sidecar file and its text.
// Reads go through workspace.fs so remote and virtual workspaces work; every async load
// is guarded by a generation number so a slow read never overwrites a newer result.
import * as vscode from 'vscode';
import { ArticleModel, assembleArticleModel, buildArticleModel } from '../core/articleModel';
import { forMessage, visibleControls } from '../core/displayText';
import { emptySidecar } from '../core/model';
import { AnnotationSession } from '../core/session';
import { parseSidecar, Problem, serializeSidecar } from '../core/sidecar';
import { sidecarGlob, sidecarRelativePath } from '../core/sidecarPath';
import { writeFileAtomic } from './atomicWrite';
import { Config } from './config';
import { UserFacingError } from './userFacingError';

export interface ArticleState {
  article: vscode.Uri;
  sidecar: vscode.Uri;
  /** Undefined when the article has no sidecar file. */
  model?: ArticleModel;
  /** The sidecar's text as last read. */
  source?: string;
  /** Document version the model was built from. */
  version: number;
  /** Live annotations and undo history; absent when the sidecar could not be read as one. */
  session?: AnnotationSession;
  /** What we last wrote, to tell our own writes from other people's in the file watcher. */
  lastWritten?: string;
  /** Why the sidecar file there could not be read: such a file is never written over. */
  unreadable?: string;
}

const ARTICLE_LANGUAGES = new Set(['plaintext', 'markdown']);
const ARTICLE_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs']);
/** A sidecar larger than this is refused with a message rather than parsed: it would freeze the host. */
export const MAX_SIDECAR_BYTES = 64 * 1024 * 1024;
const TEXT_CHANGE_DEBOUNCE_MS = 250;

export class ArticleStore implements vscode.Disposable {
  private readonly states = new Map<string, ArticleState>();
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inflight = new Map<string, Promise<ArticleState | undefined>>();
  /** Sidecar writes started per article: a read that overlapped one of ours saw an outdated file. */
  private readonly writesStarted = new Map<string, number>();
  /** The write under way per article: the next one starts after it. */
  private readonly writes = new Map<string, Promise<void>>();
  /** The last error shown per sidecar, so a reload of the same broken file does not nag again. */
  private readonly shownErrors = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('attribution-lens');
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];

  constructor(private readonly config: () => Config) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.isArticle(d) && void this.load(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.textChanged(e)),
      vscode.workspace.onDidSaveTextDocument((d) => this.inTurn(d, () => this.persist(d)).catch((e) => this.showWriteError(e))),
    );
    this.watch();
  }

  isArticle(doc: vscode.TextDocument): boolean {
    return ARTICLE_LANGUAGES.has(doc.languageId) && ARTICLE_SCHEMES.has(doc.uri.scheme);
  }

  get(uri: vscode.Uri): ArticleState | undefined {
    return this.states.get(uri.toString());
  }

  sidecarUriFor(article: vscode.Uri): vscode.Uri {
    const dir = article.path.slice(0, article.path.lastIndexOf('/'));
    const name = article.path.slice(article.path.lastIndexOf('/') + 1);
    return article.with({ path: `${dir}/${sidecarRelativePath(name, this.config().sidecarPattern)}` });
  }

  /** Loads every open article (at activation and after the sidecar pattern changes). */
  async loadAll(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.filter((d) => this.isArticle(d)).map((d) => this.load(d)));
  }

  /** Re-watches sidecars after the pattern setting changed. */
  watch(): void {
    this.watcher?.dispose();
    const w = vscode.workspace.createFileSystemWatcher(sidecarGlob(this.config().sidecarPattern));
    const onSidecar = (uri: vscode.Uri) => {
      for (const doc of vscode.workspace.textDocuments) {
        if (this.isArticle(doc) && this.sidecarUriFor(doc.uri).toString() === uri.toString()) void this.load(doc);
      }
    };
    w.onDidChange(onSidecar);
    w.onDidCreate(onSidecar);
    w.onDidDelete(onSidecar);
    this.watcher = w;
  }

  /** Reads the article's sidecar and rebuilds its model; resolves with the newest state. */
  load(doc: vscode.TextDocument): Promise<ArticleState | undefined> {
    const promise = this.read(doc);
    this.inflight.set(doc.uri.toString(), promise);
    return promise;
  }

  private async read(doc: vscode.TextDocument): Promise<ArticleState | undefined> {
    const key = doc.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const writesBefore = this.writesStarted.get(key) ?? 0;
    const sidecar = this.sidecarUriFor(doc.uri);
    let source: string | undefined;
    let readError: string | undefined;
    try {
      const stat = await vscode.workspace.fs.stat(sidecar);
      if (stat.size > MAX_SIDECAR_BYTES) readError = `it is ${(stat.size / 1048576).toFixed(0)} MB, over the ${MAX_SIDECAR_BYTES / 1048576} MB limit`;
      else source = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(sidecar)).replace(/^\uFEFF/, '');
    } catch (e) {
      if (!(e instanceof vscode.FileSystemError && e.code === 'FileNotFound')) readError = e instanceof Error ? e.message : String(e);
    }
    // A newer load started while we were reading: its result is the one that counts.
    if (this.generations.get(key) !== generation) return this.inflight.get(key);
    if (doc.isClosed) return undefined;
    const previous = this.states.get(key);
    // We wrote the file while it was being read: what was read is older than what we wrote.
    if (previous?.session && (this.writesStarted.get(key) ?? 0) !== writesBefore) return previous;
    // Our own write, or a touch that changed nothing: keep the session and its undo history.
    if (previous?.session && source !== undefined && (source === previous.lastWritten || source === previous.source)) return previous;
    if (previous?.session?.dirty && source !== previous.source) {
      // Someone changed the sidecar while we hold unsaved annotation changes: never drop either silently.
      const choice = await vscode.window.showWarningMessage(
        forMessage(`Attribution Lens: ${vscode.workspace.asRelativePath(sidecar)} changed on disk while you have unsaved annotation changes.`),
        { modal: true },
        'Reload from Disk',
        'Keep Mine',
      );
      if (choice !== 'Reload from Disk') {
        // Keep ours; the next write overwrites the file, but only after this explicit choice.
        previous.source = source;
        return previous;
      }
    }
    if (readError !== undefined) {
      this.diagnostics.set(sidecar, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), visibleControls(`Cannot read this sidecar: ${readError}`, '\n'))]);
      this.showError(`Attribution Lens: cannot read ${vscode.workspace.asRelativePath(sidecar)}: ${readError}. The file is left untouched.`, sidecar);
    }
    const state: ArticleState = { article: doc.uri, sidecar, source, version: doc.version, unreadable: readError };
    if (source !== undefined) this.build(state, doc);
    else if (readError === undefined) {
      this.diagnostics.delete(sidecar);
      this.shownErrors.delete(sidecar.toString());
    }
    this.states.set(key, state);
    this.changed.fire(doc.uri);
    return state;
  }

  private build(state: ArticleState, doc: vscode.TextDocument): void {
    const text = doc.getText();
    const model = buildArticleModel(state.source!, text);
    state.model = model;
    state.version = doc.version;
    state.session = model.readable ? new AnnotationSession(text, model.sidecar, model.placed, model.orphans) : undefined;
    this.diagnostics.set(state.sidecar, model.problems.map((p) => toDiagnostic(p, model)));
    const firstError = model.problems.find((p) => p.severity === 'error');
    if (!firstError) this.shownErrors.delete(state.sidecar.toString());
    else {
      const more = model.problems.filter((p) => p.severity === 'error').length - 1;
      this.showError(
        `Attribution Lens: cannot read ${vscode.workspace.asRelativePath(state.sidecar)}:${firstError.line}:${firstError.column}: ` +
          `${firstError.message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}. The file is left untouched.`,
        state.sidecar,
      );
    }
  }

  /** Every edit moves the annotations at once; the model (index, cards, ranges) follows, debounced. */
  private textChanged(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const state = this.states.get(key);
    if (!state?.session) return;
    const reason = e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : undefined;
    state.session.textEdited(e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })), reason);
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (e.document.isClosed || this.states.get(key) !== state) return;
        this.refreshModel(state, e.document);
      }, TEXT_CHANGE_DEBOUNCE_MS),
    );
  }

  /** Rebuilds the model from the session now (after annotation changes, or debounced after typing). */
  refreshModel(state: ArticleState, doc: vscode.TextDocument): void {
    const session = state.session;
    if (!session || !state.model) return;
    const placed = session.annotations();
    const sidecar = { ...state.model.sidecar, speakers: session.speakers, demands: session.demands, annotations: placed };
    // Orphans too: one re-attached or deleted in the Needs Review view is no longer counted.
    state.model = assembleArticleModel({ ...state.model, sidecar, placed, orphans: session.currentOrphans() }, doc.getText());
    state.version = doc.version;
    this.changed.fire(doc.uri);
  }

  /**
   * The session to change annotations in, creating an empty sidecar model for an article
   * that has none yet (the file itself is written with the first annotation). Undefined, with
   * a message, when the sidecar must not be rewritten.
   */
  async editableSession(doc: vscode.TextDocument): Promise<AnnotationSession | undefined> {
    let state = this.get(doc.uri) ?? (await this.load(doc));
    if (!state) return undefined;
    if (state.model?.readOnly) {
      const errors = state.model.problems.some((p) => p.severity === 'error');
      void vscode.window.showErrorMessage(
        forMessage(`Attribution Lens: ${vscode.workspace.asRelativePath(state.sidecar)} ${errors ? 'has errors (see Problems); fix them before annotating' : 'has a newer format version and is read-only'}.`),
      );
      return undefined;
    }
    if (state.unreadable !== undefined) {
      void vscode.window.showErrorMessage(
        forMessage(`Attribution Lens: ${vscode.workspace.asRelativePath(state.sidecar)} could not be read (${state.unreadable}); it is left untouched, so this article cannot be annotated until it can be read.`),
      );
      return undefined;
    }
    if (state.source === undefined && !state.session) {
      const name = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1);
      const fresh = emptySidecar(name);
      const source = serializeSidecar(fresh);
      const model = assembleArticleModel({ parsed: parseSidecar(source), sidecar: fresh, placed: [], orphans: [], problems: [] }, doc.getText());
      state = { ...state, model };
      state.session = new AnnotationSession(doc.getText(), fresh, [], []);
      this.states.set(doc.uri.toString(), state);
    }
    return state.session;
  }

  /**
   * After an annotation change: redraws, and writes the sidecar after the writes already under
   * way for this article (keys pressed in quick succession run commands concurrently, and two
   * writes of one file must not overlap). Rejects with a UserFacingError naming the file when the
   * sidecar could not be written: the caller reports it, and must not claim the change was saved.
   */
  writeInTurn(doc: vscode.TextDocument): Promise<void> {
    return this.inTurn(doc, () => this.changedAnnotations(doc));
  }

  private inTurn(doc: vscode.TextDocument, write: () => Promise<void>): Promise<void> {
    const key = doc.uri.toString();
    // An earlier write's failure was its own caller's to report; this one runs all the same.
    const next = (this.writes.get(key) ?? Promise.resolve()).catch(() => undefined).then(write);
    this.writes.set(key, next);
    const forget = () => this.writes.get(key) === next && this.writes.delete(key);
    next.then(forget, forget);
    return next;
  }

  /** After an annotation change: redraw now, and write the sidecar unless the article has unsaved text. */
  private async changedAnnotations(doc: vscode.TextDocument): Promise<void> {
    const state = this.get(doc.uri);
    if (!state) return;
    this.refreshModel(state, doc);
    await this.persist(doc);
  }

  /**
   * Writes the session's annotations when the article's text is saved, so the sidecar's
   * offsets always refer to the saved text (its sha256 says which). Atomic: a temporary
   * sibling, then a rename over the old file. Rejects with a UserFacingError when it cannot.
   */
  private async persist(doc: vscode.TextDocument): Promise<void> {
    const state = this.get(doc.uri);
    const session = state?.session;
    if (!state || !session?.dirty || doc.isDirty || !state.model || state.model.readOnly) {
      this.changed.fire(doc.uri); // the status bar shows "waiting for save"
      return;
    }
    const where = vscode.workspace.asRelativePath(state.sidecar);
    // js-yaml (our fast reader) accepts a few files the yaml Document (our writer) rejects;
    // such a file is never rewritten: the changes stay in memory and the user is told where.
    const docError = state.model.parsed.doc.errors[0];
    if (docError) {
      const pos = state.model.parsed.lineCounter.linePos(docError.pos[0]);
      throw new UserFacingError(`cannot rewrite ${where}:${pos.line}:${pos.col}: ${docError.message.split('\n')[0]}. Your annotation changes are kept in memory until the file is fixed.`);
    }
    let content = serializeSidecar(session.toSidecar(doc.getText()), state.model.parsed.doc);
    // A CRLF file stays CRLF, or every line of it would show as changed.
    if (state.source?.includes('\r\n')) content = content.replace(/\r?\n/g, '\r\n');
    // Known as ours before the rename: the file watcher can report the new file (and read()
    // compare it) while the await below has not returned yet.
    const writtenBefore = state.lastWritten;
    state.lastWritten = content;
    const key = doc.uri.toString();
    this.writesStarted.set(key, (this.writesStarted.get(key) ?? 0) + 1);
    try {
      await writeFileAtomic(state.sidecar, content);
    } catch (e) {
      state.lastWritten = writtenBefore;
      throw new UserFacingError(`could not write ${where}: ${e instanceof Error ? e.message : String(e)}. Your annotation changes are kept in memory and written with the next change or save.`);
    }
    state.source = content;
    session.dirty = false;
    this.changed.fire(doc.uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    clearTimeout(this.timers.get(key));
    this.states.delete(key);
    this.generations.delete(key);
    this.inflight.delete(key);
    this.writesStarted.delete(key);
    this.diagnostics.delete(state.sidecar);
  }

  /** The sidecar write after a save failed: no command is there to report it. Every save is told. */
  private showWriteError(e: unknown): void {
    void vscode.window.showErrorMessage(forMessage(`Attribution Lens: ${e instanceof Error ? e.message : String(e)}`));
  }

  /** `message` names the sidecar and quotes the parser, which quotes the file: shown as text. */
  private showError(untrusted: string, sidecar: vscode.Uri): void {
    const message = forMessage(untrusted);
    if (this.shownErrors.get(sidecar.toString()) === message) return;
    this.shownErrors.set(sidecar.toString(), message);
    void vscode.window.showErrorMessage(message, 'Open Sidecar').then((choice) => {
      if (choice) void vscode.window.showTextDocument(sidecar);
    });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.watcher?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

function toDiagnostic(p: Problem, model: ArticleModel): vscode.Diagnostic {
  const end = model.parsed.lineCounter.linePos(p.end);
  const range = new vscode.Range(p.line - 1, p.column - 1, end.line - 1, end.col - 1);
  // Plain text in the Problems view, but a bidi override would still reorder what is read there.
  const d = new vscode.Diagnostic(range, visibleControls(p.message, '\n'), p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'Attribution Lens';
  return d;
}
