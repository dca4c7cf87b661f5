// What the editor asks the index: a speaker's appearances in other articles (the hover card's
// "in other articles"), a demand's thread across articles in date order, every reference of an
// id, and the ids defined nowhere. Each reads only the sidecars the index says name the id.
import { Annotation, Demand, OffsetUnit } from '../model';
import { CorpusIndex, IndexEntry } from './corpusIndex';
import { IdKind } from './idRefs';

/** One annotation somewhere in the corpus. Offsets are as stored, in `offsets` units. */
export interface CorpusHit {
  article: string;
  sidecarPath: string;
  date?: string;
  offsets: OffsetUnit;
  annotation: Annotation;
}

export interface Appearances {
  /** Articles (other than the one excluded) with at least one hit. */
  articles: number;
  /** Every hit in them. */
  total: number;
  /** The most recent `limit` hits, newest first. */
  recent: CorpusHit[];
}

function hit(e: IndexEntry, a: Annotation): CorpusHit {
  return { article: e.article.article, sidecarPath: e.article.sidecarPath, date: e.article.date, offsets: e.article.sidecar.document.offsets, annotation: a };
}

/** Undated articles sort as the oldest; ties by article path, then position. */
function byDate(a: { e: IndexEntry; a: Annotation }, b: { e: IndexEntry; a: Annotation }): number {
  const da = Number.isNaN(a.e.dateMs) ? -Infinity : a.e.dateMs;
  const db = Number.isNaN(b.e.dateMs) ? -Infinity : b.e.dateMs;
  if (da !== db) return da < db ? -1 : 1;
  const pa = a.e.article.article;
  const pb = b.e.article.article;
  return pa < pb ? -1 : pa > pb ? 1 : a.a.start - b.a.start || a.a.end - b.a.end;
}

function entriesNaming(index: CorpusIndex, kind: IdKind, id: string, except?: string): IndexEntry[] {
  const out: IndexEntry[] = [];
  for (const file of index.refs.usedIn(kind, id)) {
    const e = index.entry(file);
    if (e && e.article.article !== except && e.article.sidecarPath !== except) out.push(e);
  }
  return out;
}

/**
 * Where a speaker speaks or is named outside `except` (an article or sidecar path): their
 * mentions, quotes and responses, and the spans of demands they make (`by`), newest first.
 */
export function speakerAppearances(index: CorpusIndex, id: string, options: { except?: string; limit?: number } = {}): Appearances {
  const limit = options.limit ?? 5;
  // Newest article first; only as many articles are scanned as the most recent hits need, the
  // rest are counted from the index (a speaker quoted in thousands of articles stays fast).
  const entries = entriesNaming(index, 'speaker', id, options.except).sort((x, y) => byDate({ e: y, a: FIRST }, { e: x, a: FIRST }));
  const recent: CorpusHit[] = [];
  let articles = 0;
  let total = 0;
  for (const e of entries) {
    const n = index.refs.speakerHitsIn(id, e.article.sidecarPath);
    if (n === 0) continue;
    articles++;
    total += n;
    if (recent.length >= limit) continue;
    const demands = e.article.sidecar.demands;
    for (const a of e.article.sidecar.annotations) {
      if (recent.length >= limit) break;
      if (a.speaker === id || (a.type === 'demand' && a.speaker === undefined && demands.get(a.demand ?? '')?.by.includes(id))) recent.push(hit(e, a));
    }
  }
  return { articles, total, recent };
}

export interface DemandThread {
  /** Each sidecar's definition of the demand, oldest article first. */
  definitions: { article: string; sidecarPath: string; date?: string; demand: Demand }[];
  /** Its demand spans and responses across the corpus in date order (document.date, else mtime). */
  items: CorpusHit[];
}

export function demandThread(index: CorpusIndex, id: string): DemandThread {
  const found: { e: IndexEntry; a: Annotation }[] = [];
  for (const e of entriesNaming(index, 'demand', id)) for (const a of e.article.sidecar.annotations) if (a.demand === id) found.push({ e, a });
  found.sort(byDate);
  const defs = [...index.refs.definedIn('demand', id)].map((f) => index.entry(f)).filter((e): e is IndexEntry => e !== undefined);
  defs.sort((x, y) => byDate({ e: x, a: FIRST }, { e: y, a: FIRST }));
  return {
    definitions: defs.map((e) => ({ article: e.article.article, sidecarPath: e.article.sidecarPath, date: e.article.date, demand: e.article.sidecar.demands.get(id)! })),
    items: found.map((f) => hit(f.e, f.a)),
  };
}

const FIRST: Annotation = { id: '', type: 'mention', start: 0, end: 0 };

export interface References {
  /** Sidecars that define the id, by path. */
  definedIn: string[];
  /** A speaker id the workspace speakers file defines. */
  inSpeakersFile: boolean;
  /** Every annotation naming the id, by article path then position. */
  hits: CorpusHit[];
}

export function references(index: CorpusIndex, kind: IdKind, id: string): References {
  const hits: CorpusHit[] = [];
  const entries = entriesNaming(index, kind, id).sort((a, b) => (a.article.article < b.article.article ? -1 : 1));
  for (const e of entries) for (const a of e.article.sidecar.annotations) if ((kind === 'speaker' ? a.speaker : a.demand) === id) hits.push(hit(e, a));
  return { definedIn: [...index.refs.definedIn(kind, id)].sort(), inSpeakersFile: kind === 'speaker' && index.speakers().has(id), hits };
}

export interface UndefinedId {
  kind: IdKind;
  id: string;
  /** Sidecars that use it, by path. */
  usedIn: string[];
}

/** Ids some sidecar uses that no sidecar (nor, for speakers, the speakers file) defines: errors in a corpus. */
export function undefinedIds(index: CorpusIndex): UndefinedId[] {
  const out: UndefinedId[] = [];
  for (const kind of ['speaker', 'demand'] as const) {
    for (const id of index.refs.usedIds(kind)) {
      if (index.refs.definedIn(kind, id).size > 0 || (kind === 'speaker' && index.speakers().has(id))) continue;
      out.push({ kind, id, usedIn: [...index.refs.usedIn(kind, id)].sort() });
    }
  }
  return out.sort((a, b) => (a.kind !== b.kind ? (a.kind < b.kind ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
