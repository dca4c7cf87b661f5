// Colour swatches for tree rows and quick picks. A tree row's icon can be a ThemeIcon tinted by
// a workbench colour, which is exactly the colour the decorations use (a user's
// workbench.colorCustomizations included); quick picks ignore a ThemeIcon's colour
// (microsoft/vscode#185356), and literal colours have no ThemeColor, so those get a small SVG as
// a data: URI, which trees and quick picks accept on the desktop and in the web alike
// (microsoft/vscode#141303) without writing a file.
import * as vscode from 'vscode';
import { swatchDataUrl, swatchHex } from '../core/legend';
import { speakerStyles, SpeakerStyle } from '../core/palette';
import { Sidecar, Speaker } from '../core/model';
import { readConfig } from './config';

export type SwatchIcon = vscode.ThemeIcon | { light: vscode.Uri; dark: vscode.Uri };

/**
 * Every speaker's swatch, for dark and light themes (generated colours differ between them).
 * `tinted`: themed colours as tinted ThemeIcons (trees); otherwise SVGs only (quick picks).
 */
export function speakerSwatches(sidecar: Pick<Sidecar, 'speakers'>, colorBy: 'speaker' | 'kind', tinted: boolean): Map<string, SwatchIcon> {
  const dark = speakerStyles(sidecar, colorBy, 'dark');
  const light = speakerStyles(sidecar, colorBy, 'light');
  const out = new Map<string, SwatchIcon>();
  for (const [id, style] of dark) out.set(id, swatchIcon(style, light.get(id) ?? style, tinted));
  return out;
}

function swatchIcon(dark: SpeakerStyle, light: SpeakerStyle, tinted: boolean): SwatchIcon {
  // The border colour: the solid one (the fill is it, translucent).
  if (tinted && dark.themeSlot) return new vscode.ThemeIcon('circle-large-filled', new vscode.ThemeColor(`attributionLens.speaker${dark.themeSlot}Border`));
  return { dark: svgUri(swatchHex(dark, 'dark')), light: svgUri(swatchHex(light, 'light')) };
}

export function svgUri(hex: string): vscode.Uri {
  return vscode.Uri.from({ scheme: 'data', path: swatchDataUrl(hex).slice('data:'.length) });
}

/**
 * Puts each speaker row's swatch on it (quick picks: SVGs only), colours as the decorations
 * give them: by place in the sidecar, new speakers after the stored ones, as they will be saved.
 */
export function setSwatches<T extends vscode.QuickPickItem>(items: T[], speakers: Iterable<Speaker>, idOf: (item: T) => string | undefined): void {
  const byId = new Map<string, Speaker>();
  for (const s of speakers) if (!byId.has(s.id)) byId.set(s.id, s);
  const swatches = speakerSwatches({ speakers: byId }, readConfig().colorBy, false);
  for (const item of items) {
    const icon = swatches.get(idOf(item) ?? '');
    if (icon && !(icon instanceof vscode.ThemeIcon)) item.iconPath = icon;
  }
}
