// Hover cards. Article and sidecar text is appended as text (escaped), never as trusted
// Markdown; the only links are to allowlisted commands.
import * as vscode from 'vscode';
import { HighlightSpan } from '../core/articleModel';
import { visibleControls } from '../core/displayText';
import { Card, cardsAt, Inline } from '../core/hoverCards';
import { speakerStyles } from '../core/palette';
import { ArticleStore } from './articleStore';
import { Commands, HOVER_LINK_COMMANDS } from './commandIds';
import { Config } from './config';
import { StaleInfo } from './articleState';
import { staleReason } from './staleState';

export class AnnotationHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly store: ArticleStore,
    private readonly config: () => Config,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const model = this.store.get(document.uri)?.model;
    if (!model) return undefined;
    const config = this.config();
    const spans = model.index.covering(document.offsetAt(position)).filter((s) => isShown(s, config));
    if (spans.length === 0) return undefined;
    // The legend names a speaker's place, which does not depend on the theme's colours.
    const styles = speakerStyles(model.sidecar, config.colorBy, 'dark');
    const cards = cardsAt(spans, model.crossRefs, {
      slotOf: (id) => styles.get(id)?.position ?? 0,
      colorBy: config.colorBy,
      // Whether there is an underline does not depend on the theme either (its style does).
      underlined: (id) => styles.get(id)?.underline !== undefined,
    });
    if (cards.length === 0) return undefined;
    const inner = spans[spans.length - 1];
    const range = new vscode.Range(document.positionAt(inner.start), document.positionAt(inner.end));
    const rendered = cards.map((c) => renderCard(c, document.uri));
    const stale = this.store.get(document.uri)?.stale;
    return new vscode.Hover(stale ? [staleNotice(stale), ...rendered] : rendered, range);
  }
}

/** First in the hover of a stale article: what is shown is not what the file says now. */
function staleNotice(stale: StaleInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.appendMarkdown(`$(warning) **Stale, read-only:** ${escapeText(`the sidecar is broken (${staleReason(stale)}). These are its annotations as last read without errors; fix the file to annotate again.`)}`);
  md.supportThemeIcons = true;
  return md;
}

function isShown(span: HighlightSpan, config: Config): boolean {
  return span.kind === 'alias' ? config.highlight.aliases : config.highlight[span.annotation.type];
}

export function renderCard(card: Card, article: vscode.Uri): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = { enabledCommands: [...HOVER_LINK_COMMANDS] };
  md.supportHtml = false;
  const inline = (parts: Inline[]) => {
    for (const p of parts) {
      if ('text' in p) md.appendMarkdown(escapeText(p.text));
      else if ('strong' in p) md.appendMarkdown(`**${escapeText(p.strong)}**`);
      else {
        const args = encodeURIComponent(JSON.stringify([article.toString(), p.offset]));
        // Label and title are our own words ("line 12"), never article text.
        md.appendMarkdown(`[${p.link}](command:${Commands.revealOffset}?${args} "${p.title}")`);
      }
    }
  };
  inline(card.title);
  md.appendMarkdown('\n\n');
  for (const line of card.lines) {
    inline(line);
    md.appendMarkdown('  \n');
  }
  for (const section of card.sections) {
    md.appendMarkdown(`\n**${section.heading}**\n\n`);
    for (const item of section.items) {
      md.appendMarkdown('- ');
      inline(item);
      md.appendMarkdown('\n');
    }
    if (section.more) md.appendMarkdown(`- … and ${section.more} more (Go to Annotation… lists them all)\n`);
  }
  md.appendMarkdown(`\n---\n\n*${escapeText(card.legend)}*`);
  return md;
}

/**
 * Untrusted text as Markdown that can only render as that text: every ASCII punctuation
 * character is backslash-escaped (CommonMark allows it for all of them), so no link, emphasis,
 * HTML tag or entity can form; line breaks fold to spaces since card items are one line, and
 * other controls and bidi overrides show as escapes (\u202e), so nothing reorders the card.
 * Stricter than MarkdownString.appendText, which leaves `<` and `&` alone.
 */
export function escapeText(text: string): string {
  return visibleControls(text.replace(/\r?\n|\r/g, ' ')).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
