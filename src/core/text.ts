// Line/column arithmetic and offset-unit conversion over an article's text.
export { sha256Hex } from './sha256';

/** Start offsets (UTF-16) of every line; a line ends at \n, so CRLF text keeps \r at line end. */
export class LineMap {
  private readonly starts: number[];
  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  /** 0-based line and UTF-16 character of an offset. */
  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }
}

/**
 * Converts between code-point offsets (brat, W3C, `offsets: codepoint` sidecars) and UTF-16
 * offsets. Built once per text; lookups are O(log n) in the number of astral characters,
 * and O(1) for text without any.
 */
export class OffsetConverter {
  /** UTF-16 offsets of the low surrogates: each one is a unit that has no code point of its own. */
  private readonly lows: number[] = [];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) this.lows.push(++i);
      }
    }
  }
  get codePointLength(): number {
    return this.text.length - this.lows.length;
  }
  toCodePoint(utf16: number): number {
    return utf16 - countBelow(this.lows, utf16);
  }
  toUtf16(codePoint: number): number {
    // Each low surrogate below the answer adds one unit: find the smallest u with u - lows(<=u) = cp.
    let lo = 0;
    let hi = this.lows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      // lows[mid] is the (mid+1)-th extra unit; it lies before the answer when its code point is < cp.
      if (this.lows[mid] - mid - 1 < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return codePoint + lo;
  }
}

/** How many sorted values are < x. */
function countBelow(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
