// Composition root: builds the services, registers them, returns. No logic lives here.
import * as vscode from 'vscode';
import { Annotation } from './core/model';
import { ArticleStore } from './vscode/articleStore';
import { Commands } from './vscode/commandIds';
import { openSidecar, reloadSidecar, revealOffset, showAnnotations } from './vscode/commands';
import { aliasCommand } from './vscode/commands/aliasCommand';
import { EditingDeps } from './vscode/commands/commandContext';
import { deleteCommand } from './vscode/commands/deleteCommand';
import { demandStatusCommand } from './vscode/commands/demandStatusCommand';
import { editCommand } from './vscode/commands/editCommand';
import { exportCommand } from './vscode/commands/exportCommand';
import { markCommand } from './vscode/commands/markCommand';
import { navigateCommand } from './vscode/commands/navigateCommand';
import { referencesCommand } from './vscode/commands/referencesCommand';
import { renameDemandCommand, renameSpeakerCommand } from './vscode/commands/renameCommand';
import { undoCommand } from './vscode/commands/undoCommand';
import { readConfig, SECTION } from './vscode/config';
import { DecorationController } from './vscode/decorations';
import { registerFileOps } from './vscode/fileOps';
import { AnnotationHoverProvider } from './vscode/hovers';
import { EntityDefinitionProvider, EntityReferenceProvider } from './vscode/navigation';
import { ReportView } from './vscode/reportView';
import { StatusBar } from './vscode/statusBar';
import { registerArticleSymbols } from './vscode/symbols';
import { ArticleViews, ViewNode } from './vscode/views';

/** What tests (and other extensions) may read: what is drawn, as offsets into the document. */
export interface AttributionLensApi {
  decorations(document: vscode.TextDocument): Record<string, { start: number; end: number }[]>;
  /** How each decoration key is drawn (its render options, theme colours as `theme:<id>`). */
  decorationStyles(): Record<string, Record<string, string>>;
  /** The article's live annotations, where they are now (they move with every edit at once). */
  annotations(document: vscode.TextDocument): Annotation[];
  /** Resolves when the article's sidecar has been (re)loaded. */
  load(document: vscode.TextDocument): Promise<unknown>;
  /** The side-bar trees' data, as the views read it. */
  views: Record<'speakers' | 'demands', Pick<vscode.TreeDataProvider<ViewNode>, 'getChildren' | 'getTreeItem'>>;
  /** The report webview: the HTML it shows now, and its message handler (what a click in it sends). */
  report: Pick<ReportView, 'html' | 'receive'>;
}

export function activate(context: vscode.ExtensionContext): AttributionLensApi {
  let config = readConfig();
  const getConfig = () => config;
  const store = new ArticleStore(getConfig);
  const decorations = new DecorationController(store, getConfig);
  const statusBar = new StatusBar(store);
  const editing: EditingDeps = { store, workspaceState: context.workspaceState };
  const views = new ArticleViews(store);
  const report = new ReportView(store);
  const output = vscode.window.createOutputChannel('Attribution Lens');
  const selector: vscode.DocumentSelector = [
    { language: 'plaintext', scheme: 'file' },
    { language: 'markdown', scheme: 'file' },
    { language: 'plaintext', scheme: 'vscode-remote' },
    { language: 'markdown', scheme: 'vscode-remote' },
  ];

  context.subscriptions.push(
    store,
    decorations,
    statusBar,
    views,
    report,
    output,
    registerFileOps(store, getConfig),
    vscode.languages.registerHoverProvider(selector, new AnnotationHoverProvider(store, getConfig)),
    registerArticleSymbols(store, selector),
    vscode.languages.registerDefinitionProvider(selector, new EntityDefinitionProvider(store)),
    vscode.languages.registerReferenceProvider(selector, new EntityReferenceProvider(store)),
    vscode.commands.registerCommand(Commands.showAnnotations, () => showAnnotations(store)),
    vscode.commands.registerCommand(Commands.revealOffset, revealOffset),
    vscode.commands.registerCommand(Commands.openSidecar, () => openSidecar(store)),
    vscode.commands.registerCommand(Commands.reloadSidecar, () => reloadSidecar(store)),
    vscode.commands.registerCommand(Commands.mark, (args) => markCommand(editing, undefined, args)),
    vscode.commands.registerCommand(Commands.markMention, (args) => markCommand(editing, 'mention', args)),
    vscode.commands.registerCommand(Commands.markQuote, (args) => markCommand(editing, 'quote', args)),
    vscode.commands.registerCommand(Commands.markDemand, (args) => markCommand(editing, 'demand', args)),
    vscode.commands.registerCommand(Commands.markResponse, (args) => markCommand(editing, 'response', args)),
    vscode.commands.registerCommand(Commands.editAnnotation, (args) => editCommand(editing, args)),
    vscode.commands.registerCommand(Commands.deleteAnnotation, (args) => deleteCommand(editing, args)),
    vscode.commands.registerCommand(Commands.addAlias, (args) => aliasCommand(editing, args)),
    vscode.commands.registerCommand(Commands.setDemandStatus, (args) => demandStatusCommand(editing, args)),
    vscode.commands.registerCommand(Commands.renameSpeaker, (args) => renameSpeakerCommand(editing, args)),
    vscode.commands.registerCommand(Commands.renameDemand, (args) => renameDemandCommand(editing, args)),
    vscode.commands.registerCommand(Commands.nextAnnotation, () => navigateCommand(store, 'next')),
    vscode.commands.registerCommand(Commands.previousAnnotation, () => navigateCommand(store, 'previous')),
    vscode.commands.registerCommand(Commands.showReferences, (args) => referencesCommand(store, args)),
    vscode.commands.registerCommand(Commands.exportAnnotations, (args) => exportCommand({ store, config: getConfig, output, workspaceState: context.workspaceState }, args)),
    vscode.commands.registerCommand(Commands.showReport, () => report.show()),
    vscode.commands.registerCommand(Commands.undo, () => undoCommand(store, 'undo')),
    vscode.commands.registerCommand(Commands.redo, () => undoCommand(store, 'redo')),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      const patternChanged = readConfig().sidecarPattern !== config.sidecarPattern;
      config = readConfig();
      decorations.reconfigure();
      if (patternChanged) {
        store.watch();
        void store.loadAll();
      }
    }),
  );
  void store.loadAll();

  return {
    decorations(document) {
      const out: Record<string, { start: number; end: number }[]> = {};
      for (const [key, ranges] of decorations.rangesFor(document)) {
        out[key] = ranges.map((r) => ({ start: document.offsetAt(r.start), end: document.offsetAt(r.end) }));
      }
      return out;
    },
    decorationStyles: () => decorations.renderOptions(),
    annotations: (document) => store.get(document.uri)?.session?.annotations() ?? [],
    load: (document) => store.load(document),
    views: { speakers: views.speakers, demands: views.demands },
    report,
  };
}

export function deactivate(): void {}
