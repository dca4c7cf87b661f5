// One ArticleModel per open article, kept in step with its sidecar file and its text.
// Reads go through workspace.fs so remote and virtual workspaces work; every async load
// is guarded by a generation number so a slow read never overwrites a newer result.
import * as vscode from 'vscode';
import { ArticleModel, assembleArticleModel, buildArticleModel } from '../core/articleModel';
import { anchorAnnotations, AnchorResult } from '../core/anchoring';
import { forMessage, visibleControls } from '../core/displayText';
import { Annotation, emptySidecar, Sidecar } from '../core/model';
import { AnnotationSession } from '../core/session';
import { parseSidecar, Problem, serializeSidecar } from '../core/sidecar';
import { sidecarGlob, sidecarRelativePath } from '../core/sidecarPath';
import { conflictMarkers } from '../core/sidecarSource';
import { listConflicts } from '../core/teams/resolveConflict';
import { placeSidecarOn } from '../core/teams/sidecarMerge';
import { Config } from './config';
import { askReloadOrKeep, mergeDiskChange } from './diskMerge';
import { ArticleState } from './articleState';
import { followUp, keepLastGood, markersMessage, refuseStale, RESOLVE_SIDECAR_CONFLICTS, SHOW_PROBLEM } from './staleState';
import { readText, SidecarWriter } from './sidecarWriter';

export type { ArticleState } from './articleState';

const ARTICLE_LANGUAGES = new Set(['plaintext', 'markdown']);
const ARTICLE_SCHEMES = new Set(['file', 'vscode-remote', 'vscode-vfs']);

/** Files on a file system a sidecar can be written beside: local, remote, virtual (github.dev), Live Share (vsls). Not untitled, git or output. */
function onArticleFileSystem(uri: vscode.Uri): boolean {
  return ARTICLE_SCHEMES.has(uri.scheme) || vscode.workspace.fs.isWritableFileSystem(uri.scheme) === true;
}
/** A sidecar larger than this is refused with a message rather than parsed: it would freeze the host. */
export const MAX_SIDECAR_BYTES = 64 * 1024 * 1024;
const TEXT_CHANGE_DEBOUNCE_MS = 250;

export class ArticleStore implements vscode.Disposable {
  private readonly states = new Map<string, ArticleState>();
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inflight = new Map<string, Promise<ArticleState | undefined>>();
  /** The on-disk merge under way per article (its question may be open): later reads wait for it. */
  private readonly merges = new Map<string, Promise<unknown>>();
  /** The last error shown per sidecar, so a reload of the same broken file does not nag again. */
  private readonly shownErrors = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  readonly diagnostics = vscode.languages.createDiagnosticCollection('attribution-lens');
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private readonly writer = new SidecarWriter((uri) => this.changed.fire(uri));

  constructor(private readonly config: () => Config) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.isArticle(d) && void this.load(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeTextDocument((e) => (e.contentChanges.length ? this.textChanged(e) : this.dirtyStateChanged(e.document))),
      vscode.workspace.onDidSaveTextDocument((d) => this.saved(d)),
    );
    this.watch();
  }

  isArticle(doc: vscode.TextDocument): boolean {
    return ARTICLE_LANGUAGES.has(doc.languageId) && onArticleFileSystem(doc.uri);
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
    const writesBefore = this.writer.writesStarted(key);
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
    const merging = this.merges.get(key);
    if (merging) {
      await merging.catch(() => undefined);
      if (this.generations.get(key) !== generation) return this.inflight.get(key);
    }
    const previous = this.states.get(key);
    // We wrote the file while it was being read: what was read is older than what we wrote.
    if (previous?.session && this.writer.writesStarted(key) !== writesBefore) return previous;
    // Our own write, or a touch that changed nothing: keep the session and its undo history.
    if (previous?.session && source !== undefined && (source === previous.lastWritten || source === previous.source)) return previous;
    // Only changes a person made count: offsets that moved with the text come back from the new file.
    if (previous?.session?.changedSinceWrite && source !== previous.source) {
      // Someone changed the sidecar while we hold unsaved annotation changes: merge, never drop either silently.
      const where = vscode.workspace.asRelativePath(sidecar);
      if (source !== undefined && readError === undefined && previous.source !== undefined) {
        const merge = this.mergeFromDisk(previous, doc, where, previous.source, source);
        this.merges.set(key, merge);
        const merged = await merge.finally(() => this.merges.get(key) === merge && this.merges.delete(key));
        if (merged) return previous;
      }
      const why = source === undefined && readError === undefined ? 'changed on disk (it was deleted)' : 'changed on disk and cannot be merged (it is not a readable sidecar now)';
      if ((await askReloadOrKeep(where, why)) === 'keep') {
        // Keep ours; the next write overwrites the file, but only after this explicit choice.
        previous.source = source;
        return previous;
      }
    }
    const state: ArticleState = { article: doc.uri, sidecar, source, version: doc.version, unreadable: readError, wasDirty: doc.isDirty };
    if (readError !== undefined) {
      this.diagnostics.set(sidecar, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), visibleControls(`Cannot read this sidecar: ${readError}`, '\n'))]);
      this.showError(`Attribution Lens: cannot read ${vscode.workspace.asRelativePath(sidecar)}: ${readError}. The file is left untouched.`, state);
    }
    if (source !== undefined) this.build(state, doc);
    else if (readError === undefined) {
      this.diagnostics.delete(sidecar);
      this.shownErrors.delete(sidecar.toString());
    }
    keepLastGood(state, previous);
    this.states.set(key, state);
    this.changed.fire(doc.uri);
    return state;
  }

  /**
   * Takes in a sidecar changed on disk while the session holds unwritten changes; false when it
   * cannot be merged. Theirs comes in as one undoable step; the result is written when the
   * article's text allows (now, or with its save).
   */
  private async mergeFromDisk(state: ArticleState, doc: vscode.TextDocument, where: string, base: string, theirs: string): Promise<boolean> {
    const session = state.session!;
    const merged = await mergeDiskChange(where, base, theirs, () => ({ session, text: doc.getText(), doc: state.model?.parsed.doc.errors.length ? undefined : state.model?.parsed.doc }));
    if (merged === undefined || doc.isClosed || this.states.get(doc.uri.toString()) !== state) return merged !== undefined;
    const text = doc.getText();
    const model = buildArticleModel(merged, text);
    if (!model.readable || model.readOnly) return false;
    session.adopt({ ...model.sidecar, placed: model.placed, orphans: model.orphans, rejectedPlacement: model.anchored.rejected }, `Take in changes to ${where} from disk`);
    state.model = model;
    state.source = theirs;
    state.conflicted = conflictState(merged);
    this.diagnostics.set(state.sidecar, model.problems.map((p) => toDiagnostic(p, model)));
    this.refreshModel(state, doc);
    await this.persistInTurn(doc);
    return true;
  }

  private build(state: ArticleState, doc: vscode.TextDocument): void {
    const text = doc.getText();
    const model = buildArticleModel(state.source!, text);
    state.model = model;
    state.version = doc.version;
    state.session = model.readable ? new AnnotationSession(text, model.sidecar, model.placed, model.orphans, model.anchored.rejected) : undefined;
    state.conflicted = conflictState(state.source!);
    this.diagnostics.set(state.sidecar, model.problems.map((p) => toDiagnostic(p, model)));
    const firstError = model.problems.find((p) => p.severity === 'error');
    const where = vscode.workspace.asRelativePath(state.sidecar);
    if (!firstError) this.shownErrors.delete(state.sidecar.toString());
    else if (state.conflicted === 'markers') this.showError(markersMessage(where, firstError), state);
    else {
      const more = model.problems.filter((p) => p.severity === 'error').length - 1;
      this.showError(
        `Attribution Lens: cannot read ${where}:${firstError.line}:${firstError.column}: ` +
          `${firstError.message}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}. The file is left untouched.`,
        state,
      );
    }
    if (!firstError && state.conflicted) this.showError(`Attribution Lens: ${where} has merge conflicts recorded under "conflicts:" (both sides changed the same entries).`, state, 'warning');
  }

  /**
   * Every edit moves the annotations at once; the model (index, cards, ranges) follows, debounced.
   * An edit that leaves the article as saved without a save (Revert File, Undo back to the saved
   * text) lets the annotation changes that waited for the save be written now.
   */
  private textChanged(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const state = this.states.get(key);
    const session = state?.session;
    if (!state || !session) return;
    const reason = e.reason === vscode.TextDocumentChangeReason.Undo ? 'undo' : e.reason === vscode.TextDocumentChangeReason.Redo ? 'redo' : undefined;
    // The first edit of a saved article can arrive still marked clean: only dirty -> clean counts.
    const backToSaved = state.wasDirty && !e.document.isDirty && session.changedSinceWrite;
    state.wasDirty = e.document.isDirty;
    // Not an Undo: the text was replaced (reverted, or reloaded after a checkout or a script
    // changed the file), and the edit alone would drop every annotation inside it, intact words
    // and all (VS Code hands a reload over as one coarse edit). They are re-anchored from the
    // text being left instead, edited ones flagged.
    // A reload handed over as several edits: the annotations as before the first of them.
    const leaving = !reason && !e.document.isDirty ? (state.reloadFrom ?? session.toSidecar(session.currentText)) : undefined;
    if (!leaving) state.reloadFrom = undefined; // typed or undone: no reload under way
    session.textEdited(e.contentChanges.map((c) => ({ offset: c.rangeOffset, length: c.rangeLength, text: c.text })), reason);
    if (leaving && backToSaved) {
      state.reloadFrom = undefined;
      this.putOn(session, leaving, e.document.getText());
      this.refreshModel(state, e.document);
    } else if (leaving) {
      state.reloadFrom = leaving;
      // In the write queue: a sidecar write asked for meanwhile waits, so it never writes the
      // session while the coarse edit has taken spans away.
      this.writer.inTurn(key, () => this.afterReload(state, e.document, leaving)).catch((err: unknown) => this.writer.showWriteError(err));
    }
    if (backToSaved) void this.persistInTurn(e.document);
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

  /**
   * A clean article's text changed without Undo: a reload from disk, unless the text now differs
   * from the file (the first keystroke in a saved article can arrive still marked clean). Then
   * the spans are put back from the text left. Moving with the text is not an annotation change:
   * a sidecar arriving from the same checkout is simply read, not merged with them.
   */
  private async afterReload(state: ArticleState, doc: vscode.TextDocument, leaving: Sidecar): Promise<void> {
    const version = doc.version;
    let disk: string | undefined;
    try {
      disk = await readText(doc.uri);
    } catch {
      return;
    }
    const session = state.session;
    if (doc.version !== version && !doc.isClosed) return; // a later edit's check takes over, from the same text left
    if (!session || doc.isClosed || this.states.get(doc.uri.toString()) !== state) {
      state.reloadFrom = undefined;
      return;
    }
    // The file differs from the text: either it was rewritten again after this reload (two
    // rewrites in quick succession; the reload to the newer file comes as a later edit, whose
    // check takes over from the same text left), or this was a keystroke that arrived marked
    // clean (the article turning dirty ends the wait). Until then no write may catch the
    // session with the spans the coarse edit took away.
    if (disk !== doc.getText()) return;
    state.reloadFrom = undefined;
    const anchored = anchoredOn(leaving, doc.getText());
    // Places come from the reload; what the user changed while the file was read stays (data
    // from the session now, annotations added meanwhile). On any doubt an annotation is kept.
    const placed: Annotation[] = [];
    const seen = new Set<string>();
    for (const a of anchored.placed) {
      const data = session.dataOf(a.id) ?? a;
      seen.add(a.id);
      placed.push({ ...data, start: a.start, end: a.end, ...(a.review?.status === 'repaired' ? { text: a.text, review: a.review } : {}) });
    }
    const orphans = anchored.orphans;
    const orphaned = new Set(orphans.map((o) => o.annotation.id));
    for (const a of session.annotations()) if (!seen.has(a.id) && !orphaned.has(a.id)) placed.push(a);
    const changedBefore = session.changedSinceWrite;
    session.adopt({ speakers: session.speakers, demands: session.demands, placed, orphans });
    session.restoreRejected(anchored.rejected);
    session.changedSinceWrite = changedBefore;
    this.refreshModel(state, doc);
    // An annotation change whose write waited for this check (see persist) is written now.
    if (changedBefore) await this.writer.persist(state, doc);
  }

  /** The session's annotations as they were on the text just left, put on `text` (orphans kept). */
  private putOn(session: AnnotationSession, leaving: Sidecar, text: string): void {
    const anchored = anchoredOn(leaving, text);
    session.adopt({ speakers: session.speakers, demands: session.demands, placed: anchored.placed, orphans: anchored.orphans });
    session.restoreRejected(anchored.rejected);
  }

  /**
   * Marked as saved with no text change: Undo back to the saved text (when VS Code tells the
   * dirty state apart from the edit), or Don't Save on closing, which keeps the unsaved text in the
   * document but no longer on its way to disk. Which one it is, the text on disk says.
   */
  private async dirtyStateChanged(doc: vscode.TextDocument): Promise<void> {
    const state = this.get(doc.uri);
    if (state) state.wasDirty = doc.isDirty;
    if (state && doc.isDirty) state.reloadFrom = undefined; // the clean edit was typed, not a reload
    if (doc.isDirty || !state?.session?.changedSinceWrite) return;
    try {
      const saved = await readText(doc.uri);
      if (this.get(doc.uri) !== state || !state.session?.changedSinceWrite) return;
      if (saved === doc.getText()) await this.persistInTurn(doc);
      else await this.writer.writeDiscarded(state, saved);
    } catch (e) {
      this.writer.showWriteError(e);
    }
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
    if (state.stale) return refuseStale(state, state.stale);
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
    return this.writer.inTurn(doc.uri.toString(), async () => {
      const state = this.get(doc.uri);
      if (!state) return;
      this.refreshModel(state, doc);
      await this.writer.persist(state, doc);
    });
  }

  /** The text is the file's now: no reload is left to check, and the waiting changes are written. */
  private saved(doc: vscode.TextDocument): Promise<void> {
    const state = this.get(doc.uri);
    if (state) state.reloadFrom = undefined;
    return this.persistInTurn(doc);
  }

  /** The write after a save, a revert or a merge: no command is there to report a failure, so it is shown here. */
  private persistInTurn(doc: vscode.TextDocument): Promise<void> {
    return this.writer.inTurn(doc.uri.toString(), () => this.writer.persist(this.get(doc.uri), doc)).catch((e) => this.writer.showWriteError(e));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    clearTimeout(this.timers.get(key));
    // Closed with its unsaved text thrown away: the annotation changes that waited for its save go
    // onto the saved text now (with Don't Save, VS Code may not have said the text was discarded).
    if (state.session?.changedSinceWrite) void this.writer.writeDiscarded(state).catch((e) => this.writer.showWriteError(e));
    this.states.delete(key);
    this.generations.delete(key);
    this.inflight.delete(key);
    this.writer.forget(key);
    this.diagnostics.delete(state.sidecar);
  }

  /** `message` names the sidecar and quotes the parser, which quotes the file: shown as text. */
  private showError(untrusted: string, state: ArticleState, kind: 'error' | 'warning' = 'error'): void {
    const message = forMessage(untrusted);
    const sidecar = state.sidecar;
    if (this.shownErrors.get(sidecar.toString()) === message) return;
    this.shownErrors.set(sidecar.toString(), message);
    const actions = state.conflicted ? [RESOLVE_SIDECAR_CONFLICTS, SHOW_PROBLEM] : [SHOW_PROBLEM];
    const show = kind === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    // The state the message is about may have been replaced meanwhile: the newest one is shown.
    void show(message, ...actions).then((choice) => followUp(choice, this.get(state.article) ?? state));
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.watcher?.dispose();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}

/** Whether Resolve Sidecar Conflicts has something to do in this sidecar source. */
export function conflictState(source: string): ArticleState['conflicted'] {
  if (conflictMarkers(source).length) return 'markers';
  // Cheap first: only a file with a top-level `conflicts:` line is parsed again.
  return /^conflicts:/m.test(source) && listConflicts(source).length ? 'recorded' : undefined;
}

function toDiagnostic(p: Problem, model: ArticleModel): vscode.Diagnostic {
  const end = model.parsed.lineCounter.linePos(p.end);
  const range = new vscode.Range(p.line - 1, p.column - 1, end.line - 1, end.col - 1);
  // Plain text in the Problems view, but a bidi override would still reorder what is read there.
  const d = new vscode.Diagnostic(range, visibleControls(p.message, '\n'), p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'Attribution Lens';
  return d;
}

/** The annotations of `leaving` (the session as on the text left) put on `text`, orphans kept. */
function anchoredOn(leaving: Sidecar, text: string): AnchorResult {
  return anchorAnnotations(placeSidecarOn(leaving, text).sidecar, text);
}
