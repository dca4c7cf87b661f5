// Reading an article and its sidecar into the input every exporter takes.
import { AnchorResult } from '../anchoring';
import { buildArticleModel } from '../articleModel';
import { Problem } from '../sidecar';
import { conflictProblems } from '../teams/conflictProblems';
import { ArticleInput } from './types';

export interface LoadedArticle {
  article?: ArticleInput;
  /** Problems in the sidecar (positioned in it), including annotations that no longer match. */
  problems: Problem[];
  /** What anchoring said of each annotation (status, score, where): set with `article`. */
  anchor?: AnchorResult;
  /** What the merge driver left under `conflicts:`, one problem per record, positioned. */
  conflicts: Problem[];
}

export function loadArticle(path: string, text: string, sidecarSource: string): LoadedArticle {
  const model = buildArticleModel(sidecarSource, text);
  if (!model.readable) return { problems: model.problems, conflicts: [] };
  return {
    article: { path, text, sidecar: model.sidecar, placed: model.placed, orphans: model.orphans },
    problems: model.problems,
    anchor: model.anchored,
    conflicts: conflictProblems(sidecarSource, model.parsed),
  };
}
