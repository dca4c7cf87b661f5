// Demands and responses from the quotes already suggested: demand spans (by cue and content
// rules, demandCues.ts) grouped into demands by their words, sidecar demands reused by summary,
// and quote sentences that answer a demand turned into responses with a stance (responses.ts).
// Pure; one pass over the sentences, then work in the number of demands found.
import { anchorContext } from '../anchoring';
import { AnnotationType, Demand, Sidecar, Stance } from '../model';
import { demandNounsOf, demandsInSentence, DemandSpan, numberedItems } from './demandCues';
import { contentWords, dice, iou, Range, Rarity, sentences, stems, tidySummary, trimRange, WordIndex } from './demandText';
import { DemandWords, matchResponse } from './responses';

// The shapes of suggestions.ts's Suggestion that this module reads and makes (structural, so the
// two modules do not import each other).
export interface ProposedAnnotation {
  type: AnnotationType;
  start: number;
  end: number;
  text: string;
  prefix?: string;
  suffix?: string;
  speaker?: string;
  demand?: string;
  stance?: Stance;
  origin: 'suggested';
}

export interface Proposed {
  key: string;
  annotation: ProposedAnnotation;
  reason: { cue?: string; rule?: string; score: number; scoreFrom?: 'model' | 'structure' };
}

export interface DemandsFound<S> {
  /** The suggestions given, less quotes a response replaces, plus demand and response suggestions. */
  suggestions: (S | Proposed)[];
  /** New demands the suggestions refer to (not those already in the sidecar). */
  demands: Demand[];
}

/** Words shared by this much (weighted Dice) make two spans one demand. */
const SAME_DEMAND = 0.45;

interface Group {
  id: string;
  spans: Located[];
  wordings: Set<string>[];
  existing?: Demand;
}

type Located = DemandSpan & { by: string[]; to: string[] };

/** The demands found so far, indexed by their words. */
interface Groups {
  list: Group[];
  index: WordIndex;
  ids: Set<string>;
}

const demandOf = (g: Group) => g.existing?.id ?? g.id;

/** `keyOf` is suggestions.ts's suggestionKey. */
export function demandsAndResponses<S extends Proposed>(text: string, made: readonly S[], existing: Sidecar | undefined, keyOf: (a: ProposedAnnotation) => string): DemandsFound<S> {
  const suggestion = (a: Omit<ProposedAnnotation, 'text' | 'prefix' | 'suffix' | 'origin'>, reason: Proposed['reason']): Proposed => {
    const { prefix, suffix } = anchorContext(text, a.start, a.end);
    const annotation: ProposedAnnotation = { ...a, text: text.slice(a.start, a.end), prefix, suffix, origin: 'suggested' };
    // Rule-made scores rank; they are not the model's probabilities.
    return { key: keyOf(annotation), annotation, reason: { scoreFrom: 'structure', ...reason } };
  };
  const sents = sentences(text);
  const existingDemands = [...(existing?.demands.values() ?? [])];
  const rarity = new Rarity([...sents.map((s) => text.slice(s.start, s.end)), ...existingDemands.map((d) => d.summary)]);
  const quotes = made.filter((s) => s.annotation.type === 'quote').sort((a, b) => a.annotation.start - b.annotation.start);
  const quoteIndex = new SpanIndex(quotes.map((q) => q.annotation));
  const quoted = (r: Range) => quoteIndex.overlapping(r).length > 0;
  const names = speakerNames(made, existing);
  const nouns = demandNounsOf(text);

  const found: DemandSpan[] = [...sents.flatMap((s) => demandsInSentence(text, s, quoted, nouns)), ...numberedItems(text)];
  const groups: Groups = { list: [], index: new WordIndex(), ids: new Set() };
  const taken = (id: string) => existing?.demands.has(id) || groups.ids.has(id);
  const weak: Located[] = [];
  for (const span of dedupe(found)) {
    const to = [span.addressee, span.agent].flatMap((r) => (r ? names.idOf(text.slice(r.start, r.end)) ?? [] : []));
    const by = speakersOver(span, quoteIndex).filter((s) => !to.includes(s));
    const d = { ...span, by, to: [...new Set(to)] };
    if (d.strong) addToGroups(groups, d, text, rarity, taken);
    else weak.push(d);
  }
  for (const g of groups.list) g.existing = reusable(g, existingDemands, rarity);

  // Responses answer the demands a cue introduced (or the sidecar's); a modal sentence that answers
  // one ("the cases should be dealt with by July") is a response, not a demand of its own.
  const strongSpans = new SpanIndex<Range>(groups.list.flatMap((g) => g.spans));
  const known: DemandWords[] = [
    ...groups.list.map((g) => ({ id: demandOf(g), wordings: g.wordings, by: [...new Set([...(g.existing?.by ?? []), ...g.spans.flatMap((s) => s.by)])], to: names.withSpokespeople([...new Set([...(g.existing?.to ?? []), ...g.spans.flatMap((s) => s.to)])]) })),
    ...existingDemands.filter((d) => !groups.list.some((g) => g.existing === d)).map((d) => ({ id: d.id, wordings: [new Set(stems(d.summary))], by: d.by, to: names.withSpokespeople(d.to) })),
  ];
  const knownIndex = new WordIndex();
  known.forEach((d, k) => d.wordings.forEach((w) => knownIndex.add(k, w)));
  const responses: Proposed[] = [];
  const replaced = new Set<S>();
  for (const q of quotes) {
    for (const piece of piecesOf(text, q.annotation, sents)) {
      if (coveredBy(piece, strongSpans) >= 0.5) continue;
      const sentence = text.slice(piece.start, piece.end);
      const m = matchResponse(sentence, q.annotation.speaker, knownIndex.candidates(stems(sentence)).map((k) => known[k]), rarity);
      if (!m) continue;
      const rule = `response: ${m.stance} ('${m.cue}'), shares ${m.shared.map((w) => `'${w}'`).join(', ')}`;
      responses.push(suggestion({ type: 'response', speaker: q.annotation.speaker, demand: m.demand, stance: m.stance, start: piece.start, end: piece.end }, { cue: q.reason.cue, rule: q.reason.rule ? `${q.reason.rule}; ${rule}` : rule, score: m.score }));
      if (iou(q.annotation, piece) >= 0.8) replaced.add(q);
    }
  }
  const answering = new SpanIndex<Range>(responses.map((r) => r.annotation));
  for (const d of weak) {
    if (coveredBy(d, answering) >= 0.5) continue;
    const before = groups.list.length;
    addToGroups(groups, d, text, rarity, taken);
    if (groups.list.length > before) groups.list[before].existing = reusable(groups.list[before], existingDemands, rarity);
  }

  const out: Proposed[] = [...responses];
  for (const g of groups.list) {
    for (const s of g.spans) out.push(suggestion({ type: 'demand', demand: demandOf(g), start: s.start, end: s.end }, { cue: s.cue, rule: `demand: ${s.rule}`, score: s.score }));
  }
  const used = new Set(out.map((s) => s.annotation.demand));
  const demands = groups.list.filter((g) => !g.existing && used.has(g.id)).map((g) => newDemand(g, text));
  return { suggestions: [...made.filter((s) => !replaced.has(s)), ...out], demands };
}

function addToGroups(groups: Groups, d: Located, text: string, rarity: Rarity, taken: (id: string) => boolean): void {
  const words = new Set(stems(text.slice(d.start, d.end)));
  const best = bestGroup(groups, words, rarity);
  if (best && best.sim >= SAME_DEMAND) {
    best.group.spans.push(d);
    // The same words again (a demand repeated) add nothing to match against.
    if (!best.group.wordings.some((w) => w.size === words.size && [...w].every((x) => words.has(x)))) {
      best.group.wordings.push(words);
      groups.index.add(groups.list.indexOf(best.group), words);
    }
    return;
  }
  const base = contentWords(text.slice(d.start, d.end), 4).join('-').replace(/[^\p{L}\p{N}-]+/gu, '').toLowerCase() || 'demand';
  let id = base;
  for (let k = 2; taken(id); k++) id = `${base}-${k}`;
  groups.index.add(groups.list.length, words);
  groups.list.push({ id, spans: [d], wordings: [words] });
  groups.ids.add(id);
}

function bestGroup(groups: Groups, words: ReadonlySet<string>, rarity: Rarity): { group: Group; sim: number } | undefined {
  let best: { group: Group; sim: number } | undefined;
  for (const k of groups.index.candidates(words)) {
    const group = groups.list[k];
    for (const w of group.wordings) {
      const sim = dice(words, w, rarity);
      if (!best || sim > best.sim) best = { group, sim };
    }
  }
  return best;
}

/** A sidecar demand whose summary says what the group's spans say. */
function reusable(g: Group, demands: readonly Demand[], rarity: Rarity): Demand | undefined {
  let best: { d: Demand; sim: number } | undefined;
  for (const d of demands) {
    const summary = new Set(stems(d.summary));
    for (const w of g.wordings) {
      const sim = dice(summary, w, rarity);
      if (sim >= SAME_DEMAND && (!best || sim > best.sim)) best = { d, sim };
    }
  }
  return best?.d;
}

function newDemand(g: Group, text: string): Demand {
  // The best-scored span names it; of equals, the shortest says it most plainly.
  const head = [...g.spans].sort((a, b) => b.score - a.score || a.end - a.start - (b.end - b.start))[0];
  const by = [...new Set(g.spans.flatMap((s) => s.by))];
  const to = [...new Set(g.spans.flatMap((s) => s.to))].filter((t) => !by.includes(t));
  return { id: g.id, summary: tidySummary(text.slice(head.start, head.end)), by, to, status: 'open' };
}

/** The speakers of the quotes holding at least half of the span. */
function speakersOver(span: Range, quotes: SpanIndex<ProposedAnnotation>): string[] {
  const out = new Set<string>();
  for (const a of quotes.overlapping(span)) {
    const inter = Math.min(a.end, span.end) - Math.max(a.start, span.start);
    if (a.speaker && inter * 2 >= span.end - span.start) out.add(a.speaker);
  }
  return [...out];
}

/** The sentences of a quote (and its separately quoted parts), trimmed of quotation marks and "that". */
function piecesOf(text: string, q: Range, sents: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const s of sentencesIn(sents, q)) {
    const from = Math.max(s.start, q.start);
    const to = Math.min(s.end, q.end);
    // "… of agreement," and that there was "agreement that …": each quoted part apart.
    const parts = text.slice(from, to).split(/["“”](?:\s*,?\s*(?:and|but)?\s*(?:that\s+)?(?:there\s+(?:was|were|is)\s+)?)["“”]?/u);
    let at = from;
    for (const p of parts) {
      const r = trimRange(text, { start: at, end: at + p.length });
      if (r.end - r.start >= 12) out.push(r);
      at += p.length;
      at += /^["“”](?:\s*,?\s*(?:and|but)?\s*(?:that\s+)?(?:there\s+(?:was|were|is)\s+)?)["“”]?/u.exec(text.slice(at))?.[0].length ?? 0;
    }
  }
  return out;
}

function sentencesIn(sents: readonly Range[], r: Range): Range[] {
  let lo = 0;
  let hi = sents.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sents[mid].end <= r.start) lo = mid + 1;
    else hi = mid;
  }
  const out: Range[] = [];
  for (let i = lo; i < sents.length && sents[i].start < r.end; i++) out.push(sents[i]);
  return out;
}

/** Spans sorted by start, with the longest one's length: the ones overlapping a range, found by binary search. */
class SpanIndex<T extends Range> {
  private readonly sorted: T[];
  private readonly longest: number;
  constructor(spans: readonly T[]) {
    this.sorted = [...spans].sort((a, b) => a.start - b.start);
    this.longest = this.sorted.reduce((m, s) => Math.max(m, s.end - s.start), 0);
  }
  overlapping(r: Range): T[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].start < r.start - this.longest) lo = mid + 1;
      else hi = mid;
    }
    const out: T[] = [];
    for (let i = lo; i < this.sorted.length && this.sorted[i].start < r.end; i++) if (this.sorted[i].end > r.start) out.push(this.sorted[i]);
    return out;
  }
}

/** Speaker ids by the names the suggestions and the sidecar use ("the party", "Mr Corbyn" → "Corbyn"). */
interface SpeakerNames {
  idOf(name: string): string | undefined;
  /** The addressees and every speaker whose name holds one's name ("Labour sources" speak for "Labour"). */
  withSpokespeople(ids: readonly string[]): string[];
}

function speakerNames(made: readonly Proposed[], existing?: Sidecar): SpeakerNames {
  const namesOf = new Map<string, Set<string>>();
  const exact = new Map<string, string>();
  const last = new Map<string, string | null>();
  const add = (name: string, id: string) => {
    const key = normal(name);
    if (!key || /^(?:he|she|they|it|we|i|you|him|her|them|us|who)$/.test(key)) return;
    if (!namesOf.has(id)) namesOf.set(id, new Set());
    namesOf.get(id)!.add(key);
    if (!exact.has(key)) exact.set(key, id);
    const words = name.trim().split(/\s+/);
    const tail = normal(words[words.length - 1]);
    if (words.length >= 2 && /^\p{Lu}/u.test(words[words.length - 1])) last.set(tail, last.has(tail) && last.get(tail) !== id ? null : id);
  };
  for (const s of existing?.speakers.values() ?? []) for (const n of [s.name, ...s.aliases]) add(n, s.id);
  for (const s of made) if (s.annotation.type === 'mention' && s.annotation.speaker) add(s.annotation.text, s.annotation.speaker);
  return {
    withSpokespeople(ids) {
      const out = new Set(ids);
      for (const to of ids) {
        for (const n of namesOf.get(to) ?? []) {
          const within = new RegExp(`(?:^|\\s)${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\s|$)`);
          for (const [id, theirs] of namesOf) if (!out.has(id) && [...theirs].some((t) => t !== n && within.test(t))) out.add(id);
        }
      }
      return [...out];
    },
    idOf(name) {
      const key = normal(name);
      return exact.get(key) ?? last.get(key.split(' ').pop() ?? '') ?? undefined;
    },
  };
}

function normal(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/^(?:the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+/, '').replace(/[’']s$/, '').replace(/\s+/g, ' ').trim();
}

/** How much of `r` the spans cover together, in [0, 1] (a sentence of three listed demands is a demand sentence). */
function coveredBy(r: Range, spans: SpanIndex<Range>): number {
  let covered = 0;
  let upTo = r.start;
  for (const s of spans.overlapping(r)) {
    const from = Math.max(upTo, s.start, r.start);
    const to = Math.min(r.end, s.end);
    if (to > from) covered += to - from;
    upTo = Math.max(upTo, to);
  }
  return covered / Math.max(1, r.end - r.start);
}

function dedupe(spans: DemandSpan[]): DemandSpan[] {
  const seen = new Set<string>();
  return spans.sort((a, b) => a.start - b.start || a.end - b.end).filter((s) => !seen.has(`${s.start}:${s.end}`) && !!seen.add(`${s.start}:${s.end}`));
}
