// From labels to chunks and from chunks to attributions. Chunks follow the reading CofeNet's
// evaluation uses (exe/eval/extraction.py): a chunk opens at B-x and runs over I-x; any other
// label ends it, and an I-x that does not continue an open x chunk is dropped.
import { Kind, KINDS } from './features';
import { TokenizedText } from './tokenize';

/** Tokens [first, end) of one kind. */
export interface Chunk {
  kind: Kind;
  first: number;
  end: number;
}

/** Chunks of labels[from, to), with token indices offset by `from`'s position in the text (`base`). */
export function chunksOf(labels: ArrayLike<number>, from = 0, to = labels.length): Chunk[] {
  const out: Chunk[] = [];
  let open: Chunk | undefined;
  for (let i = from; i < to; i++) {
    const y = labels[i];
    if (y !== 0 && y % 2 === 1) {
      if (open) out.push(open);
      open = { kind: KINDS[(y - 1) / 2], first: i, end: i + 1 };
    } else if (y !== 0 && open && open.kind === KINDS[(y - 2) / 2]) {
      open.end = i + 1;
    } else {
      if (open) out.push(open);
      open = undefined;
    }
  }
  if (open) out.push(open);
  return out;
}

/** An attribution: a cue with the source and content chunks linked to it (any may be missing but not all). */
export interface LinkedAttribution {
  cue?: Chunk;
  source?: Chunk;
  /** Content fragments, in text order: a quote the cue interrupts is one content in two parts. */
  content: Chunk[];
}

/**
 * Links each source and content chunk to a cue: the nearest one in its sentence, else in its
 * paragraph, else (for content only) the last cue of the previous paragraph, a floating quote
 * continuing the speaker before it. Sources prefer the cue after them (they precede it in ~89 %
 * of PolNeAR's attributions). Chunks no cue claims stand alone.
 */
export function linkChunks(tt: TokenizedText, sentence: Uint32Array, chunks: Chunk[]): LinkedAttribution[] {
  const paragraphOf = new Uint32Array(tt.tokens.length);
  tt.paragraphs.forEach((p, k) => paragraphOf.fill(k, p.first, p.end));
  const { cues, byParagraph } = cuesByParagraph(chunks, paragraphOf);
  const atts: LinkedAttribution[] = cues.map((cue) => ({ cue, content: [] }));
  const alone: LinkedAttribution[] = [];
  const nearest = (c: Chunk, sourceSide: boolean): number => {
    let best = -1;
    let bestCost = Infinity;
    // Only the cues nearest on either side can win: a paragraph of thousands of cues stays linear.
    const list = byParagraph.get(paragraphOf[c.first]) ?? [];
    const at = countBelow(list, (k) => cues[k].first < c.first);
    for (const k of list.slice(Math.max(0, at - NEAREST), at + NEAREST)) {
      const cue = cues[k];
      const sameSentence = sentence[cue.first] === sentence[c.first] || sentence[cue.end - 1] === sentence[c.end - 1];
      const after = cue.first >= c.end;
      const gap = after ? cue.first - c.end : c.first - cue.end;
      let cost = Math.max(gap, 0) + (sameSentence ? 0 : 1000);
      if (sourceSide && !after) cost += 3;
      if (sourceSide && atts[k].source) cost += 500;
      if (cost < bestCost) [best, bestCost] = [k, cost];
    }
    return best;
  };
  for (const c of chunks) {
    if (c.kind === 'cue') continue;
    let k = nearest(c, c.kind === 'source');
    if (k < 0 && c.kind === 'content') {
      const before = byParagraph.get(paragraphOf[c.first] - 1);
      if (before) k = before[before.length - 1];
    }
    if (k < 0) alone.push(c.kind === 'source' ? { source: c, content: [] } : { content: [c] });
    else if (c.kind === 'source') {
      if (atts[k].source) alone.push({ source: c, content: [] });
      else atts[k].source = c;
    } else atts[k].content.push(c);
  }
  return [...atts, ...alone];
}

/** The cue chunks, and the indices (into them) of each paragraph's cues in text order. */
export function cuesByParagraph(chunks: readonly Chunk[], paragraphOf: Uint32Array): { cues: Chunk[]; byParagraph: Map<number, number[]> } {
  const cues = chunks.filter((c) => c.kind === 'cue');
  const byParagraph = new Map<number, number[]>();
  cues.forEach((cue, k) => {
    const p = paragraphOf[cue.first];
    const list = byParagraph.get(p);
    if (list) list.push(k);
    else byParagraph.set(p, [k]);
  });
  return { cues, byParagraph };
}

/** How many cues on each side of a chunk are weighed for it. */
const NEAREST = 4;

/** How many leading items of a list satisfy `below` (which holds for a prefix of it). */
function countBelow(list: readonly number[], below: (item: number) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(list[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
