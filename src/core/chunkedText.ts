// A text kept in chunks, so an edit costs about a chunk rather than the whole text. The
// session keeps the article's text to tell which earlier state VS Code's Undo or Redo brought
// back (by fingerprint); a single 1 MB string rebuilt on every keystroke cost milliseconds (V8
// flattens the concatenation on the next slice), far over the keystroke budget.
//
// The fingerprint is a polynomial hash (two primes just under 2^26, so every product stays an
// exact double) kept per chunk with the chunk's B^length: the whole text's hash folds the chunks
// in O(chunks) whatever their boundaries, so the same text has the same fingerprint however it
// was edited into being. Only the chunks an edit touches are hashed again.

const CHUNK = 8192;
const P1 = 67108859;
const P2 = 67108837;
const B1 = 65599;
const B2 = 92821;

interface Chunk {
  text: string;
  h1: number;
  h2: number;
  /** B1^length mod P1 and B2^length mod P2. */
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
      h1 = (mulMod(h1, c.w1, P1) + c.h1) % P1;
      h2 = (mulMod(h2, c.w2, P2) + c.h2) % P2;
      n += c.text.length;
    }
    return `${n}:${h1.toString(36)}:${h2.toString(36)}`;
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
    const joined = this.chunks
      .slice(first, last + 1)
      .map((c) => c.text)
      .join('');
    const edited = joined.slice(0, offset - at) + text + joined.slice(offset - at + length);
    this.chunks.splice(first, last - first + 1, ...split(edited));
    if (this.chunks.length === 0) this.chunks.push(chunk(''));
  }
}

function split(text: string): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i < text.length; i += CHUNK) {
    let end = Math.min(text.length, i + CHUNK);
    // Keep surrogate pairs whole, so every chunk is valid text on its own.
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end++;
    out.push(chunk(text.slice(i, end)));
    i = end - CHUNK;
  }
  return out.length ? out : [chunk('')];
}

function chunk(text: string): Chunk {
  let h1 = 0;
  let h2 = 0;
  // B * h < 2^17 * 2^26: exact; so is adding a UTF-16 unit.
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i) + 1;
    h1 = (h1 * B1 + u) % P1;
    h2 = (h2 * B2 + u) % P2;
  }
  return { text, h1, h2, w1: powMod(B1, text.length, P1), w2: powMod(B2, text.length, P2) };
}

/** a * b mod p for a, b < p < 2^26: the product stays under 2^52, exact in a double. */
function mulMod(a: number, b: number, p: number): number {
  return (a * b) % p;
}

function powMod(b: number, e: number, p: number): number {
  let r = 1;
  let x = b % p;
  while (e > 0) {
    if (e & 1) r = mulMod(r, x, p);
    x = mulMod(x, x, p);
    e >>>= 1;
  }
  return r;
}
