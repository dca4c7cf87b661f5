// Reading, validating and writing sidecar files (../../shared/docs/SIDECAR.md).
// Rewrites go through the yaml Document the file was read into, so a rewrite changes only
// what changed: comments, key order, scalar styles and unknown keys survive.
import * as jsyaml from 'js-yaml';
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
import { colorProblem, ownColorClashes } from './palette';

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
  problems: Problem[];
  /** A file we must not rewrite: it has errors, or a newer version than we know. */
  readOnly: boolean;
  /** The yaml Document for rewriting with comments kept (parsed on first use: it is slow). */
  readonly doc: Document;
  /** Where each annotation stands in the file: [start, end) of its item, and of its `start` value. */
  readonly annotationRanges: Map<string, { item: [number, number]; start?: [number, number] }>;
  readonly lineCounter: LineCounter;
}

/** Options that make `toString` reproduce hand-written and our own files byte for byte. */
const TO_STRING = { lineWidth: 0, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER } as const;

type Path = (string | number)[];

interface RawProblem {
  severity: Problem['severity'];
  message: string;
  path: Path;
  /** Point at the mapping key at the end of `path` rather than its value. */
  atKey?: boolean;
  annotationId?: string;
}

/**
 * Reads a sidecar. The fast path is js-yaml into plain data (the yaml package's Document
 * parser is several times slower, too slow for a 10,000-annotation file on open); the
 * Document, with node positions, is parsed only when something needs it: a problem to
 * locate, an orphan to point at, or a rewrite.
 */
export function parseSidecar(source: string): ParsedSidecar {
  let cached: { doc: Document; lineCounter: LineCounter } | undefined;
  const full = () => {
    if (!cached) {
      const lineCounter = new LineCounter();
      cached = { doc: parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false }), lineCounter };
    }
    return cached;
  };
  const position = (offset: number) => full().lineCounter.linePos(offset);
  const problems: Problem[] = [];
  const at = (severity: Problem['severity'], message: string, [start, end]: [number, number], annotationId?: string) => {
    const pos = position(start);
    problems.push({ severity, message, start, end, line: pos.line, column: pos.col, annotationId });
  };
  let ids: Map<string, number> = new Map();
  let ranges: ParsedSidecar['annotationRanges'] | undefined;
  const result = (sidecar?: Sidecar, readOnly = false): ParsedSidecar => ({
    sidecar,
    problems,
    readOnly: readOnly || problems.some((p) => p.severity === 'error'),
    get doc() {
      return full().doc;
    },
    get lineCounter() {
      return full().lineCounter;
    },
    get annotationRanges() {
      if (!ranges) {
        ranges = new Map();
        for (const [id, i] of ids) {
          ranges.set(id, { item: locate(full().doc, ['annotations', i]), start: locate(full().doc, ['annotations', i, 'start']) });
        }
      }
      return ranges;
    },
  });

  let data: unknown;
  try {
    data = jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA });
  } catch (e) {
    if (!(e instanceof jsyaml.YAMLException)) throw e;
    const mark = (e as jsyaml.YAMLException & { mark?: { position: number; line: number; column: number } }).mark;
    const offset = Math.min(mark?.position ?? 0, source.length);
    problems.push({
      severity: 'error',
      message: `Not valid YAML: ${e.reason}`,
      start: offset,
      end: offset + 1,
      line: (mark?.line ?? 0) + 1,
      column: (mark?.column ?? 0) + 1,
    });
    return result();
  }
  const v = validate(data);
  ids = v.ids;
  if (v.problems.length) {
    const doc = full().doc;
    for (const p of v.problems) at(p.severity, p.message, locate(doc, p.path, p.atKey), p.annotationId);
  }
  return result(v.sidecar, v.readOnly);
}

/** The source range of the node at `path`, or of the deepest node on the way when it is missing. */
function locate(doc: Document, path: Path, atKey = false): [number, number] {
  let node: unknown = doc.contents;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (atKey && i === path.length - 1) return rangeOf(pair.key as Node);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
    } else break;
  }
  return rangeOf(node as Node);
}

/** Checks plain data against the format; returns a best-effort model and problems by path. */
function validate(data: unknown): { sidecar?: Sidecar; problems: RawProblem[]; readOnly: boolean; ids: Map<string, number> } {
  const problems: RawProblem[] = [];
  const ids = new Map<string, number>();
  const c = new Checker(problems);
  if (!isRecord(data)) {
    c.error('A sidecar must be a YAML mapping with version, speakers, demands and annotations', []);
    return { problems, readOnly: true, ids };
  }
  const version = data.version;
  if (version === undefined) {
    c.error(`Missing "version" (this extension reads version ${SIDECAR_VERSION})`, []);
    return { problems, readOnly: true, ids };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    c.error(`Unknown sidecar version ${JSON.stringify(version)} (this extension reads version ${SIDECAR_VERSION})`, ['version']);
    return { problems, readOnly: true, ids };
  }
  let readOnly = false;
  if (version > SIDECAR_VERSION) {
    problems.push({
      severity: 'warning',
      message: `Sidecar version ${version} is newer than this extension understands (${SIDECAR_VERSION}); it is shown read-only and will not be rewritten`,
      path: ['version'],
    });
    readOnly = true;
  }
  const sidecar: Sidecar = { version, document: { offsets: 'utf16' }, speakers: new Map(), demands: new Map(), annotations: [] };

  if (data.document !== undefined && data.document !== null) {
    if (!isRecord(data.document)) c.error('"document" must be a mapping', ['document']);
    else {
      const d = data.document;
      sidecar.document.file = c.optString(d, ['document'], 'file');
      sidecar.document.sha256 = c.optString(d, ['document'], 'sha256');
      sidecar.document.offsets = c.optEnum(d, ['document'], 'offsets', OFFSET_UNITS) ?? 'utf16';
    }
  }
  for (const [id, e, path] of c.entries(data, 'speakers')) {
    sidecar.speakers.set(id, {
      id,
      name: c.reqString(e, path, 'name', `speaker "${id}"`) ?? id,
      kind: c.reqEnum(e, path, 'kind', SPEAKER_KINDS, `speaker "${id}"`) ?? 'person',
      role: c.optString(e, path, 'role'),
      aliases: c.stringList(e, path, 'aliases'),
      members: c.stringList(e, path, 'members'),
      note: c.optString(e, path, 'note'),
    });
    // A bad colour is only a warning: the speaker is drawn in the automatic colour, and the
    // value is kept as written so a rewrite does not drop it (a list or mapping is an error,
    // as in any text field).
    const color = c.optString(e, path, 'color');
    const colorIssue = color !== undefined || e.color === null ? colorProblem(id, color ?? null) : undefined;
    if (colorIssue) problems.push({ severity: 'warning', message: colorIssue, path: [...path, 'color'], atKey: e.color === null });
    if (color !== undefined) sidecar.speakers.get(id)!.color = color;
  }
  for (const clash of ownColorClashes(sidecar)) problems.push({ severity: 'warning', message: clash.message, path: ['speakers', clash.speakerId, 'color'] });
  for (const [id, e, path] of c.entries(data, 'demands')) {
    sidecar.demands.set(id, {
      id,
      summary: c.reqString(e, path, 'summary', `demand "${id}"`) ?? id,
      by: c.stringList(e, path, 'by'),
      to: c.stringList(e, path, 'to'),
      status: c.optEnum(e, path, 'status', DEMAND_STATUSES),
      note: c.optString(e, path, 'note'),
    });
  }
  // Links between entities are checked once all of them are known.
  for (const s of sidecar.speakers.values()) c.knownIds(s.members, ['speakers', s.id, 'members'], sidecar.speakers, 'speaker', `speaker "${s.id}"`);
  for (const d of sidecar.demands.values()) {
    c.knownIds(d.by, ['demands', d.id, 'by'], sidecar.speakers, 'speaker', `demand "${d.id}"`);
    c.knownIds(d.to, ['demands', d.id, 'to'], sidecar.speakers, 'speaker', `demand "${d.id}"`);
  }

  const list = data.annotations;
  if (list !== undefined && list !== null && !Array.isArray(list)) c.error('"annotations" must be a list', ['annotations']);
  if (Array.isArray(list)) {
    list.forEach((item, i) => {
      const a = c.annotation(item, ['annotations', i], sidecar, ids);
      if (a) {
        ids.set(a.id, i);
        sidecar.annotations.push(a);
      }
    });
  }
  sidecar.annotations.sort(compareAnnotations);
  return { sidecar, problems, readOnly, ids };
}

/** Field-level checks that record problems at the offending path and return a best-effort value. */
class Checker {
  /** Errors recorded so far: lets `annotation` tell whether any of its checks failed. */
  private errors = 0;
  constructor(private readonly problems: RawProblem[]) {}

  error(message: string, path: Path, annotationId?: string, atKey = false): void {
    this.errors++;
    this.problems.push({ severity: 'error', message, path, annotationId, atKey });
  }

  *entries(root: Record<string, unknown>, key: string): Generator<[string, Record<string, unknown>, Path]> {
    const value = root[key];
    if (value === undefined || value === null) return;
    if (!isRecord(value)) {
      this.error(`"${key}" must be a mapping from id to entry`, [key]);
      return;
    }
    for (const [id, entry] of Object.entries(value)) {
      if (!isRecord(entry)) {
        this.error(`Entry "${id}" of "${key}" must be a mapping of fields`, [key, id]);
        continue;
      }
      yield [id, entry, [key, id]];
    }
  }

  optString(map: Record<string, unknown>, path: Path, key: string): string | undefined {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.error(`"${key}" must be text`, [...path, key]);
    return undefined;
  }

  reqString(map: Record<string, unknown>, path: Path, key: string, what: string, annotationId?: string): string | undefined {
    if (map[key] === undefined || map[key] === null) {
      this.error(`${capitalize(what)} has no "${key}"`, path, annotationId);
      return undefined;
    }
    return this.optString(map, path, key);
  }

  optEnum<T extends string>(map: Record<string, unknown>, path: Path, key: string, allowed: readonly T[]): T | undefined {
    const value = this.optString(map, path, key);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.error(`"${key}" must be one of ${allowed.join(', ')}, not "${value}"`, [...path, key]);
    return undefined;
  }

  reqEnum<T extends string>(map: Record<string, unknown>, path: Path, key: string, allowed: readonly T[], what: string): T | undefined {
    if (map[key] === undefined || map[key] === null) {
      this.error(`${capitalize(what)} has no "${key}" (one of ${allowed.join(', ')})`, path);
      return undefined;
    }
    return this.optEnum(map, path, key, allowed);
  }

  stringList(map: Record<string, unknown>, path: Path, key: string): string[] {
    const value = map[key];
    if (value === undefined || value === null) return [];
    if (typeof value === 'string' || typeof value === 'number') return [String(value)];
    if (!Array.isArray(value)) {
      this.error(`"${key}" must be a list`, [...path, key]);
      return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      if (typeof item === 'string' || typeof item === 'number') out.push(String(item));
      else this.error(`Each item of "${key}" must be text`, [...path, key, i]);
    });
    return out;
  }

  knownIds(ids: string[], path: Path, known: Map<string, unknown>, kind: string, what: string): void {
    ids.forEach((id, i) => {
      if (!known.has(id)) this.error(`${capitalize(what)}: unknown ${kind} id "${id}" in "${path[path.length - 1]}"`, ids.length === 1 ? [...path, 0] : [...path, i]);
    });
  }

  offset(map: Record<string, unknown>, path: Path, key: string, id: string): number | undefined {
    const value = map[key];
    if (value === undefined || value === null) {
      this.error(`Annotation "${id}" has no "${key}"`, path, id);
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      this.error(`Annotation "${id}": "${key}" must be a whole number ≥ 0`, [...path, key], id);
      return undefined;
    }
    return value;
  }

  annotation(item: unknown, path: Path, sidecar: Sidecar, seen: Map<string, number>): Annotation | undefined {
    if (!isRecord(item)) {
      this.error('Each annotation must be a mapping with id, type, start and end', path);
      return undefined;
    }
    const errorsBefore = this.errors;
    const id = this.optString(item, path, 'id');
    if (id === undefined) {
      this.error('Annotation has no "id"', path);
      return undefined;
    }
    if (seen.has(id)) this.error(`Duplicate annotation id "${id}"`, [...path, 'id'], id);
    const type = this.reqEnum(item, path, 'type', ANNOTATION_TYPES, `annotation "${id}"`);
    const start = this.offset(item, path, 'start', id);
    const end = this.offset(item, path, 'end', id);
    if (start !== undefined && end !== undefined && end < start) {
      this.error(`Annotation "${id}": "end" (${end}) is before "start" (${start})`, [...path, 'end'], id);
    }
    const a: Annotation = { id, type: type ?? 'mention', start: start ?? 0, end: end ?? 0 };
    const link = (key: 'speaker' | 'demand', known: Map<string, unknown>) => {
      const needed = key === 'speaker' ? type !== 'demand' : type === 'demand' || type === 'response';
      const value = needed ? this.reqString(item, path, key, `annotation "${id}" (${type})`, id) : this.optString(item, path, key);
      if (value !== undefined && !known.has(value)) this.error(`Annotation "${id}": unknown ${key} id "${value}"`, [...path, key], id);
      return value;
    };
    const speaker = link('speaker', sidecar.speakers);
    const demand = link('demand', sidecar.demands);
    const optional = {
      speaker,
      demand,
      stance: this.optEnum(item, path, 'stance', STANCES),
      text: this.optString(item, path, 'text'),
      prefix: this.optString(item, path, 'prefix'),
      suffix: this.optString(item, path, 'suffix'),
      note: this.optString(item, path, 'note'),
      origin: this.optEnum(item, path, 'origin', ORIGINS),
    };
    if (this.errors !== errorsBefore) return undefined;
    for (const [k, value] of Object.entries(optional)) if (value !== undefined) (a as unknown as Record<string, unknown>)[k] = value;
    return a;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function rangeOf(node: Node | null | undefined): [number, number] {
  const r = node && 'range' in node ? node.range : undefined;
  return r ? [r[0], Math.max(r[1], r[0] + 1)] : [0, 1];
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A child node as it is, scalar or collection: `YAMLMap.get(key, true)` typed loosely. */
function child(map: YAMLMap, key: string): Node | undefined {
  return (map.get(key, true) as unknown as Node | null) ?? undefined;
}

// ---------------------------------------------------------------------------------------
// Writing

const DOCUMENT_KEYS = ['file', 'sha256', 'offsets'] as const;
const SPEAKER_KEYS = ['name', 'kind', 'role', 'aliases', 'members', 'note', 'color'] as const;
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
    setFields(doc, map, values, ANNOTATION_KEYS);
    return map;
  });
  return doc.toString(TO_STRING);
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
    if (!pair || !isMap(pair.value)) pair = doc.createPair(id, new YAMLMap()) as Pair;
    setFields(doc, pair.value as YAMLMap, toFields(entry), keys);
    return pair as Pair<unknown, unknown>;
  });
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
