// Every write lands whole or not at all: a temporary sibling, then a rename over the target. A
// failed write (a full disk, a vanished folder) leaves the previous file as it was and says so.
import { Host } from '../host';
import { errorText } from '../wording';
import { basename, dirname, join } from '../posixPath';

let counter = 0;

/** A fresh sibling name per write: pid, counter and random, so neither two writes nor two processes share one. */
export function tempSibling(host: Host, target: string): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  const random = Math.random().toString(36).slice(2, 10);
  return join(dirname(target), `.${basename(target)}.${host.tempTag}-${counter}-${random}.tmp`);
}

export class WriteError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * Writes `content` to `target` through a temporary sibling. `replace: false` never replaces a file
 * that is there (even one that appears meanwhile): it fails with code EEXIST instead.
 */
export async function writeAtomic(host: Host, target: string, content: string | Uint8Array, options: { replace?: boolean } = {}): Promise<void> {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const replace = options.replace ?? true;
  const existed = (await host.stat(target).catch(() => undefined)) !== undefined;
  const tmp = tempSibling(host, target);
  try {
    await host.create(tmp, bytes);
    await host.rename(tmp, target, replace);
  } catch (e) {
    await host.remove(tmp).catch(() => undefined);
    const code = (e as { code?: unknown }).code;
    if (code === 'EEXIST' && !replace) throw new WriteError(target, 'already exists: not overwritten', 'EEXIST');
    const kept = existed ? 'the previous file is left as it was' : 'no file was written';
    throw new WriteError(target, `cannot write: ${errorText(e)}; ${kept}`, typeof code === 'string' ? code : undefined);
  }
}
