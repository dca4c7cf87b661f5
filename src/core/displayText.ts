// How untrusted text (an article's, a sidecar's, a file name, a parser's message quoting them)
// is shown by the editor and the CLI: as the characters it is. Controls and bidi overrides are
// written as escapes (visible, not dropped: a dropped character would misstate the file name);
// the markup the workbench reads in some places (`$(icon)` in labels and the status bar,
// `[label](command:…)` links in notifications) is broken by a zero-width space, so it reads
// the same but no longer forms.

// C0 controls (tab and newline too: callers keep those they want), DEL, C1 controls; bidi
// embeddings, overrides and isolates, the marks that reorder text (ALM, LRM, RLM), and the line
// and paragraph separators some renderers break on.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control and bidi character written as an escape (\x1b, \u202e), except those in `keep`. */
export function visibleControls(text: string, keep = ''): string {
  return text.replace(UNSAFE, (c) => {
    if (keep.includes(c)) return c;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const ZWSP = '\u200B';

/** `$(name)` no longer an icon, `[a](b)` no longer a link, `command:` no longer a command URI. */
function inert(text: string): string {
  return text
    .replace(/\$\(/g, `$${ZWSP}(`)
    .replace(/\]\(/g, `]${ZWSP}(`)
    .replace(/(command):/gi, `$1${ZWSP}:`);
}

/**
 * Untrusted text for one line the workbench shows: a notification, a status-bar message, a
 * quick-pick or tree row, an input box's title or prompt. Line breaks show as \n. Idempotent, so a
 * whole message may pass through again.
 */
export function forMessage(text: string): string {
  return inert(visibleControls(text));
}

/** As forMessage, for text shown on several lines (a plain-text tooltip): line breaks stay. */
export function forLines(text: string): string {
  return inert(visibleControls(text.replace(/\r\n?/g, '\n'), '\n'));
}

/** A line for a log or output channel (plain text, no markup): only controls and bidi made visible. */
export function forLog(text: string): string {
  return visibleControls(text);
}
