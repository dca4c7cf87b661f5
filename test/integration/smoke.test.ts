// Checks the harness itself: this file runs inside a real VS Code extension host, with
// the extension under development loaded and the sample workspace open.
import * as assert from 'assert';
import * as vscode from 'vscode';

describe('harness smoke', () => {
  it('runs inside the extension host with the extension loaded', () => {
    const ext = vscode.extensions.getExtension('attribution-lens.attribution-lens');
    assert.ok(ext, 'extension attribution-lens.attribution-lens is not loaded (check engines.vscode and the build)');
  });

  it('opens the sample docs workspace', async () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, `expected one workspace folder, got ${folders.length}`);
    const article = vscode.Uri.joinPath(folders[0].uri, 'corbyn-jewish-leaders-meeting.txt');
    const stat = await vscode.workspace.fs.stat(article);
    assert.strictEqual(stat.type, vscode.FileType.File);
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(folders[0].uri, 'corbyn-jewish-leaders-meeting.txt.annotations.yaml'));
  });
});
