// JSON export: the sidecar model resolved for programs that do not want to join ids
// themselves. Each annotation carries its speaker and demand objects inline (a demand's `by`
// and `to` as {id, name}), its text, and where it is: `start`/`end` are objects with
// `offset` (UTF-16 code units, the sidecar's unit), `codePoint` (code points, what Python
// slices by), and 1-based `line` and `column` (column in UTF-16 units). Orphans are listed
// apart with their reason and the offsets the sidecar stored (which no longer fit the text,
// so no line or column). One article gives `<path>.json` holding one object; several give
// `<name>.json` holding an array of them.
import { Annotation, Demand, Sidecar, Speaker } from '../model';
import { sha256Hex } from '../text';
import { combinedPath, demandOf, Position, Positions, speakerOf } from './common';
import { ArticleInput, Exporter } from './types';

export const JSON_EXPORT_FORMAT = 'attribution-lens/json';
export const JSON_EXPORT_VERSION = 1;

interface SpeakerJson {
  id: string;
  name: string;
  kind: string;
  role?: string;
  aliases: string[];
  members: string[];
  note?: string;
}

interface DemandJson {
  id: string;
  summary: string;
  by: { id: string; name: string }[];
  to: { id: string; name: string }[];
  status?: string;
  note?: string;
}

export interface AnnotationJson {
  id: string;
  type: string;
  /** `{ id }` alone for an id the sidecar does not define. */
  speaker?: SpeakerJson | { id: string };
  demand?: DemandJson | { id: string };
  stance?: string;
  start: Position;
  end: Position;
  text: string;
  note?: string;
  origin?: string;
}

export interface OrphanJson {
  id: string;
  type: string;
  speaker?: SpeakerJson | { id: string };
  demand?: DemandJson | { id: string };
  stance?: string;
  /** Offsets as stored in the sidecar, UTF-16; they do not fit the current text. */
  start: number;
  end: number;
  text?: string;
  prefix?: string;
  suffix?: string;
  note?: string;
  origin?: string;
  reason: string;
}

export interface ArticleJson {
  format: typeof JSON_EXPORT_FORMAT;
  version: number;
  article: string;
  /** SHA-256 of the article text the offsets refer to. */
  sha256: string;
  speakers: SpeakerJson[];
  demands: DemandJson[];
  annotations: AnnotationJson[];
  orphans: OrphanJson[];
}

export const exportJson: Exporter = (articles, options) => {
  const docs = articles.map(articleJson);
  const value = articles.length === 1 ? docs[0] : docs;
  return [{ path: combinedPath(articles, options, 'json'), content: JSON.stringify(value, null, 2) + '\n' }];
};

export function articleJson(article: ArticleInput): ArticleJson {
  const { sidecar, text } = article;
  const positions = new Positions(text);
  return {
    format: JSON_EXPORT_FORMAT,
    version: JSON_EXPORT_VERSION,
    article: article.path,
    sha256: sha256Hex(text),
    speakers: [...sidecar.speakers.values()].map(speakerJson),
    demands: [...sidecar.demands.values()].map((d) => demandJson(sidecar, d)),
    annotations: article.placed.map((a) => ({
      ...links(sidecar, a),
      start: positions.at(a.start),
      end: positions.at(a.end),
      text: text.slice(a.start, a.end),
      note: a.note,
      origin: a.origin,
    })),
    orphans: article.orphans.map(({ annotation: a, reason }) => ({
      ...links(sidecar, a),
      start: a.start,
      end: a.end,
      text: a.text,
      prefix: a.prefix,
      suffix: a.suffix,
      note: a.note,
      origin: a.origin,
      reason,
    })),
  };
}

function links(sidecar: Sidecar, a: Annotation): Pick<AnnotationJson, 'id' | 'type' | 'speaker' | 'demand' | 'stance'> {
  const speaker = speakerOf(sidecar, a);
  const demand = demandOf(sidecar, a);
  return {
    id: a.id,
    type: a.type,
    // An id the sidecar does not define (the workspace speakers file or another sidecar does) is exported by its id alone.
    speaker: speaker ? speakerJson(speaker) : a.speaker !== undefined ? { id: a.speaker } : undefined,
    demand: demand ? demandJson(sidecar, demand) : a.demand !== undefined ? { id: a.demand } : undefined,
    stance: a.stance,
  };
}

function speakerJson(s: Speaker): SpeakerJson {
  return { id: s.id, name: s.name, kind: s.kind, role: s.role, aliases: s.aliases, members: s.members, note: s.note };
}

function demandJson(sidecar: Sidecar, d: Demand): DemandJson {
  const ref = (id: string) => ({ id, name: sidecar.speakers.get(id)?.name ?? id });
  return { id: d.id, summary: d.summary, by: d.by.map(ref), to: d.to.map(ref), status: d.status, note: d.note };
}
