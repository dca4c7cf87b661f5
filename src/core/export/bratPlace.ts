// Stages 2 and 3 of the brat import: which reading of the text the offsets count in, and every
// text-bound annotation placed on the text (UTF-16), or kept for review with its text field.
//
// brat counts code points of the .txt as it reads it, CRs included (codecs.open reads binary:
// a CRLF is two characters). Other tools count otherwise, and a file's own text fields tell
// which: the reading under which most spans read as their text wins, brat's on a tie: code
// points with LF line ends (a tool that read the text with universal newlines, and our exports
// before brat's reading was checked), or UTF-16 units (tools that count as JavaScript does).
import { OffsetConverter } from '../text';
import { quoteExcerpt, TextBound } from './bratParse';
import { LineEndView } from './common';

/** How the offsets of a file may count: each reading gives the text of a code-point span and maps it back. */
export interface Reading {
  /** Code points (or units) in this reading. */
  length: number;
  slice(start: number, end: number): string | undefined;
  toOriginal(offset: number): number;
  /** Said when this reading is chosen. */
  note?: string;
}

export type Role = 'mention' | 'quote' | 'demand' | 'response' | 'cue' | 'trigger' | 'discard' | 'discuss';

const ROLES: Record<string, Role> = {
  source: 'mention',
  speaker: 'mention',
  quote: 'quote',
  content: 'quote',
  demand: 'demand',
  response: 'response',
  cue: 'cue',
  attribution: 'trigger',
  'attribution-no-source': 'trigger',
  discard: 'discard',
  discuss: 'discuss',
};

/** A role whose spans never become annotations of their own. */
export function isAuxiliary(role: Role | undefined): boolean {
  return role === undefined || role === 'cue' || role === 'trigger' || role === 'discard' || role === 'discuss';
}

export interface Placed {
  t: TextBound;
  role?: Role;
  /** UTF-16 spans on the text, one per annotation to make. */
  spans: { start: number; end: number; note?: string }[];
  /** Set when the text field does not match the article: kept for review with this text. */
  unplaced?: string;
  /** The text of the span as the article has it (or the text field), for names and summaries. */
  text: string;
}

/** Every text-bound annotation by id, placed under the reading most of them agree with; warnings for what is not. */
export function placeBounds(bounds: readonly TextBound[], text: string, warnings: string[]): Map<string, Placed> {
  const views = readings(text);
  let view = views[0];
  let best = -1;
  for (const v of views) {
    const score = bounds.filter((t) => matchLines(v, t) >= 0).length;
    if (score > best) [view, best] = [v, score];
  }
  if (view.note && best > 0) warnings.push(view.note);

  const byId = new Map<string, Placed>();
  for (const t of bounds) {
    const role = ROLES[t.type] ?? ROLES[t.type.toLowerCase()];
    const consumed = matchLines(view, t);
    const rest = t.trailing.slice(Math.max(consumed, 0));
    for (const r of rest) if (r.text.trim()) warnings.push(`line ${r.line}: not a brat annotation line (ID, TAB, …): ${quoteExcerpt(r.text)}, skipped`);
    if (consumed >= 0) {
      const frags = t.fragments.map(([s, e]) => [view.toOriginal(s), view.toOriginal(e)] as [number, number]);
      byId.set(t.id, { t, role, spans: spansOf(text, frags, t.id), text: frags.map(([s, e]) => text.slice(s, e)).join(' ') });
      continue;
    }
    if (isAuxiliary(role)) {
      byId.set(t.id, { t, role, spans: [], text: t.textField ?? '' });
      continue;
    }
    const field = t.textField ?? '';
    let [lo, hi] = [Infinity, -Infinity];
    for (const [s, e] of t.fragments) [lo, hi] = [Math.min(lo, s), Math.max(hi, e)];
    const inside = hi <= view.length;
    if (!field) {
      warnings.push(`line ${t.line}: ${t.id} ${inside ? 'has no text' : 'ends past the end of the text'}, skipped`);
      continue;
    }
    warnings.push(
      `line ${t.line}: ${t.id}'s text ${quoteExcerpt(field)} ${inside ? `is not the article's at ${t.fragments.map((f) => f.join('-')).join(';')}` : 'ends past the end of the text'}; kept for review`,
    );
    const [s, e] = inside ? [view.toOriginal(lo), view.toOriginal(hi)] : [0, 0];
    byId.set(t.id, { t, role, spans: [{ start: s, end: e }], unplaced: field, text: field });
  }
  return byId;
}

/** brat's reading first: the others only win by matching more spans. */
function readings(text: string): Reading[] {
  const cp = new OffsetConverter(text);
  const out: Reading[] = [
    {
      length: cp.codePointLength,
      slice: (s, e) => (e <= cp.codePointLength ? text.slice(cp.toUtf16(s), cp.toUtf16(e)) : undefined),
      toOriginal: (x) => cp.toUtf16(x),
    },
  ];
  if (text.includes('\r')) {
    const lf = new LineEndView(text);
    out.push({
      length: lf.codePointLength,
      slice: (s, e) => (e <= lf.codePointLength ? lf.normalized.slice(lf.converter.toUtf16(s), lf.converter.toUtf16(e)) : undefined),
      toOriginal: (x) => lf.toUtf16(x),
      note: 'the offsets count a CRLF line end as one character (brat counts two, as the .txt has them); read them so',
    });
  }
  if (cp.codePointLength !== text.length) {
    out.push({
      length: text.length,
      slice: (s, e) => (e <= text.length ? text.slice(s, e) : undefined),
      toOriginal: (x) => x,
      note: 'the offsets count UTF-16 units, not code points as brat does; read them so',
    });
  }
  return out;
}

/**
 * Whether a span reads as its text field under a reading: -1 if not, else how many of the lines
 * after it continue the field (a span holding line breaks, written raw). brat joins fragments
 * with a space (before version 1.3, with nothing); a missing field matches anything in range.
 * Walks each expected text once, whatever the number of lines.
 */
function matchLines(r: Reading, t: TextBound): number {
  const parts: string[] = [];
  for (const [s, e] of t.fragments) {
    const p = r.slice(s, e);
    if (p === undefined) return -1;
    parts.push(p);
  }
  if (t.textField === undefined) return 0;
  let best = -1;
  for (const expected of [parts.join(' '), parts.join('')]) {
    if (!expected.startsWith(t.textField)) continue;
    let pos = t.textField.length;
    let k = 0;
    while (pos < expected.length && k < t.trailing.length && expected[pos] === '\n' && expected.startsWith(t.trailing[k].text, pos + 1)) {
      pos += 1 + t.trailing[k].text.length;
      k++;
    }
    if (pos === expected.length && (best < 0 || k < best)) best = k;
  }
  return best;
}

/**
 * The sidecar spans of a brat span's fragments (UTF-16 on the text): one covering span when
 * they are in order and only whitespace lies between them, otherwise one per non-empty fragment.
 */
function spansOf(text: string, frags: [number, number][], id: string): { start: number; end: number; note?: string }[] {
  const inOrder = frags.every((f, i) => i === 0 || f[0] >= frags[i - 1][1]);
  const blankGaps = inOrder && frags.every((f, i) => i === 0 || /^[\s\x1c-\x1e\x85]*$/.test(text.slice(frags[i - 1][1], f[0])));
  if (frags.length === 1 || blankGaps) return [{ start: frags[0][0], end: frags[frags.length - 1][1] }];
  const parts = frags.filter(([s, e]) => e > s);
  return parts.map(([start, end], i) => ({ start, end, note: `Part ${i + 1} of ${parts.length} of the discontinuous brat span ${id}` }));
}
