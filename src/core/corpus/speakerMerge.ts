// Merging duplicate speakers: the plan of what every affected file becomes when the ids `drop`
// become `keep`. Nothing is written here; the caller applies the plan (the extension as one
// undoable workspace edit, the CLI file by file, atomically).
//
// In each sidecar that defines or uses a dropped id, on the yaml Document it was read from (so
// comments, key order, styles and unknown keys stay): annotations' and rejected suggestions'
// `speaker`, demands' `by` and `to`, groups' `members` name `keep` instead (each id once; a group
// never its own member). A dropped speaker's entry goes: where the sidecar defines `keep`, its
// name and aliases become aliases of `keep` (and a role or note `keep` lacks is taken); where it
// does not, the first dropped entry is renamed `keep` in place, with keep's name and kind (from
// the workspace speakers file, else the first sidecar that defines it) and its old name and aliases
// as aliases, so the sidecar still reads on its own. The workspace speakers file is merged the
// same way, attributes included (keep's value wins a conflict, which the summary names).
//
// A file is planned only when it parsed without errors and the result reads back without one.
import { Document, isMap, isScalar, isSeq, Pair, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { parseSidecar, SIDECAR_TO_STRING_OPTIONS } from '../sidecar';
import { Corpus } from './corpus';
import { corpusSpeakers } from './duplicates';

export interface PlannedFile {
  path: string;
  /** The new text of the file. */
  text: string;
  /** What changed, in words, for the summary. */
  changes: string[];
}

export interface SpeakerMergePlan {
  keep: string;
  drop: string[];
  files: PlannedFile[];
  /** Affected files not planned, and why. */
  skipped: { path: string; reason: string }[];
  /** One line per file, then conflicts to look at. */
  summary: string[];
}

export interface SpeakerMergeOptions {
  /** The workspace speakers file's path, or each root's (their texts in `sources`); those that define a dropped id are merged too. */
  speakersFile?: string | readonly string[];
}

export class SpeakerMergeError extends Error {}

/** A speaker entry's keys in their canonical order (docs/SIDECAR.md), the workspace file's attributes last. */
const ENTRY_KEYS = ['name', 'kind', 'role', 'aliases', 'members', 'note', 'color', 'attributes'];

export function planSpeakerMerge(corpus: Corpus, keep: string, drop: readonly string[], sources: ReadonlyMap<string, string>, options: SpeakerMergeOptions = {}): SpeakerMergePlan {
  const dropped = [...new Set(drop)];
  if (dropped.length === 0) throw new SpeakerMergeError('no speaker to merge into the one kept');
  if (dropped.includes(keep)) throw new SpeakerMergeError(`"${keep}" is both kept and dropped`);
  const known = corpusSpeakers(corpus);
  for (const id of [keep, ...dropped]) if (!known.has(id)) throw new SpeakerMergeError(`no speaker "${id}" in the corpus`);
  const canonical = canonicalOf(corpus, keep);
  const plan: SpeakerMergePlan = { keep, drop: dropped, files: [], skipped: [], summary: [] };
  const isDropped = (id: unknown): id is string => typeof id === 'string' && dropped.includes(id);

  for (const art of corpus.articles) {
    const s = art.sidecar;
    const uses =
      [...s.speakers.values()].some((sp) => isDropped(sp.id) || sp.members.some(isDropped)) ||
      s.annotations.some((a) => isDropped(a.speaker)) ||
      [...s.demands.values()].some((d) => d.by.some(isDropped) || d.to.some(isDropped)) ||
      (s.rejected ?? []).some((r) => isDropped(r.speaker));
    if (!uses) continue;
    const source = sources.get(art.sidecarPath);
    if (source === undefined) {
      plan.skipped.push({ path: art.sidecarPath, reason: 'its text was not given' });
      continue;
    }
    const parsed = parseSidecar(source);
    if (!parsed.sidecar || parsed.readOnly) {
      plan.skipped.push({ path: art.sidecarPath, reason: 'it has errors or a newer version: not rewritten (fix it first)' });
      continue;
    }
    const changes = rewrite(parsed.doc, keep, isDropped, canonical, false);
    const text = parsed.doc.toString(SIDECAR_TO_STRING_OPTIONS);
    const check = parseSidecar(text);
    if (!check.sidecar || check.readOnly) {
      const first = check.problems.find((p) => p.severity === 'error');
      plan.skipped.push({ path: art.sidecarPath, reason: `the merged file would not read back clean${first ? ` (${first.line}:${first.column}: ${first.message})` : ''}` });
      continue;
    }
    plan.files.push({ path: art.sidecarPath, text, changes });
  }

  // Each root's speakers file (a multi-root workspace has several) that defines a dropped id.
  const files = options.speakersFile === undefined ? [] : typeof options.speakersFile === 'string' ? [options.speakersFile] : options.speakersFile;
  for (const file of dropped.some((id) => corpus.speakers.has(id)) ? files : []) {
    const source = sources.get(file);
    const doc = source === undefined ? undefined : parseDocument(source, { uniqueKeys: true, prettyErrors: false });
    const speakers = doc && isMap(doc.contents) ? doc.contents.get('speakers', true) : undefined;
    if (isMap(speakers) && !speakers.items.some((p) => isScalar(p.key) && isDropped(p.key.value))) continue;
    if (!doc) plan.skipped.push({ path: file, reason: 'its text was not given' });
    else if (doc.errors.length || !isMap(doc.contents)) plan.skipped.push({ path: file, reason: 'it has errors: not rewritten (fix it first)' });
    else {
      const changes = rewrite(doc, keep, isDropped, canonical, true);
      plan.files.push({ path: file, text: doc.toString(SIDECAR_TO_STRING_OPTIONS), changes });
    }
  }
  for (const f of plan.files) plan.summary.push(`${f.path}: ${f.changes.join('; ')}`);
  for (const s of plan.skipped) plan.summary.push(`${s.path}: not changed, ${s.reason}`);
  return plan;
}

interface Canonical {
  name: string;
  kind: string;
}

/** Keep's name and kind: the workspace file's, else the first sidecar's that defines it, else those of the first dropped entry renamed. */
function canonicalOf(corpus: Corpus, keep: string): Canonical | undefined {
  const w = corpus.speakers.get(keep);
  if (w) return { name: w.name, kind: w.kind };
  for (const art of corpus.articles) {
    const sp = art.sidecar.speakers.get(keep);
    if (sp) return { name: sp.name, kind: sp.kind };
  }
  return undefined;
}

/** Rewrites the Document in place; returns what changed, in words. */
function rewrite(doc: Document, keep: string, isDropped: (id: unknown) => id is string, canonical: Canonical | undefined, workspace: boolean): string[] {
  const root = doc.contents as YAMLMap;
  const changes: string[] = [];
  const count = (what: string, n: number) => n && changes.push(`${n} ${what}${n === 1 ? '' : 's'} now ${keep}`);
  if (!workspace) {
    count('annotation', renameIn(root.get('annotations', true), 'speaker', keep, isDropped));
    count('rejected suggestion', renameIn(root.get('rejected', true), 'speaker', keep, isDropped));
    let lists = 0;
    const demands = root.get('demands', true);
    if (isMap(demands)) for (const pair of demands.items) for (const key of ['by', 'to']) lists += isMap(pair.value) ? replaceInList(doc, pair.value, key, keep, isDropped, undefined) : 0;
    if (lists) changes.push(`${lists} demand ${lists === 1 ? 'list' : 'lists'} (by, to) now name ${keep}`);
  }
  const speakers = root.get('speakers', true);
  if (!isMap(speakers)) return changes;
  let members = 0;
  for (const pair of speakers.items) if (isMap(pair.value)) members += replaceInList(doc, pair.value, 'members', keep, isDropped, isScalar(pair.key) ? String(pair.key.value) : undefined);
  if (members) changes.push(`${members} group ${members === 1 ? 'member list' : 'member lists'} now name ${keep}`);

  const entryOf = (id: string) => speakers.items.find((p) => isScalar(p.key) && String(p.key.value) === id) as Pair<unknown, unknown> | undefined;
  for (const pair of [...speakers.items]) {
    const id = isScalar(pair.key) ? pair.key.value : undefined;
    if (!isDropped(id) || !isMap(pair.value)) continue;
    const from = pair.value;
    const target = entryOf(keep);
    if (target && isMap(target.value)) {
      mergeEntry(doc, keep, target.value, from, changes, workspace);
      speakers.items.splice(speakers.items.indexOf(pair), 1);
      changes.push(`speaker ${id} merged into ${keep}`);
    } else {
      // Renamed in place: its comments and unknown keys stay, under the kept id.
      (pair.key as { value: unknown }).value = keep;
      const oldNames = [stringAt(from, 'name'), ...listAt(from, 'aliases')].filter((n): n is string => !!n);
      if (canonical) {
        setKey(doc, from, 'name', canonical.name);
        setKey(doc, from, 'kind', canonical.kind);
      }
      addAliases(doc, from, oldNames);
      changes.push(`speaker ${id} renamed ${keep}${canonical && canonical.name !== oldNames[0] ? ` (“${canonical.name}”, “${oldNames[0]}” kept as an alias)` : ''}`);
    }
  }
  return changes;
}

function stringAt(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key);
  return typeof v === 'string' ? v : undefined;
}

function listAt(map: YAMLMap, key: string): string[] {
  const node = map.get(key, true);
  return isSeq(node) ? node.items.map((n) => (isScalar(n) ? n.value : n)).filter((v): v is string => typeof v === 'string') : [];
}

/** Sets `key` of every mapping in the sequence that names a dropped id; returns how many. */
function renameIn(seq: unknown, key: string, keep: string, isDropped: (id: unknown) => id is string): number {
  if (!isSeq(seq)) return 0;
  let n = 0;
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const node = item.get(key, true);
    if (isScalar(node) && isDropped(node.value)) {
      node.value = keep;
      n++;
    }
  }
  return n;
}

/** A list of ids with dropped ones as `keep`, each once, never `self`; returns 1 when it changed. */
function replaceInList(doc: Document, map: YAMLMap, key: string, keep: string, isDropped: (id: unknown) => id is string, self: string | undefined): number {
  const node = map.get(key, true);
  if (!isSeq(node) || !node.items.some((n) => isScalar(n) && isDropped(n.value))) return 0;
  const seen = new Set<unknown>();
  node.items = node.items.filter((n) => {
    if (!isScalar(n)) return true;
    if (isDropped(n.value)) n.value = keep;
    if (n.value === self || seen.has(n.value)) return false;
    seen.add(n.value);
    return true;
  });
  if (node.items.length === 0) map.delete(key);
  return 1;
}

/** The dropped entry's names as aliases of the kept one, and what the kept one lacks. */
function mergeEntry(doc: Document, keep: string, target: YAMLMap, from: YAMLMap, changes: string[], workspace: boolean): void {
  addAliases(doc, target, [stringAt(from, 'name'), ...listAt(from, 'aliases')].filter((n): n is string => !!n));
  for (const key of ['role', 'note']) {
    const mine = stringAt(target, key);
    const theirs = stringAt(from, key);
    if (theirs && !mine) setKey(doc, target, key, theirs);
    else if (theirs && mine !== theirs) changes.push(`kept ${key} “${mine}”, not “${theirs}”`);
  }
  const members = [...new Set([...listAt(target, 'members'), ...listAt(from, 'members')])].filter((m) => m !== keep);
  if (members.length && members.length !== listAt(target, 'members').length) setKey(doc, target, 'members', members);
  if (!workspace) return;
  const attrs = from.get('attributes', true);
  if (!isMap(attrs)) return;
  const existingAttrs: unknown = target.get('attributes', true);
  let kept: YAMLMap;
  if (isMap(existingAttrs)) kept = existingAttrs;
  else {
    kept = new YAMLMap();
    setKey(doc, target, 'attributes', kept);
  }
  for (const pair of attrs.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const value = isScalar(pair.value) ? pair.value.value : undefined;
    if (key === undefined) continue;
    const existing = kept.get(key);
    if (existing === undefined) kept.set(key, value);
    else if (existing !== value) changes.push(`kept ${key} “${String(existing)}”, not “${String(value)}”`);
  }
}

/** Adds names not yet the entry's name or an alias (case and spacing aside). */
function addAliases(doc: Document, map: YAMLMap, names: readonly string[]): void {
  const key = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const have = new Set([stringAt(map, 'name') ?? '', ...listAt(map, 'aliases')].map(key));
  const add = names.filter((n) => {
    const k = key(n);
    if (!k || have.has(k)) return false;
    have.add(k);
    return true;
  });
  if (!add.length) return;
  const seq = map.get('aliases', true);
  if (isSeq(seq)) for (const n of add) (seq as YAMLSeq).items.push(doc.createNode(n));
  else setKey(doc, map, 'aliases', add);
}

/**
 * Sets one key of an entry, in place when it is there (the key's comments stay), else inserted
 * before the first key that comes after it in the canonical order; unknown keys keep their place.
 */
function setKey(doc: Document, map: YAMLMap, key: string, value: unknown): void {
  const node = value instanceof YAMLMap ? value : doc.createNode(value);
  const at = map.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
  if (at !== -1) {
    const old = map.items[at].value;
    if (isScalar(old) && old.value === value) return;
    map.items[at].value = node;
    return;
  }
  const rank = ENTRY_KEYS.indexOf(key);
  const later = map.items.findIndex((p) => isScalar(p.key) && ENTRY_KEYS.indexOf(String(p.key.value)) > rank);
  map.items.splice(later === -1 ? map.items.length : later, 0, doc.createPair(key, node) as Pair<unknown, unknown>);
}
