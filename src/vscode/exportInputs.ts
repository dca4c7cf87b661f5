// What the exporters and the report read, from VS Code: an open article as the user sees it now
// (live annotations, unsaved edits included), or every annotated article in a folder from disk.
import * as vscode from 'vscode';
import { LoadedArticle } from '../core/export/article';
import { ArticleInput } from '../core/export/types';
import { ArticleFinder } from '../core/pipeline/find';
import { readArticle, ReadError } from '../core/pipeline/read';
import { Problem } from '../core/sidecar';
import { ArticleStore, MAX_SIDECAR_BYTES } from './articleStore';
import { WorkspaceHost } from './workspaceHost';

/** An open, loaded article as the editor shows it; undefined when it has no usable sidecar. */
export function liveArticleInput(store: ArticleStore, doc: vscode.TextDocument, path: string): ArticleInput | undefined {
  const state = store.get(doc.uri);
  const model = state?.model;
  if (!state || !model?.readable) return undefined;
  const text = doc.getText();
  const session = state.session;
  // Any scheme: a virtual file system's Uri is an absolute IRI too (the W3C export's article IRI).
  const uri = doc.uri.toString();
  if (!session) return { path, uri, text, sidecar: model.sidecar, placed: model.placed, orphans: model.orphans };
  const placed = session.annotations();
  return {
    path,
    uri,
    text,
    sidecar: { ...model.sidecar, speakers: session.speakers, demands: session.demands, annotations: placed },
    placed,
    orphans: session.currentOrphans(),
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
 * Every annotated article under `folder`, found by the pipeline's rule (the same as the CLI's:
 * node_modules and dot-folders skipped, symlinked folders not followed, special files not
 * articles). Sidecars without an article are returned as skipped, never silently dropped.
 */
export async function findAnnotatedArticles(
  folder: vscode.Uri,
  pattern: string,
  token?: vscode.CancellationToken,
): Promise<{ articles: FolderArticle[]; skipped: Skipped[] }> {
  const host = new WorkspaceHost(folder);
  const found = await new ArticleFinder(host, pattern).find([folder.path], () => token?.isCancellationRequested ?? false);
  return {
    articles: found.articles.map((r) => ({ article: host.uri(r.article), sidecar: host.uri(r.sidecar) })),
    skipped: found.strays.map((s) => ({ file: host.uri(s), reason: 'no article beside this sidecar' })),
  };
}

/**
 * One article of a folder export: the open document's live state when it is loaded (what the
 * user sees, unsaved changes included), else the files on disk, read by the pipeline's rules (no
 * special files, a size limit, UTF-8 or an error at its first bad byte). A sidecar with errors is
 * skipped: exporting the entries that could be read would look complete and not be.
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
  const host = new WorkspaceHost(found.article);
  let loaded: LoadedArticle;
  try {
    loaded = (await readArticle(host, { article: found.article.path, sidecar: found.sidecar.path }, path, MAX_SIDECAR_BYTES, found.article.toString())).loaded;
  } catch (e) {
    if (!(e instanceof ReadError)) throw e;
    const file = host.uri(e.file);
    if (e.line === undefined) return { skipped: { file, reason: e.message }, problems: [] };
    const at: Problem = { severity: 'error', message: e.message, start: 0, end: 0, line: e.line, column: e.column ?? 1 };
    return { skipped: { file, reason: `cannot be read as UTF-8 text (line ${e.line}, column ${at.column})`, problems: [at] }, problems: [] };
  }
  const errors = loaded.problems.filter((p) => p.severity === 'error');
  if (!loaded.article || errors.length) {
    const n = errors.length || loaded.problems.length;
    return { skipped: { file: found.sidecar, reason: `its sidecar has ${n} error${n === 1 ? '' : 's'}`, problems: errors.length ? errors : loaded.problems }, problems: [] };
  }
  return { input: loaded.article, problems: loaded.problems };
}
