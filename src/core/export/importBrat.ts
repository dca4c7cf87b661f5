// brat standoff (.ann + the text it annotates) -> a sidecar. Reads our own brat export
// (see brat.ts for the mapping) and attribution corpora in brat such as PolNeAR:
//
//   Source (or Speaker) span   -> a mention, and a speaker made from its text (spacing and
//                                 quotes tidied, the same name once, a guessed kind), unless
//                                 an N "Reference … speaker:<id>" line names the speaker
//   Content (or Quote) span    -> a quote by the Source of each event it is the Content of
//                                 (Content2… too), or by the SaidBy relation's Source; an event
//                                 without a Source (PolNeAR's Attribution-no-source) gives the
//                                 speaker "Unattributed"; the event's Cue text goes in the note
//   Demand / Response spans    -> demand / response; the demand from N "demand:<id>", a
//                                 Responds relation, or (a Demand span alone) its own text
//   A Stance / Status / Suggested, #… AnnotatorNotes -> stance, demand status, origin, note
//   Attribution triggers and Discard spans are dropped quietly; anything else is skipped with
//   a warning. A malformed line is a warning, never an exception.
//
// Offsets: brat counts code points of the text read with universal newlines (CRLF as one).
// Which reading a file used is decided by its own text fields: the one under which most spans
// read as their text wins (plain code points, code points with LF line ends, or UTF-16 units,
// from tools that count as JavaScript does). A text field spread over several lines (a span
// holding a line break, written raw as PolNeAR does) is read on. A span whose text field does
// not match the article is kept for review with that text, not placed at a guess.
//
// Discontinuous spans (`T1 Content 0 5;10 15`): fragments apart only by whitespace or line
// breaks (brat's editor splits a selection at line breaks) are one span; otherwise each
// fragment becomes its own annotation, noted as a part of the brat span.
import { DEMAND_STATUSES, DemandStatus, Stance, STANCES } from '../model';
import { OffsetConverter } from '../text';
import {
  BRAT_DEMAND_DB,
  BRAT_REFERENCE,
  BRAT_RESPONDS,
  BRAT_SAID_BY,
  BRAT_SPEAKER_DB,
  BRAT_STANCE,
  BRAT_STATUS,
  BRAT_SUGGESTED,
  decodeId,
} from './brat';
import { LineEndView } from './common';
import { cleanName, guessKind, ImportResult, NewAnnotation, SidecarBuilder } from './sidecarBuilder';

export interface BratImportOptions {
  /** The article's file name relative to the sidecar, for `document.file`. */
  file?: string;
}

type Role = 'mention' | 'quote' | 'demand' | 'response' | 'cue' | 'trigger' | 'discard' | 'discuss';

const ROLES: Record<string, Role> = {
  source: 'mention',
  speaker: 'mention',
  quote: 'quote',
  content: 'quote',
  demand: 'demand',
  response: 'response',
  cue: 'cue',
  attribution: 'trigger',
  'attribution-no-source': 'trigger',
  discard: 'discard',
  discuss: 'discuss',
};

interface TextBound {
  id: string;
  type: string;
  /** Code points in the file's reading of the text, in the order written. */
  fragments: [number, number][];
  textField?: string;
  line: number;
  /** Lines after this one that are not annotation lines: the rest of a multi-line text field, or junk. */
  trailing: { line: number; text: string }[];
}

interface EventLine {
  id: string;
  type: string;
  trigger?: string;
  args: { role: string; ref: string }[];
  line: number;
}

interface Link {
  type: string;
  target: string;
  value?: string;
  text?: string;
  line: number;
}

/** brat ids: letters (or # and letters) and digits, maybe a suffix; `*` for equivalences. */
const ID_LINE = /^(?:[A-Za-z]+\d+\S*|#[A-Za-z]*\d+\S*|\*)\t/;

export function importBrat(ann: string, text: string, options: BratImportOptions = {}): ImportResult {
  const warnings: string[] = [];
  const skipped = new Map<string, { count: number; line: number }>();
  const skip = (what: string, line: number) => {
    const s = skipped.get(what);
    if (s) s.count++;
    else skipped.set(what, { count: 1, line });
  };

  // 1. Lines into records.
  const bounds: TextBound[] = [];
  const events: EventLine[] = [];
  const relations: (Link & { arg2: string })[] = [];
  const attributes: Link[] = [];
  const references: (Link & { db: string; ref: string })[] = [];
  const notes: Link[] = [];
  let last: TextBound | undefined;
  const lines = ann.replace(/^\ufeff/, '').split('\n');
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!ID_LINE.test(line)) {
      if (last && last.textField !== undefined) last.trailing.push({ line: n, text: line });
      else if (line.trim()) warnings.push(`line ${n}: not a brat annotation line, skipped`);
      return;
    }
    last = undefined;
    const [id, data = '', ...rest] = line.split('\t');
    const tail = rest.length ? rest.join('\t') : undefined;
    const bad = (what: string) => warnings.push(`line ${n}: ${what} "${abbreviate(line)}", skipped`);
    switch (id[0]) {
      case 'T': {
        const m = /^(\S+)\s+(\d+\s+\d+(?:\s*;\s*\d+\s+\d+)*)\s*$/.exec(data);
        if (!m) return bad('not a text-bound annotation (ID, TAB, TYPE START END, TAB, TEXT)');
        const fragments = m[2].split(';').map((f) => f.trim().split(/\s+/).map(Number) as [number, number]);
        if (fragments.some(([s, e]) => e < s)) return bad('a span that ends before it starts');
        last = { id, type: m[1], fragments, textField: tail, line: n, trailing: [] };
        bounds.push(last);
        return;
      }
      case 'E': {
        const parts = data.trim().split(/\s+/).filter(Boolean);
        const [type, trigger] = (parts[0] ?? '').split(':');
        if (!type) return bad('not an event');
        const args = parts.slice(1).flatMap((p) => {
          const c = p.lastIndexOf(':');
          return c > 0 ? [{ role: p.slice(0, c), ref: p.slice(c + 1) }] : [];
        });
        events.push({ id, type, trigger: trigger || undefined, args, line: n });
        return;
      }
      case 'R': {
        const m = /^(\S+)\s+\S+?:(\S+)\s+\S+?:(\S+)\s*$/.exec(data);
        if (!m) return bad('not a relation (TYPE Arg1:ID Arg2:ID)');
        relations.push({ type: m[1], target: m[2], arg2: m[3], line: n });
        return;
      }
      case 'A':
      case 'M': {
        const [type, target, value] = data.trim().split(/\s+/);
        if (!type || !target) return bad('not an attribute (NAME ID [VALUE])');
        attributes.push({ type, target, value, line: n });
        return;
      }
      case 'N': {
        const m = /^(\S+)\s+(\S+)\s+(\S+?):(\S+)\s*$/.exec(data);
        if (!m) return bad('not a normalization (TYPE ID DB:KEY)');
        references.push({ type: m[1], target: m[2], db: m[3], ref: m[4], text: tail, line: n });
        return;
      }
      case '#': {
        const m = /^(\S+)\s+(\S+)\s*$/.exec(data);
        if (!m) return bad('not a note (AnnotatorNotes ID)');
        notes.push({ type: m[1], target: m[2], text: tail ?? '', line: n });
        return;
      }
      default:
        skip(id === '*' ? 'equivalence (*) lines' : `"${id[0]}" lines`, n);
    }
  });

  // 2. Which reading of the text the offsets count in, by how many spans read as their text field.
  const views = readings(text);
  let view = views[0];
  let best = -1;
  for (const v of views) {
    const score = bounds.filter((t) => matchLines(v, t) >= 0).length;
    if (score > best) [view, best] = [v, score];
  }
  if (view.note && best > 0) warnings.push(view.note);

  // 3. Place every text-bound annotation on the text.
  interface Placed {
    t: TextBound;
    role?: Role;
    /** UTF-16 spans on the text, one per annotation to make. */
    spans: { start: number; end: number; note?: string }[];
    /** Set when the text field does not match the article: kept for review with this text. */
    unplaced?: string;
    /** The text of the span as the article has it (or the text field), for names and summaries. */
    text: string;
  }
  const byId = new Map<string, Placed>();
  const triggers = new Set(events.map((e) => e.trigger).filter((x): x is string => x !== undefined));
  for (const t of bounds) {
    const role = ROLES[t.type] ?? ROLES[t.type.toLowerCase()];
    const consumed = matchLines(view, t);
    const rest = t.trailing.slice(Math.max(consumed, 0));
    for (const r of rest) if (r.text.trim()) warnings.push(`line ${r.line}: not a brat annotation line, skipped`);
    if (consumed >= 0) {
      const frags = t.fragments.map(([s, e]) => [view.toOriginal(s), view.toOriginal(e)] as [number, number]);
      byId.set(t.id, { t, role, spans: spansOf(text, frags, t.id), text: frags.map(([s, e]) => text.slice(s, e)).join(' ') });
      continue;
    }
    if (role === undefined || role === 'cue' || role === 'trigger' || role === 'discard' || role === 'discuss') {
      byId.set(t.id, { t, role, spans: [], text: t.textField ?? '' });
      continue;
    }
    const field = t.textField ?? '';
    const starts = t.fragments.map(([s]) => s);
    const ends = t.fragments.map(([, e]) => e);
    const [s, e] = [view.toOriginal(Math.min(...starts)), view.toOriginal(Math.max(...ends))];
    const inside = Math.max(...ends) <= view.length;
    if (!field) {
      warnings.push(`line ${t.line}: ${t.id} ${inside ? 'has no text' : 'ends past the end of the text'}, skipped`);
      continue;
    }
    warnings.push(
      `line ${t.line}: ${t.id}'s text "${abbreviate(field)}" ${inside ? `is not the article's at ${t.fragments.map((f) => f.join('-')).join(';')}` : 'ends past the end of the text'}; kept for review`,
    );
    byId.set(t.id, { t, role, spans: [{ start: inside ? s : 0, end: inside ? e : 0 }], unplaced: field, text: field });
  }

  // 4. Links: references, attributes, notes, relations and events, by the id they point at.
  const group = <T extends { target: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.target, [...(m.get(x.target) ?? []), x]);
    return m;
  };
  const refsOf = group(references);
  const attrsOf = group(attributes);
  const notesOf = group(notes);
  const relsOf = group(relations);
  const eventsOfContent = new Map<string, EventLine[]>();
  const eventOfPart = new Map<string, EventLine>();
  for (const e of events) {
    if (e.trigger) eventOfPart.set(e.trigger, e);
    for (const a of e.args) {
      const role = a.role.replace(/\d+$/, '').toLowerCase();
      if (role === 'content') eventsOfContent.set(a.ref, [...(eventsOfContent.get(a.ref) ?? []), e]);
      if (role === 'cue') eventOfPart.set(a.ref, e);
    }
  }
  for (const r of references) {
    if (r.type !== BRAT_REFERENCE || (r.db !== BRAT_SPEAKER_DB && r.db !== BRAT_DEMAND_DB)) skip(`normalizations to "${r.db}"`, r.line);
  }
  for (const r of relations) if (r.type !== BRAT_SAID_BY && r.type !== BRAT_RESPONDS) skip(`"${r.type}" relations`, r.line);
  for (const a of attributes) {
    if (a.type !== BRAT_STANCE && a.type !== BRAT_STATUS && a.type !== BRAT_SUGGESTED) skip(`"${a.type}" attributes`, a.line);
  }

  const builder = new SidecarBuilder(text, options.file);
  // Speakers and demands that the file names by id come first, so that names made from text never take their ids.
  for (const r of references) {
    const id = decodeId(r.ref);
    if (r.type !== BRAT_REFERENCE || !byId.has(r.target)) continue;
    if (r.db === BRAT_SPEAKER_DB) {
      const name = cleanName(r.text ?? '') || id;
      builder.addSpeaker({ id, name, kind: guessKind(name), aliases: [], members: [] });
    } else if (r.db === BRAT_DEMAND_DB) {
      builder.addDemand({ id, summary: (r.text ?? '').trim() || id, by: [], to: [] });
    }
  }
  const reference = (tid: string, db: string) => {
    const r = refsOf.get(tid)?.find((x) => x.type === BRAT_REFERENCE && x.db === db);
    return r && decodeId(r.ref);
  };
  const speakerOfSource = (tid: string): string | undefined => {
    const p = byId.get(tid);
    if (!p) return undefined;
    return reference(tid, BRAT_SPEAKER_DB) ?? (p.role === 'mention' ? builder.speakerNamed(p.text) : undefined);
  };
  let unattributed: string | undefined;
  const nobody = () => (unattributed ??= builder.speakerNamed('Unattributed', 'anonymous', 'Quotes the brat file gives no source for'));
  const demandOfSpan = (tid: string): string | undefined => {
    const p = byId.get(tid);
    if (!p) return undefined;
    return reference(tid, BRAT_DEMAND_DB) ?? (p.role === 'demand' ? builder.demandFromText(p.text) : undefined);
  };
  const demandCache = new Map<string, string | undefined>();
  const demandOf = (tid: string) => {
    if (!demandCache.has(tid)) demandCache.set(tid, demandOfSpan(tid));
    return demandCache.get(tid);
  };
  const textOf = (tid: string) => byId.get(tid)?.text ?? '';

  // 5. Annotations.
  let orphanQuotes = 0;
  let firstOrphanQuote = 0;
  for (const p of byId.values()) {
    const { t, role } = p;
    if (role === undefined) {
      if (!triggers.has(t.id)) skip(`"${t.type}" spans`, t.line);
      continue;
    }
    if (role === 'discuss') skip('"Discuss" spans (marked for discussion, not as attributions)', t.line);
    if (role === 'cue' || role === 'trigger' || role === 'discard' || role === 'discuss') continue;

    const noteParts = (notesOf.get(t.id) ?? []).map((x) => x.text ?? '');
    const attrs = attrsOf.get(t.id) ?? [];
    const origin = attrs.some((a) => a.type === BRAT_SUGGESTED) ? ('suggested' as const) : undefined;
    let type = role;
    let speakers: (string | undefined)[] = [undefined];
    let demand: string | undefined;
    let stance: Stance | undefined;

    if (role === 'mention') speakers = [speakerOfSource(t.id)];
    if (role === 'quote' || role === 'response') {
      const named = reference(t.id, BRAT_SPEAKER_DB);
      const found = new Set<string>();
      const evs = eventsOfContent.get(t.id) ?? [];
      for (const e of evs) {
        const sources = e.args.filter((a) => /^source\d*$/i.test(a.role)).map((a) => speakerOfSource(a.ref));
        for (const s of sources) if (s) found.add(s);
        if (!named && sources.every((s) => s === undefined)) found.add(nobody());
        const cues = e.args.filter((a) => /^cue\d*$/i.test(a.role)).map((a) => textOf(a.ref).replace(/\s+/g, ' ').trim());
        if (cues.length) noteParts.push(`Cue: ${cues.join('; ')}`);
        for (const part of [e.id, e.trigger, ...e.args.filter((a) => /^cue\d*$/i.test(a.role)).map((a) => a.ref)]) {
          if (part) for (const x of notesOf.get(part) ?? []) noteParts.push(x.text ?? '');
        }
      }
      for (const r of relsOf.get(t.id) ?? []) {
        if (r.type !== BRAT_SAID_BY) continue;
        const s = speakerOfSource(r.arg2);
        if (s) found.add(s);
      }
      if (named) speakers = [named];
      else if (found.size) speakers = [...found];
      else {
        speakers = [nobody()];
        if (evs.length === 0) {
          if (orphanQuotes++ === 0) firstOrphanQuote = t.line;
        }
      }
    }
    if (role === 'demand') {
      demand = demandOf(t.id);
      const sp = reference(t.id, BRAT_SPEAKER_DB);
      if (sp) speakers = [sp];
    }
    if (role === 'response') {
      demand = demandOf(t.id);
      for (const r of relsOf.get(t.id) ?? []) if (demand === undefined && r.type === BRAT_RESPONDS) demand = demandOf(r.arg2);
      if (demand === undefined) {
        warnings.push(`line ${t.line}: ${t.id} is a Response to no demand (no demand reference or ${BRAT_RESPONDS} relation): imported as a quote`);
        type = 'quote';
      }
    }
    for (const a of attrs) {
      if (a.type === BRAT_STANCE) {
        if (type === 'response' && (STANCES as readonly string[]).includes(a.value ?? '')) stance = a.value as Stance;
        else warnings.push(`line ${a.line}: stance "${a.value ?? ''}" on ${t.id} (${t.type}) ignored: only a response takes one of ${STANCES.join(', ')}`);
      }
      if (a.type === BRAT_STATUS) {
        const d = demand === undefined ? undefined : builder.demand(demand);
        if (d && (DEMAND_STATUSES as readonly string[]).includes(a.value ?? '')) d.status ??= a.value as DemandStatus;
        else warnings.push(`line ${a.line}: status "${a.value ?? ''}" on ${t.id} ignored: it takes one of ${DEMAND_STATUSES.join(', ')} on a demand`);
      }
    }

    for (const speaker of speakers) {
      for (const span of p.spans) {
        const note = [...noteParts, span.note].filter((x): x is string => Boolean(x && x.trim())).join('\n') || undefined;
        const a: NewAnnotation = { type: type as NewAnnotation['type'], speaker, demand, stance, start: span.start, end: span.end, note, origin };
        if (p.unplaced !== undefined) builder.addUnplaced(a, { text: p.unplaced });
        else builder.add(a);
      }
    }
  }
  if (orphanQuotes) {
    warnings.push(`${orphanQuotes} quote${orphanQuotes === 1 ? '' : 's'} in no event or relation (first on line ${firstOrphanQuote}): given the speaker "Unattributed"`);
  }

  for (const note of notes) {
    const target = note.target;
    const used = byId.has(target) && !['trigger', 'cue', 'discard', 'discuss', undefined].includes(byId.get(target)!.role);
    const viaEvent = eventOfPart.has(target) || events.some((e) => e.id === target);
    if (!used && !viaEvent) warnings.push(`line ${note.line}: a note on ${target}, which is not imported, skipped`);
  }
  for (const [what, s] of skipped) warnings.push(`skipped ${s.count} ${what} (first on line ${s.line}): no equivalent in a sidecar`);
  return { sidecar: builder.finish(), warnings };
}

/** How the offsets of a file may count: each reading gives the text of a code-point span and maps it back. */
interface Reading {
  /** Code points (or units) in this reading. */
  length: number;
  slice(start: number, end: number): string | undefined;
  toOriginal(offset: number): number;
  /** Said when this reading is chosen. */
  note?: string;
}

function readings(text: string): Reading[] {
  const out: Reading[] = [];
  if (text.includes('\r')) {
    const lf = new LineEndView(text);
    out.push({
      length: lf.codePointLength,
      slice: (s, e) => (e <= lf.codePointLength ? lf.normalized.slice(lf.converter.toUtf16(s), lf.converter.toUtf16(e)) : undefined),
      toOriginal: (cp) => lf.toUtf16(cp),
    });
  }
  const cp = new OffsetConverter(text);
  out.push({
    length: cp.codePointLength,
    slice: (s, e) => (e <= cp.codePointLength ? text.slice(cp.toUtf16(s), cp.toUtf16(e)) : undefined),
    toOriginal: (x) => cp.toUtf16(x),
    note: text.includes('\r\n') ? 'the offsets count a CRLF line end as two characters (brat counts one); read them so' : undefined,
  });
  if (cp.codePointLength !== text.length) {
    out.push({
      length: text.length,
      slice: (s, e) => (e <= text.length ? text.slice(s, e) : undefined),
      toOriginal: (x) => x,
      note: 'the offsets count UTF-16 units, not code points as brat does; read them so',
    });
  }
  return out;
}

/**
 * Whether a span reads as its text field under a reading: -1 if not, else how many of the lines
 * after it continue the field (a span holding line breaks, written raw). brat joins fragments
 * with a space (before version 1.3, with nothing); a missing field matches anything in range.
 */
function matchLines(r: Reading, t: TextBound): number {
  const parts = t.fragments.map(([s, e]) => r.slice(s, e));
  if (parts.some((p) => p === undefined)) return -1;
  if (t.textField === undefined) return 0;
  const expected = [parts.join(' '), parts.join('')];
  let field = t.textField;
  for (let k = 0; ; k++) {
    if (expected.includes(field)) return k;
    if (k >= t.trailing.length || !expected.some((x) => x.startsWith(field + '\n'))) return -1;
    field += '\n' + t.trailing[k].text;
  }
}

/**
 * The sidecar spans of a brat span's fragments (UTF-16 on the text): one covering span when
 * they are in order and only whitespace lies between them, otherwise one per non-empty fragment.
 */
function spansOf(text: string, frags: [number, number][], id: string): { start: number; end: number; note?: string }[] {
  const inOrder = frags.every((f, i) => i === 0 || f[0] >= frags[i - 1][1]);
  const blankGaps = inOrder && frags.every((f, i) => i === 0 || /^[\s\x1c-\x1e\x85]*$/.test(text.slice(frags[i - 1][1], f[0])));
  if (frags.length === 1 || blankGaps) return [{ start: frags[0][0], end: frags[frags.length - 1][1] }];
  const parts = frags.filter(([s, e]) => e > s);
  return parts.map(([start, end], i) => ({ start, end, note: `Part ${i + 1} of ${parts.length} of the discontinuous brat span ${id}` }));
}

function abbreviate(s: string, max = 60): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
