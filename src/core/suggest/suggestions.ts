// From the engine's attributions to suggestions in the sidecar's model: mentions and quotes
// (later demands and responses) that refer to speakers (and demands) either already in the
// sidecar or proposed alongside. The editor and the CLI both take suggestions from here, so
// they never disagree about what is proposed, what duplicates an annotation, or what was
// rejected before.
import { anchorContext } from '../anchoring';
import { Annotation, Demand, RejectedSuggestion, Sidecar, Speaker } from '../model';
import { demandsAndResponses } from './demands';
import { SpanOut, SuggestedAttribution, suggestAttributions } from './engine';
import { verbClass } from './lexicon';
import { AttributionModel } from './modelFile';
import { clusterSpeakers, ResolvedSource } from './speakers';

/** Why a span is proposed, shown in the hover card ("suggested: cue 'said', score 0.93"). */
export interface SuggestionReason {
  /** The cue's text, when the attribution has one. */
  cue?: string;
  /** A rule's name when a rule (not only the model) decided, e.g. "demand: urged". */
  rule?: string;
  /** Confidence in [0, 1]. */
  score: number;
  /** Where the score comes from: the engine's model, or the stand-in from the attribution's structure (see attributionScore). */
  scoreFrom?: 'model' | 'structure';
}

/** An annotation to propose, without an id (one is given when it is accepted). */
export type SuggestedAnnotation = Omit<Annotation, 'id'> & { origin: 'suggested'; text: string };

export interface Suggestion {
  /** Stable across runs on the same text: type, span and text (see suggestionKey). */
  key: string;
  annotation: SuggestedAnnotation;
  reason: SuggestionReason;
}

export interface SuggestionSet {
  /** Speakers the suggestions refer to that the sidecar does not have yet. */
  speakers: Speaker[];
  /** Demands the suggestions refer to that the sidecar does not have yet. */
  demands: Demand[];
  /** In text order (start, then end). */
  suggestions: Suggestion[];
}

export function suggestionKey(a: Pick<Annotation, 'type' | 'start' | 'end'> & { text?: string }): string {
  return `${a.type}:${a.start}:${a.end}:${a.text ?? ''}`;
}

/**
 * Suggestions for an article, given its sidecar (when it has one): sources become mentions of
 * speakers clustered across the article (speakers.ts; the sidecar's speakers reused by name,
 * alias and surname), contents become quotes by the same speaker (the quoted words when the
 * content quotes); spans that an annotation of the same type already covers, or that were
 * rejected before, are not proposed.
 */
export function suggestForArticle(model: AttributionModel, text: string, existing?: Sidecar): SuggestionSet {
  const attributions = suggestAttributions(model, text)
    .map((a) => ({ a, at: firstStart(a) }))
    .sort((x, y) => x.at - y.at)
    .map((x) => x.a);
  // Sources: the engine's, and for a content without one, a ", a spokesperson said." just after it.
  const sources: SpanOut[] = [];
  const trailing = new Map<SpanOut, { source: SpanOut; quoteEnd: number }>();
  for (const a of attributions) {
    if (a.source) sources.push(a.source);
    else for (const part of a.content) {
      const t = trailingSource(text, part);
      if (t) sources.push(t.source), trailing.set(part, t);
    }
  }
  const clustering = clusterSpeakers(text, sources, existing);
  const resolved = new Map<SpanOut, ResolvedSource>(sources.map((src, k) => [src, clustering.sources[k]]));
  const out: Suggestion[] = [];
  const add = (span: SpanOut, type: Annotation['type'], reason: SuggestionReason, speaker?: string) => {
    const { prefix, suffix } = anchorContext(text, span.start, span.end);
    const annotation: SuggestedAnnotation = { type, start: span.start, end: span.end, text: span.text, prefix, suffix, speaker, origin: 'suggested' };
    out.push({ key: suggestionKey(annotation), annotation, reason });
  };
  let previous: { speaker?: string; end: number; name?: string } | undefined;
  let lastQuote = { start: -1, end: -1 };
  for (const a of attributions) {
    // A source inside a quotation that runs on ("... of Mr Corbyn and his team is astonishing: they ...") is quoted speech, not a new attribution.
    if (a.source && a.source.start > lastQuote.start && a.source.start < lastQuote.end) continue;
    const base = attributionScore(text, a);
    const cue = a.cue?.text;
    const r = a.source && resolved.get(a.source);
    let speaker = r?.speaker;
    let rule = r?.rule;
    for (const m of r?.mentions ?? []) add(m, 'mention', { cue, rule: m.rule, ...base }, m.speaker);
    if (!a.source && previous?.speaker && a.content.length && continuesFrom(text, previous.end, a.content[0].start)) {
      // No source: a quote carried on from the attribution just before ("adding: ...", a quoted paragraph after it).
      speaker = previous.speaker;
      rule = `speaker: continues the attribution before -> ${previous.name}`;
    }
    for (let part of a.content) {
      const t = trailing.get(part);
      const after = t && resolved.get(t.source);
      if (t) part = { start: part.start, end: t.quoteEnd, text: text.slice(part.start, t.quoteEnd) };
      for (const m of after?.mentions ?? []) add(m, 'mention', { cue: undefined, rule: m.rule, ...base }, m.speaker);
      if (after?.speaker) {
        speaker = after.speaker;
        rule = after.rule && `${after.rule} (named after the quote)`;
      }
      const quoted = quotedParts(text, part);
      for (const q of quoted ?? [part]) {
        add(q, 'quote', { cue, rule: joinRules(rule, quoted && (q as QuotedPart).rule), ...base }, speaker);
        if (q.end > lastQuote.end) lastQuote = q;
      }
    }
    const end = Math.max(a.source?.end ?? 0, a.cue?.end ?? 0, ...a.content.map((c) => c.end));
    if (speaker) previous = { speaker, end, name: nameOf(speaker, clustering.speakers, existing) };
    else if (previous) previous.end = Math.max(previous.end, end);
  }
  // Demands and responses: demand spans, and quotes answering a demand become responses.
  const found = demandsAndResponses(text, out, existing, suggestionKey);
  const isCovered = coverage(existing?.annotations ?? []);
  const isRejected = rejection(existing?.rejected ?? []);
  const keys = new Set<string>();
  const kept = found.suggestions.filter((s) => !keys.has(s.key) && keys.add(s.key) && !isCovered(s.annotation) && !isRejected(s.annotation));
  kept.sort((x, y) => x.annotation.start - y.annotation.start || x.annotation.end - y.annotation.end);
  return { speakers: usedSpeakers(clustering.speakers, kept), demands: found.demands, suggestions: kept };
}

function firstStart(a: SuggestedAttribution): number {
  return Math.min(a.source?.start ?? Infinity, a.cue?.start ?? Infinity, ...a.content.map((c) => c.start));
}

function joinRules(...rules: (string | undefined)[]): string | undefined {
  const r = rules.filter(Boolean).join('; ');
  return r || undefined;
}

function nameOf(id: string, fresh: readonly Speaker[], existing?: Sidecar): string {
  return existing?.speakers.get(id)?.name ?? fresh.find((s) => s.id === id)?.name ?? id;
}

const TRAILING_SOURCE = /[’”"'],\s*((?:[^,.;:"“”\n]){2,80}?)\s+(?:said|says|added|adds|continued|concluded|explained|insisted|warned|wrote|writes|stated|noted|argued)\s*[.,]/;

/**
 * "“...’, a spokesperson for the Jewish Leadership Council said.": the source named just after
 * a quote's closing mark, inside the content span (the engine ran the content over it) or just
 * after it; `quoteEnd` is where the quote then ends.
 */
export function trailingSource(text: string, part: SpanOut): { source: SpanOut; quoteEnd: number } | undefined {
  const from = Math.max(part.start, part.end - 400);
  const m = TRAILING_SOURCE.exec(text.slice(from, part.end + 160));
  if (!m || from + m.index < part.start + 2) return undefined;
  const start = from + m.index + m[0].indexOf(m[1], m[0].indexOf(','));
  return { source: { start, end: start + m[1].length, text: m[1] }, quoteEnd: Math.min(part.end, from + m.index + 1) };
}

/** A quote without a source continues the one before when at most one paragraph break lies between. */
export function continuesFrom(text: string, end: number, start: number): boolean {
  if (start < end) return true;
  if (start - end > 600) return false;
  return (text.slice(end, start).match(/\n\s*\n/g)?.length ?? 0) <= 1;
}

/**
 * The score shown with a suggestion. The engine's own score when it gives one; until then a
 * stand-in that says how complete the attribution is (source, cue, content, a reporting verb in
 * the cue, quotation marks), marked `scoreFrom: 'structure'`: it ranks, it is not a probability.
 */
function attributionScore(text: string, a: SuggestedAttribution): { score: number; scoreFrom: 'model' | 'structure' } {
  if (a.score !== undefined) return { score: a.score, scoreFrom: 'model' };
  let score = 0.3;
  if (a.source) score += 0.2;
  if (a.cue) score += 0.2;
  if (a.cue && a.cue.text.toLowerCase().split(/\W+/).some((w) => verbClass(w) > 0)) score += 0.15;
  if (a.content.some((c) => /["“”]/.test(text.slice(Math.max(0, c.start - 1), c.end + 1)))) score += 0.1;
  if (!a.content.length) score -= 0.2;
  return { score: Math.round(Math.max(0.05, Math.min(0.95, score)) * 100) / 100, scoreFrom: 'structure' };
}

export interface QuotedPart extends SpanOut {
  rule: string;
}

/**
 * The quoted passages of a content span (between double quotation marks), or undefined when it
 * quotes none. A quotation still open where the content ends runs on to its closing mark in
 * the same paragraph: the engine's content stops at a line break or at a cue it found inside.
 */
export function quotedParts(text: string, span: SpanOut): QuotedPart[] | undefined {
  const parts: QuotedPart[] = [];
  const push = (s: number, e: number, rule = 'quote: the quoted words') => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e - s >= 2) parts.push({ start: s, end: e, text: text.slice(s, e), rule });
  };
  let open = -1;
  let closedAny = false;
  // A straight mark opens after a space or the start of a line, and closes after a word.
  const opens = (i: number) => text[i] === '“' || (text[i] === '"' && (i === 0 || /[\s([—–-]/.test(text[i - 1])));
  for (let i = span.start; i < span.end; i++) {
    const ch = text[i];
    if (open < 0 && opens(i)) open = i + 1;
    else if (open >= 0 && (ch === '”' || ch === '"')) {
      push(open, i);
      open = -1;
      closedAny = true;
    } else if (open < 0 && (ch === '”' || ch === '"') && !closedAny && parts.length === 0) {
      push(span.start, i);
      closedAny = true;
    }
  }
  if (open >= 0) {
    const close = closingMark(text, span.end);
    if (close > 0) push(open, close, 'quote: the quoted words, to the closing mark');
    else push(open, span.end);
  }
  return parts.length ? parts : undefined;
}

/** Where the quotation open at `from` closes, within its paragraph; -1 when it does not. */
function closingMark(text: string, from: number): number {
  const limit = Math.min(text.length, from + 3000);
  for (let i = from; i < limit; i++) {
    const ch = text[i];
    if (ch === '”' || ch === '"') return i;
    if (ch === '“') return -1;
    if (ch === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 8))) return -1;
  }
  return -1;
}

/** New speakers the kept suggestions name, with the members of the groups among them. */
function usedSpeakers(fresh: readonly Speaker[], kept: readonly Suggestion[]): Speaker[] {
  const byId = new Map(fresh.map((s) => [s.id, s]));
  const used = new Set<string>();
  const use = (id: string | undefined) => {
    const s = id ? byId.get(id) : undefined;
    if (!s || used.has(s.id)) return;
    used.add(s.id);
    s.members.forEach(use);
  };
  for (const s of kept) use(s.annotation.speaker);
  return fresh.filter((s) => used.has(s.id));
}

/** An annotation of the same type overlapping the span by half or more (IoU) already says it. */
function coverage(annotations: readonly Annotation[]): (s: SuggestedAnnotation) => boolean {
  const byType = new Map<string, Annotation[]>();
  for (const a of annotations) (byType.get(a.type) ?? byType.set(a.type, []).get(a.type)!).push(a);
  for (const list of byType.values()) list.sort((x, y) => x.start - y.start);
  return (s) => {
    const list = byType.get(s.type);
    if (!list) return false;
    // IoU >= 0.5 needs an overlap and a length at most twice the span's: its start lies in (start - 2 len, end).
    const len = s.end - s.start;
    for (let i = lowerBound(list, s.start - 2 * len); i < list.length && list[i].start < s.end; i++) if (iou(list[i], s) >= 0.5) return true;
    return false;
  };
}

function lowerBound(list: readonly { start: number }[], start: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].start < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A rejected suggestion of the same type and text at the same place: where its offsets say
 * (IoU >= 0.5), or, when the text moved, where its context says (the words just before or
 * just after it are the same), so a rejection survives edits elsewhere in the article.
 */
function rejection(rejected: readonly RejectedSuggestion[]): (s: SuggestedAnnotation) => boolean {
  const byText = new Map<string, RejectedSuggestion[]>();
  for (const r of rejected) {
    const k = `${r.type}|${r.text}`;
    (byText.get(k) ?? byText.set(k, []).get(k)!).push(r);
  }
  const near = (a = '', b = '', tail: boolean) => {
    const n = Math.min(24, a.length, b.length);
    return n >= 8 && (tail ? a.slice(-n) === b.slice(-n) : a.slice(0, n) === b.slice(0, n));
  };
  return (s) =>
    (byText.get(`${s.type}|${s.text}`) ?? []).some((r) => iou(r, s) >= 0.5 || near(r.prefix, s.prefix, true) || near(r.suffix, s.suffix, false));
}

export function iou(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const union = Math.max(a.end, b.end) - Math.min(a.start, b.start);
  return union > 0 ? inter / union : 0;
}
