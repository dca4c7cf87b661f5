// The suggestions of one run on an article while the user goes through them. Which ones are
// still pending is never stored: a suggestion is pending while no annotation of its type covers
// it and it is not in the session's rejected list, the very tests the engine applies. So Undo of
// an accept (the annotation goes) or of a reject (the entry goes) brings the suggestion back by
// itself, and a span annotated by hand meanwhile stops being proposed.
//
// Positions move with text edits by the annotations' rules (AnchorTracker); a suggestion whose
// own words were edited is dropped, so none is ever shown on words it was not made for.
import { AnchorTracker } from '../anchorTracker';
import { anchorContext } from '../anchoring';
import { annotationsAt, stepAnnotation } from '../editing';
import { Annotation, Demand, RejectedSuggestion, Speaker } from '../model';
import { iou, Suggestion, SuggestionSet } from './suggestions';

/** What the pending list is tested against: the session's live state (or nothing yet). */
export interface AnnotatedState {
  annotations(): readonly Annotation[];
  rejected(): readonly RejectedSuggestion[];
  speakers: ReadonlyMap<string, Speaker>;
  demands: ReadonlyMap<string, Demand>;
}

/** A text change as VS Code reports it: `text` replaces [offset, offset + length). */
export interface TextChange {
  offset: number;
  length: number;
  text: string;
}

/** What accepting some suggestions adds to the sidecar. */
export interface Acceptance {
  speakers: Speaker[];
  demands: Demand[];
  annotations: Omit<Annotation, 'id'>[];
}

export class PendingSuggestions {
  private readonly tracker: AnchorTracker;
  private readonly byKey = new Map<string, Suggestion>();
  /** Speakers and demands the run proposed, for the suggestions that refer to them. */
  readonly speakers: ReadonlyMap<string, Speaker>;
  readonly demands: ReadonlyMap<string, Demand>;

  constructor(set: SuggestionSet) {
    for (const s of set.suggestions) this.byKey.set(s.key, s);
    this.tracker = new AnchorTracker(set.suggestions.map((s) => ({ id: s.key, start: s.annotation.start, end: s.annotation.end })));
    this.speakers = new Map(set.speakers.map((s) => [s.id, s]));
    this.demands = new Map(set.demands.map((d) => [d.id, d]));
  }

  /** Suggestions of this run still tracked (pending or not). */
  get size(): number {
    return this.byKey.size;
  }

  /** Moves the suggestions with the edits; drops those whose words changed. `textAfter` is the whole text after all of them. */
  textEdited(edits: readonly TextChange[], textAfter: string): void {
    for (const e of edits) this.tracker.apply({ offset: e.offset, length: e.length, inserted: e.text.length });
    // An edit inside a span moves neither edge, so the tracker cannot name it: the words tell.
    const drop = new Map<string, null>();
    const kept = new Set<string>();
    for (const at of this.tracker.spans()) {
      if (textAfter.slice(at.start, at.end) !== this.byKey.get(at.id)?.annotation.text) drop.set(at.id, null);
      else kept.add(at.id);
    }
    if (drop.size) this.tracker.place(drop);
    // Those whose whole text an edit deleted are no longer tracked at all.
    for (const key of [...this.byKey.keys()]) if (!kept.has(key)) this.byKey.delete(key);
  }

  /** The suggestions still to decide on, where their words are now, in text order. */
  pending(state: AnnotatedState | undefined): Suggestion[] {
    const annotations = byType(state?.annotations() ?? []);
    const rejected = byType(state?.rejected() ?? []);
    const out: Suggestion[] = [];
    for (const span of this.tracker.spans()) {
      const s = this.byKey.get(span.id)!;
      const here = { ...s.annotation, start: span.start, end: span.end };
      if (overlapping(annotations.get(here.type), here).some((a) => iou(a, here) >= 0.5)) continue;
      if (overlapping(rejected.get(here.type), here).some((r) => r.text === here.text && iou(r, here) >= 0.5)) continue;
      out.push({ ...s, annotation: here });
    }
    return out.sort((x, y) => x.annotation.start - y.annotation.start || x.annotation.end - y.annotation.end || (x.key < y.key ? -1 : 1));
  }
}

/** The pending suggestions at the cursor or selection, innermost first (an exactly selected one alone). */
export function suggestionsAt(pending: readonly Suggestion[], start: number, end = start): Suggestion[] {
  const exact = pending.filter((s) => s.annotation.start === start && s.annotation.end === end);
  if (exact.length && end > start) return exact;
  return annotationsAt(asAnnotations(pending), start, end).map((a) => pending.find((s) => s.key === a.id)!);
}

/** Pending suggestions that overlap [start, end), in text order. */
export function suggestionsIn(pending: readonly Suggestion[], start: number, end: number): Suggestion[] {
  return pending.filter((s) => s.annotation.start < end && start < s.annotation.end);
}

/** The next (or previous) pending suggestion from the selection, wrapping around. */
export function stepSuggestion(pending: readonly Suggestion[], start: number, end: number, direction: 'next' | 'previous', currentKey?: string): { suggestion: Suggestion; wrapped: boolean } | undefined {
  const step = stepAnnotation(asAnnotations(pending), start, end, direction, currentKey);
  return step && { suggestion: pending.find((s) => s.key === step.annotation.id)!, wrapped: step.wrapped };
}

/** Pending suggestions grouped by speaker (those with none under their type), in order of first appearance. */
export function groupSuggestions(pending: readonly Suggestion[]): Map<string, Suggestion[]> {
  const groups = new Map<string, Suggestion[]>();
  for (const s of pending) {
    const key = groupKey(s);
    const list = groups.get(key);
    if (list) list.push(s);
    else groups.set(key, [s]);
  }
  return groups;
}

/** `speaker:<id>`, or `type:<type>` for a suggestion without a speaker. */
export function groupKey(s: Suggestion): string {
  return s.annotation.speaker ? `speaker:${s.annotation.speaker}` : `type:${s.annotation.type}`;
}

/**
 * What accepting `chosen` adds: their annotations (origin suggested, no id yet) and the speakers
 * and demands they refer to that the sidecar does not have yet.
 */
export function acceptance(chosen: readonly Suggestion[], run: PendingSuggestions, state: AnnotatedState | undefined): Acceptance {
  const speakers = new Map<string, Speaker>();
  const demands = new Map<string, Demand>();
  const addSpeaker = (id: string | undefined) => {
    const s = id && !state?.speakers.has(id) ? run.speakers.get(id) : undefined;
    if (s) speakers.set(s.id, s);
  };
  for (const { annotation: a } of chosen) {
    addSpeaker(a.speaker);
    const d = a.demand && !state?.demands.has(a.demand) ? run.demands.get(a.demand) : undefined;
    if (d) {
      demands.set(d.id, d);
      for (const id of [...d.by, ...d.to]) addSpeaker(id);
    }
  }
  return { speakers: [...speakers.values()], demands: [...demands.values()], annotations: chosen.map((s) => ({ ...s.annotation, origin: 'suggested' as const })) };
}

/** The sidecar's record of a rejected suggestion: its words and their context, to re-anchor. */
export function rejection(s: Suggestion, text: string): RejectedSuggestion {
  const a = s.annotation;
  const r: RejectedSuggestion = { type: a.type, start: a.start, end: a.end, ...anchorContext(text, a.start, a.end) };
  if (a.speaker) r.speaker = a.speaker;
  if (a.demand) r.demand = a.demand;
  return r;
}

function asAnnotations(pending: readonly Suggestion[]): Annotation[] {
  return pending.map((s) => ({ ...s.annotation, id: s.key }));
}

type Span = { type: Annotation['type']; start: number; end: number };

function byType<T extends Span>(spans: readonly T[]): Map<Annotation['type'], T[]> {
  const out = new Map<Annotation['type'], T[]>();
  for (const s of spans) {
    const list = out.get(s.type);
    if (list) list.push(s);
    else out.set(s.type, [s]);
  }
  for (const list of out.values()) list.sort((a, b) => a.start - b.start);
  return out;
}

/** The spans of a start-sorted list that overlap `s`: those starting before its end, found by bisection, then filtered. */
function overlapping<T extends Span>(sorted: readonly T[] | undefined, s: Span): T[] {
  if (!sorted) return [];
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].start < s.end) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  // A span with an IoU of 0.5 or more starts at most |s| before `s`: no need to look further back.
  for (let i = lo - 1; i >= 0 && sorted[i].start >= s.start - (s.end - s.start) * 2 - 1; i--) if (sorted[i].end > s.start) out.push(sorted[i]);
  return out;
}
