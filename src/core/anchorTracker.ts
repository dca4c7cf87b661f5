// Keeps annotation spans on their text while the article is edited.
//
// A keystroke must cost about the same at 100,000 annotations as at 1,000, so spans are not
// shifted one by one: starts (and, separately, ends) are kept in an order that edits never
// change, with their shifts in Fenwick trees. An edit adds its delta to a suffix of each
// order in O(log n); only the few spans with an edge inside the replaced text are touched
// one by one.
//
// Rules for an edit replacing [from, to) with `inserted` characters:
// - an edge before `from` stays; an edge at or after `to` moves by the length change;
// - typing at a span's edge does not extend it (an insertion at its start pushes it right,
//   one at its end leaves it);
// - an edge inside the replaced text goes to the side that survives: a start to the end of
//   the new text, an end to `from`. A span whose text is all gone is removed.
// - an empty span is a point and follows its end: typing at it leaves it where it is.

export interface TextEdit {
  /** UTF-16 offset where the replaced text starts, in the text as it is before this edit. */
  offset: number;
  /** Length of the replaced text. */
  length: number;
  /** Length of the text put in its place. */
  inserted: number;
}

export interface TrackedSpan {
  id: string;
  start: number;
  end: number;
}

export interface EditEffect {
  /** Spans whose whole text the edit deleted: they are no longer tracked. */
  removed: TrackedSpan[];
  /** Positions, before the edit, of every span the edit did not simply shift (removed ones included). */
  before: TrackedSpan[];
  /** Positions after the edit of the spans in `before` that are still tracked. */
  after: TrackedSpan[];
}

/** Position after an edit of a start edge. */
export function mapStart(s: number, e: TextEdit): number {
  const to = e.offset + e.length;
  if (s < e.offset) return s;
  if (s === e.offset) return e.length === 0 ? s + e.inserted : s;
  if (s < to) return e.offset + e.inserted;
  return s + e.inserted - e.length;
}

/** Position after an edit of an end edge. */
export function mapEnd(x: number, e: TextEdit): number {
  const to = e.offset + e.length;
  if (x <= e.offset) return x;
  if (x < to) return e.offset;
  return x + e.inserted - e.length;
}

/** A span after an edit, by the same rules as the tracker; null when the edit deleted all its text. */
export function mapSpan(s: TrackedSpan, e: TextEdit): TrackedSpan | null {
  const start = mapStart(s.start, e);
  const end = mapEnd(s.end, e);
  if (s.end > s.start && start >= end) return null;
  return { id: s.id, start: Math.min(start, end), end };
}

/** Whether the tracker lists the span in an edit's `before`: an edge in the edited range. */
export function touches(s: TrackedSpan, e: TextEdit): boolean {
  const to = e.offset + e.length;
  return (s.start >= e.offset && s.start <= to) || (s.end > e.offset && s.end <= to);
}

/**
 * Indices of `values` by value, then index. A comparator sort of 100,000 took a few hundred ms
 * (V8 calls back into JS for every comparison); offsets are integers, so they are radix sorted
 * (three stable passes of 11 bits: index order is kept among equal values).
 */
function sortedOrder(values: Float64Array): Int32Array {
  const n = values.length;
  let integral = true;
  for (let i = 0; i < n && integral; i++) {
    const v = values[i];
    integral = v >= 0 && v < 2 ** 33 && Number.isInteger(v);
  }
  if (!integral) return Int32Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b);
  let order = Int32Array.from(values.keys());
  let next = new Int32Array(n);
  const counts = new Int32Array(2048);
  for (let pass = 0; pass < 3; pass++) {
    const div = 2 ** (11 * pass);
    counts.fill(0);
    for (let p = 0; p < n; p++) counts[Math.floor(values[order[p]] / div) & 2047]++;
    for (let d = 0, sum = 0; d < 2048; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let p = 0; p < n; p++) {
      const i = order[p];
      next[counts[Math.floor(values[i] / div) & 2047]++] = i;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}

class Fenwick {
  private readonly tree: Float64Array;
  constructor(readonly size: number) {
    this.tree = new Float64Array(size + 1);
  }
  /** Adds v to every position >= i. */
  addFrom(i: number, v: number): void {
    for (let k = i + 1; k <= this.size; k += k & -k) this.tree[k] += v;
  }
  /** The sum of everything added at positions <= i. */
  at(i: number): number {
    let sum = 0;
    for (let k = i + 1; k > 0; k -= k & -k) sum += this.tree[k];
    return sum;
  }
}

/** One side (starts or ends) of the tracked spans: values kept in a fixed sorted order. */
class Edges {
  private readonly base: Float64Array;
  private readonly shift: Fenwick;
  constructor(
    /** Span index at each position of this order. */
    readonly order: Int32Array,
    values: Float64Array,
  ) {
    this.base = new Float64Array(order.length);
    for (let p = 0; p < order.length; p++) this.base[p] = values[order[p]];
    this.shift = new Fenwick(order.length);
  }
  get length(): number {
    return this.order.length;
  }
  value(p: number): number {
    return this.base[p] + this.shift.at(p);
  }
  /** First position whose value is >= x (or > x when strict). */
  firstAtLeast(x: number, strict: boolean): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const v = this.value(mid);
      if (strict ? v > x : v >= x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /**
   * Gives the edge at position p the value v, and moves it through the order to where v belongs,
   * the edges passed over taking one step back. O(distance · log n): a span put back by Undo
   * only passes the few edges inside the text it had lost. Reports every position that changed.
   */
  move(p: number, v: number, moved: (span: number, position: number) => void): void {
    const i = this.order[p];
    const n = this.order.length;
    let q = p;
    if (v > this.value(p)) while (q + 1 < n && this.value(q + 1) < v) q++;
    else while (q > 0 && this.value(q - 1) > v) q--;
    const step = q > p ? 1 : -1;
    // A base is what the value is minus the shift at its position, so the Fenwick tree stays as it is.
    for (let r = p; r !== q; r += step) {
      const value = this.value(r + step);
      this.order[r] = this.order[r + step];
      this.base[r] = value - this.shift.at(r);
      moved(this.order[r], r);
    }
    this.order[q] = i;
    this.base[q] = v - this.shift.at(q);
    moved(i, q);
  }
  /** Applies a monotone map to the values in [from, length): `map` for [from, uniformFrom), a shift after. */
  apply(from: number, uniformFrom: number, map: (v: number) => number, delta: number): void {
    for (let p = from; p < uniformFrom; p++) {
      const v = this.value(p);
      const d = map(v) - v;
      if (d !== 0) {
        this.shift.addFrom(p, d);
        this.shift.addFrom(p + 1, -d);
      }
    }
    if (delta !== 0 && uniformFrom < this.order.length) this.shift.addFrom(uniformFrom, delta);
  }
}

export class AnchorTracker {
  private ids: string[] = [];
  /** Index of each id, built when place() first needs it after a reset. */
  private indexOf?: Map<string, number>;
  private alive: Uint8Array = new Uint8Array(0);
  private starts!: Edges;
  private ends!: Edges;
  /** Position of each span in the start and end orders. */
  private startPos!: Int32Array;
  private endPos!: Int32Array;
  private count = 0;

  constructor(spans: Iterable<TrackedSpan> = []) {
    this.reset(spans);
  }

  /** Replaces every tracked span (after annotations were added, removed or restored). O(n log n). */
  reset(spans: Iterable<TrackedSpan>): void {
    const list = [...spans];
    const n = list.length;
    this.ids = list.map((s) => s.id);
    this.indexOf = undefined;
    this.alive = new Uint8Array(n).fill(1);
    this.count = n;
    // Plain loops: Float64Array.from with a map function took ~50 ms at 100,000.
    const s = new Float64Array(n);
    const e = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = list[i].start;
      e[i] = list[i].end;
    }
    const byStart = sortedOrder(s);
    const byEnd = sortedOrder(e);
    this.starts = new Edges(byStart, s);
    this.ends = new Edges(byEnd, e);
    this.startPos = new Int32Array(n);
    this.endPos = new Int32Array(n);
    for (let p = 0; p < n; p++) {
      this.startPos[byStart[p]] = p;
      this.endPos[byEnd[p]] = p;
    }
  }

  get size(): number {
    return this.count;
  }

  /** Current positions of every live span, in no particular order. O(n log n). */
  spans(): TrackedSpan[] {
    const out: TrackedSpan[] = [];
    for (let i = 0; i < this.ids.length; i++) if (this.alive[i]) out.push(this.span(i));
    return out;
  }

  /** Puts the given spans where they are listed (null: no longer tracked) and keeps every other one. */
  place(positions: ReadonlyMap<string, TrackedSpan | null>): void {
    if (positions.size === 0) return;
    this.indexOf ??= new Map(this.ids.map((id, i) => [id, i]));
    if ([...positions.keys()].some((id) => !this.indexOf!.has(id))) {
      // A span never tracked: the arrays grow, so all of it is built again. O(n log n).
      const spans = this.spans().filter((s) => !positions.has(s.id));
      for (const [id, p] of positions) if (p) spans.push({ id, start: p.start, end: p.end });
      this.reset(spans);
      return;
    }
    // Spans known to the tracker (dead ones too keep their place in both orders): moved in place.
    for (const [id, p] of positions) {
      const i = this.indexOf.get(id)!;
      if (!p) {
        if (this.alive[i]) this.count--;
        this.alive[i] = 0;
        continue;
      }
      if (!this.alive[i]) this.count++;
      this.alive[i] = 1;
      this.starts.move(this.startPos[i], p.start, (span, at) => (this.startPos[span] = at));
      this.ends.move(this.endPos[i], p.end, (span, at) => (this.endPos[span] = at));
    }
  }

  /** Applies one edit. Edits of one multi-cursor change are applied one after another, in VS Code's order. */
  apply(edit: TextEdit): EditEffect {
    const to = edit.offset + edit.length;
    const delta = edit.inserted - edit.length;
    // Spans with an edge in [offset, to] may move unevenly; remember where they were.
    const touched = new Set<number>();
    const sFrom = this.starts.firstAtLeast(edit.offset, false);
    const sUniform = this.starts.firstAtLeast(to, false);
    const eFrom = this.ends.firstAtLeast(edit.offset, true);
    // An end exactly at an insertion point stays (typing after a span does not extend it).
    const eUniform = this.ends.firstAtLeast(to, edit.length === 0);
    for (let p = sFrom; p < this.starts.length && this.starts.value(p) <= to; p++) touched.add(this.starts.order[p]);
    for (let p = eFrom; p < this.ends.length && this.ends.value(p) <= to; p++) touched.add(this.ends.order[p]);
    const beforeByIndex = new Map<number, TrackedSpan>();
    for (const i of touched) if (this.alive[i]) beforeByIndex.set(i, this.span(i));

    this.starts.apply(sFrom, sUniform, (v) => mapStart(v, edit), delta);
    this.ends.apply(eFrom, eUniform, (v) => mapEnd(v, edit), delta);

    const removed: TrackedSpan[] = [];
    const after: TrackedSpan[] = [];
    for (const [i, was] of beforeByIndex) {
      const now = this.span(i);
      if (now.start >= now.end && was.end > was.start) {
        this.alive[i] = 0;
        this.count--;
        removed.push(was);
      } else after.push(now);
    }
    return { removed, before: [...beforeByIndex.values()], after };
  }

  private span(i: number): TrackedSpan {
    const end = this.ends.value(this.endPos[i]);
    // Starts and ends move by separate rules, so an empty span's start can pass its end (typing at
    // it pushes the start and leaves the end; a replacement around it sends them to opposite sides
    // of the new text). It stays a point at its end: the rules keep every start at or after its
    // end once it got there, so the end alone says where the point is.
    return { id: this.ids[i], start: Math.min(this.starts.value(this.startPos[i]), end), end };
  }
}
