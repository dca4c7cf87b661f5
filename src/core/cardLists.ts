// The lists of a hover card (a speaker's quotes, the demands made, a demand's responses…), as
// entries both the card and its "show all" quick pick are made from: the card shows the first
// few, the quick pick all of them, and both read the same.
import { CrossRefs, DemandCard, DemandRef, ResponseRef, SpanRef, SpeakerCard } from './crossRefs';
import { statusText } from './wording';

export const SPEAKER_LISTS = ['quotes', 'demandsMade', 'demandsAddressed', 'responses'] as const;
export const DEMAND_LISTS = ['responses', 'stated'] as const;
export type SpeakerList = (typeof SPEAKER_LISTS)[number];
export type DemandList = (typeof DEMAND_LISTS)[number];

/** Which list of which card: what a "show all" link carries (ids only, never text to show). */
export type CardListRef = { of: 'speaker'; id: string; list: SpeakerList } | { of: 'demand'; id: string; list: DemandList };

/** Where an entry goes: a span of the article. */
export interface SpanTarget {
  start: number;
  end: number;
  /** 0-based line of the start. */
  line: number;
}

export interface ListEntry {
  /** What the entry says (untrusted text: quoted words, names, summaries). */
  text: string;
  /** A short addition after the text, such as a demand's status. */
  detail?: string;
  target?: SpanTarget;
  /**
   * How a card links the entry: `line` puts a "line N" link before the text (a quote reads as
   * its words), `text` makes the text itself the link (a demand reads as its summary).
   */
  link: 'line' | 'text';
}

export interface CardList {
  /** Whose list: the speaker's name or the demand's summary (untrusted text). */
  owner: string;
  heading: string;
  entries: ListEntry[];
}

const SPEAKER_HEADINGS: Record<SpeakerList, string> = {
  quotes: 'Quotes in this article',
  demandsMade: 'Demands made',
  demandsAddressed: 'Demands addressed to them',
  responses: 'Their responses',
};
const DEMAND_HEADINGS: Record<DemandList, string> = { responses: 'Responses', stated: 'Stated in' };

export function speakerList(card: SpeakerCard, list: SpeakerList): CardList {
  const entries =
    list === 'quotes'
      ? card.quotes.map(quoteEntry)
      : list === 'responses'
        ? card.responses.map((r) => lineEntry(r, `${r.stance ?? 'responds'} on “${r.demand?.summary ?? r.annotation.demand ?? '?'}”: “${r.firstWords}”`))
        : card[list].map(demandEntry);
  return { owner: card.speaker.name, heading: SPEAKER_HEADINGS[list], entries };
}

export function demandList(card: DemandCard, list: DemandList): CardList {
  const entries =
    list === 'stated'
      ? card.spans.map(quoteEntry)
      : card.responses.map((r: ResponseRef) => lineEntry(r, `${r.speaker?.name ?? r.annotation.speaker ?? 'unknown'} ${r.stance ?? 'responds'}: “${r.firstWords}”`));
  return { owner: card.demand.summary, heading: DEMAND_HEADINGS[list], entries };
}

/** The whole list a "show all" link names, from the article's cross-references now; undefined when it no longer exists. */
export function cardList(refs: CrossRefs, ref: CardListRef): CardList | undefined {
  if (ref.of === 'speaker') {
    const card = refs.speakerCard(ref.id);
    return card && speakerList(card, ref.list);
  }
  const card = refs.demandCard(ref.id);
  return card && demandList(card, ref.list);
}

/** A list reference from a link's arguments (anything could arrive there): undefined unless well formed. */
export function toCardListRef(of: unknown, id: unknown, list: unknown): CardListRef | undefined {
  if (typeof id !== 'string' || typeof list !== 'string') return undefined;
  if (of === 'speaker' && (SPEAKER_LISTS as readonly string[]).includes(list)) return { of, id, list: list as SpeakerList };
  if (of === 'demand' && (DEMAND_LISTS as readonly string[]).includes(list)) return { of, id, list: list as DemandList };
  return undefined;
}

/** A demand as a link to the first span stating it, its status after. */
export function demandEntry(d: DemandRef): ListEntry {
  return { text: d.demand.summary, detail: statusText(d.demand.status), target: d.stated && targetOf(d.stated), link: 'text' };
}

export function targetOf(ref: SpanRef): SpanTarget {
  return { start: ref.annotation.start, end: ref.annotation.end, line: ref.line };
}

function quoteEntry(ref: SpanRef): ListEntry {
  return lineEntry(ref, `“${ref.firstWords}”`);
}

function lineEntry(ref: SpanRef, text: string): ListEntry {
  return { text, target: targetOf(ref), link: 'line' };
}
