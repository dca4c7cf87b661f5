// The smoke suite against the extension installed from its .vsix (no extension under
// development in this launch): what ships is what runs. Each check uses files only the package
// can bring, so a file left out of .vscodeignore fails here, not on a user's machine.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';
import { Commands } from '../../src/vscode/commandIds';
import { SAMPLE_ARTICLE } from '../../src/vscode/commands/startCommands';
import type { ExportResult } from '../../src/vscode/commands/exportCommand';
import { MODEL_PATH } from '../../src/vscode/suggestStore';
import { drawnAnnotations, waitFor, workspaceFile } from '../integration/helpers';

const EXTENSION_ID = 'attribution-lens.attribution-lens';
/** Set by runTests.mjs: the --extensions-dir the .vsix was installed into. */
const EXTENSIONS_DIR = process.env.ATTRIBUTION_LENS_EXTENSIONS_DIR;

/** Manifest keys whose string values name a file of the extension. */
const FILE_KEYS = new Set(['main', 'browser', 'icon', 'light', 'dark', 'markdown', 'image', 'svg', 'url', 'path']);

/** Every relative file path the manifest names (not codicons `$(…)`, colours, URLs or globs). */
function manifestFiles(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return FILE_KEYS.has(key) && /^[\w./-]+\.\w+$/.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => manifestFiles(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => manifestFiles(v, k));
  return [];
}

describe('the installed .vsix', function () {
  this.timeout(60_000);
  let ext: vscode.Extension<AttributionLensApi>;
  let api: AttributionLensApi;
  let doc: vscode.TextDocument;
  let tmp: string;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'al-installed-'));
    const found = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed`);
    ext = found;
    doc = await vscode.workspace.openTextDocument(workspaceFile(SAMPLE_ARTICLE));
    await vscode.window.showTextDocument(doc);
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('is the copy installed from the package, not a development folder', () => {
    assert.ok(EXTENSIONS_DIR, 'ATTRIBUTION_LENS_EXTENSIONS_DIR is not set: run this suite through scripts/vscode/runTests.mjs');
    const installedAt = ext.extensionUri.fsPath;
    assert.ok(installedAt.startsWith(path.resolve(EXTENSIONS_DIR) + path.sep), `loaded from ${installedAt}, not from ${EXTENSIONS_DIR}`);
    assert.equal(ext.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('holds every file its manifest names and the files its code reads from its own folder', () => {
    const root = ext.extensionUri.fsPath;
    // The file itself: VS Code's packageJSON carries more keys (the install location among them).
    const manifest: unknown = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    const named = [...new Set(manifestFiles(manifest))];
    assert.ok(named.includes('./dist/extension.js') && named.some((f) => f.startsWith('media/walkthrough/')), `manifest paths: ${named.join(', ')}`);
    const read = [MODEL_PATH.join('/'), `sample-docs/${SAMPLE_ARTICLE}`, `sample-docs/${SAMPLE_ARTICLE}.annotations.yaml`];
    const missing = [...named, ...read].filter((f) => !fs.existsSync(path.join(root, f)));
    assert.deepEqual(missing, [], `missing from the package: ${missing.join(', ')}`);
  });

  it('activates on the sample article and draws its 65 annotations', async () => {
    api = await waitFor('activation', () => ext.isActive && ext.exports, 20_000);
    await api.load(doc);
    assert.equal((await drawnAnnotations(api, doc)).stored, 65);
  });

  it('shows the speaker in the hover card of a quote', async () => {
    const quote = api.annotations(doc).find((a) => a.type === 'quote' && a.speaker === 'corbyn');
    assert.ok(quote, 'a quote of corbyn in the sample');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(quote.start + 1));
    const text = (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /Jeremy Corbyn/);
  });

  it('exports the article as CSV to a file', async () => {
    const target = path.join(tmp, 'sample.csv');
    const result = await vscode.commands.executeCommand<ExportResult>(Commands.exportAnnotations, { format: 'csv', target });
    assert.deepEqual(result?.written.map((u) => u.fsPath), [target]);
    const rows = fs.readFileSync(target, 'utf8').trimEnd().split('\r\n');
    assert.equal(rows.length, 1 + 65);
  });

  it('suggests annotations with the model it ships', async () => {
    const count = await vscode.commands.executeCommand<number | undefined>(Commands.suggestAnnotations);
    assert.ok(api.suggestions.modelLoaded(), 'the model was not read');
    assert.ok(count && count > 0, `${count} suggestions`);
    await vscode.commands.executeCommand(Commands.dismissSuggestions);
  });
});
