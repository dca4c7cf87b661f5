// Colour arithmetic for the speaker palette: hex colours, OKLCH → sRGB, and OKLab distance.
// OKLab (Björn Ottosson, 2020) is used because equal distances in it look about equally
// different, which is what "two speakers must not look alike" needs; the matrices are his.

/** sRGB, each channel 0..1. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export type Oklab = [l: number, a: number, b: number];

/** `#rgb` or `#rrggbb` (any case); anything else, alpha included, is not a speaker colour. */
export function parseHexColor(text: string): Rgb | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!m) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  const n = parseInt(hex, 16);
  return { r: ((n >> 16) & 255) / 255, g: ((n >> 8) & 255) / 255, b: (n & 255) / 255 };
}

export function formatHex(c: Rgb): string {
  const byte = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 255).toString(16).padStart(2, '0');
  return `#${byte(c.r)}${byte(c.g)}${byte(c.b)}`;
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

export function rgbToOklab(c: Rgb): Oklab {
  const r = toLinear(c.r);
  const g = toLinear(c.g);
  const b = toLinear(c.b);
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return [
    0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
    1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
    0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s,
  ];
}

/** The sRGB colour of OKLCH (l 0..1, chroma, hue in degrees), or undefined outside the sRGB gamut. */
export function oklchToRgb(lightness: number, chroma: number, hueDegrees: number): Rgb | undefined {
  const h = (hueDegrees * Math.PI) / 180;
  const A = chroma * Math.cos(h);
  const B = chroma * Math.sin(h);
  const l = (lightness + 0.3963377774 * A + 0.2158037573 * B) ** 3;
  const m = (lightness - 0.1055613458 * A - 0.0638541728 * B) ** 3;
  const s = (lightness - 0.0894841775 * A - 1.291485548 * B) ** 3;
  const linear = [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
  if (linear.some((x) => x < -1e-6 || x > 1 + 1e-6)) return undefined;
  const [r, g, b] = linear.map((x) => toGamma(Math.min(1, Math.max(0, x))));
  return { r, g, b };
}

export function oklabDistance(a: Oklab, b: Oklab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

