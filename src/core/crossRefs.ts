// The content of hover cards: a speaker's or a demand's links to everything else in the
// article. Built once per model so a hover is a couple of map lookups.
import { Annotation, Demand, Speaker, Stance } from './model';
import { NearIdenticalPair, nearIdenticalPairs } from './nearIdentical';
import { LineMap } from './text';

export interface SpanRef {
  annotation: Annotation;
  /** 0-based line of the span's start. */
  line: number;
  /** The span's opening words, for a one-line summary. */
  firstWords: string;
}

export interface ResponseRef extends SpanRef {
  speaker?: Speaker;
  demand?: Demand;
  stance?: Stance;
}

/** A demand, and the first span stating it (where a link to the demand goes). */
export interface DemandRef {
  demand: Demand;
  stated?: SpanRef;
}

/** Another span nearly identical to the one hovered (core/nearIdentical.ts). */
export interface NearRef extends SpanRef {
  overlap: number;
  sameLinks: boolean;
}

/** Which annotation a span is: what a hover says before the speaker's or the demand's card. */
export interface AnnotationInfo extends SpanRef {
  speaker?: Speaker;
  demand?: DemandRef;
  nearIdentical: NearRef[];
}

export interface SpeakerCard {
  speaker: Speaker;
  /** Groups this speaker is a member of. */
  groups: Speaker[];
  /** For groups: their members. */
  members: Speaker[];
  mentions: number;
  quotes: SpanRef[];
  demandsMade: DemandRef[];
  demandsAddressed: DemandRef[];
  responses: ResponseRef[];
}

export interface DemandCard {
  demand: Demand;
  by: Speaker[];
  to: Speaker[];
  spans: SpanRef[];
  responses: ResponseRef[];
}

export class CrossRefs {
  private readonly bySpeaker = new Map<string, Annotation[]>();
  private readonly byDemand = new Map<string, Annotation[]>();
  private readonly groupsOf = new Map<string, Speaker[]>();
  // The model is immutable, so each card is built once, on its first hover: a speaker with
  // thousands of quotes costs O(k) once and a map lookup after.
  private readonly speakerCards = new Map<string, SpeakerCard | undefined>();
  private readonly demandCards = new Map<string, DemandCard | undefined>();
  private near?: { pairs: NearIdenticalPair[]; of: Map<Annotation, NearIdenticalPair[]> };

  constructor(
    private readonly speakers: Map<string, Speaker>,
    private readonly demands: Map<string, Demand>,
    private readonly annotations: readonly Annotation[],
    private readonly lines: LineMap,
  ) {
    for (const a of annotations) {
      if (a.speaker) push(this.bySpeaker, a.speaker, a);
      if (a.demand) push(this.byDemand, a.demand, a);
    }
    for (const s of speakers.values()) {
      for (const m of s.members) push(this.groupsOf, m, s);
    }
  }

  speakerCard(id: string): SpeakerCard | undefined {
    if (!this.speakerCards.has(id)) this.speakerCards.set(id, this.buildSpeakerCard(id));
    return this.speakerCards.get(id);
  }

  demandCard(id: string): DemandCard | undefined {
    if (!this.demandCards.has(id)) this.demandCards.set(id, this.buildDemandCard(id));
    return this.demandCards.get(id);
  }

  /** Which annotation `a` is: its speaker, the demand it states or answers, and its near-identical twins. */
  annotationInfo(a: Annotation): AnnotationInfo {
    const near = this.nearIdentical().of.get(a) ?? [];
    return {
      ...this.ref(a),
      speaker: a.speaker ? this.speakers.get(a.speaker) : undefined,
      demand: a.demand ? this.demandRef(a.demand) : undefined,
      nearIdentical: near.map((p) => {
        const other = p.first === a ? p.second : p.first;
        return { ...this.ref(other), overlap: p.overlap, sameLinks: p.sameLinks };
      }),
    };
  }

  /** Every near-identical pair of the article, found on first use (the model is immutable). */
  nearIdentical(): { pairs: readonly NearIdenticalPair[]; of: ReadonlyMap<Annotation, NearIdenticalPair[]> } {
    if (!this.near) {
      const pairs = nearIdenticalPairs(this.annotations);
      const of = new Map<Annotation, NearIdenticalPair[]>();
      for (const p of pairs) {
        push(of, p.first, p);
        push(of, p.second, p);
      }
      this.near = { pairs, of };
    }
    return this.near;
  }

  private demandRef(id: string): DemandRef | undefined {
    const demand = this.demands.get(id);
    if (!demand) return undefined;
    const stated = this.byDemand.get(id)?.find((a) => a.type === 'demand');
    return { demand, stated: stated && this.ref(stated) };
  }

  private buildSpeakerCard(id: string): SpeakerCard | undefined {
    const speaker = this.speakers.get(id);
    if (!speaker) return undefined;
    const own = this.bySpeaker.get(id) ?? [];
    const demands = [...this.demands.values()];
    return {
      speaker,
      groups: this.groupsOf.get(id) ?? [],
      members: this.resolveSpeakers(speaker.members),
      mentions: own.filter((a) => a.type === 'mention').length,
      quotes: own.filter((a) => a.type === 'quote').map((a) => this.ref(a)),
      demandsMade: demands.filter((d) => d.by.includes(id)).map((d) => this.demandRef(d.id)!),
      demandsAddressed: demands.filter((d) => d.to.includes(id)).map((d) => this.demandRef(d.id)!),
      responses: own.filter((a) => a.type === 'response').map((a) => this.responseRef(a)),
    };
  }

  private buildDemandCard(id: string): DemandCard | undefined {
    const demand = this.demands.get(id);
    if (!demand) return undefined;
    const own = this.byDemand.get(id) ?? [];
    return {
      demand,
      by: this.resolveSpeakers(demand.by),
      to: this.resolveSpeakers(demand.to),
      spans: own.filter((a) => a.type === 'demand').map((a) => this.ref(a)),
      responses: own.filter((a) => a.type === 'response').map((a) => this.responseRef(a)),
    };
  }

  /** Every span of a speaker or demand, in text order. */
  spansOf(kind: 'speaker' | 'demand', id: string): readonly Annotation[] {
    return (kind === 'speaker' ? this.bySpeaker : this.byDemand).get(id) ?? [];
  }

  private resolveSpeakers(ids: string[]): Speaker[] {
    return ids.map((i) => this.speakers.get(i)).filter((s): s is Speaker => s !== undefined);
  }

  private ref(a: Annotation): SpanRef {
    return { annotation: a, line: this.lines.position(a.start).line, firstWords: firstWords(this.lines.text.slice(a.start, a.end)) };
  }

  private responseRef(a: Annotation): ResponseRef {
    return {
      ...this.ref(a),
      speaker: a.speaker ? this.speakers.get(a.speaker) : undefined,
      demand: a.demand ? this.demands.get(a.demand) : undefined,
      stance: a.stance,
    };
  }
}

/** Up to `words` words or `chars` characters of a span, whitespace folded, with an ellipsis when cut. */
export function firstWords(text: string, words = 8, chars = 60): string {
  // Only the words kept (and one more, to know there is more) are looked at: the Outline and
  // the diagnostics summarize every span of the article, some of them whole paragraphs.
  const kept: string[] = [];
  const word = /\S+/gu;
  for (let m; kept.length <= words && (m = word.exec(text)); ) kept.push(m[0]);
  let out = kept.slice(0, words).join(' ');
  let cut = kept.length > words || words < 1;
  if (out.length > chars) {
    out = [...out].slice(0, chars).join('').trimEnd();
    cut = true;
  }
  return cut ? out + '…' : out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
