// Resolving what the merge driver left under `conflicts:` (docs/SIDECAR.md), one entry at a
// time: keep ours (drop the record) or take theirs (put it in place, or delete when theirs is
// "deleted"). Written onto the file's Document, so everything else stays as it was. For the
// extension's resolve command and for scripts.
import { isMap, YAMLMap } from 'yaml';
import { Annotation, Demand, Speaker } from '../model';
import { parseSidecar, serializeSidecar } from '../sidecar';
import { Section } from './sidecarMerge';

export interface RecordedConflict {
  section: Section;
  id: string;
  fields: string[];
  theirs: Record<string, unknown> | 'deleted';
  oursDeleted: boolean;
}

const SECTIONS: readonly Section[] = ['speakers', 'demands', 'annotations'];

function conflictsNode(root: unknown): YAMLMap | undefined {
  const node: unknown = isMap(root) ? root.get('conflicts', true) : undefined;
  return isMap(node) ? node : undefined;
}

/** The conflicts recorded in a sidecar's source, in file order. */
export function listConflicts(source: string): RecordedConflict[] {
  const data = conflictsNode(parseSidecar(source).doc.contents)?.toJSON() as Record<string, Record<string, Record<string, unknown>>> | undefined;
  const out: RecordedConflict[] = [];
  for (const section of SECTIONS) {
    for (const [id, c] of Object.entries(data?.[section] ?? {})) {
      const theirs = c?.theirs;
      out.push({
        section,
        id,
        fields: Array.isArray(c?.fields) ? c.fields.map(String) : [],
        theirs: theirs && typeof theirs === 'object' ? (theirs as Record<string, unknown>) : 'deleted',
        oursDeleted: c?.ours === 'deleted',
      });
    }
  }
  return out;
}

/** `source` with the conflict on `section`/`id` resolved; throws when there is none or the result would not be a valid sidecar. */
export function resolveConflict(source: string, section: Section, id: string, choice: 'ours' | 'theirs'): string {
  const p = parseSidecar(source);
  if (!p.sidecar || p.readOnly) throw new Error(`cannot resolve: the sidecar has errors (${p.problems[0]?.message ?? 'not a sidecar'})`);
  const conflict = listConflicts(source).find((c) => c.section === section && c.id === id);
  if (!conflict) throw new Error(`no conflict recorded for ${section} "${id}"`);
  const s = p.sidecar;
  if (choice === 'theirs') {
    const t = conflict.theirs;
    if (section === 'annotations') {
      s.annotations = s.annotations.filter((a) => a.id !== id);
      if (t !== 'deleted') s.annotations.push({ ...(t as unknown as Annotation), id });
    } else if (section === 'speakers') {
      if (t === 'deleted') s.speakers.delete(id);
      else s.speakers.set(id, { aliases: [], members: [], ...(t as Partial<Speaker>), id } as Speaker);
    } else {
      if (t === 'deleted') s.demands.delete(id);
      else s.demands.set(id, { by: [], to: [], ...(t as Partial<Demand>), id } as Demand);
    }
  }
  const root = p.doc.contents as YAMLMap;
  const conflicts = conflictsNode(root)!;
  const entries = conflicts.get(section, true) as unknown as YAMLMap;
  entries.delete(id);
  if (entries.items.length === 0) conflicts.delete(section);
  if (conflicts.items.length === 0) root.delete('conflicts');
  const text = serializeSidecar(s, p.doc);
  const check = parseSidecar(text).problems.find((x) => x.severity === 'error');
  if (check) throw new Error(`cannot take theirs for ${section} "${id}": ${check.message}`);
  return text;
}
