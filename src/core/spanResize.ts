// New spans for an existing annotation: the selection made into a span, or one word more or
// less at either end. Refusals come back as words for the user, never as an empty span.
import { wholeCharacters } from './anchoring';
import { isWordCharAt, TextSpan, trimSpan, wholeWordAt } from './textBoundaries';

export type SpanEdge = 'start' | 'end';
export type SpanStep = 'grow' | 'shrink';

export type ResizeResult = { span: TextSpan } | { refused: string };

/** The selection as a span: trimmed of surrounding space, whole characters, never empty. */
export function spanFromSelection(text: string, selection: TextSpan): ResizeResult {
  const trimmed = trimSpan(text, Math.max(0, selection.start), Math.min(text.length, selection.end));
  const span = wholeCharacters(text, trimmed);
  if (span.end <= span.start) return { refused: 'the selection is empty (or only white space); select the words the annotation should cover' };
  return { span };
}

/**
 * One word more or less at one end of `span`. Growing takes in the next word (and what lies
 * between, such as punctuation or a closing quote mark); shrinking drops the outermost word
 * and what follows or precedes it. A span of one word does not shrink.
 */
export function stepSpan(text: string, span: TextSpan, edge: SpanEdge, step: SpanStep): ResizeResult {
  const { start, end } = span;
  let next: TextSpan | undefined;
  if (step === 'grow' && edge === 'end') {
    const e = nextWordEnd(text, end);
    if (e === undefined) return { refused: 'there is no word after the annotation to take in' };
    next = { start, end: e };
  } else if (step === 'grow') {
    const s = previousWordStart(text, start);
    if (s === undefined) return { refused: 'there is no word before the annotation to take in' };
    next = { start: s, end };
  } else if (edge === 'end') {
    const last = previousWordStart(text, end);
    let e = last ?? start;
    while (e > start && !isWordCharAt(text, e - 1)) e--;
    next = { start, end: e };
  } else {
    const first = nextWordEnd(text, start);
    let s = first ?? end;
    while (s < end && !isWordCharAt(text, s)) s++;
    next = { start: s, end };
  }
  const whole = wholeCharacters(text, next);
  if (whole.end <= whole.start) return { refused: 'the annotation is down to one word; it cannot shrink further (delete it instead)' };
  return { span: whole };
}

/** The end of the first word that ends after `from`: the rest of a word `from` is inside, or the next one. */
export function nextWordEnd(text: string, from: number): number | undefined {
  let i = Math.max(0, from);
  while (i < text.length && !isWordCharAt(text, i)) i++;
  return i < text.length ? wholeWordAt(text, i).end : undefined;
}

/** The start of the last word that starts before `from`. */
export function previousWordStart(text: string, from: number): number | undefined {
  let i = Math.min(text.length, from) - 1;
  while (i >= 0 && !isWordCharAt(text, i)) i--;
  return i >= 0 ? wholeWordAt(text, i).start : undefined;
}
