// Speaker colours of the HTML report: the editor's assignment (palette.ts speakerStyles), so a
// speaker looks the same in the report as in the editor. The first ten speakers are drawn by the
// fixed stylesheet's slots 1..10 (theme colours, a webview's own values win). Every other look
// (a generated colour with its underline, or a speaker's own colour) gets a class number from 11
// on and is defined by a second style block made for this article: its text is different per
// page, so html.ts allows it by its own hash or nonce. It is built with the `html` tag from
// numbers, a closed set of underline keywords and colours checked to be `#rrggbb`: nothing a
// sidecar says can reach the CSS as anything else.
import { Sidecar } from '../../model';
import { PALETTE_SIZE, SpeakerStyle, speakerStyles, ThemeBase, UNDERLINE_STYLES, UnderlineStyle } from '../../palette';
import { html, htmlLines, SafeHtml } from '../safeHtml';

export interface SpeakerColors {
  /** Class number per sidecar speaker id: 1..10 a themed slot, 11.. a look of this page's own block. */
  slots: Map<string, number>;
  /** Class numbers whose quotes are underlined (generated colours, as in the editor). */
  underlined: Set<number>;
  /** The page's own style block; undefined when every speaker is in a themed slot. */
  css?: SafeHtml;
}

interface Look {
  slot: number;
  light: SpeakerStyle;
  dark: SpeakerStyle;
}

/**
 * The themes the block writes for, with the alpha of the quote fill the editor uses there
 * (decorations.ts fillAlpha; a VS Code theme's own fills for the themed slots).
 */
const THEMES: { selector: string; base: ThemeBase; alpha: string }[] = [
  { selector: ':root,body.vscode-light', base: 'light', alpha: '30' },
  { selector: 'body.vscode-high-contrast-light', base: 'light', alpha: '40' },
  { selector: '@media (prefers-color-scheme:dark){:root', base: 'dark', alpha: '40' },
  { selector: 'body.vscode-dark', base: 'dark', alpha: '40' },
  { selector: 'body.vscode-high-contrast', base: 'dark', alpha: '60' },
];

export function speakerColors(sidecar: Sidecar): SpeakerColors {
  const light = speakerStyles(sidecar, 'speaker', 'light');
  const dark = speakerStyles(sidecar, 'speaker', 'dark');
  const slots = new Map<string, number>();
  const looks = new Map<string, Look>();
  for (const [id, l] of light) {
    if (l.themeSlot) {
      slots.set(id, l.themeSlot);
      continue;
    }
    // Speakers with equal keys look alike in the editor (the same own colour): one class here too.
    let look = looks.get(l.key);
    if (!look) looks.set(l.key, (look = { slot: PALETTE_SIZE + 1 + looks.size, light: l, dark: dark.get(id)! }));
    slots.set(id, look.slot);
  }
  const all = [...looks.values()];
  const underlined = new Set(all.filter((k) => k.light.underline).map((k) => k.slot));
  return { slots, underlined, css: all.length ? styleBlock(all) : undefined };
}

function styleBlock(looks: Look[]): SafeHtml {
  const lines: SafeHtml[] = [html`/* This article's speakers past the ten theme colours: generated colours (quotes underlined too) and speakers' own colours. */`];
  for (const theme of THEMES) {
    const vars = looks.map(({ slot, ...look }) => {
      const style = look[theme.base];
      const color = hex(style.color);
      const line = style.underline ? html`--al-s${slot}u:${underline(style.underline)};` : '';
      return html`--al-s${slot}:${color};--al-s${slot}b:${color}${theme.alpha};${line}`;
    });
    lines.push(html`${theme.selector}{${vars}}${theme.selector.startsWith('@media') ? '}' : ''}`);
  }
  for (const { slot, light } of looks) {
    lines.push(html`.hl.qs${slot}{background-color:var(--al-s${slot}b)}`);
    if (light.underline) {
      lines.push(html`.hl.qs${slot},.chip.q.s${slot},.t-badge.quote.s${slot}{text-decoration:underline var(--al-s${slot}u) var(--al-s${slot}) 2px;text-underline-offset:3px}`);
    }
    lines.push(html`.ms${slot}{--mc:var(--al-s${slot})}`);
    lines.push(html`.sw.s${slot},.chip.s${slot},.t-badge.s${slot}{--sc:var(--al-s${slot})}`);
    lines.push(html`.fs${slot}{fill:var(--al-s${slot})}`);
  }
  return htmlLines(lines);
}

/** The colour as it may stand in CSS, `#rrggbb`; anything else is a bug upstream, never passed on. */
export function hex(color: string | undefined): string {
  if (color === undefined || !/^#[0-9a-f]{6}$/.test(color)) throw new Error(`not a #rrggbb colour: ${JSON.stringify(color)}`);
  return color;
}

function underline(style: UnderlineStyle): string {
  if (!(UNDERLINE_STYLES as readonly string[]).includes(style)) throw new Error(`not an underline style: ${JSON.stringify(style)}`);
  return style;
}
