// Small pieces of wording every message, report and export shares, so they read the same
// everywhere and are fixed once.

/** "1 speaker", "2 speakers"; `many` for irregular plurals ("1 entry", "2 entries"). */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A demand status as words: "partly agreed", "no status". */
export function statusText(status: string | undefined): string {
  return status ? status.replace(/-/g, ' ') : 'no status';
}

/**
 * A name or summary in an undo label or a message, between curly quotes, on one line. Names are
 * short and read whole; a longer text (a demand's summary) is cut at a word, inside the quotes,
 * so every quoted piece opens and closes the same way wherever it stands.
 */
export function inQuotes(s: string, max = 40): string {
  return `“${abbreviate(s.replace(/\s+/g, ' ').trim(), max, { atWord: true })}”`;
}

/** A speaker's name (or an alias) in quotes: whole up to 80 characters, as a person must read who it is. */
export function nameInQuotes(name: string): string {
  return inQuotes(name, 80);
}

/**
 * `s` cut to at most `max` UTF-16 units, ending in "…" when cut. Never cuts an emoji or other
 * astral character in half (a lone surrogate shows as U+FFFD or breaks an encoder); with
 * `atWord`, also backs up to the end of the last whole word.
 */
export function abbreviate(s: string, max: number, options: { atWord?: boolean } = {}): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  let head = s.slice(0, end);
  if (options.atWord) head = head.replace(/\s+\S*$/, '');
  return head + '…';
}

/**
 * The old and the new text of an edited span, each cut to `max` characters around where they
 * first differ: cut from the start alone, two long texts edited past `max` would read the same.
 */
export function differingExcerpts(before: string, after: string, max: number): [string, string] {
  let p = 0;
  while (p < before.length && p < after.length && before[p] === after[p]) p++;
  // Room for the change itself after the shared start; else start a little before it.
  let from = p + Math.floor(max / 4) < max ? 0 : p - Math.floor(max / 4);
  const c = before.charCodeAt(from);
  if (from > 0 && c >= 0xdc00 && c <= 0xdfff) from--;
  const cut = (s: string) => (from > 0 ? '…' + abbreviate(s.slice(from), max - 1) : abbreviate(s, max));
  return [cut(before), cut(after)];
}

/** Editors drop a leading byte-order mark, so offsets and sha256 never count it. */
export function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** The text of anything thrown: a Node error's code first ("ENOSPC (no space left on device)"). */
export function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string') return e.message;
  const rest = e.message.replace(/^\w+: /, '');
  return rest ? `${code} (${rest})` : code;
}
