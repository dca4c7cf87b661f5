// The file system as the article pipeline sees it: a few operations on posix-style paths, so the
// same rules (what is an article, what may be written over, how a write lands) run over node:fs
// for the CLI, over workspace.fs for the extension and over memory for the tests. Like
// vscode-markdown-languageservice's IWorkspace: core asks, the host answers.

/** What a path is once symbolic links are followed. `other` is a FIFO, a device, a socket. */
export type FileKind = 'file' | 'directory' | 'other';

export interface FileStat {
  kind: FileKind;
  size: number;
  /**
   * Equal for two paths to the same file and only then (device and inode on Node; the resolved
   * path where the host has nothing better). Files are compared by it, never by path string.
   */
  id: string;
  /** How many names (hard links) the file has; 1 where the host cannot tell. */
  links: number;
  /** Last modification, in milliseconds since 1970 (the corpus dates an article by it when its sidecar has no `document.date`). */
  mtime?: number;
}

export interface DirEntry {
  name: string;
  /** What the entry is, following a symbolic link (`other` for a dangling one). */
  kind: FileKind;
  /** The entry itself is a symbolic link. */
  symlink: boolean;
}

export interface Host {
  /** Follows symbolic links; undefined when nothing is there (a dangling link included). */
  stat(path: string): Promise<FileStat | undefined>;
  /** The path with every symbolic link resolved (the path itself where the host has no links). */
  realPath(path: string): Promise<string>;
  list(dir: string): Promise<DirEntry[]>;
  /** At most `maxBytes` bytes from the start of a regular file; rejects anything else without blocking. */
  read(path: string, maxBytes: number): Promise<Uint8Array>;
  /** Makes a new file holding `bytes`; rejects when something is already there. */
  create(path: string, bytes: Uint8Array): Promise<void>;
  /** Moves `from` to `to` in one step; with replace false, rejects (EEXIST) when `to` exists. */
  rename(from: string, to: string, replace: boolean): Promise<void>;
  /** Removes a file; no error when it is gone. */
  remove(path: string): Promise<void>;
  /** Creates the folder and its missing parents. */
  mkdir(path: string): Promise<void>;
  /** Part of every temporary file name, so two processes never pick the same one (the pid on Node). */
  readonly tempTag: string;
}
