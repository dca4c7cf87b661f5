// A text kept in chunks, so an edit costs about a chunk rather than the whole text. The
// session keeps the article's text to remember what an edit squeezed out of annotations;
// a single 1 MB string rebuilt on every keystroke cost milliseconds (V8 flattens the
// concatenation on the next slice), far over the keystroke budget.

const CHUNK = 8192;

export class ChunkedText {
  private chunks: string[];

  constructor(text: string) {
    this.chunks = split(text);
  }

  get length(): number {
    let n = 0;
    for (const c of this.chunks) n += c.length;
    return n;
  }

  toString(): string {
    return this.chunks.join('');
  }

  slice(start: number, end: number): string {
    if (end <= start) return '';
    let out = '';
    let at = 0;
    for (const c of this.chunks) {
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
    while (first < this.chunks.length - 1 && at + this.chunks[first].length < offset) at += this.chunks[first++].length;
    let last = first;
    let lastEnd = at + (this.chunks[first]?.length ?? 0);
    while (last < this.chunks.length - 1 && lastEnd < offset + length) lastEnd += this.chunks[++last].length;
    const joined = this.chunks.slice(first, last + 1).join('');
    const edited = joined.slice(0, offset - at) + text + joined.slice(offset - at + length);
    this.chunks.splice(first, last - first + 1, ...split(edited));
    if (this.chunks.length === 0) this.chunks.push('');
  }
}

function split(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += CHUNK) {
    let end = Math.min(text.length, i + CHUNK);
    // Keep surrogate pairs whole, so every chunk is valid text on its own.
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end++;
    out.push(text.slice(i, end));
    i = end - CHUNK;
  }
  return out.length ? out : [''];
}
