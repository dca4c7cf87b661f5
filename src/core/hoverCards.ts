// Hover-card content as neutral blocks: the adapter renders them as Markdown (article and
// sidecar text as escaped text, links as allowlisted commands), and exports can render the
// same content as HTML. Keeping it here makes the content testable in plain Node.
//
// A hover is, in order: which annotation each hovered span is (annotationCard: type, id, who,
// stance, the demand it answers, note, origin, near-identical twins), then the card of each
// speaker and demand involved. Each card opens with its key facts; its lists show the first
// MAX_ITEMS entries and a "show all" for the rest.
import { HighlightSpan } from './articleModel';
import { CardListRef, DEMAND_LISTS, demandEntry, demandList, ListEntry, SPEAKER_LISTS, speakerList } from './cardLists';
import { AnnotationInfo, CrossRefs, DemandCard, SpeakerCard } from './crossRefs';
import { Annotation, Speaker } from './model';
import { describeOverlap } from './nearIdentical';
import { plural, statusText } from './wording';

export { statusText } from './wording';

/**
 * A piece of a line: plain untrusted text, emphasised text, or a link that selects the span
 * [offset, end). A link's label may be untrusted text too (a demand's summary); its title is ours.
 */
export type Inline = { text: string } | { strong: string } | { link: string; offset: number; end: number; title: string };

export interface Section {
  heading: string;
  items: Inline[][];
  /** How many entries are not listed. */
  more: number;
  /** The whole list, for a "show all" action when some are not listed. */
  all?: CardListRef;
}

export interface Card {
  title: Inline[];
  /** Key facts, one line each, the most useful first. */
  lines: Inline[][];
  /** Titled lists (quotes, demands, responses). */
  sections: Section[];
  /** How the hovered thing is drawn; empty on an annotation's own card (its speaker's card says it). */
  legend: string;
  /** A speaker card's speaker: its colour's swatch goes beside the legend. */
  speakerId?: string;
}

/** Entries listed per section; the rest are counted and behind "show all". */
export const MAX_ITEMS = 3;

const TYPE_STYLE: Record<Annotation['type'], string> = {
  quote: 'filled in the speaker colour',
  mention: 'boxed in the speaker colour',
  demand: 'dashed box',
  response: 'double underline',
};

const TYPE_NAME: Record<Annotation['type'], string> = { quote: 'Quote', mention: 'Mention', demand: 'Demand span', response: 'Response' };

export interface LegendInfo {
  /** 1-based palette slot of a speaker, for the legend. */
  slotOf(speakerId: string): number;
  colorBy: 'speaker' | 'kind';
  /** Whether a speaker's quotes are underlined too (a generated colour, past the tenth speaker). */
  underlined?(speakerId: string): boolean;
}

/**
 * The cards for every span at an offset: first which annotation each span is, then one card per
 * distinct speaker or demand; both outermost first.
 */
export function cardsAt(spans: readonly HighlightSpan[], refs: CrossRefs, legend: LegendInfo): Card[] {
  const annotations: Card[] = [];
  for (const span of spans) if (span.kind === 'annotation') annotations.push(annotationCard(refs.annotationInfo(span.annotation)));
  const cards: Card[] = [];
  const seen = new Set<string>();
  const add = (key: string, make: () => Card | undefined) => {
    if (seen.has(key)) return;
    seen.add(key);
    const card = make();
    if (card) cards.push(card);
  };
  for (const span of spans) {
    if (span.kind === 'alias') {
      add('s:' + span.speaker, () => speakerCard(refs.speakerCard(span.speaker), 'name or alias (dotted underline)', legend));
      continue;
    }
    const a = span.annotation;
    if (a.type === 'demand' && a.demand) add('d:' + a.demand, () => demandCard(refs.demandCard(a.demand!), 'demand'));
    if (a.speaker) add('s:' + a.speaker, () => speakerCard(refs.speakerCard(a.speaker!), a.type, legend));
    if (a.type === 'response' && a.demand) add('d:' + a.demand, () => demandCard(refs.demandCard(a.demand!), 'response'));
  }
  return [...annotations, ...cards];
}

/** Which annotation a span is, in a few lines: what a hover opens with. */
export function annotationCard(info: AnnotationInfo): Card {
  const a = info.annotation;
  const title: Inline[] = [{ strong: `${TYPE_NAME[a.type]} ${a.id}` }];
  const who = info.speaker?.name ?? a.speaker;
  const facts = [who, a.type === 'response' ? stanceText(a.stance) : undefined, `line ${info.line + 1}`].filter((x): x is string => Boolean(x));
  title.push({ text: ' · ' + facts.join(' · ') });
  const lines: Inline[][] = [];
  const demand = info.demand ? demandEntry(info.demand) : { text: a.demand ?? '?', link: 'text' as const };
  // A response's demand sits right under its title: what it answers is the first thing to know.
  if (a.type === 'response') lines.push([{ text: 'Answers: ' }, ...entryInlines(demand)]);
  if (a.type === 'demand') lines.push([{ text: 'States: ' + demand.text + (demand.detail ? ` (${demand.detail})` : '') }]);
  if (a.note) lines.push([{ text: 'Note: ' + a.note }]);
  lines.push([{ text: a.origin === 'suggested' ? 'Origin: suggested (an accepted suggestion)' : 'Origin: manual (marked by hand)' }]);
  if (a.review?.status === 'repaired') lines.push([{ text: 'Needs review: placed on edited text (see the Needs review view)' }]);
  for (const twin of info.nearIdentical) {
    const n = twin.line + 1;
    lines.push([
      { text: '⚠ Near-identical to ' },
      { link: `${twin.annotation.type} ${twin.annotation.id}`, offset: twin.annotation.start, end: twin.annotation.end, title: `Select it, line ${n}` },
      { text: ` (line ${n}; ${describeOverlap(twin, a.type)}): probably marked twice, keep one` },
    ]);
  }
  return { title, lines, sections: [], legend: '' };
}

export function speakerCard(card: SpeakerCard | undefined, hovered: string, legend: LegendInfo): Card | undefined {
  if (!card) return undefined;
  const s = card.speaker;
  const title: Inline[] = [{ strong: s.name }, { text: ` · ${s.kind}` + (s.role ? ` · ${s.role}` : '') }];
  const lines: Inline[][] = [[{ text: `Quoted ${plural(card.quotes.length, 'time')}, mentioned ${plural(card.mentions, 'time')} in this article` }]];
  if (s.note) lines.push([{ text: 'Note: ' + s.note }]);
  if (s.aliases.length) lines.push([{ text: 'Also called: ' + s.aliases.join(', ') }]);
  if (card.members.length) lines.push([{ text: 'Members: ' + names(card.members) }]);
  if (card.groups.length) lines.push([{ text: 'Member of: ' + names(card.groups) }]);
  const sections = SPEAKER_LISTS.flatMap((list) => {
    const { heading, entries } = speakerList(card, list);
    return section(heading, entries, { of: 'speaker', id: s.id, list });
  });
  const slot = legend.colorBy === 'kind' ? `the ${s.kind} colour` : `speaker colour ${legend.slotOf(s.id)}`;
  // Past the tenth speaker colours get close, so the underline's style (solid, dashed, dotted) is what tells them apart.
  const quotes = legend.colorBy === 'speaker' && legend.underlined?.(s.id) ? 'quotes filled and underlined, as for every speaker past the tenth' : 'quotes filled';
  return {
    title,
    lines,
    sections,
    speakerId: s.id,
    legend: `Legend: hovered ${hovered}; ${s.name} is drawn in ${slot}: ${quotes}, mentions boxed, other occurrences of the name dotted-underlined. Demands: dashed box; responses: double underline.`,
  };
}

export function demandCard(card: DemandCard | undefined, hovered: string): Card | undefined {
  if (!card) return undefined;
  const d = card.demand;
  const lines: Inline[][] = [[{ text: 'Status: ' + statusText(d.status) }]];
  lines.push([{ text: 'Made by: ' + (card.by.length ? names(card.by) : 'unknown') }]);
  if (card.to.length) lines.push([{ text: 'Addressed to: ' + names(card.to) }]);
  if (d.note) lines.push([{ text: 'Note: ' + d.note }]);
  // What was answered matters more than where the demand was restated: responses first.
  const sections = DEMAND_LISTS.flatMap((list) => {
    const { heading, entries } = demandList(card, list);
    return section(heading, entries, { of: 'demand', id: d.id, list });
  });
  return {
    title: [{ strong: 'Demand:' }, { text: ' ' + d.summary }],
    lines,
    sections,
    legend: `Legend: hovered ${hovered}; demand spans are drawn with a ${TYPE_STYLE.demand}, responses with a ${TYPE_STYLE.response}.`,
  };
}

function section(heading: string, entries: ListEntry[], all: CardListRef): Section[] {
  if (entries.length === 0) return [];
  const more = Math.max(0, entries.length - MAX_ITEMS);
  return [{ heading: `${heading} (${entries.length})`, items: entries.slice(0, MAX_ITEMS).map(entryInlines), more, all: more ? all : undefined }];
}

/** A list entry as a card line: "line N" then the words, or the words themselves as the link. */
export function entryInlines(e: ListEntry): Inline[] {
  const detail = e.detail ? ` (${e.detail})` : '';
  if (!e.target) return [{ text: e.text + detail }];
  const n = e.target.line + 1;
  const { start: offset, end } = e.target;
  if (e.link === 'line') return [{ link: `line ${n}`, offset, end, title: `Go to line ${n}` }, { text: ' ' + e.text + detail }];
  return [{ link: e.text, offset, end, title: `Go to where it is stated, line ${n}` }, ...(detail ? [{ text: detail }] : [])];
}

function stanceText(stance: string | undefined): string {
  return stance ? stance.replace(/-/g, ' ') : 'no stance';
}

function names(speakers: Speaker[]): string {
  return speakers.map((s) => s.name).join(', ');
}

/**
 * A command link's target with its arguments as JSON, percent-encoded whole: encodeURIComponent
 * leaves ( ) ! ' * ~ alone, and a `)` from an id would end the link early, so those are encoded too.
 * Nothing in the arguments can then reach the Markdown.
 */
export function commandUri(command: string, args: unknown[]): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `command:${command}?${encoded}`;
}

/** Plain text of a card, as a person reads it (for tests, logs and plain-text exports). */
export function cardToPlainText(card: Card): string {
  const inline = (parts: Inline[]) => parts.map((p) => ('text' in p ? p.text : 'strong' in p ? p.strong : p.link)).join('');
  const out = [inline(card.title), ...card.lines.map(inline)];
  for (const s of card.sections) {
    out.push(s.heading + ':', ...s.items.map((i) => '- ' + inline(i)));
    if (s.more) out.push(`- … and ${s.more} more (show all ${s.items.length + s.more})`);
  }
  if (card.legend) out.push(card.legend);
  return out.join('\n');
}
