// Helpers the export formats and importers share: file naming, positions in every unit a
// format may want, resolving an annotation's speaker and demand, and the line-end view of a
// text that brat uses.
import { Annotation, Demand, Sidecar, Speaker } from '../model';
import { LineMap, OffsetConverter } from '../text';
import { ArticleInput, ExportOptions } from './types';

export const DEFAULT_COMBINED_NAME = 'annotations';

/** The one file a combining format writes: named after the article, or `options.name` for several. */
export function combinedPath(articles: readonly ArticleInput[], options: ExportOptions, extension: string): string {
  return articles.length === 1 ? `${articles[0].path}.${extension}` : `${options.name || DEFAULT_COMBINED_NAME}.${extension}`;
}

export interface Position {
  /** UTF-16 code units from the start of the text (the sidecar's unit). */
  offset: number;
  /** Code points from the start of the text (Python's, brat's and W3C's unit). */
  codePoint: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units from the line start. */
  column: number;
}

/** Positions of offsets in one text, in every unit at once. */
export class Positions {
  readonly lines: LineMap;
  readonly converter: OffsetConverter;
  constructor(readonly text: string) {
    this.lines = new LineMap(text);
    this.converter = new OffsetConverter(text);
  }
  at(offset: number): Position {
    const p = this.lines.position(offset);
    return { offset, codePoint: this.converter.toCodePoint(offset), line: p.line + 1, column: p.character + 1 };
  }
  line(offset: number): number {
    return this.lines.position(offset).line + 1;
  }
}

export function speakerOf(sidecar: Sidecar, a: Annotation): Speaker | undefined {
  return a.speaker === undefined ? undefined : sidecar.speakers.get(a.speaker);
}

export function demandOf(sidecar: Sidecar, a: Annotation): Demand | undefined {
  return a.demand === undefined ? undefined : sidecar.demands.get(a.demand);
}

/** Display names of speaker ids, the id itself where a speaker is missing. */
export function speakerNames(sidecar: Sidecar, ids: readonly string[]): string[] {
  return ids.map((id) => sidecar.speakers.get(id)?.name ?? id);
}

/** Sorted positions of removed units, and counting below a value: shared by the offset maps. */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A text as brat reads it: Python's universal newlines turn CRLF and a lone CR into LF, so brat's
 * offsets count a CRLF as one character. Maps UTF-16 offsets of the original text to that view
 * (UTF-16 or code points) and back. Without CR in the text the view is the text itself.
 */
export class LineEndView {
  /** The text with every line end as LF. */
  readonly normalized: string;
  /** Code points of `normalized`. */
  readonly converter: OffsetConverter;
  /** UTF-16 index in the original text of the CR of each CRLF (the unit the view drops). */
  private readonly dropped: number[] = [];
  constructor(readonly original: string) {
    for (let i = original.indexOf('\r\n'); i !== -1; i = original.indexOf('\r\n', i + 2)) this.dropped.push(i);
    this.normalized = original.includes('\r') ? original.replace(/\r\n?/g, '\n') : original;
    this.converter = new OffsetConverter(this.normalized);
  }
  get codePointLength(): number {
    return this.converter.codePointLength;
  }
  /** UTF-16 offset in the view of one in the original (between CR and LF counts as before the CR). */
  toNormalized(utf16: number): number {
    return utf16 - countBelow(this.dropped, utf16);
  }
  /** UTF-16 offset in the original of one in the view (the LF of a CRLF starts at its CR). */
  toOriginal(normalized: number): number {
    // The k-th dropped CR sits at view offset dropped[k] - k; every one strictly before adds a unit.
    let lo = 0;
    let hi = this.dropped.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.dropped[mid] - mid < normalized) lo = mid + 1;
      else hi = mid;
    }
    return normalized + lo;
  }
  /** Code point in the view of a UTF-16 offset of the original. */
  toCodePoint(utf16: number): number {
    return this.converter.toCodePoint(this.toNormalized(utf16));
  }
  /** UTF-16 offset in the original of a code point of the view. */
  toUtf16(codePoint: number): number {
    return this.toOriginal(this.converter.toUtf16(codePoint));
  }
}

/**
 * Ids the annotations name that the sidecar does not define (defined in the workspace speakers
 * file or another sidecar), in order of first use: exports that list by speaker or demand list
 * these too, so no annotation is left out.
 */
export function namedNotDefined(sidecar: Sidecar, annotations: readonly Annotation[]): { speakers: string[]; demands: string[] } {
  const speakers = new Set<string>();
  const demands = new Set<string>();
  for (const a of annotations) {
    if (a.speaker !== undefined && !sidecar.speakers.has(a.speaker)) speakers.add(a.speaker);
    if (a.demand !== undefined && !sidecar.demands.has(a.demand)) demands.add(a.demand);
  }
  return { speakers: [...speakers], demands: [...demands] };
}
