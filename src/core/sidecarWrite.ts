// Writing a sidecar (docs/SIDECAR.md) onto the yaml Document it was read from, so a rewrite
// changes only what changed: comments, key order, scalar styles and unknown keys survive.
import * as jsyaml from 'js-yaml';
import { Document, isMap, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { compareAnnotations, RejectedSuggestion, Sidecar } from './model';
import { compareRejected } from './rejected';

/** Options that make `toString` reproduce hand-written and our own files byte for byte. */
const TO_STRING = { lineWidth: 0, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER } as const;

/** A child node as it is, scalar or collection: `YAMLMap.get(key, true)` typed loosely. */
function child(map: YAMLMap, key: string): Node | undefined {
  return (map.get(key, true) as unknown as Node | null) ?? undefined;
}

const DOCUMENT_KEYS = ['file', 'sha256', 'offsets', 'date'] as const;
const SPEAKER_KEYS = ['name', 'kind', 'role', 'aliases', 'members', 'note', 'color'] as const;
const DEMAND_KEYS = ['summary', 'by', 'to', 'status', 'note'] as const;
const ANNOTATION_KEYS = ['id', 'type', 'speaker', 'demand', 'stance', 'start', 'end', 'text', 'prefix', 'suffix', 'note', 'origin', 'review'] as const;
const REVIEW_KEYS = ['status', 'was', 'reason'] as const;
const REJECTED_KEYS = ['type', 'speaker', 'demand', 'start', 'end', 'text', 'prefix', 'suffix'] as const;
const TOP_KEYS = ['version', 'document', 'speakers', 'demands', 'annotations', 'rejected'] as const;

/**
 * Serializes `sidecar` onto `doc` (the Document it was read from, or a new one) and returns
 * the file's text. Offsets must already be in the unit `sidecar.document.offsets` names.
 * Deterministic: the same sidecar on the same Document gives the same bytes.
 */
export function serializeSidecar(sidecar: Sidecar, doc: Document = new Document({})): string {
  if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as YAMLMap;
  const root = doc.contents as YAMLMap;
  const fields: Record<string, unknown> = {
    version: sidecar.version,
    document: undefined,
    speakers: undefined,
    demands: undefined,
    annotations: undefined,
  };
  setFields(doc, root, fields, TOP_KEYS, ['document', 'speakers', 'demands', 'annotations', 'rejected']);

  const docMap = ensureMap(doc, root, 'document');
  const d = sidecar.document;
  setFields(doc, docMap, { file: d.file, sha256: d.sha256, offsets: d.offsets, date: d.date }, DOCUMENT_KEYS);

  syncEntries(doc, blockWhenFilled(ensureMap(doc, root, 'speakers'), sidecar.speakers.size), sidecar.speakers, (s) => ({
    name: s.name,
    kind: s.kind,
    role: s.role,
    aliases: s.aliases,
    members: s.members,
    note: s.note,
    color: s.color,
  }), SPEAKER_KEYS, 'speakers');
  syncEntries(doc, blockWhenFilled(ensureMap(doc, root, 'demands'), sidecar.demands.size), sidecar.demands, (m) => ({
    summary: m.summary,
    by: m.by,
    to: m.to,
    status: m.status,
    note: m.note,
  }), DEMAND_KEYS, 'demands');

  const existingSeq: unknown = child(root, 'annotations');
  let seq: YAMLSeq;
  if (isSeq(existingSeq)) seq = existingSeq;
  else {
    seq = new YAMLSeq();
    root.set('annotations', seq);
  }
  blockWhenFilled(seq, sidecar.annotations.length);
  const byId = new Map<string, YAMLMap>();
  for (const item of seq.items) {
    if (isMap(item)) {
      const id = item.get('id');
      if (id !== undefined) byId.set(String(id), item);
    }
  }
  const graveyard = graveyardOf(doc);
  const wanted = new Set(sidecar.annotations.map((a) => a.id));
  for (const [id, node] of byId) if (!wanted.has(id)) graveyard.set(`annotations:${id}`, node);
  seq.items = [...sidecar.annotations].sort(compareAnnotations).map((a) => {
    const map = byId.get(a.id) ?? (graveyard.get(`annotations:${a.id}`) as YAMLMap | undefined) ?? new YAMLMap();
    const values: Record<string, unknown> = {};
    for (const k of ANNOTATION_KEYS) values[k] = a[k];
    setFields(doc, map, values, ANNOTATION_KEYS, ['review']);
    syncReview(doc, map, a.review);
    return map;
  });
  if (sidecar.rejected !== undefined) syncRejected(doc, root, sidecar.rejected);
  return doc.toString(TO_STRING);
}

/**
 * The `rejected` list, written only when it has entries (an empty one removes the key). A model
 * without the field at all (`undefined`: a writer that does not know it) leaves the file's list
 * as it is. Entries have no id: each is written on the node of the entry it was read from (same
 * type, offsets and text, else same type and text), so comments and unknown keys stay.
 */
function syncRejected(doc: Document, root: YAMLMap, rejected: readonly RejectedSuggestion[]): void {
  if (rejected.length === 0) {
    root.delete('rejected');
    return;
  }
  const existing: unknown = child(root, 'rejected');
  let seq: YAMLSeq;
  if (isSeq(existing)) seq = existing;
  else {
    seq = new YAMLSeq();
    setFields(doc, root, { rejected: seq }, TOP_KEYS, TOP_KEYS.filter((k) => k !== 'rejected'));
  }
  blockWhenFilled(seq, rejected.length);
  const free = seq.items.filter((item): item is YAMLMap => isMap(item));
  const take = (test: (m: YAMLMap) => boolean): YAMLMap | undefined => {
    const i = free.findIndex(test);
    return i === -1 ? undefined : free.splice(i, 1)[0];
  };
  const sorted = [...rejected].sort(compareRejected);
  const nodes: (YAMLMap | undefined)[] = sorted.map((r) => take((m) => m.get('type') === r.type && m.get('start') === r.start && m.get('end') === r.end && m.get('text') === r.text));
  seq.items = sorted.map((r, i) => {
    const map = nodes[i] ?? take((m) => m.get('type') === r.type && m.get('text') === r.text) ?? new YAMLMap();
    const values: Record<string, unknown> = {};
    for (const k of REJECTED_KEYS) values[k] = r[k];
    setFields(doc, map, values, REJECTED_KEYS);
    return map;
  });
}

/**
 * The `review` mapping field by field, like an entry: its comments and unknown keys stay while
 * it is flagged; accepting drops it whole. A new one goes in its canonical place (last).
 */
function syncReview(doc: Document, map: YAMLMap, review: Sidecar['annotations'][number]['review']): void {
  const existing = child(map, 'review');
  if (!review) {
    if (existing !== undefined) map.delete('review');
    return;
  }
  const values = { status: review.status, was: review.was, reason: review.reason };
  if (isMap(existing)) {
    setFields(doc, existing, values, REVIEW_KEYS);
    return;
  }
  const node = new YAMLMap();
  setFields(doc, node, values, REVIEW_KEYS);
  if (existing !== undefined) map.set('review', node);
  else setFields(doc, map, { review: node }, ['review']);
}

/**
 * An empty section reads `{}` or `[]` (a flow collection): once it has entries it is written
 * in block style like the rest of the file, not as one long flow collection. A section
 * written in flow style with entries by hand keeps its style.
 */
function blockWhenFilled<T extends YAMLMap | YAMLSeq>(node: T, entries: number): T {
  if (node.flow && node.items.length === 0 && entries > 0) node.flow = false;
  return node;
}

function ensureMap(doc: Document, parent: YAMLMap, key: string): YAMLMap {
  const node = child(parent, key);
  if (isMap(node)) return node;
  const map = new YAMLMap();
  parent.set(key, map);
  return map;
}

function syncEntries<T extends { id: string }>(
  doc: Document,
  map: YAMLMap,
  entries: Map<string, T>,
  toFields: (e: T) => Record<string, unknown>,
  keys: readonly string[],
  section: string,
): void {
  // Entries follow the model's order, which is the file's order for what was read (people
  // order speakers by hand) with new ones last. A removed entry's node is kept aside, so
  // undoing the removal brings back the very same lines, comments and styles included.
  const old = new Map<string, Pair>();
  for (const pair of map.items) if (isScalar(pair.key)) old.set(String(pair.key.value), pair as Pair);
  const graveyard = graveyardOf(doc);
  for (const [id, pair] of old) if (!entries.has(id)) graveyard.set(`${section}:${id}`, pair);
  map.items = [...entries].map(([id, entry]) => {
    let pair = old.get(id) ?? (graveyard.get(`${section}:${id}`) as Pair | undefined);
    if (!pair || !isMap(pair.value)) pair = doc.createPair(keyNode(doc, id), new YAMLMap()) as Pair;
    setFields(doc, pair.value as YAMLMap, toFields(entry), keys);
    return pair as Pair<unknown, unknown>;
  });
}

/** An id as a mapping key, quoted when plain it would read back as something else (or not at all: U+FFFE). */
function keyNode(doc: Document, id: string): Scalar {
  const key = doc.createNode(id) as Scalar;
  key.type = stringStyle(id);
  return key;
}

const graveyards = new WeakMap<Document, Map<string, Pair | YAMLMap>>();
/** Nodes of entries removed from a Document, by "section:id", for undo to restore exactly. */
function graveyardOf(doc: Document): Map<string, Pair | YAMLMap> {
  let g = graveyards.get(doc);
  if (!g) graveyards.set(doc, (g = new Map()));
  return g;
}

/**
 * Sets the known `keys` of `map` to `values`, leaving untouched the nodes whose value did not
 * change (their style and comments) and every key we do not know. An undefined value or an
 * empty list removes the key; a new key is inserted in its canonical place among known keys.
 */
function setFields(doc: Document, map: YAMLMap, values: Record<string, unknown>, keys: readonly string[], skip: readonly string[] = []): void {
  for (const key of keys) {
    if (skip.includes(key)) continue;
    const value = values[key];
    const idx = map.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
    if (value === undefined || (Array.isArray(value) && value.length === 0)) {
      // An empty value with a comment is a person's note (`color: #d62728` unquoted reads so): keep it.
      if (idx !== -1 && !isCommentedEmpty(map.items[idx].value)) map.items.splice(idx, 1);
      continue;
    }
    if (idx !== -1) {
      const existing = map.items[idx].value as Node | null;
      if (sameValue(existing, value)) continue;
      map.items[idx].value = createValueNode(doc, value, existing);
      continue;
    }
    const pair = doc.createPair(key, createValueNode(doc, value, null));
    const rank = keys.indexOf(key);
    let at = map.items.length;
    for (let i = 0; i < map.items.length; i++) {
      const k = map.items[i].key;
      const r = isScalar(k) ? keys.indexOf(String(k.value)) : -1;
      if (r > rank) {
        at = i;
        break;
      }
    }
    map.items.splice(at, 0, pair as Pair<Node, Node>);
  }
}

function isCommentedEmpty(node: unknown): boolean {
  return isScalar(node) && node.value === null && !!(node.comment || node.commentBefore);
}

function sameValue(node: Node | null, value: unknown): boolean {
  if (Array.isArray(value)) {
    return isSeq(node) && node.items.length === value.length && node.items.every((n, i) => isScalar(n) && n.value === value[i]);
  }
  return isScalar(node) && node.value === value;
}

function createValueNode(doc: Document, value: unknown, previous: Node | null): Node {
  const node = doc.createNode(value) as Node;
  if (isScalar(node) && typeof value === 'string') node.type = stringStyle(value, isScalar(previous) ? previous.type : undefined);
  if (isSeq(node)) {
    for (const item of node.items) if (isScalar(item) && typeof item.value === 'string') item.type = stringStyle(item.value);
  }
  return node;
}

function stringStyle(value: string, previous?: Scalar.Type): Scalar.Type | undefined {
  // Multi-line text reads best, and diffs smallest, as a block scalar; the yaml library
  // falls back to a quoted style where a block cannot hold the string exactly.
  if (previous && styleFits(previous, value)) return previous;
  if (value.includes('\n') && fitsBlock(value)) return Scalar.BLOCK_LITERAL;
  if (looksAmbiguous(value)) return Scalar.QUOTE_SINGLE;
  return undefined;
}

function styleFits(type: Scalar.Type, value: string): boolean {
  if (type === Scalar.PLAIN) return !value.includes('\n') && !looksAmbiguous(value);
  if (type === Scalar.BLOCK_LITERAL) return fitsBlock(value);
  if (type === Scalar.BLOCK_FOLDED) return fitsBlock(value) && !value.includes('\n');
  return true;
}

function fitsBlock(value: string): boolean {
  return value !== '' && !/[\r\t\ufffe\uffff]|^\s|\s$/.test(value);
}

/** Strings that YAML would otherwise read back as something else, or that carry edge spaces. */
function looksAmbiguous(value: string): boolean {
  return value !== value.trim() || value === '' || /[\ufffe\uffff]/.test(value) || readsAsNonString(value);
}

function readsAsNonString(value: string): boolean {
  if (!/^[-+.~\w]+$/.test(value)) return false;
  try {
    return typeof jsyaml.load(value, { schema: jsyaml.CORE_SCHEMA }) !== 'string';
  } catch {
    return true;
  }
}

export { TO_STRING as SIDECAR_TO_STRING_OPTIONS };
