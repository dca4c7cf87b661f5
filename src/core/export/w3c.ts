// W3C Web Annotation export (JSON-LD, https://www.w3.org/TR/annotation-model/): per article
// `<path>.jsonld`, an AnnotationCollection whose first page holds one Annotation per
// annotation. Each targets a SpecificResource on the article with a TextQuoteSelector (exact,
// and prefix/suffix of up to 32 UTF-16 units, as the sidecar keeps them) and a
// TextPositionSelector in code points (the model's unit). An orphan has only the
// TextQuoteSelector of the text it had, and says why in `orphan`.
//
// Identity: the model wants absolute IRIs. The article's IRI is `options.baseIri` plus its path
// when given (for exports that are published), else its `file:` URI (which shows the local
// path), else `urn:attribution-lens:article:<path>` (valid, but names no place). The
// collection, its page, each annotation and its Attribution body are fragments of it
// (`#annotations`, `#page1`, `#annotation-<id>`, `#annotation-<id>/attribution`): the same
// input gives the same file, and the sidecar's annotation ids come back on import.
//
// The body is ours: type Attribution, with annotationType (mention|quote|demand|response),
// the speaker and demand as embedded resources (ids urn:attribution-lens:speaker:<id> and
// …:demand:<id>, since speakers and demands are shared across a workspace), stance and
// origin; a note is a second, standard TextualBody with purpose "commenting". The collection
// also lists every speaker and demand, so ones without annotations survive an import.
// Our terms live in an inline context under https://attribution-lens.example/ns# after the
// standard anno.jsonld context and never redefine one of its terms (a speaker's `name` is
// foaf:name); nothing is ever fetched (importW3c reads the compact form).
import { anchorContext } from '../anchoring';
import { Annotation, Demand, Sidecar, Speaker } from '../model';
import { OffsetConverter } from '../text';
import { ArticleInput, Exporter, ExportOptions } from './types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const AL_NAMESPACE = 'https://attribution-lens.example/ns#';
export const SPEAKER_IRI = 'urn:attribution-lens:speaker:';
export const DEMAND_IRI = 'urn:attribution-lens:demand:';
export const ARTICLE_IRI = 'urn:attribution-lens:article:';
/** The fragment an annotation's IRI ends in, before its sidecar id. */
export const ANNOTATION_FRAGMENT = '#annotation-';

export const AL_CONTEXT = {
  al: AL_NAMESPACE,
  Attribution: 'al:Attribution',
  Speaker: 'al:Speaker',
  Demand: 'al:Demand',
  annotationType: 'al:annotationType',
  speaker: { '@id': 'al:speaker', '@type': '@id' },
  demand: { '@id': 'al:demand', '@type': '@id' },
  speakers: { '@id': 'al:speakers', '@type': '@id', '@container': '@set' },
  demands: { '@id': 'al:demands', '@type': '@id', '@container': '@set' },
  stance: 'al:stance',
  status: 'al:status',
  origin: 'al:origin',
  orphan: 'al:orphan',
  kind: 'al:kind',
  role: 'al:role',
  aliases: { '@id': 'al:alias', '@container': '@set' },
  members: { '@id': 'al:member', '@type': '@id', '@container': '@set' },
  summary: 'al:summary',
  by: { '@id': 'al:by', '@type': '@id', '@container': '@set' },
  to: { '@id': 'al:to', '@type': '@id', '@container': '@set' },
  note: 'al:note',
} as const;

export const exportW3c: Exporter = (articles, options) =>
  articles.map((article) => ({ path: `${article.path}.jsonld`, content: JSON.stringify(w3cCollection(article, options), null, 2) + '\n' }));

/** The article's absolute IRI: see the head of this file. */
export function articleIri(article: ArticleInput, options: ExportOptions = {}): string {
  const path = article.path.split('/').map(encodeURIComponent).join('/');
  if (options.baseIri === undefined) return article.uri ?? ARTICLE_IRI + path;
  let base: URL;
  try {
    // URL also percent-encodes what a URI may not hold (spaces, non-ASCII), as the suite's "uri" format wants.
    base = new URL(options.baseIri);
  } catch {
    throw new Error(`the base IRI "${options.baseIri}" is not an absolute IRI (one such as https://news.example/articles/)`);
  }
  if (options.baseIri.includes('#')) throw new Error(`the base IRI "${options.baseIri}" has a fragment (#…); the export adds its own`);
  return base.href.endsWith('/') ? base.href + path : `${base.href}/${path}`;
}

export function w3cCollection(article: ArticleInput, options: ExportOptions = {}): Record<string, unknown> {
  const { sidecar, text } = article;
  const converter = new OffsetConverter(text);
  const source = articleIri(article, options);
  const items = [
    ...article.placed.map((a) => {
      const { prefix, suffix } = anchorContext(text, a.start, a.end);
      return annotation(sidecar, a, source, {
        type: 'SpecificResource',
        source,
        selector: [
          { type: 'TextQuoteSelector', exact: text.slice(a.start, a.end), prefix, suffix },
          { type: 'TextPositionSelector', start: converter.toCodePoint(a.start), end: converter.toCodePoint(a.end) },
        ],
      });
    }),
    ...article.orphans.map(({ annotation: a, reason }) => ({
      ...annotation(sidecar, a, source, {
        type: 'SpecificResource',
        source,
        selector: { type: 'TextQuoteSelector', exact: a.text ?? '', prefix: a.prefix ?? '', suffix: a.suffix ?? '' },
      }),
      orphan: reason,
    })),
  ];
  return {
    '@context': [ANNO_CONTEXT, AL_CONTEXT],
    id: `${source}#annotations`,
    type: 'AnnotationCollection',
    label: `Attribution Lens annotations of ${article.path}`,
    total: items.length,
    speakers: [...sidecar.speakers.values()].map(speakerResource),
    demands: [...sidecar.demands.values()].map(demandResource),
    first: { id: `${source}#page1`, type: 'AnnotationPage', items },
  };
}

function annotation(sidecar: Sidecar, a: Annotation, article: string, target: Record<string, unknown>): Record<string, unknown> {
  const id = article + ANNOTATION_FRAGMENT + encodeURIComponent(a.id);
  const speaker = a.speaker === undefined ? undefined : sidecar.speakers.get(a.speaker);
  const demand = a.demand === undefined ? undefined : sidecar.demands.get(a.demand);
  const body: Record<string, unknown>[] = [
    {
      // The model wants every body to have an id or a value; ours is data, so an id.
      id: `${id}/attribution`,
      type: 'Attribution',
      annotationType: a.type,
      // Enough of each entity to read the annotation alone; the collection has them in full.
      speaker: a.speaker === undefined ? undefined : { id: SPEAKER_IRI + encodeURIComponent(a.speaker), type: 'Speaker', name: speaker?.name, kind: speaker?.kind },
      demand: a.demand === undefined ? undefined : { id: DEMAND_IRI + encodeURIComponent(a.demand), type: 'Demand', summary: demand?.summary, status: demand?.status },
      stance: a.stance,
      origin: a.origin,
    },
  ];
  if (a.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
  return {
    id,
    type: 'Annotation',
    motivation: a.type === 'mention' ? 'identifying' : 'classifying',
    body,
    target,
  };
}

function speakerResource(s: Speaker): Record<string, unknown> {
  return {
    id: SPEAKER_IRI + encodeURIComponent(s.id),
    type: 'Speaker',
    name: s.name,
    kind: s.kind,
    role: s.role,
    aliases: s.aliases.length ? s.aliases : undefined,
    members: s.members.length ? s.members.map((m) => SPEAKER_IRI + encodeURIComponent(m)) : undefined,
    note: s.note,
  };
}

function demandResource(d: Demand): Record<string, unknown> {
  return {
    id: DEMAND_IRI + encodeURIComponent(d.id),
    type: 'Demand',
    summary: d.summary,
    by: d.by.length ? d.by.map((m) => SPEAKER_IRI + encodeURIComponent(m)) : undefined,
    to: d.to.length ? d.to.map((m) => SPEAKER_IRI + encodeURIComponent(m)) : undefined,
    status: d.status,
    note: d.note,
  };
}
