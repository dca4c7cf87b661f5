// What one source span says about its speaker, read from its words alone: the mention to mark
// inside it (the engine's source chunks carry "a statement from", "NEW:", "later"), whether it
// is a name, a title and surname, a description, an anonymous source or a pronoun, and the
// speaker's likely kind. Clustering (speakers.ts) decides who is meant; these are its features.
import { SpeakerKind } from '../model';

export type FormType = 'name' | 'description' | 'anonymous' | 'pronoun' | 'relative';

export interface SpeakerForm {
  /** The mention: the words naming the speaker, inside the source span (UTF-16 offsets). */
  start: number;
  end: number;
  text: string;
  type: FormType;
  kind: SpeakerKind;
  plural: boolean;
  /** Pronouns: the pronoun, lower case. */
  pronoun?: string;
  /** Persons named: the last name, normalised (no title, no possessive). */
  surname?: string;
  /** Persons named: the given name, normalised, when there is one. */
  given?: string;
  /** Written with a title (Mr, Dr, Lord...). */
  titled?: boolean;
  /** Descriptions: the head noun, lower case ("leader" in "the Labour leader"). */
  head?: string;
  /** Anonymous sources: what identifies them ("spokesperson|board of deputies", "labour sources"). */
  anonKey?: string;
  /** Descriptions given with a name ("chair of the Jewish Leadership Council", "the Labour leader"). */
  descriptions: string[];
  /** Which reading of the words applied, for the reason shown to the user. */
  how?: string;
}

const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her']);
/** "I" and "me" as a source are inside someone's quote: the quote's speaker, not the last person named. */
const FIRST_PERSON = new Set(['i', 'me']);
const PLURAL_PRONOUNS = new Set(['they', 'them', 'we', 'us']);
const THING_PRONOUNS = new Set(['it']);
const RELATIVES = new Set(['who', 'whom', 'which', 'that']);

const TITLES =
  /^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Lord|Lady|Dame|Baroness|Baron|Prof|Professor|Rev|Revd|Reverend|Rabbi|Imam|Father|President|Senator|Sen|Rep|Gov|Governor|Judge|Justice|Cllr|Councillor|Chancellor|Minister|General|Gen|Colonel|Col|Captain|Capt|King|Queen|Prince|Princess|Pope|Rt Hon)\.?$/;

/** Words that make a capitalised name an organisation. */
const ORG_WORDS = new Set(
  `party council board committee ministry department office inc ltd llc plc corp corporation company co group union
   association society trust foundation institute institution university college school hospital agency authority
   commission service services government administration parliament congress senate assembly court police army
   navy bank news times post press media network alliance league federation campaign movement coalition front
   organisation organization charity club center centre poll polls survey against deputies labour conservatives conservative tories tory democrats
   republicans gop snp ukip greens kremlin pentagon whitehall nhs un eu nato`.split(/\s+/),
);

/** Nouns heading a description of an organisation ("the party", "the pressure group"). */
const ORG_NOUNS = new Set(
  `poll survey study party council board committee ministry department government administration company firm group union
   association organisation organization charity campaign agency authority commission trust club team movement`.split(/\s+/),
);

const PLURAL_NOUNS = new Set('people police staff men women children media public clergy'.split(' '));

/** Plural heads that make even a capitalised phrase a description of a group ("Jewish Leaders" in a headline). */
const GROUP_HEADS = new Set('leaders groups members campaigners critics activists residents protesters supporters ministers mps organisations organizations representatives'.split(' '));

/** Heads that are not speakers ("our letter suggested"): documents speak for their authors, named elsewhere. */
const DOCUMENT_HEADS = new Set('statement statements letter letters report reports document documents text article paper proposals proposal talks meeting'.split(' '));

const ANONYMOUS =
  /\b(?:sources?|officials?|aides?|insiders?|spokes(?:man|woman|person|people|men|women)|allies|advisers?|advisors?|diplomats?|a source close to|people close to|someone close to|an? (?:senior |former )?(?:official|source|aide|insider))\b/i;

const CONNECTORS = new Set(['of', 'for', 'and', 'the', 'de', 'du', 'la', 'le', 'von', 'van', 'der', 'den', 'al', 'bin', 'da', 'di', 'on', '&']);
const ARTICLES = /^(?:the|a|an|this|that|these|those)\s+/i;
const QUANTIFIED = /^(?:many|some|most|several|few|all|one|two|three|four|five|both|each|none|dozens|hundreds|thousands)\s+of\s+/i;
const LEAD_IN = /^(?:[A-Z]{2,}\s*:\s*|(?:(?:an?|the|in an?|in the|his|her|their|its)\s+)?(?:[\w-]+\s+){0,3}?(?:statements?|letters?|comments?|remarks|emails?|tweets?|posts?|interviews?|press releases?|reports?|speech|message)\s+(?:from|by)\s+)/i;
const TRAILING = /(?:\s+(?:later|also|then|again|today|yesterday|tonight|previously|earlier|too|first|himself|herself|themselves|itself|alone|however|now|meanwhile|jointly))+$/i;

/** A name's or alias's form for matching: case, spacing, apostrophes, title dots and a leading article do not matter. */
export function normalForm(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/\b(mr|mrs|ms|dr|prof|rev|st|sen|rep|gov|gen|col|capt)\./g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the|a|an) /, '');
}

function isCapitalised(word: string): boolean {
  return /^[\p{Lu}\p{Lt}]/u.test(word) || /^\d/.test(word);
}

function isAcronym(word: string): boolean {
  return /^[\p{Lu}]{2,}s?$/u.test(word.replace(/[().]/g, ''));
}

function stripPossessive(word: string): string {
  return word.replace(/['’]s?$/, '');
}

export function isPluralNoun(lower: string): boolean {
  return PLURAL_NOUNS.has(lower) || (/[^su]s$/.test(lower) && !/(?:ss|us|is)$/.test(lower));
}

/**
 * The speakers a source span names: one form, or several for "X and Y" (each part, in order);
 * empty when nothing in it reads as a speaker.
 */
export function parseSource(text: string, start: number, end: number): SpeakerForm[] {
  let [s, e] = trimSpan(text, start, end);
  const lead = LEAD_IN.exec(text.slice(s, e));
  if (lead && lead[0].length < e - s) [s, e] = trimSpan(text, s + lead[0].length, e);
  const trail = TRAILING.exec(text.slice(s, e));
  if (trail && trail.index > 0) [s, e] = trimSpan(text, s, s + trail.index);
  const parts = splitCoordination(text, s, e);
  const forms: SpeakerForm[] = [];
  for (const [ps, pe] of parts) {
    const f = classify(text, ps, pe);
    if (f) forms.push(f);
  }
  // "X and Y" only counts as two speakers when both read as named speakers.
  if (parts.length > 1 && (forms.length !== parts.length || forms.some((f) => f.type !== 'name'))) {
    const whole = classify(text, s, e);
    return whole ? [whole] : [];
  }
  return forms;
}

function trimSpan(text: string, start: number, end: number): [number, number] {
  while (start < end && /[\s,;:"“”‘’'()\-–—]/.test(text[start])) start++;
  while (end > start && /[\s,;:"“”‘’'(\-–—]/.test(text[end - 1])) end--;
  // A closing parenthesis stays when it closes one opened inside ("Labour Against Anti-Semitism (LAS)").
  if (text[end - 1] === ')' && !text.slice(start, end).includes('(')) end--;
  return [start, end];
}

/** "A, description and B, description" / "A and B": parts that start with a capital (or "the Capital"). */
function splitCoordination(text: string, start: number, end: number): [number, number][] {
  const s = text.slice(start, end);
  const re = /,?\s+(?:and|&)\s+/g;
  const parts: [number, number][] = [];
  let from = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const next = s.slice(m.index + m[0].length);
    if (!/^(?:the\s+)?[\p{Lu}]/u.test(next) || !/^(?:the\s+)?[\p{Lu}]/u.test(s.slice(from))) continue;
    parts.push([start + from, start + m.index]);
    from = m.index + m[0].length;
  }
  parts.push([start + from, end]);
  return parts.map(([a, b]) => trimSpan(text, a, b));
}

function classify(text: string, start: number, end: number): SpeakerForm | undefined {
  const s = text.slice(start, end);
  if (!s) return undefined;
  const lower = s.toLowerCase();
  const base = { start, end, text: s, descriptions: [] as string[], plural: false };
  if (FIRST_PERSON.has(lower)) return undefined;
  if (PERSON_PRONOUNS.has(lower)) return { ...base, type: 'pronoun', kind: 'person', pronoun: lower };
  if (PLURAL_PRONOUNS.has(lower)) return { ...base, type: 'pronoun', kind: 'group', plural: true, pronoun: lower };
  if (THING_PRONOUNS.has(lower)) return { ...base, type: 'pronoun', kind: 'organisation', pronoun: lower };
  if (RELATIVES.has(lower)) return { ...base, type: 'relative', kind: 'person', pronoun: lower };
  const firstWord = /^\S+/.exec(s)![0].toLowerCase();
  if (RELATIVES.has(firstWord)) return classify(text, start, start + firstWord.length);

  // "Name, description": the name is the mention, the description an alias.
  const comma = s.indexOf(',');
  if (comma > 0) {
    const [hs, he] = trimSpan(text, start, start + comma);
    const head = classify(text, hs, he);
    const rest = s.slice(comma + 1).replace(/,\s*$/, '').trim();
    if (head?.type === 'name' && rest) {
      head.descriptions.push(rest);
      head.how = 'appositive';
      return head;
    }
  }
  // "Labour's Andrew Gwynne": the name after the possessive; "Corbyn's critics" stays a description.
  const poss = /^(.+?)['’]s\s+(.+)$/u.exec(s);
  if (poss && isCapitalised(poss[2]) && !ANONYMOUS.test(poss[2])) {
    const f = classify(text, start + s.length - poss[2].length, end);
    if (f?.type === 'name') return { ...f, how: 'possessive' };
  }
  if (ANONYMOUS.test(s)) return { ...base, type: 'anonymous', kind: 'anonymous', plural: isPluralNoun(lastWord(lower)), anonKey: anonKey(s) };

  const words = s.split(/\s+/);
  const last = stripPossessive(words[words.length - 1]);
  const head = last.toLowerCase();
  if ((!isCapitalised(last) && !isAcronym(last)) || (GROUP_HEADS.has(head) && words.length > 1)) {
    const quantified = QUANTIFIED.test(s) || /\b(?:two|three|four|five|both)\b/i.test(s);
    const plural = isPluralNoun(head) || quantified;
    // A lone singular word ("having", "many") or a document ("our letter") names no speaker.
    if ((words.length === 1 && !plural) || DOCUMENT_HEADS.has(head)) return undefined;
    const kind: SpeakerKind = plural ? 'group' : ORG_NOUNS.has(head) ? 'organisation' : 'person';
    return { ...base, type: 'description', kind, plural, head };
  }
  return nameForm(text, start, end, base.descriptions);
}

function lastWord(lower: string): string {
  return /(\S+)$/.exec(lower)?.[1] ?? lower;
}

/** A capitalised name, perhaps after a role ("new general secretary Jennie Formby") or an article. */
function nameForm(text: string, start: number, end: number, descriptions: string[]): SpeakerForm | undefined {
  const s = text.slice(start, end);
  const words = [...s.matchAll(/\S+/g)];
  // The name is the run of capitalised words (joined by of/for/and...) that ends the span.
  let k = words.length - 1;
  while (k > 0 && (isCapitalised(words[k - 1][0]) || CONNECTORS.has(words[k - 1][0].toLowerCase()))) k--;
  while (k < words.length - 1 && CONNECTORS.has(words[k][0].toLowerCase())) k++;
  const nameStart = start + words[k].index!;
  // "New general secretary Jennie Formby": "the general secretary" is what later sentences call her.
  const role = s
    .slice(0, words[k].index!)
    .replace(ARTICLES, '')
    .replace(/^(?:new|newly[- ]appointed|current|acting|interim|incoming)\s+/i, '')
    .trim()
    .replace(/^\p{Lu}(?=\p{Ll})/u, (c) => c.toLowerCase());
  if (role && /[\p{Ll}]/u.test(role)) descriptions = [...descriptions, `the ${role}`];
  // "Mr. Trump’s (campaign)": the mention is the name, without the possessive.
  const possessive = /['’]s?$/.exec(text.slice(nameStart, end));
  if (possessive && end - possessive[0].length > nameStart) end -= possessive[0].length;
  const nameText = text.slice(nameStart, end);
  const nameWords = nameText.split(/\s+/).map(stripPossessive);
  const lowerWords = nameWords.map((w) => w.toLowerCase().replace(/[().]/g, ''));
  const titled = nameWords.length > 1 && TITLES.test(nameWords[0]);
  // "Roper Center for Public Opinion Research": three words or more joined by of/for name a body more often than a person.
  const joined = nameWords.length >= 3 && lowerWords.slice(1, -1).some((w) => w === 'for' || w === 'of');
  const org = !titled && (joined || lowerWords.some((w) => ORG_WORDS.has(w)) || nameWords.some((w) => isAcronym(w) && w.length <= 6));
  const form: SpeakerForm = { start: nameStart, end, text: nameText, type: 'name', kind: org ? 'organisation' : 'person', plural: false, descriptions, titled };
  if (!org) {
    const personal = titled ? lowerWords.slice(1) : lowerWords;
    form.surname = normalForm(personal[personal.length - 1]);
    if (personal.length > 1) form.given = normalForm(personal[0]);
  }
  return form;
}

/** Anonymous sources are the same when they speak for the same body: "a spokesperson for the Board" = "the Board spokesperson". */
export function anonKey(s: string): string {
  const forOrg = /spokes\w*\s+(?:for|from|of|at)\s+(.+)$/i.exec(s);
  // "the Board of Deputies spokesperson": the words before a final "spokes..." (no backtracking regex: this runs per source).
  const last = /\s(spokes\w*)$/i.exec(s);
  const orgFirst = last ? s.slice(0, last.index).replace(ARTICLES, '').replace(/['’]s?$/, '').trim() : '';
  const org = forOrg?.[1] ?? (orgFirst || undefined);
  return org ? `spokesperson|${normalForm(org)}` : normalForm(s);
}
