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
//   a warning. A malformed line is a warning naming the line; an input with no brat line at all
//   (binary noise, JSON, prose) throws a BratFormatError saying so.
//
// The stages: lines into records (bratParse.ts); the reading the offsets count in and every
// span placed on the text (bratPlace.ts: brat's is code points with CRs counted); then, here,
// the links between records and the annotations. A text field spread over several lines (a
// span holding a line break, written raw as PolNeAR does) is read on. A span whose text field
// does not match the article is kept for review with that text, not placed at a guess.
//
// Discontinuous spans (`T1 Content 0 5;10 15`): fragments apart only by whitespace or line
// breaks (brat's editor splits a selection at line breaks) are one span; otherwise each
// fragment becomes its own annotation, noted as a part of the brat span.
import { DEMAND_STATUSES, DemandStatus, Stance, STANCES } from '../model';
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
import { EventLine, parseBratLines } from './bratParse';
import { isAuxiliary, placeBounds } from './bratPlace';
import { cleanName, guessKind, ImportResult, NewAnnotation, SidecarBuilder } from './sidecarBuilder';

export { BratFormatError } from './bratParse';

export interface BratImportOptions {
  /** The article's file name relative to the sidecar, for `document.file`. */
  file?: string;
}

/** A .ann and the text it annotates into a sidecar; throws BratFormatError when `ann` is not brat at all. */
export function importBrat(ann: string, text: string, options: BratImportOptions = {}): ImportResult {
  // 1. Lines into records.
  const { bounds, events, relations, attributes, references, notes, unknown, warnings } = parseBratLines(ann);
  const skipped = new Map<string, { count: number; line: number }>();
  const skip = (what: string, line: number) => {
    const s = skipped.get(what);
    if (s) s.count++;
    else skipped.set(what, { count: 1, line });
  };
  for (const u of unknown) skip(u.what, u.line);

  // 2, 3. The reading of the text the offsets count in, and every text-bound annotation placed on it.
  const byId = placeBounds(bounds, text, warnings);
  const triggers = new Set(events.map((e) => e.trigger).filter((x): x is string => x !== undefined));

  // 4. Links: references, attributes, notes, relations and events, by the id they point at.
  const group = <T extends { target: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) {
      const list = m.get(x.target);
      if (list) list.push(x);
      else m.set(x.target, [x]);
    }
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
      if (role === 'content') {
        const list = eventsOfContent.get(a.ref);
        if (list) list.push(e);
        else eventsOfContent.set(a.ref, [e]);
      }
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
    if (isAuxiliary(role)) continue;

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

  const eventIds = new Set(events.map((e) => e.id));
  for (const note of notes) {
    const target = note.target;
    const used = byId.has(target) && !isAuxiliary(byId.get(target)!.role);
    const viaEvent = eventOfPart.has(target) || eventIds.has(target);
    if (!used && !viaEvent) warnings.push(`line ${note.line}: a note on ${target}, which is not imported, skipped`);
  }
  for (const [what, s] of skipped) warnings.push(`skipped ${s.count} ${what} (first on line ${s.line}): no equivalent in a sidecar`);
  return { sidecar: builder.finish(), warnings };
}
