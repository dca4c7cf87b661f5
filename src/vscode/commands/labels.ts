// How text from an article or a sidecar is put into quick picks, notifications and the status
// bar: as text (core/displayText.ts says how). Quick picks and the status bar turn "$(name)" into
// icons, and notifications turn "[label](command:…)" into links that run commands.
import type * as vscode from 'vscode';
import { firstWords } from '../../core/crossRefs';
import { forMessage } from '../../core/displayText';
import { Annotation, AnnotationType } from '../../core/model';
import { inQuotes, nameInQuotes } from '../../core/wording';

/** Quotes text from the article or the sidecar for a message: short (cut at a word), on one line, no icons, no links. */
export function quoted(text: string, max = 40): string {
  return forMessage(inQuotes(text, max));
}

/** Quotes a speaker's name for a message: whole, as every message names a speaker. */
export function named(name: string): string {
  return forMessage(nameInQuotes(name));
}

export const TYPE_ICON: Record<AnnotationType, string> = {
  mention: '$(person)',
  quote: '$(quote)',
  demand: '$(megaphone)',
  response: '$(reply)',
};

/** A quick-pick row for an annotation. */
export function annotationLabel(a: Annotation, name: string, text: string): vscode.QuickPickItem {
  return {
    label: `${TYPE_ICON[a.type]} ${forMessage(name)}`,
    description: forMessage(firstWords(text, 10, 80)),
    detail: forMessage(`${a.type}${a.stance ? ` (${a.stance})` : ''} · ${a.id}${a.note ? ` · ${firstWords(a.note, 8, 50)}` : ''}`),
  };
}
