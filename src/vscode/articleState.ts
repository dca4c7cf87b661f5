// What the store knows of one open article: its sidecar, model and session, and what was last
// read and written (to tell our own writes and other people's apart).
import * as vscode from 'vscode';
import { ArticleModel } from '../core/articleModel';
import { Sidecar } from '../core/model';
import { AnnotationSession } from '../core/session';
import { Problem } from '../core/sidecar';

export interface ArticleState {
  article: vscode.Uri;
  sidecar: vscode.Uri;
  /** Undefined when the article has no sidecar file. */
  model?: ArticleModel;
  /** The sidecar's text as last read. */
  source?: string;
  /** Document version the model was built from. */
  version: number;
  /** Live annotations and undo history; absent when the sidecar could not be read as one. */
  session?: AnnotationSession;
  /** What we last wrote, to tell our own writes from other people's in the file watcher. */
  lastWritten?: string;
  /** Why the sidecar file there could not be read: such a file is never written over. */
  unreadable?: string;
  /** The sidecar holds git conflict markers, or conflicts the merge driver recorded: Resolve Sidecar Conflicts applies. */
  conflicted?: 'markers' | 'recorded';
  /** The article's dirty state as the last event told it: VS Code may report an edit before the dirty state it causes. */
  wasDirty?: boolean;
  /** The annotations as on the text before a reload from disk that is still being checked (VS Code may hand one reload over as several edits). */
  reloadFrom?: Sidecar;
  /** The sidecar broke after a good read: `model` is the last good one, shown read-only (staleState.ts). */
  stale?: StaleInfo;
}

/** A sidecar broken since its last good read (staleState.ts): what broke, for the words and the place shown: the first error of the new file, or why it could not be read. */
export interface StaleInfo {
  /** The sidecar's first error, positioned in it; undefined when the file could not be read at all. */
  problem?: Problem;
  /** Why the file could not be read (too large, no permission). */
  unreadable?: string;
  markers: boolean;
  /** The model the annotations shown come from: the last one read without errors. */
  good: ArticleModel;
}
