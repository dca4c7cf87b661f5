// A large article (thousands of spans): its highlights in view are drawn first and every one of
// them right after, and its first hover has cards like any other (src/vscode/decorations.ts,
// src/vscode/hoverWarmUp.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scaledArticle } from '../../bench/scaledArticle';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { folder, openArticle, sleep, waitFor } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const NAME = 'large-article.txt';

describe('A large article', function () {
  this.timeout(60_000);
  const files: string[] = [];

  before(() => {
    const dir = folder();
    const sample = parseSidecar(fs.readFileSync(path.join(dir, `${SAMPLE}.annotations.yaml`), 'utf8')).sidecar!;
    const { text, sidecar } = scaledArticle(fs.readFileSync(path.join(dir, SAMPLE), 'utf8'), sample, 300_000, 3000, NAME);
    files.push(path.join(dir, NAME), path.join(dir, `${NAME}.annotations.yaml`));
    fs.writeFileSync(files[0], text);
    fs.writeFileSync(files[1], serializeSidecar(sidecar));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of files) fs.rmSync(f, { force: true });
  });

  it('draws every highlight: those in view first, then the rest', async () => {
    const { doc, api } = await openArticle(NAME);
    // What was drawn is read before the ranges are asked for (asking makes them), after a pause
    // in which the rest must have come by itself.
    const settled = async () => {
      await waitFor('a drawing of this version', () => api.drawnVersion(doc) === doc.version, 20_000);
      await sleep(1500);
      const drawn = api.drawnRangeCount(doc);
      const total = Object.entries(api.decorations(doc))
        .filter(([key]) => key !== 'review')
        .reduce((n, [, ranges]) => n + ranges.length, 0);
      return { drawn, total };
    };
    const opened = await settled();
    assert.ok(opened.total > 3000, `${opened.total} ranges`);
    assert.equal(opened.drawn, opened.total);
    // Typing redraws the same way: after the model caught up, all of them again.
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'x'));
    await sleep(500); // the model follows typing after a debounce
    const typed = await settled();
    assert.equal(typed.drawn, typed.total);
    await vscode.commands.executeCommand('undo');
  });

  it('has the hover cards of its spans', async () => {
    const { doc, api } = await openArticle(NAME);
    const a = api.annotations(doc).find((x) => x.type === 'quote')!;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(a.start + 1));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(text, new RegExp(`Quote ${a.id}\\b`));
  });
});
