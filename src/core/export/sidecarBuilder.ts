// What the importers share: building a sidecar for one article text from spans found in
// another format, with speakers made from names when the format has no ids for them.
import { anchorContext } from '../anchoring';
import { deriveId } from '../editing';
import { Annotation, compareAnnotations, Demand, emptySidecar, Sidecar, Speaker, SpeakerKind } from '../model';
import { sha256Hex } from '../text';
import { abbreviate } from '../wording';

export interface ImportResult {
  sidecar: Sidecar;
  /** What was skipped or guessed, one sentence each; "line N: …" where a line is known. */
  warnings: string[];
}

export type NewAnnotation = Omit<Annotation, 'id' | 'text' | 'prefix' | 'suffix'>;

export class SidecarBuilder {
  private readonly sidecar: Sidecar;
  private readonly entries: { a: Annotation; order: number }[] = [];
  private readonly seen = new Set<string>();
  private readonly byName = new Map<string, string>();
  private readonly nextSuffix = new Map<string, number>();

  constructor(private readonly text: string, file?: string) {
    this.sidecar = emptySidecar(file);
  }

  hasSpeaker(id: string): boolean {
    return this.sidecar.speakers.has(id);
  }

  /** Adds a speaker unless one has its id already; returns the id. */
  addSpeaker(speaker: Speaker): string {
    if (!this.sidecar.speakers.has(speaker.id)) {
      this.sidecar.speakers.set(speaker.id, speaker);
      this.byName.set(nameKey(speaker.name), this.byName.get(nameKey(speaker.name)) ?? speaker.id);
    }
    return speaker.id;
  }

  /** The speaker known by this name (case and spacing aside), or a new one made from it. */
  speakerNamed(rawName: string, kind?: SpeakerKind, note?: string): string {
    const name = cleanName(rawName) || rawName.trim() || 'Unnamed speaker';
    const known = this.byName.get(nameKey(name));
    if (known) return known;
    const id = this.freshId(name, (x) => this.sidecar.speakers.has(x), 'speaker');
    return this.addSpeaker({ id, name, kind: kind ?? guessKind(name), aliases: [], members: [], note });
  }

  hasDemand(id: string): boolean {
    return this.sidecar.demands.has(id);
  }

  demand(id: string): Demand | undefined {
    return this.sidecar.demands.get(id);
  }

  addDemand(demand: Demand): string {
    if (!this.sidecar.demands.has(demand.id)) this.sidecar.demands.set(demand.id, demand);
    return demand.id;
  }

  /** A new demand whose summary is the text that states it. */
  demandFromText(text: string): string {
    const summary = abbreviate(text.replace(/\s+/g, ' ').trim(), 100, { atWord: true }) || 'Demand';
    return this.addDemand({ id: this.freshId(summary, (x) => this.sidecar.demands.has(x), 'demand'), summary, by: [], to: [] });
  }

  /**
   * deriveId's answer, without counting up from -2 again for each of many same names (quadratic
   * on a file of thousands): ids are never removed, so every suffix below the last one given is taken.
   */
  private freshId(name: string, taken: (id: string) => boolean, fallback: string): string {
    const base = deriveId(name, () => false, fallback);
    if (!taken(base)) return base;
    const key = `${fallback}:${base}`;
    let n = this.nextSuffix.get(key) ?? 2;
    while (taken(`${base}-${n}`)) n++;
    this.nextSuffix.set(key, n + 1);
    return `${base}-${n}`;
  }

  /**
   * An annotation on [start, end) of the text (UTF-16). The same one twice (as when one brat
   * span is the content of two events with one source) is kept once, unless the source gave
   * each its own id.
   */
  add(a: NewAnnotation, id = ''): void {
    const key = JSON.stringify([a.type, a.start, a.end, a.speaker, a.demand, a.stance, a.note, a.origin]);
    if (!id && this.seen.has(key)) return;
    this.seen.add(key);
    this.entries.push({ a: { id, ...a, ...anchorContext(this.text, a.start, a.end) }, order: this.entries.length });
  }

  /**
   * An annotation whose text was not found where the source said: kept with that text, flagged
   * as an orphan, so every reader searches for it again (its offsets are never trusted, even
   * with the text's sha256) and shows it for review instead of losing it.
   */
  addUnplaced(a: NewAnnotation, anchor: { text: string; prefix?: string; suffix?: string }, id = ''): void {
    const start = Math.min(a.start, this.text.length);
    const review = { status: 'orphan' as const, reason: 'not found in the article where the imported file placed it' };
    this.entries.push({ a: { id, ...a, start, end: Math.max(start, Math.min(a.end, this.text.length)), ...anchor, review }, order: this.entries.length });
  }

  /**
   * The sidecar: annotations sorted, keeping the ids the source gave (the first of any repeated
   * one) and numbering the rest a1, a2… past those; `sha256` of the text, which the placed ones
   * are on (the unplaced ones are flagged orphans, never trusted by it).
   */
  finish(): Sidecar {
    const sorted = [...this.entries].sort((x, y) => compareAnnotations({ ...x.a, id: '' }, { ...y.a, id: '' }) || x.order - y.order);
    const taken = new Set<string>();
    const kept = sorted.map((e) => (e.a.id && !taken.has(e.a.id) && taken.add(e.a.id) ? e.a.id : ''));
    let n = 0;
    const fresh = () => {
      while (taken.has(`a${++n}`));
      return `a${n}`;
    };
    this.sidecar.annotations = sorted.map((e, i) => clean({ ...e.a, id: kept[i] || fresh() }));
    this.sidecar.document.sha256 = sha256Hex(this.text);
    return this.sidecar;
  }
}

/** Drops undefined fields, so the sidecar writer and deep comparisons see only what is set. */
function clean(a: Annotation): Annotation {
  for (const k of Object.keys(a) as (keyof Annotation)[]) if (a[k] === undefined) delete a[k];
  return a;
}

/** A name as a person would write it: one space between words, no quotes or punctuation around it. */
export function cleanName(text: string): string {
  // Trimmed by hand: a regex anchored at the end retries at every character, which is quadratic on a long name.
  const s = text.replace(/\s+/g, ' ');
  let start = 0;
  let end = s.length;
  while (start < end && LEADING.has(s[start])) start++;
  while (end > start && TRAILING.has(s[end - 1])) end--;
  return s.slice(start, end);
}

const LEADING = new Set(' "\'“”‘’«»„([,;:—–-');
const TRAILING = new Set(' "\'“”‘’«»„)],;:—–-');

function nameKey(name: string): string {
  return cleanName(name).toLowerCase().replace(/[‘’]/g, "'");
}

// "a spokesperson for…", "another source", "Labour sources", "the official": no name.
const ANONYMOUS = /^(?:an?|another|some|several|one|two|three|four|five|many|other|unnamed|anonymous)\s|\b(?:sources?|officials|aides|insiders|people)$|^the (?:source|official|aide|insider|spokes(?:person|man|woman))$/i;
const ORGANISATION = /\b(?:Party|Council|Board|Committee|Campaign|Department|Ministry|Agency|Office|Court|University|Association|Union|Company|Corporation|Inc|Corp|Ltd|News|Times|Post|Press|Journal|Network|Institute|Foundation|Commission|Administration|Government|Congress|Senate|House|Police|Poll|Coalition|Bank|Service|Bureau|Center|Centre|Group|Reuters|AP|CNN|NBC|ABC|CBS|Fox|BBC)\b/;

/** A kind from a name, simply: "a source" is anonymous, "the Labour Party" an organisation, the rest people. */
export function guessKind(name: string): SpeakerKind {
  if (ANONYMOUS.test(name)) return 'anonymous';
  if (ORGANISATION.test(name)) return 'organisation';
  return 'person';
}
