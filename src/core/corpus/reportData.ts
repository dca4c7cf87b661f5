// The numbers of the corpus report, once, for its HTML and its CSV: who is quoted most, quotes and
// quoted words by each attribute the workspace speakers file codes (and by kind of source, which
// gives the share of anonymous sources), per month and per outlet folder, and the demands still
// open with their threads across articles in date order.
//
// Words are those of each quote's stored text (the sidecar's `text`), counted as a reader does;
// the corpus holds sidecars, not article texts. A speaker's name and kind are the workspace
// file's, else the first sidecar's that defines the id; attributes only the workspace file's.
import { countWords } from '../export/report/wording';
import { Annotation, compareIds, Demand, SpeakerKind, Stance } from '../model';
import { commonFolder, relative } from '../posixPath';
import { Corpus, CorpusArticle } from './corpus';

export interface Tally {
  quotes: number;
  words: number;
}

export interface SpeakerRow extends Tally {
  id: string;
  name: string;
  kind: SpeakerKind;
  attributes: Record<string, string>;
  mentions: number;
  /** Articles with a quote of theirs. */
  articles: number;
}

/** What a quote's speaker has no value for. */
export const NOT_CODED = 'not coded';
/** A quote without a speaker. */
export const NO_SPEAKER = 'no speaker recorded';
export const NO_DATE = 'no date';
export const ROOT_FOLDER = '(top folder)';

export interface Breakdown {
  /** `kind`, or an attribute key of the workspace speakers file. */
  key: string;
  label: string;
  /** Values, most quoted first; NOT_CODED and NO_SPEAKER last. */
  values: string[];
  overall: Map<string, Tally>;
  byMonth: Map<string, Map<string, Tally>>;
  byFolder: Map<string, Map<string, Tally>>;
}

export interface GroupRow extends Tally {
  group: string;
  articles: number;
  /** Different speakers quoted. */
  speakers: number;
}

export interface ThreadItem {
  /** Relative to the folder holding every article of the corpus. */
  article: string;
  date?: string;
  type: 'demand' | 'response';
  annotation: string;
  speaker?: string;
  stance?: Stance;
  text: string;
}

export interface OpenDemand {
  id: string;
  summary: string;
  /** undefined: no status recorded (counted as open). */
  status?: 'open';
  by: string[];
  to: string[];
  /** Where it is defined (the article whose definition is shown: the latest), relative like a thread item's. */
  article: string;
  thread: ThreadItem[];
}

export interface CorpusReportData {
  articles: number;
  total: Tally;
  anonymous: Tally;
  /** Every quoted or mentioned speaker, most quoted first. */
  speakers: SpeakerRow[];
  breakdowns: Breakdown[];
  months: GroupRow[];
  folders: GroupRow[];
  openDemands: OpenDemand[];
  /** First and last article date (ISO, as written), when any article has one. */
  firstDate?: string;
  lastDate?: string;
  undated: number;
}

/** `YYYY-MM` of an ISO date, or NO_DATE. */
export function monthOf(date: string | undefined): string {
  const m = date === undefined ? null : /^(\d{4}-\d{2})/.exec(date);
  return m ? m[1] : NO_DATE;
}

const byGroup = (a: string, b: string) => (a === NO_DATE ? 1 : b === NO_DATE ? -1 : a < b ? -1 : a > b ? 1 : 0);

function add(map: Map<string, Tally>, key: string, words: number): void {
  const t = map.get(key) ?? { quotes: 0, words: 0 };
  t.quotes++;
  t.words += words;
  map.set(key, t);
}

function nested(map: Map<string, Map<string, Tally>>, group: string, key: string, words: number): void {
  if (!map.has(group)) map.set(group, new Map());
  add(map.get(group)!, key, words);
}

export function corpusReportData(corpus: Corpus): CorpusReportData {
  // Names and kinds: the workspace file's, else the first definition in path order (a Map
  // lookup per definition: the duplicates list's fuller summary costs seconds on 10,000 articles).
  const summaries = new Map<string, { name: string; kind: SpeakerKind }>(corpus.speakers);
  for (const art of corpus.articles) for (const sp of art.sidecar.speakers.values()) if (!summaries.has(sp.id)) summaries.set(sp.id, sp);
  const attributeKeys = [...new Set([...corpus.speakers.values()].flatMap((w) => Object.keys(w.attributes)))].sort((a, b) => a.localeCompare(b));
  const speakers = new Map<string, SpeakerRow & { seen: Set<string> }>();
  const row = (id: string) => {
    let r = speakers.get(id);
    if (!r) {
      const s = summaries.get(id);
      r = { id, name: s?.name ?? id, kind: s?.kind ?? 'person', attributes: { ...(corpus.speakers.get(id)?.attributes ?? {}) }, quotes: 0, words: 0, mentions: 0, articles: 0, seen: new Set() };
      speakers.set(id, r);
    }
    return r;
  };
  const breakdowns: Breakdown[] = [{ key: 'kind', label: 'kind of source' }, ...attributeKeys.map((key) => ({ key, label: key }))].map((b) => ({ ...b, values: [], overall: new Map(), byMonth: new Map(), byFolder: new Map() }));
  const total: Tally = { quotes: 0, words: 0 };
  const anonymous: Tally = { quotes: 0, words: 0 };
  const groups = { months: new Map<string, GroupRow & { ids: Set<string> }>(), folders: new Map<string, GroupRow & { ids: Set<string> }>() };
  const group = (map: typeof groups.months, key: string) => {
    let g = map.get(key);
    if (!g) map.set(key, (g = { group: key, articles: 0, quotes: 0, words: 0, speakers: 0, ids: new Set() }));
    return g;
  };
  let firstDate: string | undefined;
  let lastDate: string | undefined;
  let undated = 0;

  for (const art of corpus.articles) {
    const month = monthOf(art.date);
    const folder = art.folder || ROOT_FOLDER;
    if (art.date === undefined) undated++;
    else {
      if (firstDate === undefined || art.date < firstDate) firstDate = art.date;
      if (lastDate === undefined || art.date > lastDate) lastDate = art.date;
    }
    const inGroups = [group(groups.months, month), group(groups.folders, folder)];
    for (const g of inGroups) g.articles++;
    for (const a of art.sidecar.annotations) {
      if (a.type === 'mention' && a.speaker !== undefined) row(a.speaker).mentions++;
      if (a.type !== 'quote') continue;
      const words = countWords(a.text ?? '');
      total.quotes++;
      total.words += words;
      for (const g of inGroups) {
        g.quotes++;
        g.words += words;
        if (a.speaker !== undefined) g.ids.add(a.speaker);
      }
      const r = a.speaker === undefined ? undefined : row(a.speaker);
      if (r) {
        r.quotes++;
        r.words += words;
        r.seen.add(art.article);
        if (kindIn(corpus, art, a, r.kind) === 'anonymous') {
          anonymous.quotes++;
          anonymous.words += words;
        }
      }
      for (const b of breakdowns) {
        const value = !r ? NO_SPEAKER : b.key === 'kind' ? kindIn(corpus, art, a, r.kind) : (r.attributes[b.key] ?? NOT_CODED);
        add(b.overall, value, words);
        nested(b.byMonth, month, value, words);
        nested(b.byFolder, folder, value, words);
      }
    }
  }
  for (const b of breakdowns) {
    const last = (v: string) => (v === NOT_CODED ? 1 : v === NO_SPEAKER ? 2 : 0);
    b.values = [...b.overall.keys()].sort((x, y) => last(x) - last(y) || b.overall.get(y)!.quotes - b.overall.get(x)!.quotes || x.localeCompare(y));
  }
  const rows = [...speakers.values()].map(({ seen, ...r }) => ({ ...r, articles: seen.size }));
  rows.sort((x, y) => y.quotes - x.quotes || y.words - x.words || x.name.localeCompare(y.name) || compareIds(x.id, y.id));
  const groupRows = (map: typeof groups.months) => [...map.values()].map(({ ids, ...g }) => ({ ...g, speakers: ids.size })).sort((x, y) => byGroup(x.group, y.group));
  return {
    articles: corpus.articles.length,
    total,
    anonymous,
    speakers: rows,
    breakdowns,
    months: groupRows(groups.months),
    folders: groupRows(groups.folders),
    openDemands: openDemands(corpus, (id) => speakers.get(id)?.name ?? summaries.get(id)?.name ?? id),
    firstDate,
    lastDate,
    undated,
  };
}

/** The kind a quote's speaker has: the workspace file's, else as this article's sidecar defines them. */
function kindIn(corpus: Corpus, art: CorpusArticle, a: Annotation, fallback: SpeakerKind): SpeakerKind {
  if (a.speaker === undefined) return fallback;
  return corpus.speakers.get(a.speaker)?.kind ?? art.sidecar.speakers.get(a.speaker)?.kind ?? fallback;
}

const byDate = (x: { date?: string; article: string }, y: { date?: string; article: string }) =>
  x.date === y.date ? (x.article < y.article ? -1 : x.article > y.article ? 1 : 0) : x.date === undefined ? 1 : y.date === undefined ? -1 : x.date < y.date ? -1 : 1;

/** Demands whose latest definition (by article date) is open or has no status, with every statement and response, in date order. */
function openDemands(corpus: Corpus, nameOf: (id: string) => string): OpenDemand[] {
  const root = commonFolder(corpus.articles.map((a) => a.article));
  const shown = (path: string) => relative(root, path) || path;
  const defined = new Map<string, { demand: Demand; art: CorpusArticle }>();
  const threads = new Map<string, (ThreadItem & { start: number })[]>();
  for (const art of corpus.articles) {
    for (const d of art.sidecar.demands.values()) {
      const seen = defined.get(d.id);
      if (!seen || byDate(seen.art, art) <= 0) defined.set(d.id, { demand: d, art });
    }
    for (const a of art.sidecar.annotations) {
      if (a.demand === undefined || (a.type !== 'demand' && a.type !== 'response')) continue;
      if (!threads.has(a.demand)) threads.set(a.demand, []);
      threads.get(a.demand)!.push({
        article: shown(art.article),
        date: art.date,
        type: a.type,
        annotation: a.id,
        speaker: a.speaker === undefined ? undefined : nameOf(a.speaker),
        stance: a.stance,
        text: a.text ?? '',
        start: a.start,
      });
    }
  }
  const out: OpenDemand[] = [];
  for (const [id, { demand, art }] of defined) {
    if (demand.status !== undefined && demand.status !== 'open') continue;
    const thread = (threads.get(id) ?? []).sort((x, y) => byDate(x, y) || x.start - y.start).map(({ start, ...item }) => item);
    out.push({ id, summary: demand.summary, status: demand.status, by: demand.by.map(nameOf), to: demand.to.map(nameOf), article: shown(art.article), thread });
  }
  // The oldest first: what has waited longest.
  const firstDate = (d: OpenDemand) => d.thread[0]?.date;
  return out.sort((x, y) => byDate({ date: firstDate(x), article: x.article }, { date: firstDate(y), article: y.article }) || compareIds(x.id, y.id));
}
