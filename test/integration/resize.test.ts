// Resizing annotations inside a real VS Code, on a copy of the sample article: Set Span to
// Selection and the word steps at either end, each written to the sidecar, drawn on the new
// range and undone by Undo; an empty span refused. What counts is the sidecar on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { anchorContext } from '../../src/core/anchoring';
import { Annotation, Sidecar } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import type { AttributionLensApi } from '../../src/extension';
import { recordMessages, waitFor, workspaceFile } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const ARTICLE = 'resize-sample.txt';
const EXTENSION_ID = 'attribution-lens.attribution-lens';

const sidecarPath = (article: string) => workspaceFile(article + '.annotations.yaml').fsPath;
const sidecarText = () => fs.readFileSync(sidecarPath(ARTICLE), 'utf8');

function onDisk(): Sidecar {
  const parsed = parseSidecar(sidecarText());
  assert.ok(parsed.sidecar, 'the sidecar parses');
  return parsed.sidecar;
}

function a6(): Annotation {
  return onDisk().annotations.find((a) => a.id === 'a6')!;
}

describe('Resize commands', function () {
  this.timeout(30_000);
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let api: AttributionLensApi;
  let text: string;
  /** a6, the mention "Corbyn" in "…after the meeting, Corbyn described the talks…", inside no other annotation. */
  let corbyn: number;

  const select = (start: number, end = start) => (editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(end)));
  const drawnAt = (start: number, end: number) => Object.entries(api.decorations(doc)).some(([key, ranges]) => key.startsWith('mention:') && ranges.some((r) => r.start === start && r.end === end));
  const shows = (words: string) => {
    const a = a6();
    assert.equal(a.text, words);
    assert.equal(text.slice(a.start, a.end), words, 'the offsets hold the text');
    assert.deepEqual([a.prefix, a.suffix], [anchorContext(text, a.start, a.end).prefix, anchorContext(text, a.start, a.end).suffix], 'context recomputed');
    assert.ok(drawnAt(a.start, a.end), `drawn on ${JSON.stringify(words)}`);
    return a;
  };

  before(async () => {
    fs.copyFileSync(workspaceFile(SAMPLE).fsPath, workspaceFile(ARTICLE).fsPath);
    fs.copyFileSync(sidecarPath(SAMPLE), sidecarPath(ARTICLE));
    doc = await vscode.workspace.openTextDocument(workspaceFile(ARTICLE));
    editor = await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID);
    assert.ok(ext, 'extension installed');
    api = await waitFor('activation', () => (ext.isActive ? ext.exports : undefined));
    await api.load(doc);
    text = doc.getText();
    corbyn = a6().start;
    assert.equal(text.slice(corbyn, corbyn + 'Corbyn described'.length), 'Corbyn described');
  });

  beforeEach(async () => {
    editor = await vscode.window.showTextDocument(doc);
  });

  it('Set Span to Selection writes the new offsets, text and context, redraws it there, and Undo restores the bytes', async () => {
    const before = sidecarText();
    select(corbyn + 2, corbyn + ' Corbyn described '.length - 1); // from inside a6 to past its end, with a trailing space
    const result = await vscode.commands.executeCommand<Annotation>('attributionLens.setSpanToSelection');
    assert.equal(result?.id, 'a6');
    // The selection started inside the word: that start is kept as selected (trimmed of space only).
    const a = shows('rbyn described');
    assert.deepEqual([a.start, a.end], [corbyn + 2, corbyn + 'Corbyn described'.length]);
    assert.ok(!drawnAt(corbyn, corbyn + 'Corbyn'.length), 'no longer drawn on the old span');
    assert.equal(await vscode.commands.executeCommand('attributionLens.undo'), 'Resize mention a6');
    assert.equal(sidecarText(), before, 'Undo writes the sidecar back byte for byte');
    assert.ok(drawnAt(corbyn, corbyn + 'Corbyn'.length), 'drawn on the old span again');
  });

  it('grows and shrinks by a word at either end, the new span selected for the next step', async () => {
    select(corbyn + 1);
    await vscode.commands.executeCommand('attributionLens.growSpanEnd');
    shows('Corbyn described');
    assert.equal(doc.getText(editor.selection), 'Corbyn described', 'the new span is selected');
    await vscode.commands.executeCommand('attributionLens.growSpanEnd');
    shows('Corbyn described the');
    await vscode.commands.executeCommand('attributionLens.growSpanStart');
    shows('meeting, Corbyn described the');
    await vscode.commands.executeCommand('attributionLens.shrinkSpanStart');
    shows('Corbyn described the');
    await vscode.commands.executeCommand('attributionLens.shrinkSpanEnd');
    await vscode.commands.executeCommand('attributionLens.shrinkSpanEnd');
    shows('Corbyn');
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('attributionLens.undo');
    shows('Corbyn described the');
    for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('attributionLens.undo');
    shows('Corbyn');
  });

  it('refuses an empty span with a clear message, and changes nothing', async () => {
    const before = sidecarText();
    const recorded = recordMessages();
    try {
      select(corbyn + 1);
      assert.equal(await vscode.commands.executeCommand('attributionLens.setSpanToSelection'), undefined);
      select(corbyn, corbyn + 'Corbyn'.length);
      assert.equal(await vscode.commands.executeCommand('attributionLens.shrinkSpanEnd'), undefined);
      assert.equal(await vscode.commands.executeCommand('attributionLens.shrinkSpanStart'), undefined);
    } finally {
      recorded.restore();
    }
    const errors = recorded.shown.filter((m) => m.kind === 'error').map((m) => m.text);
    assert.equal(errors.length, 3, errors.join('\n'));
    assert.match(errors[0], /cannot resize: the selection is empty/);
    assert.match(errors[1], /cannot resize: a6: .*one word/);
    assert.equal(sidecarText(), before);
    shows('Corbyn');
  });

  after(() => {
    fs.rmSync(workspaceFile(ARTICLE).fsPath, { force: true });
    fs.rmSync(sidecarPath(ARTICLE), { force: true });
  });
});
