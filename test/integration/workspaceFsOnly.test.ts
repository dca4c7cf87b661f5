// What the extension does on any file system, with no Node module in the test either, so the
// same suite runs in the Node extension host and in the web worker one (test/web/suites.ts):
// highlights and the hover card, annotating and saving the sidecar, suggestions from the model
// read through workspace.fs, the report, and an export to the file the save dialog gives.
// (Named to sort after suggest.test.ts: it reads the model, which that suite expects unread.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Annotation } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import type { AttributionLensApi } from '../../src/extension';
import type { ExportResult } from '../../src/vscode/commands/exportCommand';
import { openArticle, waitFor, workspaceFile } from './helpers';
import { copyFile, filesStartingWith, readText, removeFiles, writeText } from './workspaceFiles';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const ARTICLE = 'anyfs-sample.txt';
const FRESH = 'anyfs-fresh.txt';

describe('On any file system (workspace.fs only)', function () {
  this.timeout(60_000);
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let api: AttributionLensApi;

  before(async () => {
    await copyFile(SAMPLE, ARTICLE);
    await copyFile(SAMPLE + '.annotations.yaml', ARTICLE + '.annotations.yaml');
    ({ doc, editor, api } = await openArticle(ARTICLE));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeFiles(...(await filesStartingWith('anyfs-')));
  });

  it('draws the sidecar\'s highlights and shows a speaker\'s hover card', async () => {
    const drawn = await waitFor('highlights', () => {
      const n = Object.values(api.decorations(doc)).reduce((sum, ranges) => sum + ranges.length, 0);
      return n > 0 && n;
    });
    assert.ok(drawn >= 65, `${drawn} ranges drawn`);
    const at = doc.getText().indexOf('Jeremy Corbyn');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Jeremy Corbyn/);
    assert.match(text, /a positive and constructive meeting/);
  });

  it('marks a quote and saves it to the sidecar, written through the workspace host', async () => {
    await vscode.window.showTextDocument(doc);
    const words = 'Westminster on Tuesday evening';
    const start = doc.getText().indexOf(words);
    assert.ok(start > 0);
    editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + words.length));
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markQuote', { speaker: 'corbyn' });
    assert.ok(made, 'the quote was made');
    const saved = await waitFor('the sidecar written', async () => {
      const parsed = parseSidecar(await readText(ARTICLE + '.annotations.yaml'));
      return parsed.sidecar?.annotations.find((a) => a.id === made.id);
    });
    assert.deepEqual([saved.type, saved.speaker, saved.start, saved.end], ['quote', 'corbyn', start, start + words.length]);
    // Nothing left behind by the atomic write: no temporary sibling once the writes are done
    // (a later write of the same sidecar may still have its temporary file for a moment).
    const expected = JSON.stringify([ARTICLE, ARTICLE + '.annotations.yaml']);
    await waitFor('no temporary file beside the sidecar', async () => JSON.stringify((await filesStartingWith('anyfs-sample')).sort()) === expected);
  });

  it('reads the model from the extension\'s own files and suggests on an article without a sidecar', async () => {
    await writeText(FRESH, '"We will not accept this," said Jane Smith, the council leader. She added that "the plan must be withdrawn".\n');
    const fresh = await openArticle(FRESH);
    const count = await vscode.commands.executeCommand<number>('attributionLens.suggestAnnotations');
    assert.ok(api.suggestions.modelLoaded(), 'the model was read');
    assert.ok(count && count > 0, `${count} suggestions`);
    assert.ok(api.suggestions.pending(fresh.doc).some((s) => s.annotation.type === 'quote'), 'a quote among the suggestions');
  });

  it('shows the report of the article', async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('attributionLens.showReport');
    const html = await waitFor('the report', () => api.report.html);
    assert.match(html, /a positive and constructive meeting/);
    assert.match(html, /Content-Security-Policy/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('exports to the file the save dialog gives', async () => {
    await vscode.window.showTextDocument(doc);
    const target = workspaceFile('anyfs-export.csv');
    const w = vscode.window as { showSaveDialog: typeof vscode.window.showSaveDialog };
    const original = w.showSaveDialog;
    const asked: (vscode.Uri | undefined)[] = [];
    w.showSaveDialog = async (options) => (asked.push(options?.defaultUri), target);
    try {
      const result = await vscode.commands.executeCommand<ExportResult>('attributionLens.exportAnnotations', { format: 'csv' });
      assert.deepEqual(result.written.map((u) => u.toString()), [target.toString()]);
    } finally {
      w.showSaveDialog = original;
    }
    assert.equal(asked.length, 1, 'the save dialog was asked once');
    assert.equal(asked[0]?.scheme, doc.uri.scheme, 'it proposed a file beside the article, on its file system');
    const csv = await readText(target);
    assert.match(csv, /^article,id,type,speaker,/);
    assert.match(csv, /a positive and constructive meeting/);
  });
});
