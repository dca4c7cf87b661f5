// Word lists the tagger sees as features (never as rules): reporting and demand verbs (from the
// usual public lists of reporting verbs, with CAMEO's DEMAND/APPEAL verbs), pronouns and
// source-like nouns. The model learns how much each is worth.

const REPORTING = `say tell add note claim argue state explain insist suggest warn write announce report deny admit
accuse acknowledge agree predict promise vow tweet respond reply describe believe think feel know hope fear
worry expect want call urge demand ask request propose recommend plead appeal press push order reveal confirm
declare assert contend maintain stress emphasize emphasise point observe remark comment mention conclude
estimate find show suggest indicate testify recall complain criticize criticise blame praise condemn
denounce reject dispute question doubt wonder acknowledge concede allege charge counter insist threaten pledge
vow boast brag joke quip muse recount describe characterize characterise label dismiss defend caution advise
signal hint imply announce disclose inform brief cite quote post share write blog email text
decide plan intend refuse decline oppose support endorse back favor favour welcome applaud criticize`;

const IRREGULAR = `said says told thought wrote written spoke spoken knew known felt saw seen heard meant held
found shown according`;

const PRONOUNS = new Set('he she they i we you it him her them us me his hers their our its who whom which this that those these one'.split(' '));

const SOURCE_NOUNS = new Set(
  `spokesman spokeswoman spokesperson official officials aide aides source sources adviser advisers advisor
   campaign statement report poll survey analysts experts critics supporters people voters president candidate
   senator governor secretary chairman director leader leaders democrats republicans administration department
   officer officers police lawyer attorney judge court agency committee group organization spokesmen`.split(/\s+/),
);

function inflect(lemma: string): string[] {
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const y = lemma.endsWith('y') && !/[aeiou]y$/.test(lemma);
  const base = y ? lemma.slice(0, -1) : lemma;
  return [
    lemma,
    y ? `${base}ies` : /(s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : `${lemma}s`,
    y ? `${base}ied` : lemma.endsWith('e') ? `${lemma}d` : `${lemma}ed`,
    `${stem}ing`,
  ];
}

const REPORTING_FORMS = new Set([...REPORTING.split(/\s+/).filter(Boolean).flatMap(inflect), ...IRREGULAR.split(/\s+/).filter(Boolean)]);

const DEMAND_FORMS = new Set('call urge demand ask request propose recommend plead appeal press push order insist want'.split(' ').flatMap(inflect));

/** 0 none, 1 a reporting verb, 2 a demand verb (also reporting). */
export function verbClass(lower: string): number {
  if (DEMAND_FORMS.has(lower)) return 2;
  return REPORTING_FORMS.has(lower) ? 1 : 0;
}

export function isPronoun(lower: string): boolean {
  return PRONOUNS.has(lower);
}

export function isSourceNoun(lower: string): boolean {
  return SOURCE_NOUNS.has(lower);
}
