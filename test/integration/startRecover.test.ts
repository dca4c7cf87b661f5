// Starting and recovering in the real VS Code: an article with no sidecar invites annotation
// (status bar, Start Annotating…), the walkthrough's sample opens, and a sidecar that breaks
// keeps its last good annotations on screen, stale and read-only, with the way to the problem.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AttributionLensApi } from '../../src/extension';
import { recordMessages, sleep, waitFor, workspaceFile } from './helpers';

const EXTENSION_ID = 'attribution-lens.attribution-lens';
const FRESH = 'start-fresh.txt';
const BROKEN = 'start-broken.txt';
const CONFLICT = 'start-conflict.txt';
const TEXT = 'Alice said: "We will build it." Bob said: "Not here."\n';
/** Line 9 ends the first alias entry: its comma is what the broken variant drops. */
const GOOD = [
  'version: 1',
  'speakers:',
  '  alice:',
  '    name: Alice',
  '    kind: person',
  '  bob:',
  '    name: Bob',
  '    aliases: [',
  '      "Bobby",',
  '      "Robert",',
  '    ]',
  '    kind: person',
  'annotations:',
  '  - {id: a1, type: quote, speaker: alice, start: 13, end: 29}',
  '  - {id: a2, type: quote, speaker: bob, start: 43, end: 52}',
  '',
].join('\n');
const MISSING_COMMA = GOOD.replace('"Bobby",', '"Bobby"');

async function open(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; api: AttributionLensApi }> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID)!;
  const api = await waitFor('activation', () => ext.isActive && ext.exports);
  await api.load(doc);
  return { doc, editor, api };
}

function write(name: string, text: string): void {
  fs.writeFileSync(workspaceFile(name).fsPath, text);
}

describe('Starting and recovering', () => {
  let recorder: ReturnType<typeof recordMessages>;
  beforeEach(() => (recorder = recordMessages()));
  afterEach(async () => {
    recorder.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('notifications.clearAll');
  });
  after(() => {
    for (const f of [FRESH, BROKEN, CONFLICT]) for (const p of [f, f + '.annotations.yaml']) fs.rmSync(workspaceFile(p).fsPath, { force: true });
  });

  it('an article with no sidecar: the status bar invites annotation, and Start Annotating… offers the ways to start', async () => {
    write(FRESH, TEXT);
    const { api, editor } = await open(FRESH);
    const shown = await waitFor('the invitation', () => api.statusBar.shown().command === 'attributionLens.startAnnotating' && api.statusBar.shown());
    assert.equal(shown.text, '$(edit) Annotate');
    assert.equal(shown.accessibilityLabel, 'Attribution Lens: this article has no annotations yet');
    assert.doesNotMatch(shown.tooltip, /not an annotated article/);
    // With nothing selected, "mark" says what to select instead of opening an empty pick.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await vscode.commands.executeCommand('attributionLens.startAnnotating', { action: 'mark' }), 'mark');
    await waitFor('the hint', () => recorder.shown.some((m) => /select the words someone says/.test(m.text)));
    assert.equal(fs.existsSync(workspaceFile(FRESH + '.annotations.yaml').fsPath), false, 'no sidecar is written before the first annotation');
  });

  it('Open the Sample Article opens the workspace copy, never writing over it', async () => {
    const sidecar = workspaceFile('corbyn-jewish-leaders-meeting.txt.annotations.yaml').fsPath;
    const before = fs.readFileSync(sidecar, 'utf8');
    await vscode.commands.executeCommand('attributionLens.openSample');
    const editor = await waitFor('the sample in the editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/corbyn-jewish-leaders-meeting.txt') && vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.toString(), workspaceFile('corbyn-jewish-leaders-meeting.txt').toString());
    assert.equal(fs.readFileSync(sidecar, 'utf8'), before);
  });

  describe('a sidecar that breaks after it was read', () => {
    it('keeps the last good highlights, marked stale; the status bar leads to the missing comma on line 9', async () => {
      write(BROKEN, TEXT);
      write(BROKEN + '.annotations.yaml', GOOD);
      const { api, doc } = await open(BROKEN);
      const good = await waitFor('the highlights', () => {
        const d = api.decorations(doc);
        return Object.keys(d).some((k) => k.startsWith('quote:')) && d;
      });
      assert.equal(good.stale, undefined);
      write(BROKEN + '.annotations.yaml', MISSING_COMMA);
      await api.load(doc);
      const stale = api.decorations(doc);
      // The same quote highlights as before, and the stale overlay on each annotation.
      for (const [key, ranges] of Object.entries(good)) assert.deepEqual(stale[key], ranges, key);
      assert.deepEqual(stale.stale, [{ start: 13, end: 29 }, { start: 43, end: 52 }]);
      const shown = api.statusBar.shown();
      assert.equal(shown.text, '$(warning) Stale: sidecar line 9');
      assert.equal(shown.command, 'attributionLens.showSidecarProblem');
      assert.match(shown.accessibilityLabel!, /stale and read-only: start-broken\.txt\.annotations\.yaml is broken \(line 9, column 7: it is not valid YAML: a comma is missing after ""Bobby"" on line 9/);
      // The diagnostic and the notification point at line 9, not where js-yaml gave up (10:7).
      const [diag] = vscode.languages.getDiagnostics(workspaceFile(BROKEN + '.annotations.yaml'));
      assert.deepEqual([diag.range.start.line, diag.range.start.character], [8, 6], diag.message);
      const error = await waitFor('the error message', () => recorder.shown.find((m) => m.kind === 'error'));
      assert.ok(error.text.startsWith('Attribution Lens: cannot read start-broken.txt.annotations.yaml:9:7: Not valid YAML: a comma is missing after'), error.text);
      // The click opens the sidecar at the problem.
      await vscode.commands.executeCommand(shown.command!, ...(shown.arguments ?? []));
      const editor = await waitFor('the sidecar editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith(BROKEN + '.annotations.yaml')));
      assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [8, 6]);
    });

    it('the hover says the annotations are stale, and the annotate commands refuse, naming the problem, writing nothing', async () => {
      const { api, doc, editor } = await open(BROKEN);
      await waitFor('the stale state', () => api.decorations(doc).stale);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(15));
      const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
      assert.match(text, /\*\*Stale, read-only:\*\*/);
      assert.match(text, /Alice/);
      editor.selection = new vscode.Selection(0, 0, 0, 5);
      for (const command of ['attributionLens.markQuote', 'attributionLens.deleteAnnotation']) {
        recorder.shown.length = 0;
        assert.equal(await vscode.commands.executeCommand(command, { speaker: 'alice', id: 'a1' }), undefined, command);
        const refusal = await waitFor(`the refusal of ${command}`, () => recorder.shown.find((m) => m.kind === 'error'));
        assert.match(refusal.text, /^Attribution Lens: cannot change annotations: start-broken\.txt\.annotations\.yaml is broken \(line 9, column 7: .*\)\. The highlights shown are the last good ones, read-only; fix the sidecar first\.$/);
      }
      await sleep(200);
      assert.equal(fs.readFileSync(workspaceFile(BROKEN + '.annotations.yaml').fsPath, 'utf8'), MISSING_COMMA);
    });

    it('invalid content (an unknown annotation type) is stale too, at its line; Undo Annotation Change refuses alike', async () => {
      const { api, doc } = await open(BROKEN);
      write(BROKEN + '.annotations.yaml', GOOD);
      await api.load(doc);
      await waitFor('the live annotations', () => api.annotations(doc).length === 2);
      write(BROKEN + '.annotations.yaml', GOOD.replace('type: quote, speaker: bob', 'type: quotation, speaker: bob'));
      await api.load(doc);
      assert.equal(api.decorations(doc).stale?.length, 2);
      assert.equal(api.statusBar.shown().text, '$(warning) Stale: sidecar line 15');
      recorder.shown.length = 0;
      await vscode.commands.executeCommand('attributionLens.undo');
      const refusal = await waitFor('the refusal', () => recorder.shown.find((m) => m.kind === 'error'));
      assert.match(refusal.text, /cannot change annotations: .* is broken \(line 15, column \d+: .*"type" must be one of .*"quotation"/);
    });

    it('once mended, the annotations are live again', async () => {
      const { api, doc } = await open(BROKEN);
      write(BROKEN + '.annotations.yaml', GOOD);
      await api.load(doc);
      assert.equal(api.decorations(doc).stale, undefined);
      assert.match(api.statusBar.shown().text, /^\$\(person\) 2 \$\(quote\) 2/);
      assert.equal(api.annotations(doc).length, 2);
    });

    it('git conflict markers: their own words, Resolve Sidecar Conflicts… on the status bar, the highlights kept', async () => {
      write(CONFLICT, TEXT);
      write(CONFLICT + '.annotations.yaml', GOOD);
      const { api, doc } = await open(CONFLICT);
      await waitFor('the highlights', () => api.annotations(doc).length === 2);
      const conflicted = GOOD.replace(
        '  - {id: a2, type: quote, speaker: bob, start: 43, end: 52}\n',
        '<<<<<<< HEAD\n  - {id: a2, type: quote, speaker: bob, start: 43, end: 52}\n=======\n  - {id: a2, type: quote, speaker: bob, start: 42, end: 53}\n>>>>>>> theirs\n',
      );
      write(CONFLICT + '.annotations.yaml', conflicted);
      await api.load(doc);
      assert.equal(api.decorations(doc).stale?.length, 2);
      const shown = api.statusBar.shown();
      assert.equal(shown.text, '$(warning) Stale: merge conflict');
      assert.equal(shown.command, 'attributionLens.resolveConflicts');
      const message = await waitFor('the conflict message', () => recorder.shown.find((m) => m.kind === 'error'));
      assert.equal(
        message.text,
        'Attribution Lens: start-conflict.txt.annotations.yaml:15:1: the sidecar has unresolved git merge conflict markers, so its annotations cannot be read. Resolve Sidecar Conflicts… keeps one side or both; until then the file is left untouched.',
      );
      recorder.shown.length = 0;
      (await open(CONFLICT)).editor.selection = new vscode.Selection(0, 0, 0, 5);
      assert.equal(await vscode.commands.executeCommand('attributionLens.markQuote', { speaker: 'alice' }), undefined);
      const refusal = await waitFor('the refusal', () => recorder.shown.find((m) => m.kind === 'error'));
      assert.match(refusal.text, /it has unresolved git merge conflict markers \(from line 15\).*resolve the conflict first\.$/);
      assert.equal(fs.readFileSync(workspaceFile(CONFLICT + '.annotations.yaml').fsPath, 'utf8'), conflicted);
    });
  });
});
