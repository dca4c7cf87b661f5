// The workspace index: every sidecar under the corpus roots, read once through the Host and then
// kept up to date file by file. It holds the lean sidecars (corpusRead.ts), never article texts,
// and which files define and use each speaker and demand id, so a query touches only the files
// that name the id and an update only the file that changed. The Corpus it gives is what the
// report, the duplicates list and the hover cards read (corpus.ts).
import { Host } from '../host';
import { ArticleFinder, ArticleRef } from '../pipeline/find';
import { DEFAULT_READ_LIMIT, ReadError, readText } from '../pipeline/read';
import { isInside, relative } from '../posixPath';
import { Problem } from '../sidecar';
import { DEFAULT_SIDECAR_PATTERN } from '../sidecarPath';
import { errorText } from '../wording';
import { Corpus, CorpusArticle, WorkspaceSpeaker } from './corpus';
import { readForCorpus } from './corpusRead';
import { IdRefs } from './idRefs';
import { mapLimited } from './pool';
import { parseSpeakersFile, speakersFileOf } from './workspaceSpeakers';

export interface CorpusIndexOptions {
  /** The sidecar pattern (attributionLens.sidecarPattern). */
  pattern?: string;
  /** Paths left out, files and whole folders (the extension maps files.exclude onto it). */
  exclude?: (path: string) => boolean;
  /** Reads in flight at once. */
  concurrency?: number;
  readLimit?: number;
  /** Told after each sidecar read during a build. */
  onProgress?: (done: number, total: number) => void;
  cancelled?: () => boolean;
}

/** What is wrong with one file of the corpus. */
export interface FileProblems {
  file: string;
  problems: Problem[];
  /**
   * The file cannot be read as a sidecar any more (not YAML, merge conflict markers...): the
   * corpus keeps what it last read from it, until it reads again. False when there was nothing
   * to keep, or the problems are the file's own errors in content the corpus does use.
   */
  stale: boolean;
}

export interface IndexEntry {
  article: CorpusArticle;
  /** `article.date` in ms, for ordering; NaN when undated. */
  dateMs: number;
}

function problem(message: string, severity: Problem['severity'] = 'error', line = 1, column = 1): Problem {
  return { severity, message, start: 0, end: 1, line, column };
}

export class CorpusIndex {
  private readonly entries = new Map<string, IndexEntry>();
  private readonly problemsByFile = new Map<string, FileProblems>();
  private readonly rootSpeakers = new Map<string, Map<string, WorkspaceSpeaker>>();
  private readonly finder: ArticleFinder;
  private readonly roots: string[];
  /** Which sidecars define and use each id (kept with every entry change). */
  readonly refs = new IdRefs();
  private cached?: Corpus;
  private mergedSpeakers?: Map<string, WorkspaceSpeaker>;

  constructor(
    private readonly host: Host,
    roots: readonly string[],
    private readonly options: CorpusIndexOptions = {},
  ) {
    // The deepest root first: a path belongs to the most specific root holding it.
    this.roots = [...new Set(roots)].sort((a, b) => b.length - a.length);
    this.finder = new ArticleFinder(host, options.pattern ?? DEFAULT_SIDECAR_PATTERN, options.exclude);
  }

  /** Reads every sidecar under the roots, and each root's speakers file. */
  async build(): Promise<void> {
    const cancelled = this.options.cancelled ?? (() => false);
    const found = await this.finder.find(this.roots, cancelled);
    for (const stray of found.strays) this.problemsByFile.set(stray, { file: stray, problems: [problem('a sidecar without its article: not in the corpus', 'warning')], stale: false });
    let done = 0;
    await mapLimited(
      found.articles,
      this.options.concurrency ?? 16,
      async (ref) => {
        await this.load(ref);
        this.options.onProgress?.(++done, found.articles.length);
      },
      cancelled,
    );
    for (const root of this.roots) await this.loadSpeakers(root);
  }

  // -- the corpus --------------------------------------------------------------------------

  corpus(): Corpus {
    if (!this.cached) {
      const articles = [...this.entries.values()].map((e) => e.article).sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : 0));
      this.cached = { articles, speakers: this.speakers() };
    }
    return this.cached;
  }

  /** The workspace speakers of every root; a root listed first wins an id two files define. */
  speakers(): ReadonlyMap<string, WorkspaceSpeaker> {
    if (!this.mergedSpeakers) {
      this.mergedSpeakers = new Map();
      for (const root of [...this.roots].reverse()) for (const [id, s] of this.rootSpeakers.get(root) ?? []) this.mergedSpeakers.set(id, s);
    }
    return this.mergedSpeakers;
  }

  entry(sidecarPath: string): IndexEntry | undefined {
    return this.entries.get(sidecarPath);
  }

  /** The entry of an article (by the article's path or its sidecar's). */
  entryOf(path: string): IndexEntry | undefined {
    return this.entries.get(path) ?? this.entries.get(this.finder.sidecarOf(path));
  }

  get size(): number {
    return this.entries.size;
  }

  /** Every file with problems, sorted by path. */
  problems(): FileProblems[] {
    return [...this.problemsByFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  // -- keeping it up to date ---------------------------------------------------------------

  /** A file was created or changed (a sidecar, an article, a speakers file, or a folder moved in). */
  async update(path: string): Promise<void> {
    const root = this.rootOf(path);
    if (root === undefined || this.excluded(path, root)) return this.remove(path);
    if (this.roots.some((r) => speakersFileOf(r) === path)) {
      for (const r of this.roots) if (speakersFileOf(r) === path) await this.loadSpeakers(r);
      return;
    }
    const stat = await this.host.stat(path).catch(() => undefined);
    if (!stat) return this.remove(path);
    if (stat.kind === 'directory') return this.rescan(path);
    const known = this.entries.get(path);
    if (known || this.finder.looksLikeSidecar(path)) {
      const article = known?.article.article ?? (await this.finder.articleOf(path));
      if (article === undefined) {
        this.drop(path);
        this.problemsByFile.set(path, { file: path, problems: [problem('a sidecar without its article: not in the corpus', 'warning')], stale: false });
        return;
      }
      return this.load({ article, sidecar: path });
    }
    // An article: its date may come from its modification time, and it may have just appeared
    // beside a sidecar that was a stray.
    const sidecar = this.finder.sidecarOf(path);
    if ((await this.host.stat(sidecar).catch(() => undefined))?.kind === 'file') await this.load({ article: path, sidecar });
  }

  /** A file or folder is gone: its entries (and a sidecar's problems) go with it. */
  remove(path: string): void {
    for (const r of this.roots) {
      if (speakersFileOf(r) === path && this.rootSpeakers.delete(r)) this.changed(true);
    }
    for (const key of [...this.problemsByFile.keys()]) if (key === path || isInside(path, key)) this.problemsByFile.delete(key);
    if (this.entries.has(path)) return this.drop(path);
    const asArticle = this.finder.sidecarOf(path);
    if (this.entries.get(asArticle)?.article.article === path) return this.drop(asArticle);
    // A folder: everything under it (a scan of the entries, no reads).
    for (const [sidecar, e] of [...this.entries]) if (isInside(path, sidecar) || isInside(path, e.article.article)) this.drop(sidecar);
  }

  /** A file or folder moved: only the entries under `from` and `to` are touched. */
  async rename(from: string, to: string): Promise<void> {
    this.remove(from);
    await this.update(to);
  }

  // -- internals ---------------------------------------------------------------------------

  private rootOf(path: string): string | undefined {
    return this.roots.find((r) => isInside(r, path));
  }

  private excluded(path: string, root: string): boolean {
    const exclude = this.options.exclude;
    if (!exclude) return false;
    // The path or any folder between it and its root.
    for (let p = path; p.length > root.length; p = p.slice(0, p.lastIndexOf('/'))) if (exclude(p)) return true;
    return false;
  }

  private async rescan(folder: string): Promise<void> {
    const found = await this.finder.find([folder]);
    const wanted = new Set(found.articles.map((r) => r.sidecar));
    for (const sidecar of [...this.entries.keys()]) if (isInside(folder, sidecar) && !wanted.has(sidecar)) this.drop(sidecar);
    await mapLimited(found.articles, this.options.concurrency ?? 16, (ref) => this.load(ref));
  }

  /** Reads one sidecar (and, when it has no date, its article's modification time) into its entry. */
  private async load(ref: ArticleRef): Promise<void> {
    let source: string;
    try {
      source = await readText(this.host, ref.sidecar, this.options.readLimit ?? DEFAULT_READ_LIMIT);
    } catch (e) {
      // Gone between the listing and the read: as if removed. Unreadable (too big, not UTF-8): said so.
      if (e instanceof ReadError && e.message === 'no such file') return this.remove(ref.sidecar);
      this.drop(ref.sidecar);
      const where = e instanceof ReadError ? [e.line ?? 1, e.column ?? 1] : [1, 1];
      this.problemsByFile.set(ref.sidecar, { file: ref.sidecar, problems: [problem(e instanceof ReadError ? e.message : errorText(e), 'error', where[0], where[1])], stale: false });
      return;
    }
    const read = readForCorpus(source);
    if (!read.sidecar) {
      // Unreadable as a whole (a merge in progress, say): keep what was last read, flagged.
      const stale = this.entries.has(ref.sidecar);
      this.problemsByFile.set(ref.sidecar, { file: ref.sidecar, problems: read.problems, stale });
      return;
    }
    if (read.problems.length) this.problemsByFile.set(ref.sidecar, { file: ref.sidecar, problems: read.problems, stale: false });
    else this.problemsByFile.delete(ref.sidecar);
    const root = this.rootOf(ref.article) ?? this.rootOf(ref.sidecar) ?? '/';
    const folderPath = ref.article.slice(0, ref.article.lastIndexOf('/'));
    const article: CorpusArticle = { article: ref.article, sidecarPath: ref.sidecar, folder: isInside(root, folderPath) ? relative(root, folderPath) : '', sidecar: read.sidecar };
    let dateMs = NaN;
    const own = read.sidecar.document.date;
    if (own !== undefined) {
      article.date = own;
      article.dateFrom = 'document';
      dateMs = Date.parse(own);
    } else {
      const mtime = (await this.host.stat(ref.article).catch(() => undefined))?.mtime;
      if (mtime !== undefined) {
        article.date = new Date(mtime).toISOString();
        article.dateFrom = 'mtime';
        dateMs = mtime;
      }
    }
    this.drop(ref.sidecar, false);
    this.entries.set(ref.sidecar, { article, dateMs });
    this.refs.add(ref.sidecar, read.sidecar);
    this.changed(false);
  }

  /** Takes a sidecar's entry out (its problems stay unless `clearProblems`). */
  private drop(sidecar: string, clearProblems = true): void {
    if (clearProblems) this.problemsByFile.delete(sidecar);
    const old = this.entries.get(sidecar);
    if (!old) return;
    this.entries.delete(sidecar);
    this.refs.remove(sidecar, old.article.sidecar);
    this.changed(false);
  }

  private async loadSpeakers(root: string): Promise<void> {
    const file = speakersFileOf(root);
    this.problemsByFile.delete(file);
    const stat = await this.host.stat(file).catch(() => undefined);
    if (!stat) {
      if (this.rootSpeakers.delete(root)) this.changed(true);
      return;
    }
    try {
      const parsed = parseSpeakersFile(await readText(this.host, file, this.options.readLimit ?? DEFAULT_READ_LIMIT));
      if (parsed.problems.length) this.problemsByFile.set(file, { file, problems: parsed.problems, stale: false });
      this.rootSpeakers.set(root, parsed.speakers);
    } catch (e) {
      this.problemsByFile.set(file, { file, problems: [problem(e instanceof ReadError ? e.message : errorText(e))], stale: this.rootSpeakers.has(root) });
    }
    this.changed(true);
  }

  private changed(speakers: boolean): void {
    this.cached = undefined;
    if (speakers) this.mergedSpeakers = undefined;
  }
}
