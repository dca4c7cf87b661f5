// What a person needs to resolve the conflicts recorded under `conflicts:`: for each, the
// entry's id, the fields both sides changed, and both values side by side; then the file with
// the choices applied. The editor asks, this decides nothing on its own.
import { Annotation } from '../model';
import { parseSidecar } from '../sidecar';
import { abbreviate } from '../wording';
import { listConflicts, RecordedConflict, resolveConflict } from './resolveConflict';
import { Section } from './sidecarMerge';

export type Choice = 'ours' | 'theirs';

export interface ConflictView extends RecordedConflict {
  /** "annotation a7", "speaker corbyn". */
  what: string;
  /** Each conflicting field with ours' and theirs' value as text ("deleted" for a deleted entry). */
  values: { field: string; ours: string; theirs: string }[];
}

const SINGULAR: Record<Section, string> = { speakers: 'speaker', demands: 'demand', annotations: 'annotation' };
const VALUE_LENGTH = 80;

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (Array.isArray(value)) return value.length ? value.map(String).join(', ') : '(none)';
  return abbreviate(typeof value === 'string' ? JSON.stringify(value) : String(value), VALUE_LENGTH);
}

function fieldText(entry: Record<string, unknown> | undefined, field: string): string {
  if (!entry) return 'deleted';
  // The span is one field: its text says more than its offsets.
  if (field === 'span') return `${show(entry.text)} at ${String(entry.start)}–${String(entry.end)}`;
  return show(entry[field]);
}

/** Every conflict recorded in `source`, with ours' value (the entry in place) beside theirs'. */
export function conflictViews(source: string): ConflictView[] {
  const conflicts = listConflicts(source);
  if (!conflicts.length) return [];
  const s = parseSidecar(source).sidecar;
  const oursEntry = (c: RecordedConflict): Record<string, unknown> | undefined => {
    if (!s || c.oursDeleted) return undefined;
    if (c.section === 'annotations') return s.annotations.find((a: Annotation) => a.id === c.id) as unknown as Record<string, unknown> | undefined;
    return (c.section === 'speakers' ? s.speakers : s.demands).get(c.id) as unknown as Record<string, unknown> | undefined;
  };
  return conflicts.map((c) => {
    const ours = oursEntry(c);
    const theirs = c.theirs === 'deleted' ? undefined : c.theirs;
    const fields = c.fields.length ? c.fields : ['(entry)'];
    return {
      ...c,
      what: `${SINGULAR[c.section]} ${c.id}`,
      values: fields.map((field) => ({ field, ours: fieldText(ours, field), theirs: fieldText(theirs, field) })),
    };
  });
}

/** One line per conflict: "annotation a7: note (mine "x", theirs "y")". */
export function conflictSummary(views: readonly ConflictView[]): string[] {
  return views.map((v) => `${v.what}: ${v.values.map((x) => `${x.field} (mine ${x.ours}, theirs ${x.theirs})`).join('; ')}`);
}

/**
 * `source` with each conflict resolved as `choose` says; a conflict it answers undefined for
 * stays recorded. Throws (from resolveConflict) when a choice would not give a valid sidecar.
 */
export function applyChoices(source: string, choose: (c: ConflictView) => Choice | undefined): string {
  let out = source;
  for (const c of conflictViews(source)) {
    const choice = choose(c);
    if (choice) out = resolveConflict(out, c.section, c.id, choice);
  }
  return out;
}
