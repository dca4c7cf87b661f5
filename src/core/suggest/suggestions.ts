// From the engine's attributions to suggestions in the sidecar's model: mentions and quotes
// (later demands and responses) that refer to speakers (and demands) either already in the
// sidecar or proposed alongside. The editor and the CLI both take suggestions from here, so
// they never disagree about what is proposed, what duplicates an annotation, or what was
// rejected before.
import { anchorContext } from '../anchoring';
import { Annotation, Demand, RejectedSuggestion, Sidecar, Speaker } from '../model';
import { demandsAndResponses } from './demands';
import { AttributionModel } from './modelFile';
import { SpanOut, suggestAttributions } from './engine';

/** Why a span is proposed, shown in the hover card ("suggested: cue 'said', score 0.93"). */
export interface SuggestionReason {
  /** The cue's text, when the attribution has one. */
  cue?: string;
  /** A rule's name when a rule (not only the model) decided, e.g. "demand: urged". */
  rule?: string;
  /** Confidence in [0, 1]. */
  score: number;
}

/** An annotation to propose, without an id (one is given when it is accepted). */
export type SuggestedAnnotation = Omit<Annotation, 'id'> & { origin: 'suggested'; text: string };

export interface Suggestion {
  /** Stable across runs on the same text: type, span and text (see suggestionKey). */
  key: string;
  annotation: SuggestedAnnotation;
  reason: SuggestionReason;
}

export interface SuggestionSet {
  /** Speakers the suggestions refer to that the sidecar does not have yet. */
  speakers: Speaker[];
  /** Demands the suggestions refer to that the sidecar does not have yet. */
  demands: Demand[];
  /** In text order (start, then end). */
  suggestions: Suggestion[];
}

export function suggestionKey(a: Pick<Annotation, 'type' | 'start' | 'end'> & { text?: string }): string {
  return `${a.type}:${a.start}:${a.end}:${a.text ?? ''}`;
}

/**
 * Suggestions for an article, given its sidecar (when it has one): existing speakers are
 * reused by name and alias; spans that an annotation of the same type already covers, or
 * that were rejected before, are not proposed.
 */
export function suggestForArticle(model: AttributionModel, text: string, existing?: Sidecar): SuggestionSet {
  const speakers = new Map<string, Speaker>();
  const byName = new Map<string, string>();
  for (const s of existing?.speakers.values() ?? []) {
    for (const name of [s.name, ...s.aliases]) byName.set(normalName(name), s.id);
  }
  const speakerFor = (source: SpanOut): string => {
    const key = normalName(source.text);
    const known = byName.get(key);
    if (known) return known;
    const id = freshId(slug(source.text), (id) => existing?.speakers.has(id) || speakers.has(id));
    speakers.set(id, { id, name: source.text, kind: 'person', aliases: [], members: [] });
    byName.set(key, id);
    return id;
  };
  const out: Suggestion[] = [];
  const add = (span: SpanOut, type: Annotation['type'], reason: SuggestionReason, speaker?: string) => {
    const { prefix, suffix } = anchorContext(text, span.start, span.end);
    const annotation: SuggestedAnnotation = { type, start: span.start, end: span.end, text: span.text, prefix, suffix, speaker, origin: 'suggested' };
    out.push({ key: suggestionKey(annotation), annotation, reason });
  };
  for (const a of suggestAttributions(model, text)) {
    if (!a.source) continue;
    const speaker = speakerFor(a.source);
    const reason: SuggestionReason = { cue: a.cue?.text, score: a.score ?? 0.5 };
    add(a.source, 'mention', reason, speaker);
    for (const part of a.content) add(part, 'quote', reason, speaker);
  }
  // Demands and responses: demand spans, and quotes answering a demand become responses.
  const found = demandsAndResponses(text, out, existing, suggestionKey);
  out.splice(0, out.length, ...found.suggestions);
  const kept = out.filter((s) => !covered(s.annotation, existing?.annotations ?? []) && !wasRejected(s.annotation, existing?.rejected ?? []));
  kept.sort((x, y) => x.annotation.start - y.annotation.start || x.annotation.end - y.annotation.end);
  const used = new Set(kept.map((s) => s.annotation.speaker));
  return { speakers: [...speakers.values()].filter((s) => used.has(s.id)), demands: found.demands, suggestions: kept };
}

/** An annotation of the same type overlapping the span by half or more already says it. */
function covered(s: SuggestedAnnotation, annotations: readonly Annotation[]): boolean {
  return annotations.some((a) => a.type === s.type && iou(a, s) >= 0.5);
}

function wasRejected(s: SuggestedAnnotation, rejected: readonly RejectedSuggestion[]): boolean {
  return rejected.some((r) => r.type === s.type && r.text === s.text && iou(r, s) >= 0.5);
}

export function iou(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}

function normalName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

function slug(name: string): string {
  const s = name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return s.slice(0, 32).replace(/-$/, '') || 'speaker';
}

function freshId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let k = 2; ; k++) if (!taken(`${base}-${k}`)) return `${base}-${k}`;
}
