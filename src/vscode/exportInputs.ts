// What the exporters and the report read, from VS Code: an open article as the user sees it now
// (live annotations, unsaved edits included), or every annotated article in a folder from disk.
import * as vscode from 'vscode';
import { loadArticle } from '../core/export/article';
import { ArticleInput } from '../core/export/types';
import { Problem } from '../core/sidecar';
import { sidecarGlob, sidecarRelativePath } from '../core/sidecarPath';
import { ArticleStore } from './articleStore';

/** An open, loaded article as the editor shows it; undefined when it has no usable sidecar. */
export function liveArticleInput(store: ArticleStore, doc: vscode.TextDocument, path: string): ArticleInput | undefined {
  const state = store.get(doc.uri);
  const model = state?.model;
  if (!state || !model?.readable) return undefined;
  const text = doc.getText();
  const session = state.session;
  if (!session) return { path, text, sidecar: model.sidecar, placed: model.placed, orphans: model.orphans };
  const placed = session.annotations();
  const live = new Set(placed.map((a) => a.id));
  return {
    path,
    text,
    sidecar: { ...model.sidecar, speakers: session.speakers, demands: session.demands, annotations: placed },
    placed,
    orphans: session.orphans.filter((o) => !live.has(o.annotation.id)),
  };
}

export interface FolderArticle {
  article: vscode.Uri;
  sidecar: vscode.Uri;
}

export interface Skipped {
  file: vscode.Uri;
  reason: string;
  /** Where in the sidecar, when the reason is its content. */
  problems?: Problem[];
}

/**
 * Every annotated article under `folder`: the sidecars the pattern can name, each matched to the
 * article it belongs to (its folder holds a file whose sidecar it is). Sidecars without an article
 * are returned as skipped, never silently dropped.
 */
export async function findAnnotatedArticles(
  folder: vscode.Uri,
  pattern: string,
  token?: vscode.CancellationToken,
): Promise<{ articles: FolderArticle[]; skipped: Skipped[] }> {
  const sidecars = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, sidecarGlob(pattern)), '**/node_modules/**', undefined, token);
  // How many folders the pattern puts between an article and its sidecar.
  const depth = sidecarRelativePath('x.txt', pattern).split('/').length - 1;
  const listings = new Map<string, string[]>();
  const articles: FolderArticle[] = [];
  const skipped: Skipped[] = [];
  for (const sidecar of sidecars.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (token?.isCancellationRequested) break;
    let dir = vscode.Uri.joinPath(sidecar, '..');
    for (let i = 0; i < depth; i++) dir = vscode.Uri.joinPath(dir, '..');
    let names = listings.get(dir.toString());
    if (!names) {
      const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(dir)).catch(() => [] as [string, vscode.FileType][]);
      names = entries.filter(([, type]) => type & vscode.FileType.File).map(([name]) => name).sort();
      listings.set(dir.toString(), names);
    }
    const name = names.find((n) => vscode.Uri.joinPath(dir, sidecarRelativePath(n, pattern)).toString() === sidecar.toString());
    if (name === undefined) skipped.push({ file: sidecar, reason: 'no article beside this sidecar' });
    else articles.push({ article: vscode.Uri.joinPath(dir, name), sidecar });
  }
  return { articles, skipped };
}

/**
 * One article of a folder export: the open document's live state when it is loaded (what the
 * user sees, unsaved changes included), else the files on disk. A sidecar with errors is skipped:
 * exporting the entries that could be read would look complete and not be.
 */
export async function readArticleInput(
  store: ArticleStore,
  found: FolderArticle,
  path: string,
): Promise<{ input?: ArticleInput; skipped?: Skipped; problems: Problem[] }> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === found.article.toString());
  const state = open && store.get(open.uri);
  if (open && state?.model && !state.model.readOnly) {
    const input = liveArticleInput(store, open, path);
    if (input) return { input, problems: state.model.problems.filter((p) => p.severity !== 'error') };
  }
  let text: string;
  let source: string;
  try {
    const decoder = new TextDecoder('utf-8');
    text = decoder.decode(await vscode.workspace.fs.readFile(found.article));
    source = decoder.decode(await vscode.workspace.fs.readFile(found.sidecar)).replace(/^\uFEFF/, '');
  } catch (e) {
    return { skipped: { file: found.article, reason: `cannot be read: ${e instanceof Error ? e.message : String(e)}` }, problems: [] };
  }
  const loaded = loadArticle(path, text, source);
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.article || errors.length) {
    const n = errors.length || loaded.problems.length;
    return { skipped: { file: found.sidecar, reason: `its sidecar has ${n} error${n === 1 ? '' : 's'}`, problems: errors.length ? errors : loaded.problems }, problems: [] };
  }
  return { input: loaded.article, problems: loaded.problems };
}
