// Speaker and demand ids as they stand in a sidecar's own text, with their source ranges: the
// language features of the sidecar file (hover, Go to Definition, Find All References,
// completion, rename) read this. Works on whatever the yaml parser makes of a half-typed file.
import { isMap, isScalar, isSeq, Node, parse, parseDocument, Scalar } from 'yaml';
import { idProblem } from './editing';
import { basename, dirname, join } from './posixPath';
import { sidecarRelativePath } from './sidecarPath';

export type EntityKind = 'speaker' | 'demand';

export interface IdOccurrence {
  kind: EntityKind;
  id: string;
  /** [start, end) of the id's characters (inside the quotes of a quoted one). */
  start: number;
  end: number;
  /** A key under `speakers` or `demands`: where the id is defined. */
  definition: boolean;
  /** How the id is written, so a rename can keep it so. */
  style: 'plain' | 'single' | 'double';
  /** Whether [start, end) is exactly the id (false for a quoted id written with escapes). */
  exact: boolean;
  /** A definition's name or summary, when it has one, for completion. */
  label?: string;
}

export interface SidecarIds {
  occurrences: IdOccurrence[];
}

type Path = (string | number)[];

/** Every id occurrence of a sidecar's text, in text order. */
export function sidecarIds(source: string): SidecarIds {
  const doc = parseDocument(source, { uniqueKeys: false, prettyErrors: false });
  const occurrences: IdOccurrence[] = [];
  const add = (node: unknown, kind: EntityKind, definition: boolean, label?: string) => {
    const o = occurrence(node, kind, definition, source);
    if (o) occurrences.push(label === undefined ? o : { ...o, label });
  };
  const walk = (node: Node | null | undefined, path: Path) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key) || pair.key.value === null) continue;
        const key = String(pair.key.value);
        const at = [...path, key];
        const defines = keyKind(at);
        if (defines) add(pair.key, defines.kind, defines.definition, labelOf(pair.value));
        walk(pair.value as Node | null, at);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as Node | null, [...path, i]));
    } else if (isScalar(node)) {
      const kind = linkKind(typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path);
      if (kind) add(node, kind, false);
    }
  };
  walk(doc.contents as Node | null, []);
  occurrences.sort((a, b) => a.start - b.start);
  return { occurrences };
}

function labelOf(entry: unknown): string | undefined {
  if (!isMap(entry)) return undefined;
  const value = entry.get('name') ?? entry.get('summary');
  return typeof value === 'string' ? value : undefined;
}

/** A key that is an id: the entries of `speakers` and `demands`, and their conflicts. */
function keyKind(path: Path): { kind: EntityKind; definition: boolean } | undefined {
  if (path.length === 2 && path[0] === 'speakers') return { kind: 'speaker', definition: true };
  if (path.length === 2 && path[0] === 'demands') return { kind: 'demand', definition: true };
  if (path.length === 3 && path[0] === 'conflicts' && path[1] === 'speakers') return { kind: 'speaker', definition: false };
  if (path.length === 3 && path[0] === 'conflicts' && path[1] === 'demands') return { kind: 'demand', definition: false };
  return undefined;
}

/** What a field at `path` links to: an annotation's (or rejected entry's) speaker and demand, a group's members, a demand's by and to. */
function linkKind(path: Path): EntityKind | undefined {
  const field = path[path.length - 1];
  const entry = path.slice(0, -1);
  const [root, second, , fourth] = entry;
  const isEntry = (section: string) =>
    (entry.length === 2 && root === section) || (entry.length === 4 && root === 'conflicts' && second === section && fourth === 'theirs');
  if ((isEntry('annotations') || (entry.length === 2 && root === 'rejected' && typeof second === 'number')) && (field === 'speaker' || field === 'demand')) return field;
  if (isEntry('speakers') && field === 'members') return 'speaker';
  if (isEntry('demands') && (field === 'by' || field === 'to')) return 'speaker';
  return undefined;
}

function occurrence(node: unknown, kind: EntityKind, definition: boolean, source: string): IdOccurrence | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || !node.range) return undefined;
  const style = node.type === Scalar.PLAIN ? 'plain' : node.type === Scalar.QUOTE_SINGLE ? 'single' : node.type === Scalar.QUOTE_DOUBLE ? 'double' : undefined;
  if (!style || typeof node.value === 'object') return undefined;
  const id = String(node.value);
  const [from, to] = node.range;
  const [start, end] = style === 'plain' ? [from, to] : [from + 1, to - 1];
  return { kind, id, start, end, definition, style, exact: source.slice(start, end) === id };
}

/** The id at an offset; a cursor just after an id counts as on it, as for VS Code's words. */
export function idAt(ids: SidecarIds, offset: number): IdOccurrence | undefined {
  return ids.occurrences.find((o) => o.start <= offset && offset <= o.end && o.end > o.start);
}

/** Where an id is defined in this file (undefined when it is defined elsewhere: the workspace speakers file, another sidecar). */
export function definitionOf(ids: SidecarIds, kind: EntityKind, id: string): IdOccurrence | undefined {
  return ids.occurrences.find((o) => o.definition && o.kind === kind && o.id === id);
}

/** Every occurrence of an id of a kind, its definition included, in text order. */
export function usesOf(ids: SidecarIds, kind: EntityKind, id: string): IdOccurrence[] {
  return ids.occurrences.filter((o) => o.kind === kind && o.id === id);
}

export function definedIds(ids: SidecarIds, kind: EntityKind): string[] {
  return [...new Set(ids.occurrences.filter((o) => o.definition && o.kind === kind).map((o) => o.id))];
}

const ID_CHAR = /[\p{L}\p{N}._-]/u;

/** A link's key then the value typed so far, at the end of the line's text before the cursor (block or flow style). */
const LINK_BEFORE = /(?:^\s*(?:-\s+)?|[{,]\s*)(speaker|demand|by|to|members)\s*:(?:\s*\[[^\]]*)?\s*[^\s,{}[\]#:]*$/;
const ITEM_LINE = /^(\s*)-(?=\s|$)/;
const FIELDS_OF: Record<string, string[]> = {
  annotations: ['speaker', 'demand'],
  rejected: ['speaker', 'demand'],
  speakers: ['members'],
  demands: ['by', 'to'],
  conflicts: ['speaker', 'demand', 'members', 'by', 'to'],
};

/**
 * What to complete at an offset inside a link's value (speaker:, demand:, by:, to:, members:,
 * or an item of a block list under by:, to: or members:): its kind, and the range of the id
 * being typed. Read from the lines around the cursor, not from a parse, so it stays instant
 * while typing in a sidecar of ten thousand annotations.
 */
export function completionAt(source: string, offset: number): { kind: EntityKind; start: number; end: number } | undefined {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = lineEndAt(source, offset);
  const line = source.slice(lineStart, lineEnd);
  const before = line.slice(0, offset - lineStart);
  let field = LINK_BEFORE.exec(before)?.[1];
  const item = ITEM_LINE.exec(line);
  if (!field && item && before.length > item[0].length && /^\s*[^\s,{}[\]#:]*$/.test(before.slice(item[0].length))) {
    field = parentField(source, lineStart, item[1].length);
  }
  if (!field) return undefined;
  const section = topLevelKey(source, lineStart);
  if (!section || !FIELDS_OF[section]?.includes(field)) return undefined;
  let start = offset;
  let end = offset;
  while (start > lineStart && ID_CHAR.test(source[start - 1])) start--;
  while (end < lineEnd && ID_CHAR.test(source[end])) end++;
  return { kind: field === 'demand' ? 'demand' : 'speaker', start, end };
}

function lineEndAt(source: string, offset: number): number {
  const eol = source.indexOf('\n', offset);
  const end = eol < 0 ? source.length : eol;
  return source[end - 1] === '\r' ? end - 1 : end;
}

/** The key a block list item at `indent` belongs to: the nearest line above that is less indented, or as indented and not an item. */
function parentField(source: string, lineStart: number, indent: number): string | undefined {
  for (let end = lineStart - 1; end > 0; ) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    const line = source.slice(start, lineEndAt(source, start));
    end = start - 1;
    const text = line.trimStart();
    if (!text || text.startsWith('#')) continue;
    const lineIndent = line.length - text.length;
    if (lineIndent > indent || (lineIndent === indent && text.startsWith('-'))) continue;
    return /^(?:-\s+)?(by|to|members)\s*:\s*(?:#.*)?$/.exec(text)?.[1];
  }
  return undefined;
}

/** The top-level key whose section holds the line: the nearest line above that starts at column 0. */
function topLevelKey(source: string, lineStart: number): string | undefined {
  for (let end = lineStart - 1; end > 0; ) {
    const start = source.lastIndexOf('\n', end - 1) + 1;
    end = start - 1;
    const c = source[start];
    if (c === undefined || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '#' || c === '-') continue;
    return /^([^\s:#]+)\s*:/.exec(source.slice(start, start + 100))?.[1];
  }
  return undefined;
}

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edits renaming an id everywhere in the file (its definition, every link to it, its
 * conflicts and rejected suggestions), or why not. Each keeps the id's quoting; a plain id
 * that YAML would read as something else (`null`, `1.50`) is single-quoted.
 */
export function renameEdits(ids: SidecarIds, target: Pick<IdOccurrence, 'kind' | 'id'>, newId: string): { edits: TextEdit[] } | { error: string } {
  const taken = (id: string) => id !== target.id && definedIds(ids, target.kind).includes(id);
  const problem = idProblem(newId, taken);
  if (problem) return { error: problem.replace('already used.', `already the id of another ${target.kind} in this file.`) };
  if (newId === target.id) return { edits: [] };
  const plain = plainReadsAs(newId) ? newId : `'${newId}'`;
  return {
    edits: usesOf(ids, target.kind, target.id).map((o) => {
      if (o.style === 'plain') return { start: o.start, end: o.end, text: plain };
      // An id has no quote or backslash in it, so it goes between the same quotes as it is.
      if (o.exact) return { start: o.start, end: o.end, text: newId };
      return { start: o.start - 1, end: o.end + 1, text: o.style === 'single' ? `'${newId}'` : `"${newId}"` };
    }),
  };
}

function plainReadsAs(id: string): boolean {
  try {
    return parse(id) === id;
  } catch {
    return false;
  }
}

/**
 * The article a sidecar belongs to, by its path: the name in `document.file`, or the name the
 * sidecar pattern derives it from, accepted only if the pattern names this very sidecar for it
 * (so a hand-written `document.file` never points a hover at some other file).
 */
export function articlePathFor(sidecarPath: string, documentFile: string | undefined, pattern: string): string | undefined {
  const candidates = documentFile ? [basename(documentFile)] : [];
  const name = basename(sidecarPath);
  const lastPart = pattern.replace(/\\/g, '/').split('/').pop() ?? '';
  if (lastPart.includes('${file}') && !lastPart.includes('${name}')) {
    const [before, ...after] = lastPart.split('${file}');
    const rest = after.join('${file}');
    if (name.startsWith(before) && name.endsWith(rest) && name.length > before.length + rest.length) candidates.push(name.slice(before.length, name.length - rest.length));
  }
  for (const candidate of candidates) {
    const rel = sidecarRelativePath(candidate, pattern);
    if (sidecarPath === rel || sidecarPath.endsWith('/' + rel)) return join(dirname(sidecarPath.slice(0, sidecarPath.length - rel.length) + 'x'), candidate);
  }
  return undefined;
}
