// What the legend, the swatches and the decorations share: how a speaker's highlights are
// painted (a theme colour or a literal one), the CSS a decoration's render options stand for, a
// swatch as an SVG, and the legend's rows. The decorations and every legend read the same
// paint from here, so the legend cannot show one colour while the editor draws another.
import { SpeakerStyle, THEMED_COLORS, ThemeBase, UnderlineStyle } from './palette';
import { ANNOTATION_TYPES, AnnotationType, Sidecar, Speaker } from './model';
import { plural } from './wording';

/** A workbench colour by its id (`attributionLens.speaker3`) or a literal `#rrggbb[aa]`. */
export type Paint = { theme: string } | { hex: string };

export interface SpeakerPaint {
  /** The fill of quotes and mentions (translucent). */
  fill: Paint;
  /** The border of mentions, the underline of aliases, the ruler mark. */
  line: Paint;
  /** Generated colours only: the line under quotes too. */
  underline?: UnderlineStyle;
}

/** `fillAlpha` is the two hex digits of a literal colour's fill (the theme kind decides it). */
export function speakerPaint(style: SpeakerStyle, fillAlpha: string): SpeakerPaint {
  if (style.themeSlot) {
    return { fill: { theme: `attributionLens.speaker${style.themeSlot}` }, line: { theme: `attributionLens.speaker${style.themeSlot}Border` } };
  }
  return { fill: { hex: `${style.color}${fillAlpha}` }, line: { hex: style.color! }, ...(style.underline && { underline: style.underline }) };
}

/** The solid colour a swatch shows on a dark or light theme at its default colours. */
export function swatchHex(style: SpeakerStyle, base: ThemeBase): string {
  return style.themeSlot ? THEMED_COLORS[base][style.themeSlot - 1] : style.color!;
}

/** A 16×16 swatch: a filled rounded square in the colour, its border in the same colour. */
export function swatchSvg(hex: string): string {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a colour: ${hex}`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><rect x="2" y="2" width="12" height="12" rx="3" fill="${hex}" fill-opacity="0.55" stroke="${hex}" stroke-width="1.5"/></svg>`;
}

/** The swatch as a `data:` URL (base64: nothing in it needs escaping in Markdown, CSS or a URI). */
export function swatchDataUrl(hex: string): string {
  // btoa is in Node and in browsers alike; the SVG is ASCII.
  return `data:image/svg+xml;base64,${btoa(swatchSvg(hex))}`;
}

/** The CSS variable VS Code defines for a workbench colour in webviews (`--vscode-attributionLens-speaker3`). */
export function cssVariable(colorId: string): string {
  return `--vscode-${colorId.replace(/[^a-z0-9]/gi, '-')}`;
}

/**
 * The CSS declarations that draw what a decoration type draws, from its render options as the
 * decorations describe them (theme colours as `theme:<id>`). Only what shows on text is kept
 * (ruler marks and range behaviour are not styles); options are turned into CSS the way VS Code
 * does for decorations: camelCase to kebab-case.
 */
export function decorationCss(options: Record<string, string>): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (!CSS_OPTIONS.has(key)) continue;
    const css = value.startsWith('theme:') ? `var(${cssVariable(value.slice(6))})` : value;
    // Values come from our own options (colours parsed and reformatted, fixed words): refuse anything else.
    if (!/^[\w#%().,\- ]+$/.test(css)) continue;
    out.push(`${key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${css}`);
  }
  return out.join('; ');
}
const CSS_OPTIONS = new Set(['backgroundColor', 'borderWidth', 'borderStyle', 'borderColor', 'borderRadius', 'fontWeight', 'outlineWidth', 'outlineStyle', 'outlineColor', 'color']);

/** What each kind of highlight looks like, in the words the legends use. */
export const HIGHLIGHT_STYLES: readonly { kind: AnnotationType | 'alias'; name: string; look: string }[] = [
  { kind: 'quote', name: 'Quote', look: 'filled in the speaker colour' },
  { kind: 'mention', name: 'Mention', look: 'boxed in the speaker colour' },
  { kind: 'alias', name: 'Name or alias', look: 'dotted underline in the speaker colour (found, not stored)' },
  { kind: 'demand', name: 'Demand', look: 'dashed box' },
  { kind: 'response', name: 'Response', look: 'double underline' },
];

export interface LegendRow {
  speaker: Speaker;
  style: SpeakerStyle;
  counts: SpanCounts;
}

export type SpanCounts = Record<AnnotationType, number>;

/** How many stored spans of each type every speaker (and every demand) has. */
export function spanCounts(annotations: Iterable<{ type: AnnotationType; speaker?: string; demand?: string }>): { speakers: Map<string, SpanCounts>; demands: Map<string, SpanCounts> } {
  const speakers = new Map<string, SpanCounts>();
  const demands = new Map<string, SpanCounts>();
  const bump = (map: Map<string, SpanCounts>, id: string, type: AnnotationType) => {
    let c = map.get(id);
    if (!c) map.set(id, (c = emptyCounts()));
    c[type]++;
  };
  for (const a of annotations) {
    if (a.speaker) bump(speakers, a.speaker, a.type);
    if (a.demand) bump(demands, a.demand, a.type);
  }
  return { speakers, demands };
}

export function emptyCounts(): SpanCounts {
  return Object.fromEntries(ANNOTATION_TYPES.map((t) => [t, 0])) as SpanCounts;
}

/** One row per speaker, in sidecar order (the order colours are given in). */
export function legendRows(sidecar: Pick<Sidecar, 'speakers'>, styles: Map<string, SpeakerStyle>, counts: Map<string, SpanCounts>): LegendRow[] {
  const rows: LegendRow[] = [];
  for (const [id, speaker] of sidecar.speakers) {
    const style = styles.get(id);
    if (style) rows.push({ speaker, style, counts: counts.get(id) ?? emptyCounts() });
  }
  return rows;
}

/** "3 quotes · 1 mention": the non-zero counts, in a fixed order; empty when there are none. */
export function countsText(c: SpanCounts, types: readonly AnnotationType[] = ['quote', 'mention', 'response', 'demand']): string {
  return types
    .filter((t) => c[t] > 0)
    .map((t) => plural(c[t], t))
    .join(' · ');
}
