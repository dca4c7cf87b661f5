// suggestForArticle is synchronous: on a long article it would hold the editor's extension host
// for a second or more. This runs it paragraph-aligned piece by piece, giving the caller a chance
// to yield, report progress and cancel between pieces. An article of one piece (nearly every news
// article) gets exactly what suggestForArticle gives, so the editor and the CLI agree on it;
// longer ones differ at most where a piece starts (the engine sees no paragraph before it).
// Speakers found in earlier pieces are handed to later ones as existing, so they are reused by
// name, and the sidecar's annotations and rejected entries go to the piece they fall in.
import { anchorContext } from '../anchoring';
import { Sidecar } from '../model';
import { AttributionModel } from './modelFile';
import { suggestForArticle, Suggestion, suggestionKey, SuggestionSet } from './suggestions';

/** About a tenth of a second of engine time per piece at its ~1 MB/s. */
export const PIECE_CHARS = 128 * 1024;

export interface StepControl {
  /** Called between pieces: yield to the event loop here. Resolving with false cancels the run. */
  between(done: number, total: number): Promise<boolean>;
}

/** The suggestions for `text`, or undefined when the run was cancelled. */
export async function suggestInSteps(model: AttributionModel, text: string, existing: Sidecar | undefined, control: StepControl, pieceChars = PIECE_CHARS): Promise<SuggestionSet | undefined> {
  const pieces = piecesOf(text, pieceChars);
  if (!(await control.between(0, text.length))) return undefined;
  if (pieces.length === 1) return suggestForArticle(model, text, existing);
  const speakers = new Map(existing?.speakers);
  const demands = new Map(existing?.demands);
  const out: SuggestionSet = { speakers: [], demands: [], suggestions: [] };
  for (const [from, to] of pieces) {
    const inPiece = <T extends { start: number; end: number }>(spans: readonly T[] | undefined) =>
      (spans ?? []).filter((a) => a.start >= from && a.end <= to).map((a) => ({ ...a, start: a.start - from, end: a.end - from }));
    const base: Sidecar = existing ?? { version: 1, document: { offsets: 'utf16' }, speakers: new Map(), demands: new Map(), annotations: [] };
    const set = suggestForArticle(model, text.slice(from, to), { ...base, speakers, demands, annotations: inPiece(base.annotations), rejected: inPiece(base.rejected) });
    for (const s of set.speakers) speakers.set(s.id, s);
    for (const d of set.demands) demands.set(d.id, d);
    out.speakers.push(...set.speakers);
    out.demands.push(...set.demands);
    out.suggestions.push(...set.suggestions.map((s) => shifted(s, from, text)));
    if (!(await control.between(to, text.length))) return undefined;
  }
  return out;
}

/** [from, to) pieces of at most about `size` characters, each ending after a line break when there is one. */
export function piecesOf(text: string, size: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  while (text.length - from > size) {
    const limit = from + size;
    const blank = text.lastIndexOf('\n\n', limit);
    const line = text.lastIndexOf('\n', limit);
    const cut = blank > from + size / 2 ? blank + 2 : line > from ? line + 1 : limit;
    out.push([from, cut]);
    from = cut;
  }
  out.push([from, text.length]);
  return out;
}

function shifted(s: Suggestion, by: number, text: string): Suggestion {
  const start = s.annotation.start + by;
  const end = s.annotation.end + by;
  const annotation = { ...s.annotation, start, end, ...anchorContext(text, start, end) };
  return { ...s, key: suggestionKey(annotation), annotation };
}
