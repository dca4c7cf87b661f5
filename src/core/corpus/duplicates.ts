// Probable duplicate speakers across a corpus: different ids whose names or aliases match
// ("Jeremy Corbyn" / "Mr Corbyn" / "Corbyn"). Each pair says why, in words, and how sure it is
// (0..1); a person decides, and speakerMerge.ts plans the merge.
//
// Names are compared in a normal form: Unicode-folded, case and accents set aside, titles
// ("Mr", "Dr", "Lord", "Rt Hon") dropped from the front, dots, a possessive and a leading "the"
// dropped. Then, best first:
//   - the same name (0.95; a one-word name, "Corbyn" / "Corbyn", 0.75);
//   - persons, the same surname and given name, one with more names ("Jeremy Bernard Corbyn"), 0.85;
//   - persons, an initial for the given name ("J. Corbyn" / "Jeremy Corbyn"), 0.7;
//   - persons, a surname alone ("Mr Corbyn", "Corbyn") and a full name with that surname, 0.7,
//     divided by the number of different full-named persons in the corpus who have that surname:
//     "Corbyn" next to both Jeremy and Piers Corbyn is 0.35 for each, and says so.
// Full names with different given names ("Jeremy Corbyn" / "Piers Corbyn") are never a pair.
// Then what lowers it: kinds that differ (× 0.5), anonymous sources (a shared description such as
// "a Labour spokesman" may be different people: at most 0.4), and both ids used in one article,
// where the annotator had them side by side and kept them apart (× 0.8). Pairs under 0.3 are left out.
import { SpeakerKind } from '../model';
import { Corpus } from './corpus';

export interface SpeakerSummary {
  id: string;
  /** The workspace speakers file's name, else the first sidecar's (articles in path order). */
  name: string;
  kind: SpeakerKind;
  /** Every name and alias the id has anywhere, the name first. */
  names: string[];
  /** Articles whose sidecar defines or uses the id. */
  articles: string[];
  inWorkspace: boolean;
}

export interface DuplicatePair {
  a: SpeakerSummary;
  b: SpeakerSummary;
  /** 0..1 */
  confidence: number;
  /** Why, in words, the strongest first. */
  reasons: string[];
  /** The id to keep if they are merged: the one in more articles, else the one in the workspace file, else the longer name. */
  keep: string;
  drop: string;
}

export const MIN_CONFIDENCE = 0.3;

const TITLE_WORDS = new Set(
  `mr mrs ms miss mx dr sir lord lady dame baroness baron prof professor rev revd reverend rabbi imam father president senator sen rep
   gov governor judge justice cllr councillor chancellor minister general gen colonel col captain capt rt hon right honourable`.split(/\s+/),
);

interface NameForm {
  written: string;
  /** Words of the normal form, titles dropped. */
  words: string[];
  titled: boolean;
}

/** A name's words for matching; see the top of this file. */
export function nameForm(written: string): NameForm {
  let words = written
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/'s?(?=\s|$)/g, '')
    .replace(/[.,]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words[0] === 'the') words = words.slice(1);
  let titled = false;
  while (words.length > 1 && TITLE_WORDS.has(words[0])) {
    words = words.slice(1);
    titled = true;
  }
  return { written, words, titled };
}

/** Every speaker id of the corpus with its names, kind and articles. */
export function corpusSpeakers(corpus: Corpus): Map<string, SpeakerSummary> {
  // Sets while collecting: a speaker of a 10,000-article corpus is defined in hundreds of them.
  const names = new Map<string, Set<string>>();
  const articles = new Map<string, Set<string>>();
  const out = new Map<string, SpeakerSummary>();
  const get = (id: string): SpeakerSummary => {
    let s = out.get(id);
    if (!s) {
      out.set(id, (s = { id, name: id, kind: 'person', names: [], articles: [], inWorkspace: false }));
      names.set(id, new Set());
      articles.set(id, new Set());
    }
    return s;
  };
  const named = new Set<string>();
  const addNames = (id: string, name: string, aliases: readonly string[]) => {
    const set = names.get(id)!;
    for (const n of [name, ...aliases]) if (n.trim()) set.add(n);
  };
  for (const w of corpus.speakers.values()) {
    const s = get(w.id);
    Object.assign(s, { name: w.name, kind: w.kind, inWorkspace: true });
    named.add(w.id);
    addNames(w.id, w.name, w.aliases);
  }
  for (const art of corpus.articles) {
    const { sidecar } = art;
    const used = new Set<string>();
    for (const sp of sidecar.speakers.values()) {
      const s = get(sp.id);
      if (!named.has(sp.id)) {
        Object.assign(s, { name: sp.name, kind: sp.kind });
        named.add(sp.id);
      }
      addNames(sp.id, sp.name, sp.aliases);
      used.add(sp.id);
      for (const m of sp.members) used.add(m);
    }
    for (const a of sidecar.annotations) if (a.speaker !== undefined) used.add(a.speaker);
    for (const d of sidecar.demands.values()) for (const id of [...d.by, ...d.to]) used.add(id);
    for (const id of used) {
      get(id);
      articles.get(id)!.add(art.article);
    }
  }
  for (const s of out.values()) {
    // The name first, then the others as they came.
    s.names = [...new Set([s.name, ...names.get(s.id)!])];
    s.articles = [...articles.get(s.id)!];
  }
  return out;
}

interface Match {
  confidence: number;
  reason: string;
}

/** Probable duplicates, the surest first. */
export function findDuplicateSpeakers(corpus: Corpus): DuplicatePair[] {
  const speakers = corpusSpeakers(corpus);
  const forms = new Map<string, NameForm[]>();
  for (const s of speakers.values()) forms.set(s.id, s.names.map(nameForm).filter((f) => f.words.length > 0));

  // Blocking: only ids that share a whole normal form or a person's surname are compared.
  const byKey = new Map<string, Set<string>>();
  const index = (key: string, id: string) => {
    let ids = byKey.get(key);
    if (!ids) byKey.set(key, (ids = new Set()));
    ids.add(id);
  };
  // Full-named persons per surname and given name: "corbyn" → jeremy → {jc, jeremy}, piers → {pc}.
  const fullNamed = new Map<string, Map<string, Set<string>>>();
  for (const s of speakers.values()) {
    for (const f of forms.get(s.id)!) {
      index(`full:${f.words.join(' ')}`, s.id);
      if (s.kind !== 'person') continue;
      const surname = f.words[f.words.length - 1];
      index(`surname:${surname}`, s.id);
      if (f.words.length >= 2 && f.words[0].length > 1) {
        if (!fullNamed.has(surname)) fullNamed.set(surname, new Map());
        const byGiven = fullNamed.get(surname)!;
        if (!byGiven.has(f.words[0])) byGiven.set(f.words[0], new Set());
        byGiven.get(f.words[0])!.add(s.id);
      }
    }
  }
  // The other persons a surname may mean: given names that neither of the pair has (however
  // many ids share one: "Jeremy Corbyn" twice is one person, maybe a duplicate of their own).
  const alsoNamed = (surname: string, pair: readonly string[]) => {
    const out: string[] = [];
    for (const ids of fullNamed.get(surname)?.values() ?? []) {
      if (pair.some((id) => ids.has(id))) continue;
      out.push(speakers.get([...ids].sort()[0])!.name);
    }
    return out;
  };
  const seen = new Set<string>();
  const pairs: DuplicatePair[] = [];
  for (const ids of byKey.values()) {
    const list = [...ids].sort();
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const key = `${list[i]}\u0000${list[j]}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const pair = compare(speakers.get(list[i])!, speakers.get(list[j])!, forms, alsoNamed);
        if (pair) pairs.push(pair);
      }
    }
  }
  return pairs.sort((x, y) => y.confidence - x.confidence || x.a.name.localeCompare(y.a.name) || x.b.name.localeCompare(y.b.name) || (x.a.id < y.a.id ? -1 : 1));
}

type AlsoNamed = (surname: string, except: readonly string[]) => string[];

function compare(a: SpeakerSummary, b: SpeakerSummary, forms: Map<string, NameForm[]>, alsoNamed: AlsoNamed): DuplicatePair | undefined {
  let best: Match | undefined;
  for (const fa of forms.get(a.id)!) {
    for (const fb of forms.get(b.id)!) {
      const m = matchNames(fa, fb, a.kind === 'person' && b.kind === 'person', () => alsoNamed(fa.words[fa.words.length - 1], [a.id, b.id]));
      if (m && (!best || m.confidence > best.confidence)) best = m;
    }
  }
  if (!best) return undefined;
  let confidence = best.confidence;
  const reasons = [best.reason];
  if (a.kind !== b.kind) {
    confidence *= 0.5;
    reasons.push(`but one is ${article(a.kind)} ${a.kind} and the other ${article(b.kind)} ${b.kind}`);
  }
  if (a.kind === 'anonymous' || b.kind === 'anonymous') {
    confidence = Math.min(confidence, 0.4);
    reasons.push('anonymous sources with the same description may be different people');
  }
  const inB = new Set(b.articles);
  const together = a.articles.filter((p) => inB.has(p));
  if (together.length) {
    confidence *= 0.8;
    reasons.push(`both are in ${together.length === 1 ? together[0] : `${together.length} articles`}, where the annotator kept them apart`);
  }
  confidence = Math.round(confidence * 100) / 100;
  if (confidence < MIN_CONFIDENCE) return undefined;
  const [keep, drop] = keepFirst(a, b);
  return { a, b, confidence, reasons, keep: keep.id, drop: drop.id };
}

function article(kind: string): string {
  return /^[aeiou]/.test(kind) ? 'an' : 'a';
}

const quoted = (s: string) => `“${s}”`;

function matchNames(x: NameForm, y: NameForm, persons: boolean, others: () => string[]): Match | undefined {
  const fx = x.words.join(' ');
  const fy = y.words.join(' ');
  if (fx === fy) {
    const how = x.written === y.written ? `the same name ${quoted(x.written)}` : `the same name once titles, case and accents are set aside: ${quoted(x.written)} / ${quoted(y.written)}`;
    return { confidence: x.words.length >= 2 ? 0.95 : 0.75, reason: how };
  }
  if (!persons) return undefined;
  const surname = x.words[x.words.length - 1];
  if (surname !== y.words[y.words.length - 1]) return undefined;
  const [short, long] = x.words.length <= y.words.length ? [x, y] : [y, x];
  if (short.words.length === 1) {
    const reason = `${quoted(short.written)} is the surname of ${quoted(long.written)}`;
    const also = others();
    if (also.length === 0) return { confidence: 0.7, reason };
    return { confidence: 0.7 / (also.length + 1), reason: `${reason}, but also of ${also.map(quoted).join(', ')}: which one is meant is unclear` };
  }
  const gs = short.words[0];
  const gl = long.words[0];
  if (gs === gl) return { confidence: 0.85, reason: `the same given name and surname: ${quoted(short.written)} / ${quoted(long.written)}` };
  if (gs.length === 1 && gl.startsWith(gs)) return { confidence: 0.7, reason: `the initial of ${quoted(short.written)} fits ${quoted(long.written)}` };
  if (gl.length === 1 && gs.startsWith(gl)) return { confidence: 0.7, reason: `the initial of ${quoted(long.written)} fits ${quoted(short.written)}` };
  return undefined;
}

function keepFirst(a: SpeakerSummary, b: SpeakerSummary): [SpeakerSummary, SpeakerSummary] {
  const score = (s: SpeakerSummary) => [s.articles.length, s.inWorkspace ? 1 : 0, nameForm(s.name).words.length, s.name.length];
  const [sa, sb] = [score(a), score(b)];
  for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sa[i] > sb[i] ? [a, b] : [b, a];
  return a.id <= b.id ? [a, b] : [b, a];
}
