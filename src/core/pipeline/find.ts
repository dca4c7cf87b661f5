// Finding annotated articles: an article is a file whose sidecar (named by the sidecar pattern)
// is there. One rule, here, maps sidecars to articles for the CLI and the extension alike.
import { Host } from '../host';
import { basename, dirname, join } from '../posixPath';
import { sidecarRelativePath } from '../sidecarPath';

export interface ArticleRef {
  /** Absolute posix paths. */
  article: string;
  sidecar: string;
}

export interface Found {
  articles: ArticleRef[];
  /** Sidecars whose article is not there. */
  strays: string[];
  /** Files named explicitly that are neither an article with a sidecar nor a sidecar. */
  bare: { file: string; expected: string }[];
  /** Paths given that do not exist. */
  missing: string[];
}

const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class ArticleFinder {
  private readonly sidecarLike: RegExp;
  /** How many folders the pattern puts between an article and its sidecar. */
  private readonly depth: number;

  /**
   * `exclude` (a path, absolute) leaves files and whole folders out of a walk, as VS Code's
   * files.exclude does; paths given explicitly are never excluded.
   */
  constructor(
    private readonly host: Host,
    private readonly pattern: string,
    private readonly exclude: (path: string) => boolean = () => false,
  ) {
    // The pattern as sidecarRelativePath applies it (it falls back to the default for unsafe
    // ones): name a made-up article and turn its names back into placeholders.
    const file = '\u0001F\u0001.\u0001E';
    const normal = sidecarRelativePath(file, pattern).split(file).join('${file}').split('\u0001F\u0001').join('${name}');
    this.depth = normal.split('/').length - 1;
    let named = false;
    const source = normal
      .split(/(\$\{(?:file|name)\})/)
      .map((part) => {
        if (part === '${file}' && !named) {
          named = true;
          return '(?<file>[^/]+)';
        }
        return /^\$\{(file|name)\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('');
    this.sidecarLike = new RegExp(`(^|/)${source}$`);
  }

  sidecarOf(article: string): string {
    return join(dirname(article), sidecarRelativePath(basename(article), this.pattern));
  }

  looksLikeSidecar(file: string): boolean {
    return this.sidecarLike.test(file);
  }

  /** The article a sidecar would belong to, when its name says (a pattern with ${file}). */
  expectedArticle(sidecar: string): string | undefined {
    const file = this.sidecarLike.exec(sidecar)?.groups?.file;
    return file === undefined ? undefined : join(this.articleFolder(sidecar), file);
  }

  /** The article a sidecar belongs to, when it is there. */
  async articleOf(sidecar: string): Promise<string | undefined> {
    const dir = this.articleFolder(sidecar);
    let names: string[];
    try {
      names = (await this.host.list(dir)).filter((e) => e.kind !== 'directory').map((e) => e.name);
    } catch {
      return undefined;
    }
    for (const name of names.sort(byPath)) {
      const candidate = join(dir, name);
      if (candidate !== sidecar && this.sidecarOf(candidate) === sidecar) return candidate;
    }
    return undefined;
  }

  /** The file has a sidecar: it is an annotated article. */
  async isArticle(file: string): Promise<boolean> {
    return this.isFile(this.sidecarOf(file));
  }

  private articleFolder(sidecar: string): string {
    let dir = dirname(sidecar);
    for (let i = 0; i < this.depth; i++) dir = dirname(dir);
    return dir;
  }

  /** Articles, sidecars and folders (walked) given by absolute path, sorted and each once. */
  async find(paths: readonly string[], cancelled: () => boolean = () => false): Promise<Found> {
    const articles = new Map<string, ArticleRef>();
    const strays = new Set<string>();
    const found: Found = { articles: [], strays: [], bare: [], missing: [] };
    const claimed = new Set<string>();
    const add = (article: string, sidecar: string) => {
      articles.set(article, { article, sidecar });
      claimed.add(sidecar);
    };
    for (const abs of paths) {
      if (cancelled()) break;
      const stat = await this.host.stat(abs);
      if (!stat) {
        found.missing.push(abs);
      } else if (stat.kind === 'directory') {
        const sidecarCandidates: string[] = [];
        for (const file of await this.walk(abs, cancelled)) {
          const sidecar = this.sidecarOf(file);
          if (await this.isFile(sidecar)) add(file, sidecar);
          if (this.looksLikeSidecar(file)) sidecarCandidates.push(file);
        }
        for (const file of sidecarCandidates) {
          if (claimed.has(file) || articles.has(file)) continue;
          // With a pattern that puts sidecars in a subfolder, the article may be outside the walked folder.
          const article = await this.articleOf(file);
          if (article) add(article, file);
          else strays.add(file);
        }
      } else if (this.looksLikeSidecar(abs) && !(await this.isFile(this.sidecarOf(abs)))) {
        const article = await this.articleOf(abs);
        if (article) add(article, abs);
        else strays.add(abs);
      } else {
        const sidecar = this.sidecarOf(abs);
        if (await this.isFile(sidecar)) add(abs, sidecar);
        else found.bare.push({ file: abs, expected: sidecar });
      }
    }
    // A sidecar first seen alone may belong to an article found later (a folder given after it).
    for (const s of strays) if (claimed.has(s)) strays.delete(s);
    found.articles = [...articles.values()].sort((a, b) => byPath(a.article, b.article));
    found.strays = [...strays].sort(byPath);
    return found;
  }

  private async isFile(file: string): Promise<boolean> {
    return (await this.host.stat(file).catch(() => undefined))?.kind === 'file';
  }

  /**
   * Every regular file under `dir` (symbolic links to files included), skipping node_modules and
   * dot-folders; symlinked folders are not followed (no cycles), special files are not articles.
   */
  private async walk(dir: string, cancelled: () => boolean): Promise<string[]> {
    const out: string[] = [];
    const entries = (await this.host.list(dir)).sort((a, b) => byPath(a.name, b.name));
    for (const e of entries) {
      if (cancelled()) break;
      const p = join(dir, e.name);
      if (this.exclude(p)) continue;
      if (e.kind === 'directory') {
        if (e.symlink || e.name === 'node_modules' || e.name.startsWith('.')) continue;
        out.push(...(await this.walk(p, cancelled)));
      } else if (e.kind === 'file') {
        out.push(p);
      }
    }
    return out;
  }
}
