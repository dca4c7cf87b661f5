// The corpus as its features see it: every annotated article of a workspace (or of the folders
// given to the CLI), parsed, with the workspace speakers file. Identity across articles is by id:
// the same speaker id in two sidecars is one speaker, and a response may answer a demand defined
// in another article. The index (corpusIndex) builds and updates this; the report, the duplicates
// list and the hover cards only read it.
import { Sidecar, Speaker } from '../model';

/** A speaker of the workspace speakers file (`.attribution-lens/speakers.yaml`). */
export interface WorkspaceSpeaker extends Speaker {
  /** What a desk codes: gender, affiliation, party, source type... Keys and values are free text. */
  attributes: Record<string, string>;
}

export interface CorpusArticle {
  /** Core (posix) path of the article. */
  article: string;
  /** Core path of its sidecar. */
  sidecarPath: string;
  /** The article's folder relative to the corpus root it was found under ('' at the root): the "outlet folder". */
  folder: string;
  /**
   * When the article appeared: the sidecar's `document.date` when it has one, else the article
   * file's modification time; ISO 8601 (`YYYY-MM-DD` or a full date-time). Undefined when neither is known.
   */
  date?: string;
  /** Where `date` came from. */
  dateFrom?: 'document' | 'mtime';
  sidecar: Sidecar;
}

export interface Corpus {
  /** Sorted by article path. */
  articles: readonly CorpusArticle[];
  /** The workspace speakers file's speakers, by id (empty when there is no such file). */
  speakers: ReadonlyMap<string, WorkspaceSpeaker>;
}
