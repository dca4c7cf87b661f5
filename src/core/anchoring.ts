// Putting a sidecar's annotations on the article text: trusted offsets when the text is the
// one the sidecar was written for (sha256), otherwise re-anchoring from text + prefix + suffix.
// An annotation that cannot be placed with confidence becomes an orphan: kept, reported,
// never silently dropped or moved to a doubtful place.
import { Annotation, RejectedSuggestion, Review, Sidecar } from './model';
import { anchorRejected, compareRejected, RejectedPlacement } from './rejected';
import { OffsetConverter, sha256Hex } from './text';
import { abbreviate, differingExcerpts } from './wording';
import { contextLength, contextScore, findExact, Found, OccurrenceIndex } from './reanchorSearch';
import { placeAll, Target } from './reanchorPlan';

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

/**
 * What became of one annotation: `exact` at its stored offsets, `moved` (same text found
 * elsewhere), `repaired` (its own text was edited: placed on the new text, to be reviewed),
 * `orphan` (not placed: kept, reported).
 */
export type AnchorStatus = 'exact' | 'moved' | 'repaired' | 'orphan';

export interface AnchorOutcome {
  annotationId: string;
  status: AnchorStatus;
  /** 0..1: how sure the placement is (1 at trusted offsets); 0 for an orphan. */
  score: number;
  /** Where it is now, UTF-16 offsets; absent for an orphan. */
  start?: number;
  end?: number;
  /** For `repaired`: the stored text and the article's text now at the new place. */
  oldText?: string;
  newText?: string;
  /** The annotation's review flag after anchoring (kept, set or dropped): what the sidecar gets. */
  review?: Review;
}

export interface AnchorResult {
  /** Annotations placed on the text, with UTF-16 offsets, sorted. */
  placed: Annotation[];
  orphans: Orphan[];
  /** Ids of annotations found away from their stored offsets (repaired ones included). */
  moved: string[];
  issues: AnchorIssue[];
  /** True when the text is the one the sidecar's offsets refer to. */
  hashMatches: boolean;
  /** One per annotation, in sidecar order. */
  outcomes: AnchorOutcome[];
  /** The sidecar's rejected suggestions, placed after the annotations and apart from them (rejected.ts). */
  rejected: RejectedPlacement;
}

export function anchorAnnotations(sidecar: Sidecar, text: string): AnchorResult {
  const hash = sidecar.document.sha256;
  const hashMatches = hash !== undefined && hash.toLowerCase() === sha256Hex(text);
  const converter = sidecar.document.offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
  const unitLength = converter ? converter.codePointLength : text.length;
  const result: AnchorResult = { placed: [], orphans: [], moved: [], issues: [], hashMatches, outcomes: [], rejected: { placed: [], unplaced: [] } };
  const index = new OccurrenceIndex(text);
  const found: (Found | undefined)[] = [];
  // An orphan's offsets say only where it last was: it is looked for again on every read, even
  // when the hash matches (the annotations at trusted offsets are then its anchors).
  const distrusted = (a: Annotation) => a.review?.status === 'orphan';
  if (!hashMatches || sidecar.annotations.some(distrusted)) {
    const targets: Target[] = [];
    sidecar.annotations.forEach((a, i) => {
      if (!a.text) return;
      const stored = approxUtf16(a.start, converter);
      const search = distrusted(a) || (!hashMatches && needsSearch(text, a, converter, unitLength));
      // Found where it was with all of its context: an anchor for the others. With less, it
      // stays where it is and says nothing of where the others went.
      if (search || contextScore(text, stored, stored + a.text.length, a) === contextLength(a)) targets.push({ index: i, a, stored, search });
    });
    for (const [i, f] of placeAll(index, targets)) {
      const a = sidecar.annotations[i];
      if (hashMatches && !distrusted(a)) continue; // trusted offsets: only an anchor
      const stored = approxUtf16(a.start, converter);
      // Without a hash the stored offsets are as good a witness as any: a place must beat them.
      const there = !distrusted(a) && atOffsets(text, a, converter, unitLength);
      if (there && f && !f.repaired && f.start === stored) continue; // found where it was
      if (hash === undefined && there && (!f || f.repaired || contextScore(text, f.start, f.end, a) <= contextScore(text, stored, stored + a.text!.length, a))) continue;
      found[i] = f ?? { start: -1, end: -1, score: 0, repaired: false };
    }
  }

  sidecar.annotations.forEach((stored, i) => {
    const a: Annotation = { ...stored };
    const distrusted = stored.review?.status === 'orphan';
    const trusted = hashMatches && !distrusted;
    const pastEnd = a.end > unitLength;
    if (!pastEnd && converter) {
      a.start = converter.toUtf16(a.start);
      a.end = converter.toUtf16(a.end);
    }
    const place = (status: AnchorStatus, score: number) =>
      result.outcomes.push({ annotationId: a.id, status, score, ...(status === 'orphan' ? {} : { start: a.start, end: a.end }), ...(a.review ? { review: a.review } : {}) });
    const orphan = (reason: string) => {
      a.review = { status: 'orphan', ...(stored.review?.was !== undefined ? { was: stored.review.was } : {}), reason };
      result.orphans.push({ annotation: a, reason });
      place('orphan', 0);
    };
    // Code points never fall inside a character; UTF-16 offsets can, and such a span's text
    // would be half an emoji, written out as U+FFFD by every export.
    const split = pastEnd || converter ? undefined : splitField(text, a);
    const searched = found[i];
    const onText = !pastEnd && !split && (a.text === undefined ? !distrusted : text.slice(a.start, a.end) === a.text && (trusted || searched === undefined));
    if (onText) {
      result.placed.push(a);
      place('exact', 1);
      if (a.review?.status === 'repaired') {
        const from = a.review.was === undefined ? '' : ` from ${JSON.stringify(abbreviate(a.review.was, 40))}`;
        result.issues.push({ annotationId: a.id, severity: 'warning', message: `Annotation "${a.id}" needs review: its text was edited${from} to ${JSON.stringify(abbreviate(a.text ?? '', 40))}; flagged until accepted` });
      }
      return;
    }
    if (pastEnd && (trusted || a.text === undefined)) {
      result.issues.push({
        annotationId: a.id,
        severity: 'error',
        message: `Annotation "${a.id}": span ${stored.start}–${stored.end} is past the end of the text (${unitLength} ${converter ? 'code points' : 'UTF-16 units'})`,
      });
      orphan('span past the end of the text');
      return;
    }
    if (split && (trusted || a.text === undefined)) {
      const offset = a[split];
      result.issues.push({
        annotationId: a.id,
        severity: 'error',
        field: split,
        message:
          `Annotation "${a.id}": "${split}" (${offset}) falls inside the character ${describeChar(text, offset - 1)}: ` +
          `UTF-16 offsets must not split a surrogate pair (use ${offset - 1} or ${offset + 1})`,
      });
      orphan('span splits a character in two');
      return;
    }
    if (trusted) {
      // The offsets are trusted, yet the stored text disagrees: a hand edit. Keep it where it is, flagged.
      result.placed.push(a);
      place('exact', 1);
      result.issues.push({
        annotationId: a.id,
        severity: 'warning',
        message: `Annotation "${a.id}": its "text" differs from the article text at ${stored.start}–${stored.end}`,
      });
      return;
    }
    // The text at the offsets differs from the stored text: the article changed outside the editor.
    const f = searched && searched.start >= 0 ? searched : undefined;
    const where = (offset: number) => (converter ? converter.toCodePoint(offset) : offset);
    if (f && f.repaired) {
      const newText = text.slice(f.start, f.end);
      // The first words a person annotated stay in `was` through later repairs, until accepted.
      const review: Review = { status: 'repaired', was: stored.review?.was ?? a.text, reason: 'its text was edited in the article' };
      const excerpts = differingExcerpts(a.text ?? '', newText, 40);
      result.moved.push(a.id);
      result.placed.push({ ...a, start: f.start, end: f.end, text: newText, review });
      result.outcomes.push({ annotationId: a.id, status: 'repaired', score: f.score, start: f.start, end: f.end, oldText: a.text, newText, review });
      result.issues.push({
        annotationId: a.id,
        severity: 'warning',
        message: `Annotation "${a.id}" needs review: its text was edited, from ${excerpts.map((e) => JSON.stringify(e)).join(' to ')}; placed at ${where(f.start)}`,
      });
    } else if (f) {
      // Found with confidence: an orphan's flag goes, a repaired span's stays until accepted.
      const review = distrusted ? undefined : a.review;
      const { review: _dropped, ...rest } = a;
      result.moved.push(a.id);
      result.placed.push({ ...rest, start: f.start, end: f.end, ...(review ? { review } : {}) });
      result.outcomes.push({ annotationId: a.id, status: 'moved', score: f.score, start: f.start, end: f.end, ...(review ? { review } : {}) });
      result.issues.push({
        annotationId: a.id,
        severity: 'warning',
        message: distrusted
          ? `Annotation "${a.id}", an orphan, was found again at ${where(f.start)}: placed there, no longer to review`
          : `Annotation "${a.id}" was re-anchored from ${stored.start} to ${where(f.start)}: the article changed since the sidecar was written`,
      });
    } else {
      const reason = a.text
        ? `its text ${JSON.stringify(abbreviate(a.text, 40))} could not be found with confidence in the ${hashMatches ? 'article' : 'changed article'}`
        : 'it has no text to look for';
      orphan(reason);
      result.issues.push({ annotationId: a.id, severity: 'warning', message: `Annotation "${a.id}" needs review: ${reason}` });
    }
  });
  result.placed.sort((x, y) => x.start - y.start || x.end - y.end);
  if (sidecar.rejected?.length) {
    const moves = sidecar.annotations.flatMap((a, i) => {
      const o = result.outcomes[i];
      return o.start === undefined ? [] : [{ stored: approxUtf16(a.start, converter), start: o.start }];
    });
    result.rejected = anchorRejected(sidecar, text, moves, hashMatches, index);
  }
  return result;
}

/**
 * The rejected suggestions a sidecar written for `text` gets: placed ones with text, prefix and
 * suffix from the article (as annotations get theirs) and offsets in the sidecar's unit,
 * unplaced ones as they were; sorted by start, then end.
 */
export function rejectedToStore(placement: RejectedPlacement, text: string, offsets: Sidecar['document']['offsets']): RejectedSuggestion[] {
  const converter = offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
  const placed = placement.placed.map((r) => {
    const out: RejectedSuggestion = { ...r, ...anchorContext(text, r.start, r.end) };
    if (converter) {
      out.start = converter.toCodePoint(r.start);
      out.end = converter.toCodePoint(r.end);
    }
    return out;
  });
  return [...placed, ...placement.unplaced].sort(compareRejected);
}

/** The stored text is at the stored offsets (converted), whatever the context says. */
function atOffsets(text: string, a: Annotation, converter: OffsetConverter | undefined, unitLength: number): boolean {
  if (a.end > unitLength) return false;
  const start = converter ? converter.toUtf16(a.start) : a.start;
  const end = converter ? converter.toUtf16(a.end) : a.end;
  return (converter !== undefined || !splitField(text, { ...a, start, end })) && text.slice(start, end) === a.text;
}

/**
 * True when the annotation must be looked for: its text is not at its offsets, or is there
 * without all of its context, as another copy of the words may have come to sit there: the
 * search checks the place against where its neighbours went (without a hash, the caller also
 * weighs the offsets against better places).
 */
function needsSearch(text: string, a: Annotation, converter: OffsetConverter | undefined, unitLength: number): boolean {
  if (a.text === undefined) return false;
  if (!atOffsets(text, a, converter, unitLength)) return true;
  const start = converter ? converter.toUtf16(a.start) : a.start;
  const score = contextScore(text, start, start + a.text.length, a);
  // Less than all of its context, even more than half: another copy of the words may have come
  // to sit at the old offsets. The search checks the place against where its neighbours went.
  return score < contextLength(a);
}

function approxUtf16(offset: number, converter?: OffsetConverter): number {
  return converter ? converter.toUtf16(Math.min(offset, converter.codePointLength)) : offset;
}

/**
 * Finds `a.text` in `text`, exactly: every occurrence is scored by how much of the stored
 * prefix and suffix surrounds it and by its distance from `near`; a place that only shares the
 * words, or two equally good places, give undefined rather than a guess. Without any stored
 * context only a lone, distinctive text is trusted.
 */
export function reanchor(text: string, a: Annotation, near: number): { start: number; end: number } | undefined {
  const f = findExact(new OccurrenceIndex(text), a, near);
  return f && { start: f.start, end: f.end };
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
