// Pure decisions behind the editing commands: new ids from names, most-recently-used order,
// which annotation the cursor is on, and which one comes next.
import { Annotation, compareAnnotations, compareIds } from './model';

const MAX_ID_LENGTH = 40;

/**
 * An id from a display name: lower case, accents dropped, runs of anything else as one dash,
 * at most 40 characters (cut at a dash), and unique: "-2", "-3"… when `taken` has it.
 * "Jeremy Corbyn" gives "jeremy-corbyn".
 */
export function deriveId(name: string, taken: (id: string) => boolean, fallback = 'item'): string {
  return unique(cutAtDash(slug(name)) || fallback, taken);
}

/** Lower case, accents and apostrophes dropped, runs of anything else as one dash. */
function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

function cutAtDash(base: string): string {
  if (base.length <= MAX_ID_LENGTH) return base;
  const cut = base.slice(0, MAX_ID_LENGTH + 1);
  const dash = cut.lastIndexOf('-');
  return (dash > 0 ? cut.slice(0, dash) : cut.slice(0, MAX_ID_LENGTH)).replace(/-+$/, '');
}

function unique(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/** Words that leave an id reading as cut off when it ends in them ("…-backlog-within"). */
const TRAILING_FUNCTION_WORDS = new Set(
  `a an the and or but nor of to in on at by for from with within without into onto about over under after before
   between through during against among than as if that this these those which who whom whose its their his her
   our your my is are was were be been will would should shall can could may might must not no so`.split(/\s+/),
);

/**
 * The id a picker proposes for a new speaker or demand: deriveId's, but a cut one ends on a
 * word that carries meaning, never on "the", "to" or "within", so it reads as a whole phrase:
 * "Publish the disciplinary backlog within three months" gives "publish-the-disciplinary-backlog".
 */
export function proposeId(name: string, taken: (id: string) => boolean, fallback = 'item'): string {
  let full = slug(name);
  // A leading article is worth less than a word more at the end, when there is no room for both.
  if (full.length > MAX_ID_LENGTH) full = full.replace(/^(?:a|an|the)-/, '');
  const words = cutAtDash(full).split('-');
  while (words.length > 1 && TRAILING_FUNCTION_WORDS.has(words[words.length - 1])) words.pop();
  return unique(words.join('-') || fallback, taken);
}

/** Ids a person may type: a letter or digit first, then letters, digits, dots, dashes, underscores. */
export function idProblem(id: string, taken: (id: string) => boolean): string | undefined {
  if (!id.trim()) return 'The id cannot be empty.';
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(id)) return 'Use letters, digits, dots, dashes and underscores (no spaces), starting with a letter or digit.';
  if (taken(id)) return `"${id}" is already used.`;
  return undefined;
}

/** The MRU list with `id` moved to the front, at most `max` long. */
export function touchMru(list: readonly string[], id: string, max = 50): string[] {
  return [id, ...list.filter((x) => x !== id)].slice(0, max);
}

/** Items in most-recently-used order: those in `mru` first, in its order, then the rest as given. */
export function byMru<T>(items: readonly T[], idOf: (item: T) => string, mru: readonly string[]): T[] {
  const rank = new Map(mru.map((id, i) => [id, i]));
  return items
    .map((item, i) => ({ item, i, r: rank.get(idOf(item)) ?? Infinity }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item);
}

/**
 * The annotations under the cursor, innermost (shortest) first. With a selection, those that
 * contain all of it; with a bare cursor, those it is inside, or else those it is just after
 * (clicking at the end of a span still means that span).
 */
export function annotationsAt(annotations: readonly Annotation[], start: number, end = start): Annotation[] {
  let hits: Annotation[];
  if (end > start) hits = annotations.filter((a) => a.start <= start && end <= a.end);
  else {
    hits = annotations.filter((a) => a.start <= start && start < a.end);
    if (!hits.length) hits = annotations.filter((a) => a.end === start && a.end > a.start);
  }
  return hits.sort((a, b) => a.end - a.start - (b.end - b.start) || b.start - a.start || compareAnnotations(a, b));
}

/**
 * The next (or previous) annotation from the selection [start, end), in the sidecar's order
 * (start, then end, then id). Selecting an annotation and stepping again moves on to the one
 * after it, also among spans that start together. `currentId`, the annotation the selection
 * is known to be on, tells apart spans with the very same range. Wraps around at the ends.
 */
export function stepAnnotation(
  annotations: readonly Annotation[],
  start: number,
  end: number,
  direction: 'next' | 'previous',
  currentId?: string,
): { annotation: Annotation; wrapped: boolean } | undefined {
  if (!annotations.length) return undefined;
  const sorted = [...annotations].sort(compareAnnotations);
  const cmp = (a: Annotation) => a.start - start || a.end - end || (currentId === undefined ? 0 : compareIds(a.id, currentId));
  if (direction === 'next') {
    const next = sorted.find((a) => cmp(a) > 0);
    return next ? { annotation: next, wrapped: false } : { annotation: sorted[0], wrapped: true };
  }
  const previous = sorted.filter((a) => cmp(a) < 0).pop();
  return previous ? { annotation: previous, wrapped: false } : { annotation: sorted[sorted.length - 1], wrapped: true };
}
