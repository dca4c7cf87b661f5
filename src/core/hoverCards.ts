// Hover-card content as neutral blocks: the adapter renders them as Markdown (article and
// sidecar text as escaped text, links as allowlisted commands), and exports can render the
// same content as HTML. Keeping it here makes the content testable in plain Node.
import { HighlightSpan } from './articleModel';
import { CrossRefs, DemandCard, ResponseRef, SpanRef, SpeakerCard } from './crossRefs';
import { Annotation, Speaker } from './model';
import { plural } from './wording';

/** A piece of a line: plain untrusted text, emphasised text, or a link that reveals an offset. */
export type Inline = { text: string } | { strong: string } | { link: string; offset: number; title: string };

export interface Card {
  title: Inline[];
  /** Key facts, one line each. */
  lines: Inline[][];
  /** Titled lists (quotes, demands, responses). */
  sections: { heading: string; items: Inline[][]; more: number }[];
  legend: string;
  /** A speaker card's speaker: its colour's swatch goes beside the legend. */
  speakerId?: string;
}

export const MAX_ITEMS = 12;

const TYPE_STYLE: Record<Annotation['type'], string> = {
  quote: 'filled in the speaker colour',
  mention: 'boxed in the speaker colour',
  demand: 'dashed box',
  response: 'double underline',
};

export interface LegendInfo {
  /** 1-based palette slot of a speaker, for the legend. */
  slotOf(speakerId: string): number;
  colorBy: 'speaker' | 'kind';
  /** Whether a speaker's quotes are underlined too (a generated colour, past the tenth speaker). */
  underlined?(speakerId: string): boolean;
}

/** The cards for every span at an offset: one per distinct speaker or demand, outermost first. */
export function cardsAt(spans: readonly HighlightSpan[], refs: CrossRefs, legend: LegendInfo): Card[] {
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
  return cards;
}

export function speakerCard(card: SpeakerCard | undefined, hovered: string, legend: LegendInfo): Card | undefined {
  if (!card) return undefined;
  const s = card.speaker;
  const title: Inline[] = [{ strong: s.name }, { text: ` · ${s.kind}` + (s.role ? ` · ${s.role}` : '') }];
  const lines: Inline[][] = [];
  if (s.aliases.length) lines.push([{ text: 'Also called: ' + s.aliases.join(', ') }]);
  if (card.members.length) lines.push([{ text: 'Members: ' + names(card.members) }]);
  if (card.groups.length) lines.push([{ text: 'Member of: ' + names(card.groups) }]);
  if (s.note) lines.push([{ text: 'Note: ' + s.note }]);
  lines.push([{ text: `Mentioned ${plural(card.mentions, 'time')}, quoted ${plural(card.quotes.length, 'time')} in this article` }]);
  const sections: Card['sections'] = [];
  section(sections, 'Quotes in this article', card.quotes, (q) => [...lineLink(q), { text: ` “${q.firstWords}”` }]);
  section(sections, 'Demands made', card.demandsMade, (d) => [{ text: `${d.summary} (${statusText(d.status)})` }]);
  section(sections, 'Demands addressed to them', card.demandsAddressed, (d) => [{ text: `${d.summary} (${statusText(d.status)})` }]);
  section(sections, 'Their responses', card.responses, (r) => [
    ...lineLink(r),
    { text: ` ${r.stance ?? 'responds'} on “${r.demand?.summary ?? r.annotation.demand ?? '?'}”: “${r.firstWords}”` },
  ]);
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
  const sections: Card['sections'] = [];
  section(sections, 'Stated in', card.spans, (r) => [...lineLink(r), { text: ` “${r.firstWords}”` }]);
  section(sections, 'Responses', card.responses, (r: ResponseRef) => [
    ...lineLink(r),
    { text: ` ${r.speaker?.name ?? r.annotation.speaker ?? 'unknown'} ${r.stance ?? 'responds'}: “${r.firstWords}”` },
  ]);
  return {
    title: [{ strong: 'Demand:' }, { text: ' ' + d.summary }],
    lines,
    sections,
    legend: `Legend: hovered ${hovered}; demand spans are drawn with a ${TYPE_STYLE.demand}, responses with a ${TYPE_STYLE.response}.`,
  };
}

function section<T>(out: Card['sections'], heading: string, items: T[], render: (item: T) => Inline[]): void {
  if (items.length === 0) return;
  out.push({ heading: `${heading} (${items.length})`, items: items.slice(0, MAX_ITEMS).map(render), more: Math.max(0, items.length - MAX_ITEMS) });
}

function lineLink(ref: SpanRef): Inline[] {
  const n = ref.line + 1;
  return [{ link: `line ${n}`, offset: ref.annotation.start, title: `Go to line ${n}` }];
}

function names(speakers: Speaker[]): string {
  return speakers.map((s) => s.name).join(', ');
}

export function statusText(status: string | undefined): string {
  return status ? status.replace(/-/g, ' ') : 'no status';
}

/** Plain text of a card, as a person reads it (for tests, logs and plain-text exports). */
export function cardToPlainText(card: Card): string {
  const inline = (parts: Inline[]) => parts.map((p) => ('text' in p ? p.text : 'strong' in p ? p.strong : p.link)).join('');
  const out = [inline(card.title), ...card.lines.map(inline)];
  for (const s of card.sections) {
    out.push(s.heading + ':', ...s.items.map((i) => '- ' + inline(i)));
    if (s.more) out.push(`- … and ${s.more} more`);
  }
  out.push(card.legend);
  return out.join('\n');
}
