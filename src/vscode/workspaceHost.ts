// The pipeline's host over VS Code's workspace.fs, so the extension finds, reads and writes
// articles by the same rules as the CLI. Core paths are the URIs' paths, on this host's scheme and
// authority. In the Node extension host, local files (file:) go through the local host its entry
// gives (src/node/nodeHost.ts over node:fs), which has what workspace.fs lacks: a file's identity
// (device and inode), real paths, a FIFO-safe read and a rename that replaces in one step. In the
// web worker there is none, and everything, file: URIs of a browser-opened folder too, goes
// through workspace.fs. Nothing here imports a Node module, so the web bundle can hold it.
import * as vscode from 'vscode';
import { DirEntry, FileKind, FileStat, Host } from '../core/host';

function kindOf(type: vscode.FileType): FileKind {
  return type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : 'other';
}

function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && e.code === 'FileNotFound';
}

let localFiles: Host | undefined;

/** The host for file: URIs on the extension host's own machine (set once by the platform entry; none in a browser). */
export function useLocalFiles(host: Host | undefined): void {
  localFiles = host;
}

// Without a process id (a web worker), a random tag per extension host keeps two windows' temporary files apart.
const sessionTag = typeof process === 'object' && process.pid ? String(process.pid) : Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');

export class WorkspaceHost implements Host {
  readonly tempTag: string;
  private readonly local?: Host;

  /** A host for the file system `base` is on. */
  constructor(private readonly base: vscode.Uri) {
    if (base.scheme === 'file') this.local = localFiles;
    this.tempTag = this.local?.tempTag ?? sessionTag;
  }

  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: '', fragment: '' });
  }

  /** The core path of `uri`, when it is on this host's file system. */
  pathOf(uri: vscode.Uri): string | undefined {
    return uri.scheme === this.base.scheme && uri.authority === this.base.authority ? uri.path : undefined;
  }

  private fsPath(path: string): string {
    return this.uri(path).fsPath;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    if (this.local) return this.local.stat(this.fsPath(path));
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      // Without inodes, the path is the best identity there is.
      return { kind: kindOf(s.type), size: s.size, id: this.uri(path).toString(), links: 1, mtime: s.mtime };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async realPath(path: string): Promise<string> {
    if (this.local) return vscode.Uri.file(await this.local.realPath(this.fsPath(path))).path;
    return path;
  }

  async list(dir: string): Promise<DirEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(dir));
    return entries.map(([name, type]) => ({ name, kind: kindOf(type), symlink: (type & vscode.FileType.SymbolicLink) !== 0 }));
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    if (this.local) return this.local.read(this.fsPath(path), maxBytes);
    // workspace.fs reads whole files; the caller has checked the size and kind first.
    return (await vscode.workspace.fs.readFile(this.uri(path))).subarray(0, maxBytes);
  }

  async create(path: string, bytes: Uint8Array): Promise<void> {
    if (this.local) return this.local.create(this.fsPath(path), bytes);
    if (await this.stat(path)) throw Object.assign(new Error(`file already exists: ${path}`), { code: 'EEXIST' });
    await vscode.workspace.fs.writeFile(this.uri(path), bytes);
  }

  async rename(from: string, to: string, replace: boolean): Promise<void> {
    if (this.local) return this.local.rename(this.fsPath(from), this.fsPath(to), replace);
    try {
      // With overwrite, workspace.fs deletes the target first: the best a virtual file system offers.
      await vscode.workspace.fs.rename(this.uri(from), this.uri(to), { overwrite: replace });
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileExists') throw Object.assign(new Error(e.message), { code: 'EEXIST' });
      throw e;
    }
  }

  async remove(path: string): Promise<void> {
    if (this.local) return this.local.remove(this.fsPath(path));
    await Promise.resolve(vscode.workspace.fs.delete(this.uri(path))).catch((e: unknown) => {
      if (!isNotFound(e)) throw e;
    });
  }

  async mkdir(path: string): Promise<void> {
    await vscode.workspace.fs.createDirectory(this.uri(path));
  }
}
