// Which sidecars define and which use each speaker and demand id: the index's cross-reference,
// kept per file so changing one sidecar touches only its own ids.
import { Sidecar } from '../model';

export type IdKind = 'speaker' | 'demand';

class Multimap {
  private readonly map = new Map<string, Set<string>>();
  add(id: string, file: string): void {
    let s = this.map.get(id);
    if (!s) this.map.set(id, (s = new Set()));
    s.add(file);
  }
  delete(id: string, file: string): void {
    const s = this.map.get(id);
    if (s?.delete(file) && s.size === 0) this.map.delete(id);
  }
  get(id: string): ReadonlySet<string> {
    return this.map.get(id) ?? EMPTY;
  }
  ids(): IterableIterator<string> {
    return this.map.keys();
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** The ids a sidecar uses: in annotations, in demands' by and to, in groups' members. */
function usedIds(s: Sidecar): { speakers: Set<string>; demands: Set<string> } {
  const speakers = new Set<string>();
  const demands = new Set<string>();
  for (const a of s.annotations) {
    if (a.speaker !== undefined) speakers.add(a.speaker);
    if (a.demand !== undefined) demands.add(a.demand);
  }
  for (const d of s.demands.values()) for (const id of [...d.by, ...d.to]) speakers.add(id);
  for (const sp of s.speakers.values()) for (const id of sp.members) speakers.add(id);
  return { speakers, demands };
}

/**
 * Per speaker, how many annotations of a sidecar are theirs: mentions, quotes and responses
 * they speak, and demand spans without a speaker of demands they make (`by`).
 */
export function speakerHits(s: Sidecar): Map<string, number> {
  const hits = new Map<string, number>();
  const add = (id: string) => hits.set(id, (hits.get(id) ?? 0) + 1);
  for (const a of s.annotations) {
    if (a.speaker !== undefined) add(a.speaker);
    else if (a.type === 'demand') for (const id of new Set(s.demands.get(a.demand ?? '')?.by ?? [])) add(id);
  }
  return hits;
}

export class IdRefs {
  private readonly defs = { speaker: new Multimap(), demand: new Multimap() };
  private readonly uses = { speaker: new Multimap(), demand: new Multimap() };
  /** speaker id -> sidecar -> its annotations there (speakerHits), so a hover counts without scanning. */
  private readonly hits = new Map<string, Map<string, number>>();

  add(file: string, s: Sidecar): void {
    this.each(s, (m, id) => m.add(id, file));
    for (const [id, n] of speakerHits(s)) {
      let m = this.hits.get(id);
      if (!m) this.hits.set(id, (m = new Map()));
      m.set(file, n);
    }
  }

  remove(file: string, s: Sidecar): void {
    this.each(s, (m, id) => m.delete(id, file));
    for (const id of speakerHits(s).keys()) {
      const m = this.hits.get(id);
      if (m?.delete(file) && m.size === 0) this.hits.delete(id);
    }
  }

  /** How many annotations of `file` are the speaker's (0 when none). */
  speakerHitsIn(id: string, file: string): number {
    return this.hits.get(id)?.get(file) ?? 0;
  }

  /** Sidecars that define the id. */
  definedIn(kind: IdKind, id: string): ReadonlySet<string> {
    return this.defs[kind].get(id);
  }

  /** Sidecars that use the id (an annotation, a demand's by/to, a group's members). */
  usedIn(kind: IdKind, id: string): ReadonlySet<string> {
    return this.uses[kind].get(id);
  }

  usedIds(kind: IdKind): IterableIterator<string> {
    return this.uses[kind].ids();
  }

  private each(s: Sidecar, fn: (m: Multimap, id: string) => void): void {
    for (const id of s.speakers.keys()) fn(this.defs.speaker, id);
    for (const id of s.demands.keys()) fn(this.defs.demand, id);
    const used = usedIds(s);
    for (const id of used.speakers) fn(this.uses.speaker, id);
    for (const id of used.demands) fn(this.uses.demand, id);
  }
}
