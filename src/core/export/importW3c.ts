// W3C Web Annotation JSON-LD -> a sidecar. Reads our own export (w3c.ts) completely, and
// plain annotations from other tools (Hypothesis and the like): an Annotation, a list of
// them, an AnnotationPage or an AnnotationCollection with embedded pages, in compact form as
// they are written in practice (no JSON-LD processing, nothing fetched).
//
// Placing: a TextPositionSelector (code points) is trusted when its text is the
// TextQuoteSelector's `exact` (or there is no quote); otherwise the quote is looked for with
// its prefix and suffix, near that position, as the extension re-anchors. One that cannot be
// found with confidence is kept for review with its quote, and the sidecar gets no sha256, so
// the extension shows it as an orphan rather than losing it.
//
// Meaning: our Attribution body gives type, speaker, demand, stance and origin; the
// collection's speakers and demands lists give those entities in full. An annotation from
// elsewhere becomes a quote by "Unattributed" unless a tagging body says mention, quote,
// demand or response; its comments (TextualBody, bodyValue) become the note, its other tags
// are listed in it.
//
// Input that is not JSON, or holds no annotation at all, throws an Error saying so.
import { reanchor } from '../anchoring';
import { ANNOTATION_TYPES, AnnotationType, DEMAND_STATUSES, ORIGINS, Origin, SPEAKER_KINDS, Stance, STANCES } from '../model';
import { OffsetConverter } from '../text';
import { cleanName, guessKind, ImportResult, NewAnnotation, SidecarBuilder } from './sidecarBuilder';
import { ANNOTATION_FRAGMENT, DEMAND_IRI, SPEAKER_IRI } from './w3c';
import { abbreviate } from '../wording';

export interface W3cImportOptions {
  /** The article's file name relative to the sidecar, for `document.file`. */
  file?: string;
}

type Json = Record<string, unknown>;

export function importW3c(source: string, text: string, options: W3cImportOptions = {}): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(source.replace(/^\ufeff/, ''));
  } catch (e) {
    throw new Error(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const warnings: string[] = [];
  const annotations: Json[] = [];
  const entities: { speakers: Json[]; demands: Json[] } = { speakers: [], demands: [] };
  collect(data, annotations, entities, warnings, 0);
  if (annotations.length === 0) throw new Error('no W3C Web Annotation in it (an Annotation, a list of them, an AnnotationPage or an AnnotationCollection)');

  const builder = new SidecarBuilder(text, options.file);
  const converter = new OffsetConverter(text);
  for (const s of entities.speakers) {
    const id = entityId(s.id, SPEAKER_IRI);
    if (!id) continue;
    const name = str(s.name) ?? id;
    builder.addSpeaker({
      id,
      name,
      kind: oneOf(s.kind, SPEAKER_KINDS) ?? guessKind(name),
      role: str(s.role),
      aliases: list(s.aliases).map(String),
      members: list(s.members).map((m) => entityId(m, SPEAKER_IRI)).filter((x): x is string => Boolean(x)),
      note: str(s.note),
    });
  }
  for (const d of entities.demands) {
    const id = entityId(d.id, DEMAND_IRI);
    if (!id) continue;
    builder.addDemand({
      id,
      summary: str(d.summary) ?? id,
      by: list(d.by).map((m) => entityId(m, SPEAKER_IRI)).filter((x): x is string => Boolean(x)),
      to: list(d.to).map((m) => entityId(m, SPEAKER_IRI)).filter((x): x is string => Boolean(x)),
      status: oneOf(d.status, DEMAND_STATUSES),
      note: str(d.note),
    });
  }

  let unattributed: string | undefined;
  const nobody = () => (unattributed ??= builder.speakerNamed('Unattributed', 'anonymous', 'Annotations imported without a speaker'));
  let foreign = 0;

  annotations.forEach((an, index) => {
    const label = `annotation ${index + 1}${typeof an.id === 'string' ? ` (${an.id})` : ''}`;
    const selectors = selectorsOf(an.target);
    const position = selectors.find((s) => hasType(s, 'TextPositionSelector'));
    const quote = selectors.find((s) => hasType(s, 'TextQuoteSelector'));
    const exact = quote ? str(quote.exact) ?? '' : undefined;
    const context = { text: exact ?? '', prefix: quote ? str(quote.prefix) : undefined, suffix: quote ? str(quote.suffix) : undefined };

    if (!position && !quote) {
      warnings.push(`${label}: no TextQuoteSelector or TextPositionSelector on its target, skipped`);
      return;
    }
    let span: { start: number; end: number } | undefined;
    let near = 0;
    if (position) {
      const s = position.start;
      const e = position.end;
      if (isCount(s) && isCount(e) && s <= e && e <= converter.codePointLength) {
        const start = converter.toUtf16(s);
        const end = converter.toUtf16(e);
        near = start;
        if (exact === undefined || text.slice(start, end) === exact) span = { start, end };
      } else {
        const where = `${label}: its TextPositionSelector ${JSON.stringify([s, e])} is not a span of the text (${converter.codePointLength} code points)`;
        if (!exact) {
          warnings.push(`${where}, and it has no quote to look for: skipped`);
          return;
        }
        warnings.push(where);
      }
    }
    if (!span && exact !== undefined) {
      span = reanchor(text, { id: '', type: 'quote', start: near, end: near, ...context }, near);
      if (span && position) warnings.push(`${label}: its position does not hold its quote; placed by the quote at ${converter.toCodePoint(span.start)}`);
    }

    // Meaning, from our body or from plain bodies.
    const bodies = list(an.body).filter(isObject);
    const ours = bodies.find((b) => hasType(b, 'Attribution') || hasType(b, 'al:Attribution'));
    const notes: string[] = [];
    const tags: string[] = [];
    for (const b of bodies) {
      if (b === ours) continue;
      const value = str(b.value);
      if (value === undefined) continue;
      if (b.purpose === 'tagging') tags.push(value);
      else notes.push(value);
    }
    if (typeof an.bodyValue === 'string') notes.push(an.bodyValue);
    let type: AnnotationType;
    let speaker: string | undefined;
    let demand: string | undefined;
    let stance: Stance | undefined;
    let origin: Origin | undefined;
    if (ours) {
      type = oneOf(ours.annotationType, ANNOTATION_TYPES) ?? 'quote';
      if (ours.annotationType !== type) warnings.push(`${label}: annotation type ${JSON.stringify(ours.annotationType)} is not one of ${ANNOTATION_TYPES.join(', ')}; imported as a quote`);
      speaker = entityRef(ours.speaker, SPEAKER_IRI, (id, e) => {
        const name = str(e?.name) ?? id;
        builder.addSpeaker({ id, name, kind: oneOf(e?.kind, SPEAKER_KINDS) ?? guessKind(name), aliases: [], members: [] });
      });
      demand = entityRef(ours.demand, DEMAND_IRI, (id, e) => {
        builder.addDemand({ id, summary: str(e?.summary) ?? id, by: [], to: [], status: oneOf(e?.status, DEMAND_STATUSES) });
      });
      stance = oneOf(ours.stance, STANCES);
      if (ours.stance !== undefined && !stance) warnings.push(`${label}: stance ${JSON.stringify(ours.stance)} is not one of ${STANCES.join(', ')}, dropped`);
      origin = oneOf(ours.origin, ORIGINS);
    } else {
      foreign++;
      const tagged = tags.map((t) => t.toLowerCase()).find((t): t is AnnotationType => (ANNOTATION_TYPES as readonly string[]).includes(t));
      type = tagged ?? 'quote';
      const others = tags.filter((t) => t.toLowerCase() !== tagged);
      if (others.length) notes.push(`Tags: ${others.join(', ')}`);
    }
    if (type !== 'demand' && speaker === undefined) speaker = nobody();
    if (type === 'demand' && demand === undefined) demand = builder.demandFromText(span ? text.slice(span.start, span.end) : (exact ?? ''));
    if (type === 'response' && demand === undefined) {
      warnings.push(`${label}: a response to no demand, imported as a quote`);
      type = 'quote';
    }
    if (type !== 'response') stance = undefined;

    const note = notes.filter((n) => n.trim()).join('\n') || undefined;
    const a: NewAnnotation = { type, speaker, demand, stance, start: span?.start ?? near, end: span?.end ?? near, note, origin };
    // Our own ids come back; another tool's (URLs, UUIDs) mean nothing in a sidecar.
    const id = ours ? ownId(an.id) : '';
    if (span) builder.add(a, id);
    else {
      warnings.push(`${label}: its quote "${abbreviate(exact ?? '', 60)}" is not in the text ${typeof an.orphan === 'string' ? `(exported as needing review: ${an.orphan})` : 'with confidence'}; kept for review`);
      builder.addUnplaced(a, context, id);
    }
  });
  if (foreign) {
    warnings.push(`${foreign} annotation${foreign === 1 ? ' has' : 's have'} no Attribution Lens body: imported as ${foreign === 1 ? 'a quote' : 'quotes'} (or the type a tag names) by "Unattributed" unless tagged otherwise`);
  }

  const sidecar = builder.finish();
  // Entities may name speakers the file never describes: drop those links rather than write a sidecar that does not read.
  for (const s of sidecar.speakers.values()) s.members = known(s.members, sidecar.speakers, `speaker "${s.id}"`, warnings);
  for (const d of sidecar.demands.values()) {
    d.by = known(d.by, sidecar.speakers, `demand "${d.id}"`, warnings);
    d.to = known(d.to, sidecar.speakers, `demand "${d.id}"`, warnings);
  }
  return { sidecar, warnings };
}

/** Annotations and our entity lists anywhere in the usual containers. */
function collect(x: unknown, out: Json[], entities: { speakers: Json[]; demands: Json[] }, warnings: string[], depth: number): void {
  if (depth > 8) return;
  if (Array.isArray(x)) {
    for (const y of x) collect(y, out, entities, warnings, depth + 1);
    return;
  }
  if (!isObject(x)) return;
  if (hasType(x, 'Annotation') || hasType(x, 'oa:Annotation')) {
    out.push(x);
    return;
  }
  entities.speakers.push(...list(x.speakers).filter(isObject));
  entities.demands.push(...list(x.demands).filter(isObject));
  for (const key of ['@graph', 'items', 'first', 'next']) {
    const v = x[key];
    if (typeof v === 'string' && key !== '@graph') warnings.push(`the ${key} page ${v} is not in the file (nothing is fetched), skipped`);
    else collect(v, out, entities, warnings, depth + 1);
  }
}

/** The sidecar id in one of our annotation IRIs (`…#annotation-a1`, or `#a1` as older exports wrote it), or ''. */
function ownId(iri: unknown): string {
  if (typeof iri !== 'string') return '';
  const m = iri.lastIndexOf(ANNOTATION_FRAGMENT);
  if (m >= 0 && !iri.includes('#', m + 1)) return safeDecode(iri.slice(m + ANNOTATION_FRAGMENT.length));
  return /^#[^#]+$/.test(iri) ? safeDecode(iri.slice(1)) : '';
}

function selectorsOf(target: unknown): Json[] {
  for (const t of list(target)) {
    if (!isObject(t)) continue;
    const s = list(t.selector).filter(isObject);
    if (s.length) return s;
  }
  return [];
}

/** The id of a speaker or demand reference (an IRI string or an object with `id`); `add` is told about new ones. */
function entityRef(ref: unknown, prefix: string, add: (id: string, entity?: Json) => void): string | undefined {
  if (ref === undefined || ref === null) return undefined;
  const entity = isObject(ref) ? ref : undefined;
  const id = entityId(entity ? entity.id : ref, prefix) ?? (entity && str(entity.name) ? cleanName(str(entity.name)!) : undefined);
  if (id) add(id, entity);
  return id;
}

function entityId(iri: unknown, prefix: string): string | undefined {
  if (typeof iri !== 'string' || !iri) return undefined;
  return safeDecode(iri.startsWith(prefix) ? iri.slice(prefix.length) : iri.replace(/^.*[/#:]/, '') || iri);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function known(ids: string[], speakers: Map<string, unknown>, what: string, warnings: string[]): string[] {
  const missing = ids.filter((id) => !speakers.has(id));
  if (missing.length) warnings.push(`${what} names speakers the file does not describe (${missing.join(', ')}): dropped`);
  return ids.filter((id) => speakers.has(id));
}

function hasType(x: Json, type: string): boolean {
  const t = x.type ?? x['@type'];
  return Array.isArray(t) ? t.includes(type) : t === type;
}

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function list(x: unknown): unknown[] {
  return x === undefined || x === null ? [] : Array.isArray(x) ? x : [x];
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

function oneOf<T extends string>(x: unknown, allowed: readonly T[]): T | undefined {
  return typeof x === 'string' && (allowed as readonly string[]).includes(x) ? (x as T) : undefined;
}


