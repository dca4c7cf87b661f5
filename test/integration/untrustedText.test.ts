// Untrusted text stays text in everything the extension shows, read back where a person reads it:
// an article whose file name is a markdown command link, its sidecar with a broken line quoting
// markup and a bidi override, and a speaker whose name is an icon, a command link and a U+202E.
// Notifications and status-bar messages are read by wrapping the window functions the extension
// calls (the test module lies inside the extension's folder, so both share one `vscode` object).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';
import type { ExportResult } from '../../src/vscode/commands/exportCommand';
import { recordMessages, sleep, waitFor, workspaceFile } from './helpers';

const EXTENSION_ID = 'attribution-lens.attribution-lens';
const ARTICLE = '[x](command:workbench.action.quit).txt';
const SIDECAR = ARTICLE + '.annotations.yaml';
const BODY = 'Mallory said "we will win" on Tuesday.\n';
/** The speaker's name (`$(zap) [click](command:workbench.action.quit) U+202E`) as a person must read it. */
const NAME_SHOWN = '$(zap) [click](command:workbench.action.quit) \\u202e';
/** What would be an icon, a notification link, a bare command URI, or reorder the text. */
const LIVE = /\$\(|\]\(|command:|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/i;
/** The zero-width spaces that break the markup: invisible, so not part of what is read. */
const read = (s: string) => s.replace(/\u200B/g, '');

function sidecar(brokenLine: boolean): string {
  return [
    'version: 1',
    'speakers:',
    '  evil:',
    '    name: "$(zap) [click](command:workbench.action.quit) \\u202e"',
    '    kind: person',
    'annotations:',
    '  - { id: a1, type: mention, speaker: evil, start: 0, end: 7 }',
    '  - { id: a2, type: quote, speaker: evil, start: 13, end: 26 }',
    ...(brokenLine ? ['  - { id: a3, type: "[run](command:workbench.action.quit) \\u202e", speaker: evil, start: 30, end: 37 }'] : []),
    '',
  ].join('\n');
}

function hoverMarkdown(hovers: vscode.Hover[]): vscode.MarkdownString[] {
  return hovers.flatMap((h) => h.contents).filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c && 'isTrusted' in c);
}

/** A folder of articles to export: one whose name is a link with an override, and a stray sidecar. */
const EXPORTED = 'untrusted-export';
const EXPORTED_ARTICLE = 'e\u202e[x](command:workbench.action.quit).txt';
const STRAY = 'gone\u202e$(zap).txt.annotations.yaml';

/** Everything the extension's log channel (where exports write their details) has written so far. */
function logText(api: AttributionLensApi): string {
  const dir = api.logUri.fsPath;
  if (!fs.existsSync(dir)) return '';
  return fs.readdirSync(dir).filter((f) => f.endsWith('.log')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

/** `make` run once, on first call: each test asks for the state it needs, so any one runs alone too. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

describe('Untrusted text in what the extension shows', function () {
  this.timeout(30_000);
  let recorder: ReturnType<typeof recordMessages> | undefined;

  /** The article open with its sidecar's broken line, and the error notification that brought. */
  const broken = once(async () => {
    const ext = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID);
    assert.ok(ext, 'extension installed');
    const api = await ext.activate();
    fs.writeFileSync(workspaceFile(SIDECAR).fsPath, sidecar(true));
    fs.writeFileSync(workspaceFile(ARTICLE).fsPath, BODY);
    recorder = recordMessages();
    const doc = await vscode.workspace.openTextDocument(workspaceFile(ARTICLE));
    const editor = await vscode.window.showTextDocument(doc);
    await api.load(doc);
    const error = await waitFor('the error notification', () => recorder!.shown.find((m) => m.kind === 'error' && m.text.includes('cannot read')));
    return { api, doc, editor, error };
  });

  /** The broken line mended: the file watcher and our load both read the sidecar again. */
  const mended = once(async () => {
    const state = await broken();
    fs.writeFileSync(workspaceFile(SIDECAR).fsPath, sidecar(false));
    await sleep(300);
    await state.api.load(state.doc);
    await waitFor('the mended sidecar', () => vscode.languages.getDiagnostics(workspaceFile(SIDECAR)).every((d) => d.severity !== vscode.DiagnosticSeverity.Error));
    return state;
  });

  after(async () => {
    recorder?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
    for (const f of [ARTICLE, SIDECAR, EXPORTED]) fs.rmSync(workspaceFile(f).fsPath, { recursive: true, force: true });
  });

  it('the error notification names the file at the broken line and quotes the parser, as text', async () => {
    const { error } = await broken();
    assert.doesNotMatch(error.text, LIVE, error.text);
    assert.ok(read(error.text).startsWith(`Attribution Lens: cannot read ${SIDECAR}:9:`), error.text);
    assert.ok(read(error.text).includes('[run](command:workbench.action.quit) \\u202e'), error.text);
  });

  it('the Problems view (plain text) shows the bidi override as its escape', async () => {
    await broken();
    const diagnostics = vscode.languages.getDiagnostics(workspaceFile(SIDECAR));
    assert.ok(diagnostics.some((d) => d.message.includes('[run](command:workbench.action.quit) \\u202e')), diagnostics.map((d) => d.message).join('; '));
    for (const d of diagnostics) assert.doesNotMatch(d.message, /\u202e/, d.message);
  });

  it('tree rows and the Outline show the speaker name as text', async () => {
    const { api, doc } = await mended();
    const speakers = await api.views.speakers.getChildren!();
    assert.ok(speakers && speakers.length === 1, 'one speaker in the tree');
    const nodes = [...speakers, ...((await api.views.speakers.getChildren!(speakers[0])) ?? [])];
    assert.equal(nodes.length, 3, 'the speaker and its two spans');
    for (const node of nodes) {
      const item = await api.views.speakers.getTreeItem(node);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      for (const [what, text] of [['label', label], ['description', String(item.description ?? '')]] as const) assert.doesNotMatch(text, LIVE, `${what}: ${text}`);
      assert.equal(typeof item.tooltip, 'string', 'tooltips are plain text, never markdown');
      assert.doesNotMatch(String(item.tooltip).replace(/\n/g, ' '), LIVE, String(item.tooltip));
    }
    const top = await api.views.speakers.getTreeItem(speakers[0]);
    assert.equal(read(String(top.label)), NAME_SHOWN, 'the speaker row reads as its name');

    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    assert.equal(symbols.length, 1, 'the speaker in the Outline');
    assert.equal(read(symbols[0].name), NAME_SHOWN);
    assert.doesNotMatch(symbols[0].name, LIVE);
  });

  it('the hover card shows the name as escaped text, with no icons, HTML or links but our own', async () => {
    const { doc } = await mended();
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(2))) ?? [];
    const cards = hoverMarkdown(hovers);
    assert.ok(cards.length > 0, 'a hover card on the mention');
    for (const md of cards) {
      assert.equal(md.supportHtml, false);
      assert.equal(md.supportThemeIcons, false, 'no icons from names');
      assert.ok(typeof md.isTrusted === 'object', 'trusted for allowlisted commands only, never wholly');
      for (const c of (md.isTrusted as { enabledCommands: string[] }).enabledCommands) assert.match(c, /^attributionLens\./);
      // Every link is one of ours; every other bracket, parenthesis and colon is escaped.
      const links = [...md.value.matchAll(/(?<!\\)\]\(([a-z]+):([\w.]+)/gi)].map((m) => `${m[1]}:${m[2]}`);
      // Our own swatch image beside the legend is the one other: a base64 SVG of a parsed colour.
      assert.ok(links.every((l) => l === 'command:attributionLens.revealOffset' || l === 'data:image'), links.join(', '));
      const images = [...md.value.matchAll(/(?<!\\)\]\(data:/g)].length;
      assert.equal([...md.value.matchAll(/!\[speaker colour\]\(data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+\) /g)].length, images, 'data: only in our swatch');
      assert.doesNotMatch(md.value, /[\u202a-\u202e\u2066-\u2069]/, 'no bidi override in the card');
    }
    const card = cards.map((md) => md.value).join('\n');
    assert.ok(card.replace(/\\([!-/:-@[-`{-~])/g, '$1').includes(NAME_SHOWN), 'the card reads as the name');
  });

  it('a change names the speaker in the status bar as text, and nothing shown has live markup', async () => {
    const { doc, editor } = await mended();
    const at = BODY.indexOf('Tuesday');
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 'Tuesday'.length));
    const marked = await vscode.commands.executeCommand('attributionLens.markMention', { speaker: 'evil' });
    assert.ok(marked, 'the mention was marked');
    const status = recorder!.shown.filter((m) => m.kind === 'status');
    assert.ok(status.length > 0, `a status-bar message: ${JSON.stringify(recorder!.shown)}`);
    for (const m of status) assert.doesNotMatch(m.text, LIVE, m.text);
    assert.ok(status.some((m) => read(m.text).includes(NAME_SHOWN)), JSON.stringify(status));
    for (const m of recorder!.shown) assert.doesNotMatch(m.text, LIVE, `${m.kind}: ${m.text}`);
  });

  it('an export summary and its log lines show file names as text: no links, icons or overrides', async () => {
    const { api } = await broken();
    const dir = workspaceFile(EXPORTED).fsPath;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, EXPORTED_ARTICLE), BODY);
    fs.writeFileSync(path.join(dir, EXPORTED_ARTICLE + '.annotations.yaml'), sidecar(false));
    fs.writeFileSync(path.join(dir, STRAY), 'version: 1\n');
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'al-untrusted-'));
    try {
      const from = recorder!.shown.length;
      const result = await vscode.commands.executeCommand<ExportResult>('attributionLens.exportAnnotations', { format: 'html', folder: dir, target });
      assert.deepEqual(result.written.map((u) => path.basename(u.fsPath)), [EXPORTED_ARTICLE + '.html']);
      assert.equal(result.skipped.length, 1, JSON.stringify(result.skipped));
      const summary = await waitFor('the summary', () => recorder!.shown.slice(from).find((m) => m.text.includes('exported 1 article')));
      assert.doesNotMatch(summary.text, LIVE, summary.text);
      assert.ok(read(summary.text).includes('e\\u202e[x](command:workbench.action.quit).txt.html'), summary.text);
      const log = await waitFor('the skipped sidecar in the log', () => {
        const text = logText(api);
        return text.includes('gone\\u202e$(zap).txt.annotations.yaml') && text.includes('e\\u202e[x]') && text;
      });
      assert.doesNotMatch(log, /[\u202a-\u202e]/, 'no bidi override in the log');
    } finally {
      fs.rmSync(target, { recursive: true, force: true });
    }
  });
});
