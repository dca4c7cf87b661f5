// The sidecar's `rejected` suggestions on the article text (docs/SIDECAR.md "Rejected
// suggestions"). They re-anchor like annotations, from text + prefix + suffix, but after them
// and apart from them: they are never anchors for an annotation, never orphans, never a
// problem shown to anyone. One that cannot be placed is kept as it was written: it suppresses
// nothing (only placed ones are compared with suggestions) and is looked for again on every
// read, so a rejection survives an article that is edited away and back.
import { Annotation, RejectedSuggestion, Sidecar } from './model';
import { contextLength, contextScore, findExact, OccurrenceIndex } from './reanchorSearch';
import { OffsetConverter } from './text';

export interface RejectedPlacement {
  /** On the text, in UTF-16 units, with their stored text, prefix and suffix; sorted. */
  placed: RejectedSuggestion[];
  /** Not found with confidence: as stored (offsets in the sidecar's unit), to be written back as they are. */
  unplaced: RejectedSuggestion[];
}

/** Where an annotation was stored and where it is now (UTF-16): the shift near it. */
export interface Moved {
  stored: number;
  start: number;
}

/**
 * Places `sidecar.rejected` on `text`. `moves` are the placed annotations (stored and current
 * start, UTF-16), so a rejected entry is looked for where the annotation nearest it went.
 */
export function anchorRejected(sidecar: Sidecar, text: string, moves: readonly Moved[], hashMatches: boolean, index = new OccurrenceIndex(text)): RejectedPlacement {
  const out: RejectedPlacement = { placed: [], unplaced: [] };
  const list = sidecar.rejected ?? [];
  if (list.length === 0) return out;
  const converter = sidecar.document.offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
  const unitLength = converter ? converter.codePointLength : text.length;
  const sortedMoves = [...moves].sort((x, y) => x.stored - y.stored);
  for (const r of list) {
    const inText = r.end <= unitLength;
    const start = converter ? converter.toUtf16(Math.min(r.start, unitLength)) : Math.min(r.start, text.length);
    const end = converter ? converter.toUtf16(Math.min(r.end, unitLength)) : Math.min(r.end, text.length);
    const asAnnotation = { ...r, id: '' } as Annotation;
    const there = inText && text.slice(start, end) === r.text;
    // The text at its offsets with all of its context (or a hash that vouches for them): it did not move.
    if (there && (hashMatches || contextScore(text, start, end, asAnnotation) === contextLength(asAnnotation))) {
      out.placed.push({ ...r, start, end });
      continue;
    }
    const f = findExact(index, asAnnotation, start + shiftNear(sortedMoves, start));
    if (f) out.placed.push({ ...r, start: f.start, end: f.end });
    else if (there) out.placed.push({ ...r, start, end }); // no better place: the offsets are a witness
    else out.unplaced.push(r);
  }
  out.placed.sort((x, y) => x.start - y.start || x.end - y.end);
  return out;
}

/** The shift of the annotation stored nearest `stored`: where the text around it went. */
function shiftNear(moves: readonly Moved[], stored: number): number {
  let lo = 0;
  let hi = moves.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (moves[mid].stored < stored) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [moves[lo - 1], moves[lo]].filter((m): m is Moved => m !== undefined);
  if (candidates.length === 0) return 0;
  const nearest = candidates.reduce((a, b) => (Math.abs(b.stored - stored) < Math.abs(a.stored - stored) ? b : a));
  return nearest.start - nearest.stored;
}

export function compareRejected(a: RejectedSuggestion, b: RejectedSuggestion): number {
  return a.start - b.start || a.end - b.end || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}
