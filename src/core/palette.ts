// Which colour a speaker is drawn in. The first ten speakers, by their place in the sidecar
// (stable as people add speakers at the end), get the themable colours
// attributionLens.speaker1..10. Every later speaker gets a generated colour that no one else
// in the article has, and a second visual channel (the style of the underline under their
// quotes), since past a dozen hues any colour gets hard to tell from some other. A speaker's
// own `color` in the sidecar wins over both.
import { formatHex, Oklab, oklabDistance, oklchToRgb, parseHexColor, rgbToOklab } from './colorSpace';
import { Sidecar, SPEAKER_KINDS } from './model';

export const PALETTE_SIZE = 10;

/** Colours are generated for a dark or a light editor background (high-contrast themes follow theirs). */
export type ThemeBase = 'dark' | 'light';

/** The default border colours of the themed slots (package.json `contributes.colors` speakerNBorder). */
export const THEMED_COLORS: Record<ThemeBase, readonly string[]> = {
  dark: ['#4e9bff', '#ff9e4e', '#5fd068', '#ff6b8b', '#b58cff', '#e6d34f', '#4fd6d6', '#ff7ad9', '#a8c256', '#c49a6c'],
  light: ['#1f6fd6', '#d66a12', '#2e9e3a', '#d6294f', '#7a4fd6', '#a89400', '#129e9e', '#c2259c', '#6b8a1a', '#8a5a2b'],
};

/** Other colours the extension draws with (demand box, response underline, orphan mark): kept clear of too. */
const OTHER_COLORS: Record<ThemeBase, readonly string[]> = {
  dark: ['#ff5f5f', '#2fd0a8', '#ffcc00'],
  light: ['#c41a1a', '#0a7d62', '#b38f00'],
};

export const UNDERLINE_STYLES = ['solid', 'dashed', 'dotted'] as const;
export type UnderlineStyle = (typeof UNDERLINE_STYLES)[number];

/** How one speaker's highlights are drawn. */
export interface SpeakerStyle {
  /** 1-based: the speaker's place in the sidecar (or its kind's place), for legends. */
  position: number;
  /** 1..PALETTE_SIZE when drawn in the theme colour attributionLens.speaker{themeSlot}. */
  themeSlot?: number;
  /** `#rrggbb` when not themed: generated, or the speaker's own `color`. */
  color?: string;
  /** Set when the colour is the speaker's own, from the sidecar. */
  own?: true;
  /** Generated colours only: the style of the line under quotes. */
  underline?: UnderlineStyle;
  /** Names what is drawn: speakers with equal keys look alike (the same theme slot or colour). */
  key: string;
}

/**
 * Every speaker's style, distinct for every speaker however many there are. By kind, the
 * four kinds take the first four theme colours and own colours are ignored: that view is
 * about kinds, not people.
 */
export function speakerStyles(sidecar: Pick<Sidecar, 'speakers'>, colorBy: 'speaker' | 'kind', base: ThemeBase): Map<string, SpeakerStyle> {
  const out = new Map<string, SpeakerStyle>();
  let position = 0;
  for (const [id, speaker] of sidecar.speakers) {
    position++;
    if (colorBy === 'kind') {
      const slot = SPEAKER_KINDS.indexOf(speaker.kind) + 1;
      out.set(id, { position: slot, themeSlot: slot, key: String(slot) });
      continue;
    }
    const own = speaker.color === undefined ? undefined : parseHexColor(speaker.color);
    out.set(id, own ? { position, color: formatHex(own), own: true, key: formatHex(own) } : automaticStyle(position, base));
  }
  return out;
}

/** The style of the speaker at a 1-based place when it has no colour of its own. */
export function automaticStyle(position: number, base: ThemeBase): SpeakerStyle {
  if (position <= PALETTE_SIZE) return { position, themeSlot: position, key: String(position) };
  const g = generated(base, position - PALETTE_SIZE - 1);
  return { position, color: g.color, underline: g.underline, key: String(position) };
}

/** Why a sidecar `color` value cannot be used (null: written empty), or undefined when it can. */
export function colorProblem(speakerId: string, value: string | null): string | undefined {
  const fallback = 'the automatic colour is used';
  if (value === null || value === '') {
    return `Speaker "${speakerId}": "color" is empty; write it in quotes, color: "#d62728" (unquoted, YAML reads # as the start of a comment); ${fallback}`;
  }
  if (parseHexColor(value)) return undefined;
  return `Speaker "${speakerId}": "color" must be a hex colour such as "#d62728" or "#c00", not "${value}"; ${fallback}`;
}

/** Closer than this (OKLab) two colours pass for one at a glance; the themed defaults are all farther apart. */
export const CLASH_DISTANCE = 0.06;

/**
 * Speakers whose own colour looks like another speaker's (automatic or own, on dark or light
 * themes at their default colours): a misattribution waiting to happen, said once per speaker.
 */
export function ownColorClashes(sidecar: Sidecar): { speakerId: string; message: string }[] {
  const out = new Map<string, string>();
  if (![...sidecar.speakers.values()].some((s) => s.color !== undefined)) return [];
  for (const base of ['dark', 'light'] as const) {
    const styles = [...speakerStyles(sidecar, 'speaker', base)];
    const hexOf = (s: SpeakerStyle) => s.color ?? THEMED_COLORS[base][s.themeSlot! - 1];
    styles.forEach(([id, style], i) => {
      if (out.has(id) || !style.own) return;
      const lab = rgbToOklab(parseHexColor(style.color!)!);
      // Against everyone with an automatic colour, and the own colours listed before this one.
      const other = styles.find(
        ([otherId, o], j) => otherId !== id && (!o.own || j < i) && oklabDistance(lab, rgbToOklab(parseHexColor(hexOf(o))!)) < CLASH_DISTANCE,
      );
      if (other) {
        out.set(id, `Speaker "${id}": color "${style.color}" is hard to tell from the colour of speaker "${other[0]}" (${hexOf(other[1])} on ${base} themes); choose another, or leave "color" out for an automatic colour`);
      }
    });
  }
  return [...out].map(([speakerId, message]) => ({ speakerId, message }));
}

// ---------------------------------------------------------------------------------------
// Generated colours

/**
 * Candidates: OKLCH colours inside sRGB, at lightnesses that read on the theme's background
 * and chromas high enough to read as colours, not greys.
 */
const LIGHTNESS: Record<ThemeBase, number[]> = {
  dark: [0.62,0.68,0.74,0.8,0.86,0.92],
  light: [0.38,0.44,0.5,0.56,0.62,0.68],
};
const CHROMA = [0.08, 0.11, 0.14, 0.17, 0.2, 0.23];
const HUE_STEP = 3;

interface Generator {
  candidates: { hex: string; lab: Oklab; nearest: number }[];
  picked: { color: string; lab: Oklab; underline: UnderlineStyle; distance: number }[];
}

const generators = new Map<ThemeBase, Generator>();

/**
 * The n-th (0-based) generated colour: of all candidates, the one farthest (OKLab) from
 * the ten themed colours, the demand and response colours, and every colour generated before it. Each pick depends only on
 * the ones before, so a speaker's colour never changes when speakers are added after it.
 * The underline style is the one whose speakers are farthest in colour from this one, so
 * the colours nearest alike differ in the second channel.
 */
export function generated(base: ThemeBase, n: number): { color: string; underline: UnderlineStyle; distance: number } {
  const g = generatorFor(base);
  while (g.picked.length <= n) pickNext(g);
  return g.picked[n];
}

function generatorFor(base: ThemeBase): Generator {
  let g = generators.get(base);
  if (g) return g;
  const seen = new Set<string>();
  const candidates: Generator['candidates'] = [];
  for (const l of LIGHTNESS[base]) {
    for (let h = 0; h < 360; h += HUE_STEP) {
      for (const c of CHROMA) {
        const rgb = oklchToRgb(l, c, h);
        if (!rgb) continue;
        const hex = formatHex(rgb);
        if (seen.has(hex)) continue;
        seen.add(hex);
        // Distances are measured on the rounded colour, the one really drawn.
        candidates.push({ hex, lab: rgbToOklab(parseHexColor(hex)!), nearest: Infinity });
      }
    }
  }
  const themed = [...THEMED_COLORS[base], ...OTHER_COLORS[base]].map((hex) => rgbToOklab(parseHexColor(hex)!));
  for (const cand of candidates) for (const t of themed) cand.nearest = Math.min(cand.nearest, oklabDistance(cand.lab, t));
  g = { candidates, picked: [] };
  generators.set(base, g);
  return g;
}

function pickNext(g: Generator): void {
  let best = -1;
  for (let i = 0; i < g.candidates.length; i++) if (best < 0 || g.candidates[i].nearest > g.candidates[best].nearest) best = i;
  // More speakers than candidates (over a thousand): reuse colours in order, the underline still varies.
  const cand = g.candidates[best];
  const distance = cand.nearest;
  const hex = distance > 0 ? cand.hex : g.picked[g.picked.length % g.candidates.length].color;
  const lab = rgbToOklab(parseHexColor(hex)!);
  for (const other of g.candidates) other.nearest = Math.min(other.nearest, oklabDistance(other.lab, lab));
  cand.nearest = 0;
  const farthest = (style: UnderlineStyle) =>
    Math.min(Infinity, ...g.picked.filter((p) => p.underline === style).map((p) => oklabDistance(p.lab, lab)));
  let underline: UnderlineStyle = UNDERLINE_STYLES[0];
  for (const style of UNDERLINE_STYLES) if (farthest(style) > farthest(underline)) underline = style;
  g.picked.push({ color: hex, lab, underline, distance });
}
