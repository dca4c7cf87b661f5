// brat standoff export: per article a `.txt` (the article, byte for byte) and a `.ann`.
// Files: `story.txt` gives `story.ann` + `story.txt` (the article itself, unchanged);
// any other name keeps its extension, so `story.md` gives `story.md.ann` + `story.md.txt`
// and never overwrites a neighbouring `story.txt`.
//
// Offsets are code points of the text as brat reads it: brat opens files with Python's
// universal newlines, so a CRLF counts as one character (see LineEndView). A span that
// crosses a line break is written as fragments split at the break, as brat's own editor does
// (brat's text field must match the span and cannot hold a line break); a span that starts or
// ends on a line break gets an empty fragment there, so its exact ends survive a round trip.
//
// Mapping (importBrat reads all of it back):
//   mention  -> T Source      quote -> T Quote      demand -> T Demand      response -> T Response
//   speaker  -> N Reference Tn speaker:<id>   with the speaker's name as the text
//   demand   -> N Reference Tn demand:<id>    with the demand's summary as the text
//   stance   -> A Stance Tn <stance>          (responses)
//   status   -> A Status Tn <status>          (every span of a demand that has a status)
//   origin   -> A Suggested Tn                (binary; only origin: suggested)
//   note     -> #n AnnotatorNotes Tn <note>   (line breaks as spaces)
//   R SaidBy Arg1:<quote or response> Arg2:<nearest Source of the same speaker>
//   R Responds Arg1:<response> Arg2:<nearest Demand span of the same demand>
// Ids in N lines have whitespace and % percent-encoded (brat splits fields at spaces).
// Not carried: annotation ids (T1… in text order), a speaker's kind/role/aliases/members, a
// demand's by/to/note, orphans (brat has no span-less annotation; the caller has them in
// ArticleInput.orphans to report). Use W3C JSON-LD for a lossless exchange.
import { Annotation } from '../model';
import { LineEndView } from './common';
import { ArticleInput, Exporter } from './types';

export const BRAT_TYPES = { mention: 'Source', quote: 'Quote', demand: 'Demand', response: 'Response' } as const;
export const BRAT_SAID_BY = 'SaidBy';
export const BRAT_RESPONDS = 'Responds';
export const BRAT_STANCE = 'Stance';
export const BRAT_STATUS = 'Status';
export const BRAT_SUGGESTED = 'Suggested';
export const BRAT_REFERENCE = 'Reference';
export const BRAT_SPEAKER_DB = 'speaker';
export const BRAT_DEMAND_DB = 'demand';

/** An annotation.conf that lets brat show and edit the export (write it beside the files). */
export const BRAT_ANNOTATION_CONF = `# brat configuration for Attribution Lens exports
[entities]
Source
Quote
Demand
Response

[relations]
${BRAT_SAID_BY}\tArg1:Quote|Response, Arg2:Source
${BRAT_RESPONDS}\tArg1:Response, Arg2:Demand
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
${BRAT_STANCE}\tArg:Response, Value:agrees|partly-agrees|defers|rejects|disputes
${BRAT_STATUS}\tArg:Demand, Value:open|agreed|partly-agreed|not-agreed|deferred
${BRAT_SUGGESTED}\tArg:<ENTITY>
`;

/** Characters Python may end a line at when brat reads a .ann (str.splitlines), CR aside: never in a text field. */
export const BRAT_LINE_BREAK = /[\n\v\f\x1c-\x1e\x85\u2028\u2029]/;

export const exportBrat: Exporter = (articles) => {
  // Two articles with one brat name (a.txt and a) both keep their full names; numbered if even that clashes.
  const short = articles.map((a) => a.path.replace(/\.txt$/i, ''));
  const count = new Map<string, number>();
  for (const b of short) count.set(b.toLowerCase(), (count.get(b.toLowerCase()) ?? 0) + 1);
  const used = new Set<string>();
  return articles.flatMap((article, i) => {
    let base = count.get(short[i].toLowerCase())! > 1 ? article.path : short[i];
    for (let n = 2; used.has(base.toLowerCase()); n++) base = `${article.path}-${n}`;
    used.add(base.toLowerCase());
    return [
      { path: `${base}.ann`, content: bratAnn(article) },
      { path: `${base}.txt`, content: article.text },
    ];
  });
};

/** The .ann text of one article. */
export function bratAnn(article: ArticleInput): string {
  const { sidecar } = article;
  const view = new LineEndView(article.text);
  const lines: string[] = [];
  const relations: string[] = [];
  const counters = { N: 0, A: 0, R: 0, '#': 0 };
  const next = (kind: keyof typeof counters) => `${kind}${++counters[kind]}`;
  const tid = new Map<Annotation, string>();
  article.placed.forEach((a, i) => tid.set(a, `T${i + 1}`));

  for (const a of article.placed) {
    const t = tid.get(a)!;
    const fragments = bratFragments(view, a.start, a.end);
    const spans = fragments.map(([s, e]) => `${view.converter.toCodePoint(s)} ${view.converter.toCodePoint(e)}`).join(';');
    const text = fragments.map(([s, e]) => view.normalized.slice(s, e)).join(' ');
    lines.push(`${t}\t${BRAT_TYPES[a.type]} ${spans}\t${text}`);
    if (a.speaker !== undefined) {
      lines.push(`${next('N')}\t${BRAT_REFERENCE} ${t} ${BRAT_SPEAKER_DB}:${encodeId(a.speaker)}\t${oneLine(sidecar.speakers.get(a.speaker)?.name ?? a.speaker)}`);
    }
    if (a.demand !== undefined) {
      lines.push(`${next('N')}\t${BRAT_REFERENCE} ${t} ${BRAT_DEMAND_DB}:${encodeId(a.demand)}\t${oneLine(sidecar.demands.get(a.demand)?.summary ?? a.demand)}`);
    }
    if (a.stance) lines.push(`${next('A')}\t${BRAT_STANCE} ${t} ${a.stance}`);
    const status = a.type === 'demand' && a.demand !== undefined ? sidecar.demands.get(a.demand)?.status : undefined;
    if (status) lines.push(`${next('A')}\t${BRAT_STATUS} ${t} ${status}`);
    if (a.origin === 'suggested') lines.push(`${next('A')}\t${BRAT_SUGGESTED} ${t}`);
    if (a.note) lines.push(`${next('#')}\tAnnotatorNotes ${t}\t${oneLine(a.note)}`);
  }

  const mentions = article.placed.filter((a) => a.type === 'mention');
  const demandSpans = article.placed.filter((a) => a.type === 'demand');
  for (const a of article.placed) {
    if (a.type === 'quote' || a.type === 'response') {
      const m = nearest(a, mentions.filter((x) => x.speaker === a.speaker));
      if (m) relations.push(`${next('R')}\t${BRAT_SAID_BY} Arg1:${tid.get(a)} Arg2:${tid.get(m)}`);
    }
    if (a.type === 'response') {
      const d = nearest(a, demandSpans.filter((x) => x.demand === a.demand));
      if (d) relations.push(`${next('R')}\t${BRAT_RESPONDS} Arg1:${tid.get(a)} Arg2:${tid.get(d)}`);
    }
  }
  const all = [...lines, ...relations];
  return all.length ? all.join('\n') + '\n' : '';
}

/**
 * The brat fragments of [start, end) (UTF-16 of the original text) as [start, end) in the
 * normalized view: split at line breaks, which no fragment holds; empty fragments only at
 * the very start or end, where the span itself starts or ends with a line break.
 */
export function bratFragments(view: LineEndView, start: number, end: number): [number, number][] {
  const s = view.toNormalized(start);
  const e = view.toNormalized(end);
  const text = view.normalized;
  const pieces: [number, number][] = [];
  let from = s;
  for (let i = s; i < e; i++) {
    if (BRAT_LINE_BREAK.test(text[i])) {
      pieces.push([from, i]);
      from = i + 1;
    }
  }
  pieces.push([from, e]);
  return pieces.filter(([a, b], k) => a < b || k === 0 || k === pieces.length - 1);
}

/** The candidate closest to `a` (by the gap between the spans; the earlier one on a tie). */
function nearest(a: Annotation, candidates: Annotation[]): Annotation | undefined {
  let best: Annotation | undefined;
  let bestGap = Infinity;
  for (const c of candidates) {
    const gap = Math.max(0, c.start - a.end, a.start - c.end);
    if (gap < bestGap) {
      best = c;
      bestGap = gap;
    }
  }
  return best;
}

export function encodeId(id: string): string {
  return id.replace(/[\s%]/gu, (c) => encodeURIComponent(c));
}

export function decodeId(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+\s*/g, ' ');
}
