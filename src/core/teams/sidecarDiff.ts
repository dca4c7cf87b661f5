// A semantic diff of two sidecars (issue 9, "Teams in git"): what a reviewer wants to know is
// which annotations, speakers and demands were added, removed or changed, and which only moved
// because the article text before them changed. A line diff of the YAML buries that under offset
// noise (one word added to a headline rewrites every `start` and `end`).
import { Annotation, compareAnnotations, Demand, Sidecar, Speaker } from '../model';
import { abbreviate, plural } from '../wording';

/** Fields that say what an annotation is; start, end, prefix and suffix only say where. */
export const ANNOTATION_CONTENT_FIELDS = ['type', 'speaker', 'demand', 'stance', 'text', 'note', 'origin'] as const;
export const SPEAKER_FIELDS = ['name', 'kind', 'role', 'aliases', 'members', 'note', 'color'] as const;
export const DEMAND_FIELDS = ['summary', 'by', 'to', 'status', 'note'] as const;

export interface EntryChange<T> {
  id: string;
  before: T;
  after: T;
  fields: string[];
}

export interface SectionDiff<T> {
  added: T[];
  removed: T[];
  changed: EntryChange<T>[];
}

export interface AnnotationMove {
  id: string;
  /** How far the start moved, in the sidecars' offset unit. */
  by: number;
}

export interface SidecarDiff {
  speakers: SectionDiff<Speaker>;
  demands: SectionDiff<Demand>;
  annotations: SectionDiff<Annotation>;
  /** Annotations whose content is the same and whose offsets differ (changed ones are not listed). */
  moved: AnnotationMove[];
  /** `document.file` or `offsets` differ (sha256 alone is not news: it changes with every article edit). */
  document: string[];
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = (a as unknown[] | undefined) ?? [];
    const y = (b as unknown[] | undefined) ?? [];
    return x.length === y.length && x.every((v, i) => v === y[i]);
  }
  return a === b;
}

export function changedFields<T extends object>(a: T, b: T, fields: readonly string[]): string[] {
  return fields.filter((f) => !sameValue((a as Record<string, unknown>)[f], (b as Record<string, unknown>)[f]));
}

function diffSection<T extends { id: string }>(a: Iterable<T>, b: Iterable<T>, fields: readonly string[]): SectionDiff<T> {
  const before = new Map([...a].map((e) => [e.id, e]));
  const after = new Map([...b].map((e) => [e.id, e]));
  const out: SectionDiff<T> = { added: [], removed: [], changed: [] };
  for (const [id, e] of before) if (!after.has(id)) out.removed.push(e);
  for (const [id, e] of after) {
    const old = before.get(id);
    if (!old) out.added.push(e);
    else {
      const f = changedFields(old, e, fields);
      if (f.length) out.changed.push({ id, before: old, after: e, fields: f });
    }
  }
  return out;
}

export function diffSidecars(a: Sidecar, b: Sidecar): SidecarDiff {
  const annotations = diffSection(a.annotations, b.annotations, [...ANNOTATION_CONTENT_FIELDS, 'start', 'end']);
  const moved: AnnotationMove[] = [];
  annotations.changed = annotations.changed.filter((c) => {
    const content = c.fields.filter((f) => f !== 'start' && f !== 'end');
    if (content.length) return true;
    moved.push({ id: c.id, by: c.after.start - c.before.start });
    return false;
  });
  return {
    speakers: diffSection(a.speakers.values(), b.speakers.values(), SPEAKER_FIELDS),
    demands: diffSection(a.demands.values(), b.demands.values(), DEMAND_FIELDS),
    annotations,
    moved,
    document: changedFields(a.document, b.document, ['file', 'offsets', 'date']),
  };
}

export function isEmptyDiff(d: SidecarDiff): boolean {
  const empty = (s: SectionDiff<unknown>) => !s.added.length && !s.removed.length && !s.changed.length;
  return empty(d.speakers) && empty(d.demands) && empty(d.annotations) && !d.moved.length && !d.document.length;
}

const quoted = (s: string | undefined, max = 60) => (s === undefined ? '(none)' : JSON.stringify(abbreviate(s, max)));

function show(v: unknown): string {
  if (v === undefined) return '(none)';
  if (Array.isArray(v)) return `[${v.join(', ')}]`;
  return typeof v === 'string' ? quoted(v) : String(v);
}

function describeAnnotation(a: Annotation): string {
  const links = [a.speaker && `speaker ${a.speaker}`, a.demand && `demand ${a.demand}`, a.stance && `stance ${a.stance}`].filter(Boolean).join(', ');
  return `${a.id} ${a.type}${links ? ` (${links})` : ''} ${quoted(a.text)}`;
}

function fieldChanges<T>(c: EntryChange<T>): string {
  const r = (x: T, f: string) => (x as Record<string, unknown>)[f];
  const content = c.fields.filter((f) => f !== 'start' && f !== 'end');
  const parts = content.map((f) => `${f} ${show(r(c.before, f))} -> ${show(r(c.after, f))}`);
  // Offsets of a changed annotation are news only as a distance, like a move.
  const by = content.length < c.fields.length ? (r(c.after, 'start') as number) - (r(c.before, 'start') as number) : 0;
  if (content.length < c.fields.length) parts.push(by ? `moved by ${by > 0 ? '+' : ''}${plural(by, 'character')}` : 'end moved');
  return parts.join('; ');
}

function countLine(d: SidecarDiff): string {
  const parts: string[] = [];
  const section = (s: SectionDiff<unknown>, noun: string) => {
    const bits = [s.added.length && `${s.added.length} added`, s.removed.length && `${s.removed.length} removed`, s.changed.length && `${s.changed.length} changed`].filter(Boolean);
    if (bits.length) parts.push(`${plural(s.added.length + s.removed.length + s.changed.length, noun)}: ${bits.join(', ')}`);
  };
  section(d.annotations, 'annotation');
  if (d.moved.length) parts.push(`${plural(d.moved.length, 'annotation')} moved`);
  section(d.speakers, 'speaker');
  section(d.demands, 'demand');
  return parts.length ? parts.join('; ') : 'no changes to speakers, demands or annotations';
}

/** The diff as lines for people: a summary, then one line per entry, moves grouped by distance. */
export function renderDiff(d: SidecarDiff): string[] {
  const lines = [countLine(d)];
  for (const f of d.document) lines.push(`~ document ${f} changed`);
  const section = <T extends { id: string }>(name: string, s: SectionDiff<T>, describe: (e: T) => string) => {
    for (const e of s.added) lines.push(`+ ${name} ${describe(e)}`);
    for (const e of s.removed) lines.push(`- ${name} ${describe(e)}`);
    for (const c of s.changed) lines.push(`~ ${name} ${c.id}: ${fieldChanges(c)}`);
  };
  section('speaker', d.speakers, (s) => `${s.id} ${quoted(s.name)} (${s.kind})`);
  section('demand', d.demands, (m) => `${m.id} ${quoted(m.summary)}`);
  const sorted = <T extends Annotation>(xs: T[]) => [...xs].sort(compareAnnotations);
  section('annotation', { added: sorted(d.annotations.added), removed: sorted(d.annotations.removed), changed: d.annotations.changed }, describeAnnotation);
  const byDistance = new Map<number, string[]>();
  for (const m of d.moved) byDistance.set(m.by, [...(byDistance.get(m.by) ?? []), m.id]);
  for (const [by, ids] of [...byDistance].sort((x, y) => y[1].length - x[1].length || x[0] - y[0])) {
    const shown = ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', ');
    lines.push(`> ${plural(ids.length, 'annotation')} moved by ${by > 0 ? '+' : ''}${plural(by, 'character')} (${shown})`);
  }
  return lines;
}

/**
 * A stable one-line-per-entry rendering for git's `textconv`: no offsets, prefixes or suffixes
 * and no sha256, entries in the file's order, so a plain line diff of two renderings shows
 * exactly the entries whose content changed. Strings are JSON-quoted: one line each, always.
 */
export function textconvLines(s: Sidecar): string[] {
  const lines = [`document file=${show(s.document.file)} offsets=${s.document.offsets}`];
  const fields = (e: object, keys: readonly string[]) =>
    keys
      .map((k) => [k, (e as Record<string, unknown>)[k]] as const)
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${k}=${typeof v === 'number' ? String(v) : JSON.stringify(v)}`)
      .join(' ');
  for (const sp of s.speakers.values()) lines.push(`speaker ${sp.id}: ${fields(sp, SPEAKER_FIELDS)}`);
  for (const d of s.demands.values()) lines.push(`demand ${d.id}: ${fields(d, DEMAND_FIELDS)}`);
  for (const a of [...s.annotations].sort(compareAnnotations)) lines.push(`annotation ${a.id}: ${fields(a, ANNOTATION_CONTENT_FIELDS)}`);
  return lines;
}
