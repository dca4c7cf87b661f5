// Which spans are drawn, from the highlight settings: one answer for the decorations and the
// hover, so a hover never describes a highlight that is not there.
import { HighlightSpan } from './articleModel';
import { AnnotationType } from './model';

export interface HighlightFlags extends Record<AnnotationType, boolean> {
  /** Every occurrence of a speaker's name or alias (found, not stored). */
  aliases: boolean;
  /** The master switch: off draws nothing, and keeps the per-type choices for when it is on again. */
  enabled: boolean;
  /** Alias underlines inside a filled quote too (off by default: a quote is already coloured). */
  aliasesInQuotes: boolean;
}

export const ALL_HIGHLIGHTS: HighlightFlags = { mention: true, quote: true, demand: true, response: true, aliases: true, enabled: true, aliasesInQuotes: false };

/** Whether a span of this kind is drawn at all (before the alias-in-quote rule). */
export function typeShown(span: HighlightSpan, flags: HighlightFlags): boolean {
  if (!flags.enabled) return false;
  return span.kind === 'alias' ? flags.aliases : flags[span.annotation.type];
}

/**
 * The spans to draw, in their order. An alias inside a drawn quote is left out unless
 * `aliasesInQuotes`: a dotted line on a filled quote is noise, the fill already says who.
 * O(n log n): quotes by start with the running largest end, a binary search per alias.
 */
export function spansToDraw<T extends HighlightSpan>(spans: readonly T[], flags: HighlightFlags): T[] {
  const shown = spans.filter((s) => typeShown(s, flags));
  if (flags.aliasesInQuotes || !flags.quote) return shown;
  const inQuote = quoteCover(shown);
  return shown.filter((s) => s.kind !== 'alias' || !inQuote(s.start, s.end));
}

/** A test for "is [start, end) inside some quote of these spans". */
export function quoteCover(spans: readonly HighlightSpan[]): (start: number, end: number) => boolean {
  const quotes = spans.filter((s) => s.kind === 'annotation' && s.annotation.type === 'quote').sort((a, b) => a.start - b.start);
  const starts = quotes.map((q) => q.start);
  const maxEnd: number[] = [];
  for (const q of quotes) maxEnd.push(Math.max(q.end, maxEnd[maxEnd.length - 1] ?? -Infinity));
  return (start, end) => {
    // The last quote starting at or before `start`: the largest end up to it decides.
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= start) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && maxEnd[lo - 1] >= end;
  };
}

/** The five kinds of highlight a user switches, in the order menus list them. */
export const HIGHLIGHT_KINDS = ['quote', 'mention', 'aliases', 'demand', 'response'] as const;
export type HighlightKind = (typeof HIGHLIGHT_KINDS)[number];

/** For the status bar: "all", "off", or which kinds are hidden ("quotes, demands hidden"). */
export function highlightSummary(flags: HighlightFlags): { text: string; all: boolean; off: boolean } {
  const hidden = HIGHLIGHT_KINDS.filter((k) => !flags[k]);
  if (!flags.enabled || hidden.length === HIGHLIGHT_KINDS.length) return { text: 'Highlights off', all: false, off: true };
  if (hidden.length === 0) return { text: 'Highlights', all: true, off: false };
  return { text: `Highlights: ${HIGHLIGHT_KINDS.length - hidden.length} of ${HIGHLIGHT_KINDS.length}`, all: false, off: false };
}

export const HIGHLIGHT_NAMES: Record<HighlightKind | 'aliasesInQuotes', string> = {
  quote: 'Quotes',
  mention: 'Mentions',
  aliases: 'Alias underlines',
  demand: 'Demands',
  response: 'Responses',
  aliasesInQuotes: 'Alias underlines inside quotes',
};
