// Reading articles and sidecars: only regular files (a FIFO would hang, /dev/zero would grow the
// process without end), never more than the limit, and text that is not UTF-8 is an error at its
// first bad byte, never a page of U+FFFD.
import { loadArticle, LoadedArticle } from '../export/article';
import { Host } from '../host';
import { errorText } from '../wording';
import { ArticleRef } from './find';

/** Articles and sidecars are text: anything past this is not one. */
export const DEFAULT_READ_LIMIT = 64 * 1024 * 1024;

/** Why a file could not be read, positioned when the cause is in its content. */
export class ReadError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

function megabytes(n: number): string {
  const mb = n / (1024 * 1024);
  return mb >= 1 ? `${Math.round(mb * 10) / 10} MB` : `${n} bytes`;
}

/** The bytes of a regular file, refusing folders, special files and files over `limit`. */
export async function readBytes(host: Host, file: string, limit = DEFAULT_READ_LIMIT): Promise<Uint8Array> {
  let stat;
  try {
    stat = await host.stat(file);
  } catch (e) {
    throw new ReadError(file, errorText(e));
  }
  if (!stat) throw new ReadError(file, 'no such file');
  if (stat.kind === 'directory') throw new ReadError(file, 'is a folder, not a file');
  if (stat.kind !== 'file') throw new ReadError(file, 'is not a regular file (a FIFO, a device or a socket): not read');
  const tooBig = () => new ReadError(file, `is larger than the ${megabytes(limit)} limit for a text file: not read`);
  if (stat.size > limit) throw tooBig();
  let bytes: Uint8Array;
  try {
    // One byte past the limit tells a file at the limit from one that grew past it (or lies about its size).
    bytes = await host.read(file, limit + 1);
  } catch (e) {
    throw new ReadError(file, errorText(e));
  }
  if (bytes.length > limit) throw tooBig();
  return bytes;
}

/** Index of the first byte that does not start or continue a well-formed UTF-8 sequence; -1 when all do. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');

/**
 * UTF-8 text without its byte-order mark (editors drop it, so offsets and sha256 never count it).
 * Invalid UTF-8 is an error at file:line:column of the first bad byte.
 */
export function decodeText(file: string, bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const bad = firstInvalidUtf8(body);
  if (bad < 0) return utf8.decode(body);
  const lineStart = body.lastIndexOf(0x0a, bad - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (body[i] === 0x0a) line++;
  const column = utf8.decode(body.subarray(lineStart, bad)).length + 1;
  const hex = body[bad].toString(16).toUpperCase().padStart(2, '0');
  const binary = body.subarray(0, Math.min(body.length, 8192)).includes(0);
  const guess = binary
    ? 'it looks like a binary file or UTF-16, not UTF-8 text'
    : 'it looks like Latin-1/Windows-1252: save it as UTF-8 (e.g. iconv -f windows-1252 -t utf-8)';
  throw new ReadError(file, `not valid UTF-8 (byte 0x${hex}); ${guess}`, line, column);
}

export async function readText(host: Host, file: string, limit = DEFAULT_READ_LIMIT): Promise<string> {
  return decodeText(file, await readBytes(host, file, limit));
}

export interface ReadArticle {
  ref: ArticleRef;
  text: string;
  loaded: LoadedArticle;
}

/**
 * An article and its sidecar from the host, anchored; `articlePath` is the name exporters see and
 * `uri` the article's absolute location (ArticleInput.uri), which only the caller knows how to
 * spell: node's file URL in the CLI, the document's Uri (any scheme) in the extension.
 */
export async function readArticle(host: Host, ref: ArticleRef, articlePath: string, limit = DEFAULT_READ_LIMIT, uri?: string): Promise<ReadArticle> {
  const text = await readText(host, ref.article, limit);
  const source = await readText(host, ref.sidecar, limit);
  const loaded = loadArticle(articlePath, text, source);
  if (loaded.article && uri !== undefined) loaded.article.uri = uri;
  return { ref, text, loaded };
}
