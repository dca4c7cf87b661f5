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

/** Where the value of a link (speaker:, demand:, by:, to:, members:) is written or is to be typed. */
export interface LinkSlot {
  kind: EntityKind;
  start: number;
  end: number;
}

export interface SidecarIds {
  occurrences: IdOccurrence[];
  slots: LinkSlot[];
}

type Path = (string | number)[];

/** Every id occurrence and link slot of a sidecar's text, in text order. */
export function sidecarIds(source: string): SidecarIds {
  const doc = parseDocument(source, { uniqueKeys: false, prettyErrors: false });
  const occurrences: IdOccurrence[] = [];
  const slots: LinkSlot[] = [];
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
        const links = linkKind(at);
        const keyEnd = pair.key.range?.[1];
        if (links && keyEnd !== undefined) slots.push({ kind: links, start: keyEnd + 1, end: slotEnd(pair.value as Node | null, keyEnd, source) });
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
  return { occurrences, slots };
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

/** A link's value region ends with its value, or, with none yet, at the end of the key's line. */
function slotEnd(value: Node | null, keyEnd: number, source: string): number {
  const r = value?.range;
  if (r && !(isScalar(value) && value.value === null)) return r[1];
  const eol = source.indexOf('\n', keyEnd);
  return (eol < 0 ? source.length : eol) - (source[eol - 1] === '\r' ? 1 : 0);
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

/** What to complete at an offset inside a link's value: its kind, and the range of the id being typed. */
export function completionAt(ids: SidecarIds, source: string, offset: number): { kind: EntityKind; start: number; end: number } | undefined {
  const slot = ids.slots.find((s) => s.start <= offset && offset <= s.end);
  if (!slot) return undefined;
  let start = offset;
  let end = offset;
  while (start > slot.start && ID_CHAR.test(source[start - 1])) start--;
  while (end < slot.end && ID_CHAR.test(source[end])) end++;
  return { kind: slot.kind, start, end };
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
