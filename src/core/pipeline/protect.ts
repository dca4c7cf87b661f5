// What may never be written over: an article, a sidecar, whatever path leads to it. Files are
// compared by identity (device and inode on Node), so a symbolic link, a path through a linked
// folder or a hard link to an article is refused like the article itself.
import { Host } from '../host';
import { ArticleFinder, ArticleRef } from './find';

export interface Protection {
  host: Host;
  finder: ArticleFinder;
  /** Identity of each protected file, and what it is ("the article a/story.txt"). */
  ids: Map<string, string>;
}

/** Protects the given articles and sidecars (and whatever else `extra` names: path → what it is). */
export async function protect(host: Host, finder: ArticleFinder, refs: readonly ArticleRef[], extra: [string, string][] = []): Promise<Protection> {
  const ids = new Map<string, string>();
  const named: [string, string][] = [...refs.flatMap((r): [string, string][] => [[r.article, 'an article'], [r.sidecar, 'a sidecar']]), ...extra];
  for (const [file, what] of named) {
    const stat = await host.stat(file).catch(() => undefined);
    if (stat && !ids.has(stat.id)) ids.set(stat.id, what);
  }
  return { host, finder, ids };
}

/**
 * Why `target` must not be written, or undefined when it may be. `ownArticle` is the identity of
 * the article whose sidecar is being written (import): that one sidecar may be replaced.
 */
export async function refusal(p: Protection, target: string, ownArticle?: string): Promise<string | undefined> {
  const stat = await p.host.stat(target).catch(() => undefined);
  if (!stat) return undefined;
  if (stat.kind === 'directory') return 'it is a folder';
  if (stat.kind !== 'file') return 'it is not a regular file (a FIFO, a device or a socket)';
  const real = await p.host.realPath(target).catch(() => target);
  const what = p.ids.get(stat.id);
  if (what) return `it is ${what}${real !== target ? ` (${real}, through a link)` : stat.links > 1 ? ' (a hard link to it)' : ''}`;
  if (await p.finder.isArticle(real)) return `it is an annotated article (its sidecar ${p.finder.sidecarOf(real)} is there)`;
  if (p.finder.looksLikeSidecar(real)) {
    const article = await p.finder.articleOf(real);
    const articleId = article && (await p.host.stat(article).catch(() => undefined))?.id;
    if (!article) return 'it is named like a sidecar';
    if (ownArticle === undefined || articleId !== ownArticle) return `it is the sidecar of ${article}`;
  }
  // Another name of the same file may be an article or a sidecar anywhere: not worth the risk.
  if (stat.links > 1) return `it has ${stat.links} hard links: another of its names may be an article or a sidecar`;
  return undefined;
}
