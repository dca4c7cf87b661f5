// `check --fix`: the sidecar rewritten with each moved or repaired annotation at its new place,
// on the yaml Document it was read from (comments and unknown keys stay), written atomically
// and only when the result reads back clean. Orphans keep their fields and get their `review`
// flag; repaired spans keep theirs, so both stay to review (docs/SIDECAR.md "Review").
import { anchorAnnotations, anchorContext, rejectedToStore } from '../core/anchoring';
import { loadArticle } from '../core/export/article';
import { Annotation, Sidecar } from '../core/model';
import { readText, ReadArticle } from '../core/pipeline/read';
import { writeAtomic } from '../core/pipeline/write';
import { parseSidecar, serializeSidecar } from '../core/sidecar';
import { OffsetConverter, sha256Hex } from '../core/text';
import { errorText } from '../core/wording';
import { CliIo } from './io';

export type FixResult = { ok: true; orphans: number; repaired: number } | { ok: false; reason: string };

export async function fixSidecar(io: CliIo, read: ReadArticle, articlePath: string): Promise<FixResult> {
  const { ref, text } = read;
  if (read.loaded.problems.some((p) => p.severity === 'error')) return { ok: false, reason: 'the sidecar has errors: fix them first (it is never rewritten while it has any)' };
  let source: string;
  try {
    source = await readText(io.host, ref.sidecar, io.readLimit);
  } catch (e) {
    return { ok: false, reason: errorText(e) };
  }
  const parsed = parseSidecar(source);
  const docError = parsed.doc.errors[0];
  if (!parsed.sidecar || parsed.readOnly || docError) return { ok: false, reason: docError ? `cannot be rewritten: ${docError.message.split('\n')[0]}` : 'cannot be rewritten (errors, or a newer version)' };
  const fixed = reanchoredOn(parsed.sidecar, text);
  // Not one annotation found: most likely the wrong article (or a text emptied by a failed
  // script). Flags and a new hash would say nothing a reader can use; the file stays as it was.
  if (fixed.orphans > 0 && fixed.orphans === parsed.sidecar.annotations.length) {
    return { ok: false, reason: 'none of its annotations could be placed on this article (is it the right text?): left as it was' };
  }
  let content = serializeSidecar(fixed.sidecar, parsed.doc);
  // A CRLF file stays CRLF, or every line of it would show as changed.
  if (source.includes('\r\n')) content = content.replace(/\r?\n/g, '\r\n');
  // Written only when it reads back without errors and with every placed annotation exact.
  const check = loadArticle(articlePath, text, content);
  const again = check.article && anchorAnnotations(check.article.sidecar, text);
  // An orphan found on this second read (the spans just placed are its anchors now) is placed
  // by the next reader too: only the spans --fix placed must read back exactly where it put them.
  const wereOrphans = new Set(fixed.sidecar.annotations.filter((a) => a.review?.status === 'orphan').map((a) => a.id));
  if (!again || check.problems.some((p) => p.severity === 'error') || again.outcomes.some((o) => (o.status === 'moved' || o.status === 'repaired') && !wereOrphans.has(o.annotationId))) {
    return { ok: false, reason: 'the rewritten sidecar would not check clean: left as it was' };
  }
  try {
    await writeAtomic(io.host, ref.sidecar, content);
  } catch (e) {
    return { ok: false, reason: errorText(e) };
  }
  return { ok: true, orphans: fixed.orphans, repaired: fixed.repaired };
}

/**
 * The sidecar re-anchored on `text` (see `reanchored`), written for it: also what `suggest
 * --write` starts from when the article changed, so new spans never sit among stale offsets.
 */
export function reanchoredOn(sidecar: Sidecar, text: string): { sidecar: Sidecar; orphans: number; repaired: number } {
  let fixed = reanchored(sidecar, text);
  // Spans placed in one round are trusted anchors in the next, which may then place an orphan
  // between them: a few rounds, so what is written reads back as written.
  for (let round = 0; round < 4 && fixed.orphans > 0; round++) {
    const next = reanchored(fixed.sidecar, text);
    if (next.moved === 0) break;
    fixed = next;
  }
  return fixed;
}

/**
 * The sidecar with placed annotations at their current offsets and their text, prefix and suffix
 * taken from the article, each with the review flag anchoring gave it; orphans keep their fields,
 * flagged. sha256 is the article's: a flagged orphan's offsets are never trusted by it.
 */
function reanchored(sidecar: Sidecar, text: string): { sidecar: Sidecar; orphans: number; repaired: number; moved: number } {
  const anchor = anchorAnnotations(sidecar, text);
  const converter = sidecar.document.offsets === 'codepoint' ? new OffsetConverter(text) : undefined;
  const outcome = new Map(anchor.outcomes.map((o) => [o.annotationId, o]));
  let orphans = 0;
  let repaired = 0;
  const annotations = sidecar.annotations.map((stored): Annotation => {
    const o = outcome.get(stored.id);
    const { review: _old, ...a } = stored;
    const flagged: Annotation = o?.review ? { ...a, review: o.review } : a;
    if (o?.review?.status === 'repaired') repaired++;
    if (!o || o.status === 'orphan' || o.start === undefined || o.end === undefined) {
      orphans++;
      return flagged;
    }
    // Exact spans in a changed article get their context refreshed too, or the next read
    // (by text, without a matching hash) would weigh them against stale neighbours.
    if (o.status === 'exact' && (anchor.hashMatches || a.text === undefined)) return flagged;
    const out: Annotation = { ...flagged, ...anchorContext(text, o.start, o.end), start: o.start, end: o.end };
    if (converter) {
      out.start = converter.toCodePoint(o.start);
      out.end = converter.toCodePoint(o.end);
    }
    return out;
  });
  const moved = anchor.outcomes.filter((o) => o.status === 'moved' || o.status === 'repaired').length;
  const rejected = sidecar.rejected && rejectedToStore(anchor.rejected, text, sidecar.document.offsets);
  return { sidecar: { ...sidecar, document: { ...sidecar.document, sha256: sha256Hex(text) }, annotations, ...(rejected ? { rejected } : {}) }, orphans, repaired, moved };
}
