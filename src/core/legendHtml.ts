// The Legend view's page: each speaker's colour as the editor draws it, then what each kind of
// highlight looks like. Static: no script; sidecar text is escaped by the html tag, and the only
// styles are the CSS of the decorations' own render options (core/legend.ts decorationCss).
import { HighlightFlags, HIGHLIGHT_NAMES } from './highlightFilter';
import { countsText, HIGHLIGHT_STYLES, LegendRow } from './legend';
import { html, SafeHtml, trustedHtml } from './export/safeHtml';
import { forMessage } from './displayText';

export interface LegendInput {
  /** The article shown, as the workspace names it; undefined when none is open. */
  article?: string;
  rows: LegendRow[];
  colorBy: 'speaker' | 'kind';
  flags: HighlightFlags;
  /** The CSS of a decoration key ('quote:3', 'demand'): what the editor draws for it. */
  css(key: string): string;
}

const STYLE = trustedHtml(`
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 8px 8px; }
h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; margin: 12px 0 6px; color: var(--vscode-descriptionForeground); }
ul { list-style: none; margin: 0; padding: 0; }
li { display: flex; align-items: baseline; gap: 6px; margin: 3px 0; flex-wrap: wrap; }
.sample { font-family: var(--vscode-editor-font-family); padding: 0 2px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; max-width: 100%; }
.speakers li { flex-wrap: nowrap; flex-direction: column; align-items: flex-start; gap: 1px; margin: 6px 0; }
.speakers .samples { display: flex; gap: 6px; max-width: 100%; }
.speakers .sample:first-child { flex-shrink: 0; }
.name { font-weight: 600; }
.counts, .note, .look { color: var(--vscode-descriptionForeground); }
.off { opacity: .45; }
.off .state::before { content: "hidden · "; }
`);

export function legendHtml(input: LegendInput): string {
  const f = input.flags;
  const kindShown = (kind: string) => f.enabled && (kind === 'alias' ? f.aliases : f[kind as 'quote']);
  const speakers: SafeHtml[] = input.rows.map((r) => {
    const key = r.style.key;
    const counts = countsText(r.counts) || 'no stored spans';
    return html`<li data-speaker="${r.speaker.id}" data-key="${key}"><span class="samples"><span class="sample" data-decoration="quote:${key}" style="${input.css(`quote:${key}`)}">“quote”</span><span class="sample" data-decoration="mention:${key}" style="${input.css(`mention:${key}`)}">${forMessage(r.speaker.name || r.speaker.id)}</span></span><span class="counts">${counts}</span></li>`;
  });
  // The kinds are drawn in the first speaker's colour, as in the editor's first speaker.
  const slot = input.rows[0]?.style.key ?? '1';
  const kinds: SafeHtml[] = HIGHLIGHT_STYLES.map((s) => {
    const key = s.kind === 'demand' || s.kind === 'response' ? s.kind : `${s.kind}:${slot}`;
    const shown = kindShown(s.kind);
    return html`<li data-kind="${s.kind}" class="${shown ? 'on' : 'off'}"><span class="sample" data-decoration="${key}" style="${input.css(key)}">${s.name}</span><span class="look"><span class="state"></span>${s.look}</span></li>`;
  });
  const by = input.colorBy === 'kind' ? 'Colours by speaker kind (setting attributionLens.colorBy).' : 'One colour per speaker, in sidecar order; past the tenth, quotes are underlined too.';
  const calm = f.aliasesInQuotes ? '' : `${HIGHLIGHT_NAMES.aliases} are left out inside quotes.`;
  const body = input.article
    ? html`<h2>Speakers</h2><p class="note">${input.article}: ${by}</p><ul class="speakers">${speakers.length ? speakers : html`<li>No speakers in this article yet.</li>`}</ul>`
    : html`<p class="note">Open an annotated article to see which colour is which speaker.</p>`;
  const state = f.enabled ? '' : 'All highlights are off (Attribution Lens: Toggle All Highlights).';
  return html`<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><style>${STYLE}</style></head><body>${body}<h2>Highlights</h2><ul class="kinds">${kinds}</ul><p class="note">${[state, calm].filter(Boolean).join(' ')}</p></body></html>`.toString();
}
