// The W3C export's base IRI, checked before any article is read: the CLI and the extension both
// refuse a bad one up front (a usage error, a settings message) instead of failing mid-export.
import { articleIri } from '../export/w3c';
import { ArticleInput } from '../export/types';

/** Why `base` cannot be the W3C export's base IRI, in the exporter's own words; undefined when it can. */
export function baseIriProblem(base: string): string | undefined {
  // URL would take C: for a scheme; no IRI scheme is one letter long in practice, a drive is.
  if (/^[a-z]:([\\/]|$)/i.test(base.trim())) return `the base IRI "${base}" is a Windows path, not an IRI (as one, a folder is a file: URI, file:///C:/…/)`;
  // The exporter's own rule, so the check and the export never disagree.
  const probe = { path: 'article.txt' } as ArticleInput;
  try {
    articleIri(probe, { baseIri: base });
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
