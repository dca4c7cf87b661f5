// Reading sidecar files (docs/SIDECAR.md): parsing, then checking (sidecarValidate.ts), with
// every problem located at file line and column. Writing is in sidecarWrite.ts.
import * as jsyaml from 'js-yaml';
import { Document, isMap, isScalar, isSeq, LineCounter, Node, parseDocument } from 'yaml';
import { Sidecar } from './model';
import { fastLoad } from './sidecarFastYaml';
import { conflictMarkers, forbiddenCharacters, lineColumn, nonPrintableNear, SourceProblem } from './sidecarSource';
import { Path, RawProblem, validate } from './sidecarValidate';
import { yamlSyntaxProblem } from './yamlSyntax';

export { serializeSidecar, SIDECAR_TO_STRING_OPTIONS } from './sidecarWrite';

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
  /** Where each annotation stands in the file: [start, end) of its item, and of its `start` and `end` values. */
  readonly annotationRanges: Map<string, { item: [number, number]; start?: [number, number]; end?: [number, number] }>;
  readonly lineCounter: LineCounter;
}

/**
 * Reads a sidecar. The fast path is js-yaml into plain data (the yaml package's Document
 * parser is several times slower, too slow for a 10,000-annotation file on open); the
 * Document, with node positions, is parsed only when something needs it: a problem to
 * locate, an orphan to point at, or a rewrite. Before either, the raw text is checked for
 * what makes the file unreadable as a whole (sidecarSource.ts): conflict markers, forbidden
 * characters.
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
          const doc = full().doc;
          ranges.set(id, { item: locate(doc, ['annotations', i]), start: locate(doc, ['annotations', i, 'start']), end: locate(doc, ['annotations', i, 'end']) });
        }
      }
      return ranges;
    },
  });

  const loaded = loadYamlData(source);
  if ('problems' in loaded) {
    problems.push(...loaded.problems);
    return result();
  }
  const data = loaded.data;
  const v = validate(data);
  ids = v.ids;
  if (v.problems.length) {
    const doc = full().doc;
    for (const p of v.problems) at(p.severity, p.message, locate(doc, p.path, p.atKey), p.annotationId);
  }
  return result(v.sidecar, v.readOnly);
}

/**
 * The plain data of a YAML file of ours (a sidecar, the workspace speakers file), or why it has
 * none: what makes the file unreadable as a whole is checked on the raw text first (conflict
 * markers, forbidden characters), then js-yaml reads it; every problem is an error, positioned.
 */
export function loadYamlData(source: string): { data: unknown } | { problems: Problem[] } {
  const problems: Problem[] = [];
  const fromSource = (found: SourceProblem[]) => {
    for (const p of found) problems.push({ severity: 'error', message: p.message, start: p.start, end: p.end, ...lineColumn(source, p.start) });
    return found.length > 0;
  };
  // Conflict markers first: they are the cause of whatever else looks wrong in such a file.
  if (fromSource(conflictMarkers(source)) || fromSource(forbiddenCharacters(source))) return { problems };
  try {
    // The layout our writer produces is read by a fast reader of its own; anything else, and
    // every error, by js-yaml (sidecarFastYaml.ts).
    const fast = fastLoad(source);
    return { data: fast ? fast.value : jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA }) };
  } catch (e) {
    if (!(e instanceof jsyaml.YAMLException)) throw e;
    // js-yaml drops a leading BOM before it counts, and its line and column are not always
    // maintained (a NUL is reported on line 1): only its position is, so count from that.
    const mark = (e as jsyaml.YAMLException & { mark?: { position: number } }).mark;
    const offset = Math.min((mark?.position ?? 0) + (source.charCodeAt(0) === 0xfeff ? 1 : 0), source.length);
    const near = /non-printable/.test(e.reason) ? nonPrintableNear(source, offset) : yamlSyntaxProblem(source, e.reason, offset);
    fromSource([near ?? { message: `Not valid YAML: ${e.reason}`, start: offset, end: offset + 1 }]);
    return { problems };
  }
}

/** Problems found on a file's plain data, positioned in its source (parses the yaml Document: slow, so only when there are some). */
export function locateProblems(source: string, raw: readonly RawProblem[]): Problem[] {
  if (raw.length === 0) return [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  return raw.map((p) => {
    const [start, end] = locate(doc, p.path, p.atKey);
    const pos = lineCounter.linePos(start);
    return { severity: p.severity, message: p.message, start, end, line: pos.line, column: pos.col, annotationId: p.annotationId };
  });
}

/** The source range of the node at `path`, or of the deepest node on the way when it is missing. */
export function locate(doc: Document, path: Path, atKey = false): [number, number] {
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

function rangeOf(node: Node | null | undefined): [number, number] {
  const r = node && 'range' in node ? node.range : undefined;
  return r ? [r[0], Math.max(r[1], r[0] + 1)] : [0, 1];
}
