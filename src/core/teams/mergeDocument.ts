// The merged sidecar as a file: written onto ours' YAML Document, so ours' comments, styles and
// unknown keys stay; entries that only theirs has come with their own nodes (their comments and
// unknown keys); conflicts go under the top-level `conflicts:` key (docs/SIDECAR.md).
import { Document, isMap, isPair, isScalar, isSeq, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { Sidecar } from '../model';
import { parseSidecar, Problem, serializeSidecar } from '../sidecar';
import { MergeConflict, mergeSidecars, MergeResult } from './sidecarMerge';

export interface MergeInput {
  /** Label for messages (ancestor, ours, theirs) and the source text. */
  label: string;
  source: string;
}

export class UnmergeableError extends Error {
  constructor(
    readonly label: string,
    readonly problem: Problem,
  ) {
    super(`${label}:${problem.line}:${problem.column}: ${problem.message}`);
  }
}

function parsed(input: MergeInput) {
  // An empty ancestor is git's way of saying both sides added the file.
  const p = parseSidecar(input.source.trim() === '' ? 'version: 1\n' : input.source);
  const error = p.problems.find((x) => x.severity === 'error');
  if (!p.sidecar || error) throw new UnmergeableError(input.label, error ?? { severity: 'error', message: 'not a sidecar', start: 0, end: 1, line: 1, column: 1 });
  return p;
}

/** Plain data in the sidecar's key order, for a conflict entry. */
function plain(e: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(e)) if (k !== 'id' && v !== undefined && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out;
}

function conflictNode(doc: Document, c: MergeConflict): YAMLMap {
  const entry: Record<string, unknown> = { fields: c.fields };
  if (c.oursDeleted) entry.ours = 'deleted';
  entry.theirs = c.theirs ? plain(c.theirs) : 'deleted';
  return doc.createNode(entry) as YAMLMap;
}

/** A base with no file of its own (a two-way merge builds one where every difference is a change on both sides). */
export interface BuiltBase {
  sidecar: Sidecar;
}

export interface MergedFile {
  text: string;
  result: MergeResult;
}

/** Merges three sidecar sources; throws UnmergeableError when one of them cannot be read. */
export function mergeSidecarFiles(base: MergeInput | BuiltBase, ours: MergeInput, theirs: MergeInput, article?: string): MergedFile {
  const b = 'sidecar' in base ? base.sidecar : parsed(base).sidecar!;
  const [o, t] = [parsed(ours), parsed(theirs)];
  const result = mergeSidecars(b, o.sidecar!, t.sidecar!, article);
  const doc = o.doc;
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as YAMLMap;
  const root = doc.contents as YAMLMap;
  // Theirs' Document costs as much as ours (seconds for 10,000 annotations): parse it only
  // when something of theirs that is not in ours needs its nodes.
  const needsTheirs = theirsOnly(result, o.sidecar!) || [...topKeys(theirs.source)].some((k) => !topKeys(ours.source).has(k));
  const theirsDoc = needsTheirs ? t.doc : undefined;
  const theirsRoot = theirsDoc && isMap(theirsDoc.contents) ? theirsDoc.contents : new YAMLMap();
  const renamedBack = new Map([...result.renamed].map(([from, to]) => [to, from]));

  // Theirs' new entries bring their nodes along: serializeSidecar reuses a node it finds by id.
  for (const section of ['speakers', 'demands'] as const) {
    const mine = root.get(section, true);
    const other = theirsRoot.get(section, true);
    if (!isMap(mine) || !isMap(other)) continue;
    const have = new Set(mine.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
    const wanted = new Set((section === 'speakers' ? result.merged.speakers : result.merged.demands).keys());
    for (const pair of other.items) {
      const id = isScalar(pair.key) ? String(pair.key.value) : '';
      if (isPair(pair) && wanted.has(id) && !have.has(id)) mine.items.push((pair as Pair).clone(doc.schema) as Pair);
    }
  }
  const mineSeq = root.get('annotations', true);
  const otherSeq = theirsRoot.get('annotations', true);
  if (isSeq(mineSeq) && isSeq(otherSeq)) {
    const idOf = (n: unknown) => (isMap(n) && n.get('id') !== undefined ? String(n.get('id')) : undefined);
    const have = new Set(mineSeq.items.map(idOf));
    const theirsNodes = new Map(otherSeq.items.map((n) => [idOf(n), n]));
    for (const a of result.merged.annotations) {
      if (have.has(a.id)) continue;
      const node = theirsNodes.get(renamedBack.get(a.id) ?? a.id);
      if (!isMap(node)) continue;
      const copy = node.clone(doc.schema) as YAMLMap;
      copy.set('id', a.id);
      (mineSeq as YAMLSeq).items.push(copy);
    }
  }
  // Top-level keys we do not know, only theirs has.
  for (const pair of theirsRoot.items) {
    if (isScalar(pair.key) && !root.has(pair.key.value) && pair.key.value !== 'conflicts') root.items.push((pair as Pair).clone(doc.schema) as Pair<unknown, unknown>);
  }
  if (result.conflicts.length) {
    const conflicts = mapAt(root, 'conflicts');
    for (const c of result.conflicts) mapAt(conflicts, c.section).set(c.id, conflictNode(doc, c));
  }
  return { text: serializeSidecar(result.merged, doc), result };
}

function mapAt(parent: YAMLMap, key: string): YAMLMap {
  const node: unknown = parent.get(key, true);
  if (isMap(node)) return node;
  const map = new YAMLMap();
  parent.set(key, map);
  return map;
}

/** Keys at the start of a line: the top-level keys, and anything odd (a quoted or complex key) as itself. */
function topKeys(source: string): Set<string> {
  return new Set([...source.matchAll(/^([^\s#-][^:\n]*):/gm)].map((m) => m[1]));
}

function theirsOnly(result: MergeResult, ours: Sidecar): boolean {
  const annotations = new Set(ours.annotations.map((a) => a.id));
  return (
    result.merged.annotations.some((a) => !annotations.has(a.id)) ||
    [...result.merged.speakers.keys()].some((id) => !ours.speakers.has(id)) ||
    [...result.merged.demands.keys()].some((id) => !ours.demands.has(id))
  );
}
