// "Export Annotations…" and "Show Report" in a real VS Code: the files the command writes (for the
// active article and for a folder with a broken sidecar in it), the pickers and save dialog answered
// from the keyboard, and the report webview's HTML, its updates and its clicks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';
import type { ExportResult } from '../../src/vscode/commands/exportCommand';
import { folder, sleep, waitFor } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const PICKER_MS = 800;
function copySample(to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(path.join(folder(), SAMPLE), to);
  fs.copyFileSync(path.join(folder(), SAMPLE + '.annotations.yaml'), to + '.annotations.yaml');
}

const sampleIds = () => [...fs.readFileSync(path.join(folder(), SAMPLE + '.annotations.yaml'), 'utf8').matchAll(/^\s*- id: (\S+)/gm)].map((m) => m[1]);

describe('Export and report', function () {
  this.timeout(60_000);
  let api: AttributionLensApi;
  let doc: vscode.TextDocument;
  let tmp: string;
  const article = () => path.join(folder(), 'export-sample.txt');

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'al-export-'));
    copySample(article());
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(article()));
    await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens')!;
    api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.load(doc);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of fs.readdirSync(folder())) if (f.startsWith('export-')) fs.rmSync(path.join(folder(), f), { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('exports the active article as CSV to the given file', async () => {
    const target = path.join(tmp, 'one.csv');
    const result = await vscode.commands.executeCommand<ExportResult>('attributionLens.exportAnnotations', { format: 'csv', target });
    assert.deepEqual(result.written.map((u) => u.fsPath), [target]);
    const csv = fs.readFileSync(target, 'utf8');
    assert.match(csv, /^article,id,type,speaker,speaker_id,demand,demand_id,stance,status,line,start,end,text,note,orphan\r\n/);
    for (const id of sampleIds()) assert.match(csv, new RegExp(`^export-sample\\.txt,${id},`, 'm'), `row for ${id}`);
    assert.match(csv, /a positive and constructive meeting/);
    assert.equal(result.annotations, 65);
  });

  it('shows unsaved annotation changes in the export: what the user sees', async () => {
    const a7 = api.annotations(doc).find((a) => a.id === 'a7')!;
    await vscode.commands.executeCommand('attributionLens.deleteAnnotation', { id: 'a7' });
    await waitFor('a7 deleted', () => !api.annotations(doc).some((a) => a.id === 'a7'));
    const target = path.join(tmp, 'after-delete.json');
    await vscode.commands.executeCommand('attributionLens.exportAnnotations', { format: 'json', target });
    const json = JSON.parse(fs.readFileSync(target, 'utf8'));
    assert.equal(json.annotations.length, 64);
    assert.ok(!json.annotations.some((a: { id: string }) => a.id === 'a7'));
    await vscode.commands.executeCommand('attributionLens.undo');
    await waitFor('a7 back', () => api.annotations(doc).some((a) => a.id === a7.id));
  });

  it('through the pickers: this article, Markdown, and the save dialog proposing the file beside it (export-sample.md, not export-sample.txt.md)', async () => {
    await vscode.window.showTextDocument(doc);
    const running = vscode.commands.executeCommand<ExportResult | undefined>('attributionLens.exportAnnotations');
    await sleep(PICKER_MS); // scope: this article first
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(PICKER_MS); // formats: CSV, CSV for Excel, JSON, Markdown report, …
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(PICKER_MS * 2); // the save dialog (VS Code's own, in the browser), with the default path
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const result = await running;
    const expected = article().replace(/\.txt$/, '.md');
    assert.deepEqual(result?.written.map((u) => u.fsPath), [expected]);
    const md = fs.readFileSync(expected, 'utf8');
    assert.match(md, /^# Attribution report: export-sample\\\.txt\n/); // the dot escaped: Markdown would link a bare domain
    assert.match(md, /### Jeremy Corbyn/);
  });

  it('exports every annotated article of a folder, skipping a broken sidecar and saying where it is broken', async () => {
    const dir = path.join(folder(), 'export-folder');
    copySample(path.join(dir, 'one.txt'));
    copySample(path.join(dir, 'nested', 'two.txt'));
    copySample(path.join(dir, 'broken.txt'));
    fs.writeFileSync(path.join(dir, 'broken.txt.annotations.yaml'), 'version: 1\nspeakers: [\n  - id: x\n');
    fs.writeFileSync(path.join(dir, 'stray.txt.annotations.yaml'), 'version: 1\n');
    const target = path.join(tmp, 'folder.json');
    const result = await vscode.commands.executeCommand<ExportResult>('attributionLens.exportAnnotations', { format: 'json', folder: dir, target });
    assert.deepEqual(result.written.map((u) => u.fsPath), [target]);
    const json = JSON.parse(fs.readFileSync(target, 'utf8'));
    assert.deepEqual(json.map((a: { article: string }) => a.article), ['nested/two.txt', 'one.txt']);
    assert.equal(json[0].annotations.length, 65);
    const skipped = Object.fromEntries(result.skipped.map((s) => [path.basename(s.file), s.reason]));
    assert.match(skipped['broken.txt.annotations.yaml'] ?? '', /its sidecar has 1 error/);
    assert.match(skipped['stray.txt.annotations.yaml'] ?? '', /no article/);
    assert.equal(result.skipped.length, 2);
  });

  it('exports a folder as HTML and brat into a target folder: a set of files per article, the articles untouched', async () => {
    const dir = path.join(folder(), 'export-folder');
    const out = path.join(tmp, 'html');
    const result = await vscode.commands.executeCommand<ExportResult>('attributionLens.exportAnnotations', { format: 'html', folder: dir, target: out });
    assert.deepEqual(result.written.map((u) => path.relative(out, u.fsPath)).sort(), ['nested/two.txt.html', 'one.txt.html']);
    const html = fs.readFileSync(path.join(out, 'one.txt.html'), 'utf8');
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /Jeremy Corbyn/);
    // brat into the folder itself: its .txt files are the articles, which must not be rewritten.
    const before = fs.readFileSync(path.join(dir, 'one.txt'), 'utf8');
    const brat = await vscode.commands.executeCommand<ExportResult>('attributionLens.exportAnnotations', { format: 'brat', folder: dir, target: dir });
    // brat's configuration goes in each folder with documents: without it brat knows none of the types.
    assert.deepEqual(brat.written.map((u) => path.relative(dir, u.fsPath)).sort(), ['annotation.conf', 'nested/annotation.conf', 'nested/two.ann', 'nested/visual.conf', 'one.ann', 'visual.conf']);
    assert.equal(fs.readFileSync(path.join(dir, 'one.txt'), 'utf8'), before);
    assert.match(fs.readFileSync(path.join(dir, 'one.ann'), 'utf8'), /^T1\t/m);
  });

  it('W3C: the article is named by its document URI, or under the attributionLens.export.w3cBaseIri setting', async () => {
    await vscode.window.showTextDocument(doc);
    const sources = (jsonld: string): string[] => [...new Set(JSON.parse(fs.readFileSync(jsonld, 'utf8')).first.items.map((a: { target: { source: string } }) => a.target.source))] as string[];
    const exportTo = (name: string, extra: object = {}) => vscode.commands.executeCommand<ExportResult | undefined>('attributionLens.exportAnnotations', { format: 'w3c', target: path.join(tmp, name), ...extra });
    await exportTo('w3c-plain');
    assert.deepEqual(sources(path.join(tmp, 'w3c-plain', 'export-sample.txt.jsonld')), [doc.uri.toString()]);
    // A folder export reads articles that are not open: a folder with a space, a non-ASCII name.
    const dir = path.join(folder(), 'export-iri');
    copySample(path.join(dir, 'city news', 'café.txt'));
    copySample(path.join(dir, 'sport', 'story.txt'));
    await exportTo('w3c-folder-plain', { folder: dir });
    assert.deepEqual(sources(path.join(tmp, 'w3c-folder-plain', 'city news', 'café.txt.jsonld')), [vscode.Uri.file(path.join(dir, 'city news', 'café.txt')).toString()]);

    const config = vscode.workspace.getConfiguration('attributionLens');
    await config.update('export.w3cBaseIri', 'https://news.example/archive/', vscode.ConfigurationTarget.Global);
    try {
      await exportTo('w3c-based');
      assert.deepEqual(sources(path.join(tmp, 'w3c-based', 'export-sample.txt.jsonld')), ['https://news.example/archive/export-sample.txt']);
      await exportTo('w3c-folder-based', { folder: dir });
      assert.deepEqual(sources(path.join(tmp, 'w3c-folder-based', 'city news', 'café.txt.jsonld')), ['https://news.example/archive/city%20news/caf%C3%A9.txt']);
      // The command's argument wins over the setting; "" is the document's own URI.
      await exportTo('w3c-arg', { baseIri: 'https://other.example/a/' });
      assert.deepEqual(sources(path.join(tmp, 'w3c-arg', 'export-sample.txt.jsonld')), ['https://other.example/a/export-sample.txt']);
      await exportTo('w3c-arg-empty', { baseIri: '' });
      assert.deepEqual(sources(path.join(tmp, 'w3c-arg-empty', 'export-sample.txt.jsonld')), [doc.uri.toString()]);
      // A setting that is not an absolute IRI stops the export before anything is written.
      await config.update('export.w3cBaseIri', 'news/archive', vscode.ConfigurationTarget.Global);
      assert.equal(await exportTo('w3c-bad'), undefined);
      assert.ok(!fs.existsSync(path.join(tmp, 'w3c-bad')));
    } finally {
      await config.update('export.w3cBaseIri', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('never writes over an article through a link, and skips a Latin-1 article naming line:column (the CLI\'s rules)', async function () {
    if (process.platform === 'win32') this.skip();
    const dir = path.join(folder(), 'export-hostile');
    copySample(path.join(dir, 'one.txt'));
    copySample(path.join(dir, 'latin.txt'));
    fs.writeFileSync(path.join(dir, 'latin.txt'), Buffer.from('Caf\xe9\n', 'latin1'));
    const out = path.join(tmp, 'hostile');
    fs.mkdirSync(out);
    fs.symlinkSync(path.join(dir, 'one.txt'), path.join(out, 'one.txt.html'));
    const before = fs.readFileSync(path.join(dir, 'one.txt'), 'utf8');
    const result = await vscode.commands.executeCommand<ExportResult>('attributionLens.exportAnnotations', { format: 'html', folder: dir, target: out });
    assert.deepEqual(result.written, []);
    const skipped = Object.fromEntries(result.skipped.map((s) => [path.basename(s.file), s.reason]));
    assert.match(skipped['one.txt.html'] ?? '', /^not written: it is an article/);
    assert.match(skipped['latin.txt'] ?? '', /cannot be read as UTF-8 text \(line 1, column 4\)/);
    assert.equal(fs.readFileSync(path.join(dir, 'one.txt'), 'utf8'), before);
  });

  it('shows the report beside the article, redraws it as annotations change, and reveals what is clicked', async () => {
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('attributionLens.showReport');
    const tab = await waitFor('the report tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label === 'Report: export-sample.txt'),
    );
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'beside the article');
    const html = await waitFor('report html', () => api.report.html);
    assert.match(html, /Content-Security-Policy/);
    assert.match(html, /script-src 'nonce-/);
    assert.match(html, /a positive and constructive meeting/);
    const marks = (h: string) => (h.match(/<mark /g) ?? []).length;

    // An annotation change redraws it.
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('attributionLens.deleteAnnotation', { id: 'a7' });
    const redrawn = await waitFor('the report redrawn', () => api.report.html !== html && api.report.html);
    assert.ok(marks(redrawn) < marks(html), `fewer highlights: ${marks(redrawn)} < ${marks(html)}`);
    await vscode.commands.executeCommand('attributionLens.undo');
    await waitFor('the report redrawn again', () => api.report.html === html || undefined);

    // A click in the page posts { type: 'reveal', start, end }: the article's editor selects that span.
    const a13 = api.annotations(doc).find((a) => a.id === 'a13')!;
    await api.report.receive({ type: 'reveal', start: a13.start, end: a13.end });
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), doc.uri.toString());
    assert.equal(active.viewColumn, vscode.ViewColumn.One);
    assert.equal(doc.offsetAt(active.selection.start), a13.start);
    assert.equal(doc.offsetAt(active.selection.end), a13.end);
    // Anything else from the page is ignored.
    for (const bad of [null, 'reveal', { type: 'reveal', start: '0', end: 5 }, { type: 'run', command: 'x' }, { type: 'reveal', start: 1.5, end: 2 }]) {
      await api.report.receive(bad);
      assert.equal(doc.offsetAt(vscode.window.activeTextEditor!.selection.start), a13.start);
    }
  });
});
