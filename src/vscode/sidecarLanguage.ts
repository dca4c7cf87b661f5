// Language features in the sidecar file itself, without the YAML extension: a speaker's or a
// demand's card on hovering its id, Go to Definition, Find All References (in the file and on
// the article), completion of known ids in links, and rename of an id everywhere in the file.
// The ids and their places come from core/sidecarIds; the cards are the article hovers' own.
import * as vscode from 'vscode';
import { ArticleModel, buildArticleModel } from '../core/articleModel';
import { Card, demandCard, speakerCard } from '../core/hoverCards';
import { articlePathFor, completionAt, definitionOf, EntityKind, idAt, IdOccurrence, renameEdits, SidecarIds, sidecarIds, usesOf } from '../core/sidecarIds';
import { sidecarGlob } from '../core/sidecarPath';
import { parseSidecar } from '../core/sidecar';
import { LineMap } from '../core/text';
import { Config } from './config';
import { allSpans } from './entities';
import { escapeText, hoverSwatches, legendInfo, renderCard } from './hovers';
import { SettingsChange } from './settings';

/** Registers the providers for the sidecar pattern's files (any scheme), again when the pattern changes. */
export function registerSidecarLanguage(config: () => Config, onSettings: vscode.Event<SettingsChange>): vscode.Disposable {
  const features = new SidecarFeatures(config);
  let registered = register(features, config().sidecarPattern);
  const listener = onSettings(({ sidecarPatternChanged }) => {
    if (!sidecarPatternChanged) return;
    registered.dispose();
    registered = register(features, config().sidecarPattern);
  });
  return { dispose: () => (registered.dispose(), listener.dispose()) };
}

function register(features: SidecarFeatures, pattern: string): vscode.Disposable {
  const selector: vscode.DocumentSelector = [{ language: 'yaml', pattern: sidecarGlob(pattern) }];
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(selector, features),
    vscode.languages.registerDefinitionProvider(selector, features),
    vscode.languages.registerReferenceProvider(selector, features),
    vscode.languages.registerCompletionItemProvider(selector, features, ' ', '[', ','),
    vscode.languages.registerRenameProvider(selector, features),
  );
}

class SidecarFeatures implements vscode.HoverProvider, vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.CompletionItemProvider, vscode.RenameProvider {
  private ids?: { uri: string; version: number; ids: SidecarIds };
  private model?: { uri: string; version: number; article: string; model: ArticleModel };

  constructor(private readonly config: () => Config) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const at = idAt(this.idsOf(document), document.offsetAt(position));
    if (!at) return undefined;
    const range = rangeOf(document, at);
    const found = await this.articleModel(document);
    const card = found && cardOf(found.model, at, this.config().colorBy);
    if (!found || !card) {
      const ids = this.idsOf(document);
      const workspace = at.kind === 'speaker' && !definitionOf(ids, at.kind, at.id) ? await workspaceSpeakers(document) : undefined;
      return new vscode.Hover(plainNote(at, ids, document, workspace), range);
    }
    return new vscode.Hover(renderCard(card, found.article, hoverSwatches(found.model.sidecar, this.config().colorBy)), range);
  }

  /** Where the id is defined: in this file, else (a speaker) in the workspace speakers file. */
  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.LocationLink[]> {
    const ids = this.idsOf(document);
    const at = idAt(ids, document.offsetAt(position));
    if (!at) return [];
    const here = definitionOf(ids, at.kind, at.id);
    const there = here ? undefined : at.kind === 'speaker' ? await workspaceSpeakers(document) : undefined;
    const target = here ?? (there && definitionOf(there.ids, 'speaker', at.id));
    if (!target) return [];
    const targetUri = here ? document.uri : there!.uri;
    const range = here ? rangeOf(document, target) : offsetsToRange(there!.text, target);
    return [{ originSelectionRange: rangeOf(document, at), targetUri, targetRange: range, targetSelectionRange: range }];
  }

  /** The uses in this file, then the article's spans of the speaker or demand (when the article can be read). */
  async provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): Promise<vscode.Location[]> {
    const ids = this.idsOf(document);
    const at = idAt(ids, document.offsetAt(position));
    if (!at) return [];
    const here = usesOf(ids, at.kind, at.id)
      .filter((o) => context.includeDeclaration || !o.definition)
      .map((o) => new vscode.Location(document.uri, rangeOf(document, o)));
    const found = await this.articleModel(document);
    if (!found) return here;
    const { model, article } = found;
    const toPosition = (offset: number) => {
      const p = model.lines.position(offset);
      return new vscode.Position(p.line, p.character);
    };
    const spans = allSpans(model, { kind: at.kind, id: at.id }).map((s) => new vscode.Location(article, new vscode.Range(toPosition(s.start), toPosition(s.end))));
    return [...here, ...spans];
  }

  /** The file's own ids first (in sidecar order, the order of the speaker colours), then the workspace speakers file's. */
  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const slot = completionAt(document.getText(), document.offsetAt(position));
    if (!slot) return undefined;
    const ids = this.definedIdsWhileTyping(document);
    const range = new vscode.Range(document.positionAt(slot.start), document.positionAt(slot.end));
    const sources = [{ ids, where: 'this sidecar' }];
    const workspace = slot.kind === 'speaker' ? await workspaceSpeakers(document) : undefined;
    if (workspace) sources.push({ ids: workspace.ids, where: 'the workspace speakers file' });
    const seen = new Set<string>();
    const items: vscode.CompletionItem[] = [];
    for (const { ids: from, where } of sources) {
      for (const o of from.occurrences) {
        if (!o.definition || o.kind !== slot.kind || seen.has(o.id)) continue;
        seen.add(o.id);
        const item = new vscode.CompletionItem({ label: o.id, description: o.label }, slot.kind === 'speaker' ? vscode.CompletionItemKind.Reference : vscode.CompletionItemKind.EnumMember);
        item.range = range;
        item.detail = `${slot.kind} id, defined in ${where}`;
        item.sortText = String(items.length).padStart(5, '0');
        items.push(item);
      }
    }
    return items;
  }

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const at = idAt(this.idsOf(document), document.offsetAt(position));
    if (!at) throw new Error('Put the cursor on a speaker or demand id (a key under speakers or demands, or a speaker:, demand:, by:, to: or members: value) to rename it.');
    if (!at.exact) throw new Error('This id is written with escapes: rename it by hand.');
    return { range: rangeOf(document, at), placeholder: at.id };
  }

  provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit {
    const at = this.prepareRename(document, position);
    const occurrence = idAt(this.idsOf(document), document.offsetAt(at.range.start))!;
    const result = renameEdits(this.idsOf(document), occurrence, newName.trim());
    if ('error' in result) throw new Error(`Cannot rename ${occurrence.kind} "${occurrence.id}" to "${newName}": ${result.error}`);
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text);
    return edit;
  }

  /**
   * The ids for completion. Parsing a sidecar of ten thousand annotations takes a good part of a
   * second, too long for every keystroke: a large file's ids come from its last parse, which is
   * at most a few keystrokes old (the other features parse the current text).
   */
  private definedIdsWhileTyping(document: vscode.TextDocument): SidecarIds {
    if (this.ids?.uri === document.uri.toString() && document.getText().length > LARGE_SIDECAR) return this.ids.ids;
    return this.idsOf(document);
  }

  private idsOf(document: vscode.TextDocument): SidecarIds {
    const uri = document.uri.toString();
    if (this.ids?.uri !== uri || this.ids.version !== document.version) this.ids = { uri, version: document.version, ids: sidecarIds(document.getText()) };
    return this.ids.ids;
  }

  /**
   * The article's model from the sidecar as it is in the editor now and the article's text (the
   * open document's, else the file's): what the article's own hovers would show once it is saved.
   */
  private async articleModel(document: vscode.TextDocument): Promise<{ model: ArticleModel; article: vscode.Uri } | undefined> {
    const source = document.getText();
    const file = parseSidecar(source).sidecar?.document.file;
    const path = articlePathFor(document.uri.path, file, this.config().sidecarPattern);
    if (!path) return undefined;
    const article = document.uri.with({ path });
    const text = await fileText(article);
    if (text === undefined) return undefined;
    const key = document.uri.toString();
    if (this.model?.uri !== key || this.model.version !== document.version || this.model.article !== text) {
      this.model = { uri: key, version: document.version, article: text, model: buildArticleModel(source, text) };
    }
    return { model: this.model.model, article };
  }
}

const SPEAKERS_FILE = '.attribution-lens/speakers.yaml';
/** Characters past which completion reuses the last parse (the sample is 22 000, a ten-thousand-annotation file 1.5 million). */
const LARGE_SIDECAR = 256 * 1024;

/** The ids of the workspace speakers file at the root of the sidecar's workspace folder, if there is one. */
async function workspaceSpeakers(document: vscode.TextDocument): Promise<{ uri: vscode.Uri; text: string; ids: SidecarIds } | undefined> {
  const root = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!root) return undefined;
  const uri = vscode.Uri.joinPath(root.uri, SPEAKERS_FILE);
  const text = await fileText(uri);
  return text === undefined ? undefined : { uri, text, ids: sidecarIds(text) };
}

function offsetsToRange(text: string, o: { start: number; end: number }): vscode.Range {
  const lines = new LineMap(text);
  const [a, b] = [lines.position(o.start), lines.position(o.end)];
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

/** A file's text: the open document's (unsaved edits included), else the file's. */
async function fileText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

function cardOf(model: ArticleModel, at: IdOccurrence, colorBy: Config['colorBy']): Card | undefined {
  if (at.kind === 'speaker') return speakerCard(model.crossRefs.speakerCard(at.id), 'speaker id', legendInfo(model.sidecar, colorBy));
  return demandCard(model.crossRefs.demandCard(at.id), 'demand id');
}

/** Without the article, or for an id this file does not define: what the file says of it, as text. */
function plainNote(at: IdOccurrence, ids: SidecarIds, document: vscode.TextDocument, workspace?: { text: string; ids: SidecarIds }): vscode.MarkdownString {
  const definition = definitionOf(ids, at.kind, at.id);
  const uses = usesOf(ids, at.kind, at.id).length - (definition ? 1 : 0);
  const elsewhere = workspace && definitionOf(workspace.ids, 'speaker', at.id);
  const named = (o: IdOccurrence) => (o.label ? ` (${o.label})` : '');
  const where = definition
    ? `defined on line ${document.positionAt(definition.start).line + 1}${named(definition)}`
    : elsewhere
      ? `defined in the workspace speakers file, line ${new LineMap(workspace.text).position(elsewhere.start).line + 1}${named(elsewhere)}`
      : `not defined in this sidecar (the workspace speakers file or another sidecar may define it)`;
  const md = new vscode.MarkdownString('', false);
  md.appendMarkdown(`**${escapeText(`${capitalized(at.kind)} ${at.id}`)}**\n\n${escapeText(`${where}; used ${uses} ${uses === 1 ? 'time' : 'times'} in this file.`)}`);
  return md;
}

function capitalized(kind: EntityKind): string {
  return kind === 'speaker' ? 'Speaker' : 'Demand';
}

function rangeOf(document: vscode.TextDocument, o: { start: number; end: number }): vscode.Range {
  return new vscode.Range(document.positionAt(o.start), document.positionAt(o.end));
}
