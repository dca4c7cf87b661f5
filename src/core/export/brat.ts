// brat standoff export: per article a `.txt` (the article, byte for byte) and a `.ann`, and
// per output folder an `annotation.conf` and a `visual.conf` declaring what the .ann uses
// (without them brat falls back to its default configuration and calls every span an
// unknown type). Files: `story.txt` gives `story.ann` + `story.txt` (the article itself,
// unchanged); any other name keeps its extension, so `story.md` gives `story.md.ann` +
// `story.md.txt` and never overwrites a neighbouring `story.txt`.
//
// Offsets are code points of the .txt as brat reads it, CRs included: brat's open_textfile asks
// for universal newlines ('rU') but through codecs.open, which reads binary on Python 2.7 and 3,
// so a CRLF is two characters to brat (server/src/annotation.py). brat reads the .ann with
// str.splitlines, which ends a line at CR, LF and the other Unicode line breaks, so a text field
// holds none of them: a span that crosses one is written as fragments split there, as brat's
// own editor does; a span that starts or ends on one gets an empty fragment there, so its exact
// ends survive a round trip.
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
import { OffsetConverter } from '../text';
import { ArticleInput, ExportFile, Exporter } from './types';

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

/** Labels and colours for brat's display (optional for brat, but the spans read better). */
export const BRAT_VISUAL_CONF = `# brat display settings for Attribution Lens exports
[labels]
Source | Source | Src
Quote | Quote | Q
Demand | Demand | Dem
Response | Response | Resp
${BRAT_SAID_BY} | said by
${BRAT_RESPONDS} | responds to

[drawing]
SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken
ARC_DEFAULT\tcolor:black, arrowHead:triangle-5
ATTRIBUTE_DEFAULT\tglyph:*
Source\tbgColor:#8fb2ff
Quote\tbgColor:#ffe08a
Demand\tbgColor:#ffa8a8
Response\tbgColor:#a8e6b8
${BRAT_SAID_BY}\tcolor:#3060c0
${BRAT_RESPONDS}\tcolor:#c03030, dashArray:3-3
${BRAT_SUGGESTED}\tglyph:?
`;

export const BRAT_CONF_FILES = { 'annotation.conf': BRAT_ANNOTATION_CONF, 'visual.conf': BRAT_VISUAL_CONF } as const;

/** Where Python ends a line when brat reads a .ann (str.splitlines): never inside a text field. */
export const BRAT_LINE_BREAK = /[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]/;

export const exportBrat: Exporter = (articles) => {
  // Two articles with one brat name (a.txt and a) both keep their full names; numbered if even that clashes.
  const short = articles.map((a) => a.path.replace(/\.txt$/i, ''));
  const count = new Map<string, number>();
  for (const b of short) count.set(b.toLowerCase(), (count.get(b.toLowerCase()) ?? 0) + 1);
  const used = new Set<string>();
  const folders = new Set<string>();
  const files: ExportFile[] = articles.flatMap((article, i) => {
    let base = count.get(short[i].toLowerCase())! > 1 ? article.path : short[i];
    for (let n = 2; used.has(base.toLowerCase()); n++) base = `${article.path}-${n}`;
    used.add(base.toLowerCase());
    folders.add(base.includes('/') ? base.slice(0, base.lastIndexOf('/') + 1) : '');
    return [
      { path: `${base}.ann`, content: bratAnn(article) },
      { path: `${base}.txt`, content: article.text },
    ];
  });
  // brat looks for its configuration in the document's folder first: one set in each folder keeps any of them openable as a collection.
  for (const folder of folders) {
    for (const [name, content] of Object.entries(BRAT_CONF_FILES)) files.push({ path: `${folder}${name}`, content, keepExisting: true });
  }
  return files;
};

/** The .ann text of one article. */
export function bratAnn(article: ArticleInput): string {
  const { sidecar } = article;
  const cp = new OffsetConverter(article.text);
  const lines: string[] = [];
  const relations: string[] = [];
  const counters = { N: 0, A: 0, R: 0, '#': 0 };
  const next = (kind: keyof typeof counters) => `${kind}${++counters[kind]}`;
  const tid = new Map<Annotation, string>();
  article.placed.forEach((a, i) => tid.set(a, `T${i + 1}`));

  for (const a of article.placed) {
    const t = tid.get(a)!;
    const fragments = bratFragments(article.text, a.start, a.end);
    const spans = fragments.map(([s, e]) => `${cp.toCodePoint(s)} ${cp.toCodePoint(e)}`).join(';');
    const text = fragments.map(([s, e]) => article.text.slice(s, e)).join(' ');
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
 * The brat fragments of [start, end) (UTF-16): split at line breaks (each CR and LF of a CRLF
 * too), which no fragment holds; empty fragments only at the very start or end, where the span
 * itself starts or ends with a line break.
 */
export function bratFragments(text: string, start: number, end: number): [number, number][] {
  const pieces: [number, number][] = [];
  let from = start;
  for (let i = start; i < end; i++) {
    if (BRAT_LINE_BREAK.test(text[i])) {
      pieces.push([from, i]);
      from = i + 1;
    }
  }
  pieces.push([from, end]);
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

/** An id as one brat field: no whitespace (brat splits at it) and no line break Python sees. */
export function encodeId(id: string): string {
  return id.replace(/[\s%\x1c-\x1e\x85]/gu, (c) => encodeURIComponent(c));
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
