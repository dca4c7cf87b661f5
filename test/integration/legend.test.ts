// Seeing who said what, in a real VS Code: the Legend view's colours are the decorations' own,
// swatches in the Speakers tree, the speaker pick and the hover, the highlight toggles and their
// status-bar entry, no alias underline inside a filled quote, and counts in the trees.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { decorationCss } from '../../src/core/legend';
import { generated, THEMED_COLORS, ThemeBase } from '../../src/core/palette';
import type { AttributionLensApi } from '../../src/extension';
import type { ViewNode } from '../../src/vscode/views';
import { waitFor, workspaceFile } from './helpers';
import { writeText } from './workspaceFiles';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const EXTENSION_ID = 'attribution-lens.attribution-lens';
const MANY = 'legend-many-speakers.txt';

async function openArticle(name: string): Promise<{ doc: vscode.TextDocument; api: AttributionLensApi }> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID);
  assert.ok(ext, 'extension installed');
  const api = await waitFor('activation', () => (ext.isActive ? ext.exports : undefined));
  await api.load(doc);
  await waitFor('decorations', () => Object.keys(api.decorations(doc)).length > 0);
  return { doc, api };
}

/** Every sample on the legend page: its decoration key and its inline CSS. */
function samples(page: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of page.matchAll(/data-decoration="([^"]+)" style="([^"]*)"/g)) out.set(m[1], m[2].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  return out;
}

const baseNow = (): ThemeBase => ([vscode.ColorThemeKind.Light, vscode.ColorThemeKind.HighContrastLight].includes(vscode.window.activeColorTheme.kind) ? 'light' : 'dark');
// atob, not Buffer: the suite runs in the web worker extension host too (SVG swatches are ASCII).
const fromBase64 = (b64: string) => atob(b64);
const svgOf = (uri: vscode.Uri) => fromBase64(uri.toString(true).split('base64,')[1]);
const themeColorId = (icon: unknown) => ((icon as vscode.ThemeIcon).color as unknown as { id: string } | undefined)?.id;

/** A 12-speaker article: the last two have generated colours (literal, not theme colours). */
async function writeManySpeakers(): Promise<void> {
  const lines: string[] = [];
  const speakers: string[] = [];
  const annotations: string[] = [];
  let at = 0;
  for (let i = 1; i <= 12; i++) {
    const who = `Person${i}`;
    const line = `${who} said "words ${i}".\n`;
    speakers.push(`  p${i}: {name: ${who}, kind: person}`);
    const q = at + line.indexOf('"');
    annotations.push(`  - {id: q${i}, type: quote, speaker: p${i}, start: ${q}, end: ${q + `"words ${i}"`.length}}`);
    lines.push(line);
    at += line.length;
  }
  await writeText(MANY, lines.join(''));
  await writeText(MANY + '.annotations.yaml', ['version: 1', 'speakers:', ...speakers, 'annotations:', ...annotations, ''].join('\n'));
}

describe('Seeing who said what: legend, swatches, toggles', function () {
  this.timeout(30_000);
  let doc: vscode.TextDocument;
  let api: AttributionLensApi;
  const config = () => vscode.workspace.getConfiguration('attributionLens');

  before(async () => {
    ({ doc, api } = await openArticle(ARTICLE));
  });

  afterEach(async () => {
    for (const key of ['highlight.enabled', 'highlight.quotes', 'highlight.mentions', 'highlight.aliases', 'highlight.demands', 'highlight.responses', 'highlight.aliasesInQuotes']) {
      if (config().inspect(key)?.globalValue !== undefined) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.window.showTextDocument(doc);
  });

  it('the Legend shows every speaker in the exact CSS of the decorations that draw their spans', async () => {
    await vscode.window.showTextDocument(doc);
    const page = await waitFor('the legend of the article', () => api.legend.html().includes(ARTICLE) && api.legend.html());
    const styles = api.decorationStyles();
    const shown = samples(page);
    for (const key of ['quote:1', 'mention:1', 'alias:1', 'demand', 'response']) assert.ok(shown.has(key), `the legend shows ${key}`);
    for (const [key, css] of shown) assert.equal(css, decorationCss(styles[key]), `legend sample ${key} is drawn as the editor draws it`);
    assert.match(shown.get('quote:1')!, /background-color: var\(--vscode-attributionLens-speaker1\)/);
    // Each speaker's row names the decoration their own quotes are drawn with.
    const drawn = api.decorations(doc);
    const corbynQuote = api.annotations(doc).find((a) => a.type === 'quote' && a.speaker === 'corbyn')!;
    const quoteKey = Object.keys(drawn).find((k) => k.startsWith('quote:') && drawn[k].some((r) => r.start === corbynQuote.start))!;
    assert.match(page, new RegExp(`data-speaker="corbyn" data-key="([^"]+)"><span class="samples"><span class="sample" data-decoration="${quoteKey}"`));
    assert.match(page, /Jeremy Corbyn<\/span><\/span><span class="counts">7 quotes · 2 mentions · 1 response</);
  });

  it('the Speakers tree shows each speaker\'s swatch in the decorations\' colour, and counts', async () => {
    const nodes = ((await api.views.speakers.getChildren()) ?? []) as ViewNode[];
    const corbyn = await api.views.speakers.getTreeItem(nodes[0]);
    assert.ok(corbyn.iconPath instanceof vscode.ThemeIcon);
    assert.equal(`theme:${themeColorId(corbyn.iconPath)}`, api.decorationStyles()['mention:1'].borderColor);
    assert.equal(corbyn.description, 'person · Leader of the Labour Party · 7 quotes · 2 mentions · 1 response');
    const demands = ((await api.views.demands.getChildren()) ?? []) as ViewNode[];
    const first = await api.views.demands.getTreeItem(demands[0]);
    assert.equal(first.description, 'not-agreed · 1 response');
  });

  it('past the tenth speaker the swatches are SVGs of the generated colours, in the tree and the speaker pick', async () => {
    await writeManySpeakers();
    const { doc: many, api: mapi } = await openArticle(MANY);
    const nodes = await waitFor('12 speakers', async () => {
      const n = ((await mapi.views.speakers.getChildren()) ?? []) as ViewNode[];
      return n.length === 12 && n;
    });
    const eleventh = (await mapi.views.speakers.getTreeItem(nodes[10])).iconPath as { light: vscode.Uri; dark: vscode.Uri };
    assert.equal(eleventh.dark.scheme, 'data');
    assert.ok(svgOf(eleventh.dark).includes(`fill="${generated('dark', 0).color}"`), svgOf(eleventh.dark));
    assert.ok(svgOf(eleventh.light).includes(`fill="${generated('light', 0).color}"`));
    // And the decoration of that speaker's quote is drawn in the same colour on this theme.
    const ranges = mapi.decorations(many);
    const start = many.getText().indexOf('"words 11"');
    const key = Object.keys(ranges).find((k) => k.startsWith('quote:') && ranges[k].some((r) => r.start === start))!;
    assert.equal(mapi.decorationStyles()[key].overviewRulerColor, generated(baseNow(), 0).color);

    // The speaker pick: every speaker with a swatch (quick picks do not tint ThemeIcons: SVGs for all).
    const editor = await vscode.window.showTextDocument(many);
    editor.selection = new vscode.Selection(many.positionAt(0), many.positionAt(7));
    const w = vscode.window as unknown as { showQuickPick: (...args: unknown[]) => unknown };
    const original = w.showQuickPick;
    let items: (vscode.QuickPickItem & { speaker?: { id: string } })[] | undefined;
    w.showQuickPick = async (given: unknown) => {
      const list = (await given) as typeof items;
      if (!items && list?.some((i) => i.speaker)) items = list;
      return undefined;
    };
    try {
      await vscode.commands.executeCommand('attributionLens.markQuote');
    } finally {
      w.showQuickPick = original;
    }
    assert.ok(items, 'the speaker pick was shown');
    const icon = (id: string) => items!.find((i) => i.speaker?.id === id)?.iconPath as { light: vscode.Uri; dark: vscode.Uri };
    assert.ok(svgOf(icon('p1').dark).includes(`fill="${THEMED_COLORS.dark[0]}"`));
    assert.ok(svgOf(icon('p3').light).includes(`fill="${THEMED_COLORS.light[2]}"`));
    assert.ok(svgOf(icon('p12').dark).includes(`fill="${generated('dark', 1).color}"`));
  });

  it('the hover legend shows the speaker\'s swatch', async () => {
    const at = doc.getText().indexOf('Jeremy Corbyn') + 3;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at));
    const md = (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    const m = /!\[speaker colour\]\(data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)\) \*Legend/.exec(md);
    assert.ok(m, md.slice(-400));
    assert.ok(fromBase64(m[1]).includes(`fill="${THEMED_COLORS[baseNow()][0]}"`));
  });

  it('no alias underline inside a filled quote by default; a setting brings them back', async () => {
    const insideQuotes = () => {
      const d = api.decorations(doc);
      const quotes = Object.entries(d).filter(([k]) => k.startsWith('quote:')).flatMap(([, r]) => r);
      return Object.entries(d).filter(([k]) => k.startsWith('alias:')).flatMap(([, r]) => r)
        .filter((a) => quotes.some((q) => q.start <= a.start && a.end <= q.end)).length;
    };
    assert.equal(insideQuotes(), 0);
    await vscode.commands.executeCommand('attributionLens.toggleAliasesInQuotes');
    assert.equal(config().get('highlight.aliasesInQuotes'), true);
    const back = await waitFor('aliases inside quotes', () => insideQuotes() || false);
    assert.ok(back > 0, 'the sample names speakers inside quotes');
  });

  it('toggle commands switch each kind and all highlights, remembered in settings, shown in the status bar', async () => {
    const kinds = () => new Set(Object.keys(api.decorations(doc)).map((k) => k.split(':')[0]));
    assert.equal(api.legend.highlightStatus.shown().text, '$(eye) Highlights');
    await vscode.commands.executeCommand('attributionLens.toggleQuoteHighlights');
    await waitFor('quotes hidden', () => !kinds().has('quote'));
    assert.ok(kinds().has('mention') && kinds().has('demand'), 'the others stay');
    assert.equal(config().get('highlight.quotes'), false, 'remembered in the setting');
    assert.equal(api.legend.highlightStatus.shown().text, '$(eye) Highlights: 4 of 5');
    assert.match(api.legend.highlightStatus.shown().tooltip, /hidden: quotes/);
    assert.match(api.legend.html(), /data-kind="quote" class="off"/);

    await vscode.commands.executeCommand('attributionLens.toggleHighlights');
    await waitFor('everything hidden', () => Object.keys(api.decorations(doc)).length === 0);
    assert.equal(api.legend.highlightStatus.shown().text, '$(eye-closed) Highlights off');
    assert.equal(config().get('highlight.quotes'), false, 'off keeps the per-kind choice');
    await vscode.commands.executeCommand('attributionLens.toggleHighlights');
    await waitFor('back, without quotes', () => kinds().has('mention') && !kinds().has('quote'));

    for (const [command, kind] of [['toggleMentionHighlights', 'mention'], ['toggleAliasHighlights', 'alias'], ['toggleDemandHighlights', 'demand'], ['toggleResponseHighlights', 'response']]) {
      await vscode.commands.executeCommand(`attributionLens.${command}`);
      await waitFor(`${kind} hidden`, () => !kinds().has(kind));
      await vscode.commands.executeCommand(`attributionLens.${command}`, true);
      await waitFor(`${kind} back`, () => kinds().has(kind));
    }
  });
});
