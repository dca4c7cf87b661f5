// The extension on the sample article, inside a real VS Code: what is drawn, what the hover
// cards say, the status-bar quick pick, settings, and a broken sidecar's diagnostics.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { generated, ThemeBase } from '../../src/core/palette';
import type { AttributionLensApi } from '../../src/extension';
import { drawnAnnotations, waitFor, workspaceFile } from './helpers';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const EXTENSION_ID = 'attribution-lens.attribution-lens';

async function openArticle(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; api: AttributionLensApi }> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID);
  assert.ok(ext, 'extension installed');
  const api = await waitFor('activation', () => (ext.isActive ? ext.exports : undefined));
  await api.load(doc);
  return { doc, editor, api };
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n---\n');
}

/** Markdown escapes punctuation with backslashes; compare what a person reads. */
function unescape(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&nbsp;/g, ' ');
}

async function hoverAt(doc: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
  return hoverText(hovers ?? []);
}

describe('Attribution Lens on the sample article', function () {
  this.timeout(30_000);
  let doc: vscode.TextDocument;
  let api: AttributionLensApi;
  let text: string;

  before(async () => {
    ({ doc, api } = await openArticle(ARTICLE));
    text = doc.getText();
  });

  it('activates on the article and draws all 65 stored annotations', async () => {
    const { drawn, stored } = await drawnAnnotations(api, doc);
    assert.equal(stored, 65);
    assert.equal(drawn.demand.length, 12, 'demand spans');
    assert.equal(drawn.response.length, 5, 'responses');
    assert.ok(Object.keys(drawn).some((k) => k.startsWith('quote:')), 'quotes drawn');
    assert.ok(Object.keys(drawn).some((k) => k.startsWith('mention:')), 'mentions drawn');
  });

  it('highlights every other occurrence of names and aliases, longest first', () => {
    const aliases = Object.entries(api.decorations(doc))
      .filter(([key]) => key.startsWith('alias:'))
      .flatMap(([, ranges]) => ranges);
    const title = text.indexOf('Jeremy Corbyn');
    assert.ok(aliases.some((r) => r.start === title && r.end === title + 'Jeremy Corbyn'.length), 'name in the title');
    const las = text.indexOf('Labour Against Anti-Semitism');
    assert.ok(!aliases.some((r) => r.start === las && r.end === las + 'Labour'.length), '"Labour" inside "Labour Against Anti-Semitism" is not a mention of Labour');
  });

  it('hovering "Jeremy Corbyn" shows his card with quotes, demands and responses', async () => {
    const md = await hoverAt(doc, text.indexOf('Jeremy Corbyn') + 3);
    const card = unescape(md);
    assert.match(card, /Jeremy Corbyn/);
    assert.match(card, /person · Leader of the Labour Party/);
    assert.match(card, /Quotes in this article \(7\)/);
    assert.match(card, /line 13\]\(command:attributionLens\.revealOffset\?/, 'quote links move the cursor');
    assert.match(card, /a positive and constructive meeting/);
    assert.match(card, /Demands addressed to them \(5\)/);
    assert.match(card, /\[A fixed timetable to deal with antisemitism cases\]\(command:attributionLens\.revealOffset\?[^)]*\) \(not agreed\)/, 'demands are links');
    assert.match(card, /Their responses \(1\)/);
    assert.match(card, /partly-agrees on “Transparent oversight of the disciplinary process”/);
    assert.match(card, /Legend:/);
  });

  it('hovering a demand span shows the demand card with its responses', async () => {
    const at = text.indexOf("Labour MPs shouldn't share platforms");
    const card = unescape(await hoverAt(doc, at + 5));
    assert.match(card, /\*\*Demand:\*\* No MP shares a platform with anyone expelled or suspended for antisemitism/);
    assert.match(card, /Status: not agreed/);
    assert.match(card, /Made by: Jewish Leadership Council and Board of Deputies/);
    assert.match(card, /Addressed to: Jeremy Corbyn, Labour Party/);
    assert.match(card, /Responses \(1\)/);
    assert.match(card, /Labour sources partly-agrees/);
  });

  it('a hover link reveals its target in the editor', async () => {
    const target = text.indexOf('a positive and constructive meeting');
    await vscode.commands.executeCommand('attributionLens.revealOffset', doc.uri.toString(), target);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), doc.uri.toString());
    assert.equal(editor?.document.offsetAt(editor.selection.active), target);
  });

  it('the annotation quick pick jumps to the chosen annotation', async () => {
    await vscode.window.showTextDocument(doc);
    const done = vscode.commands.executeCommand('attributionLens.showAnnotations');
    await new Promise((r) => setTimeout(r, 600));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    const editor = vscode.window.activeTextEditor!;
    // Under the filter rows, the list starts with the quotes: Enter on opening goes to the first one in text order.
    const quotes = api.annotations(doc).filter((a) => a.type === 'quote');
    const firstQuote = quotes.reduce((x, y) => (y.start < x.start ? y : x));
    // The whole span is selected, as hover links and tree rows do, so a resize acts on it next.
    assert.deepEqual([editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)], [firstQuote.start, firstQuote.end]);
  });

  it('settings switch highlight types off and on at once', async () => {
    const config = vscode.workspace.getConfiguration('attributionLens');
    try {
      await config.update('highlight.quotes', false, vscode.ConfigurationTarget.Global);
      await waitFor('quotes hidden', () => !Object.keys(api.decorations(doc)).some((k) => k.startsWith('quote:')));
      assert.equal(await hoverAt(doc, text.indexOf('a positive and constructive') + 3), '', 'no hover for hidden quotes');
      await config.update('highlight.aliases', false, vscode.ConfigurationTarget.Global);
      await waitFor('aliases hidden', () => !Object.keys(api.decorations(doc)).some((k) => k.startsWith('alias:')));
    } finally {
      await config.update('highlight.quotes', undefined, vscode.ConfigurationTarget.Global);
      await config.update('highlight.aliases', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('quotes back', () => Object.keys(api.decorations(doc)).some((k) => k.startsWith('quote:')));
  });

  it('hover text from the sidecar stays text: no markdown, HTML or command links from names', async () => {
    const hostile = 'hostile.txt';
    const body = 'Evil Speaker said "hello".\n';
    const sidecar = [
      'version: 1',
      'speakers:',
      '  evil:',
      '    name: "Evil Speaker"',
      '    kind: person',
      "    role: '[click](command:workbench.action.quit) <img src=x onerror=alert(1)> **bold**'",
      'annotations:',
      '  - { id: a1, type: mention, speaker: evil, start: 0, end: 12 }',
      '',
    ].join('\n');
    fs.writeFileSync(workspaceFile(hostile + '.annotations.yaml').fsPath, sidecar);
    fs.writeFileSync(workspaceFile(hostile).fsPath, body);
    const { doc: hdoc } = await openArticle(hostile);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', hdoc.uri, hdoc.positionAt(2));
    const md = hoverText(hovers);
    assert.match(md, /Evil Speaker/);
    assert.doesNotMatch(md, /\]\(command:workbench/, 'the role is not a link');
    assert.doesNotMatch(md, /(^|[^\\])</, 'the role is not HTML: every < is escaped');
    assert.match(md, /\\\[click\\\]\\\(command\\:workbench/, 'brackets and parentheses are escaped');
    assert.match(unescape(md), /\[click\]\(command:workbench\.action\.quit\) <img src=x onerror=alert\(1\)> \*\*bold\*\*/, 'and read as the original text');
  });

  it('a malformed sidecar gives a diagnostic with its line and is left untouched', async () => {
    const broken = 'broken.txt';
    const sidecarUri = workspaceFile(broken + '.annotations.yaml');
    const source = ['version: 1', 'speakers:', '  x:', '    name: X', '    kind: person', 'annotations:', '  - id: a1', '    type: quotation', '    speaker: x', '    start: 0', '    end: 4', ''].join('\n');
    fs.writeFileSync(sidecarUri.fsPath, source);
    fs.writeFileSync(workspaceFile(broken).fsPath, 'Some text here.\n');
    await openArticle(broken);
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(sidecarUri);
      return d.length ? d : undefined;
    });
    // (An id the sidecar does not define is only a warning now: it may be defined elsewhere in the corpus.)
    const d = diags.find((x) => /"type" must be one of .*"quotation"/.test(x.message));
    assert.ok(d, `diagnostic about the unknown type, got: ${diags.map((x) => x.message).join('; ')}`);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d.range.start.line, 7, 'points at line 8, the type value');
    assert.equal(d.range.start.character, 10);
    assert.equal(fs.readFileSync(sidecarUri.fsPath, 'utf8'), source);
  });

  it('bad YAML is reported at its line and column', async () => {
    const broken = 'badyaml.txt';
    const sidecarUri = workspaceFile(broken + '.annotations.yaml');
    const source = 'version: 1\nspeakers:\n  x: {name: "unclosed, kind: person\n';
    fs.writeFileSync(sidecarUri.fsPath, source);
    fs.writeFileSync(workspaceFile(broken).fsPath, 'Text.\n');
    await openArticle(broken);
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(sidecarUri);
      return d.length ? d : undefined;
    });
    assert.equal(diags[0].severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diags[0].range.start.line >= 2, `line of the broken mapping, got ${diags[0].range.start.line + 1}`);
    assert.equal(fs.readFileSync(sidecarUri.fsPath, 'utf8'), source);
  });

  it('unresolved git merge conflict markers are named, each marker at its line, and the file is never rewritten', async () => {
    const name = 'conflicted.txt';
    const sidecarUri = workspaceFile(name + '.annotations.yaml');
    const source = [
      'version: 1',
      'speakers:',
      '  x: {name: X, kind: person}',
      'annotations:',
      '<<<<<<< HEAD',
      '  - {id: a1, type: quote, speaker: x, start: 0, end: 4}',
      '=======',
      '  - {id: a1, type: quote, speaker: x, start: 5, end: 9}',
      '>>>>>>> other-branch',
      '',
    ].join('\n');
    fs.writeFileSync(sidecarUri.fsPath, source);
    fs.writeFileSync(workspaceFile(name).fsPath, 'Some text here.\n');
    const { editor } = await openArticle(name);
    const diags = await waitFor('diagnostics', () => {
      const d = vscode.languages.getDiagnostics(sidecarUri);
      return d.length ? d : undefined;
    });
    assert.deepEqual(diags.map((d) => [d.range.start.line, d.range.start.character, d.severity]), [4, 6, 8].map((line) => [line, 0, vscode.DiagnosticSeverity.Error]));
    assert.match(diags[0].message, /^The sidecar has unresolved git merge conflict markers \(line 5\)/);
    editor.selection = new vscode.Selection(0, 0, 0, 4);
    assert.equal(await vscode.commands.executeCommand('attributionLens.markQuote', { speaker: 'x' }), undefined);
    assert.equal(fs.readFileSync(sidecarUri.fsPath, 'utf8'), source);
  });

  it('reloads when the sidecar changes on disk', async () => {
    const name = 'live.txt';
    const sidecarUri = workspaceFile(name + '.annotations.yaml');
    fs.writeFileSync(workspaceFile(name).fsPath, 'Alice spoke. Bob listened.\n');
    fs.writeFileSync(sidecarUri.fsPath, 'version: 1\nspeakers:\n  alice: {name: Alice, kind: person}\nannotations: []\n');
    const { doc: ldoc, api: lapi } = await openArticle(name);
    assert.equal(Object.keys(lapi.decorations(ldoc)).filter((k) => k.startsWith('mention:')).length, 0);
    fs.writeFileSync(sidecarUri.fsPath, 'version: 1\nspeakers:\n  alice: {name: Alice, kind: person}\nannotations:\n  - {id: a1, type: mention, speaker: alice, start: 0, end: 5}\n');
    await waitFor('reload after the file changed', () => Object.keys(lapi.decorations(ldoc)).some((k) => k.startsWith('mention:')), 15_000);
  });

  it('15 speakers get 15 distinct colours, an underline past the tenth, and their own sidecar color', async () => {
    const name = 'many-speakers.txt';
    const count = 15;
    const lines: string[] = [];
    const speakers: string[] = [];
    const annotations: string[] = [];
    let at = 0;
    for (let i = 1; i <= count; i++) {
      const who = `Speaker${i}`;
      const quote = `"Words of number ${i}."`;
      const line = `${who} said ${quote}\n`;
      speakers.push(`  s${i}: {name: ${who}, kind: person${i === 12 ? ', color: "#D62728"' : ''}}`);
      annotations.push(`  - {id: m${i}, type: mention, speaker: s${i}, start: ${at}, end: ${at + who.length}}`);
      const q = at + line.indexOf(quote);
      annotations.push(`  - {id: q${i}, type: quote, speaker: s${i}, start: ${q}, end: ${q + quote.length}}`);
      lines.push(line);
      at += line.length;
    }
    fs.writeFileSync(workspaceFile(name).fsPath, lines.join(''));
    fs.writeFileSync(workspaceFile(name + '.annotations.yaml').fsPath, ['version: 1', 'speakers:', ...speakers, 'annotations:', ...annotations, ''].join('\n'));
    const { doc: mdoc, api: mapi } = await openArticle(name);
    const quoteKeys = () => Object.keys(mapi.decorations(mdoc)).filter((k) => k.startsWith('quote:'));
    const baseNow = (): ThemeBase =>
      [vscode.ColorThemeKind.Light, vscode.ColorThemeKind.HighContrastLight].includes(vscode.window.activeColorTheme.kind) ? 'light' : 'dark';
    const drawn = (base: ThemeBase) => {
      const keys = quoteKeys();
      assert.equal(keys.length, count, `one quote decoration per speaker (${base}): ${keys.join(', ')}`);
      const styles = mapi.decorationStyles();
      const fills = keys.map((k) => styles[k].backgroundColor);
      const lines = keys.map((k) => styles[k].overviewRulerColor);
      assert.equal(new Set(fills).size, count, `distinct fills (${base}): ${fills.join(', ')}`);
      assert.equal(new Set(lines).size, count, `distinct line colours (${base}): ${lines.join(', ')}`);
      const ranges = mapi.decorations(mdoc);
      const ofSpeaker = (i: number) => {
        const start = mdoc.getText().indexOf(`"Words of number ${i}."`);
        return styles[keys.find((k) => ranges[k].some((r) => r.start === start))!];
      };
      for (let i = 1; i <= 10; i++) assert.equal(ofSpeaker(i).backgroundColor, `theme:attributionLens.speaker${i}`, `speaker ${i} is themable`);
      for (const i of [11, 13, 14, 15]) assert.match(ofSpeaker(i).borderStyle ?? '', /^(solid|dashed|dotted)$/, `speaker ${i} has an underline`);
      assert.equal(ofSpeaker(11).overviewRulerColor, generated(base, 0).color, `speaker 11 in the first generated colour for ${base} themes`);
      assert.equal(ofSpeaker(12).overviewRulerColor, '#d62728', 'speaker 12 in their own colour');
      assert.match(ofSpeaker(12).backgroundColor, /^#d62728[0-9a-f]{2}$/);
      return true;
    };
    const first = baseNow();
    await waitFor('15 quote colours', () => quoteKeys().length === count && drawn(first));
    // Generated colours are made for the theme's kind: switch to a theme of the other kind.
    const config = vscode.workspace.getConfiguration('workbench');
    const other: ThemeBase = first === 'dark' ? 'light' : 'dark';
    type Theme = { id?: string; label: string; uiTheme: string };
    const themes: Theme[] = vscode.extensions.all.flatMap((e) => (e.packageJSON?.contributes?.themes as Theme[] | undefined) ?? []);
    const theme = themes.find((t) => t.uiTheme === (other === 'light' ? 'vs' : 'vs-dark'));
    assert.ok(theme, `a ${other} theme is installed`);
    try {
      await config.update('colorTheme', theme.id ?? theme.label, vscode.ConfigurationTarget.Global);
      await waitFor(`a ${other} theme`, () => baseNow() === other);
      await waitFor(`colours for ${other} themes`, () => mapi.decorationStyles()['quote:11']?.overviewRulerColor === generated(other, 0).color);
      drawn(other);
    } finally {
      await config.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  after(() => {
    // Leave the workspace as the next suite expects it.
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    if (!folder) return;
    for (const f of ['hostile.txt', 'broken.txt', 'badyaml.txt', 'live.txt', 'many-speakers.txt']) {
      for (const p of [f, f + '.annotations.yaml']) fs.rmSync(path.join(folder, p), { force: true });
    }
  });
});
