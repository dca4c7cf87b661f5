// An in-memory file system for the pipeline's tests, with what an attacker or an unlucky disk
// brings: symbolic links (to files and folders), hard links (one identity, several names), FIFOs,
// endless files (/dev/zero, or a regular file that keeps growing) and writes that fail midway.
import { DirEntry, FileKind, FileStat, Host } from '../../src/core/host';

interface Inode {
  ino: number;
  data: Uint8Array;
  links: number;
  /** Reads give as many zero bytes as asked, whatever the size says (a /proc-like file that grows). */
  endless?: boolean;
  mtime?: number;
}

type Entry = { type: 'dir'; ino: number } | { type: 'file'; inode: Inode } | { type: 'link'; target: string } | { type: 'fifo'; ino: number } | { type: 'zero'; ino: number };

function fsError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

export class MemoryHost implements Host {
  readonly tempTag = '4242';
  private readonly entries = new Map<string, Entry>([['/', { type: 'dir', ino: 1 }]]);
  private nextIno = 2;
  /** Every read the pipeline asked for. */
  readonly reads: { path: string; maxBytes: number }[] = [];
  /** The next create fails after writing this many bytes of its file (a full disk). */
  failCreateAfter?: { bytes: number; code: string };
  /** Renames fail with this code. */
  failRename?: string;
  /** Folders where nothing can be created, renamed or removed (a read-only mount): EROFS. */
  readonly readOnlyDirs = new Set<string>();

  // -- setting up ---------------------------------------------------------------------------

  mkdirp(dir: string): this {
    const parts = dir.split('/').filter(Boolean);
    let p = '';
    for (const part of parts) {
      p += '/' + part;
      const real = this.resolve(p, true);
      const e = this.entries.get(real);
      if (!e) this.entries.set(real, { type: 'dir', ino: this.nextIno++ });
      else if (e.type !== 'dir') throw fsError('ENOTDIR', p);
    }
    return this;
  }

  file(path: string, content: string | Uint8Array): this {
    this.mkdirp(dirOf(path));
    const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    const real = this.resolve(path, true);
    const e = this.entries.get(real);
    if (e?.type === 'file') e.inode.data = data; // written through, as writeFileSync would
    else this.entries.set(real, { type: 'file', inode: { ino: this.nextIno++, data, links: 1 } });
    return this;
  }

  symlink(path: string, target: string): this {
    this.mkdirp(dirOf(path));
    this.entries.set(this.resolve(dirOf(path), true) + '/' + baseOf(path), { type: 'link', target });
    return this;
  }

  hardLink(existing: string, path: string): this {
    const e = this.entries.get(this.resolve(existing, true));
    if (e?.type !== 'file') throw fsError('EPERM', existing);
    e.inode.links++;
    this.mkdirp(dirOf(path));
    this.entries.set(this.resolve(path, false), { type: 'file', inode: e.inode });
    return this;
  }

  fifo(path: string): this {
    this.mkdirp(dirOf(path));
    this.entries.set(this.resolve(path, false), { type: 'fifo', ino: this.nextIno++ });
    return this;
  }

  /** A character device that never ends, like /dev/zero. */
  zeroDevice(path: string): this {
    this.mkdirp(dirOf(path));
    this.entries.set(this.resolve(path, false), { type: 'zero', ino: this.nextIno++ });
    return this;
  }

  /** A regular file that says it is empty and gives bytes without end. */
  endlessFile(path: string): this {
    this.mkdirp(dirOf(path));
    this.entries.set(this.resolve(path, false), { type: 'file', inode: { ino: this.nextIno++, data: new Uint8Array(), links: 1, endless: true } });
    return this;
  }

  /** Sets a file's modification time (ms), which stat reports from then on. */
  touch(path: string, mtime: number): this {
    const e = this.entries.get(this.resolve(path, true));
    if (e?.type !== 'file') throw fsError('ENOENT', path);
    e.inode.mtime = mtime;
    return this;
  }

  text(path: string): string | undefined {
    const e = this.entries.get(this.resolve(path, true));
    return e?.type === 'file' ? new TextDecoder().decode(e.inode.data) : undefined;
  }

  /** Every path (no links followed) in a folder, for checking what was left behind. */
  names(dir: string): string[] {
    const real = this.resolve(dir, true);
    return [...this.entries.keys()].filter((k) => k !== real && dirOf(k) === real).map(baseOf).sort();
  }

  // -- Host ---------------------------------------------------------------------------------

  async stat(path: string): Promise<FileStat | undefined> {
    let real: string;
    try {
      real = this.resolve(path, true);
    } catch {
      return undefined;
    }
    const e = this.entries.get(real);
    if (!e || e.type === 'link') return undefined;
    if (e.type === 'file') return { kind: 'file', size: e.inode.data.length, id: `mem:${e.inode.ino}`, links: e.inode.links, ...(e.inode.mtime !== undefined ? { mtime: e.inode.mtime } : {}) };
    return { kind: e.type === 'dir' ? 'directory' : 'other', size: 0, id: `mem:${e.ino}`, links: 1 };
  }

  async realPath(path: string): Promise<string> {
    const real = this.resolve(path, true);
    if (!this.entries.has(real)) throw fsError('ENOENT', path);
    return real;
  }

  async list(dir: string): Promise<DirEntry[]> {
    const real = this.resolve(dir, true);
    if (this.entries.get(real)?.type !== 'dir') throw fsError('ENOTDIR', dir);
    const out: DirEntry[] = [];
    for (const name of this.names(real)) {
      const own = this.entries.get(`${real === '/' ? '' : real}/${name}`)!;
      const stat = await this.stat(`${real === '/' ? '' : real}/${name}`);
      out.push({ name, kind: stat?.kind ?? ('other' as FileKind), symlink: own.type === 'link' });
    }
    return out;
  }

  async read(path: string, maxBytes: number): Promise<Uint8Array> {
    this.reads.push({ path, maxBytes });
    const e = this.entries.get(this.resolve(path, true));
    if (!e) throw fsError('ENOENT', path);
    if (e.type === 'fifo') throw new Error('memory host: a FIFO was opened (a real one would block until a writer came)');
    if (e.type === 'zero' || (e.type === 'file' && e.inode.endless)) return new Uint8Array(maxBytes);
    if (e.type !== 'file') throw fsError('EISDIR', path);
    return e.inode.data.slice(0, maxBytes);
  }

  private writable(real: string, path: string): void {
    if (this.readOnlyDirs.has(dirOf(real))) throw fsError('EROFS', `read-only file system, open '${path}'`);
  }

  async create(path: string, bytes: Uint8Array): Promise<void> {
    const real = this.resolve(path, false);
    this.writable(real, path);
    if (this.entries.get(dirOf(real))?.type !== 'dir') throw fsError('ENOENT', path);
    if (this.entries.has(real)) throw fsError('EEXIST', path);
    const fail = this.failCreateAfter;
    const data = fail ? bytes.slice(0, fail.bytes) : bytes;
    this.entries.set(real, { type: 'file', inode: { ino: this.nextIno++, data, links: 1 } });
    if (fail) {
      this.failCreateAfter = undefined;
      throw fsError(fail.code, 'no space left on device, write');
    }
  }

  async rename(from: string, to: string, replace: boolean): Promise<void> {
    if (this.failRename) throw fsError(this.failRename, `rename '${from}' -> '${to}'`);
    const src = this.resolve(from, false);
    const dest = this.resolve(to, false);
    this.writable(src, from);
    this.writable(dest, to);
    const moving = this.entries.get(src);
    if (!moving) throw fsError('ENOENT', from);
    const there = this.entries.get(dest);
    if (there && !replace) throw fsError('EEXIST', to);
    if (there?.type === 'dir') throw fsError('EISDIR', to);
    if (there?.type === 'file') there.inode.links--;
    this.entries.set(dest, moving);
    this.entries.delete(src);
  }

  async remove(path: string): Promise<void> {
    const real = this.resolve(path, false);
    this.writable(real, path);
    const e = this.entries.get(real);
    if (e?.type === 'file') e.inode.links--;
    this.entries.delete(real);
  }

  async mkdir(path: string): Promise<void> {
    this.mkdirp(path);
  }

  /** The path with links resolved (the last component only when `followLast`). */
  private resolve(path: string, followLast: boolean, depth = 0): string {
    if (depth > 40) throw fsError('ELOOP', path);
    const parts = path.split('/').filter((p) => p && p !== '.');
    let cur = '';
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] === '..') {
        cur = dirOf(cur || '/') === '/' ? '' : dirOf(cur);
        continue;
      }
      const next = `${cur}/${parts[i]}`;
      const e = this.entries.get(next);
      if (e?.type === 'link' && (i < parts.length - 1 || followLast)) {
        const target = e.target.startsWith('/') ? e.target : `${cur}/${e.target}`;
        cur = this.resolve(target, true, depth + 1);
        if (cur === '/') cur = '';
      } else cur = next;
    }
    return cur || '/';
  }
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
