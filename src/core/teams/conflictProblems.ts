// The merge driver's `conflicts:` records (docs/SIDECAR.md "Conflicts") as problems at their
// line and column, for `check` and anything else that lists what a sidecar still needs.
import { isMap, isScalar, Node, YAMLMap } from 'yaml';
import { ParsedSidecar, Problem } from '../sidecar';
import { listConflicts } from './resolveConflict';

/** Cheap test on the text: only a file with a top-level `conflicts` key is looked at closely. */
export function mayHaveConflicts(source: string): boolean {
  return /^conflicts\s*:/m.test(source);
}

/** One problem per recorded conflict, at its id under `conflicts:`, in file order. */
export function conflictProblems(source: string, parsed: ParsedSidecar): Problem[] {
  if (!mayHaveConflicts(source)) return [];
  const root = parsed.doc.contents;
  const conflicts = isMap(root) ? (root.get('conflicts', true) as unknown) : undefined;
  return listConflicts(source).map((c) => {
    const section = isMap(conflicts) ? (conflicts.get(c.section, true) as unknown) : undefined;
    const pair = isMap(section) ? (section as YAMLMap).items.find((p) => isScalar(p.key) && String(p.key.value) === c.id) : undefined;
    const range = (pair?.key as Node | undefined)?.range ?? [0, 1];
    const pos = parsed.lineCounter.linePos(range[0]);
    const what = c.section === 'annotations' ? 'annotation' : c.section === 'speakers' ? 'speaker' : 'demand';
    const sides = c.theirs === 'deleted' ? 'the other branch deleted it, this one changed it' : c.oursDeleted ? 'this branch deleted it, the other changed it' : `both branches changed ${c.fields.length ? c.fields.join(', ') : 'it'} differently`;
    return {
      severity: 'error' as const,
      message: `Merge conflict on ${what} "${c.id}": ${sides}; resolve it as ours or theirs (see "Conflicts" in docs/SIDECAR.md)`,
      start: range[0],
      end: Math.max(range[1], range[0] + 1),
      line: pos.line,
      column: pos.col,
      ...(c.section === 'annotations' ? { annotationId: c.id } : {}),
    };
  });
}
