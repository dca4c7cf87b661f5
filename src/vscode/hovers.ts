// Hover cards. Article and sidecar text is appended as text (escaped), never as trusted
// Markdown; the only links are to allowlisted commands.
import * as vscode from 'vscode';
import { visibleControls } from '../core/displayText';
import { Card, cardsAt, commandUri, Inline, LegendInfo } from '../core/hoverCards';
import { spansToDraw } from '../core/highlightFilter';
import { speakerStyles } from '../core/palette';
import { swatchDataUrl, swatchHex } from '../core/legend';
import { themeBase } from './decorations';
import { Sidecar } from '../core/model';
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
    const spans = spansToDraw(model.index.covering(document.offsetAt(position)), config.highlight);
    if (spans.length === 0) return undefined;
    const cards = cardsAt(spans, model.crossRefs, legendInfo(model.sidecar, config.colorBy));
    if (cards.length === 0) return undefined;
    const inner = spans[spans.length - 1];
    const range = new vscode.Range(document.positionAt(inner.start), document.positionAt(inner.end));
    const swatch = hoverSwatches(model.sidecar, config.colorBy);
    const rendered = cards.map((c) => renderCard(c, document.uri, swatch));
    const stale = this.store.get(document.uri)?.stale;
    return new vscode.Hover(stale ? [staleNotice(stale), ...rendered] : rendered, range);
  }
}

/** What a card's legend says of a speaker's colour. */
export function legendInfo(sidecar: Pick<Sidecar, 'speakers'>, colorBy: 'speaker' | 'kind'): LegendInfo {
  // The legend names a speaker's place, which does not depend on the theme's colours.
  const styles = speakerStyles(sidecar, colorBy, 'dark');
  return {
    slotOf: (id) => styles.get(id)?.position ?? 0,
    colorBy,
    // Whether there is an underline does not depend on the theme either (its style does).
    underlined: (id) => styles.get(id)?.underline !== undefined,
  };
}

/** First in the hover of a stale article: what is shown is not what the file says now. */
function staleNotice(stale: StaleInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.appendMarkdown(`$(warning) **Stale, read-only:** ${escapeText(`the sidecar is broken (${staleReason(stale)}). These are its annotations as last read without errors; fix the file to annotate again.`)}`);
  md.supportThemeIcons = true;
  return md;
}

export function renderCard(card: Card, article: vscode.Uri, swatch?: (speakerId: string) => string): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = { enabledCommands: [...HOVER_LINK_COMMANDS] };
  md.supportHtml = false;
  const inline = (parts: Inline[]) => {
    for (const p of parts) {
      if ('text' in p) md.appendMarkdown(escapeText(p.text));
      else if ('strong' in p) md.appendMarkdown(`**${escapeText(p.strong)}**`);
      // The label may be a demand's summary: escaped like any text. The title is our own words.
      else md.appendMarkdown(`[${escapeText(p.link)}](${commandUri(Commands.revealOffset, [article.toString(), p.offset, p.end])} "${p.title}")`);
    }
  };
  inline(card.title);
  md.appendMarkdown('\n\n');
  for (const line of card.lines) {
    inline(line);
    md.appendMarkdown('  \n');
  }
  for (const section of card.sections) {
    md.appendMarkdown(`\n**${escapeText(section.heading)}**\n\n`);
    for (const item of section.items) {
      md.appendMarkdown('- ');
      inline(item);
      md.appendMarkdown('\n');
    }
    if (section.more) {
      const all = section.all;
      const total = section.items.length + section.more;
      const link = all ? ` · [show all ${total}](${commandUri(Commands.showCardList, [article.toString(), all.of, all.id, all.list])} "Open the whole list; pick one to select it")` : '';
      md.appendMarkdown(`- … and ${section.more} more${link}\n`);
    }
  }
  if (card.legend) md.appendMarkdown(`\n---\n\n${(card.speakerId && swatch?.(card.speakerId)) || ''}*${escapeText(card.legend)}*`);
  return md;
}

/**
 * The hover legend's swatch: an image of the speaker's colour (Markdown images only, so the
 * current theme's default colour; the editor and the Legend view follow customizations too).
 */
export function hoverSwatches(sidecar: Pick<Sidecar, 'speakers'>, colorBy: 'speaker' | 'kind'): (speakerId: string) => string {
  const base = themeBase();
  const styles = speakerStyles(sidecar, colorBy, base);
  return (id) => {
    const style = styles.get(id);
    // Built from a parsed colour only (swatchSvg refuses anything else); base64 has no Markdown syntax in it.
    return style ? `![speaker colour](${swatchDataUrl(swatchHex(style, base))}) ` : '';
  };
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
