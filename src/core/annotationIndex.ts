// "Which spans cover offset N?" over a static set of possibly nested and overlapping spans.
// Spans are sorted by start and searched as an implicit balanced tree whose nodes carry the
// largest end in their subtree, so a query costs O(log n + k log n) for k answers.

export interface Span {
  start: number;
  end: number;
}

export class IntervalIndex<T extends Span> {
  private readonly items: T[];
  private readonly maxEnd: Float64Array;

  constructor(spans: Iterable<T>) {
    this.items = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
    this.maxEnd = new Float64Array(this.items.length);
    this.build(0, this.items.length);
  }

  get size(): number {
    return this.items.length;
  }

  /** All spans in start order. */
  all(): readonly T[] {
    return this.items;
  }

  /** Spans with start <= offset < end, outermost (earliest start, then longest) first. */
  covering(offset: number): T[] {
    const out: T[] = [];
    this.visit(0, this.items.length, offset, offset + 1, out);
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** Spans that overlap [start, end). */
  overlapping(start: number, end: number): T[] {
    const out: T[] = [];
    this.visit(0, this.items.length, start, Math.max(end, start + 1), out);
    return out;
  }

  private build(lo: number, hi: number): number {
    if (lo >= hi) return -Infinity;
    const mid = (lo + hi) >> 1;
    const m = Math.max(this.items[mid].end, this.build(lo, mid), this.build(mid + 1, hi));
    this.maxEnd[mid] = m;
    return m;
  }

  private visit(lo: number, hi: number, start: number, end: number, out: T[]): void {
    if (lo >= hi) return;
    const mid = (lo + hi) >> 1;
    if (this.maxEnd[mid] <= start) return; // nothing in this subtree reaches the query
    this.visit(lo, mid, start, end, out);
    const item = this.items[mid];
    if (item.start >= end) return; // this and everything to the right start after the query
    if (item.end > start) out.push(item);
    this.visit(mid + 1, hi, start, end, out);
  }
}
