// Accepting a whole SuggestionSet into a sidecar (`attribution-lens suggest --write`): new
// speakers and demands under ids no entry has, annotations under fresh ids (past every `aN`
// in the file, so no id is ever reused), nothing that duplicates an annotation. Pure: the
// caller reads and writes the file.
import { Annotation, compareAnnotations, Demand, Sidecar, Speaker } from '../model';
import { OffsetConverter } from '../text';
import { SuggestionSet, suggestionKey } from './suggestions';

export interface MergedSuggestions {
  /** The sidecar as read with the additions; annotations in the sidecar's offset unit. */
  sidecar: Sidecar;
  speakers: Speaker[];
  demands: Demand[];
  /** With their new ids, UTF-16 offsets (as suggested). */
  annotations: Annotation[];
}

/**
 * `sidecar` is the file as read (offsets in its own unit, untouched); `set` was suggested on
 * `text` against the sidecar's annotations as placed there, so it holds nothing they cover.
 * `hashMatches`: the sidecar's offsets are this text's. Only then (or for a sidecar without
 * annotations) is the hash set: otherwise the existing annotations' stale offsets would be
 * trusted. The caller re-anchors a stale sidecar first (suggest --write does): new spans among
 * stale offsets would mislead re-anchoring, which takes spans found in order as anchors.
 */
export function mergeSuggestions(sidecar: Sidecar, set: SuggestionSet, text: string, hashMatches: boolean, sha256: string): MergedSuggestions {
  const speakers = new Map(sidecar.speakers);
  const demands = new Map(sidecar.demands);
  const speakerIds = new Map<string, string>();
  const demandIds = new Map<string, string>();
  for (const s of set.speakers) {
    const id = speakers.has(s.id) ? fresh(s.id, (x) => speakers.has(x)) : s.id;
    speakerIds.set(s.id, id);
    speakers.set(id, { ...s, id });
  }
  const speakerOf = (id: string) => speakerIds.get(id) ?? id;
  for (const s of set.speakers) {
    const id = speakerOf(s.id);
    const members = s.members.map(speakerOf);
    if (members.length) speakers.set(id, { ...speakers.get(id)!, members });
  }
  for (const d of set.demands) {
    const id = demands.has(d.id) ? fresh(d.id, (x) => demands.has(x)) : d.id;
    demandIds.set(d.id, id);
    demands.set(id, { ...d, id, by: d.by.map(speakerOf), to: d.to.map(speakerOf) });
  }
  let next = 1;
  for (const a of sidecar.annotations) {
    const m = /^a(\d+)$/.exec(a.id);
    if (m) next = Math.max(next, Number(m[1]) + 1);
  }
  const taken = new Set(sidecar.annotations.map((a) => a.id));
  const seen = new Set<string>();
  const added: Annotation[] = [];
  for (const s of set.suggestions) {
    const key = suggestionKey(s.annotation);
    if (seen.has(key)) continue;
    seen.add(key);
    const a: Annotation = { ...s.annotation, id: '' };
    if (a.speaker !== undefined) a.speaker = speakerOf(a.speaker);
    if (a.demand !== undefined) a.demand = demandIds.get(a.demand) ?? a.demand;
    // A link to nothing, or without the link its type needs (a quote whose speaker the engine
    // could not tell), would make the file invalid: such a suggestion is not taken.
    if ((a.speaker !== undefined && !speakers.has(a.speaker)) || (a.demand !== undefined && !demands.has(a.demand))) continue;
    if ((a.type !== 'demand' && a.speaker === undefined) || ((a.type === 'demand' || a.type === 'response') && a.demand === undefined)) continue;
    while (taken.has(`a${next}`)) next++;
    a.id = `a${next++}`;
    taken.add(a.id);
    added.push(a);
  }
  const converter = sidecar.document.offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
  const stored = added.map((a) => (converter ? { ...a, start: converter.toCodePoint(a.start), end: converter.toCodePoint(a.end) } : a));
  const setHash = hashMatches || sidecar.annotations.length === 0;
  const merged: Sidecar = {
    ...sidecar,
    document: { ...sidecar.document, ...(setHash ? { sha256 } : {}) },
    speakers,
    demands,
    annotations: [...sidecar.annotations, ...stored].sort(compareAnnotations),
  };
  return {
    sidecar: merged,
    speakers: set.speakers.map((s) => speakers.get(speakerOf(s.id))!),
    demands: set.demands.map((d) => demands.get(demandIds.get(d.id)!)!),
    annotations: added,
  };
}

function fresh(base: string, taken: (id: string) => boolean): string {
  for (let k = 2; ; k++) if (!taken(`${base}-${k}`)) return `${base}-${k}`;
}
