// Reading, validating and writing sidecar files (../../shared/docs/SIDECAR.md).
// The yaml Document is kept beside the model so a rewrite changes only what changed:
// comments, key order, scalar styles and unknown keys survive.
import { Document, isMap, isScalar, isSeq, LineCounter, Node, Pair, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import {
  Annotation,
  ANNOTATION_TYPES,
  compareAnnotations,
  Demand,
  DEMAND_STATUSES,
  OFFSET_UNITS,
  ORIGINS,
  Sidecar,
  SIDECAR_VERSION,
  Speaker,
  SPEAKER_KINDS,
  STANCES,
} from './model';

export interface Problem {
  severity: 'error' | 'warning';
  message: string;
  /** 0-based UTF-16 offsets into the sidecar source. */
  start: number;
  end: number;
  /** 1-based, for messages. */
  line: number;
  column: number;
  annotationId?: string;
}

export interface ParsedSidecar {
  /** Undefined when the file is not YAML or not a sidecar at all. */
  sidecar?: Sidecar;
  doc: Document;
  problems: Problem[];
  /** A file we must not rewrite: it has errors, or a newer version than we know. */
  readOnly: boolean;
  /** Where each annotation stands in the file: [start, end) of its item, and of its `start` value. */
  annotationRanges: Map<string, { item: [number, number]; start?: [number, number] }>;
  lineCounter: LineCounter;
}

/** Options that make `toString` reproduce hand-written and our own files byte for byte. */
const TO_STRING = { lineWidth: 0 } as const;

export function parseSidecar(source: string): ParsedSidecar {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problems: Problem[] = [];
  const report = (severity: Problem['severity'], message: string, range: [number, number] | undefined, annotationId?: string) => {
    const [start, end] = range ?? [0, 0];
    const pos = lineCounter.linePos(start);
    problems.push({ severity, message, start, end, line: pos.line, column: pos.col, annotationId });
  };
  const annotationRanges: ParsedSidecar['annotationRanges'] = new Map();
  const result = (sidecar?: Sidecar, readOnly = false): ParsedSidecar => ({
    sidecar,
    doc,
    problems,
    readOnly: readOnly || problems.some((p) => p.severity === 'error'),
    annotationRanges,
    lineCounter,
  });

  for (const e of [...doc.errors, ...doc.warnings]) {
    report(doc.errors.includes(e as never) ? 'error' : 'warning', firstLine(e.message), [e.pos[0], Math.max(e.pos[1], e.pos[0] + 1)]);
  }
  if (doc.errors.length) return result();
  const root = doc.contents;
  if (!isMap(root)) {
    report('error', 'A sidecar must be a YAML mapping with version, speakers, demands and annotations', rangeOf(root));
    return result();
  }

  const checker = new Checker(report);
  const versionNode = child(root, 'version');
  const version = isScalar(versionNode) ? versionNode.value : undefined;
  let readOnly = false;
  if (versionNode === undefined) {
    report('error', `Missing "version" (this extension reads version ${SIDECAR_VERSION})`, rangeOf(root));
    return result();
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    report('error', `Unknown sidecar version ${JSON.stringify(version)} (this extension reads version ${SIDECAR_VERSION})`, rangeOf(versionNode));
    return result();
  }
  if (version > SIDECAR_VERSION) {
    report(
      'warning',
      `Sidecar version ${version} is newer than this extension understands (${SIDECAR_VERSION}); it is shown read-only and will not be rewritten`,
      rangeOf(versionNode),
    );
    readOnly = true;
  }

  const sidecar: Sidecar = {
    version,
    document: { offsets: 'utf16' },
    speakers: new Map(),
    demands: new Map(),
    annotations: [],
  };

  const docNode = child(root, 'document');
  if (docNode !== undefined) {
    if (!isMap(docNode)) report('error', '"document" must be a mapping', rangeOf(docNode));
    else {
      sidecar.document.file = checker.optString(docNode, 'file');
      sidecar.document.sha256 = checker.optString(docNode, 'sha256');
      sidecar.document.offsets = checker.optEnum(docNode, 'offsets', OFFSET_UNITS) ?? 'utf16';
    }
  }

  for (const [id, node, keyNode] of checker.entries(root, 'speakers')) {
    const speaker: Speaker = {
      id,
      name: checker.reqString(node, 'name', `speaker "${id}"`) ?? id,
      kind: checker.reqEnum(node, 'kind', SPEAKER_KINDS, `speaker "${id}"`) ?? 'person',
      role: checker.optString(node, 'role'),
      aliases: checker.stringList(node, 'aliases'),
      members: checker.stringList(node, 'members'),
      note: checker.optString(node, 'note'),
    };
    if (sidecar.speakers.has(id)) report('error', `Duplicate speaker id "${id}"`, rangeOf(keyNode));
    sidecar.speakers.set(id, speaker);
  }
  for (const [id, node, keyNode] of checker.entries(root, 'demands')) {
    const demand: Demand = {
      id,
      summary: checker.reqString(node, 'summary', `demand "${id}"`) ?? id,
      by: checker.stringList(node, 'by'),
      to: checker.stringList(node, 'to'),
      status: checker.optEnum(node, 'status', DEMAND_STATUSES),
      note: checker.optString(node, 'note'),
    };
    if (sidecar.demands.has(id)) report('error', `Duplicate demand id "${id}"`, rangeOf(keyNode));
    sidecar.demands.set(id, demand);
  }
  // Links between entities are checked once all of them are known.
  for (const [id, node] of checker.entries(root, 'speakers', false)) {
    checker.knownIds(node, 'members', sidecar.speakers, 'speaker', `speaker "${id}"`);
  }
  for (const [id, node] of checker.entries(root, 'demands', false)) {
    checker.knownIds(node, 'by', sidecar.speakers, 'speaker', `demand "${id}"`);
    checker.knownIds(node, 'to', sidecar.speakers, 'speaker', `demand "${id}"`);
  }

  const list = child(root, 'annotations');
  if (list !== undefined && !isSeq(list)) report('error', '"annotations" must be a list', rangeOf(list));
  const seen = new Set<string>();
  for (const item of isSeq(list) ? list.items : []) {
    const a = checker.annotation(item, sidecar, seen);
    if (a) {
      annotationRanges.set(a.id, { item: rangeOf(item as Node), start: rangeOf((item as YAMLMap).get('start', true) as Node) });
      sidecar.annotations.push(a);
    }
  }
  sidecar.annotations.sort(compareAnnotations);
  return result(sidecar, readOnly);
}

/** Field-level checks that report problems at the offending node and return a best-effort value. */
type Report = (s: Problem['severity'], m: string, r: [number, number] | undefined, id?: string) => void;

class Checker {
  /** Errors reported so far: lets `annotation` tell whether any of its checks failed. */
  private errors = 0;
  private readonly report: Report;
  constructor(report: Report) {
    this.report = (s, m, r, id) => {
      if (s === 'error') this.errors++;
      report(s, m, r, id);
    };
  }

  *entries(root: YAMLMap, key: string, reportProblems = true): Generator<[string, YAMLMap, Node]> {
    const node = child(root, key);
    if (node === undefined || (isScalar(node) && node.value === null)) return;
    if (!isMap(node)) {
      if (reportProblems) this.report('error', `"${key}" must be a mapping from id to entry`, rangeOf(node));
      return;
    }
    for (const pair of node.items) {
      const keyNode = pair.key as Node;
      const id = isScalar(keyNode) ? String(keyNode.value) : undefined;
      if (id === undefined || !isMap(pair.value)) {
        if (reportProblems) this.report('error', `Each entry of "${key}" must be an id with a mapping of fields`, rangeOf(keyNode));
        continue;
      }
      yield [id, pair.value, keyNode];
    }
  }

  optString(map: YAMLMap, key: string): string | undefined {
    const node = child(map, key);
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean')) {
      return String(node.value);
    }
    this.report('error', `"${key}" must be text`, rangeOf(node));
    return undefined;
  }

  reqString(map: YAMLMap, key: string, what: string): string | undefined {
    if (!map.has(key)) {
      this.report('error', `${capitalize(what)} has no "${key}"`, rangeOf(map));
      return undefined;
    }
    return this.optString(map, key);
  }

  optEnum<T extends string>(map: YAMLMap, key: string, allowed: readonly T[]): T | undefined {
    const value = this.optString(map, key);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.report('error', `"${key}" must be one of ${allowed.join(', ')}, not "${value}"`, rangeOf(child(map, key)));
    return undefined;
  }

  reqEnum<T extends string>(map: YAMLMap, key: string, allowed: readonly T[], what: string): T | undefined {
    if (!map.has(key)) {
      this.report('error', `${capitalize(what)} has no "${key}" (one of ${allowed.join(', ')})`, rangeOf(map));
      return undefined;
    }
    return this.optEnum(map, key, allowed);
  }

  stringList(map: YAMLMap, key: string): string[] {
    const node = child(map, key);
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    if (isScalar(node)) return [String(node.value)];
    if (!isSeq(node)) {
      this.report('error', `"${key}" must be a list`, rangeOf(node));
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      if (isScalar(item) && item.value !== null) out.push(String(item.value));
      else this.report('error', `Each item of "${key}" must be text`, rangeOf(item as Node));
    }
    return out;
  }

  knownIds(map: YAMLMap, key: string, known: Map<string, unknown>, kind: string, what: string): void {
    const node = child(map, key);
    const items = isSeq(node) ? node.items : node === undefined ? [] : [node];
    for (const item of items) {
      if (isScalar(item) && item.value !== null && !known.has(String(item.value))) {
        this.report('error', `${capitalize(what)}: unknown ${kind} id "${String(item.value)}" in "${key}"`, rangeOf(item));
      }
    }
  }

  offset(map: YAMLMap, key: string, id: string): number | undefined {
    const node = child(map, key);
    if (node === undefined) {
      this.report('error', `Annotation "${id}" has no "${key}"`, rangeOf(map), id);
      return undefined;
    }
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.report('error', `Annotation "${id}": "${key}" must be a whole number ≥ 0`, rangeOf(node), id);
      return undefined;
    }
    return value;
  }

  annotation(item: unknown, sidecar: Sidecar, seen: Set<string>): Annotation | undefined {
    if (!isMap(item)) {
      this.report('error', 'Each annotation must be a mapping with id, type, start and end', rangeOf(item as Node));
      return undefined;
    }
    const errorsBefore = this.errors;
    const id = this.optString(item, 'id');
    if (id === undefined) {
      this.report('error', 'Annotation has no "id"', rangeOf(item));
      return undefined;
    }
    if (seen.has(id)) this.report('error', `Duplicate annotation id "${id}"`, rangeOf(child(item, 'id')), id);
    seen.add(id);
    const type = this.reqEnum(item, 'type', ANNOTATION_TYPES, `annotation "${id}"`);
    const start = this.offset(item, 'start', id);
    const end = this.offset(item, 'end', id);
    if (start !== undefined && end !== undefined && end < start) {
      this.report('error', `Annotation "${id}": "end" (${end}) is before "start" (${start})`, rangeOf(child(item, 'end')), id);
    }
    const a: Annotation = { id, type: type ?? 'mention', start: start ?? 0, end: end ?? 0 };
    const link = (key: 'speaker' | 'demand', known: Map<string, unknown>) => {
      const needed = key === 'speaker' ? type !== 'demand' : type === 'demand' || type === 'response';
      const value = needed ? this.reqString(item, key, `annotation "${id}" (${type})`) : this.optString(item, key);
      if (value !== undefined && !known.has(value)) {
        this.report('error', `Annotation "${id}": unknown ${key} id "${value}"`, rangeOf(child(item, key)), id);
      }
      return value;
    };
    a.speaker = link('speaker', sidecar.speakers);
    a.demand = link('demand', sidecar.demands);
    a.stance = this.optEnum(item, 'stance', STANCES);
    a.text = this.optString(item, 'text');
    a.prefix = this.optString(item, 'prefix');
    a.suffix = this.optString(item, 'suffix');
    a.note = this.optString(item, 'note');
    a.origin = this.optEnum(item, 'origin', ORIGINS);
    if (this.errors !== errorsBefore) return undefined;
    for (const k of ['speaker', 'demand', 'stance', 'text', 'prefix', 'suffix', 'note', 'origin'] as const) {
      if (a[k] === undefined) delete a[k];
    }
    return a;
  }
}

/** A child node as it is, scalar or collection: `YAMLMap.get(key, true)` typed loosely. */
function child(map: YAMLMap, key: string): Node | undefined {
  return (map.get(key, true) as unknown as Node | null) ?? undefined;
}

function rangeOf(node: Node | Pair | null | undefined): [number, number] {
  const r = node && 'range' in node ? node.range : undefined;
  return r ? [r[0], Math.max(r[1], r[0] + 1)] : [0, 1];
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------
// Writing

const DOCUMENT_KEYS = ['file', 'sha256', 'offsets'] as const;
const SPEAKER_KEYS = ['name', 'kind', 'role', 'aliases', 'members', 'note'] as const;
const DEMAND_KEYS = ['summary', 'by', 'to', 'status', 'note'] as const;
const ANNOTATION_KEYS = ['id', 'type', 'speaker', 'demand', 'stance', 'start', 'end', 'text', 'prefix', 'suffix', 'note', 'origin'] as const;
const TOP_KEYS = ['version', 'document', 'speakers', 'demands', 'annotations'] as const;

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
  setFields(doc, root, fields, TOP_KEYS, ['document', 'speakers', 'demands', 'annotations']);

  const docMap = ensureMap(doc, root, 'document');
  const d = sidecar.document;
  setFields(doc, docMap, { file: d.file, sha256: d.sha256, offsets: d.offsets }, DOCUMENT_KEYS);

  syncEntries(doc, ensureMap(doc, root, 'speakers'), sidecar.speakers, (s) => ({
    name: s.name,
    kind: s.kind,
    role: s.role,
    aliases: s.aliases,
    members: s.members,
    note: s.note,
  }), SPEAKER_KEYS);
  syncEntries(doc, ensureMap(doc, root, 'demands'), sidecar.demands, (m) => ({
    summary: m.summary,
    by: m.by,
    to: m.to,
    status: m.status,
    note: m.note,
  }), DEMAND_KEYS);

  const existingSeq: unknown = child(root, 'annotations');
  let seq: YAMLSeq;
  if (isSeq(existingSeq)) seq = existingSeq;
  else {
    seq = new YAMLSeq();
    root.set('annotations', seq);
  }
  const byId = new Map<string, YAMLMap>();
  for (const item of seq.items) {
    if (isMap(item)) {
      const id = item.get('id');
      if (id !== undefined) byId.set(String(id), item);
    }
  }
  seq.items = [...sidecar.annotations].sort(compareAnnotations).map((a) => {
    const map = byId.get(a.id) ?? new YAMLMap();
    const values: Record<string, unknown> = {};
    for (const k of ANNOTATION_KEYS) values[k] = a[k];
    setFields(doc, map, values, ANNOTATION_KEYS);
    return map;
  });
  return doc.toString(TO_STRING);
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
): void {
  // Existing entries keep their place (people order speakers by hand); new ones go last.
  map.items = map.items.filter((pair) => isScalar(pair.key) && entries.has(String(pair.key.value)));
  for (const [id, entry] of entries) {
    const existing: unknown = child(map, id);
    let node: YAMLMap;
    if (isMap(existing)) node = existing;
    else {
      node = new YAMLMap();
      map.set(id, node);
    }
    setFields(doc, node, toFields(entry), keys);
  }
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
      if (idx !== -1) map.items.splice(idx, 1);
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

function sameValue(node: Node | null, value: unknown): boolean {
  if (Array.isArray(value)) {
    return isSeq(node) && node.items.length === value.length && node.items.every((n, i) => isScalar(n) && n.value === value[i]);
  }
  return isScalar(node) && node.value === value;
}

function createValueNode(doc: Document, value: unknown, previous: Node | null): Node {
  const node = doc.createNode(value) as Node;
  if (isScalar(node) && typeof value === 'string') {
    // Multi-line text reads best, and diffs smallest, as a block scalar; the yaml library
    // falls back to a quoted style where a block cannot hold the string exactly.
    if (isScalar(previous) && previous.type) node.type = previous.type;
    else if (value.includes('\n') && !/[\r\t]|^\s|\s$/.test(value)) node.type = Scalar.BLOCK_LITERAL;
    else if (looksAmbiguous(value)) node.type = Scalar.QUOTE_SINGLE;
  }
  return node;
}

/** Strings that YAML would otherwise read back as something else, or that carry edge spaces. */
function looksAmbiguous(value: string): boolean {
  return value !== value.trim() || value === '';
}

export { TO_STRING as SIDECAR_TO_STRING_OPTIONS };
