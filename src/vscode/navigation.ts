// Go to Definition and Find All References on speakers and demands: from any of their spans
// (an alias occurrence of a name included) to where they are introduced, or to all of them.
import * as vscode from 'vscode';
import { Span } from '../core/annotationIndex';
import { ArticleStore } from './articleStore';
import { allSpans, currentModel, definitionOf, entityAt } from './entities';

export class EntityDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly store: ArticleStore) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.LocationLink[]> {
    const model = await currentModel(this.store, document, token);
    const at = model && entityAt(model, document.offsetAt(position));
    const target = at && definitionOf(model, at.entity);
    if (!target || token.isCancellationRequested) return [];
    const range = toRange(document, target);
    // The whole span under the cursor is the link, as a Ctrl+hover shows.
    return [{ originSelectionRange: toRange(document, at.span), targetUri: document.uri, targetRange: range, targetSelectionRange: range }];
  }
}

export class EntityReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly store: ArticleStore) {}

  async provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.Location[]> {
    const model = await currentModel(this.store, document, token);
    const at = model && entityAt(model, document.offsetAt(position));
    if (!at || token.isCancellationRequested) return [];
    const declaration = context.includeDeclaration ? undefined : definitionOf(model, at.entity);
    return allSpans(model, at.entity)
      .filter((s) => !declaration || s.start !== declaration.start || s.end !== declaration.end)
      .map((s) => new vscode.Location(document.uri, toRange(document, s)));
  }
}

function toRange(document: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}
