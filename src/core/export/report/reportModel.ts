// What every section of the HTML report works from: the placed annotations, the speakers and
// demands by index (so no sidecar id ever has to be an attribute, a class or CSS), their
// colours (speakerColors.ts), the data block the page's script reads, and the links ("chips")
// from the tables to the highlights.
import { Annotation, AnnotationType } from '../../model';
import { Positions, speakerNames } from '../common';
import { html, SafeHtml } from '../safeHtml';
import { ArticleInput } from '../types';
import { SpeakerColors, speakerColors } from './speakerColors';

/** What the script reads (report.js has the same shape as JSDoc). */
export interface ReportData {
  speakers: { name: string; kind: string; role?: string; slot: number; missing?: true }[];
  demands: { summary: string; status?: string; by: string; to: string; missing?: true }[];
  annotations: {
    type: AnnotationType;
    start: number;
    end: number;
    line: number;
    speaker?: number;
    demand?: number;
    stance?: string;
    note?: string;
    origin?: string;
  }[];
}

export const TYPE_LABEL: Record<AnnotationType, string> = { mention: 'Mention', quote: 'Quote', demand: 'Demand', response: 'Response' };
export const TYPE_CLASS: Record<AnnotationType, string> = { mention: 'm', quote: 'q', demand: 'd', response: 'r' };

export class ReportModel {
  readonly text: string;
  readonly placed: readonly Annotation[];
  readonly data: ReportData = { speakers: [], demands: [], annotations: [] };
  /** Sidecar ids in index order: data.speakers[n] is speakerIds[n]. */
  readonly speakerIds: string[] = [];
  readonly demandIds: string[] = [];
  /** The speakers' class numbers (`slot` in data.speakers) and this page's style block for those past the themed ten. */
  readonly colors: SpeakerColors;
  /** Per placed annotation: the number of its first highlight segment, -1 if it has none (empty span); set by the highlights. */
  readonly firstSegment: number[];
  private readonly speakerIndex = new Map<string, number>();
  private readonly demandIndex = new Map<string, number>();

  constructor(readonly article: ArticleInput) {
    this.text = article.text;
    this.placed = article.placed;
    this.firstSegment = this.placed.map(() => -1);
    const positions = new Positions(article.text);
    const { sidecar } = article;
    this.colors = speakerColors(sidecar);
    for (const s of sidecar.speakers.values()) {
      this.addSpeaker(s.id, { name: s.name, kind: s.kind, role: s.role, slot: this.colors.slots.get(s.id) ?? 0 });
    }
    for (const d of sidecar.demands.values()) {
      this.addDemand(d.id, { summary: d.summary, status: d.status, by: speakerNames(sidecar, d.by).join(', '), to: speakerNames(sidecar, d.to).join(', ') });
    }
    for (const a of this.placed) {
      this.data.annotations.push({
        type: a.type,
        start: a.start,
        end: a.end,
        line: positions.line(a.start),
        speaker: this.speakerOf(a),
        demand: this.demandOf(a),
        stance: a.stance,
        note: a.note,
        origin: a.origin,
      });
    }
  }

  private addSpeaker(id: string, entry: ReportData['speakers'][number]): number {
    this.speakerIndex.set(id, this.data.speakers.length);
    this.speakerIds.push(id);
    return this.data.speakers.push(entry) - 1;
  }

  private addDemand(id: string, entry: ReportData['demands'][number]): number {
    this.demandIndex.set(id, this.data.demands.length);
    this.demandIds.push(id);
    return this.data.demands.push(entry) - 1;
  }

  /** Index of an annotation's speaker; a speaker the sidecar lacks gets an entry named by its id. */
  private speakerOf(a: Annotation): number | undefined {
    if (a.speaker === undefined) return undefined;
    return this.speakerIndex.get(a.speaker) ?? this.addSpeaker(a.speaker, { name: a.speaker, kind: '', slot: 0, missing: true });
  }

  private demandOf(a: Annotation): number | undefined {
    if (a.demand === undefined) return undefined;
    return this.demandIndex.get(a.demand) ?? this.addDemand(a.demand, { summary: a.demand, by: '', to: '', missing: true });
  }

  slotOf(a: Annotation): number {
    const i = a.speaker === undefined ? undefined : this.speakerIndex.get(a.speaker);
    return i === undefined ? 0 : this.data.speakers[i].slot;
  }

  /** The placed annotations with their indices, those matching `keep`. */
  where(keep: (a: Annotation) => boolean): (readonly [Annotation, number])[] {
    return this.placed.map((a, i) => [a, i] as const).filter(([a]) => keep(a));
  }

  /** A link to an annotation's first highlight: a chip with its line number. */
  chip(i: number): SafeHtml {
    const a = this.placed[i];
    const line = this.data.annotations[i].line;
    const cls = `chip ${TYPE_CLASS[a.type]} s${this.slotOf(a)}`;
    const title = `${TYPE_LABEL[a.type]}, line ${line}`;
    const seg = this.firstSegment[i];
    if (seg < 0) return html`<span class="${cls}" title="${title}">${line}</span>`;
    return html`<a class="${cls}" href="#t${seg}" data-a="${i}" title="${title}" aria-label="${title}">${line}</a>`;
  }
}
