// A three-way merge of sidecars by id (issue 9, "Teams in git"): speakers, demands and annotations
// are matched by id, not by line, and each field is merged on its own, so two annotators who
// touched different annotations (or different fields of one) never see a conflict. Where both
// changed the same field differently, ours stays in place and theirs is recorded under the
// top-level `conflicts:` key (docs/SIDECAR.md), for the extension to show and resolve.
import { anchorAnnotations, anchorContext } from '../anchoring';
import { Annotation, Demand, Review, Sidecar, Speaker } from '../model';
import { OffsetConverter, sha256Hex } from '../text';
import { ANNOTATION_CONTENT_FIELDS, DEMAND_FIELDS, sameValue, SPEAKER_FIELDS } from './sidecarDiff';

export type Section = 'speakers' | 'demands' | 'annotations';

export interface MergeConflict {
  section: Section;
  id: string;
  /** The fields both sides changed differently (`span` stands for start, end and text). */
  fields: string[];
  /** Theirs as it is on their side; undefined when they deleted it. */
  theirs?: Speaker | Demand | Annotation;
  /** True when ours deleted what theirs changed (ours, in place, is then absent). */
  oursDeleted?: boolean;
}

export interface MergeResult {
  merged: Sidecar;
  conflicts: MergeConflict[];
  /** Theirs' new entries that came in under an id ours also used for something else: old id -> new id. */
  renamed: Map<string, string>;
  /** Annotations that could not be placed on the article given (kept with their stored offsets). */
  orphans: string[];
}

const SPAN = 'span';
const ANNOTATION_MERGE_FIELDS = [...ANNOTATION_CONTENT_FIELDS.filter((f) => f !== 'text'), SPAN];

function get(e: object, f: string): unknown {
  const r = e as Record<string, unknown>;
  // The span is one field: its offsets and text move together, and prefix and suffix follow it.
  return f === SPAN ? [r.start, r.end, r.text] : r[f];
}

function set(target: Record<string, unknown>, from: object, f: string): void {
  const r = from as Record<string, unknown>;
  if (f === SPAN) for (const k of ['start', 'end', 'text', 'prefix', 'suffix']) target[k] = r[k];
  else target[f] = r[f];
}

const same = (a: object, b: object, fields: readonly string[]) => fields.every((f) => sameValue(get(a, f), get(b, f)));

/** Merges one section; entries keep ours' order, with theirs' new ones after. */
function mergeSection<T extends { id: string }>(
  section: Section,
  base: Map<string, T>,
  ours: Map<string, T>,
  theirs: Map<string, T>,
  fields: readonly string[],
  conflicts: MergeConflict[],
  freshId?: (taken: (id: string) => boolean) => string,
  renamed?: Map<string, string>,
): Map<string, T> {
  const out = new Map<string, T>();
  const taken = (id: string) => base.has(id) || ours.has(id) || theirs.has(id) || out.has(id);
  for (const [id, o] of ours) {
    const b = base.get(id);
    const t = theirs.get(id);
    if (!t) {
      if (!b) out.set(id, o); // ours added it
      else if (!same(b, o, fields)) {
        out.set(id, o); // theirs deleted what ours changed: keep ours, say so
        conflicts.push({ section, id, fields: fields.filter((f) => !sameValue(get(b, f), get(o, f))) });
      } // else theirs deleted it and ours left it alone: deleted
      continue;
    }
    if (!b && !same(o, t, fields) && freshId && !sameValue(get(o, SPAN), get(t, SPAN))) {
      // Both added an annotation under the same new id (each took the next free one): two annotations.
      out.set(id, o);
      const nid = freshId(taken);
      renamed?.set(id, nid);
      out.set(nid, { ...t, id: nid });
      continue;
    }
    const m: Record<string, unknown> = { ...o };
    const clash: string[] = [];
    for (const f of fields) {
      const ov = get(o, f);
      const tv = get(t, f);
      if (sameValue(ov, tv)) continue;
      if (b && sameValue(get(b, f), ov)) set(m, t, f);
      else if (!b || !sameValue(get(b, f), tv)) clash.push(f);
    }
    out.set(id, m as T);
    if (clash.length) conflicts.push({ section, id, fields: clash, theirs: t as never });
  }
  for (const [id, t] of theirs) {
    if (ours.has(id)) continue;
    const b = base.get(id);
    if (!b) out.set(id, t); // theirs added it
    else if (!same(b, t, fields)) conflicts.push({ section, id, fields: fields.filter((f) => !sameValue(get(b, f), get(t, f))), theirs: t as never, oursDeleted: true });
  }
  return out;
}

function nextAnnotationId(taken: (id: string) => boolean): string {
  let n = 1;
  while (taken(`a${n}`)) n++;
  return `a${n}`;
}

/**
 * Each annotation placed on `text` (UTF-16), with context from it; orphans keep their stored
 * span, flagged (review: orphan) so that a reader looks for them again even though the sidecar
 * then carries the text's sha256 (the placed ones keep trusted offsets), as the importers and
 * the editor write them. `orphans` gets each orphan's id and flag, by its span.
 */
function placeOn(s: Sidecar, text: string, orphans: Map<string, Map<string, Review>>): Sidecar {
  const r = anchorAnnotations(s, text);
  const flags = new Map(r.orphans.map((o) => [o.annotation.id, o.annotation.review!]));
  const placed = new Map(r.placed.map((a) => [a.id, { ...a, ...anchorContext(text, a.start, a.end) }]));
  const converter = s.document.offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
  const annotations = s.annotations.map((a) => {
    const p = placed.get(a.id);
    if (p) return converter ? { ...p, start: converter.toCodePoint(p.start), end: converter.toCodePoint(p.end) } : p;
    const review = flags.get(a.id);
    if (!review) return a;
    const bySpan = orphans.get(a.id) ?? new Map<string, Review>();
    bySpan.set(spanKey(a), review);
    orphans.set(a.id, bySpan);
    return { ...a, review };
  });
  return { ...s, annotations };
}

const spanKey = (a: Annotation) => JSON.stringify([a.start, a.end, a.text]);

/**
 * `s` put on `text`, the text its annotations go with now (the saved article, when edits made
 * since are thrown away): each annotation re-anchored from its text and context, orphans kept
 * as they were and flagged; `document.sha256` is the text's.
 */
export function placeSidecarOn(s: Sidecar, text: string): { sidecar: Sidecar; orphans: string[] } {
  const orphans = new Map<string, Map<string, Review>>();
  const placed = placeOn(s, text, orphans);
  return { sidecar: { ...placed, document: { ...placed.document, sha256: sha256Hex(text) } }, orphans: [...orphans.keys()] };
}

/**
 * Merges `ours` and `theirs` against `base`. With `article` (the text the merged sidecar goes
 * with), all three are first put on that text, so offsets compare like with like and an
 * annotation moved by an article edit on one side is not a change; `document.sha256` is then
 * the article's, and an annotation whose span came from a side that could not place it is
 * flagged as an orphan (a reader looks for it again).
 */
export function mergeSidecars(base: Sidecar, ours: Sidecar, theirs: Sidecar, article?: string): MergeResult {
  const orphaned = new Map<string, Map<string, Review>>();
  if (article !== undefined) {
    base = placeOn(base, article, new Map());
    ours = placeOn(ours, article, orphaned);
    theirs = placeOn(theirs, article, orphaned);
  }
  const conflicts: MergeConflict[] = [];
  const renamed = new Map<string, string>();
  const byId = <T extends { id: string }>(xs: Iterable<T>) => new Map([...xs].map((x) => [x.id, x]));
  const speakers = mergeSection('speakers', base.speakers, ours.speakers, theirs.speakers, SPEAKER_FIELDS, conflicts);
  const demands = mergeSection('demands', base.demands, ours.demands, theirs.demands, DEMAND_FIELDS, conflicts);
  const annotations = mergeSection(
    'annotations',
    byId(base.annotations),
    byId(ours.annotations),
    byId(theirs.annotations),
    ANNOTATION_MERGE_FIELDS,
    conflicts,
    nextAnnotationId,
    renamed,
  );
  // A speaker or demand one side deleted while the other still refers to it stays: an
  // annotation pointing at nothing would make the whole file unreadable.
  const restore = <T>(out: Map<string, T>, id: string | undefined, ...sides: Map<string, T>[]) => {
    if (id === undefined || out.has(id)) return;
    const found = sides.map((s) => s.get(id)).find((x) => x !== undefined);
    if (found) out.set(id, found);
  };
  for (let round = 0; round < 3; round++) {
    for (const a of annotations.values()) {
      restore(speakers, a.speaker, ours.speakers, theirs.speakers);
      restore(demands, a.demand, ours.demands, theirs.demands);
    }
    for (const d of demands.values()) for (const id of [...d.by, ...d.to]) restore(speakers, id, ours.speakers, theirs.speakers);
    for (const s of speakers.values()) for (const id of s.members) restore(speakers, id, ours.speakers, theirs.speakers);
  }
  const document = { ...ours.document };
  if (base.document.file === ours.document.file) document.file = theirs.document.file;
  if (base.document.date === ours.document.date) document.date = theirs.document.date;
  // The review flag is not a merged field: an orphan's flag goes with its span, whichever side that came from.
  const merged: Sidecar = { version: Math.max(ours.version, theirs.version), document, speakers, demands, annotations: [...annotations.values()].map((a) => withOrphanFlag(a, orphaned)) };
  const orphans = merged.annotations.filter((a) => orphaned.get(a.id)?.has(spanKey(a))).map((a) => a.id);
  if (article !== undefined) document.sha256 = sha256Hex(article);
  else if (ours.document.sha256 !== theirs.document.sha256) delete document.sha256; // spans from two texts
  return { merged, conflicts, renamed, orphans };
}

/** `a` flagged as an orphan when its span is one a side could not place, unflagged when it was placed. */
function withOrphanFlag(a: Annotation, orphaned: Map<string, Map<string, Review>>): Annotation {
  const flag = orphaned.get(a.id)?.get(spanKey(a));
  if (flag) return { ...a, review: flag };
  if (a.review?.status !== 'orphan' || !orphaned.has(a.id)) return a;
  const { review: _placed, ...rest } = a;
  return rest;
}
