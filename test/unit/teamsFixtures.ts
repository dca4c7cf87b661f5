// Sidecars as the extension writes them after edits, for the diff and merge tests.
import { anchorAnnotations, anchorContext } from '../../src/core/anchoring';
import { Annotation } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';

/** The headline with " (updated)" appended: 10 characters before every annotation. */
export function updatedHeadline(article: string): string {
  const nl = article.indexOf('\n');
  return article.slice(0, nl) + ' (updated)' + article.slice(nl);
}

/** `source` rewritten for `newText` the way the editor does: every annotation re-placed, context and sha256 fresh. */
export function rewriteFor(source: string, newText: string): string {
  const p = parseSidecar(source);
  const s = p.sidecar!;
  const placed = anchorAnnotations(s, newText).placed;
  s.annotations = placed.map((a) => ({ ...a, ...anchorContext(newText, a.start, a.end) }));
  s.document.sha256 = sha256Hex(newText);
  return serializeSidecar(s, p.doc);
}

/** `source` with `edit` applied to its sidecar model, written back through the Document. */
export function editSidecar(source: string, edit: (annotations: Annotation[]) => Annotation[] | void): string {
  const p = parseSidecar(source);
  const s = p.sidecar!;
  s.annotations = edit(s.annotations) ?? s.annotations;
  return serializeSidecar(s, p.doc);
}

/** A new annotation on the first occurrence of `needle`, with context. */
export function annotationOn(text: string, id: string, needle: string, extra: Partial<Annotation> = {}): Annotation {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`not in the text: ${needle}`);
  return { id, type: 'quote', speaker: 'corbyn', start, end: start + needle.length, ...anchorContext(text, start, start + needle.length), ...extra };
}
