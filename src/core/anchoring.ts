// Putting a sidecar's annotations on the article text: trusted offsets when the text is the
// one the sidecar was written for (sha256), otherwise re-anchoring from text + prefix + suffix.
// An annotation that cannot be placed with confidence becomes an orphan: kept, reported,
// never silently dropped or moved to a doubtful place.
import { Annotation, Sidecar } from './model';
import { OffsetConverter, sha256Hex } from './text';
import { abbreviate } from './wording';

export const CONTEXT_LENGTH = 32;

export interface AnchorIssue {
  annotationId: string;
  severity: 'error' | 'warning';
  message: string;
  /** The stored value at fault, to point at in the sidecar (its `start` by default). */
  field?: 'start' | 'end';
}

export interface Orphan {
  annotation: Annotation;
  reason: string;
}

export interface AnchorResult {
  /** Annotations placed on the text, with UTF-16 offsets, sorted. */
  placed: Annotation[];
  orphans: Orphan[];
  /** Ids of annotations found away from their stored offsets. */
  moved: string[];
  issues: AnchorIssue[];
  /** True when the text is the one the sidecar's offsets refer to. */
  hashMatches: boolean;
}

export function anchorAnnotations(sidecar: Sidecar, text: string): AnchorResult {
  const hash = sidecar.document.sha256;
  const hashMatches = hash !== undefined && hash.toLowerCase() === sha256Hex(text);
  const converter = sidecar.document.offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
  const unitLength = converter ? converter.codePointLength : text.length;
  const result: AnchorResult = { placed: [], orphans: [], moved: [], issues: [], hashMatches };

  for (const stored of sidecar.annotations) {
    const a: Annotation = { ...stored };
    const pastEnd = a.end > unitLength;
    if (!pastEnd && converter) {
      a.start = converter.toUtf16(a.start);
      a.end = converter.toUtf16(a.end);
    }
    // Code points never fall inside a character; UTF-16 offsets can, and such a span's text
    // would be half an emoji, written out as U+FFFD by every export.
    const split = pastEnd || converter ? undefined : splitField(text, a);
    const onText =
      !pastEnd &&
      !split &&
      (a.text === undefined ||
        (text.slice(a.start, a.end) === a.text && (hashMatches || hash === undefined || agrees(contextScore(text, a.start, a.end, a), a))));
    if (onText) {
      result.placed.push(a);
      continue;
    }
    if (pastEnd && (hashMatches || a.text === undefined)) {
      result.issues.push({
        annotationId: a.id,
        severity: 'error',
        message: `Annotation "${a.id}": span ${stored.start}–${stored.end} is past the end of the text (${unitLength} ${converter ? 'code points' : 'UTF-16 units'})`,
      });
      result.orphans.push({ annotation: a, reason: 'span past the end of the text' });
      continue;
    }
    if (split && (hashMatches || a.text === undefined)) {
      const offset = a[split];
      result.issues.push({
        annotationId: a.id,
        severity: 'error',
        field: split,
        message:
          `Annotation "${a.id}": "${split}" (${offset}) falls inside the character ${describeChar(text, offset - 1)}: ` +
          `UTF-16 offsets must not split a surrogate pair (use ${offset - 1} or ${offset + 1})`,
      });
      result.orphans.push({ annotation: a, reason: 'span splits a character in two' });
      continue;
    }
    if (hashMatches) {
      // The offsets are trusted, yet the stored text disagrees: a hand edit. Keep it where it is, flagged.
      result.placed.push(a);
      result.issues.push({
        annotationId: a.id,
        severity: 'warning',
        message: `Annotation "${a.id}": its "text" differs from the article text at ${stored.start}–${stored.end}`,
      });
      continue;
    }
    // The text at the offsets differs from the stored text: the article changed outside the editor.
    const found = reanchor(text, a, converter && !pastEnd ? a.start : approxUtf16(stored.start, converter));
    if (found) {
      result.moved.push(a.id);
      result.placed.push({ ...a, start: found.start, end: found.end });
      result.issues.push({
        annotationId: a.id,
        severity: 'warning',
        message: `Annotation "${a.id}" was re-anchored from ${stored.start} to ${converter ? converter.toCodePoint(found.start) : found.start}: the article changed since the sidecar was written`,
      });
    } else {
      const reason = `its text ${JSON.stringify(abbreviate(a.text ?? '', 40))} could not be found with confidence in the changed article`;
      result.orphans.push({ annotation: a, reason });
      result.issues.push({ annotationId: a.id, severity: 'warning', message: `Annotation "${a.id}" needs review: ${reason}` });
    }
  }
  result.placed.sort((x, y) => x.start - y.start || x.end - y.end);
  return result;
}

function approxUtf16(offset: number, converter?: OffsetConverter): number {
  return converter ? converter.toUtf16(Math.min(offset, converter.codePointLength)) : offset;
}

const MAX_CANDIDATES = 10_000;

/**
 * Finds `a.text` in `text`. Every occurrence is scored by how much of the stored prefix and
 * suffix surrounds it; the best must agree with more than half of that context and beat the
 * runner-up, so a place that only shares the words, or two equally good places, give an orphan
 * rather than a guess. Without any stored context only a lone, distinctive text is trusted.
 */
export function reanchor(text: string, a: Annotation, near: number): { start: number; end: number } | undefined {
  const needle = a.text;
  if (!needle) return undefined;
  const candidates: { start: number; score: number }[] = [];
  for (let i = text.indexOf(needle); i !== -1 && candidates.length < MAX_CANDIDATES; i = text.indexOf(needle, i + 1)) {
    // A stored text with a lone surrogate at an edge can match half of a pair: not a place.
    if (splitsSurrogatePair(text, i) || splitsSurrogatePair(text, i + needle.length)) continue;
    candidates.push({ start: i, score: contextScore(text, i, i + needle.length, a) });
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((x, y) => y.score - x.score || Math.abs(x.start - near) - Math.abs(y.start - near));
  const [best, second] = candidates;
  const confident = contextLength(a) === 0
    ? candidates.length === 1 && needle.length >= 8
    : agrees(best.score, a) && (second === undefined || best.score > second.score);
  return confident ? { start: best.start, end: best.start + needle.length } : undefined;
}

function contextScore(text: string, start: number, end: number, a: Annotation): number {
  const before = commonSuffixLength(text.slice(Math.max(0, start - CONTEXT_LENGTH), start), a.prefix ?? '');
  const after = commonPrefixLength(text.slice(end, end + CONTEXT_LENGTH), a.suffix ?? '');
  return before + after;
}

function contextLength(a: Annotation): number {
  return (a.prefix ?? '').length + (a.suffix ?? '').length;
}

function agrees(score: number, a: Annotation): boolean {
  const length = contextLength(a);
  return length === 0 || score * 2 > length;
}

function commonSuffixLength(x: string, y: string): number {
  let n = 0;
  while (n < x.length && n < y.length && x[x.length - 1 - n] === y[y.length - 1 - n]) n++;
  return n;
}

function commonPrefixLength(x: string, y: string): number {
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

/** The anchor fields the extension always writes: text, prefix and suffix around [start, end). */
export function anchorContext(text: string, start: number, end: number): { text: string; prefix: string; suffix: string } {
  let p = Math.max(0, start - CONTEXT_LENGTH);
  let s = Math.min(text.length, end + CONTEXT_LENGTH);
  // Never cut a surrogate pair in half: the halves are not valid text in YAML or UTF-8.
  if (isLowSurrogate(text.charCodeAt(p)) && p > 0) p++;
  if (isLowSurrogate(text.charCodeAt(s)) && s < text.length) s--;
  return { text: text.slice(start, end), prefix: text.slice(p, start), suffix: text.slice(end, s) };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** True when UTF-16 `offset` falls between the high and the low half of one character. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
}

/** [start, end) widened to whole characters: an edge inside a surrogate pair moves out of it. */
export function wholeCharacters(text: string, span: { start: number; end: number }): { start: number; end: number } {
  return {
    start: splitsSurrogatePair(text, span.start) ? span.start - 1 : span.start,
    end: splitsSurrogatePair(text, span.end) ? span.end + 1 : span.end,
  };
}

function splitField(text: string, a: Annotation): 'start' | 'end' | undefined {
  if (splitsSurrogatePair(text, a.start)) return 'start';
  if (splitsSurrogatePair(text, a.end)) return 'end';
  return undefined;
}

/** `"😀" (U+1F600)`: the character that starts at UTF-16 `offset`. */
function describeChar(text: string, offset: number): string {
  const cp = text.codePointAt(offset) ?? 0;
  return `${JSON.stringify(String.fromCodePoint(cp))} (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`;
}
