// The workspace speakers file, `.attribution-lens/speakers.yaml` at a corpus root
// (docs/SIDECAR.md "The workspace speakers file"): speakers defined once for every article, with
// the attributes a desk codes. Read with the sidecar reader's machinery (same raw-text checks,
// same field checks, problems at line and column); written onto its yaml Document, so comments
// and unknown keys stay.
import { Document, isMap, isScalar, LineCounter, parseDocument, YAMLMap } from 'yaml';
import { Host } from '../host';
import { readText } from '../pipeline/read';
import { writeAtomic } from '../pipeline/write';
import { join } from '../posixPath';
import { loadYamlData, locateProblems, Problem, SIDECAR_TO_STRING_OPTIONS } from '../sidecar';
import { Checker, isRecord, Path, RawProblem } from '../sidecarValidate';
import { WorkspaceSpeaker } from './corpus';

export const SPEAKERS_FILE = '.attribution-lens/speakers.yaml';
export const SPEAKERS_FILE_VERSION = 1;

/** The speakers file of a corpus root. */
export function speakersFileOf(root: string): string {
  return join(root, SPEAKERS_FILE);
}

export interface ParsedSpeakersFile {
  speakers: Map<string, WorkspaceSpeaker>;
  problems: Problem[];
  /** Errors, or a newer version: never rewritten. */
  readOnly: boolean;
}

/** Reads a workspace speakers file: every speaker that is well formed, and every problem positioned. */
export function parseSpeakersFile(source: string): ParsedSpeakersFile {
  const loaded = loadYamlData(source);
  if ('problems' in loaded) return { speakers: new Map(), problems: loaded.problems, readOnly: true };
  const raw: RawProblem[] = [];
  const { speakers, readOnly } = validateSpeakers(loaded.data, raw);
  const problems = locateProblems(source, raw);
  return { speakers, problems, readOnly: readOnly || problems.some((p) => p.severity === 'error') };
}

function validateSpeakers(data: unknown, problems: RawProblem[]): { speakers: Map<string, WorkspaceSpeaker>; readOnly: boolean } {
  const speakers = new Map<string, WorkspaceSpeaker>();
  const c = new Checker(problems);
  if (!isRecord(data)) {
    c.error('The workspace speakers file must be a YAML mapping with "version: 1" and "speakers"', []);
    return { speakers, readOnly: true };
  }
  const version = data.version;
  if (version === undefined) {
    c.error(`Missing "version" (this extension reads version ${SPEAKERS_FILE_VERSION} of the speakers file)`, []);
    return { speakers, readOnly: true };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    c.error(`Unknown speakers file version ${JSON.stringify(version)} (this extension reads version ${SPEAKERS_FILE_VERSION})`, ['version']);
    return { speakers, readOnly: true };
  }
  let readOnly = false;
  if (version > SPEAKERS_FILE_VERSION) {
    c.warning(`Speakers file version ${version} is newer than this extension understands (${SPEAKERS_FILE_VERSION}); it is read, never rewritten`, ['version']);
    readOnly = true;
  }
  for (const [id, e, path] of c.entries(data, 'speakers')) {
    const speaker: WorkspaceSpeaker = { ...c.speaker(id, e, path), attributes: attributesOf(c, e, path, id) };
    speakers.set(id, speaker);
  }
  // A group's members are looked for here first; one defined only in sidecars is a warning, as there.
  for (const s of speakers.values()) c.knownIds(s.members, ['speakers', s.id, 'members'], speakers, 'speaker', `speaker "${s.id}"`, 'the speakers file');
  return { speakers, readOnly };
}

/** `attributes`: a mapping of free-text keys to text values (numbers and booleans are read as text). */
function attributesOf(c: Checker, e: Record<string, unknown>, path: Path, id: string): Record<string, string> {
  const out: Record<string, string> = {};
  const value = e.attributes;
  if (value === undefined || value === null) return out;
  const at = [...path, 'attributes'];
  if (!isRecord(value)) {
    c.error(`Speaker "${id}": "attributes" must be a mapping of names to text (gender: woman, party: Labour)`, at);
    return out;
  }
  for (const key of Object.keys(value)) {
    if (!c.wellFormed(key, [...at, key], 'an attribute name', true)) continue;
    if (value[key] === null || value[key] === undefined) continue;
    const text = c.optString(value, at, key);
    if (text !== undefined) out[key] = text;
  }
  return out;
}

/** A speakers file with no speakers yet, for a root that has none. */
const NEW_FILE = `# Speakers of the whole corpus (docs/SIDECAR.md, "The workspace speakers file").\nversion: ${SPEAKERS_FILE_VERSION}\nspeakers: {}\n`;

export class SpeakersFileError extends Error {}

/**
 * Sets (or, with `value` undefined, removes) one attribute of a workspace speaker in the root's
 * speakers file, atomically, changing nothing else: comments, key order and unknown keys stay.
 * Refuses a file that has errors (never overwrites what it cannot read) and a speaker the file
 * does not define (`defineAs` adds it first, e.g. copied from the sidecar that names it).
 */
export async function setSpeakerAttribute(host: Host, root: string, id: string, key: string, value: string | undefined, defineAs?: Omit<WorkspaceSpeaker, 'attributes'>): Promise<void> {
  const file = speakersFileOf(root);
  const exists = (await host.stat(file)) !== undefined;
  const source = exists ? await readText(host, file) : NEW_FILE;
  const parsed = parseSpeakersFile(source);
  if (parsed.readOnly) {
    const first = parsed.problems.find((p) => p.severity === 'error') ?? parsed.problems[0];
    throw new SpeakersFileError(`${file} is not rewritten: ${first ? `line ${first.line}, column ${first.column}: ${first.message}` : 'it is read-only'}`);
  }
  if (!parsed.speakers.has(id) && !defineAs) throw new SpeakersFileError(`${file} defines no speaker "${id}"`);
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const speakers = mapAt(doc, doc.contents as YAMLMap, 'speakers');
  let entry = speakers.get(id, true) as unknown;
  if (!isMap(entry)) {
    const fields: Record<string, unknown> = { name: defineAs!.name, kind: defineAs!.kind };
    if (defineAs!.role !== undefined) fields.role = defineAs!.role;
    if (defineAs!.aliases.length) fields.aliases = defineAs!.aliases;
    if (defineAs!.members.length) fields.members = defineAs!.members;
    if (defineAs!.note !== undefined) fields.note = defineAs!.note;
    entry = doc.createNode(fields);
    speakers.set(doc.createNode(id), entry);
  }
  const attributes = mapAt(doc, entry as YAMLMap, 'attributes');
  if (value === undefined) attributes.delete(key);
  else {
    // The scalar changed in place keeps its comment and style; a new key goes last.
    const node = attributes.get(key, true) as unknown;
    if (isScalar(node)) node.value = value;
    else attributes.set(doc.createNode(key), doc.createNode(value));
  }
  if (attributes.items.length === 0) (entry as YAMLMap).delete('attributes');
  const out = doc.toString({ ...SIDECAR_TO_STRING_OPTIONS, flowCollectionPadding: false });
  // What we write must read back as we meant, or it is not written.
  const back = parseSpeakersFile(out);
  if (back.readOnly || back.speakers.get(id)?.attributes[key] !== value) throw new SpeakersFileError(`${file}: the change would not read back; not written`);
  if (!exists) await host.mkdir(join(root, '.attribution-lens'));
  await writeAtomic(host, file, out);
}

function mapAt(doc: Document, parent: YAMLMap, key: string): YAMLMap {
  const node = parent.get(key, true) as unknown;
  if (isMap(node)) {
    // An empty flow mapping (`speakers: {}`) is written in block style once it has entries.
    if (node.flow && node.items.length === 0) node.flow = false;
    return node;
  }
  const map = new YAMLMap();
  parent.set(doc.createNode(key), map);
  return map;
}
