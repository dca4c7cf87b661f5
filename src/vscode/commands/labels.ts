// How text from an article or a sidecar is put into quick picks, notifications and the status
// bar: as text. Quick picks and the status bar turn "$(name)" into icons, and notifications turn
// "[label](command:…)" into links that run commands, so both are broken with a zero-width space.
import type * as vscode from 'vscode';
import { firstWords } from '../../core/crossRefs';
import { Annotation, AnnotationType } from '../../core/model';

/** Names from a sidecar must not turn into icons in quick-pick labels or the status bar. */
export function escapeIcons(s: string): string {
  return s.replace(/\$\(/g, '$\u200B(');
}

/** Untrusted text for a notification: no icons, and no links (a notification's links may run commands). */
export function plainText(s: string): string {
  return escapeIcons(s).replace(/\]\(/g, ']\u200B(');
}

/** Quotes text from the article or the sidecar for a message: short, on one line, no icons, no links. */
export function quoted(text: string, max = 40): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return `“${plainText(oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine)}”`;
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
    label: `${TYPE_ICON[a.type]} ${escapeIcons(name)}`,
    description: escapeIcons(firstWords(text, 10, 80)),
    detail: `${a.type}${a.stance ? ` (${a.stance})` : ''} · ${a.id}${a.note ? ` · ${escapeIcons(firstWords(a.note, 8, 50))}` : ''}`,
  };
}
