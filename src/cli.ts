// The command-line tool `attribution-lens`: check sidecars against their articles, export
// them, import brat and W3C annotations into a sidecar. Never imports vscode: it is bundled
// on its own as dist/cli.js. Everything it touches goes through `CliIo`, so tests run `main`
// in-process with their own writers, file system and format registry.
import * as nodeFs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { anchorAnnotations, AnchorResult } from './core/anchoring';
import { LoadedArticle, loadArticle } from './core/export/article';
import { exporters as registryExporters, Importer, importers as registryImporters, ImportFormat } from './core/export/index';
import { ArticleInput, ExportFile, ExportFormat, Exporter } from './core/export/types';
import { Problem, serializeSidecar } from './core/sidecar';
import { DEFAULT_SIDECAR_PATTERN, sidecarRelativePath } from './core/sidecarPath';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'markdown', 'html', 'brat', 'w3c'];

/** A brat `.ann` or W3C JSON-LD file, with the article text, into a sidecar and warnings. */
export type CliImporter = Importer;

/** The subset of node:fs the tool uses. */
export interface CliFs {
  readFileSync(file: string, encoding: 'utf8'): string;
  writeFileSync(file: string, data: string, options?: { flag?: string }): void;
  existsSync(file: string): boolean;
  statSync(file: string): { isFile(): boolean; isDirectory(): boolean };
  readdirSync(dir: string, options: { withFileTypes: true }): { name: string; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }[];
  mkdirSync(dir: string, options: { recursive: true }): unknown;
}

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  fs: CliFs;
  /** Relative paths in arguments resolve against it, and messages show paths relative to it. */
  cwd: string;
  exporters: Partial<Record<ExportFormat, Exporter>>;
  importers: Partial<Record<ImportFormat, CliImporter>>;
}

/** Exit codes: the command ran and all is well / found problems / could not run as asked. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
  }
}

const TOOL = 'attribution-lens';

const HELP: Record<'main' | 'check' | 'export' | 'import', string> = {
  main: `Usage: ${TOOL} <command> [options]

Check, export and import the annotations kept in sidecar files beside news articles
(story.txt -> story.txt.annotations.yaml).

Commands:
  check <paths...>                      validate sidecars and their anchors against the articles
  export <paths...> --format FORMAT     write annotations as json, csv, markdown, html, brat or w3c
  import <file.ann|file.jsonld>         make a sidecar from brat standoff or W3C Web Annotations

Paths may be articles, sidecars or folders (walked recursively, skipping node_modules and
folders whose name starts with a dot). An article is any file with a sidecar beside it.

Run "${TOOL} <command> --help" for a command's options.

Exit codes: 0 all well, 1 problems found (details above the summary), 2 usage error.
`,
  check: `Usage: ${TOOL} check <paths...> [options]

Validates each article's sidecar and puts its annotations on the article text, then prints,
per article, how many annotations still match, the ones that no longer do (re-anchored:
found elsewhere because the article changed; orphaned: not found with confidence), and
invalid entries, each as FILE:LINE:COLUMN of the sidecar. A summary line comes last.

Options:
  --strict                  also fail when document.sha256 is missing or does not match
                            the article, even though every annotation still matches
  --sidecar-pattern PATTERN sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN});
                            \${file} = article file name, \${name} = without its extension
  -h, --help                show this help

Exit code 1 on any problem: an invalid entry, an orphan, a re-anchored annotation (the
sidecar's offsets are stale: open the article in VS Code and save it to rewrite them),
a sidecar without its article, an article given by name without a sidecar, no article
found at all. Exit code 0 when everything is clean, 2 on usage errors.
`,
  export: `Usage: ${TOOL} export <paths...> --format json|csv|markdown|html|brat|w3c [options]

Options:
  -f, --format FORMAT       json, csv, markdown, html, brat or w3c (required)
  -o, --out PATH            where to write: a file when the export is a single file, a folder
                            otherwise (created when missing); "-" writes a single file to
                            standard output. Default: beside the articles (a file that
                            combines several articles goes into their common folder)
      --bom                 csv: start with a UTF-8 byte-order mark, for Excel
      --name NAME           name of a file that combines several articles (default "annotations")
      --sidecar-pattern PATTERN   sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN})
  -h, --help                show this help

One article gives files named after it (story.txt.csv). Several articles give one combined
file for json, csv and markdown, and files per article for html, brat and w3c.
Articles whose sidecar has errors are skipped with the errors listed, and the rest are
still exported; exit code 1 then. Annotations that could not be re-anchored are exported
as orphans where the format can say so, with a warning. Export files are overwritten;
articles and sidecars never are.
`,
  import: `Usage: ${TOOL} import <file.ann|file.jsonld> [options]

Makes a sidecar from brat standoff annotations (.ann, with its .txt) or W3C Web Annotation
JSON-LD (.jsonld or .json).

Options:
      --text FILE           the article text the annotations refer to (default: story.txt
                            beside story.ann; story.txt beside story.txt.jsonld)
  -o, --out PATH            the sidecar to write (default: beside the text file, named by
                            the sidecar pattern: story.txt.annotations.yaml)
      --format brat|w3c     the input format (default: from the file extension)
      --force               overwrite an existing sidecar
      --sidecar-pattern PATTERN   sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN})
  -h, --help                show this help

An existing sidecar is never overwritten without --force. Warnings (lines skipped, names
guessed, spans kept for review) name the input file and line and leave the exit code 0;
exit code 1 when nothing could be written.
`,
};

/** Runs the tool; resolves to the exit code. Never calls process.exit. */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const env: CliIo = {
    stdout: io.stdout ?? ((t) => process.stdout.write(t)),
    stderr: io.stderr ?? ((t) => process.stderr.write(t)),
    fs: io.fs ?? (nodeFs as unknown as CliFs),
    cwd: io.cwd ?? process.cwd(),
    exporters: io.exporters ?? registryExporters,
    importers: io.importers ?? registryImporters,
  };
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        env.stderr(HELP.main);
        return EXIT_USAGE;
      case '-h':
      case '--help':
        env.stdout(HELP.main);
        return EXIT_OK;
      case 'help': {
        const topic = rest[0] ?? 'main';
        if (!(topic in HELP)) throw new UsageError(`unknown command "${topic}"`);
        env.stdout(HELP[topic as keyof typeof HELP]);
        return EXIT_OK;
      }
      case 'check':
        return runCheck(rest, env);
      case 'export':
        return runExport(rest, env);
      case 'import':
        return runImport(rest, env);
      default:
        throw new UsageError(command.startsWith('-') ? `unknown option "${command}" (a command comes first)` : `unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      const help = e.command ? `${TOOL} ${e.command} --help` : `${TOOL} --help`;
      env.stderr(`${TOOL}${e.command ? ' ' + e.command : ''}: ${e.message}\nRun "${help}" for usage.\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// Arguments

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parse(
  command: keyof typeof HELP,
  args: readonly string[],
  options: OptionSpec,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({
      args: [...args],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      const unknown = code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'([^']+)'/.exec((e as Error).message)?.[1];
      throw new UsageError(unknown ? `unknown option "${unknown}"` : (e as Error).message, command);
    }
    throw e;
  }
}

/** A string option given twice, or given empty, is a usage error rather than a silent pick. */
function stringOption(command: string, values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v === '') throw new UsageError(`option --${name} needs a value`, command);
  return v;
}

// ---------------------------------------------------------------------------------------
// Finding articles

interface ArticleRef {
  /** Absolute paths. */
  article: string;
  sidecar: string;
}

interface Found {
  articles: ArticleRef[];
  /** Sidecars whose article is not there (absolute paths). */
  strays: string[];
  /** Files named on the command line that are neither an article with a sidecar nor a sidecar. */
  bare: { file: string; expected: string }[];
}

class Finder {
  private readonly sidecarLike: RegExp;
  /** How many folders the pattern puts between an article and its sidecar. */
  private readonly depth: number;

  constructor(private readonly io: CliIo, private readonly pattern: string) {
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
    return path.join(path.dirname(article), sidecarRelativePath(path.basename(article), this.pattern));
  }

  private articleFolder(sidecar: string): string {
    let dir = path.dirname(sidecar);
    for (let i = 0; i < this.depth; i++) dir = path.dirname(dir);
    return dir;
  }

  /** The article a sidecar would belong to, when its name says (a pattern with \${file}). */
  expectedArticle(sidecar: string): string | undefined {
    const file = this.sidecarLike.exec(sidecar.split(path.sep).join('/'))?.groups?.file;
    return file === undefined ? undefined : path.join(this.articleFolder(sidecar), file);
  }

  /** The article a sidecar belongs to, when it is there. */
  private articleOf(sidecar: string): string | undefined {
    const dir = this.articleFolder(sidecar);
    let names: string[];
    try {
      names = this.io.fs.readdirSync(dir, { withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => e.name);
    } catch {
      return undefined;
    }
    for (const name of names.sort()) {
      const candidate = path.join(dir, name);
      if (candidate !== sidecar && this.sidecarOf(candidate) === sidecar) return candidate;
    }
    return undefined;
  }

  private looksLikeSidecar(file: string): boolean {
    return this.sidecarLike.test(file.split(path.sep).join('/'));
  }

  find(args: readonly string[], command: string): Found {
    const articles = new Map<string, ArticleRef>();
    const strays = new Set<string>();
    const bare: Found['bare'] = [];
    const claimed = new Set<string>();
    const add = (article: string, sidecar: string) => {
      articles.set(article, { article, sidecar });
      claimed.add(sidecar);
    };
    for (const arg of args) {
      const abs = path.resolve(this.io.cwd, arg);
      let stat;
      try {
        stat = this.io.fs.statSync(abs);
      } catch {
        throw new UsageError(`${arg}: no such file or folder`, command);
      }
      if (stat.isDirectory()) {
        const files = this.walk(abs);
        const sidecarCandidates: string[] = [];
        for (const file of files) {
          const sidecar = this.sidecarOf(file);
          if (this.exists(sidecar)) add(file, sidecar);
          if (this.looksLikeSidecar(file)) sidecarCandidates.push(file);
        }
        for (const file of sidecarCandidates) {
          if (claimed.has(file) || articles.has(file)) continue;
          // With a pattern that puts sidecars in a subfolder, the article may be outside the walked folder.
          const article = this.articleOf(file);
          if (article) add(article, file);
          else strays.add(file);
        }
      } else if (this.looksLikeSidecar(abs) && !this.exists(this.sidecarOf(abs))) {
        const article = this.articleOf(abs);
        if (article) add(article, abs);
        else strays.add(abs);
      } else {
        const sidecar = this.sidecarOf(abs);
        if (this.exists(sidecar)) add(abs, sidecar);
        else bare.push({ file: abs, expected: sidecar });
      }
    }
    // A sidecar first seen alone may belong to an article found later (a folder given after it).
    for (const s of strays) if (claimed.has(s)) strays.delete(s);
    const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    return {
      articles: [...articles.values()].sort((a, b) => byPath(a.article, b.article)),
      strays: [...strays].sort(byPath),
      bare,
    };
  }

  private exists(file: string): boolean {
    try {
      return this.io.fs.statSync(file).isFile();
    } catch {
      return false;
    }
  }

  /** Every file under `dir`, skipping node_modules and dot-folders; symlinked folders are not followed (no cycles). */
  private walk(dir: string): string[] {
    const out: string[] = [];
    const entries = this.io.fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
        out.push(...this.walk(p));
      } else if (e.isFile() || (e.isSymbolicLink() && this.exists(p))) {
        out.push(p);
      }
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------
// Reading

interface Read {
  ref: ArticleRef;
  text: string;
  loaded: LoadedArticle;
}

/** Editors drop a leading byte-order mark, so offsets and sha256 never count it. */
function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

function readArticle(io: CliIo, ref: ArticleRef, articlePath: string): Read | { ref: ArticleRef; error: string } {
  let text: string;
  let source: string;
  try {
    text = stripBom(io.fs.readFileSync(ref.article, 'utf8'));
  } catch (e) {
    return { ref, error: `${display(io, ref.article)}: cannot read the article: ${errorText(e)}` };
  }
  try {
    source = stripBom(io.fs.readFileSync(ref.sidecar, 'utf8'));
  } catch (e) {
    return { ref, error: `${display(io, ref.sidecar)}: cannot read the sidecar: ${errorText(e)}` };
  }
  return { ref, text, loaded: loadArticle(articlePath, text, source) };
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ? `${err.code}${err.message ? ` (${err.message.replace(/^\w+: /, '')})` : ''}` : String(e);
}

/** A path as the user would type it: relative to the working folder when inside it. */
function display(io: CliIo, file: string): string {
  const rel = path.relative(io.cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function located(io: CliIo, sidecar: string, p: Problem, label: string = p.severity): string {
  return `${display(io, sidecar)}:${p.line}:${p.column}: ${label}: ${p.message}`;
}

function strayMessage(io: CliIo, finder: Finder, sidecar: string): string {
  const expected = finder.expectedArticle(sidecar);
  return `a sidecar without its article (${expected ? `no ${display(io, expected)}` : 'no file in its folder has this sidecar name'})`;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------
// check

interface CheckTally {
  articles: number;
  clean: number;
  matching: number;
  moved: number;
  orphaned: number;
  differs: number;
  invalid: number;
  unreadable: number;
  strays: number;
  bare: number;
}

function runCheck(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse('check', args, { strict: { type: 'boolean' }, 'sidecar-pattern': { type: 'string' } });
  if (values.help) {
    io.stdout(HELP.check);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('missing the paths to check (articles, sidecars or folders)', 'check');
  const pattern = stringOption('check', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const finder = new Finder(io, pattern);
  const found = finder.find(positionals, 'check');
  const t: CheckTally = { articles: 0, clean: 0, matching: 0, moved: 0, orphaned: 0, differs: 0, invalid: 0, unreadable: 0, strays: 0, bare: 0 };
  const out = (line: string) => io.stdout(line + '\n');

  for (const ref of found.articles) {
    t.articles++;
    const read = readArticle(io, ref, display(io, ref.article));
    if ('error' in read) {
      t.unreadable++;
      out(`FAIL ${display(io, ref.article)}`);
      out(`  ${read.error}`);
      continue;
    }
    if (checkArticle(io, read, Boolean(values.strict), t, out)) t.clean++;
  }
  for (const stray of found.strays) {
    t.strays++;
    out(`FAIL ${display(io, stray)}: ${strayMessage(io, finder, stray)}`);
  }
  for (const b of found.bare) {
    t.bare++;
    out(`FAIL ${display(io, b.file)}: no sidecar (expected ${display(io, b.expected)})`);
  }

  const problems = t.articles - t.clean + t.strays + t.bare;
  const details = [
    plural(t.matching, 'annotation matches', 'annotations match'),
    t.moved && `${t.moved} re-anchored`,
    t.orphaned && `${t.orphaned} orphaned`,
    t.differs && `${t.differs} with a different text`,
    t.invalid && plural(t.invalid, 'invalid entry', 'invalid entries'),
    t.unreadable && plural(t.unreadable, 'unreadable file'),
    t.strays && plural(t.strays, 'sidecar without its article', 'sidecars without their article'),
    t.bare && plural(t.bare, 'file without a sidecar', 'files without a sidecar'),
  ].filter(Boolean);
  if (t.articles === 0 && t.strays === 0 && t.bare === 0) {
    out(`No annotated article found in ${positionals.join(', ')} (an article is a file with a sidecar beside it, ${pattern}).`);
    return EXIT_PROBLEMS;
  }
  out(
    `${plural(t.articles, 'article')} checked, ${t.clean} clean: ${details.join(', ')}.` +
      (problems ? ` ${plural(problems, 'problem')}.` : ' No problems.'),
  );
  return problems ? EXIT_PROBLEMS : EXIT_OK;
}

/** Prints one article's report; true when it is clean. */
function checkArticle(io: CliIo, read: Read, strict: boolean, t: CheckTally, out: (line: string) => void): boolean {
  const { ref, text, loaded } = read;
  const name = display(io, ref.article);
  const article = loaded.article;
  if (!article) {
    const errors = loaded.problems.length;
    t.invalid += errors;
    out(`FAIL ${name}: the sidecar cannot be read`);
    for (const p of loaded.problems) out(`  ${located(io, ref.sidecar, p)}`);
    return false;
  }
  // loadArticle gives the problems positioned in the sidecar; the anchoring result says which
  // annotations moved, so run it again (it is pure and cheap next to reading the files).
  const anchor: AnchorResult = anchorAnnotations(article.sidecar, text);
  const moved = new Set(anchor.moved);
  const orphaned = new Set(anchor.orphans.map((o) => o.annotation.id));
  const anchorIssues = new Set(anchor.issues.map((i) => `${i.annotationId}\u0000${i.message}`));
  const lines: string[] = [];
  let invalid = 0;
  let differs = 0;
  for (const p of loaded.problems) {
    const fromAnchoring = p.annotationId !== undefined && anchorIssues.has(`${p.annotationId}\u0000${p.message}`);
    let label: string;
    if (!fromAnchoring) {
      invalid++;
      label = p.severity === 'error' ? 'invalid' : 'warning';
    } else if (orphaned.has(p.annotationId!)) label = 'orphaned';
    else if (moved.has(p.annotationId!)) label = 're-anchored';
    else {
      differs++;
      label = 'text differs';
    }
    lines.push(`  ${located(io, ref.sidecar, p, label)}`);
  }
  const total = article.sidecar.annotations.length;
  const matching = total - moved.size - orphaned.size - differs;
  t.matching += matching;
  t.moved += moved.size;
  t.orphaned += orphaned.size;
  t.differs += differs;
  t.invalid += invalid;

  const hash = article.sidecar.document.sha256;
  let note: string | undefined;
  let strictProblem = false;
  if (hash === undefined) {
    note = 'the sidecar has no document.sha256, so each annotation was checked by its text';
    strictProblem = strict;
  } else if (!anchor.hashMatches) {
    note = 'document.sha256 does not match the article: it changed since the sidecar was written';
    strictProblem = strict;
  }
  const clean = lines.length === 0 && !strictProblem;
  const counts = [
    `${matching} of ${plural(total, 'annotation')} match`,
    moved.size && `${moved.size} re-anchored`,
    orphaned.size && `${orphaned.size} orphaned`,
    differs && `${differs} with a different text`,
    invalid && plural(invalid, 'invalid entry', 'invalid entries'),
  ].filter(Boolean);
  out(`${clean ? 'OK  ' : 'FAIL'} ${name}: ${counts.join(', ')}`);
  for (const line of lines) out(line);
  // A hash that no longer matches is worth saying even when every annotation survived; a
  // missing one is normal in a hand-written sidecar, so only --strict mentions it.
  if (note && (strictProblem || hash !== undefined)) {
    out(`  ${display(io, ref.sidecar)}: ${strictProblem ? 'error' : 'note'}: ${note}`);
  }
  return clean;
}

// ---------------------------------------------------------------------------------------
// export

function runExport(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse('export', args, {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    bom: { type: 'boolean' },
    name: { type: 'string' },
    'sidecar-pattern': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP.export);
    return EXIT_OK;
  }
  const format = stringOption('export', values, 'format');
  if (format === undefined) throw new UsageError(`missing --format (one of ${EXPORT_FORMATS.join(', ')})`, 'export');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (one of ${EXPORT_FORMATS.join(', ')})`, 'export');
  }
  if (positionals.length === 0) throw new UsageError('missing the paths to export (articles, sidecars or folders)', 'export');
  const outArg = stringOption('export', values, 'out');
  const name = stringOption('export', values, 'name');
  if (name !== undefined && /[\\/]/.test(name)) throw new UsageError(`--name is a file name without folders, not "${name}"`, 'export');
  const pattern = stringOption('export', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const exporter = io.exporters[format as ExportFormat];
  if (!exporter) {
    io.stderr(`${TOOL} export: the ${format} format is not available in this build\n`);
    return EXIT_PROBLEMS;
  }
  const toStdout = outArg === '-';
  // With the data on stdout, everything else goes to stderr so a pipe gets only the data.
  const info = (line: string) => (toStdout ? io.stderr : io.stdout)(line + '\n');
  const warn = (line: string) => io.stderr(line + '\n');

  const finder = new Finder(io, pattern);
  const found = finder.find(positionals, 'export');
  let failed = false;
  for (const stray of found.strays) {
    failed = true;
    warn(`skipped ${display(io, stray)}: ${strayMessage(io, finder, stray)}`);
  }
  for (const b of found.bare) {
    failed = true;
    warn(`skipped ${display(io, b.file)}: no sidecar (expected ${display(io, b.expected)})`);
  }

  const root = commonFolder(found.articles.map((r) => r.article));
  const inputs: ArticleInput[] = [];
  for (const ref of found.articles) {
    const rel = path.relative(root, ref.article).split(path.sep).join('/');
    const read = readArticle(io, ref, rel);
    if ('error' in read) {
      failed = true;
      warn(`skipped ${display(io, ref.article)}: ${read.error}`);
      continue;
    }
    const errors = read.loaded.problems.filter((p) => p.severity === 'error');
    if (!read.loaded.article || errors.length > 0) {
      // A sidecar with errors loses the entries it cannot read: exporting the rest would look complete and not be.
      failed = true;
      warn(`skipped ${display(io, ref.article)}: its sidecar has ${plural(errors.length, 'error')}`);
      for (const p of errors) warn(`  ${located(io, ref.sidecar, p)}`);
      continue;
    }
    for (const p of read.loaded.problems) warn(`${located(io, ref.sidecar, p)}`);
    inputs.push(read.loaded.article);
  }
  if (inputs.length === 0) {
    warn(found.articles.length === 0 && !failed ? `No annotated article found in ${positionals.join(', ')}.` : 'Nothing exported.');
    return EXIT_PROBLEMS;
  }

  const files = exporter(inputs, { bom: Boolean(values.bom), name });
  const protectedPaths = new Set(found.articles.flatMap((r) => [r.article, r.sidecar]).map((p) => p.toLowerCase()));
  let written = 0;
  if (toStdout) {
    if (files.length !== 1) {
      throw new UsageError(`--out - needs a single file, and this export gives ${files.length}: give --out FOLDER`, 'export');
    }
    io.stdout(files[0].content);
    written = 1;
  } else {
    const target = outputTargets(io, files, outArg, root);
    if (typeof target === 'string') {
      warn(`${TOOL} export: ${target}`);
      return EXIT_PROBLEMS;
    }
    for (const [file, dest] of target) {
      if (protectedPaths.has(dest.toLowerCase())) {
        // brat's .txt beside the article may be the article itself: fine when it is the same text.
        if (sameContent(io, dest, file.content)) continue;
        failed = true;
        warn(`not written ${display(io, dest)}: it is an article or a sidecar given to export`);
        continue;
      }
      try {
        io.fs.mkdirSync(path.dirname(dest), { recursive: true });
        io.fs.writeFileSync(dest, file.content);
        written++;
        info(`wrote ${display(io, dest)}`);
      } catch (e) {
        failed = true;
        warn(`not written ${display(io, dest)}: ${errorText(e)}`);
      }
    }
  }
  const annotations = inputs.reduce((n, a) => n + a.placed.length + a.orphans.length, 0);
  const skipped = found.articles.length - inputs.length + found.strays.length + found.bare.length;
  info(
    `Exported ${plural(inputs.length, 'article')} (${plural(annotations, 'annotation')}) as ${format}: ${plural(written, 'file')} written` +
      (skipped ? `, ${skipped} skipped.` : '.'),
  );
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}

/** Where each exported file goes, or why it cannot go anywhere. */
function outputTargets(io: CliIo, files: ExportFile[], outArg: string | undefined, root: string): [ExportFile, string][] | string {
  let base = root;
  if (outArg !== undefined) {
    const out = path.resolve(io.cwd, outArg);
    let isDir = false;
    try {
      isDir = io.fs.statSync(out).isDirectory();
    } catch {
      // missing: a file for one file, a folder for several
    }
    if (files.length === 1 && !isDir && !/[\\/]$/.test(outArg)) return [[files[0], out]];
    base = out;
  }
  const targets: [ExportFile, string][] = [];
  for (const file of files) {
    const dest = path.resolve(base, file.path);
    const rel = path.relative(base, dest);
    if (rel.startsWith('..') || path.isAbsolute(rel) || rel === '') return `the exporter named a file outside the output folder: ${file.path}`;
    targets.push([file, dest]);
  }
  return targets;
}

function sameContent(io: CliIo, file: string, content: string): boolean {
  try {
    return stripBom(io.fs.readFileSync(file, 'utf8')) === stripBom(content);
  } catch {
    return false;
  }
}

/** The deepest folder holding every one of `files`. */
function commonFolder(files: readonly string[]): string {
  if (files.length === 0) return '';
  let common = path.dirname(files[0]).split(path.sep);
  for (const f of files.slice(1)) {
    const parts = path.dirname(f).split(path.sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(path.sep) || path.sep;
}

// ---------------------------------------------------------------------------------------
// import

function runImport(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse('import', args, {
    text: { type: 'string' },
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    force: { type: 'boolean' },
    'sidecar-pattern': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP.import);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('missing the file to import (a brat .ann or a W3C .jsonld file)', 'import');
  if (positionals.length > 1) throw new UsageError(`import takes one file, not ${positionals.length}; run it once per file`, 'import');
  const input = path.resolve(io.cwd, positionals[0]);
  const formatArg = stringOption('import', values, 'format');
  if (formatArg !== undefined && formatArg !== 'brat' && formatArg !== 'w3c') throw new UsageError(`unknown import format "${formatArg}" (brat or w3c)`, 'import');
  const format: ImportFormat | undefined =
    (formatArg as ImportFormat | undefined) ?? (/\.ann$/i.test(input) ? 'brat' : /\.(jsonld|json)$/i.test(input) ? 'w3c' : undefined);
  if (!format) throw new UsageError(`cannot tell the format of ${positionals[0]} from its name: give --format brat or --format w3c`, 'import');
  const pattern = stringOption('import', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;

  const textArg = stringOption('import', values, 'text');
  let textPath: string;
  if (textArg !== undefined) textPath = path.resolve(io.cwd, textArg);
  else {
    const guess = format === 'brat' ? input.replace(/\.ann$/i, '.txt') : input.replace(/\.(jsonld|json)$/i, '');
    if (guess === input || !isFile(io, guess)) {
      throw new UsageError(`cannot find the text of ${positionals[0]}${guess !== input ? ` (no ${display(io, guess)})` : ''}: give --text FILE`, 'import');
    }
    textPath = guess;
  }

  let source: string;
  let text: string;
  try {
    source = stripBom(io.fs.readFileSync(input, 'utf8'));
  } catch (e) {
    io.stderr(`${display(io, input)}: cannot read: ${errorText(e)}\n`);
    return EXIT_PROBLEMS;
  }
  try {
    text = stripBom(io.fs.readFileSync(textPath, 'utf8'));
  } catch (e) {
    io.stderr(`${display(io, textPath)}: cannot read the text: ${errorText(e)}\n`);
    return EXIT_PROBLEMS;
  }

  const outArg = stringOption('import', values, 'out');
  let out = path.join(path.dirname(textPath), sidecarRelativePath(path.basename(textPath), pattern));
  if (outArg !== undefined) {
    const o = path.resolve(io.cwd, outArg);
    out = isDirectory(io, o) ? path.join(o, sidecarRelativePath(path.basename(textPath), pattern)) : o;
  }
  if (out === textPath || out === input) {
    io.stderr(`${TOOL} import: refusing to write the sidecar over ${display(io, out)}\n`);
    return EXIT_PROBLEMS;
  }
  if (!values.force && io.fs.existsSync(out)) {
    io.stderr(`${display(io, out)} already exists: not overwritten (use --force to replace it)\n`);
    return EXIT_PROBLEMS;
  }

  const importer = io.importers[format];
  if (!importer) {
    io.stderr(`${TOOL} import: the ${format} importer is not available in this build\n`);
    return EXIT_PROBLEMS;
  }
  let result: ReturnType<CliImporter>;
  let yaml: string;
  try {
    result = importer(source, text, { file: path.relative(path.dirname(out), textPath).split(path.sep).join('/') });
    yaml = serializeSidecar(result.sidecar);
  } catch (e) {
    io.stderr(`${display(io, input)}: cannot import: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_PROBLEMS;
  }
  for (const w of result.warnings) {
    const line = /^line (\d+): /i.exec(w);
    io.stderr(line ? `${display(io, input)}:${line[1]}: warning: ${w.slice(line[0].length)}\n` : `${display(io, input)}: warning: ${w}\n`);
  }

  // What we write must read back as a sidecar on this text: check before writing.
  const check = loadArticle(path.basename(textPath), text, yaml);
  const errors = check.problems.filter((p) => p.severity === 'error');
  if (!check.article || errors.length > 0) {
    io.stderr(`${TOOL} import: the sidecar made from ${display(io, input)} does not read back (nothing written):\n`);
    for (const p of check.problems) io.stderr(`  ${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
    return EXIT_PROBLEMS;
  }
  try {
    io.fs.mkdirSync(path.dirname(out), { recursive: true });
    io.fs.writeFileSync(out, yaml, { flag: values.force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    io.stderr(`${display(io, out)}: ${code === 'EEXIST' ? 'already exists: not overwritten (use --force to replace it)' : `cannot write: ${errorText(e)}`}\n`);
    return EXIT_PROBLEMS;
  }
  for (const p of check.problems) io.stderr(`${located(io, out, p)}\n`);
  const a = check.article;
  io.stdout(
    `wrote ${display(io, out)}: ${plural(a.sidecar.speakers.size, 'speaker')}, ${plural(a.sidecar.demands.size, 'demand')}, ` +
      `${plural(a.placed.length + a.orphans.length, 'annotation')} on ${display(io, textPath)}` +
      (a.orphans.length ? ` (${a.orphans.length} to review: run "${TOOL} check")` : '') +
      '\n',
  );
  return EXIT_OK;
}

function isFile(io: CliIo, p: string): boolean {
  try {
    return io.fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDirectory(io: CliIo, p: string): boolean {
  try {
    return io.fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

// Run when bundled as the `attribution-lens` bin (not when a test imports this module).
if (require.main === module) {
  // `attribution-lens export … --out - | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`${TOOL}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
