// Every command id in one place (package.json contributes the same ids).
export const Commands = {
  showAnnotations: 'attributionLens.showAnnotations',
  reloadSidecar: 'attributionLens.reloadSidecar',
  openSidecar: 'attributionLens.openSidecar',
  resolveConflicts: 'attributionLens.resolveConflicts',
  revealOffset: 'attributionLens.revealOffset',
  // Editing (src/vscode/commands/): each accepts optional arguments that skip its pickers.
  mark: 'attributionLens.mark',
  markMention: 'attributionLens.markMention',
  markQuote: 'attributionLens.markQuote',
  markDemand: 'attributionLens.markDemand',
  markResponse: 'attributionLens.markResponse',
  editAnnotation: 'attributionLens.editAnnotation',
  deleteAnnotation: 'attributionLens.deleteAnnotation',
  setSpanToSelection: 'attributionLens.setSpanToSelection',
  growSpanEnd: 'attributionLens.growSpanEnd',
  shrinkSpanEnd: 'attributionLens.shrinkSpanEnd',
  growSpanStart: 'attributionLens.growSpanStart',
  shrinkSpanStart: 'attributionLens.shrinkSpanStart',
  addAlias: 'attributionLens.addAlias',
  setDemandStatus: 'attributionLens.setDemandStatus',
  renameSpeaker: 'attributionLens.renameSpeaker',
  renameDemand: 'attributionLens.renameDemand',
  nextAnnotation: 'attributionLens.nextAnnotation',
  previousAnnotation: 'attributionLens.previousAnnotation',
  showReferences: 'attributionLens.showReferences',
  undo: 'attributionLens.undo',
  redo: 'attributionLens.redo',
  exportAnnotations: 'attributionLens.exportAnnotations',
  showReport: 'attributionLens.showReport',
  // Needs review (src/vscode/commands/reviewCommands.ts): a tree row, or the palette.
  reviewReattach: 'attributionLens.reviewReattach',
  reviewAccept: 'attributionLens.reviewAccept',
  reviewDelete: 'attributionLens.reviewDelete',
  // Suggestions (src/vscode/commands/suggestCommands.ts): the cursor's, a tree row's or a code action's.
  suggestAnnotations: 'attributionLens.suggestAnnotations',
  acceptSuggestion: 'attributionLens.acceptSuggestion',
  rejectSuggestion: 'attributionLens.rejectSuggestion',
  acceptSpeakerSuggestions: 'attributionLens.acceptSpeakerSuggestions',
  rejectSpeakerSuggestions: 'attributionLens.rejectSpeakerSuggestions',
  acceptSelectionSuggestions: 'attributionLens.acceptSelectionSuggestions',
  rejectSelectionSuggestions: 'attributionLens.rejectSelectionSuggestions',
  nextSuggestion: 'attributionLens.nextSuggestion',
  previousSuggestion: 'attributionLens.previousSuggestion',
  dismissSuggestions: 'attributionLens.dismissSuggestions',
  // Highlights on and off (src/vscode/highlightToggles.ts): each takes an optional true/false.
  toggleHighlights: 'attributionLens.toggleHighlights',
  toggleQuoteHighlights: 'attributionLens.toggleQuoteHighlights',
  toggleMentionHighlights: 'attributionLens.toggleMentionHighlights',
  toggleAliasHighlights: 'attributionLens.toggleAliasHighlights',
  toggleDemandHighlights: 'attributionLens.toggleDemandHighlights',
  toggleResponseHighlights: 'attributionLens.toggleResponseHighlights',
  toggleAliasesInQuotes: 'attributionLens.toggleAliasesInQuotes',
  chooseHighlights: 'attributionLens.chooseHighlights',
  showLegend: 'attributionLens.showLegend',
  // A hover card's "show all" link: the whole list in a quick pick (src/vscode/commands/cardListCommand.ts).
  showCardList: 'attributionLens.showCardList',
  // Starting and recovering (src/vscode/commands/startCommands.ts): the status bar's and the welcome views' buttons.
  startAnnotating: 'attributionLens.startAnnotating',
  showSidecarProblem: 'attributionLens.showSidecarProblem',
  openSample: 'attributionLens.openSample',
} as const;

/** Side-bar view ids (package.json contributes the same ids under "views"). */
export const Views = {
  speakers: 'attributionLens.speakers',
  demands: 'attributionLens.demands',
  review: 'attributionLens.review',
  suggestions: 'attributionLens.suggestions',
  legend: 'attributionLens.legend',
} as const;

/** Commands that hover cards may link to: the allowlist for trusted command links. */
export const HOVER_LINK_COMMANDS = [Commands.revealOffset, Commands.showCardList];
