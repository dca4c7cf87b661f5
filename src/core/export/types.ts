// The contract every export format implements. Formats are pure: articles in, files out.
import { Orphan } from '../anchoring';
import { Annotation, Sidecar } from '../model';

/** One annotated article, read and anchored. */
export interface ArticleInput {
  /** The article's path relative to the export's root folder, with forward slashes. */
  path: string;
  /**
   * The article's absolute location as a URI (`file:///…`, percent-encoded as `url.pathToFileURL`
   * gives it), when known. W3C export names the article by it unless `ExportOptions.baseIri` is given.
   */
  uri?: string;
  text: string;
  sidecar: Sidecar;
  /** Annotations placed on `text`, UTF-16 offsets, sorted. */
  placed: Annotation[];
  /** Annotations that could not be placed: exported where the format can say so, never dropped silently. */
  orphans: Orphan[];
}

export interface ExportFile {
  /** Relative path of the file to write, with forward slashes (e.g. "story.txt.csv", "story.ann"). */
  path: string;
  content: string;
  /**
   * A file several exports share and a user may have edited (brat's annotation.conf): written
   * when missing, left alone when the same, and never written over when different.
   */
  keepExisting?: boolean;
}

export interface ExportOptions {
  /** CSV: start with a UTF-8 byte-order mark, for Excel. */
  bom?: boolean;
  /** A name for a file that covers several articles (without extension); default "annotations". */
  name?: string;
  /**
   * W3C: an absolute IRI under which the articles are published (no fragment); an article's IRI is
   * this plus its path, percent-encoded, with a "/" between them if the base does not end in one.
   * Without it, the article's `uri`, else `urn:attribution-lens:article:<path>`. A base that is
   * not an absolute IRI makes the exporter throw an Error saying so.
   */
  baseIri?: string;
}

export type ExportFormat = 'json' | 'csv' | 'markdown' | 'html' | 'brat' | 'w3c';

/**
 * One article gives files named after it (`story.txt.json`); several articles give one combined
 * file named `options.name` where the format allows (json, csv, markdown), and one set per
 * article otherwise (html, brat, w3c).
 */
export type Exporter = (articles: readonly ArticleInput[], options: ExportOptions) => ExportFile[];
