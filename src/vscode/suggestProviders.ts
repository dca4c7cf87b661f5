// The hover card of a suggestion (what it is and why: "suggested: cue 'said', score 0.93") and
// the code actions (lightbulb) that accept or reject it, all of its speaker's, or all in the
// selection. Article text (the cue, the words) and names only ever go in as escaped text.
import * as vscode from 'vscode';
import { groupKey, suggestionsAt, suggestionsIn } from '../core/suggest/pending';
import { Suggestion, SuggestionReason } from '../core/suggest/suggestions';
import { Commands } from './commandIds';
import { KEYS, keyLabel } from './commands/keys';
import { quoted } from './commands/labels';
import { escapeText } from './hovers';
import { SuggestionStore } from './suggestStore';

/** "suggested: cue 'said', score 0.93, rule demand: urged": the reason as a person reads it. */
export function reasonText(r: SuggestionReason): string {
  const parts = [r.cue !== undefined ? `cue '${r.cue.replace(/\s+/g, ' ')}'` : '', `score ${r.score.toFixed(2)}`, r.rule ? `rule ${r.rule}` : ''];
  return `suggested: ${parts.filter(Boolean).join(', ')}`;
}

export class SuggestionHoverProvider implements vscode.HoverProvider {
  constructor(private readonly suggestions: SuggestionStore) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const here = suggestionsAt(this.suggestions.pending(document), document.offsetAt(position));
    if (!here.length) return undefined;
    const cards = here.slice(0, 3).map((s) => {
      const md = new vscode.MarkdownString('', false);
      md.isTrusted = false;
      md.supportHtml = false;
      const a = s.annotation;
      const name = this.suggestions.speakerName(document.uri, a.speaker);
      const known = a.speaker !== undefined && this.suggestions.stateOf(document.uri)?.speakers.has(a.speaker);
      md.appendMarkdown(`**Suggested ${a.type}**${name ? ` · ${escapeText(name)}${known ? '' : ' (new speaker)'}` : ''}\n\n`);
      md.appendMarkdown(`${escapeText(reasonText(s.reason))}\n\n`);
      md.appendMarkdown(escapeText(`Accept: ${keyLabel(KEYS.acceptSuggestion)} · Reject: ${keyLabel(KEYS.rejectSuggestion)} · more in the lightbulb (Ctrl+.) · next: ${keyLabel(KEYS.nextSuggestion)}`));
      return md;
    });
    const inner = here[0].annotation;
    return new vscode.Hover(cards, new vscode.Range(document.positionAt(inner.start), document.positionAt(inner.end)));
  }
}

export const SUGGESTION_ACTION = vscode.CodeActionKind.QuickFix.append('attributionLens.suggestion');

/** What a code action, a tree row or a test hands to the suggestion commands. */
export interface SuggestionTarget {
  article: string;
  /** One suggestion, by key. */
  key?: string;
  /** Every pending suggestion of a group (see groupKey): `speaker:<id>` or `type:<type>`. */
  group?: string;
  /** Every pending suggestion overlapping [start, end). */
  range?: [number, number];
}

export class SuggestionActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [SUGGESTION_ACTION] };

  constructor(private readonly suggestions: SuggestionStore) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const pending = this.suggestions.pending(document);
    if (!pending.length) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const article = document.uri.toString();
    const actions: vscode.CodeAction[] = [];
    const action = (title: string, command: string, target: SuggestionTarget, preferred = false) => {
      const a = new vscode.CodeAction(title, SUGGESTION_ACTION);
      a.command = { title, command, arguments: [target] };
      a.isPreferred = preferred;
      actions.push(a);
    };
    const [one] = suggestionsAt(pending, start, end);
    if (one) {
      const what = `suggested ${one.annotation.type} ${quoted(one.annotation.text ?? '', 30)}`;
      action(`Accept ${what}`, Commands.acceptSuggestion, { article, key: one.key }, true);
      action(`Reject ${what}`, Commands.rejectSuggestion, { article, key: one.key });
      const group = groupKey(one);
      const count = pending.filter((s) => groupKey(s) === group).length;
      if (count > 1) {
        const whose = this.groupName(document, one);
        action(`Accept all ${count} suggestions of ${whose}`, Commands.acceptSpeakerSuggestions, { article, group });
        action(`Reject all ${count} suggestions of ${whose}`, Commands.rejectSpeakerSuggestions, { article, group });
      }
    }
    const inSelection = end > start ? suggestionsIn(pending, start, end) : [];
    if (inSelection.length > 1 || (inSelection.length === 1 && inSelection[0] !== one)) {
      action(`Accept the ${inSelection.length} suggestions in the selection`, Commands.acceptSelectionSuggestions, { article, range: [start, end] });
      action(`Reject the ${inSelection.length} suggestions in the selection`, Commands.rejectSelectionSuggestions, { article, range: [start, end] });
    }
    return actions;
  }

  private groupName(document: vscode.TextDocument, s: Suggestion): string {
    const name = this.suggestions.speakerName(document.uri, s.annotation.speaker);
    return name ? quoted(name, 40) : `type ${s.annotation.type}`;
  }
}
