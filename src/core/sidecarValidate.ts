// Checking a sidecar's plain data against the format (docs/SIDECAR.md): a best-effort model
// and every problem by its path in the file, for the reader to locate.
import {
  Annotation,
  ANNOTATION_TYPES,
  compareAnnotations,
  DEMAND_STATUSES,
  OFFSET_UNITS,
  ORIGINS,
  RejectedSuggestion,
  Review,
  REVIEW_STATUSES,
  Sidecar,
  SIDECAR_VERSION,
  Speaker,
  SPEAKER_KINDS,
  STANCES,
} from './model';
import { colorProblem, ownColorClashes } from './palette';
import { loneSurrogate } from './sidecarSource';

export type Path = (string | number)[];

export interface RawProblem {
  severity: 'error' | 'warning';
  message: string;
  path: Path;
  /** Point at the mapping key at the end of `path` rather than its value. */
  atKey?: boolean;
  annotationId?: string;
}

/** Checks plain data against the format; returns a best-effort model and problems by path. */
export function validate(data: unknown, options: { noEscapes?: boolean } = {}): { sidecar?: Sidecar; problems: RawProblem[]; readOnly: boolean; ids: Map<string, number> } {
  const problems: RawProblem[] = [];
  const ids = new Map<string, number>();
  const c = new Checker(problems, options.noEscapes);
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
      const date = c.optString(d, ['document'], 'date');
      const dateIssue = date === undefined ? undefined : isoDateProblem(date);
      if (dateIssue) c.error(`"date" ${dateIssue}`, ['document', 'date']);
      else if (date !== undefined) sidecar.document.date = date;
    }
  }
  for (const [id, e, path] of c.entries(data, 'speakers')) sidecar.speakers.set(id, c.speaker(id, e, path));
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
  // Links between entities are checked once all of them are known. An id this sidecar does not
  // define may be defined in the workspace speakers file or in another sidecar of the corpus,
  // so read alone it is only a warning: the link is kept as written.
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
  const rejected = data.rejected;
  if (rejected !== undefined && rejected !== null && !Array.isArray(rejected)) c.error('"rejected" must be a list of rejected suggestions', ['rejected']);
  if (Array.isArray(rejected)) {
    sidecar.rejected = [];
    rejected.forEach((item, i) => {
      const r = c.rejected(item, ['rejected', i], i + 1);
      if (r) sidecar.rejected!.push(r);
    });
  }
  return { sidecar, problems, readOnly, ids };
}

/** Field-level checks that record problems at the offending path and return a best-effort value. */
export class Checker {
  /** Errors recorded so far: lets `annotation` tell whether any of its checks failed. */
  private errors = 0;
  /** `noEscapes`: the source has no `\u` escape, so (its raw text checked) no value can hold half a character. */
  constructor(
    private readonly problems: RawProblem[],
    private readonly noEscapes = false,
  ) {}

  error(message: string, path: Path, annotationId?: string, atKey = false): void {
    this.errors++;
    this.problems.push({ severity: 'error', message, path, annotationId, atKey });
  }

  warning(message: string, path: Path, annotationId?: string): void {
    this.problems.push({ severity: 'warning', message, path, annotationId });
  }

  *entries(root: Record<string, unknown>, key: string): Generator<[string, Record<string, unknown>, Path]> {
    const value = root[key];
    if (value === undefined || value === null) return;
    if (!isRecord(value)) {
      this.error(`"${key}" must be a mapping from id to entry`, [key]);
      return;
    }
    for (const [id, entry] of Object.entries(value)) {
      if (!this.wellFormed(id, [key, id], `the id of an entry of "${key}"`, true)) continue;
      if (!isRecord(entry)) {
        this.error(`Entry "${id}" of "${key}" must be a mapping of fields`, [key, id]);
        continue;
      }
      yield [id, entry, [key, id]];
    }
  }

  /** A speaker entry's fields, as a sidecar and the workspace speakers file both have them. */
  speaker(id: string, e: Record<string, unknown>, path: Path): Speaker {
    const speaker: Speaker = {
      id,
      name: this.reqString(e, path, 'name', `speaker "${id}"`) ?? id,
      kind: this.reqEnum(e, path, 'kind', SPEAKER_KINDS, `speaker "${id}"`) ?? 'person',
      role: this.optString(e, path, 'role'),
      aliases: this.stringList(e, path, 'aliases'),
      members: this.stringList(e, path, 'members'),
      note: this.optString(e, path, 'note'),
    };
    // A bad colour is only a warning: the speaker is drawn in the automatic colour, and the
    // value is kept as written so a rewrite does not drop it (a list or mapping is an error,
    // as in any text field).
    const color = this.optString(e, path, 'color');
    const colorIssue = color !== undefined || e.color === null ? colorProblem(id, color ?? null) : undefined;
    if (colorIssue) this.problems.push({ severity: 'warning', message: colorIssue, path: [...path, 'color'], atKey: e.color === null });
    if (color !== undefined) speaker.color = color;
    return speaker;
  }

  optString(map: Record<string, unknown>, path: Path, key: string): string | undefined {
    const value = map[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      const text = String(value);
      // The path is built only for a problem: this runs for every field of every annotation.
      return loneSurrogate(text) === undefined || this.wellFormed(text, [...path, key], `"${key}"`) ? text : undefined;
    }
    this.error(`"${key}" must be text`, [...path, key]);
    return undefined;
  }

  /**
   * Text with half of a character (a lone surrogate, from an escape such as "\uD83D") is an
   * error: no UTF-8 file or export can hold it, so it would come out as U+FFFD.
   */
  wellFormed(value: string, path: Path, what: string, atKey = false): boolean {
    if (this.noEscapes) return true;
    const code = loneSurrogate(value);
    if (code === undefined) return true;
    this.error(`${capitalize(what)} has half of a character (a lone surrogate, U+${code.toString(16).toUpperCase()}): write the whole character`, path, undefined, atKey);
    return false;
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
    if (typeof value === 'string' || typeof value === 'number') return this.wellFormed(String(value), [...path, key], `"${key}"`) ? [String(value)] : [];
    if (!Array.isArray(value)) {
      this.error(`"${key}" must be a list`, [...path, key]);
      return [];
    }
    const out: string[] = [];
    value.forEach((item, i) => {
      if (typeof item === 'string' || typeof item === 'number') {
        if (this.wellFormed(String(item), [...path, key, i], `each item of "${key}"`)) out.push(String(item));
      } else this.error(`Each item of "${key}" must be text`, [...path, key, i]);
    });
    return out;
  }

  knownIds(ids: string[], path: Path, known: Map<string, unknown>, kind: string, what: string, scope = 'this sidecar'): void {
    ids.forEach((id, i) => {
      if (!known.has(id)) this.warning(`${capitalize(what)}: ${kind} id "${id}" in "${path[path.length - 1]}" is not defined in ${scope}`, ids.length === 1 ? [...path, 0] : [...path, i]);
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

  /** `review: {status, was?, reason?}`; other keys in it are kept, as anywhere. */
  review(item: Record<string, unknown>, path: Path, id: string): Review | undefined {
    const value = item.review;
    if (value === undefined || value === null) return undefined;
    const at = [...path, 'review'];
    if (!isRecord(value)) {
      this.error(`Annotation "${id}": "review" must be a mapping with a "status" (${REVIEW_STATUSES.join(' or ')})`, at, id);
      return undefined;
    }
    const status = this.reqEnum(value, at, 'status', REVIEW_STATUSES, `the review of annotation "${id}"`);
    const was = this.optString(value, at, 'was');
    const reason = this.optString(value, at, 'reason');
    if (!status) return undefined;
    const review: Review = { status };
    if (was !== undefined) review.was = was;
    if (reason !== undefined) review.reason = reason;
    return review;
  }

  /**
   * One entry of `rejected`: type, start, end and text are required. Its speaker and demand are
   * the ids the suggestion named, which need not be in the sidecar (the speaker it proposed may
   * have been rejected with it), so they are not checked against it.
   */
  rejected(item: unknown, path: Path, n: number): RejectedSuggestion | undefined {
    const what = `rejected suggestion ${n}`;
    if (!isRecord(item)) {
      this.error(`Each rejected suggestion must be a mapping with type, start, end and text (${what} is not)`, path);
      return undefined;
    }
    const errorsBefore = this.errors;
    const type = this.reqEnum(item, path, 'type', ANNOTATION_TYPES, what);
    const bound = (key: 'start' | 'end') => {
      const value = item[key];
      if (value === undefined || value === null) this.error(`${capitalize(what)} has no "${key}"`, path);
      else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.error(`${capitalize(what)}: "${key}" must be a whole number ≥ 0`, [...path, key]);
      else return value;
      return undefined;
    };
    const start = bound('start');
    const end = bound('end');
    if (start !== undefined && end !== undefined && end < start) this.error(`${capitalize(what)}: "end" (${end}) is before "start" (${start})`, [...path, 'end']);
    const text = this.reqString(item, path, 'text', what);
    const optional = {
      prefix: this.optString(item, path, 'prefix'),
      suffix: this.optString(item, path, 'suffix'),
      speaker: this.optString(item, path, 'speaker'),
      demand: this.optString(item, path, 'demand'),
    };
    if (this.errors !== errorsBefore || type === undefined || start === undefined || end === undefined || text === undefined) return undefined;
    const r: RejectedSuggestion = { type, start, end, text };
    for (const [k, value] of Object.entries(optional)) if (value !== undefined) (r as unknown as Record<string, unknown>)[k] = value;
    return r;
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
      if (value !== undefined && !known.has(value)) this.warning(`Annotation "${id}": ${key} id "${value}" is not defined in this sidecar`, [...path, key], id);
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
      review: this.review(item, path, id),
    };
    if (this.errors !== errorsBefore) return undefined;
    for (const [k, value] of Object.entries(optional)) if (value !== undefined) (a as unknown as Record<string, unknown>)[k] = value;
    return a;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/;

/**
 * Why `value` is not an ISO 8601 date (`YYYY-MM-DD`) or date-time (`YYYY-MM-DDThh:mm[:ss[.fff]]`,
 * optionally `Z` or `±hh:mm`); undefined when it is one. The calendar is checked too (no 31 April).
 */
export function isoDateProblem(value: string): string | undefined {
  const m = ISO_DATE.exec(value);
  const expected = 'must be an ISO 8601 date (YYYY-MM-DD, e.g. 2024-03-01) or date-time (e.g. 2024-03-01T09:30:00Z)';
  if (!m) return `${expected}, not "${value}"`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  if (month < 1 || month > 12) return `${expected}: "${value}" has no month ${month}`;
  if (day < 1 || day > days[month - 1]) return `${expected}: "${value}" has no day ${day} in month ${month}`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 60)) return `${expected}: "${value}" is not a time of day`;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return `${expected}: "${value}" has a bad time zone offset`;
  return undefined;
}

export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
