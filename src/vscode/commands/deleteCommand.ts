// Delete Annotation at Cursor. No confirmation: Undo (and the sidecar's history) brings it back.
import { Annotation } from '../../core/model';
import { annotationAtCursor, changed, EditingDeps, editableArticle, nameIn } from './commandContext';
import { named, quoted } from './labels';

export async function deleteCommand(deps: EditingDeps, rawArgs?: unknown): Promise<Annotation | undefined> {
  const args = rawArgs && typeof rawArgs === 'object' ? (rawArgs as { id?: unknown }) : {};
  const article = await editableArticle(deps.store);
  if (!article) return undefined;
  const { session, doc } = article;
  const nameOf = nameIn(session);
  const target = await annotationAtCursor(article, session.annotations(), nameOf, args.id, true);
  if (!target) return undefined;
  const label = `Delete ${target.type} ${target.id} (${target.type === 'demand' ? quoted(nameOf(target)) : named(nameOf(target))})`;
  session.deleteAnnotation(target.id, label);
  await changed(deps.store, doc, `deleted ${target.type} of ${target.type === 'demand' ? quoted(nameOf(target)) : named(nameOf(target))}: ${quoted(doc.getText().slice(target.start, target.end))}`);
  return target;
}
