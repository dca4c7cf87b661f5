// Language features in the sidecar file itself, as VS Code hands them out (executeHoverProvider
// & co.), without the YAML extension: a copy of the sample's sidecar beside a copy of its article.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { parse } from 'yaml';
import { openArticle, waitFor, workspaceFile } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const ARTICLE = 'sidecar-language.txt';
const SIDECAR = ARTICLE + '.annotations.yaml';
const HOSTILE = 'sidecar-language-hostile.txt';
const LOCAL = 'sidecar-language-workspace.txt';
const EVIL = '**b** <img src=x onerror=alert(1)> [x](command:workbench.action.quit)';

async function openSidecar(name: string): Promise<vscode.TextDocument> {
  await openArticle(SAMPLE); // activates the extension
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.languageId, 'yaml');
  return doc;
}

/** The position of the `nth` (0-based) occurrence of `text` in the document, `into` characters in. */
function at(doc: vscode.TextDocument, text: string, nth = 0, into = 1): vscode.Position {
  let i = -1;
  for (let n = 0; n <= nth; n++) i = doc.getText().indexOf(text, i + 1);
  assert.ok(i >= 0, text);
  return doc.positionAt(i + into);
}

/** Markdown escapes punctuation with backslashes; compare what a person reads. */
const unescape = (md: string) => md.replace(/\\([!-/:-@[-`{-~])/g, '$1');

function markdownOf(hovers: vscode.Hover[]): string[] {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''));
}

describe('Sidecar file: hover, definition, references, completion and rename of ids', function () {
  this.timeout(60_000);

  before(() => {
    const sample = fs.readFileSync(workspaceFile(SAMPLE).fsPath, 'utf8');
    fs.writeFileSync(workspaceFile(ARTICLE).fsPath, sample);
    const sidecar = fs.readFileSync(workspaceFile(SAMPLE + '.annotations.yaml').fsPath, 'utf8');
    fs.writeFileSync(workspaceFile(SIDECAR).fsPath, sidecar.replace(`file: ${SAMPLE}`, `file: ${ARTICLE}`));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of [ARTICLE, SIDECAR, HOSTILE, HOSTILE + '.annotations.yaml', LOCAL, LOCAL + '.annotations.yaml']) fs.rmSync(workspaceFile(name).fsPath, { force: true });
  });

  it("hovering a speaker id in speaker: shows the speaker's card, as the article's hover does", async () => {
    const doc = await openSidecar(SIDECAR);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'speaker: corbyn', 0, 10));
    const text = unescape(markdownOf(hovers).join('\n'));
    assert.match(text, /^\*\*Jeremy Corbyn\*\* · person · Leader of the Labour Party/);
    assert.match(text, /Quoted \d+ times, mentioned \d+ times in this article/);
    assert.match(text, /\*\*Quotes in this article \(7\)\*\*/);
  });

  it("hovering a demand id (a key under demands) shows the demand's card; by: and members: values show speakers", async () => {
    const doc = await openSidecar(SIDECAR);
    const demand = unescape(markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, '  fixed-timetable:', 0, 3))).join('\n'));
    assert.match(demand, /^\*\*Demand:\*\* A fixed timetable/);
    const member = markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, '      - bod', 0, 9))).join('\n');
    assert.match(member, /^\*\*Board of Deputies of British Jews\*\*/);
  });

  it('Go to Definition on a speaker: value lands on its key under speakers', async () => {
    const doc = await openSidecar(SIDECAR);
    const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at(doc, 'speaker: jlc-bod', 0, 11));
    assert.equal(links.length, 1);
    const link = links[0] as vscode.LocationLink;
    assert.equal(link.targetUri.toString(), doc.uri.toString());
    assert.equal(doc.getText(link.targetSelectionRange ?? link.targetRange), 'jlc-bod');
    assert.equal(doc.lineAt(link.targetRange.start.line).text, '  jlc-bod:');
  });

  it('Find All References lists its uses in the file, then its spans in the article', async () => {
    const doc = await openSidecar(SIDECAR);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at(doc, '  bod:', 0, 3));
    const here = refs.filter((r) => r.uri.toString() === doc.uri.toString());
    const data = parse(doc.getText());
    const uses =
      1 +
      (data.annotations as { speaker?: string }[]).filter((a) => a.speaker === 'bod').length +
      Object.values(data.speakers as Record<string, { members?: string[] }>).filter((s) => s.members?.includes('bod')).length +
      Object.values(data.demands as Record<string, { by?: string[]; to?: string[] }>).filter((d) => d.by?.includes('bod') || d.to?.includes('bod')).length;
    assert.equal(here.length, uses);
    for (const r of here) assert.equal(doc.getText(r.range), 'bod');
    const article = refs.filter((r) => r.uri.path.endsWith('/' + ARTICLE));
    assert.ok(article.length > 0, 'spans in the article');
    const text = (await vscode.workspace.openTextDocument(article[0].uri)).getText(article[0].range);
    assert.match(text, /Board of Deputies/);
  });

  it('completion in a speaker: value offers the speakers of the file, and in demand: the demands', async () => {
    const doc = await openSidecar(SIDECAR);
    const speakers = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, 'speaker: corbyn', 0, 9));
    const ids = (list: vscode.CompletionList) => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(ids(speakers).slice(0, 3), ['corbyn', 'jlc', 'bod']);
    assert.ok(!ids(speakers).includes('fixed-timetable'));
    const demands = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, 'demand: fixed-timetable', 0, 8));
    assert.ok(ids(demands).includes('fixed-timetable'));
    assert.ok(!ids(demands).includes('corbyn'));
  });

  it('rename of an id renames it everywhere in the file as one edit, and refuses an invalid id saying why', async () => {
    const doc = await openSidecar(SIDECAR);
    const before = parse(doc.getText());
    const quotes = (before.annotations as { speaker?: string }[]).filter((a) => a.speaker === 'jlc-bod').length;
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at(doc, 'speaker: jlc-bod', 0, 12), 'jewish-groups');
    assert.equal(edit.entries().length, 1, 'one file');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = parse(doc.getText());
    assert.ok('jewish-groups' in after.speakers && !('jlc-bod' in after.speakers));
    assert.equal((after.annotations as { speaker?: string }[]).filter((a) => a.speaker === 'jewish-groups').length, quotes);
    assert.deepEqual(after.demands['fixed-timetable'].by, ['jewish-groups']);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, at(doc, 'speaker: corbyn', 0, 10), 'Jeremy Corbyn')),
      /Use letters, digits, dots, dashes and underscores/,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a speaker defined only in the workspace speakers file: completion offers it, Go to Definition goes there, the hover says so', async () => {
    const speakersFile = workspaceFile('.attribution-lens/speakers.yaml');
    fs.mkdirSync(workspaceFile('.attribution-lens').fsPath, { recursive: true });
    fs.writeFileSync(speakersFile.fsPath, 'version: 1\nspeakers:\n  desk-editor:\n    name: The desk editor\n    kind: person\n');
    fs.writeFileSync(workspaceFile(LOCAL).fsPath, 'Ann said "yes".\n');
    const sidecar = 'version: 1\nspeakers:\n  ann: { name: Ann, kind: person }\nannotations:\n  - { id: q1, type: quote, speaker: desk-editor, start: 9, end: 14 }\n';
    fs.writeFileSync(workspaceFile(LOCAL + '.annotations.yaml').fsPath, sidecar);
    try {
      const doc = await openSidecar(LOCAL + '.annotations.yaml');
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at(doc, 'speaker: desk', 0, 9));
      assert.deepEqual(
        list.items.map((i) => [typeof i.label === 'string' ? i.label : i.label.label, i.detail]),
        [
          ['ann', 'speaker id, defined in this sidecar'],
          ['desk-editor', 'speaker id, defined in the workspace speakers file'],
        ],
      );
      const links = await vscode.commands.executeCommand<vscode.LocationLink[]>('vscode.executeDefinitionProvider', doc.uri, at(doc, 'desk-editor', 0, 2));
      assert.equal(links.length, 1);
      assert.equal(links[0].targetUri.toString(), speakersFile.toString());
      assert.equal(links[0].targetRange.start.line, 2);
      const hover = unescape(markdownOf(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'desk-editor', 0, 2))).join('\n'));
      assert.match(hover, /defined in the workspace speakers file, line 3 \(The desk editor\)/);
    } finally {
      fs.rmSync(workspaceFile('.attribution-lens').fsPath, { recursive: true, force: true });
    }
  });

  it("a hostile speaker name stays text in the sidecar's hover: no link but ours, no HTML", async () => {
    fs.writeFileSync(workspaceFile(HOSTILE).fsPath, 'Eve said "one".\n');
    fs.writeFileSync(
      workspaceFile(HOSTILE + '.annotations.yaml').fsPath,
      ['version: 1', 'speakers:', `  eve: ${JSON.stringify({ name: EVIL, kind: 'person', note: EVIL })}`, 'annotations:', '  - { id: q1, type: quote, speaker: eve, start: 9, end: 14 }', ''].join('\n'),
    );
    const doc = await openSidecar(HOSTILE + '.annotations.yaml');
    const hovers = await waitFor('a hover', async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at(doc, 'speaker: eve', 0, 10));
      return h.length ? h : undefined;
    });
    const html = new MarkdownIt('commonmark').render(markdownOf(hovers).join('\n\n'));
    assert.doesNotMatch(html, /<img|workbench\.action\.quit"/);
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) assert.match(href, /^command:attributionLens\.(revealOffset|showCardList)\?/);
    assert.match(html, /\*\*b\*\* &lt;img/);
  });
});
