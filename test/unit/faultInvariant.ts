// The fault suite's invariant: after whatever happened to the files, every annotation that was
// there before is still there (none lost, none invented), and each one either sits on the text
// it had, or is an orphan (kept in the sidecar file, not placed), or was placed on edited text
// and flagged for review. Shared by the plain-Node fault tests and the VS Code ones.
import * as assert from 'node:assert/strict';
import { anchorAnnotations } from '../../src/core/anchoring';
import { parseSidecar } from '../../src/core/sidecar';

/** Annotation id → its stored text, as a sidecar file says. */
export type AnnotationTexts = Map<string, string | undefined>;

export interface InvariantReport {
  /** On the text it had before. */
  kept: string[];
  /** In the sidecar file, not placed on the article. */
  orphans: string[];
  /** Placed on other text, and flagged for review (reported, or marked `review:` in the file). */
  flagged: string[];
  /** Gone from the sidecar (and, in the editor, from what it shows). */
  lost: string[];
  /** New ids nobody added. */
  invented: string[];
  /** Placed on other text with no flag: a wrong placement. */
  misplaced: string[];
}

/** A placed annotation: where it is now. */
export interface Placement {
  id: string;
  start: number;
  end: number;
}

/** The ids and texts of a sidecar file; fails when it does not parse (a torn or mixed file). */
export function annotationTexts(source: string): AnnotationTexts {
  const p = parseSidecar(source);
  const errors = p.problems.filter((x) => x.severity === 'error');
  assert.ok(p.sidecar && errors.length === 0, `the sidecar reads back: ${errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('; ')}\n${source.slice(0, 300)}`);
  return new Map(p.sidecar.annotations.map((a) => [a.id, a.text]));
}

/** Ids that carry a `review:` marker in the file itself, whatever its value. */
function reviewMarked(source: string): Set<string> {
  const js = parseSidecar(source).doc.toJS() as { annotations?: { id?: unknown; review?: unknown }[] } | null;
  return new Set((js?.annotations ?? []).filter((a) => a && a.review !== undefined && a.review !== null).map((a) => String(a.id)));
}

/**
 * Sorts every annotation of `before` by what became of it, given what is stored now, what is
 * placed now and on which text, and which ids were reported as needing review.
 */
export function classify(before: AnnotationTexts, stored: ReadonlySet<string>, placed: readonly Placement[], article: string, flaggedIds: ReadonlySet<string> = new Set()): InvariantReport {
  const at = new Map(placed.map((p) => [p.id, p]));
  const r: InvariantReport = { kept: [], orphans: [], flagged: [], lost: [], invented: [], misplaced: [] };
  for (const [id, text] of before) {
    const p = at.get(id);
    if (!p) (stored.has(id) ? r.orphans : r.lost).push(id);
    else if (text === undefined || article.slice(p.start, p.end) === text) r.kept.push(id);
    else (flaggedIds.has(id) ? r.flagged : r.misplaced).push(id);
  }
  for (const id of new Set([...stored, ...at.keys()])) if (!before.has(id)) r.invented.push(id);
  return r;
}

/** `classify` for a sidecar file on `article`, as a reader (the CLI, a reopened editor) places it. */
export function classifyFile(before: AnnotationTexts, afterSource: string, article: string, reported: Iterable<string> = []): InvariantReport {
  const stored = annotationTexts(afterSource);
  const p = parseSidecar(afterSource);
  const anchor = anchorAnnotations(p.sidecar!, article);
  const flagged = new Set([...reported, ...reviewMarked(afterSource), ...anchor.outcomes.filter((o) => o.status === 'repaired').map((o) => o.annotationId)]);
  return classify(before, new Set(stored.keys()), anchor.placed, article, flagged);
}

/**
 * The invariant: nothing lost, nothing invented, nothing on the wrong text unflagged. `expect`
 * pins down more where the test knows it (which ids must be orphans, how many kept at least).
 */
export function assertInvariant(r: InvariantReport, what: string, expect: { orphans?: string[]; minKept?: number; invented?: string[] } = {}): void {
  const summary = `${what}: ${JSON.stringify({ ...r, kept: r.kept.length })}`;
  assert.deepEqual(r.lost, [], `${summary}\nannotations lost`);
  assert.deepEqual(r.invented.sort(), (expect.invented ?? []).slice().sort(), `${summary}\nannotations invented`);
  assert.deepEqual(r.misplaced, [], `${summary}\nplaced on other text without a flag`);
  if (expect.orphans) assert.deepEqual(r.orphans.slice().sort(), expect.orphans.slice().sort(), `${summary}\norphans`);
  if (expect.minKept !== undefined) assert.ok(r.kept.length >= expect.minKept, `${summary}\nat least ${expect.minKept} kept`);
}

/** The message names each id of `ids` (quoted), and says what kind of thing happened. */
export function assertNames(message: string, ids: readonly string[], kind: RegExp): void {
  for (const id of ids) assert.ok(message.includes(`"${id}"`) || new RegExp(`\\b${id}\\b`).test(message), `the message names ${id}:\n${message}`);
  if (ids.length) assert.match(message, kind);
}

/** Ids whose text is no longer anywhere in `article`: an edit took it, so the span may follow the edited text. */
export function editedAway(before: AnnotationTexts, article: string): Set<string> {
  return new Set([...before].filter(([, text]) => text !== undefined && !article.includes(text)).map(([id]) => id));
}

/**
 * `classify` for what an editor shows: `placed` are its live annotations on `article` (its
 * text now), `diskSource` the sidecar file, whose ids count as stored (an id there but not
 * shown is an orphan).
 */
export function classifyEditor(before: AnnotationTexts, placed: readonly Placement[], article: string, diskSource: string, flagged: Iterable<string> = []): InvariantReport {
  const stored = new Set(annotationTexts(diskSource).keys());
  return classify(before, stored, placed, article, new Set([...flagged, ...editedAway(before, article), ...reviewMarked(diskSource)]));
}
