// The editing commands inside a real VS Code, on a copy of the sample article: marking,
// editing, deleting, renaming, undo/redo, navigation, peek, new and broken sidecars, keys.
// Each test reads the sidecar back from disk: what counts is what was written.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { annotationsAt } from '../../src/core/editing';
import { Annotation, Sidecar } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import type { AttributionLensApi } from '../../src/extension';
import { KEYS } from '../../src/vscode/commands/keys';
import { sleep, waitFor, workspaceFile } from './helpers';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const ARTICLE = 'edit-sample.txt';
const FRESH = 'edit-fresh.txt';
const BROKEN = 'edit-broken.txt';
const EXTENSION_ID = 'attribution-lens.attribution-lens';
/** How long a quick pick takes to show in the workbench before keys can drive it. */
const PICKER_MS = 800;

const sidecarPath = (article: string) => workspaceFile(article + '.annotations.yaml').fsPath;
const sidecarText = (article: string) => fs.readFileSync(sidecarPath(article), 'utf8');

function sidecarOnDisk(article: string): Sidecar {
  const parsed = parseSidecar(sidecarText(article));
  assert.ok(parsed.sidecar, `the sidecar parses: ${parsed.problems.map((p) => p.message).join('; ')}`);
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error'), [], 'no errors in the written sidecar');
  return parsed.sidecar;
}

async function openArticle(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; api: AttributionLensApi }> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID);
  assert.ok(ext, 'extension installed');
  const api = await waitFor('activation', () => (ext.isActive ? ext.exports : undefined));
  await api.load(doc);
  return { doc, editor, api };
}

function select(editor: vscode.TextEditor, start: number, end = start): void {
  const doc = editor.document;
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(end));
}

function drawn(api: AttributionLensApi, doc: vscode.TextDocument, keyPrefix: string, a: { start: number; end: number }): boolean {
  return Object.entries(api.decorations(doc)).some(([key, ranges]) => key.startsWith(keyPrefix) && ranges.some((r) => r.start === a.start && r.end === a.end));
}

function byId(sidecar: Sidecar, id: string): Annotation | undefined {
  return sidecar.annotations.find((a) => a.id === id);
}

describe('Editing commands', function () {
  this.timeout(30_000);
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let api: AttributionLensApi;
  let text: string;

  before(async () => {
    fs.copyFileSync(workspaceFile(SAMPLE).fsPath, workspaceFile(ARTICLE).fsPath);
    fs.copyFileSync(sidecarPath(SAMPLE), sidecarPath(ARTICLE));
    ({ doc, editor, api } = await openArticle(ARTICLE));
    text = doc.getText();
  });

  /** Brings the test article to the front again (another test may have opened a different one). */
  async function front(): Promise<vscode.TextEditor> {
    editor = await vscode.window.showTextDocument(doc);
    return editor;
  }

  it('every editing command is registered', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const ours = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    for (const id of ['markMention', 'markQuote', 'markDemand', 'markResponse', 'mark', 'editAnnotation', 'deleteAnnotation', 'addAlias', 'setDemandStatus', 'renameSpeaker', 'renameDemand', 'nextAnnotation', 'previousAnnotation', 'showReferences', 'undo', 'redo']) {
      assert.ok(ours.includes(`attributionLens.${id}`), `${id} in package.json`);
      assert.ok(all.has(`attributionLens.${id}`), `${id} registered`);
    }
  });

  it('marks the selection as a quote of corbyn: written with text, prefix, suffix, start and end, and drawn', async () => {
    await front();
    const phrase = "Following weeks of criticism of Labour's handling of antisemitism allegations";
    const start = text.indexOf(phrase);
    const end = start + phrase.length;
    assert.ok(start > 0 && !sidecarOnDisk(ARTICLE).annotations.some((a) => a.start === start && a.end === end), 'not marked before');
    // A selection with surrounding space: the span is trimmed to the text.
    select(editor, start - 2, end);
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markQuote', { speaker: 'corbyn' });
    assert.ok(made, 'the command returns the new annotation');
    const a = byId(sidecarOnDisk(ARTICLE), made.id);
    assert.ok(a, `${made.id} written to the sidecar`);
    assert.equal(a.type, 'quote');
    assert.equal(a.speaker, 'corbyn');
    assert.equal(a.start, start);
    assert.equal(a.end, end);
    assert.equal(a.text, phrase);
    assert.equal(a.prefix, text.slice(start - 32, start));
    assert.equal(a.suffix, text.slice(end, end + 32));
    assert.equal(sidecarOnDisk(ARTICLE).document.sha256, sha256Hex(text));
    assert.ok(drawn(api, doc, 'quote:', a), 'drawn as a quote');
  });

  it('a new speaker from arguments gets an id derived from the name, unique', async () => {
    await front();
    const at = text.indexOf('Westminster');
    select(editor, at, at + 'Westminster'.length);
    const first = await vscode.commands.executeCommand<Annotation>('attributionLens.markMention', { newSpeaker: { name: 'Westminster Officials', kind: 'organisation', role: 'parliament' } });
    const secondAt = text.indexOf('Crown Prosecution Service');
    select(editor, secondAt, secondAt + 'Crown Prosecution Service'.length);
    const second = await vscode.commands.executeCommand<Annotation>('attributionLens.markMention', { newSpeaker: { name: 'Westminster officials' } });
    const sidecar = sidecarOnDisk(ARTICLE);
    const s = sidecar.speakers.get('westminster-officials');
    assert.deepEqual([s?.name, s?.kind, s?.role, s?.aliases, s?.members], ['Westminster Officials', 'organisation', 'parliament', [], []]);
    assert.equal(sidecar.speakers.get('westminster-officials-2')?.kind, 'person', 'kind defaults to person');
    assert.equal(byId(sidecar, first.id)?.speaker, 'westminster-officials');
    assert.equal(byId(sidecar, second.id)?.speaker, 'westminster-officials-2');
    assert.ok(drawn(api, doc, 'mention:', first), 'the mention is drawn');
  });

  it('invalid arguments change nothing and say why', async () => {
    await front();
    const before = sidecarText(ARTICLE);
    select(editor, 10, 20);
    assert.equal(await vscode.commands.executeCommand('attributionLens.markQuote', { speaker: 'nobody' }), undefined);
    assert.equal(await vscode.commands.executeCommand('attributionLens.markMention', { newSpeaker: { name: '   ' } }), undefined);
    assert.equal(await vscode.commands.executeCommand('attributionLens.markResponse', { demand: 'fixed-timetable', stance: 'maybe', speaker: 'corbyn' }), undefined);
    assert.equal(await vscode.commands.executeCommand('attributionLens.mark', { kind: 'rumour', speaker: 'corbyn' }), undefined);
    assert.equal(sidecarText(ARTICLE), before);
  });

  it('undo brings the sidecar back byte for byte, also for a new speaker with its mention; redo again', async () => {
    await front();
    const before = sidecarText(ARTICLE);
    const at = text.indexOf('The two representatives');
    select(editor, at, at + 'The two representatives'.length);
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markMention', { newSpeaker: { name: 'The Representatives', kind: 'group' } });
    const after = sidecarText(ARTICLE);
    assert.notEqual(after, before);
    assert.ok(sidecarOnDisk(ARTICLE).speakers.has('the-representatives'));
    const label = await vscode.commands.executeCommand<string>('attributionLens.undo');
    assert.match(label ?? '', /^Add mention of “The Representatives”$/, 'the name whole and quoted, like every name in a label');
    assert.equal(sidecarText(ARTICLE), before, 'one undo removes the mention and its new speaker');
    assert.ok(!drawn(api, doc, 'mention:', made), 'no longer drawn');
    await vscode.commands.executeCommand('attributionLens.redo');
    assert.equal(sidecarText(ARTICLE), after);
    assert.ok(drawn(api, doc, 'mention:', made), 'drawn again');
    await vscode.commands.executeCommand('attributionLens.undo');
    assert.equal(sidecarText(ARTICLE), before);
  });

  it('drives the real quick picks: a response asks the demand, then the stance, then who responds', async () => {
    await front();
    const phrase = 'The two representatives said they would meet with Labour again in July';
    const at = text.indexOf(phrase);
    select(editor, at, at + phrase.length);
    const sidecar = sidecarOnDisk(ARTICLE);
    const firstDemand = [...sidecar.demands.keys()][0];
    const running = vscode.commands.executeCommand<Annotation>('attributionLens.markResponse');
    await sleep(PICKER_MS); // demands: none used yet in this workspace, so the sidecar's order
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(PICKER_MS); // stances: agrees, partly-agrees, …
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await sleep(PICKER_MS); // speakers: those the demand is addressed to first, most recently used first
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const made = await running;
    assert.ok(made, 'the command finished with an annotation');
    const a = byId(sidecarOnDisk(ARTICLE), made.id);
    assert.equal(a?.type, 'response');
    assert.equal(a?.demand, firstDemand);
    assert.equal(a?.stance, 'partly-agrees');
    assert.equal(a?.speaker, 'corbyn', 'corbyn: addressed by the demand and used most recently');
    assert.equal(a?.start, at);
    assert.equal(a?.end, at + phrase.length);
    await vscode.commands.executeCommand('attributionLens.undo');
  });

  it('the speaker pick lists the most recently used speaker first (when the sentence names none)', async () => {
    await front();
    const before = sidecarText(ARTICLE);
    assert.notEqual([...sidecarOnDisk(ARTICLE).speakers.keys()][0], 'gwynne', 'not first in the sidecar');
    const at = text.indexOf('Jennie Formby');
    select(editor, at, at + 'Jennie Formby'.length);
    await vscode.commands.executeCommand('attributionLens.markMention', { speaker: 'gwynne' });
    // In a sentence that names no speaker: one that does offers its own first (pickers.test.ts).
    const plain = text.indexOf('letter', text.indexOf('We had already set that out'));
    select(editor, plain, plain + 'letter'.length);
    const running = vscode.commands.executeCommand<Annotation>('attributionLens.markQuote');
    await sleep(PICKER_MS);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const made = await running;
    assert.equal(made?.speaker, 'gwynne');
    await vscode.commands.executeCommand('attributionLens.undo');
    await vscode.commands.executeCommand('attributionLens.undo');
    assert.equal(sidecarText(ARTICLE), before);
  });

  it('with no selection proposes the sentence at the cursor; Escape cancels without a change', async () => {
    await front();
    const before = sidecarText(ARTICLE);
    const at = text.indexOf('meet with Labour again in July');
    select(editor, at);
    const running = vscode.commands.executeCommand('attributionLens.markQuote');
    await sleep(PICKER_MS);
    const proposed = doc.getText(editor.selection);
    assert.match(proposed, /^The two representatives said they would meet with Labour again in July .*\.$/, 'the sentence is selected while the picker is open');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await running, undefined);
    assert.equal(sidecarText(ARTICLE), before, 'nothing written');
    assert.equal(doc.offsetAt(editor.selection.active), at, 'the cursor is put back');
    assert.ok(editor.selection.isEmpty);
  });

  it('with no selection and arguments marks the word at the cursor as a mention', async () => {
    await front();
    const at = text.indexOf('Gwynne', text.indexOf('joined at the meeting by'));
    select(editor, at + 3);
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markMention', { speaker: 'gwynne' });
    const a = byId(sidecarOnDisk(ARTICLE), made.id);
    assert.deepEqual([a?.start, a?.end, a?.text], [at, at + 'Gwynne'.length, 'Gwynne']);
    await vscode.commands.executeCommand('attributionLens.undo');
  });

  it('edits the annotation at the cursor: stance and note, then speaker; refuses a change that does not fit', async () => {
    await front();
    const a14 = byId(sidecarOnDisk(ARTICLE), 'a14')!;
    assert.equal(a14.type, 'response');
    select(editor, a14.start + 10);
    await vscode.commands.executeCommand('attributionLens.editAnnotation', { stance: 'rejects', note: 'checked against the audio' });
    let a = byId(sidecarOnDisk(ARTICLE), 'a14');
    assert.equal(a?.stance, 'rejects');
    assert.equal(a?.note, 'checked against the audio');
    assert.equal(a?.speaker, 'labour-sources', 'the rest unchanged');
    await vscode.commands.executeCommand('attributionLens.editAnnotation', { speaker: 'gwynne', note: '' });
    a = byId(sidecarOnDisk(ARTICLE), 'a14');
    assert.equal(a?.speaker, 'gwynne');
    assert.equal(a?.note, undefined, 'an empty note removes it');
    const demandSpan = sidecarOnDisk(ARTICLE).annotations.find((x) => x.type === 'demand')!;
    const before = sidecarText(ARTICLE);
    await vscode.commands.executeCommand('attributionLens.editAnnotation', { id: demandSpan.id, speaker: 'corbyn' });
    await vscode.commands.executeCommand('attributionLens.editAnnotation', { id: demandSpan.id, stance: 'agrees' });
    assert.equal(sidecarText(ARTICLE), before, 'a demand span has neither speaker nor stance');
  });

  it('the edit menu at the cursor: picks the innermost annotation, then an action from its menu', async () => {
    await front();
    const a14 = byId(sidecarOnDisk(ARTICLE), 'a14')!;
    select(editor, a14.start + 10);
    const running = vscode.commands.executeCommand<Annotation>('attributionLens.editAnnotation');
    await sleep(PICKER_MS); // menu of a response: speaker, demand, stance, note, …
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.quickOpenSelectNext');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // Change stance…
    await sleep(PICKER_MS);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem'); // agrees
    const result = await running;
    assert.equal(result?.stance, 'agrees');
    assert.equal(byId(sidecarOnDisk(ARTICLE), 'a14')?.stance, 'agrees');
  });

  it('deletes the innermost annotation at the cursor', async () => {
    await front();
    const before = sidecarOnDisk(ARTICLE);
    const a6 = byId(before, 'a6')!; // the mention "Corbyn", inside no other annotation
    select(editor, a6.start + 2);
    const deleted = await vscode.commands.executeCommand<Annotation>('attributionLens.deleteAnnotation');
    assert.equal(deleted?.id, 'a6');
    const after = sidecarOnDisk(ARTICLE);
    assert.equal(byId(after, 'a6'), undefined);
    assert.equal(after.annotations.length, before.annotations.length - 1);
    assert.ok(!drawn(api, doc, 'mention:', a6), 'no longer drawn as a mention');
  });

  it('adds the selection as an alias of a speaker and sets a demand’s status', async () => {
    await front();
    const at = text.indexOf('Jennie Formby');
    select(editor, at + 'Jennie '.length, at + 'Jennie Formby'.length);
    await vscode.commands.executeCommand('attributionLens.addAlias', { speaker: 'labour' });
    assert.deepEqual(sidecarOnDisk(ARTICLE).speakers.get('labour')?.aliases.slice(-1), ['Formby']);
    await vscode.commands.executeCommand('attributionLens.setDemandStatus', { demand: 'fixed-timetable', status: 'agreed' });
    assert.equal(sidecarOnDisk(ARTICLE).demands.get('fixed-timetable')?.status, 'agreed');
  });

  it('renames a speaker and a demand: new name and id everywhere in the sidecar; undo restores the bytes', async () => {
    await front();
    const before = sidecarText(ARTICLE);
    const old = sidecarOnDisk(ARTICLE);
    const corbynSpans = old.annotations.filter((a) => a.speaker === 'corbyn').map((a) => a.id);
    await vscode.commands.executeCommand('attributionLens.renameSpeaker', { speaker: 'corbyn', name: 'Jeremy Bernard Corbyn', id: 'jeremy-corbyn' });
    let sidecar = sidecarOnDisk(ARTICLE);
    assert.ok(!sidecar.speakers.has('corbyn'));
    assert.equal(sidecar.speakers.get('jeremy-corbyn')?.name, 'Jeremy Bernard Corbyn');
    assert.deepEqual(sidecar.annotations.filter((a) => a.speaker === 'jeremy-corbyn').map((a) => a.id), corbynSpans);
    assert.ok(sidecar.annotations.every((a) => a.speaker !== 'corbyn'));
    assert.ok([...sidecar.demands.values()].every((d) => !d.to.includes('corbyn') && !d.by.includes('corbyn')));
    assert.ok([...sidecar.demands.values()].some((d) => d.to.includes('jeremy-corbyn')), 'demands addressed to him follow');
    assert.match(before, /(?<![\w-])corbyn(?![\w-])/, 'the id "corbyn" in the file before');
    assert.doesNotMatch(sidecarText(ARTICLE), /(?<![\w-])corbyn(?![\w-])/, 'no "corbyn" id left in the file');
    await vscode.commands.executeCommand('attributionLens.renameDemand', { demand: 'fixed-timetable', summary: 'A timetable for antisemitism cases', id: 'timetable' });
    sidecar = sidecarOnDisk(ARTICLE);
    assert.equal(sidecar.demands.get('timetable')?.summary, 'A timetable for antisemitism cases');
    assert.ok(!sidecar.demands.has('fixed-timetable'));
    assert.ok(sidecar.annotations.some((a) => a.demand === 'timetable') && sidecar.annotations.every((a) => a.demand !== 'fixed-timetable'));
    // A rename to an id in use is refused.
    const mid = sidecarText(ARTICLE);
    await vscode.commands.executeCommand('attributionLens.renameSpeaker', { speaker: 'gwynne', id: 'labour', name: 'Andrew Gwynne' });
    assert.equal(sidecarText(ARTICLE), mid);
    await vscode.commands.executeCommand('attributionLens.undo');
    await vscode.commands.executeCommand('attributionLens.undo');
    assert.equal(sidecarText(ARTICLE), before);
  });

  it('goes to the next and previous annotation from the cursor, wrapping at the ends', async () => {
    await front();
    const sorted = [...sidecarOnDisk(ARTICLE).annotations].sort((a, b) => a.start - b.start || a.end - b.end);
    const sel = () => [doc.offsetAt(editor.selection.start), doc.offsetAt(editor.selection.end)];
    select(editor, 0);
    let r = await vscode.commands.executeCommand<{ id: string; wrapped: boolean }>('attributionLens.nextAnnotation');
    assert.deepEqual(sel(), [sorted[0].start, sorted[0].end]);
    assert.equal(r?.wrapped, false);
    r = await vscode.commands.executeCommand('attributionLens.nextAnnotation');
    assert.deepEqual(sel(), [sorted[1].start, sorted[1].end]);
    await vscode.commands.executeCommand('attributionLens.previousAnnotation');
    r = await vscode.commands.executeCommand('attributionLens.previousAnnotation');
    assert.equal(r?.wrapped, true, 'before the first: wraps');
    const last = sorted[sorted.length - 1];
    assert.deepEqual(sel(), [last.start, last.end]);
    r = await vscode.commands.executeCommand('attributionLens.nextAnnotation');
    assert.equal(r?.wrapped, true, 'past the last: wraps');
    assert.deepEqual(sel(), [sorted[0].start, sorted[0].end]);
    // From a cursor in the middle of the text: the first annotation starting after it.
    const middle = Math.floor(text.length / 2);
    select(editor, middle);
    await vscode.commands.executeCommand('attributionLens.nextAnnotation');
    const expected = sorted.find((a) => a.start > middle)!;
    assert.deepEqual(sel(), [expected.start, expected.end]);
  });

  it('peeks every annotation of the speaker or demand at the cursor', async () => {
    await front();
    const sidecar = sidecarOnDisk(ARTICLE);
    // A point inside one of his quotes where the quote is the innermost annotation.
    const quote = sidecar.annotations.find((a) => a.type === 'quote' && a.speaker === 'corbyn')!;
    const point = [...Array(quote.end - quote.start).keys()].map((i) => quote.start + i).find((p) => annotationsAt(sidecar.annotations, p)[0] === quote);
    assert.ok(point !== undefined);
    select(editor, point);
    const ranges = (locs: vscode.Location[] | undefined) => (locs ?? []).map((l) => [doc.offsetAt(l.range.start), doc.offsetAt(l.range.end)]);
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('attributionLens.showReferences');
    const expected = sidecar.annotations.filter((a) => a.speaker === 'corbyn').map((a) => [a.start, a.end]);
    assert.ok(expected.length >= 7);
    assert.deepEqual(ranges(locations), expected);
    assert.ok(locations!.every((l) => l.uri.toString() === doc.uri.toString()));
    const demandLocations = await vscode.commands.executeCommand<vscode.Location[]>('attributionLens.showReferences', { demand: 'no-shared-platforms' });
    assert.deepEqual(ranges(demandLocations), sidecar.annotations.filter((a) => a.demand === 'no-shared-platforms').map((a) => [a.start, a.end]));
    assert.ok(ranges(demandLocations).length >= 2, 'its statements and the responses to it');
    await vscode.commands.executeCommand('closeReferenceSearch').then(undefined, () => undefined);
  });

  it('an article without a sidecar gets one with its first annotation', async () => {
    const body = 'Alice Smith said the plan was good. Bob disagreed.\n';
    fs.writeFileSync(workspaceFile(FRESH).fsPath, body);
    fs.rmSync(sidecarPath(FRESH), { force: true });
    const { doc: fdoc, editor: fed, api: fapi } = await openArticle(FRESH);
    select(fed, 0, 'Alice Smith'.length);
    await vscode.commands.executeCommand('attributionLens.markMention', { newSpeaker: { name: 'Alice Smith' } });
    assert.ok(fs.existsSync(sidecarPath(FRESH)), 'the sidecar file was created');
    // With an empty selection, the sentence at the cursor is the quote.
    select(fed, body.indexOf('plan'));
    await vscode.commands.executeCommand('attributionLens.markQuote', { speaker: 'alice-smith' });
    const sidecar = sidecarOnDisk(FRESH);
    assert.equal(sidecar.version, 1);
    assert.equal(sidecar.document.file, FRESH);
    assert.equal(sidecar.document.sha256, sha256Hex(body));
    const alice = sidecar.speakers.get('alice-smith');
    assert.deepEqual([alice?.name, alice?.kind, alice?.role], ['Alice Smith', 'person', undefined]);
    assert.deepEqual(
      sidecar.annotations.map((a) => [a.id, a.type, a.speaker, a.start, a.end, a.text]),
      [
        ['a1', 'mention', 'alice-smith', 0, 11, 'Alice Smith'],
        ['a2', 'quote', 'alice-smith', 0, 35, 'Alice Smith said the plan was good.'],
      ],
    );
    assert.ok(drawn(fapi, fdoc, 'quote:', { start: 0, end: 35 }));
  });

  it('a broken sidecar refuses edits and stays untouched', async () => {
    const source = 'version: 1\nspeakers:\n  x: {name: X, kind: person}\nannotations:\n  - {id: a1, type: quotation, speaker: x, start: 0, end: 4}\n';
    fs.writeFileSync(workspaceFile(BROKEN).fsPath, 'Some text here. More text.\n');
    fs.writeFileSync(sidecarPath(BROKEN), source);
    const { editor: bed } = await openArticle(BROKEN);
    select(bed, 0, 4);
    assert.equal(await vscode.commands.executeCommand('attributionLens.markQuote', { speaker: 'x' }), undefined);
    assert.equal(await vscode.commands.executeCommand('attributionLens.markMention', { newSpeaker: { name: 'Y' } }), undefined);
    select(bed, 1);
    assert.equal(await vscode.commands.executeCommand('attributionLens.deleteAnnotation'), undefined);
    assert.equal(await vscode.commands.executeCommand('attributionLens.undo'), undefined);
    assert.equal(fs.readFileSync(sidecarPath(BROKEN), 'utf8'), source);
  });

  it('with unsaved article text, the change is written when the article is saved, at the saved offsets', async () => {
    await front();
    const before = sidecarText(ARTICLE);
    const inserted = 'EDITOR’S NOTE. ';
    await editor.edit((e) => e.insert(doc.positionAt(0), inserted));
    const now = doc.getText();
    const phrase = 'the Labour party appeared to have failed';
    const at = now.indexOf(phrase);
    select(editor, at, at + phrase.length);
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markQuote', { speaker: 'las' });
    assert.equal(sidecarText(ARTICLE), before, 'not written while the article has unsaved text');
    await doc.save();
    const a = await waitFor('the write on save', () => byId(sidecarOnDisk(ARTICLE), made.id));
    assert.deepEqual([a.start, a.end, a.text], [at, at + phrase.length, phrase]);
    assert.equal(sidecarOnDisk(ARTICLE).document.sha256, sha256Hex(now));
    assert.equal(byId(sidecarOnDisk(ARTICLE), 'a14')?.start, byId(parseSidecar(before).sidecar!, 'a14')!.start + inserted.length, 'the others moved with the text');
  });

  it('its keys are not bound by VS Code by default', async () => {
    const contributed = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.keybindings as { command: string; key: string }[];
    for (const [command, key] of Object.entries(KEYS)) {
      assert.equal(contributed.find((k) => k.command === `attributionLens.${command}`)?.key, key, `package.json binds ${command} to ${key}`);
    }
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const defaults = await waitFor('the default keybindings document', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d && d.uri.toString().includes('keybindings.json') && d.getText().length > 1000 ? d : undefined;
    });
    // JSON with comments: whole-line comments only (keys and commands contain no "//").
    const json = defaults.getText().split('\n').filter((l) => !l.trim().startsWith('//')).join('\n');
    const bindings = JSON.parse(json) as { key: string; command: string }[];
    assert.ok(bindings.length > 300, `read ${bindings.length} default bindings`);
    assert.ok(bindings.some((b) => b.key === 'ctrl+z' && b.command === 'undo') || bindings.some((b) => b.key === 'cmd+z' && b.command === 'undo'), 'the file is what we think it is');
    const others = bindings.filter((b) => !b.command.replace(/^-/, '').startsWith('attributionLens.'));
    for (const key of Object.values(KEYS)) {
      const prefix = key.split(' ')[0];
      const clash = others.filter((b) => b.key === key || b.key === prefix || b.key.startsWith(`${key} `));
      assert.deepEqual(clash, [], `${key} is free`);
    }
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  after(() => {
    for (const f of [ARTICLE, FRESH, BROKEN]) {
      fs.rmSync(workspaceFile(f).fsPath, { force: true });
      fs.rmSync(sidecarPath(f), { force: true });
    }
  });
});
