// Where exported files go. One rule for what --out (or the extension's chosen target) is: formats
// that give a set of files per article always take it as a folder; the single-file formats take
// it as a file when it ends in a known extension or is an existing file, else as a folder.
import { ExportFile, ExportFormat } from '../export/types';
import { Host } from '../host';
import { dirname, isAbsolute, join, normalize } from '../posixPath';

/** Formats whose export is one set of files per article, whatever their number. */
export const PER_ARTICLE_FORMATS: ReadonlySet<ExportFormat> = new Set(['html', 'brat', 'w3c']);
/** An --out ending in one of these is a file (for json, csv and markdown). */
export const FILE_EXTENSIONS = ['.json', '.csv', '.md', '.markdown'];

export type OutKind = 'file' | 'folder';

/** What `out` (absolute; `asTyped` as the user gave it, for a trailing slash) stands for. */
export async function outKind(host: Host, format: ExportFormat, out: string, asTyped = out): Promise<OutKind> {
  if (PER_ARTICLE_FORMATS.has(format) || /[\\/]$/.test(asTyped)) return 'folder';
  const stat = await host.stat(out).catch(() => undefined);
  if (stat) return stat.kind === 'directory' ? 'folder' : 'file';
  const lower = out.toLowerCase();
  return FILE_EXTENSIONS.some((ext) => lower.endsWith(ext)) ? 'file' : 'folder';
}

export interface Target {
  file: ExportFile;
  /** Absolute path to write. */
  dest: string;
}

export interface Plan {
  targets: Target[];
  /** Every target stays inside it. */
  folder: string;
}

/** Each file in `folder` by its relative path; an error when one would land outside it. */
export function targetsIn(folder: string, files: readonly ExportFile[]): Plan | { error: string } {
  const targets: Target[] = [];
  for (const file of files) {
    const rel = normalize(file.path.replace(/\\/g, '/'));
    if (isAbsolute(file.path) || /^[a-z]:/i.test(file.path) || rel === '.' || rel === '..' || rel.startsWith('../') || rel.endsWith('/')) {
      return { error: `the exporter named a file outside the output folder: ${file.path}` };
    }
    targets.push({ file, dest: join(folder, rel) });
  }
  return { targets, folder: normalize(folder) };
}

/** The targets for `out` taken as `kind`; a file target only when the export is one file. */
export function planTargets(files: readonly ExportFile[], out: string, kind: OutKind): Plan | { error: string } {
  if (kind === 'file') {
    if (files.length !== 1) return { error: `the export gives ${files.length} files, so its target must be a folder` };
    const dest = normalize(out);
    return { targets: [{ file: files[0], dest }], folder: dirname(dest) };
  }
  return targetsIn(out, files);
}

/**
 * The name a save dialog proposes for one article's single exported file: `story.csv` for
 * `story.txt`, not the exporter's `story.txt.csv` (the exporter keeps the article's extension so
 * that `story.txt` and `story.md` exported into one folder never collide). Keeps `exportPath`
 * when the shorter name would be the article itself or a file in `keep` (its sidecar): a
 * proposal the user accepts with Enter must never overwrite either.
 */
export function proposedExportPath(exportPath: string, article: string, keep: readonly string[] = []): string {
  if (!exportPath.startsWith(article + '.')) return exportPath;
  const short = article.replace(/(?<=[^/])\.[^./]*$/, '') + exportPath.slice(article.length);
  const same = (p: string) => normalize(p).toLowerCase() === normalize(short).toLowerCase();
  return same(article) || keep.some(same) ? exportPath : short;
}
