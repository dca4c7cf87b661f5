// The review flow in a real VS Code: an article changed behind its sidecar's back (one quote's
// words edited: repaired; another's text and context rewritten: an orphan), the Needs Review
// tree, the Problems entries, the dotted outline, then Re-attach, Accept (with the diff shown),
// Delete, each undone, and the sidecar file written after each.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Annotation } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import type { AttributionLensApi } from '../../src/extension';
import { Commands } from '../../src/vscode/commandIds';
import type { ReviewNode } from '../../src/vscode/reviewView';
import { folder, waitFor } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const NAME = 'review-sample.txt';
const ORPHAN_QUOTE = 'a positive and constructive meeting about tackling anti-semitism.';
const REPAIRED_OLD = 'It is hard to see where the Labour party goes from here';
const REPAIRED_NEW = 'It is hard to see where the Labour party goes next';

describe('Needs review: orphans and repaired spans', function () {
  this.timeout(90_000);
  let api: AttributionLensApi;
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let repairedId: string;
  const sidecarFile = () => path.join(folder(), NAME + '.annotations.yaml');
  const written = (id: string): Annotation | undefined => parseSidecar(fs.readFileSync(sidecarFile(), 'utf8')).sidecar!.annotations.find((a) => a.id === id);
  const nodes = async () => ((await api.review.tree.getChildren()) ?? []) as ReviewNode[];
  const rows = async () => (await nodes()).map((n) => `${n.entry.status} ${n.entry.annotation.id}`);
  const waitRows = async (expected: string[]) => {
    try {
      await waitFor('review rows', async () => JSON.stringify(await rows()) === JSON.stringify(expected));
    } catch {
      assert.deepEqual(await rows(), expected, 'the Needs review rows');
    }
  };
  const node = async (id: string) => (await nodes()).find((n) => n.entry.annotation.id === id)!;
  // (The sample's near-identical a33/a34 have an entry of their own, not a review item.)
  const reviewDiagnostics = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Attribution Lens' && d.code !== 'near-identical');
  const undo = async () => {
    editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand(Commands.undo);
  };

  before(async () => {
    const text = fs
      .readFileSync(path.join(folder(), SAMPLE), 'utf8')
      .replace(`${ORPHAN_QUOTE}"\n\nThis take`, 'a good meeting." This view')
      .replace(REPAIRED_OLD, REPAIRED_NEW);
    // The sidecar as it was for the old text: the article changed behind its back.
    fs.writeFileSync(path.join(folder(), NAME), text);
    fs.copyFileSync(path.join(folder(), SAMPLE + '.annotations.yaml'), sidecarFile());
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder(), NAME)));
    editor = await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens')!;
    api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.load(doc);
  });

  after(async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const f of fs.readdirSync(folder())) if (f.startsWith('review-')) fs.rmSync(path.join(folder(), f), { force: true });
  });

  it('lists the orphan and the repaired span, with status, id, type, speaker, old and new text', async () => {
    const list = await waitFor('two review items', async () => ((await nodes()).length === 2 ? nodes() : undefined));
    const [orphan, repaired] = list;
    repairedId = repaired.entry.annotation.id;
    assert.deepEqual(await rows(), ['orphan a7', `repaired ${repairedId}`]);
    const o = await api.review.tree.getTreeItem(orphan);
    assert.equal(o.description, 'orphan · a7 · quote · Jeremy Corbyn');
    assert.equal(o.contextValue, 'review-orphan-proposal');
    assert.match(String(o.tooltip), /Was: a positive and constructive meeting about tackling anti-semitism\./);
    assert.match(String(o.tooltip), /Best place below the threshold: a positive and constructive meeting about tackling antisemitism/);
    const r = await api.review.tree.getTreeItem(repaired);
    assert.equal(r.contextValue, 'review-repaired');
    assert.match(String(r.description), new RegExp(`^repaired · ${repairedId} · quote · `));
    assert.match(String(r.tooltip), new RegExp(`Was: ${REPAIRED_OLD}\\nNow: ${REPAIRED_NEW}`));
    assert.equal(r.label, REPAIRED_OLD.split(' ').slice(0, 10).join(' ') + '…');
  });

  it('puts both in the Problems panel on the article, and outlines the repaired span', async () => {
    const diags = await waitFor('review diagnostics', () => reviewDiagnostics().length === 2 && reviewDiagnostics());
    const text = doc.getText();
    const repaired = diags.find((d) => d.code === 'repaired')!;
    assert.equal(repaired.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(doc.getText(repaired.range), REPAIRED_NEW);
    assert.match(repaired.message, /^Needs review: quote \S+ \(.+\) was placed on edited text: was "It is hard to see where the Labour party goes from here", now "It is hard to see where the Labour party goes next"/);
    const orphan = diags.find((d) => d.code === 'orphan')!;
    assert.match(orphan.message, /quote a7 \(Jeremy Corbyn\) is an orphan: its text "a positive and constructive meeting abo…" could not be found/);
    assert.match(doc.getText(orphan.range), /^a positive and constructive meeting about tackling antisemitism/, 'at the proposal');
    const start = text.indexOf(REPAIRED_NEW);
    assert.deepEqual(api.decorations(doc).review, [{ start, end: start + REPAIRED_NEW.length }]);
  });

  it("clicking a row selects the repaired span, or the orphan's proposed place", async () => {
    const text = doc.getText();
    const click = async (id: string) => {
      const { command } = await api.review.tree.getTreeItem(await node(id));
      await vscode.commands.executeCommand(command!.command, ...(command!.arguments ?? []));
      const shown = vscode.window.activeTextEditor!;
      assert.equal(shown.document.uri.toString(), doc.uri.toString());
      return shown.document.getText(shown.selection);
    };
    assert.equal(await click(repairedId), REPAIRED_NEW);
    const proposed = await click('a7');
    assert.match(proposed, /^a positive and constructive meeting about tackling antisemitism/);
    assert.ok(text.includes(proposed));
  });

  it('re-attaches the orphan to the selection, written without its flag; Undo makes it an orphan again', async () => {
    const at = doc.getText().indexOf('a good meeting.');
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 'a good meeting.'.length));
    assert.equal(await vscode.commands.executeCommand(Commands.reviewReattach, await node('a7')), true);
    await waitRows([`repaired ${repairedId}`]);
    const a7 = await waitFor('a7 written', () => written('a7')?.text === 'a good meeting.' && written('a7'));
    assert.deepEqual([a7.start, a7.review], [at, undefined]);
    assert.equal(written(repairedId)?.review?.status, 'repaired', 'the other stays flagged in the file');
    await undo();
    await waitRows(['orphan a7', `repaired ${repairedId}`]);
    const back = await waitFor('a7 an orphan again in the file', () => written('a7')?.review?.status === 'orphan' && written('a7'));
    assert.equal(back.text, ORPHAN_QUOTE);
  });

  it('accepts the repaired span after showing the diff of old and new text; Undo flags it again', async () => {
    const shown: { message: string; diff?: string[] }[] = [];
    const w = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
    const original = w.showInformationMessage;
    w.showInformationMessage = async (...args: unknown[]) => {
      if (!(args[1] && typeof args[1] === 'object' && (args[1] as { modal?: boolean }).modal)) return original.apply(vscode.window, args);
      const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
      const input = tab?.input instanceof vscode.TabInputTextDiff ? tab.input : undefined;
      const texts = input && (await Promise.all([input.original, input.modified].map(async (u) => (await vscode.workspace.openTextDocument(u)).getText())));
      shown.push({ message: String(args[0]), diff: texts });
      return 'Accept';
    };
    try {
      assert.equal(await vscode.commands.executeCommand(Commands.reviewAccept, await node(repairedId)), true);
    } finally {
      w.showInformationMessage = original;
    }
    assert.equal(shown.length, 1);
    assert.match(shown[0].message, /^Accept quote .* on its edited text\?$/);
    assert.deepEqual(shown[0].diff, [REPAIRED_OLD, REPAIRED_NEW], 'the diff of old and new text was showing');
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)), 'and is closed after');
    await waitRows(['orphan a7']);
    await waitFor('accepted in the file', () => written(repairedId)?.text === REPAIRED_NEW && written(repairedId)?.review === undefined);
    assert.equal(api.decorations(doc).review, undefined, 'no outline any more');
    await undo();
    await waitRows(['orphan a7', `repaired ${repairedId}`]);
    await waitFor('flagged again in the file', () => written(repairedId)?.review?.was === REPAIRED_OLD);
  });

  it('deletes the orphan, then the repaired span; Undo brings each back', async () => {
    assert.equal(await vscode.commands.executeCommand(Commands.reviewDelete, await node('a7')), true);
    await waitRows([`repaired ${repairedId}`]);
    await waitFor('a7 gone from the file', () => !written('a7'));
    assert.equal(await vscode.commands.executeCommand(Commands.reviewDelete, await node(repairedId)), true);
    await waitRows([]);
    await waitFor('both gone from the file', () => !written(repairedId));
    await waitFor('no review problems left', () => reviewDiagnostics().length === 0);
    await undo();
    await undo();
    await waitRows(['orphan a7', `repaired ${repairedId}`]);
    await waitFor('both back in the file', () => written('a7')?.review?.status === 'orphan' && written(repairedId)?.review?.status === 'repaired');
  });

  it('accepts the orphan at its proposal from the palette (a pick), undoably', async () => {
    const w = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
    const originals = { info: w.showInformationMessage, pick: w.showQuickPick };
    w.showInformationMessage = async (...args: unknown[]) => (args[1] && typeof args[1] === 'object' && 'modal' in args[1] ? 'Accept' : originals.info.apply(vscode.window, args));
    w.showQuickPick = async (items: unknown) => (await (items as Promise<{ entry: { annotation: { id: string } } }[]>)).find((i) => i.entry.annotation.id === 'a7');
    editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    try {
      assert.equal(await vscode.commands.executeCommand(Commands.reviewAccept), true);
    } finally {
      w.showInformationMessage = originals.info;
      w.showQuickPick = originals.pick;
    }
    await waitRows([`repaired ${repairedId}`]);
    const a7 = await waitFor('a7 at its proposal', () => written('a7')?.review === undefined && written('a7'));
    assert.match(a7.text!, /^a positive and constructive meeting about tackling antisemitism/);
    await undo();
    await waitRows(['orphan a7', `repaired ${repairedId}`]);
  });

  it('follows an on-disk change of the sidecar: the tree and Problems update', async () => {
    const source = fs.readFileSync(sidecarFile(), 'utf8');
    // A colleague accepts the repaired span by hand: removes its review mapping.
    const parsed = parseSidecar(source);
    const lines = source.split('\n');
    const id = lines.findIndex((l) => l === `  - id: ${repairedId}`);
    const from = lines.findIndex((l, i) => i > id && l === '    review:');
    let to = from + 1;
    while (lines[to]?.startsWith('      ')) to++;
    lines.splice(from, to - from);
    assert.ok(parsed.sidecar);
    fs.writeFileSync(sidecarFile(), lines.join('\n'));
    await waitRows(['orphan a7']);
    await waitFor('one review problem left', () => reviewDiagnostics().length === 1 && reviewDiagnostics()[0].code === 'orphan');
  });
});

describe('Needs review: untrusted text stays text', function () {
  this.timeout(60_000);
  const NAME2 = 'review-hostile.txt';
  const HOSTILE = 'Click $(alert) [here](command:workbench.action.quit) \u202eevil';
  let doc: vscode.TextDocument;

  before(async () => {
    // The orphan's stored text, speaker name and context hold icons, a command link and a bidi override.
    fs.writeFileSync(path.join(folder(), NAME2), 'Nothing of what was said is here any more.\n');
    fs.writeFileSync(
      path.join(folder(), NAME2 + '.annotations.yaml'),
      [
        'version: 1',
        'speakers:',
        '  x:',
        `    name: ${JSON.stringify('$(zap) Mallory [x](command:evil) \u202e')}`,
        '    kind: person',
        'annotations:',
        '  - id: a1',
        '    type: quote',
        '    speaker: x',
        '    start: 0',
        '    end: 40',
        `    text: ${JSON.stringify(HOSTILE)}`,
        '    prefix: "said: "',
        '    suffix: " and left"',
        '    review: {status: orphan, reason: "$(flame) it is gone [y](command:evil)"}',
        '',
      ].join('\n'),
    );
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder(), NAME2)));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens')!;
    const api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.load(doc);
  });

  after(async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const f of fs.readdirSync(folder())) if (f.startsWith('review-hostile')) fs.rmSync(path.join(folder(), f), { force: true });
  });

  it('in the tree row, its tooltip and the Problems entry', async () => {
    const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens')!;
    const api = ext.exports;
    const [node] = await waitFor('the orphan row', async () => {
      const n = ((await api.review.tree.getChildren()) ?? []) as ReviewNode[];
      return n.length === 1 && n;
    });
    const item = await api.review.tree.getTreeItem(node);
    for (const shown of [String(item.label), String(item.description), String(item.tooltip)]) {
      assert.doesNotMatch(shown, /\$\(|\]\(|command:|\u202e/, shown);
    }
    assert.match(String(item.tooltip), /\\u202eevil/);
    const diag = await waitFor('the Problems entry', () => vscode.languages.getDiagnostics(doc.uri).find((d) => d.code === 'orphan'));
    assert.doesNotMatch(diag.message, /\u202e/);
    assert.match(diag.message, /\\u202e/);
  });
});
