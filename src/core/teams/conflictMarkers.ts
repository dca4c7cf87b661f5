// A sidecar git merged line by line (no merge driver configured) holds conflict markers. Such
// a file is split back into the two sides it came from (and the common ancestor, when git wrote
// diff3's `|||||||` section), and the sides are merged by id as the merge driver would have:
// only annotations and entities both sides changed differently remain as conflicts, recorded
// under `conflicts:` (docs/SIDECAR.md) for resolveConflict.
import { Annotation, Demand, Sidecar, Speaker } from '../model';
import { parseSidecar } from '../sidecar';
import { mergeSidecarFiles, MergedFile, UnmergeableError } from './mergeDocument';
import { ANNOTATION_CONTENT_FIELDS, DEMAND_FIELDS, SPEAKER_FIELDS } from './sidecarDiff';

export interface ConflictSides {
  ours: string;
  theirs: string;
  /** The common ancestor, when every conflict has one (git's diff3 or zdiff3 style). */
  base?: string;
  /** Labels git wrote after the markers (`HEAD`, the branch merged). */
  oursLabel: string;
  theirsLabel: string;
}

export class ConflictMarkerError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const MARKER = /^(<{7}|\|{7}|={7}|>{7})(?:[ \t](.*))?\r?\n?$/;

/**
 * The sides of a file with git conflict markers; undefined when it has none. Throws a
 * ConflictMarkerError naming the line when the markers do not nest as git writes them.
 */
export function splitConflictMarkers(source: string): ConflictSides | undefined {
  const lines = source.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out = { ours: '', theirs: '', base: '' };
  let where: 'both' | 'ours' | 'base' | 'theirs' = 'both';
  let conflicts = 0;
  let withBase = 0;
  let oursLabel = '';
  let theirsLabel = '';
  let opened = 0;
  lines.forEach((line, i) => {
    const m = MARKER.exec(line);
    const kind = m?.[1][0];
    const fail = (what: string) => {
      throw new ConflictMarkerError(i + 1, `${what} (git writes <<<<<<<, then optionally |||||||, then =======, then >>>>>>>)`);
    };
    if (kind === '<') {
      if (where !== 'both') fail('a conflict starts inside another');
      where = 'ours';
      opened = i + 1;
      conflicts++;
      oursLabel ||= m![2] ?? '';
    } else if (kind === '|' && where !== 'both') {
      if (where !== 'ours') fail('a common-ancestor marker out of place');
      where = 'base';
      withBase++;
    } else if (kind === '=' && where !== 'both') {
      if (where === 'theirs') fail('a second ======= in one conflict');
      where = 'theirs';
    } else if (kind === '>') {
      if (where !== 'theirs') fail(where === 'both' ? 'a conflict ends that never started' : 'a conflict ends before its =======');
      where = 'both';
      theirsLabel ||= m![2] ?? '';
    } else if (where === 'both') {
      out.ours += line;
      out.theirs += line;
      out.base += line;
    } else out[where] += line;
  });
  if (where !== 'both') throw new ConflictMarkerError(opened, 'a conflict that starts here never ends');
  if (conflicts === 0) return undefined;
  return { ours: out.ours, theirs: out.theirs, base: withBase === conflicts ? out.base : undefined, oursLabel, theirsLabel };
}

/** Stands for "not what either side has": every field the two sides disagree on counts as changed by both. */
const NEITHER = Symbol('neither side');

/**
 * A common ancestor for two sides that have none: entries both have, with every field they
 * disagree on set to a value neither has, so those become conflicts; entries only one side
 * has are absent, so they count as added (kept: with no ancestor, a deletion cannot be told
 * from an addition, and keeping loses nothing).
 */
function twoWayBase(ours: Sidecar, theirs: Sidecar): Sidecar {
  const blend = <T extends object>(o: T, t: T, fields: readonly string[]): T => {
    const b = { ...o } as Record<string, unknown>;
    for (const f of fields) {
      const ov = (o as Record<string, unknown>)[f];
      const tv = (t as Record<string, unknown>)[f];
      if (JSON.stringify(ov) !== JSON.stringify(tv)) b[f] = NEITHER;
    }
    return b as T;
  };
  const speakers = new Map<string, Speaker>();
  for (const [id, o] of ours.speakers) {
    const t = theirs.speakers.get(id);
    if (t) speakers.set(id, blend(o, t, SPEAKER_FIELDS));
  }
  const demands = new Map<string, Demand>();
  for (const [id, o] of ours.demands) {
    const t = theirs.demands.get(id);
    if (t) demands.set(id, blend(o, t, DEMAND_FIELDS));
  }
  const theirsById = new Map(theirs.annotations.map((a) => [a.id, a]));
  const annotations: Annotation[] = [];
  for (const o of ours.annotations) {
    const t = theirsById.get(o.id);
    if (!t) continue;
    const b = blend(o, t, ANNOTATION_CONTENT_FIELDS.filter((f) => f !== 'text'));
    // The span (start, end, text) is one field; a text no article holds makes it differ from both.
    if (o.start !== t.start || o.end !== t.end || o.text !== t.text) b.text = `\u0000${o.text ?? ''}`;
    annotations.push(b);
  }
  return { version: ours.version, document: { ...ours.document, sha256: undefined }, speakers, demands, annotations };
}

/**
 * The file with conflict markers merged by id: `text` is a valid sidecar with the conflicts
 * that remain under `conflicts:`. Undefined when `source` has no markers. Throws a
 * ConflictMarkerError for markers that do not nest, an UnmergeableError when a side is not a
 * readable sidecar.
 */
export function mergeConflictMarkers(source: string, article?: string): (MergedFile & { sides: ConflictSides }) | undefined {
  const sides = splitConflictMarkers(source);
  if (!sides) return undefined;
  const ours = { label: `ours (${sides.oursLabel || 'HEAD'})`, source: sides.ours };
  const theirs = { label: `theirs (${sides.theirsLabel || 'merged branch'})`, source: sides.theirs };
  if (sides.base !== undefined) return { ...mergeSidecarFiles({ label: 'common ancestor', source: sides.base }, ours, theirs, article), sides };
  const o = readable(ours.label, sides.ours);
  const t = readable(theirs.label, sides.theirs);
  return { ...mergeSidecarFiles({ sidecar: twoWayBase(o, t) }, ours, theirs, article), sides };
}

function readable(label: string, source: string): Sidecar {
  const p = parseSidecar(source);
  const error = p.problems.find((x) => x.severity === 'error');
  if (!p.sidecar || error) throw new UnmergeableError(label, error ?? { severity: 'error', message: 'not a sidecar', start: 0, end: 1, line: 1, column: 1 });
  return p.sidecar;
}
