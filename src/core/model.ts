// The sidecar's data model (docs/SIDECAR.md, version 1). Offsets in the
// model are always UTF-16 code units of the article text (what JS strings and VS Code
// use); a sidecar stored with `offsets: codepoint` is converted on read and on write.

export const SIDECAR_VERSION = 1;

export const SPEAKER_KINDS = ['person', 'organisation', 'group', 'anonymous'] as const;
export type SpeakerKind = (typeof SPEAKER_KINDS)[number];

export const ANNOTATION_TYPES = ['mention', 'quote', 'demand', 'response'] as const;
export type AnnotationType = (typeof ANNOTATION_TYPES)[number];

export const DEMAND_STATUSES = ['open', 'agreed', 'partly-agreed', 'not-agreed', 'deferred'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];

export const STANCES = ['agrees', 'partly-agrees', 'defers', 'rejects', 'disputes'] as const;
export type Stance = (typeof STANCES)[number];

export const OFFSET_UNITS = ['utf16', 'codepoint'] as const;
export type OffsetUnit = (typeof OFFSET_UNITS)[number];

export const ORIGINS = ['manual', 'suggested'] as const;
export type Origin = (typeof ORIGINS)[number];

/** Why an annotation awaits a person (docs/SIDECAR.md "Review"). */
export const REVIEW_STATUSES = ['orphan', 'repaired'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/**
 * `orphan`: not placed; start/end only say where it last was and are never trusted.
 * `repaired`: placed on text that was edited; trusted, flagged until a person accepts it.
 */
export interface Review {
  status: ReviewStatus;
  /** The annotated text before the article changed (repaired: `text` holds the new words). */
  was?: string;
  /** Why, in words, for the person reviewing. */
  reason?: string;
}

export interface Speaker {
  id: string;
  name: string;
  kind: SpeakerKind;
  role?: string;
  aliases: string[];
  /** Groups only: ids of member speakers. */
  members: string[];
  note?: string;
  /** Their own highlight colour, as written in the sidecar (used when it is a hex colour). */
  color?: string;
}

export interface Demand {
  id: string;
  summary: string;
  by: string[];
  to: string[];
  status?: DemandStatus;
  note?: string;
}

export interface Annotation {
  id: string;
  type: AnnotationType;
  speaker?: string;
  demand?: string;
  stance?: Stance;
  /** [start, end) in UTF-16 code units of the article text. */
  start: number;
  end: number;
  text?: string;
  prefix?: string;
  suffix?: string;
  note?: string;
  origin?: Origin;
  /** Set while the annotation awaits review: an orphan, or a span placed on edited text. */
  review?: Review;
}

/**
 * A suggestion the user rejected, remembered so it is not proposed again. It keeps the
 * anchor (text and context) so it re-anchors like an annotation when the article changes.
 */
export interface RejectedSuggestion {
  type: AnnotationType;
  start: number;
  end: number;
  text: string;
  prefix?: string;
  suffix?: string;
  speaker?: string;
  demand?: string;
}

export interface DocumentInfo {
  file?: string;
  sha256?: string;
  offsets: OffsetUnit;
  /** When the article appeared, ISO 8601 as written (`YYYY-MM-DD` or a date-time): dates it in a corpus. */
  date?: string;
}

export interface Sidecar {
  version: number;
  document: DocumentInfo;
  speakers: Map<string, Speaker>;
  demands: Map<string, Demand>;
  annotations: Annotation[];
  /** Suggestions the user rejected (sidecar key `rejected`); absent or empty when none. */
  rejected?: RejectedSuggestion[];
}

export function emptySidecar(file?: string): Sidecar {
  return {
    version: SIDECAR_VERSION,
    document: { file, offsets: 'utf16' },
    speakers: new Map(),
    demands: new Map(),
    annotations: [],
  };
}

/** The sidecar's order for annotations: by start, then end, then id. */
export function compareAnnotations(a: Annotation, b: Annotation): number {
  return a.start - b.start || a.end - b.end || compareIds(a.id, b.id);
}

/** Ids like a2 < a10: compare digit runs numerically, so hand-made ids sort as people expect. */
export function compareIds(a: string, b: string): number {
  return (idCollator ??= new Intl.Collator('en', { numeric: true })).compare(a, b);
}

// What a.localeCompare(b, 'en', { numeric: true }) uses, made once: localeCompare with options
// builds a collator on every call, which made sorting 10,000 annotations take a second. Made on
// first use, not at load: creating it costs milliseconds, inside the extension's activation.
let idCollator: Intl.Collator | undefined;
