// The pipeline's host over node:fs: the CLI's, and the extension's for file: URIs (so the two
// treat local files alike). Paths are absolute and posix-style; the file identity is device and
// inode. Lives beside cli/ and vscode/, not in either, since both use it.
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { DirEntry, FileKind, FileStat, Host } from '../core/host';

/** A native path as the pipeline's posix-style one (C:\a\b -> C:/a/b). */
export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

function kindOf(s: fs.Stats): FileKind {
  return s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
}

function notFound(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
}

// A FIFO opened without O_NONBLOCK waits for a writer; with it, open returns and fstat says what it is.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

export class NodeHost implements Host {
  readonly tempTag = String(process.pid);

  async stat(p: string): Promise<FileStat | undefined> {
    try {
      const s = await fsp.stat(p, { bigint: true });
      const kind: FileKind = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other';
      return { kind, size: Number(s.size), id: `${s.dev}:${s.ino}`, links: Number(s.nlink), mtime: Number(s.mtimeMs) };
    } catch (e) {
      if (notFound(e)) return undefined;
      throw e;
    }
  }

  async realPath(p: string): Promise<string> {
    return toPosix(await fsp.realpath(p));
  }

  async list(dir: string): Promise<DirEntry[]> {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    const out: DirEntry[] = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) {
        const target = await fsp.stat(path.join(dir, e.name)).catch(() => undefined);
        out.push({ name: e.name, kind: target ? kindOf(target) : 'other', symlink: true });
      } else {
        out.push({ name: e.name, kind: e.isFile() ? 'file' : e.isDirectory() ? 'directory' : 'other', symlink: false });
      }
    }
    return out;
  }

  async read(p: string, maxBytes: number): Promise<Uint8Array> {
    const handle = await fsp.open(p, OPEN_FLAGS);
    try {
      // What was opened, not what the path named a moment ago.
      const stat = await handle.stat();
      if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EINVAL' });
      const chunks: Buffer[] = [];
      let total = 0;
      // The first read sized by the file (one byte more tells it grew), later ones 64 KB: a
      // zero-filled megabyte per read made reading 10,000 small sidecars take minutes. Unsafe
      // allocation is fine: only the bytes read are kept.
      let want = Math.min(stat.size + 1, 1 << 20);
      while (total < maxBytes) {
        const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(maxBytes - total, want)));
        want = 1 << 16;
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        chunks.push(buffer.subarray(0, bytesRead));
        total += bytesRead;
      }
      return Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  }

  async create(p: string, bytes: Uint8Array): Promise<void> {
    const handle = await fsp.open(p, 'wx', 0o666);
    try {
      await handle.writeFile(bytes);
      // On disk before the rename makes it the file: a crash never leaves an empty one.
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async rename(from: string, to: string, replace: boolean): Promise<void> {
    if (replace) return fsp.rename(from, to);
    // link fails with EEXIST when `to` is there, in one step; rename would replace it.
    try {
      await fsp.link(from, to);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || !['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV'].includes(code ?? '')) throw e;
      // A file system without hard links: check, then rename (a small window, better than none).
      if (await this.stat(to)) throw Object.assign(new Error(`file already exists, '${to}'`), { code: 'EEXIST' });
      return fsp.rename(from, to);
    }
    await fsp.rm(from, { force: true });
  }

  async remove(p: string): Promise<void> {
    await fsp.rm(p, { force: true });
  }

  async mkdir(p: string): Promise<void> {
    await fsp.mkdir(p, { recursive: true });
  }
}
