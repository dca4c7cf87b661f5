// Which annotations the Go to Annotation picker lists, and in which groups: by type (quotes,
// demands and responses before the many mentions), in text order within each, narrowed to
// one type or one speaker when the user asks.
import { Annotation, AnnotationType, Demand } from './model';

export interface AnnotationFilter {
  type?: AnnotationType;
  /** A speaker's id: their mentions, quotes and responses, and the demands they make. */
  speaker?: string;
}

/** The picker's groups, the ones a reader jumps to first at the top. */
export const GROUP_ORDER: readonly AnnotationType[] = ['quote', 'demand', 'response', 'mention'];

export const GROUP_TITLE: Record<AnnotationType, string> = { quote: 'Quotes', demand: 'Demands', response: 'Responses', mention: 'Mentions' };

/** Whether `a` is one of the speaker's: theirs, or a demand they make. */
export function bySpeaker(a: Annotation, speaker: string, demands: ReadonlyMap<string, Demand>): boolean {
  if (a.type === 'demand') return a.speaker === speaker || (demands.get(a.demand ?? '')?.by.includes(speaker) ?? false);
  return a.speaker === speaker;
}

export function matchesFilter(a: Annotation, f: AnnotationFilter, demands: ReadonlyMap<string, Demand>): boolean {
  return (f.type === undefined || a.type === f.type) && (f.speaker === undefined || bySpeaker(a, f.speaker, demands));
}

/** The annotations that pass `f`, grouped in GROUP_ORDER, each group in the order given (text order); empty groups left out. */
export function groupAnnotations(annotations: readonly Annotation[], f: AnnotationFilter, demands: ReadonlyMap<string, Demand>): { type: AnnotationType; annotations: Annotation[] }[] {
  const kept = annotations.filter((a) => matchesFilter(a, f, demands));
  return GROUP_ORDER.map((type) => ({ type, annotations: kept.filter((a) => a.type === type) })).filter((g) => g.annotations.length > 0);
}

/** How many annotations of each type, and of each speaker, the picker could narrow to. */
export function filterCounts(annotations: readonly Annotation[], demands: ReadonlyMap<string, Demand>): { types: Map<AnnotationType, number>; speakers: Map<string, number> } {
  const types = new Map<AnnotationType, number>();
  const speakers = new Map<string, number>();
  for (const a of annotations) {
    types.set(a.type, (types.get(a.type) ?? 0) + 1);
    const who = new Set(a.type === 'demand' ? [...(a.speaker ? [a.speaker] : []), ...(demands.get(a.demand ?? '')?.by ?? [])] : a.speaker ? [a.speaker] : []);
    for (const s of who) speakers.set(s, (speakers.get(s) ?? 0) + 1);
  }
  return { types, speakers };
}
