// Annotations follow the text through real editor edits, VS Code's Undo, save, reopen and
// rename, on a copy of the sample article.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { anchorAnnotations, anchorContext } from '../../src/core/anchoring';
import { Annotation, emptySidecar } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import type { AttributionLensApi } from '../../src/extension';
import { folder, waitFor } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';

function select(editor: vscode.TextEditor, start: number, end = start): void {
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
}

/** Every live annotation sits exactly on the text it had at the start. */
function assertOnText(api: AttributionLensApi, doc: vscode.TextDocument, expected: Map<string, string>, message: string): void {
  const text = doc.getText();
  const wrong = api
    .annotations(doc)
    .filter((a) => expected.has(a.id) && text.slice(a.start, a.end) !== expected.get(a.id))
    .map((a) => `${a.id}: ${JSON.stringify(text.slice(a.start, a.end))} != ${JSON.stringify(expected.get(a.id))}`);
  assert.deepEqual(wrong, [], message);
}

describe('Annotations follow the text', function () {
  this.timeout(60_000);
  const name = 'tracking-sample.txt';
  let uri: vscode.Uri;
  let api: AttributionLensApi;
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let original: Map<string, string>;

  before(async () => {
    fs.copyFileSync(path.join(folder(), SAMPLE), path.join(folder(), name));
    fs.copyFileSync(path.join(folder(), SAMPLE + '.annotations.yaml'), path.join(folder(), name + '.annotations.yaml'));
    uri = vscode.Uri.file(path.join(folder(), name));
    doc = await vscode.workspace.openTextDocument(uri);
    editor = await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens')!;
    api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.load(doc);
    const text = doc.getText();
    original = new Map(api.annotations(doc).map((a) => [a.id, text.slice(a.start, a.end)]));
    assert.equal(original.size, 65);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const f of fs.readdirSync(folder())) if (f.startsWith('tracking-')) fs.rmSync(path.join(folder(), f), { force: true });
  });

  it('edits before, inside and around spans keep every surviving annotation on its text', async () => {
    const text = doc.getText();
    const quote = text.indexOf('a positive and constructive meeting');
    await editor.edit((b) => {
      b.insert(doc.positionAt(0), 'BREAKING: ');
      // Inside a quote: it grows.
      b.insert(doc.positionAt(quote + 2), 'very ');
    });
    const quoteA7 = api.annotations(doc).find((a) => a.id === 'a7')!;
    assert.equal(doc.getText().slice(quoteA7.start, quoteA7.end), 'a very positive and constructive meeting about tackling anti-semitism.');
    original.set('a7', 'a very positive and constructive meeting about tackling anti-semitism.');
    assertOnText(api, doc, original, 'after inserts');
  });

  it('typing at a span edge does not extend it', async () => {
    const a = api.annotations(doc).find((x) => x.id === 'a6')!; // "Corbyn"
    await editor.edit((b) => {
      b.insert(doc.positionAt(a.end), 'X');
      b.insert(doc.positionAt(a.start), 'Y');
    });
    const now = api.annotations(doc).find((x) => x.id === 'a6')!;
    assert.equal(doc.getText().slice(now.start, now.end), 'Corbyn');
    await vscode.commands.executeCommand('undo');
    assertOnText(api, doc, original, 'after undoing the edge typing');
  });

  it("deleting a span's whole text removes it, and VS Code's Undo brings it back exactly", async () => {
    const a = api.annotations(doc).find((x) => x.id === 'a13')!;
    const before = api.annotations(doc).length;
    await editor.edit((b) => b.delete(new vscode.Range(doc.positionAt(a.start - 3), doc.positionAt(a.end + 3))));
    assert.equal(api.annotations(doc).find((x) => x.id === 'a13'), undefined);
    assert.ok(api.annotations(doc).length < before);
    await vscode.commands.executeCommand('undo');
    const back = api.annotations(doc).find((x) => x.id === 'a13');
    assert.ok(back, 'a13 restored by Undo');
    assert.equal(back.start, a.start);
    assert.equal(back.end, a.end);
    assert.equal(api.annotations(doc).length, before);
    assertOnText(api, doc, original, 'after undo');
    await vscode.commands.executeCommand('redo');
    assert.equal(api.annotations(doc).find((x) => x.id === 'a13'), undefined, 'redo removes it again');
    await vscode.commands.executeCommand('undo');
    assert.ok(api.annotations(doc).find((x) => x.id === 'a13'));
  });

  it('replace-all keeps every annotation whose text survives', async () => {
    const text = doc.getText();
    const edits: vscode.TextEdit[] = [];
    for (let i = text.indexOf('antisemitism'); i !== -1; i = text.indexOf('antisemitism', i + 1)) {
      edits.push(vscode.TextEdit.replace(new vscode.Range(doc.positionAt(i), doc.positionAt(i + 12)), 'antisemitism'));
    }
    const ws = new vscode.WorkspaceEdit();
    ws.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(ws));
    assertOnText(api, doc, original, 'after replace-all with the same word');
    const ws2 = new vscode.WorkspaceEdit();
    const t2 = doc.getText();
    const e2: vscode.TextEdit[] = [];
    for (let i = t2.indexOf('Tuesday'); i !== -1; i = t2.indexOf('Tuesday', i + 1)) {
      e2.push(vscode.TextEdit.replace(new vscode.Range(doc.positionAt(i), doc.positionAt(i + 7)), 'Wednesday'));
    }
    ws2.set(doc.uri, e2);
    assert.ok(await vscode.workspace.applyEdit(ws2));
    const changed = new Map([...original].map(([id, t]) => [id, t.replace(/Tuesday/g, 'Wednesday')]));
    assertOnText(api, doc, changed, 'after replacing Tuesday by Wednesday everywhere');
    await vscode.commands.executeCommand('undo');
    assertOnText(api, doc, original, 'after undoing replace-all');
  });

  it('format document keeps every annotation on its text, and its Undo too', async () => {
    // A formatter that trims trailing blanks and collapses runs of blank lines, answering with one
    // replacement of the whole text as many formatters do (VS Code turns it into minimal edits).
    const tidy = (t: string) => t.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n');
    const provider = vscode.languages.registerDocumentFormattingEditProvider({ scheme: 'file', pattern: `**/${name}` }, {
      provideDocumentFormattingEdits: (d) => [vscode.TextEdit.replace(new vscode.Range(d.positionAt(0), d.positionAt(d.getText().length)), tidy(d.getText()))],
    });
    try {
      // Make a mess to tidy: blanks at the end of every line, and extra blank lines between paragraphs.
      await editor.edit((b) => {
        for (let line = 0; line < doc.lineCount; line++) {
          const end = doc.lineAt(line).range.end;
          b.insert(end, doc.lineAt(line).isEmptyOrWhitespace ? '\n\n' : '   ');
        }
      });
      const messy = doc.getText();
      assert.notEqual(tidy(messy), messy, 'there is something to format');
      // Spans that cross a line end took in the blanks inserted inside them.
      const grown = (t: string) => t.replace(/(?<=.)\n/gs, (_, i: number) => (t[i - 1] === '\n' ? '\n\n\n' : '   \n'));
      assertOnText(api, doc, new Map([...original].map(([id, t]) => [id, grown(t)])), 'after making a mess');
      await vscode.commands.executeCommand('editor.action.formatDocument');
      await waitFor('the document formatted', () => doc.getText() === tidy(messy));
      assertOnText(api, doc, original, 'after format document');
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), messy, 'undo brings the messy text back');
      assertOnText(api, doc, new Map([...original].map(([id, t]) => [id, grown(t)])), 'after undoing format document');
      await vscode.commands.executeCommand('undo');
    } finally {
      provider.dispose();
    }
    assertOnText(api, doc, original, 'after undoing the mess');
  });

  it('paste, at one cursor and at several, keeps every annotation on its text', async () => {
    const clip = 'PASTED “text” with an emoji 🗞️\nand a second line ';
    await vscode.env.clipboard.writeText(clip);
    assert.equal(await vscode.env.clipboard.readText(), clip, 'the clipboard holds the text');
    const a7 = api.annotations(doc).find((a) => a.id === 'a7')!;
    // One cursor right before a quote: the quote moves, and does not take in the pasted text.
    select(editor, a7.start);
    const before = doc.getText().length;
    await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    await waitFor('the paste', () => doc.getText().length === before + clip.length);
    assertOnText(api, doc, original, 'after a paste before a quote');
    // Several cursors, one at each edge of a mention and one inside another quote: VS Code pastes the
    // whole clipboard at every cursor. The quote with text pasted inside grows by the pasted text.
    const now6 = api.annotations(doc).find((a) => a.id === 'a6')!;
    const now7 = api.annotations(doc).find((a) => a.id === 'a7')!;
    const inside = now7.start + 2;
    editor.selections = [now6.start, now6.end, inside].map((o) => new vscode.Selection(doc.positionAt(o), doc.positionAt(o)));
    const length = doc.getText().length;
    await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
    await waitFor('the multi-cursor paste', () => doc.getText().length === length + 3 * clip.length);
    const grown = original.get('a7')!.slice(0, 2) + clip + original.get('a7')!.slice(2);
    assertOnText(api, doc, new Map([...original, ['a7', grown]]), 'after a paste at three cursors');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    assertOnText(api, doc, original, 'after undoing both pastes');
  });

  it('saving writes the sidecar for the saved text; reopening finds every annotation', async () => {
    const count = api.annotations(doc).length;
    assert.ok(await doc.save());
    const sidecarPath = path.join(folder(), name + '.annotations.yaml');
    const parsed = await waitFor('the sidecar written for the saved text', () => {
      const p = parseSidecar(fs.readFileSync(sidecarPath, 'utf8'));
      const anchored = p.sidecar && anchorAnnotations(p.sidecar, doc.getText());
      return anchored?.hashMatches ? { p, anchored } : undefined;
    });
    assert.equal(parsed.p.problems.length, 0);
    assert.equal(parsed.anchored.placed.length, count);
    for (const a of parsed.anchored.placed) assert.equal(doc.getText().slice(a.start, a.end), a.text, `${a.id} text`);
    assert.match(fs.readFileSync(sidecarPath, 'utf8'), /^# Hand-annotated reference annotations/, 'comments kept');
  });

  it('renaming the article in VS Code moves its sidecar', async () => {
    const renamed = vscode.Uri.file(path.join(folder(), 'tracking-renamed.txt'));
    const ws = new vscode.WorkspaceEdit();
    ws.renameFile(uri, renamed);
    assert.ok(await vscode.workspace.applyEdit(ws));
    await waitFor('sidecar moved', () => fs.existsSync(renamed.fsPath + '.annotations.yaml') && !fs.existsSync(uri.fsPath + '.annotations.yaml'));
    const content = await waitFor('document.file updated', () => {
      const c = fs.readFileSync(renamed.fsPath + '.annotations.yaml', 'utf8');
      return /file: tracking-renamed\.txt/.test(c) && c;
    });
    const doc2 = await vscode.workspace.openTextDocument(renamed);
    await vscode.window.showTextDocument(doc2);
    await api.load(doc2);
    assert.equal(api.annotations(doc2).length, parseSidecar(content).sidecar!.annotations.length);
    assertOnText(api, doc2, original, 'after rename and reopen');
  });
});

// The defect this guards against: deleting " carefully" at the end of a response key by key,
// then Undo and Redo, left the response short for good, and the short span was saved.
describe('Text Undo and Redo put every annotation back where it was at that text', function () {
  this.timeout(90_000);
  const name = 'tracking-undo.txt';
  const TEXT =
    'The residents asked the council to reopen the library.\n\n' +
    'A council spokesperson said: “We will consider the request carefully.” The meeting then ended.\n';
  const RESPONSE = 'We will consider the request carefully';
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let api: AttributionLensApi;
  const sidecarPath = () => path.join(folder(), name + '.annotations.yaml');

  before(async () => {
    const sidecar = emptySidecar(name);
    sidecar.document.sha256 = sha256Hex(TEXT);
    sidecar.speakers.set('residents', { id: 'residents', name: 'Residents', kind: 'group', aliases: [], members: [] });
    sidecar.speakers.set('council', { id: 'council', name: 'Council', kind: 'organisation', aliases: [], members: [] });
    sidecar.demands.set('reopen', { id: 'reopen', summary: 'Reopen the library', by: ['residents'], to: ['council'] });
    const at = (phrase: string, type: Annotation['type'], extra: Partial<Annotation>): Annotation => {
      const start = TEXT.indexOf(phrase);
      return { id: '', type, start, end: start + phrase.length, ...anchorContext(TEXT, start, start + phrase.length), ...extra };
    };
    sidecar.annotations = [
      at('reopen the library', 'demand', { id: 'a1', speaker: 'residents', demand: 'reopen' }),
      at(RESPONSE, 'response', { id: 'a2', speaker: 'council', demand: 'reopen', stance: 'defers' }),
      at(`“${RESPONSE}.”`, 'quote', { id: 'a3', speaker: 'council' }),
      at('request', 'mention', { id: 'a4', speaker: 'residents' }),
    ];
    fs.writeFileSync(path.join(folder(), name), TEXT);
    fs.writeFileSync(sidecarPath(), serializeSidecar(sidecar));
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder(), name)));
    editor = await vscode.window.showTextDocument(doc);
    const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens')!;
    api = await waitFor('activation', () => ext.isActive && ext.exports);
    await api.load(doc);
    assert.equal(api.annotations(doc).length, 4);
  });

  after(async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const f of fs.readdirSync(folder())) if (f.startsWith('tracking-undo')) fs.rmSync(path.join(folder(), f), { force: true });
  });

  type Snapshot = { spans: [string, number, number][]; decorations: Record<string, { start: number; end: number }[]> };
  const snapshot = (): Snapshot => ({
    spans: api
      .annotations(doc)
      .map((a): [string, number, number] => [a.id, a.start, a.end])
      .sort(),
    decorations: api.decorations(doc),
  });
  /** Every annotation is drawn where it is: the model caught up with the text (it is debounced). */
  const drawnAll = (s: Snapshot) =>
    s.spans.every(([, start, end]) => Object.values(s.decorations).some((rs) => rs.some((r) => r.start === start && r.end === end)));
  const response = () => {
    const a = api.annotations(doc).find((x) => x.id === 'a2');
    return a && doc.getText().slice(a.start, a.end);
  };

  it('after deleting " carefully" key by key and typing over the edge, undo and redo in any order restore spans, highlights and the saved sidecar', async () => {
    /** By document text: spans and highlights the first time the article had that text. */
    const states = new Map<string, Snapshot>();
    const visit = async (what: string): Promise<Snapshot> => {
      const seen = states.get(doc.getText());
      if (!seen) {
        const now = await waitFor(`${what}: highlights drawn`, () => {
          const s = snapshot();
          return drawnAll(s) && s;
        });
        states.set(doc.getText(), now);
        return now;
      }
      // The spans move at once; the highlights follow after the debounce.
      assert.deepEqual(snapshot().spans, seen.spans, `${what}: annotations where they were at this text`);
      try {
        await waitFor(`${what}: highlights`, () => JSON.stringify(snapshot()) === JSON.stringify(seen), 5000);
      } catch {
        assert.deepEqual(snapshot(), seen, `${what}: highlights where they were at this text`);
      }
      return seen;
    };
    const savedResponse = async () => {
      assert.ok(await doc.save());
      const a = await waitFor('the sidecar written for the saved text', () => {
        const p = parseSidecar(fs.readFileSync(sidecarPath(), 'utf8'));
        return p.sidecar?.document.sha256 === sha256Hex(doc.getText()) && p.sidecar.annotations.find((x) => x.id === 'a2');
      });
      return [a.start, a.end, a.text];
    };
    const run = async (command: 'undo' | 'redo', what: string) => {
      const before = doc.getText();
      await vscode.commands.executeCommand(command);
      await waitFor(`${what}: the text changed`, () => doc.getText() !== before);
      return visit(what);
    };

    const original = await visit('at the start');
    const end = TEXT.indexOf(RESPONSE) + RESPONSE.length;
    // Key by key from the end of the response: VS Code makes the ten deletions one undo element.
    select(editor, end);
    for (let k = 0; k < ' carefully'.length; k++) await vscode.commands.executeCommand('deleteLeft');
    assert.equal(response(), 'We will consider the request');
    const short = await visit('after deleting " carefully"');
    // Type over the response's edge: select "request." and type "plan.".
    select(editor, end - ' carefully'.length - 'request'.length, end - ' carefully'.length + 1);
    await vscode.commands.executeCommand('type', { text: 'plan.' });
    await waitFor('the typing', () => doc.getText().includes('the plan.”'));
    assert.equal(response(), 'We will consider the ', 'the end inside the replaced text goes to where it began');
    await visit('after typing over the edge');

    await run('undo', 'undo the typing');
    assert.equal(response(), 'We will consider the request');
    await run('undo', 'undo the deletion');
    assert.equal(response(), RESPONSE, 'undo brings the whole response back');
    await run('redo', 'redo the deletion');
    await run('undo', 'undo the deletion again');
    await run('redo', 'redo the deletion again');
    await run('redo', 'redo the typing');
    await run('undo', 'undo the typing again');
    assert.deepEqual(await savedResponse(), [short.spans[1][1], short.spans[1][2], 'We will consider the request'], 'saved at the short text');
    await run('undo', 'undo the deletion after saving');
    await run('redo', 'redo after saving');
    await run('undo', 'undo once more');
    assert.equal(response(), RESPONSE);
    assert.deepEqual(snapshot(), original);
    assert.deepEqual(await savedResponse(), [original.spans[1][1], original.spans[1][2], RESPONSE], 'saved whole again');
  });

  it('a mention marked on typed text survives text Undo, annotation Undo, text Redo and annotation Redo, in place', async () => {
    const added = 'The council later confirmed it.\n';
    const at = doc.getText().length;
    await editor.edit((b) => b.insert(doc.positionAt(at), added));
    select(editor, at, at + 'The council'.length);
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markMention', { speaker: 'council' });
    assert.ok(made, 'marked');
    const find = () => api.annotations(doc).find((a) => a.id === made.id);
    assert.deepEqual([find()?.start, find()?.end], [at, at + 'The council'.length]);
    await vscode.commands.executeCommand('undo');
    await waitFor('the typed sentence undone', () => !doc.getText().includes(added));
    assert.equal(find(), undefined, 'its text is gone, and so is it');
    await vscode.commands.executeCommand('attributionLens.undo');
    await vscode.commands.executeCommand('redo');
    await waitFor('the sentence back', () => doc.getText().includes(added));
    assert.equal(find(), undefined, 'the mark is undone');
    await vscode.commands.executeCommand('attributionLens.redo');
    assert.deepEqual([find()?.start, find()?.end], [at, at + 'The council'.length], 'redone where it was');
    assert.ok(await doc.save());
    const saved = await waitFor('the sidecar with the mention', () => {
      const p = parseSidecar(fs.readFileSync(sidecarPath(), 'utf8'));
      return p.sidecar?.document.sha256 === sha256Hex(doc.getText()) && p.sidecar.annotations.find((x) => x.id === made.id);
    });
    assert.deepEqual([saved.start, saved.end, saved.text], [at, at + 'The council'.length, 'The council']);
  });
});
