// Writing an article's sidecar: one write at a time per article, atomic, never over a file that
// could not be parsed. Annotation changes wait for the article's save, so the sidecar's offsets
// always refer to the saved text; when the unsaved text is thrown away instead (Revert File,
// closing with Don't Save), the session's annotations are put on the saved text and written,
// those whose words only the discarded text had as orphans: kept, for review.
import * as vscode from 'vscode';
import { forMessage } from '../core/displayText';
import { Sidecar } from '../core/model';
import { serializeSidecar } from '../core/sidecar';
import { mergeSidecarFiles, UnmergeableError } from '../core/teams/mergeDocument';
import { placeSidecarOn } from '../core/teams/sidecarMerge';
import { errorText, stripBom } from '../core/wording';
import { ArticleState } from './articleState';
import { writeFileAtomic } from './atomicWrite';
import { UserFacingError } from './userFacingError';

export async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return stripBom(new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)));
  } catch (e) {
    if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
    throw e;
  }
}

export class SidecarWriter {
  /** Sidecar writes started per article: a read that overlapped one of ours saw an outdated file. */
  private readonly started = new Map<string, number>();
  /** The write under way per article: the next one starts after it. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly changed: (article: vscode.Uri) => void) {}

  writesStarted(key: string): number {
    return this.started.get(key) ?? 0;
  }

  forget(key: string): void {
    this.started.delete(key);
  }

  /** Runs `write` after the writes already under way for this article: two writes of one file must not overlap. */
  inTurn(key: string, write: () => Promise<void>): Promise<void> {
    // An earlier write's failure was its own caller's to report; this one runs all the same.
    const next = (this.writes.get(key) ?? Promise.resolve()).catch(() => undefined).then(write);
    this.writes.set(key, next);
    const forget = () => this.writes.get(key) === next && this.writes.delete(key);
    next.then(forget, forget);
    return next;
  }

  /**
   * Writes the session's annotations for the document's text, unless that text is unsaved (the
   * status bar then says the changes wait for the save). Rejects with a UserFacingError.
   */
  async persist(state: ArticleState | undefined, doc: vscode.TextDocument): Promise<void> {
    const session = state?.session;
    // While a reload from disk is being checked the session lacks the spans its coarse edit took
    // away: the write waits for the check, which writes it (ArticleStore.afterReload).
    if (!state || !session?.dirty || doc.isDirty || !state.model || state.model.readOnly || state.reloadFrom) {
      this.changed(doc.uri);
      return;
    }
    // The first edit of a saved article can reach us before VS Code marks it dirty: offsets
    // for unsaved words must not be written as if saved. The file itself decides; the save (or
    // the dirty state turning clean) writes them later.
    const text = doc.getText();
    if ((await readText(doc.uri)) !== text || doc.getText() !== text) {
      this.changed(doc.uri);
      return;
    }
    await this.write(state, session.toSidecar(text));
    session.dirty = session.changedSinceWrite = false;
    this.changed(doc.uri);
  }

  /**
   * The article's unsaved text is being thrown away (closed with Don't Save, reverted): the
   * session's annotations, as they are on the text going away, put on the saved text and
   * written. A sidecar changed on disk meanwhile is merged with, never written over.
   */
  async writeDiscarded(state: ArticleState, savedText?: string): Promise<void> {
    const session = state.session;
    if (!session || !state.model || state.model.readOnly || state.unreadable !== undefined) return;
    const snapshot = session.toSidecar(session.currentText);
    session.dirty = session.changedSinceWrite = false;
    const key = state.article.toString();
    await this.inTurn(key, async () => {
      const text = savedText ?? (await readText(state.article));
      if (text === undefined) {
        session.changedSinceWrite = true;
        throw new UserFacingError(`${vscode.workspace.asRelativePath(state.article)} is gone from disk: its annotation changes are kept only in memory.`);
      }
      const { sidecar } = placeSidecarOn(snapshot, text);
      await this.write(state, sidecar, text);
    });
  }

  /** Atomic: a temporary sibling, then a rename over the old file. */
  private async write(state: ArticleState, sidecar: Sidecar, articleText?: string): Promise<void> {
    const where = vscode.workspace.asRelativePath(state.sidecar);
    const model = state.model!;
    // js-yaml (our fast reader) accepts a few files the yaml Document (our writer) rejects;
    // such a file is never rewritten: the changes stay in memory and the user is told where.
    const docError = model.parsed.doc.errors[0];
    if (docError) {
      const pos = model.parsed.lineCounter.linePos(docError.pos[0]);
      throw new UserFacingError(`cannot rewrite ${where}:${pos.line}:${pos.col}: ${docError.message.split('\n')[0]}. Your annotation changes are kept in memory until the file is fixed.`);
    }
    let content = serializeSidecar(sidecar, model.parsed.doc);
    if (articleText !== undefined) content = await this.mergedWithDisk(state, content, articleText);
    // A CRLF file stays CRLF, or every line of it would show as changed.
    if (state.source?.includes('\r\n')) content = content.replace(/\r?\n/g, '\r\n');
    // Known as ours before the rename: the file watcher can report the new file (and read()
    // compare it) while the await below has not returned yet.
    const writtenBefore = state.lastWritten;
    state.lastWritten = content;
    const key = state.article.toString();
    this.started.set(key, this.writesStarted(key) + 1);
    try {
      await writeFileAtomic(state.sidecar, content);
    } catch (e) {
      state.lastWritten = writtenBefore;
      throw new UserFacingError(`could not write ${where}: ${errorText(e)}. Your annotation changes are kept in memory and written with the next change or save.`);
    }
    state.source = content;
  }

  /**
   * With no editor open on the article any more, nobody is there to ask: a sidecar that changed
   * on disk since we read it is merged with by id, conflicts recorded under `conflicts:`.
   */
  private async mergedWithDisk(state: ArticleState, content: string, articleText: string): Promise<string> {
    const now = await readText(state.sidecar);
    if (now === undefined || state.source === undefined || now === state.source || now === state.lastWritten) return content;
    try {
      return mergeSidecarFiles({ label: 'as last read', source: state.source }, { label: 'yours', source: content }, { label: 'on disk', source: now }, articleText).text;
    } catch (e) {
      if (!(e instanceof UnmergeableError)) throw e;
      // Neither side is lost: theirs stays where it is, ours goes beside it, named in the message.
      const beside = state.sidecar.with({ path: state.sidecar.path.replace(/(\.ya?ml)?$/, '.mine$1') });
      await writeFileAtomic(beside, content);
      throw new UserFacingError(
        `${vscode.workspace.asRelativePath(state.sidecar)} changed on disk and cannot be read (${e.message}); it is left as it is, and your annotation changes were written to ${vscode.workspace.asRelativePath(beside)}.`,
      );
    }
  }

  /** A write no command is there to report (after a save, a revert, a close). */
  showWriteError(e: unknown): void {
    void vscode.window.showErrorMessage(forMessage(`Attribution Lens: ${e instanceof Error ? e.message : String(e)}`));
  }
}
