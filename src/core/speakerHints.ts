// What the text around a span says about who is speaking, for the speaker pick: the speakers
// the sentence names (the one that "said" first), a name it gives that no speaker has yet, and
// the role it gives a name ("Andrew Gwynne, a Labour MP,"). Heuristics for news prose that only
// order and prefill what a person then confirms; they never decide anything themselves.
import { findAliasMentions } from './aliases';
import { Speaker } from './model';
import { verbClass } from './suggest/lexicon';
import { sentenceAt, TextSpan } from './textBoundaries';

/**
 * Why a speaker is offered early: `says`, the sentence names them next to a reporting verb
 * ("Jonathan Arkush said:"); `named`, it names them elsewhere outside quotation marks.
 */
export interface SpeakerHint {
  id: string;
  why: 'says' | 'named';
}

/** How far (in characters, without a quotation mark or a full stop between) a name may stand from its "said". */
const SAYS_REACH = 60;

/** The sentences the span lies in, from the first one's start to the last one's end. */
export function sentencesAround(text: string, span: TextSpan): TextSpan {
  const first = sentenceAt(text, span.start);
  const last = sentenceAt(text, Math.max(span.start, span.end - 1));
  return { start: Math.min(span.start, first?.start ?? span.start), end: Math.max(span.end, last?.end ?? span.end) };
}

/**
 * Ranges inside quotation marks in text[from, to): “curly” pairs, and straight quotes paired in
 * order. What a quote says about someone ("…in his name") does not make them the speaker.
 */
export function quotedRanges(text: string, from: number, to: number): TextSpan[] {
  const out: TextSpan[] = [];
  let curly = -1;
  let straight = -1;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '“' && curly < 0) curly = i;
    else if (c === '”' && curly >= 0) {
      out.push({ start: curly, end: i + 1 });
      curly = -1;
    } else if (c === '"') {
      if (straight < 0) straight = i;
      else {
        out.push({ start: straight, end: i + 1 });
        straight = -1;
      }
    }
  }
  // An unclosed quote runs to the end: a quotation spanning paragraphs opens without closing.
  for (const open of [curly, straight]) if (open >= 0) out.push({ start: open, end: to });
  return out;
}

const inside = (ranges: readonly TextSpan[], at: number) => ranges.some((r) => r.start <= at && at < r.end);

/** Reporting verbs ("said", "told", "according") outside quotation marks, as ranges. */
function reportingVerbs(text: string, range: TextSpan, quotes: readonly TextSpan[]): TextSpan[] {
  const out: TextSpan[] = [];
  const re = /\p{L}+/gu;
  re.lastIndex = range.start;
  for (let m = re.exec(text); m && m.index < range.end; m = re.exec(text)) {
    if (verbClass(m[0].toLowerCase()) > 0 && !inside(quotes, m.index)) out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** A preposition (and article) just before a name: it is the object of a phrase, not the one who speaks. */
const COMPLEMENT = /(?<![\p{L}\p{N}])(?:of|for|to|with|from|by|at|against)\s+(?:the\s+)?$/iu;

/** Characters between a name and a verb, when nothing that ends a clause or opens a quote lies between. */
function reach(text: string, name: TextSpan, verb: TextSpan): number {
  const between = name.end <= verb.start ? text.slice(name.end, verb.start) : text.slice(verb.end, name.start);
  return /["“”.!?;]/.test(between) ? Infinity : between.length;
}

/**
 * The speakers the sentences around `span` name outside quotation marks: first those next to
 * a reporting verb (nearest first), then the others (nearest the span first). For a mention,
 * the speaker whose name the span is comes first of all.
 */
export function speakersNamedAround(text: string, span: TextSpan, speakers: Iterable<Speaker>): SpeakerHint[] {
  const range = sentencesAround(text, span);
  const quotes = quotedRanges(text, range.start, range.end);
  const verbs = reportingVerbs(text, range, quotes);
  const mentions = findAliasMentions(text.slice(range.start, range.end), speakers).map((m) => ({
    start: m.start + range.start,
    end: m.end + range.start,
    speaker: m.speaker,
  }));
  const spoken = mentions.filter((m) => !inside(quotes, m.start) || (m.start === span.start && m.end === span.end));
  // Each "said" goes to the one name nearest it (before it first: "X said", then "said X"),
  // leaving out names a preposition governs ("the president of the Board of Deputies").
  const sayer = new Map<(typeof spoken)[number], number>();
  for (const v of verbs) {
    let best: { m: (typeof spoken)[number]; r: number } | undefined;
    for (const m of spoken) {
      if (COMPLEMENT.test(text.slice(Math.max(0, m.start - 12), m.start))) continue;
      // After the verb only right after it ("said Corbyn"): "said they would meet with Labour" is not Labour's.
      const after = m.start > v.start;
      const gap = reach(text, m, v);
      if (after ? gap > 2 : gap > SAYS_REACH) continue;
      const r = gap + (after ? SAYS_REACH : 0);
      if (!best || r < best.r) best = { m, r };
    }
    if (best && best.r < (sayer.get(best.m) ?? Infinity)) sayer.set(best.m, best.r);
  }
  const scored = spoken
    .map((m) => {
      const exact = m.start === span.start && m.end === span.end;
      const says = sayer.get(m);
      const distance = m.end <= span.start ? span.start - m.end : m.start >= span.end ? m.start - span.end : 0;
      return { id: m.speaker, tier: exact ? 0 : says !== undefined ? 1 : 2, order: exact ? 0 : (says ?? distance) };
    })
    .sort((a, b) => a.tier - b.tier || a.order - b.order);
  const seen = new Set<string>();
  const out: SpeakerHint[] = [];
  for (const s of scored) {
    if (seen.has(s.id)) continue;
    seen.add(s.id);
    out.push({ id: s.id, why: s.tier <= 1 ? 'says' : 'named' });
  }
  return out;
}

const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’.-]*`;
const CONNECTOR = String.raw`(?:of|the|for|de|van|von|der|al|bin)`;
/** Two or more capitalised words (with "of", "the"… between): "Jonathan Arkush", "Board of Deputies". */
const PROPER_NAME = String.raw`${NAME_WORD}(?:\s+(?:${CONNECTOR}\s+)*${NAME_WORD})+`;
/** ", the president of the Board of Deputies," between a name and its verb. */
const APPOSITIVE = String.raw`(?:,\s+(?:the|a|an)\s+[^,;:.!?"“”()\n]{2,80},)?`;
const NAME_BEFORE_VERB = new RegExp(String.raw`(?<![\p{L}\p{N}])(${PROPER_NAME})${APPOSITIVE}\s+(?:who\s+|has\s+|had\s+|also\s+|then\s+)?(\p{Ll}+)`, 'gu');
const VERB_BEFORE_NAME = new RegExp(String.raw`(?<![\p{L}\p{N}])(\p{Ll}+),?\s+(${PROPER_NAME})(?![\p{L}\p{N}])`, 'gu');

/**
 * A name the sentences around `span` give the one who speaks, when no speaker has it yet
 * ("Jonathan Arkush said: …" with no Jonathan Arkush among `speakers`): the name a "New
 * speaker…" proposes. Undefined when there is none, or every such name is a speaker already.
 */
export function unknownSayer(text: string, span: TextSpan, speakers: Iterable<Speaker>): string | undefined {
  const range = sentencesAround(text, span);
  const quotes = quotedRanges(text, range.start, range.end);
  const known = new Set<string>();
  for (const s of speakers) for (const n of [s.name, ...s.aliases]) known.add(n.trim().toLowerCase());
  const sentence = text.slice(range.start, range.end);
  const found: { name: string; at: number }[] = [];
  for (const m of sentence.matchAll(NAME_BEFORE_VERB)) {
    if (verbClass(m[2]) > 0) found.push({ name: m[1], at: m.index + range.start });
  }
  for (const m of sentence.matchAll(VERB_BEFORE_NAME)) {
    if (verbClass(m[1]) > 0) found.push({ name: m[2], at: m.index + m[0].length - m[2].length + range.start });
  }
  // "Labour's Andrew Gwynne said": the party's name is not part of his; nor is a full stop.
  for (const f of found) {
    f.name = f.name.replace(/\.+$/, '');
    const owner = /^\p{Lu}[\p{L}\p{M}.-]*['’]s\s+/u.exec(f.name);
    if (owner) {
      f.name = f.name.slice(owner[0].length);
      f.at += owner[0].length;
    }
  }
  const fresh = found.filter((f) => !inside(quotes, f.at) && !known.has(f.name.toLowerCase()));
  fresh.sort((a, b) => Math.abs(a.at - span.start) - Math.abs(b.at - span.start));
  return fresh[0]?.name;
}

/** "Andrew Gwynne, a Labour MP," or ", the president of the Board of Deputies," or ", chair of the JLC and" after a name. */
const ROLE_AFTER = /^\s*,\s+(?:(the|a|an)\s+)?([^,;:.!?"“”()\n]{2,80}?)\s*(?=[,;.:!?]|\s+(?:who|said|says|told|added)\b|\s+(?:and|or)\b|$)/u;
/** "a Labour MP, Andrew Gwynne" or "the Labour leader Jeremy Corbyn" before a name. */
const ROLE_BEFORE = /(?<![\p{L}\p{N}])(the|a|an)\s+((?:\p{Lu}[\p{L}'’-]*\s+){0,3}\p{L}+)\s*,?\s*$/u;
/** First words after a name's comma that start a clause, not a role ("Corbyn, who said"). */
const CLAUSE_START = new Set(['who', 'which', 'that', 'said', 'says', 'and', 'but', 'he', 'she', 'they', 'it', 'we', 'adding', 'saying', 'according', 'though', 'while']);
/** Words that end a phrase before a name without making it a role ("a statement from"). */
const NOT_A_ROLE_END = new Set(['from', 'with', 'by', 'for', 'to', 'of', 'and', 'or', 'said', 'says', 'told', 'when', 'that', 'as', 'statement', 'meeting']);
const CONNECTORS = new Set(['of', 'the', 'for', 'and', 'in', 'on', 'at']);

/**
 * A phrase beside a name as a role, or undefined when it reads as something else: with "a",
 * any phrase ("a Labour MP"); with "the", one with a common noun ("the president of …", not
 * "the Board of Deputies", the next item of a list); with no article, one that starts in lower
 * case and not as a clause ("chair of the Jewish Leadership Council", not "who said").
 */
function asRole(article: string | undefined, phrase: string): string | undefined {
  const words = phrase.split(/\s+/);
  if (article === 'a' || article === 'an') return phrase;
  const common = words.some((w) => /^\p{Ll}/u.test(w) && !CONNECTORS.has(w));
  if (article === 'the') return common ? phrase : undefined;
  return /^\p{Ll}/u.test(words[0]) && !CLAUSE_START.has(words[0]) && common ? phrase : undefined;
}

/**
 * The role the text gives `name` where it names it (the occurrence nearest `near` first), as
 * the sidecar writes roles: no article, first letter capital ("Labour MP", "President of the
 * Board of Deputies"). Undefined when the text gives none.
 */
export function roleNear(text: string, name: string, near: number): string | undefined {
  const wanted = name.replace(/\s+/g, ' ').trim();
  if (!wanted) return undefined;
  const at: number[] = [];
  for (let i = text.indexOf(wanted); i >= 0; i = text.indexOf(wanted, i + 1)) at.push(i);
  at.sort((a, b) => Math.abs(a - near) - Math.abs(b - near));
  for (const i of at) {
    const after = ROLE_AFTER.exec(text.slice(i + wanted.length, i + wanted.length + 120));
    const before = ROLE_BEFORE.exec(text.slice(Math.max(0, i - 80), i));
    const role =
      (after && asRole(after[1]?.toLowerCase(), after[2])) ??
      (before && !NOT_A_ROLE_END.has(before[2].split(/\s+/).pop()!.toLowerCase()) ? asRole(before[1].toLowerCase(), before[2]) : undefined);
    if (role) return role.charAt(0).toUpperCase() + role.slice(1);
  }
  return undefined;
}
