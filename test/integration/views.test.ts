// Seeing the whole article: the Outline, Go to Definition, Find All References and the side
// bar's Speakers and Demands trees, on the sample article inside a real VS Code. Expected
// values come from sample-docs/corbyn-jewish-leaders-meeting.txt.annotations.yaml.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';
import type { ViewNode } from '../../src/vscode/views';
import { openArticle, waitFor, workspaceFile } from './helpers';
import { removeFiles, writeText } from './workspaceFiles';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const TEMP_FILES = ['outline-live.txt', 'nav-edit.txt', 'status-one.txt'];

async function symbolsOf(doc: vscode.TextDocument): Promise<vscode.DocumentSymbol[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
}

function offsets(doc: vscode.TextDocument, range: vscode.Range): [number, number] {
  return [doc.offsetAt(range.start), doc.offsetAt(range.end)];
}

async function definitionAt(doc: vscode.TextDocument, offset: number): Promise<{ origin?: [number, number]; target: [number, number] }[]> {
  const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, doc.positionAt(offset));
  return (found ?? []).map((d) => {
    if ('targetUri' in d) {
      assert.equal(d.targetUri.toString(), doc.uri.toString());
      return { origin: d.originSelectionRange && offsets(doc, d.originSelectionRange), target: offsets(doc, d.targetSelectionRange ?? d.targetRange) };
    }
    return { target: offsets(doc, d.range) };
  });
}

async function referencesAt(doc: vscode.TextDocument, offset: number): Promise<[number, number][]> {
  const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, doc.positionAt(offset));
  return (found ?? []).map((l) => offsets(doc, l.range)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Speakers in sidecar order, with how many stored spans (mentions, quotes, responses) each has. */
const SPEAKERS: [string, number][] = [
  ['Jeremy Corbyn', 10],
  ['Jewish Leadership Council', 0],
  ['Board of Deputies of British Jews', 0],
  ['Jewish Leadership Council and Board of Deputies', 12],
  ['Jonathan Goldstein', 1],
  ['Jonathan Arkush', 1],
  ['a spokesperson for the Jewish Leadership Council', 4],
  ['a spokesperson for the Board of Deputies', 5],
  ['Labour Against Anti-Semitism', 9],
  ['Labour sources', 8],
  ['Andrew Gwynne', 3],
  ['Labour Party', 0],
];
/** Demands in sidecar order: statements plus responses. */
const DEMANDS: [string, string, number][] = [
  ['A fixed timetable to deal with antisemitism cases', 'not-agreed', 3],
  ['Expedite the cases of Ken Livingstone and Jackie Walker', 'not-agreed', 3],
  ['No MP shares a platform with anyone expelled or suspended for antisemitism', 'not-agreed', 4],
  ['Adopt the full IHRA definition of antisemitism with all its examples', 'not-agreed', 3],
  ['Transparent oversight of the disciplinary process', 'not-agreed', 3],
  ['Decent British people associated with Labour should stand in solidarity and be counted', 'open', 1],
];
/** Corbyn's stored mentions (a6, a52) and the stated no-shared-platforms demand (a1, a32, a63) with its response (a14). */
const CORBYN_MENTIONS: [number, number][] = [[1292, 1298], [7249, 7255]];
const NO_SHARED_PLATFORMS: [number, number][] = [[361, 451], [1991, 2092], [4155, 4244], [10010, 10097]];

describe('Seeing the whole article', function () {
  this.timeout(30_000);
  let doc: vscode.TextDocument;
  let api: AttributionLensApi;
  let text: string;

  before(async () => {
    ({ doc, api } = await openArticle(ARTICLE));
    text = doc.getText();
  });

  describe('Outline', () => {
    it('lists every speaker and demand with its stored spans as children', async () => {
      const symbols = await symbolsOf(doc);
      const expected: [string, number][] = [...SPEAKERS, ...DEMANDS.map(([n, , c]): [string, number] => [n, c])];
      const byName = (x: [string, number][]) => [...x].sort((p, q) => p[0].localeCompare(q[0]));
      // VS Code hands them back in text order: sort both to compare.
      assert.deepEqual(byName(symbols.map((s) => [s.name, s.children.length])), byName(expected));
      const speakers = new Set(SPEAKERS.map(([n]) => n));
      for (const s of symbols) assert.equal(s.kind, speakers.has(s.name) ? vscode.SymbolKind.Object : vscode.SymbolKind.Event, s.name);
    });

    it("a speaker's symbol sits on their first mention; children say what each span is", async () => {
      const corbyn = (await symbolsOf(doc)).find((s) => s.name === 'Jeremy Corbyn')!;
      assert.equal(corbyn.detail, 'person · Leader of the Labour Party');
      assert.deepEqual(offsets(doc, corbyn.selectionRange), CORBYN_MENTIONS[0]);
      const kinds = corbyn.children.map((c) => c.detail);
      assert.equal(kinds.filter((k) => k === 'quote').length, 7);
      assert.equal(kinds.filter((k) => k === 'mention').length, 2);
      assert.deepEqual(kinds.filter((k) => k.startsWith('response')), ['response · partly-agrees']);
      assert.equal(corbyn.children[1].name, 'a positive and constructive meeting about tackling anti-semi…');
      assert.deepEqual(offsets(doc, corbyn.children[1].range), [1358, 1423]);
      // No stored mention of Labour: its first alias occurrence.
      const labour = (await symbolsOf(doc)).find((s) => s.name === 'Labour Party')!;
      assert.equal(text.slice(...offsets(doc, labour.selectionRange)), 'Labour');
      assert.equal(text.indexOf('Labour'), doc.offsetAt(labour.selectionRange.start));
    });

    it('follows a sidecar that changes on disk (VS Code caches symbols per text version)', async () => {
      const name = TEMP_FILES[0];
      await writeText(name, 'Alice spoke. Bob listened.\n');
      const sidecar = name + '.annotations.yaml';
      await writeText(sidecar, 'version: 1\nspeakers:\n  alice: {name: Alice, kind: person}\nannotations: []\n');
      const { doc: live, api: liveApi } = await openArticle(name);
      assert.deepEqual((await symbolsOf(live)).map((s) => s.name), ['Alice']);
      await writeText(sidecar, 'version: 1\nspeakers:\n  alice: {name: Alice, kind: person}\n  bob: {name: Bob, kind: person}\nannotations:\n  - {id: a1, type: mention, speaker: bob, start: 13, end: 16}\n');
      await liveApi.load(live);
      const after = await symbolsOf(live);
      assert.deepEqual(after.map((s) => [s.name, s.children.length]), [['Alice', 0], ['Bob', 1]]);
    });
  });

  describe('Go to Definition', () => {
    it('on an alias occurrence of "Corbyn" goes to his first stored mention', async () => {
      const title = text.indexOf('Jeremy Corbyn');
      assert.ok(title < CORBYN_MENTIONS[0][0], 'the title comes before the first stored mention');
      assert.deepEqual(await definitionAt(doc, title + 8), [{ origin: [title, title + 'Jeremy Corbyn'.length], target: CORBYN_MENTIONS[0] }]);
    });

    it('on a name inside someone else\'s quote goes to that name\'s speaker, not the quote\'s', async () => {
      const inQuote = text.indexOf('Mr. Corbyn’s personal involvement');
      assert.ok(inQuote > 1621 && inQuote < 1767, 'inside a10, a quote of the Jewish groups');
      assert.deepEqual(await definitionAt(doc, inQuote + 5), [{ origin: [inQuote, inQuote + 'Mr. Corbyn'.length], target: CORBYN_MENTIONS[0] }]);
      // Just after the word still counts, as for VS Code's own word navigation.
      assert.deepEqual((await definitionAt(doc, inQuote + 'Mr. Corbyn'.length)).map((d) => d.target), [CORBYN_MENTIONS[0]]);
    });

    it("on a quote or a response goes to its speaker's first mention", async () => {
      assert.deepEqual((await definitionAt(doc, 7378)).map((d) => d.target), [CORBYN_MENTIONS[0]], 'a53, a Corbyn quote');
      assert.deepEqual((await definitionAt(doc, 2000)).map((d) => d.target), [[1890, 1904]], 'a14, a response of Labour sources');
    });

    it('on a demand span goes to the first span stating that demand', async () => {
      assert.deepEqual(await definitionAt(doc, 4200), [{ origin: [4155, 4244], target: [361, 451] }]);
    });

    it('finds nothing off the annotations', async () => {
      const plain = text.indexOf('Following weeks of criticism');
      assert.deepEqual(await definitionAt(doc, plain + 2), []);
    });

    it('right after typing, waits for the annotations to catch up with the text', async () => {
      const name = TEMP_FILES[1];
      await writeText(name, 'Alice met Bob. Alice spoke.\n');
      await writeText(
        name + '.annotations.yaml',
        'version: 1\nspeakers:\n  alice: {name: Alice, kind: person}\nannotations:\n  - {id: a1, type: mention, speaker: alice, start: 0, end: 5}\n',
      );
      const { doc: edited } = await openArticle(name);
      const editor = vscode.window.activeTextEditor!;
      try {
        await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'Today '));
        const second = edited.getText().lastIndexOf('Alice');
        assert.deepEqual(await definitionAt(edited, second + 1), [{ origin: [second, second + 5], target: [6, 11] }]);
      } finally {
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });
  });

  describe('Find All References', () => {
    it('on a demand span lists every span stating it and every response', async () => {
      assert.deepEqual(await referencesAt(doc, 4200), NO_SHARED_PLATFORMS);
      assert.equal((await referencesAt(doc, 2000)).length, 8, 'on the response a14: all of Labour sources, its speaker');
    });

    it("on a speaker's name lists their quotes, response, stored mentions and every other occurrence of their names", async () => {
      const refs = await referencesAt(doc, CORBYN_MENTIONS[0][0] + 1);
      const names = [...text.matchAll(/(?<![\p{L}\p{N}_])(?:Jeremy Corbyn|Mr\. Corbyn|Mr Corbyn|the Labour leader|Corbyn)(?![\p{L}\p{N}_])/gu)];
      assert.equal(names.length, 26, 'names of Corbyn in the sample, stored mentions included');
      for (const m of names) assert.ok(refs.some(([s, e]) => s === m.index && e === m.index + m[0].length), `"${m[0]}" at ${m.index}`);
      assert.ok(refs.some(([s, e]) => s === 1358 && e === 1423), 'the quote a7');
      assert.ok(refs.some(([s, e]) => s === 7933 && e === 8110), 'the response a57');
      assert.equal(refs.length, 26 + 7 + 1);
    });
  });

  describe('Side bar', () => {
    const items = async (tree: AttributionLensApi['views']['speakers'], parent?: ViewNode) => {
      const nodes = ((await tree.getChildren(parent)) ?? []) as ViewNode[];
      return Promise.all(nodes.map(async (node) => ({ node, item: await tree.getTreeItem(node) })));
    };
    const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label);
    const iconId = (item: vscode.TreeItem) => (item.iconPath as vscode.ThemeIcon | undefined)?.id;

    beforeEach(async () => {
      await vscode.window.showTextDocument(doc);
    });

    it('Speakers lists every speaker with kind, role, counts and a swatch of their colour', async () => {
      const speakers = await items(api.views.speakers);
      assert.deepEqual(speakers.map((s) => label(s.item)), SPEAKERS.map(([n]) => n));
      const corbyn = speakers[0].item;
      assert.equal(corbyn.description, 'person · Leader of the Labour Party · 7 quotes · 2 mentions · 1 response');
      assert.equal(corbyn.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
      assert.equal(speakers[1].item.description, 'organisation', 'no counts without spans');
      // The first ten speakers: the swatch is the themed colour itself, tinted.
      const colorOf = (item: vscode.TreeItem) => ((item.iconPath as vscode.ThemeIcon).color as unknown as { id: string }).id;
      assert.deepEqual(speakers.slice(0, 10).map((s) => [iconId(s.item), colorOf(s.item)]), Array.from({ length: 10 }, (_, i) => ['circle-large-filled', `attributionLens.speaker${i + 1}Border`]));
      assert.equal(speakers[1].item.collapsibleState, vscode.TreeItemCollapsibleState.None, 'no stored spans');
      assert.equal(typeof corbyn.tooltip, 'string', 'sidecar text is a plain tooltip, never markdown');
    });

    it("a speaker's children are their spans, in text order, with line and type", async () => {
      const [corbyn] = await items(api.views.speakers);
      const spans = await items(api.views.speakers, corbyn.node);
      assert.equal(spans.length, 10);
      assert.deepEqual(
        spans.slice(0, 3).map((s) => [label(s.item), s.item.description]),
        [
          ['Corbyn', 'line 13 · mention'],
          ['a positive and constructive meeting about tackling anti-semi…', 'line 13 · quote'],
          ['Corbyn', 'line 55 · mention'],
        ],
      );
      const response = spans.find((s) => String(s.item.description).includes('response'))!;
      assert.equal(label(response.item), 'I have charged our new General Secretary Jennie…');
      assert.equal(response.item.description, 'line 59 · response · partly-agrees');
      assert.equal(iconId(response.item), 'pass');
      assert.deepEqual(spans[0].item.command?.arguments, [doc.uri.toString(), 1292, 1298]);
    });

    it('Demands lists each demand with its status, its responses and an icon per status', async () => {
      const demands = await items(api.views.demands);
      // With how many responses each has had.
      assert.deepEqual(demands.map((d) => [label(d.item), d.item.description]), DEMANDS.map(([n, s], i) => [n, `${s} · ${i < 5 ? '1 response' : '0 responses'}`]));
      assert.deepEqual(demands.map((d) => iconId(d.item)), [...Array(5).fill('circle-slash'), 'circle-large-outline']);
    });

    it("a demand's children are its statements and its responses with who responded", async () => {
      const demands = await items(api.views.demands);
      const spans = await items(api.views.demands, demands[2].node);
      assert.deepEqual(
        spans.map((s) => [label(s.item), s.item.description, iconId(s.item)]),
        [
          ["Labour MPs shouldn't share platforms with people expelled…", 'line 5 · demand', 'megaphone'],
          ['Labour sources: agreement that elected officials should not share platforms…', 'line 17 · response · partly-agrees', 'pass'],
          ['no Labour MP should share a platform with…', 'line 33 · demand', 'megaphone'],
          ['that no MP should share a platform with…', 'line 69 · demand', 'megaphone'],
        ],
      );
      assert.deepEqual(spans.map((s) => s.item.command?.arguments?.[1]), NO_SHARED_PLATFORMS.map(([start]) => start));
    });

    it('clicking a span selects it in the article', async () => {
      const demands = await items(api.views.demands);
      const [, response] = await items(api.views.demands, demands[2].node);
      const command = response.item.command!;
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), doc.uri.toString());
      assert.deepEqual([editor.document.offsetAt(editor.selection.start), editor.document.offsetAt(editor.selection.end)], NO_SHARED_PLATFORMS[1]);
      assert.equal(editor.document.getText(editor.selection), text.slice(...NO_SHARED_PLATFORMS[1]));
    });

    it('empties when the active editor is not an annotated article, and comes back', async () => {
      await vscode.window.showTextDocument(workspaceFile(ARTICLE + '.annotations.yaml'));
      assert.deepEqual(await api.views.speakers.getChildren(), []);
      assert.deepEqual(await api.views.demands.getChildren(), []);
      await vscode.window.showTextDocument(doc);
      assert.equal(((await api.views.speakers.getChildren()) ?? []).length, SPEAKERS.length);
    });
  });

  describe('Status bar', () => {
    /** What a screen reader would read aloud that is no word: markdown escapes, entities, icon codes. */
    const noise = /\\|&nbsp;|&\w+;|\$\(|\(s\)/;

    it('has a screen-reader label in plain words, counts with their plurals, and a tooltip without escapes', async () => {
      await vscode.window.showTextDocument(doc);
      const quotes = api.annotations(doc).filter((a) => a.type === 'quote').length;
      const shown = await waitFor('the status bar item', () => api.statusBar.shown().text.includes('$(person)') && api.statusBar.shown());
      assert.equal(shown.accessibilityLabel, `Attribution Lens: ${SPEAKERS.length} speakers, ${quotes} quotes, ${DEMANDS.length} demands; ${api.annotations(doc).length} annotations drawn`);
      assert.doesNotMatch(shown.tooltip, noise, shown.tooltip);
      assert.ok(shown.tooltip.startsWith(shown.accessibilityLabel + '.'), shown.tooltip);
    });

    it('says "1 speaker", "1 quote", "1 annotation", not "1 speakers"', async () => {
      const article = workspaceFile('status-one.txt');
      await writeText(article, 'Hello there.\n');
      await writeText('status-one.txt.annotations.yaml', 'version: 1\nspeakers:\n  x: {name: X, kind: person}\nannotations:\n  - {id: a1, type: quote, speaker: x, start: 0, end: 5}\n');
      const one = await vscode.workspace.openTextDocument(article);
      await vscode.window.showTextDocument(one);
      await api.load(one);
      const shown = await waitFor('the status bar item of the new article', () => api.statusBar.shown().accessibilityLabel?.includes(' 0 demands') && api.statusBar.shown());
      assert.equal(shown.accessibilityLabel, 'Attribution Lens: 1 speaker, 1 quote, 0 demands; 1 annotation drawn');
      assert.doesNotMatch(shown.tooltip, noise, shown.tooltip);
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of TEMP_FILES) {
      await removeFiles(f, f + '.annotations.yaml');
    }
  });
});
