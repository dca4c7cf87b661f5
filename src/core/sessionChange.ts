// The undoable steps of an AnnotationSession (session.ts): what one change did to the entity
// maps and to annotations, and how the changes of a group become one step.
import { Annotation, Demand, Speaker } from './model';

/** An annotation's data apart from its position. */
export type AnnotationData = Omit<Annotation, 'start' | 'end'>;

export interface AnnotationChange {
  id: string;
  /** Undefined: the annotation did not exist (or was deleted) on that side. */
  before?: AnnotationData;
  after?: AnnotationData;
  /**
   * A change of place: the tracker key that holds the other side's position. Applying either
   * side swaps the two, so the shown side is always at `id` and both move with text edits.
   */
  swap?: string;
}

/** One undoable step: entity maps before and after, and the annotations it touched. */
export interface Change {
  label: string;
  speakers?: [Map<string, Speaker>, Map<string, Speaker>];
  demands?: [Map<string, Demand>, Map<string, Demand>];
  annotations: AnnotationChange[];
  /** Orphans this change removes (deleted by the user, or placed again: see `reattach`). */
  dropOrphans?: string[];
  /** Rejected suggestions (their tracker keys) this change records: kept on the after side only. */
  rejects?: string[];
}

/** Changes made one after another as one: each map's first before and last after, per annotation too. */
export function mergeChanges(label: string, parts: Change[]): Change {
  const first = <K extends 'speakers' | 'demands'>(k: K) => parts.find((p) => p[k])?.[k];
  const last = <K extends 'speakers' | 'demands'>(k: K) => [...parts].reverse().find((p) => p[k])?.[k];
  const speakers = first('speakers') && ([first('speakers')![0], last('speakers')![1]] as Change['speakers']);
  const demands = first('demands') && ([first('demands')![0], last('demands')![1]] as Change['demands']);
  const annotations = new Map<string, AnnotationChange>();
  for (const a of parts.flatMap((p) => p.annotations)) {
    const seen = annotations.get(a.id);
    annotations.set(a.id, seen ? { ...seen, after: a.after } : a);
  }
  const dropOrphans = parts.flatMap((p) => p.dropOrphans ?? []);
  const rejects = parts.flatMap((p) => p.rejects ?? []);
  return { label, speakers, demands, annotations: [...annotations.values()], ...(dropOrphans.length ? { dropOrphans } : {}), ...(rejects.length ? { rejects } : {}) };
}

export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Equal apart from text, prefix and suffix, which toSidecar takes from the text anyway (`review` is an object: by value). */
export function sameData(a: AnnotationData, b: AnnotationData): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof AnnotationData>;
  return [...keys].every((k) => k === 'text' || k === 'prefix' || k === 'suffix' || JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

export function sameMap<T>(a: Map<string, T>, b: Map<string, T>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.has(k) && JSON.stringify(b.get(k)) === JSON.stringify(v));
}
