// Composition root: builds the services, registers them, returns. No logic lives here. Shared by
// the two platform entries, src/node/extensionEntry.ts (`main`) and src/web/extensionEntry.ts
// (`browser`), which say only what differs: how local files are reached.
import * as vscode from 'vscode';
import { ArticleStore } from './vscode/articleStore';
import { aliasCommand } from './vscode/commands/aliasCommand';
import { EditingDeps, flashes } from './vscode/commands/commandContext';
import { registerCommands } from './vscode/commands/commandTable';
import { deleteCommand } from './vscode/commands/deleteCommand';
import { demandStatusCommand } from './vscode/commands/demandStatusCommand';
import { editCommand } from './vscode/commands/editCommand';
import type { exportCommand } from './vscode/commands/exportCommand';
import { goToAnnotationCommand } from './vscode/commands/goToAnnotationCommand';
import { cardListCommand } from './vscode/commands/cardListCommand';
import { markCommand } from './vscode/commands/markCommand';
import { navigateCommand } from './vscode/commands/navigateCommand';
import { referencesCommand } from './vscode/commands/referencesCommand';
import { renameDemandCommand, renameSpeakerCommand } from './vscode/commands/renameCommand';
import { resolveConflictsCommand } from './vscode/commands/resolveConflictsCommand';
import { revealOffset } from './vscode/commands/revealOffsetCommand';
import { acceptCommand, deleteReviewCommand, reattachCommand } from './vscode/commands/reviewCommands';
import { setSpanCommand, stepSpanCommand } from './vscode/commands/resizeCommand';
import { openSidecarCommand, reloadSidecarCommand } from './vscode/commands/sidecarCommands';
import { openSampleCommand, showSidecarProblemCommand, startAnnotatingCommand } from './vscode/commands/startCommands';
import { decideOneCommand, decideSelectionCommand, decideSpeakerCommand, dismissCommand, stepCommand, suggestCommand, SuggestDeps } from './vscode/commands/suggestCommands';
import { undoCommand } from './vscode/commands/undoCommand';
import { DecorationController } from './vscode/decorations';
import { AttributionLensApi, extensionApi } from './vscode/extensionApi';
import { registerFileOps } from './vscode/fileOps';
import { AnnotationHoverProvider } from './vscode/hovers';
import { HoverWarmUp } from './vscode/hoverWarmUp';
import { NearIdenticalDiagnostics } from './vscode/nearIdenticalDiagnostics';
import { EntityDefinitionProvider, EntityReferenceProvider } from './vscode/navigation';
import { ReportView } from './vscode/reportView';
import { ReviewViews } from './vscode/reviewView';
import { Settings } from './vscode/settings';
import { registerSidecarLanguage } from './vscode/sidecarLanguage';
import { StatusBar } from './vscode/statusBar';
import { SuggestionDecorations } from './vscode/suggestDecorations';
import { SuggestOnOpen } from './vscode/suggestOnOpen';
import { SuggestionActionProvider, SuggestionHoverProvider } from './vscode/suggestProviders';
import { SuggestionStore } from './vscode/suggestStore';
import { SuggestionView } from './vscode/suggestView';
import { registerArticleSymbols } from './vscode/symbols';
import { ArticleViews } from './vscode/views';
import { chooseHighlights, HighlightStatus, setHighlight, toggleAllHighlights } from './vscode/highlightToggles';
import { LegendView } from './vscode/legendView';
import { Host } from './core/host';
import { useLocalFiles } from './vscode/workspaceHost';

export type { AttributionLensApi } from './vscode/extensionApi';

/** What the platform entry provides. */
export interface Platform {
  /** The host for file: URIs on the extension host's machine (node:fs); none in a browser, where workspace.fs does it all. */
  localFiles?: Host;
}

export function activateWith(context: vscode.ExtensionContext, platform: Platform): AttributionLensApi {
  useLocalFiles(platform.localFiles);
  const settings = new Settings();
  const config = settings.get;
  const log = vscode.window.createOutputChannel('Attribution Lens', { log: true });
  const store = new ArticleStore(config);
  const decorations = new DecorationController(store, config);
  const statusBar = new StatusBar(store);
  const editing: EditingDeps = { store, workspaceState: context.workspaceState };
  const views = new ArticleViews(store, config);
  const legend = new LegendView(store, decorations, config, settings.onDidChange);
  const highlightStatus = new HighlightStatus(store, config, settings.onDidChange);
  const review = new ReviewViews(store);
  const report = new ReportView(store);
  // Suggestions: the model file is read on the first run only (SuggestionStore.loadModel).
  const suggestions = new SuggestionStore(store, context.extensionUri);
  const suggest: SuggestDeps = { ...editing, suggestions };
  const suggestionDecorations = new SuggestionDecorations(suggestions);
  const suggestionView = new SuggestionView(store, suggestions);
  const hovers = new AnnotationHoverProvider(store, config);
  const showError = (message: string, ...actions: string[]) => vscode.window.showErrorMessage(message, ...actions);
  // Any scheme (remote, virtual, vsls:): the providers answer only for documents the store holds as articles.
  const selector: vscode.DocumentSelector = [{ language: 'plaintext' }, { language: 'markdown' }];

  context.subscriptions.push(
    settings,
    log,
    store,
    decorations,
    statusBar,
    views,
    legend,
    highlightStatus,
    review,
    report,
    flashes,
    suggestions,
    suggestionDecorations,
    suggestionView,
    new NearIdenticalDiagnostics(store),
    new SuggestOnOpen(suggest, store, config, (e) => void showError(`Attribution Lens: ${e instanceof Error ? e.message : String(e)}`)),
    vscode.languages.registerHoverProvider(selector, new SuggestionHoverProvider(suggestions)),
    vscode.languages.registerCodeActionsProvider(selector, new SuggestionActionProvider(suggestions), SuggestionActionProvider.metadata),
    registerFileOps(store, config),
    vscode.languages.registerHoverProvider(selector, hovers),
    new HoverWarmUp(store, hovers),
    registerArticleSymbols(store, selector),
    vscode.languages.registerDefinitionProvider(selector, new EntityDefinitionProvider(store)),
    vscode.languages.registerReferenceProvider(selector, new EntityReferenceProvider(store)),
    registerSidecarLanguage(config, settings.onDidChange),
    registerCommands(
      {
        showAnnotations: () => goToAnnotationCommand(store),
        revealOffset,
        openSidecar: () => openSidecarCommand(store),
        reloadSidecar: () => reloadSidecarCommand(store),
        resolveConflicts: (arg) => resolveConflictsCommand(store, arg),
        mark: (args) => markCommand(editing, undefined, args),
        markMention: (args) => markCommand(editing, 'mention', args),
        markQuote: (args) => markCommand(editing, 'quote', args),
        markDemand: (args) => markCommand(editing, 'demand', args),
        markResponse: (args) => markCommand(editing, 'response', args),
        editAnnotation: (args) => editCommand(editing, args),
        deleteAnnotation: (args) => deleteCommand(editing, args),
        setSpanToSelection: (args) => setSpanCommand(editing, args),
        growSpanEnd: (args) => stepSpanCommand(editing, 'end', 'grow', args),
        shrinkSpanEnd: (args) => stepSpanCommand(editing, 'end', 'shrink', args),
        growSpanStart: (args) => stepSpanCommand(editing, 'start', 'grow', args),
        shrinkSpanStart: (args) => stepSpanCommand(editing, 'start', 'shrink', args),
        addAlias: (args) => aliasCommand(editing, args),
        setDemandStatus: (args) => demandStatusCommand(editing, args),
        renameSpeaker: (args) => renameSpeakerCommand(editing, args),
        renameDemand: (args) => renameDemandCommand(editing, args),
        nextAnnotation: () => navigateCommand(store, 'next'),
        previousAnnotation: () => navigateCommand(store, 'previous'),
        showReferences: (args) => referencesCommand(store, args),
        // The exporters are evaluated on the first export, not at activation (esbuild keeps them in the bundle).
        exportAnnotations: async (args) =>
          (await import('./vscode/commands/exportCommand')).exportCommand({ store, config, output: log, workspaceState: context.workspaceState }, args as Parameters<typeof exportCommand>[1]),
        showReport: () => report.show(),
        undo: () => undoCommand(store, 'undo'),
        redo: () => undoCommand(store, 'redo'),
        reviewReattach: (args) => reattachCommand(editing, args),
        reviewAccept: (args) => acceptCommand({ ...editing, texts: review.texts }, args),
        reviewDelete: (args) => deleteReviewCommand(editing, args),
        suggestAnnotations: (args) => suggestCommand(suggest, args),
        acceptSuggestion: (args) => decideOneCommand(suggest, 'accept', args),
        rejectSuggestion: (args) => decideOneCommand(suggest, 'reject', args),
        acceptSpeakerSuggestions: (args) => decideSpeakerCommand(suggest, 'accept', args),
        rejectSpeakerSuggestions: (args) => decideSpeakerCommand(suggest, 'reject', args),
        acceptSelectionSuggestions: (args) => decideSelectionCommand(suggest, 'accept', args),
        rejectSelectionSuggestions: (args) => decideSelectionCommand(suggest, 'reject', args),
        nextSuggestion: () => stepCommand(suggest, 'next'),
        previousSuggestion: () => stepCommand(suggest, 'previous'),
        dismissSuggestions: (args) => dismissCommand(suggest, args),
        toggleHighlights: (value) => toggleAllHighlights(config, value),
        toggleQuoteHighlights: (value) => setHighlight(config, 'quote', value),
        toggleMentionHighlights: (value) => setHighlight(config, 'mention', value),
        toggleAliasHighlights: (value) => setHighlight(config, 'aliases', value),
        toggleDemandHighlights: (value) => setHighlight(config, 'demand', value),
        toggleResponseHighlights: (value) => setHighlight(config, 'response', value),
        toggleAliasesInQuotes: (value) => setHighlight(config, 'aliasesInQuotes', value),
        chooseHighlights: () => chooseHighlights(config),
        showLegend: () => legend.reveal(),
        showCardList: (uri, of, id, list) => cardListCommand(store, uri, of, id, list),
        startAnnotating: (args) => startAnnotatingCommand(store, args),
        showSidecarProblem: (args) => showSidecarProblemCommand(store, args),
        openSample: () => openSampleCommand(context.extensionUri, context.globalStorageUri),
      },
      { log, showError },
    ),
    settings.onDidChange(({ sidecarPatternChanged }) => {
      decorations.reconfigure();
      views.speakers.refresh();
      if (sidecarPatternChanged) {
        store.watch();
        void store.loadAll();
      }
    }),
  );
  // Reads every open article's sidecar in the background: activation returns at once.
  void store.loadAll();

  return extensionApi(store, decorations, views, review, report, statusBar, context.logUri, { store: suggestions, decorations: suggestionDecorations, view: suggestionView }, { legend, highlightStatus });
}

export function deactivate(): void {}
