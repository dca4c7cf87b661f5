// Everything the editor shows for one article, built from the sidecar's text and the
// article's text in one pass: placed annotations, orphans, problems, the offset index
// (stored annotations and derived alias mentions) and the hover cross-references.
import { AliasMention, findAliasMentions } from './aliases';
import { anchorAnnotations, AnchorResult, Orphan } from './anchoring';
import { IntervalIndex } from './annotationIndex';
import { CrossRefs } from './crossRefs';
import { Annotation, emptySidecar, Sidecar } from './model';
import { ParsedSidecar, parseSidecar, Problem } from './sidecar';
import { LineMap } from './text';

export type HighlightSpan =
  | { kind: 'annotation'; start: number; end: number; annotation: Annotation }
  | { kind: 'alias'; start: number; end: number; speaker: string };

export interface ArticleModel {
  parsed: ParsedSidecar;
  /** The sidecar as read (an empty one when the file could not be read at all). */
  sidecar: Sidecar;
  /** True when the sidecar could be read as a sidecar (maybe with some invalid entries). */
  readable: boolean;
  placed: Annotation[];
  orphans: Orphan[];
  /** Problems in the sidecar file, positioned in it: parse and validation errors, anchoring issues. */
  problems: Problem[];
  index: IntervalIndex<HighlightSpan>;
  crossRefs: CrossRefs;
  lines: LineMap;
  /** Never rewrite the file: it has errors or a newer version. */
  readOnly: boolean;
}

/** Built from the files: also what anchoring said of each annotation, so no caller runs it twice. */
export function buildArticleModel(sidecarSource: string, text: string): ArticleModel & { anchored: AnchorResult } {
  const parsed = parseSidecar(sidecarSource);
  const sidecar = parsed.sidecar ?? emptySidecar();
  const anchored = anchorAnnotations(sidecar, text);
  const problems = [...parsed.problems];
  for (const issue of anchored.issues) {
    const where = parsed.annotationRanges.get(issue.annotationId);
    const [start, end] = where?.[issue.field ?? 'start'] ?? where?.item ?? [0, 1];
    const pos = parsed.lineCounter.linePos(start);
    problems.push({ severity: issue.severity, message: issue.message, start, end, line: pos.line, column: pos.col, annotationId: issue.annotationId });
  }
  problems.sort((a, b) => a.start - b.start);
  return { ...assembleArticleModel({ parsed, sidecar, placed: anchored.placed, orphans: anchored.orphans, problems }, text), anchored };
}

/**
 * The model from annotations already placed on `text`: after a load, or from a session
 * whose annotations moved with edits or were changed by the user.
 */
export function assembleArticleModel(
  input: Pick<ArticleModel, 'parsed' | 'sidecar' | 'placed' | 'orphans' | 'problems'>,
  text: string,
): ArticleModel {
  const { parsed, sidecar, placed, orphans, problems } = input;
  const spans: HighlightSpan[] = placed.map((a) => ({ kind: 'annotation', start: a.start, end: a.end, annotation: a }));
  const mentions = new IntervalIndex(placed.filter((a) => a.type === 'mention'));
  for (const m of findAliasMentions(text, sidecar.speakers.values())) {
    if (!coveredByMention(mentions, m)) spans.push({ kind: 'alias', ...m });
  }
  const lines = new LineMap(text);
  return {
    parsed,
    sidecar,
    readable: parsed.sidecar !== undefined,
    placed,
    orphans,
    problems,
    index: new IntervalIndex(spans),
    crossRefs: new CrossRefs(sidecar.speakers, sidecar.demands, placed, lines),
    lines,
    readOnly: parsed.readOnly || problems.some((p) => p.severity === 'error'),
  };
}

/** A stored mention already marks this text: drawing the alias too would only double it. */
function coveredByMention(mentions: IntervalIndex<Annotation>, m: AliasMention): boolean {
  return mentions.covering(m.start).some((a) => a.end >= m.end);
}
