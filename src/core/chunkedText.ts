// A text kept in chunks, so an edit costs about a chunk rather than the whole text. The
// session keeps the article's text to tell which earlier state VS Code's Undo or Redo brought
// back (by fingerprint); a single 1 MB string rebuilt on every keystroke cost milliseconds (V8
// flattens the concatenation on the next slice), far over the keystroke budget.
//
// The fingerprint is two polynomial hashes modulo 2^32 (Math.imul: no division on the keystroke
// path), kept per chunk with the chunk's B^length, so the whole text's hash folds the chunks in
// O(chunks) whatever their boundaries: the same text has the same fingerprint however it was
// edited into being. Only the chunks an edit touches are hashed again. Not a defence against
// crafted collisions (nothing is gained by one: a false match needs the very same length, at a
// state nearer than the one Undo went back to); a plain-text article does not collide by chance.

const CHUNK = 2048;
/** Odd bases, so B^n never becomes 0 modulo 2^32. */
const B1 = 0x01000193;
const B2 = 0x5bd1e995;

interface Chunk {
  text: string;
  h1: number;
  h2: number;
  /** B1^length and B2^length, modulo 2^32. */
  w1: number;
  w2: number;
}

export class ChunkedText {
  private chunks: Chunk[];

  constructor(text: string) {
    this.chunks = split(text);
  }

  get length(): number {
    let n = 0;
    for (const c of this.chunks) n += c.text.length;
    return n;
  }

  toString(): string {
    return this.chunks.map((c) => c.text).join('');
  }

  /** Length and hash of the text: equal texts give equal fingerprints, different ones almost surely not. */
  fingerprint(): string {
    let h1 = 0;
    let h2 = 0;
    let n = 0;
    for (const c of this.chunks) {
      h1 = (Math.imul(h1, c.w1) + c.h1) | 0;
      h2 = (Math.imul(h2, c.w2) + c.h2) | 0;
      n += c.text.length;
    }
    return `${n}:${(h1 >>> 0).toString(36)}:${(h2 >>> 0).toString(36)}`;
  }

  slice(start: number, end: number): string {
    if (end <= start) return '';
    let out = '';
    let at = 0;
    for (const { text: c } of this.chunks) {
      const next = at + c.length;
      if (next > start && at < end) out += c.slice(Math.max(0, start - at), Math.min(c.length, end - at));
      if (next >= end) break;
      at = next;
    }
    return out;
  }

  /** Replaces [offset, offset + length) with `text`. */
  replace(offset: number, length: number, text: string): void {
    // The chunks the edit touches are joined, edited and split again; the rest stay as they are.
    let first = 0;
    let at = 0;
    while (first < this.chunks.length - 1 && at + this.chunks[first].text.length < offset) at += this.chunks[first++].text.length;
    let last = first;
    let lastEnd = at + (this.chunks[first]?.text.length ?? 0);
    while (last < this.chunks.length - 1 && lastEnd < offset + length) lastEnd += this.chunks[++last].text.length;
    // A piece left small takes its neighbour in, so deletions do not leave ever more tiny
    // chunks behind (the fingerprint folds every chunk on every keystroke).
    if (lastEnd - at - length + text.length < CHUNK / 2) {
      if (last < this.chunks.length - 1) lastEnd += this.chunks[++last].text.length;
      else if (first > 0) at -= this.chunks[--first].text.length;
    }
    const joined = this.chunks
      .slice(first, last + 1)
      .map((c) => c.text)
      .join('');
    const edited = joined.slice(0, offset - at) + text + joined.slice(offset - at + length);
    this.chunks.splice(first, last - first + 1, ...split(edited));
  }
}

/** Pieces of CHUNK / 2 to CHUNK units (unless the whole text is shorter): typing never leaves a 1-unit chunk. */
function split(text: string): Chunk[] {
  const out: Chunk[] = [];
  const size = Math.ceil(text.length / Math.max(1, Math.ceil(text.length / CHUNK)));
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + size);
    // Keep surrogate pairs whole, so every chunk is valid text on its own.
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end++;
    out.push(chunk(text.slice(i, end)));
    i = end;
  }
  return out.length ? out : [chunk('')];
}

function chunk(text: string): Chunk {
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i) + 1;
    h1 = (Math.imul(h1, B1) + u) | 0;
    h2 = (Math.imul(h2, B2) + u) | 0;
  }
  return { text, h1, h2, w1: pow(B1, text.length), w2: pow(B2, text.length) };
}

/** b^e modulo 2^32. */
function pow(b: number, e: number): number {
  let r = 1;
  let x = b;
  while (e > 0) {
    if (e & 1) r = Math.imul(r, x);
    x = Math.imul(x, x);
    e >>>= 1;
  }
  return r;
}
