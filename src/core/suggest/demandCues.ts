// Where a text states a demand, by rules over its cue and content: a demand verb with its
// complement ("asked the party to X", "called for X", "urged that X"), a refusal to agree to X,
// "it is time for X to Y", modal content in what a speaker said ("X should Y"), numbered
// proposals, lists after a noun the article uses for its demands ("the actions … included X,
// and Y"), and the items of a list after any of them ("X; that Y; and that Z").
// The verb lists come from CAMEO's DEMAND (10) and APPEAL (02) classes and the common
// reporting-verb lists (see lexicon.ts); the rules name only grammar, never an article's words.
import { clauseEnd, Range, stem, stems, trimRange } from './demandText';
import { isAsciiLetter } from './tokenize';

export interface DemandSpan extends Range {
  /** Shown in the reason: "cue 'asked … to'". */
  rule: string;
  /** The cue's words. */
  cue: string;
  score: number;
  /** A cue introduced it (not only a modal verb): it stays a demand even when it resembles a response. */
  strong: boolean;
  /** The words naming whom it is addressed to ("the party" in "asked the party to"). */
  addressee?: Range;
  /** Who refused it ("Jeremy Corbyn has refused to agree that …"): also whom it is addressed to. */
  agent?: Range;
}

const W = String.raw`[\p{L}\p{N}'’.-]+`;
const forms = (...stems: string[]) => stems.join('|');

// Verb + addressee + "to" + what they should do (CAMEO 02 appeal, 10 demand).
const VERB_OBJECT_TO = new RegExp(
  String.raw`\b(${forms('ask(?:s|ed|ing)?', 'urg(?:e|es|ed|ing)', String.raw`call(?:s|ed|ing)?\s+(?:on|upon)`, 'press(?:es|ed|ing)?', String.raw`appeal(?:s|ed|ing)?\s+to`, 'beg(?:s|ged|ging)?', 'implor(?:e|es|ed|ing)', 'want(?:s|ed|ing)?', 'demand(?:s|ed|ing)?', 'challeng(?:e|es|ed|ing)', 'encourag(?:e|es|ed|ing)', 'order(?:s|ed|ing)?', 'instruct(?:s|ed|ing)?', 'request(?:s|ed|ing)?', 'lobb(?:y|ies|ied|ying)', 'petition(?:s|ed|ing)?')})\s+((?!(?:for|in|on|at|of|from|by|with|about|up|out|back)\b)(?:(?!(?:to|by|who|that|which)\b)${W}\s+){1,6}?)to\s+(?!(?:him|her|them|us|me|it|you|the|a|an|his|their|our|its|this|that|these|those)\b)(?=\p{L})`,
  'giu',
);

// Verb or noun + "for" + what is wanted.
const FOR_WHAT = new RegExp(
  String.raw`\b(${forms('call(?:s|ed|ing)?', 'ask(?:s|ed|ing)?', 'press(?:es|ed|ing)?', 'push(?:es|ed|ing)?', 'appeal(?:s|ed|ing)?', 'plead(?:s|ed|ing)?', 'lobb(?:y|ies|ied|ying)', 'campaign(?:s|ed|ing)?', 'clamou?r(?:s|ed|ing)?', 'demands', 'requests?', 'pleas?', 'pressure')})\s+for\s+(?!(?:in|on|at|from|by|with|of|it|them|him|her|us|me|this|that|these|those|years?|months?|weeks?|days?|decades?|hours?|time|now|comment|help|more|less|some|so|president|office|re-?election|election|the\s+(?:nomination|presidency|seat))\b)(?=\p{L})`,
  'giu',
);

// Demand verb + what is demanded, without "for" or "that".
const VERB_WHAT = /\b(demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|request(?:s|ed|ing)?|insist(?:s|ed|ing)?\s+on)\s+(?!(?:that|to|of|in|on|at|by|for|from|with|it|them|him|her|us|me|not|was|were|is|are|has|had)\b)(?=\p{L})/giu;

// Verb or noun + "that" + clause. The weak ones (insist, suggest, propose, ask) need a modal or a
// subjunctive "be" in the clause: "polls suggest that turnout was low" is no demand.
const THAT_CLAUSE = /\b(demand(?:s|ed|ing)?|urg(?:e|es|ed|ing)|request(?:s|ed|ing)?|recommend(?:s|ed|ing|ations?)?|proposals?|conditions?|calls?|insistence|insist(?:s|ed|ing)?|suggest(?:s|ed|ing|ions?)?|propos(?:e|es|ed|ing)|ask(?:s|ed|ing)?)\s+that\s+/giu;
const WEAK_THAT = /^(?:insist|suggest|propos(?!al)|ask)/i;

// A refusal to agree to something names the thing asked for.
const REFUSAL = new RegExp(
  String.raw`\b(${forms(String.raw`refus(?:e|es|ed|ing)\s+to`, String.raw`declin(?:e|es|ed|ing)\s+to`, String.raw`fail(?:s|ed|ing)?\s+to`, String.raw`would\s+not`, 'wouldn[’\']t', String.raw`will\s+not`, 'won[’\']t', String.raw`did\s+not`, 'didn[’\']t', String.raw`does\s+not`, 'doesn[’\']t', String.raw`could\s+not`, 'couldn[’\']t', String.raw`unwilling\s+to`)})\s+(agree|accept|commit|sign\s+up|accede|endorse)\s+((?:\p{L}+\s+){0,6}?)(to|that|with)\s+`,
  'giu',
);

const TIME_FOR = /\b(?:it\s+is|it[’']s|now\s+is\s+the)\s+(?:high\s+|now\s+|about\s+|past\s+)?time\s+(?:for|to)\b/giu;

const MODAL = /\b(should(?:n[’']t|\s+not)?|must(?:n[’']t|\s+not)?|ought(?:n[’']t)?\s+(?:not\s+)?to|needs?\s+to|has\s+to|have\s+to|had\s+better)\s+(?!(?:not\s+)?have\s+(?:been|\p{L}+(?:ed|en|wn))\b|be\s+(?:noted|said|stressed|remembered|seen)\b|know\b|say\b|wait\s+and\s+see\b)(?=\p{L})/giu;
const CLAUSE_START = /(?:^|[;:,“"”(]|\bthat\b(?![’']s)|\bwhether\b|\bwhich\b|\bbecause\b|\bif\b|\b(?:think|believe|feel|says?|said|argued?)\b)\s*/giu;
const FIRST_PERSON = /^(?:i|we)$/i;
const MODAL_WORD = /\b(?:should|shouldn[’']t|must|mustn[’']t|ought|needs?\s+to|has\s+to|have\s+to)\b/i;

// "Any of the actions we asked for" refers to demands; it states none.
const REFERENCE = /^(?:any|all|none|each|every|either|neither|some|most|many|several|one|a\s+single|the\s+same)\b/i;

const NUMBERED = /^[ \t]*(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[•*▪-])[ \t]+(\S[^\n]*)$/gm;
const INTRO = /\b(?:demand|call|urg|ask|propos|request|recommend|condition|must|should|want|insist)\w*/i;
const ORDINAL = /^["“‘]?(first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|fifth(?:ly)?|finally|lastly)\s*,\s+/iu;

const ANY_CUE = /\b(?:ask|urg|call|press|push|appeal|beg|implor|want|demand|challeng|encourag|order|instruct|request|lobb|petition|plead|campaign|clamo|plea|pressure|recommend|propos|condition|insist|suggest|refus|declin|fail|would|wouldn|will|won|did|didn|does|doesn|could|couldn|unwilling|not|time|should|must|ought|need|has|have|had|first|second|third|fourth|fifth|finally|lastly)/i;

// Words each rule's match must hold, tested (with the rule's own flags, so case folds alike) before
// the rule runs: most sentences hold a cue word of some rule but not the words of every rule.
const HAS = {
  verbObjectTo: /\sto\s/iu,
  forWhat: /\sfor\s/iu,
  verbWhat: /demand|urg|request|insist/iu,
  thatClause: /\sthat\s/iu,
  refusal: /agree|accept|commit|sign\s+up|accede|endorse/iu,
  timeFor: /\stime\s/iu,
  modal: /should|must|ought|need|has\s+to|have\s+to|had\s+better/iu,
  listVerb: /includ|compris|:/iu,
};

const LIST_NEXT = /^\s*(?:;|,(?=\s*(?:and\s+|or\s+)?that\b))\s*(?:and\s+|or\s+)?/u;

/** The demand spans in one sentence. `quoted` says whether a range lies in what a speaker said. */
export function demandsInSentence(text: string, s: Range, quoted: (r: Range) => boolean, demandNouns: ReadonlySet<string>): DemandSpan[] {
  const str = text.slice(s.start, s.end);
  const out: DemandSpan[] = [];
  // Most sentences hold no cue word at all: one scan for any of them spares the rules.
  if (!ANY_CUE.test(str)) return withListItems(text, s, demandListItems(text, s, demandNouns));
  const cueAt = new Set<number>();
  const push = (from: number, cue: string, rule: string, score: number, extra: Partial<DemandSpan> = {}, needsModal = false) => {
    const at = s.start + from;
    const r = trimRange(text, { start: at, end: clauseEnd(text, at, s.end) });
    const body = text.slice(r.start, r.end);
    if (r.end - r.start < 6 || isReference(body, demandNouns) || (needsModal && !MODAL_WORD.test(body) && !/\bbe\b/i.test(body))) return;
    out.push({ ...r, cue, rule, score, strong: true, ...extra });
  };
  if (HAS.verbObjectTo.test(str)) for (const m of str.matchAll(VERB_OBJECT_TO)) {
    const i = m.index ?? 0;
    cueAt.add(i);
    const obj = { start: s.start + i + m[1].length + (m[0].slice(m[1].length).length - m[0].slice(m[1].length).trimStart().length), end: 0 };
    obj.end = obj.start + m[2].trimEnd().length;
    push(i + m[0].length, m[1], `cue '${m[1].toLowerCase()} … to'`, 0.8, { addressee: obj });
  }
  if (HAS.forWhat.test(str)) for (const m of str.matchAll(FOR_WHAT)) {
    const from = (m.index ?? 0) + m[0].length;
    // "campaigned for Clinton" backs a person; "campaigned for a ban" wants something.
    if (/^campaign/i.test(m[1]) && /^\p{Lu}[\p{L}.-]*(?![’']s)(?:\s|[,.;]|$)/u.test(str.slice(from))) continue;
    push(from, `${m[1]} for`, `cue '${m[1].toLowerCase()} for'`, 0.75);
  }
  if (HAS.verbWhat.test(str)) for (const m of str.matchAll(VERB_WHAT)) if (!cueAt.has(m.index ?? 0)) push((m.index ?? 0) + m[0].length, m[1], `cue '${m[1].toLowerCase()}'`, 0.7);
  if (HAS.thatClause.test(str)) for (const m of str.matchAll(THAT_CLAUSE)) push((m.index ?? 0) + m[0].length, `${m[1]} that`, `cue '${m[1].toLowerCase()} that'`, 0.75, {}, WEAK_THAT.test(m[1]));
  if (HAS.refusal.test(str)) for (const m of str.matchAll(REFUSAL)) {
    const cue = `${m[1]} ${m[2]} ${m[4]}`.replace(/\s+/g, ' ');
    push((m.index ?? 0) + m[0].length, cue, `refused: '${cue.toLowerCase()}'`, 0.7, { agent: agentBefore(text, s.start, s.start + (m.index ?? 0)) });
  }
  if (HAS.timeFor.test(str)) for (const m of str.matchAll(TIME_FOR)) push(m.index ?? 0, m[0].trim(), `exhortation: '${m[0].trim().toLowerCase()}'`, 0.7);
  if (quoted(s)) {
    const ord = ORDINAL.exec(str);
    if (ord && (MODAL.test(str.slice(ord[0].length)) || /^\p{Ll}+\s+(?:the|a|an|all|our|their|its|this|that|them|it|more|every)\b/u.test(str.slice(ord[0].length)))) {
      push(ord[0].length, ord[1], `ordinal item '${ord[1].toLowerCase()}'`, 0.55);
    }
    MODAL.lastIndex = 0;
  }
  if (HAS.modal.test(str)) for (const m of str.matchAll(MODAL)) {
    const at = s.start + (m.index ?? 0);
    if (!quoted({ start: at, end: at + m[0].length }) || out.some((d) => d.start <= at && at < d.end)) continue;
    const start = clauseStart(str, m.index ?? 0);
    const subject = str.slice(start, m.index ?? 0).trim();
    const raw = subject.split(/\s+/).pop() ?? '';
    const last = raw.replace(/[^\p{L}]/gu, '');
    // "we must" commits, "as it should" compares, "you don't have to" frees, "it must be wrong" guesses: none demands.
    if (!last || FIRST_PERSON.test(last) || /\b(?:as|like)\s+\p{L}+$/iu.test(subject) || /n[’']t$|^not$/i.test(raw)) continue;
    if (/^(?:must|ha(?:s|ve)\s+to|needs?\s+to)\s+be\s+(?!\p{L}+(?:ed|en|wn)\b)/iu.test(str.slice(m.index ?? 0))) continue;
    push(start, m[1], `modal '${m[1].toLowerCase()}'`, 0.5, { strong: false });
  }
  out.push(...demandListItems(text, s, demandNouns));
  return withListItems(text, s, dropContaining(out));
}

/** Where the clause holding the modal at `at` starts, within the sentence string. */
function clauseStart(str: string, at: number): number {
  let start = 0;
  CLAUSE_START.lastIndex = 0;
  for (const m of str.slice(0, at).matchAll(CLAUSE_START)) start = (m.index ?? 0) + m[0].length;
  return start;
}

/** The nearest capitalised name or noun phrase before a refusal ("Jeremy Corbyn has refused"). */
function agentBefore(text: string, from: number, at: number): Range | undefined {
  const m = /((?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*|he|she|they|it)\s+(?:\p{L}+\s+){0,2}$/u.exec(text.slice(from, at));
  return m ? { start: from + (m.index ?? 0), end: from + (m.index ?? 0) + m[1].length } : undefined;
}

/** "The actions … included having X, and accepting Y": items after a noun the article uses for demands. */
function demandListItems(text: string, s: Range, nouns: ReadonlySet<string>): DemandSpan[] {
  const str = text.slice(s.start, s.end);
  // Every list verb below holds one of these: without them no head can introduce a list.
  if (!HAS.listVerb.test(str)) return [];
  for (const m of str.matchAll(LIST_HEAD)) {
    if (!nouns.has(stem(m[1].toLowerCase()))) continue;
    const verb = /\b(include[sd]?|including|comprised?)\s*:?\s+|^\s*(?:were|are)\s*:\s*|^\s*:\s*/iu.exec(str.slice((m.index ?? 0) + m[0].length));
    if (!verb) continue;
    const cue = `${m[1]} … ${(verb[1] ?? verb[0]).trim()}`;
    return listItems(text, s, s.start + (m.index ?? 0) + m[0].length + (verb.index ?? 0) + verb[0].length, cue);
  }
  return [];
}

const LIST_HEAD = /\b(?:the|these|those|their|our|its|his|her|such)\s+(?:[\p{L}-]+\s+){0,2}?(\p{L}+)\b/giu;

function listItems(text: string, s: Range, from: number, cue: string): DemandSpan[] {
  const out: DemandSpan[] = [];
  while (from < s.end) {
    const rest = text.slice(from, s.end);
    const sep = /;\s*|,\s+(?:and|or)\s+|\s+and\s+(?=\p{L}+ing\b)|,\s+(?=\p{L}+ing\b)/u.exec(rest);
    const itemEnd = sep ? from + (sep.index ?? 0) : s.end;
    const r = trimRange(text, { start: from, end: Math.min(itemEnd, clauseEnd(text, from, itemEnd)) });
    if (r.end - r.start >= 6 && !REFERENCE.test(text.slice(r.start, r.end))) out.push({ ...r, cue, rule: `list: '${cue.toLowerCase()}'`, score: 0.6, strong: true });
    if (!sep) break;
    from = itemEnd + sep[0].length;
  }
  return out;
}

/** "X; that Y; and that Z": the items after a demand are demands too. */
function withListItems(text: string, s: Range, found: DemandSpan[]): DemandSpan[] {
  const out = [...found];
  for (const d of found) {
    let end = d.end;
    for (;;) {
      const next = LIST_NEXT.exec(text.slice(end, s.end));
      if (!next || !/[;,]/.test(text.slice(end, end + next[0].length))) break;
      const from = end + next[0].length;
      const r = trimRange(text, { start: from, end: clauseEnd(text, from, s.end) });
      if (r.end - r.start < 6 || (!d.strong && !MODAL_WORD.test(text.slice(r.start, r.end)))) break;
      // A modal clause found on its own is the same span, now known to be a list item.
      const same = out.findIndex((o) => o.start === r.start);
      if (same >= 0 && out[same].strong) break;
      if (same >= 0) out.splice(same, 1);
      out.push({ ...r, cue: d.cue, rule: `list item after ${d.rule}`, score: Math.max(0.4, d.score - 0.05), strong: d.strong, addressee: d.addressee, agent: d.agent });
      end = r.end;
    }
  }
  return dropContaining(out);
}

/** "Any of the actions we asked for", "concrete action": words about demands, not a demand. */
function isReference(body: string, demandNouns: ReadonlySet<string>): boolean {
  if (REFERENCE.test(body)) return true;
  const words = stems(body);
  return words.length <= 2 && words.length > 0 && demandNouns.has(words[words.length - 1]);
}

/** Of two nested spans, the inner one says the demand more exactly. */
function dropContaining(spans: DemandSpan[]): DemandSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  return sorted.filter((a, i) => !sorted.some((b, j) => j !== i && a.start <= b.start && b.end <= a.end && (a.start !== b.start || a.end !== b.end || j < i)));
}

/** Numbered or bulleted proposals under an introducing line ("We call for:", "Our demands"). */
export function numberedItems(text: string): DemandSpan[] {
  const out: DemandSpan[] = [];
  for (const m of text.matchAll(NUMBERED)) {
    const at = m.index ?? 0;
    const lines = text.slice(Math.max(0, at - 400), at).split('\n').map((l) => l.trim()).filter((l) => l && !/^(?:\(?\d{1,2}[.)]|\(?[a-h][.)]|[•*▪-])\s/.test(l));
    const intro = lines.pop() ?? '';
    const body = m[1];
    if (!INTRO.test(intro) && !/\b(?:should|must|ought to|need to)\b/i.test(body)) continue;
    const start = at + m[0].length - body.length;
    const r = trimRange(text, { start, end: start + body.length });
    if (r.end - r.start >= 6) out.push({ ...r, cue: intro.slice(-40), rule: 'numbered item', score: 0.65, strong: true });
  }
  return out;
}

const ASKED_FOR_NOUN = /\b(\p{L}{3,})\s+(?:(?:that|which)\s+)?(?:we|they|he|she|it|you|I)\s+(?:had\s+|have\s+|has\s+)?(?:asked|called|pressed|pushed|appealed|lobbied)\s+for\b/gu;
const ASKED_FOR = /(?:asked|called|pressed|pushed|appealed|lobbied)\s+for\b/gu;

/**
 * The matches of `re` (global) in `text`, as text.matchAll(re) gives them, for a regex made of
 * letters and spaces only whose every match ends with a match of `anchor`: `re` starting at
 * every word is slow on a whole article, so it runs only from the start of the run of letters
 * and spaces before each anchor (no match can start earlier and reach it). When `re` finds
 * nothing from some point on, there is nothing further.
 */
function anchoredMatches(text: string, re: RegExp, anchor: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (const a of text.matchAll(anchor)) {
    const end = (a.index ?? 0) + a[0].length;
    if (end <= re.lastIndex) continue;
    let from = Math.max(a.index ?? 0, re.lastIndex);
    // Back over ASCII letters and spaces, and over any other character (it may be a letter or a space).
    while (from > re.lastIndex && !isAsciiStop(text.charCodeAt(from - 1))) from--;
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) break;
    out.push(m);
  }
  re.lastIndex = 0;
  return out;
}

function isAsciiStop(c: number): boolean {
  if (c >= 128) return false;
  const space = c === 32 || (c >= 9 && c <= 13);
  return !isAsciiLetter(c) && !space;
}

/**
 * Nouns the article uses for its demands: fixed ones, and the head of "the actions we asked
 * for" or "requests for concrete action", so a later "the actions … included" is read as a list of demands.
 */
export function demandNounsOf(text: string): Set<string> {
  const nouns = new Set(['demand', 'request', 'proposal', 'condition', 'call', 'recommendation', 'suggestion', 'ask']);
  for (const m of anchoredMatches(text, ASKED_FOR_NOUN, ASKED_FOR)) nouns.add(stem(m[1].toLowerCase()));
  for (const m of text.matchAll(/\b(?:requests?|calls?|demands?)\s+for\s+(?:\p{L}+\s+)?(\p{L}{3,})/gu)) nouns.add(stem(m[1].toLowerCase()));
  return nouns;
}
