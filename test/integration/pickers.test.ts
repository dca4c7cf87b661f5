// The quick picks of the annotating flow inside a real VS Code: the speaker pick's order and the
// new speaker's and new demand's proposals (name, id, role, summary), the "to whom" hint, Go to
// Annotation's groups and filters, and undo messages that quote names evenly. Quick picks and
// input boxes are answered by wrapping the window functions the commands call (quickInputs.ts);
// Go to Annotation's own quick pick is the workbench's, driven by its accept command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Annotation, Sidecar } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import type { AttributionLensApi } from '../../src/extension';
import { recordMessages, sleep, waitFor, workspaceFile } from './helpers';
import { copyFile, readText, removeFiles, writeText } from './workspaceFiles';
import { answerQuickInputs, Asked, row } from './quickInputs';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const ARTICLE = 'pickers-sample.txt';
const NEW = 'pickers-new.txt';
const EXTENSION_ID = 'attribution-lens.attribution-lens';
const NEW_BODY = [
  'Jeremy Corbyn met the Board of Deputies on Tuesday.',
  '',
  'Sarah Jones, a Labour MP, said: "The party must act now, and Corbyn knows it."',
  '',
  'The Board of Deputies demanded that Labour publish the disciplinary backlog within three months.',
  '',
].join('\n');
const NEW_SIDECAR = ['version: 1', 'speakers:', '  corbyn:', '    name: Jeremy Corbyn', '    kind: person', '    aliases: [Corbyn]', '  board:', '    name: Board of Deputies', '    kind: organisation', 'annotations: []', ''].join('\n');

const sidecarText = (article: string) => readText(article + '.annotations.yaml');
async function onDisk(article: string): Promise<Sidecar> {
  const parsed = parseSidecar(await sidecarText(article));
  assert.ok(parsed.sidecar, parsed.problems.map((p) => p.message).join('; '));
  return parsed.sidecar;
}

async function open(name: string): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; api: AttributionLensApi }> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(name));
  const editor = await vscode.window.showTextDocument(doc);
  const ext = vscode.extensions.getExtension<AttributionLensApi>(EXTENSION_ID);
  assert.ok(ext, 'extension installed');
  const api = await ext.activate();
  await api.load(doc);
  return { doc, editor, api };
}

function select(editor: vscode.TextEditor, phrase: string, from = 0): { start: number; end: number } {
  const doc = editor.document;
  const start = doc.getText().indexOf(phrase, from);
  assert.ok(start >= 0, phrase);
  editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + phrase.length));
  return { start, end: start + phrase.length };
}

const speakerRows = (a: Asked) => a.items.filter((i) => i.speaker).map((i) => i.label);

describe('Annotating pickers', function () {
  this.timeout(30_000);
  let answering: ReturnType<typeof answerQuickInputs> | undefined;
  let recorder: ReturnType<typeof recordMessages> | undefined;

  before(async () => {
    await copyFile(SAMPLE, ARTICLE);
    await copyFile(SAMPLE + '.annotations.yaml', ARTICLE + '.annotations.yaml');
    await writeText(NEW, NEW_BODY);
    await writeText(NEW + '.annotations.yaml', NEW_SIDECAR);
  });

  afterEach(() => {
    answering?.restore();
    answering = undefined;
    recorder?.restore();
    recorder = undefined;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of [ARTICLE, NEW]) {
      await removeFiles(f, f + '.annotations.yaml');
    }
  });

  it('the speaker pick offers the one the sentence says said it first, before the most recently used', async () => {
    const { editor } = await open(ARTICLE);
    const before = await sidecarText(ARTICLE);
    // Corbyn is the most recently used speaker, and the quote names him ("Mr. Corbyn’s").
    select(editor, 'Jeremy Corbyn');
    await vscode.commands.executeCommand('attributionLens.markMention', { speaker: 'corbyn' });
    select(editor, 'failed to agree to any of the concrete actions we asked for');
    answering = answerQuickInputs([(a) => a.items[0]]);
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markQuote');
    const [pick] = answering.asked;
    assert.equal(speakerRows(pick)[0], 'Jonathan Arkush', speakerRows(pick).join(' | '));
    assert.match(String(pick.items[0].description), /the sentence says so/);
    assert.ok(speakerRows(pick).indexOf('Jonathan Arkush') < speakerRows(pick).indexOf('Jeremy Corbyn'), 'Arkush before Corbyn');
    assert.equal(made?.speaker, 'arkush');
    // "a spokesperson for the Board of Deputies said: “His words…”": the spokesperson, not the Board.
    answering.restore();
    select(editor, 'His words are going in the right place');
    answering = answerQuickInputs([(a) => a.items[0]]);
    const second = await vscode.commands.executeCommand<Annotation>('attributionLens.markQuote');
    assert.equal(second?.speaker, 'bod-spokesperson', speakerRows(answering.asked[0]).join(' | '));
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('attributionLens.undo');
    assert.equal(await sidecarText(ARTICLE), before);
  });

  it('New speaker… proposes the name and role the sentence gives, and an id the user can edit, checked as typed', async () => {
    const { editor } = await open(NEW);
    select(editor, 'The party must act now, and Corbyn knows it.');
    answering = answerQuickInputs([
      (a) => row(a, /New speaker…/),
      (a) => a.value, // the name box
      (a) => {
        assert.match(String(a.validate?.('corbyn')), /already used/);
        assert.match(String(a.validate?.('sarah jones')), /no spaces/);
        assert.equal(a.validate?.('sjones'), undefined);
        return 'sjones';
      },
      (a) => row(a, 'person'),
      (a) => a.value, // the role box
    ]);
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markQuote');
    const [pick, name, id, kind, role] = answering.asked;
    assert.ok(
      pick.items.every((i) => !/sentence/.test(String(i.description ?? ''))),
      'Corbyn is named only inside the quotation marks: not offered as the one who says it',
    );
    assert.match(String(row(pick, /New speaker…/).description), /Sarah Jones/, 'the name the sentence gives');
    assert.equal(name.value, 'Sarah Jones');
    assert.match(String(id.title), /new speaker \(2\/4\)/);
    assert.equal(id.value, 'sarah-jones', 'the id proposed from the name');
    assert.equal(kind.kind, 'pick');
    assert.equal(role.value, 'Labour MP', 'the role from "Sarah Jones, a Labour MP,"');
    const s = (await onDisk(NEW)).speakers.get('sjones');
    assert.deepEqual({ name: s?.name, role: s?.role, kind: s?.kind }, { name: 'Sarah Jones', role: 'Labour MP', kind: 'person' });
    assert.equal(made?.speaker, 'sjones');
    await vscode.commands.executeCommand('attributionLens.undo');
    // (The first write also gave the hand-written sidecar its document hash: compare what it holds.)
    assert.ok(!(await onDisk(NEW)).speakers.has('sjones'), 'one undo takes the quote and its new speaker away');
    assert.equal((await onDisk(NEW)).annotations.length, 0);
  });

  it('New demand… proposes the summary from the marked text and a whole-word id; "to whom" says Space and Enter', async () => {
    const { editor } = await open(NEW);
    const before = await sidecarText(NEW);
    select(editor, 'publish the disciplinary backlog within three months');
    answering = answerQuickInputs([
      (a) => row(a, /New demand…/),
      (a) => a.value, // the summary, as proposed
      (a) => a.value, // the id, as proposed
      (a) => row(a, 'Board of Deputies'),
      (a) => a.items.filter((i) => i.label === 'Jeremy Corbyn'),
      (a) => row(a, 'open'),
    ]);
    const made = await vscode.commands.executeCommand<Annotation>('attributionLens.markDemand');
    const [, summary, id, by, to] = answering.asked;
    assert.equal(summary.value, 'Publish the disciplinary backlog within three months');
    assert.equal(id.value, 'publish-the-disciplinary-backlog', 'whole words, not cut after "within"');
    assert.equal(speakerRows(by)[0], 'Board of Deputies', 'who makes it: the sentence says "The Board of Deputies demanded"');
    assert.ok(to.canPickMany);
    assert.match(`${to.title} ${to.placeHolder}`, /Space/);
    assert.match(`${to.title} ${to.placeHolder}`, /Enter/);
    const d = (await onDisk(NEW)).demands.get('publish-the-disciplinary-backlog');
    assert.deepEqual({ summary: d?.summary, by: d?.by, to: d?.to }, { summary: 'Publish the disciplinary backlog within three months', by: ['board'], to: ['corbyn'] });
    assert.equal(made?.demand, 'publish-the-disciplinary-backlog');
    await vscode.commands.executeCommand('attributionLens.undo');
    assert.equal(await sidecarText(NEW), before);
  });

  it('undo and redo messages quote each name once, whole, and never the label around them', async () => {
    const { editor } = await open(ARTICLE);
    select(editor, 'Labour sources later told BuzzFeed News');
    await vscode.commands.executeCommand('attributionLens.markResponse', { demand: 'fixed-timetable', stance: 'rejects', speaker: 'arkush' });
    recorder = recordMessages();
    const label = await vscode.commands.executeCommand<string>('attributionLens.undo');
    assert.equal(label, 'Add response of “Jonathan Arkush” (rejects) to “A fixed timetable to deal with…”');
    await vscode.commands.executeCommand('attributionLens.redo');
    await vscode.commands.executeCommand('attributionLens.undo');
    const status = recorder.shown.filter((m) => m.kind === 'status' && /undid|redid/.test(m.text)).map((m) => m.text);
    assert.equal(status.length, 3, JSON.stringify(status));
    assert.match(status[0], /^Attribution Lens: undid add response of “Jonathan Arkush” \(rejects\) to “A fixed timetable to deal with…” — Redo: /);
    assert.match(status[1], /^Attribution Lens: redid add response of “Jonathan Arkush” /);
    for (const s of status) {
      assert.equal(s.split('“').length, s.split('”').length, `every quote closes: ${s}`);
      assert.doesNotMatch(s, /“[^”]*“/, `no quote inside a quote: ${s}`);
    }
  });

  it('Go to Annotation groups by type, Enter still goes to the first one, and narrows to a speaker and a type', async () => {
    const { doc } = await open(ARTICLE);
    const w = vscode.window as unknown as { createQuickPick: () => vscode.QuickPick<vscode.QuickPickItem & { offset?: number }> };
    const create = w.createQuickPick;
    const made: vscode.QuickPick<vscode.QuickPickItem & { offset?: number }>[] = [];
    const onScreen = new Set<unknown>();
    w.createQuickPick = () => {
      const qp = create.call(vscode.window);
      made.push(qp);
      // The workbench reports the active row once it shows the list: then keys reach it.
      qp.onDidChangeActive(() => onScreen.add(qp));
      return qp;
    };
    const shown = async (n: number) => waitFor(`Go to Annotation's list #${n} on screen`, () => made.length === n && onScreen.has(made[n - 1]) && made[n - 1]);
    const accept = async (qp: vscode.QuickPick<vscode.QuickPickItem>, item: vscode.QuickPickItem) => {
      qp.activeItems = [item];
      await sleep(300); // the new active row travels to the workbench before the accept does
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
    try {
      const sidecar = await onDisk(ARTICLE);
      answering = answerQuickInputs([(a) => row(a, 'Jeremy Corbyn'), (a) => row(a, /Quotes/)]);
      const running = vscode.commands.executeCommand('attributionLens.showAnnotations');
      const all = await shown(1);
      const separators = all.items.filter((i) => i.kind === vscode.QuickPickItemKind.Separator).map((i) => i.label);
      const count = (t: string) => sidecar.annotations.filter((a) => a.type === t).length;
      assert.deepEqual(separators.slice(0, 4), [`Quotes (${count('quote')})`, `Demands (${count('demand')})`, `Responses (${count('response')})`, `Mentions (${count('mention')})`]);
      assert.match(all.items[0].label, /Filter by type/);
      assert.match(all.items[1].label, /Filter by speaker/);
      const firstQuote = all.items.find((i) => i.offset !== undefined);
      assert.equal(all.activeItems[0], firstQuote, 'Enter on opening means the first annotation, not a filter');
      assert.equal(firstQuote?.offset, Math.min(...sidecar.annotations.filter((a) => a.type === 'quote').map((a) => a.start)));
      await accept(all, all.items[1]); // Filter by speaker… → Jeremy Corbyn
      const corbyn = await shown(2);
      assert.match(corbyn.title ?? '', /Jeremy Corbyn/);
      const offsets = corbyn.items.filter((i) => i.offset !== undefined).map((i) => i.offset);
      const his = sidecar.annotations.filter((a) => a.speaker === 'corbyn' || (a.type === 'demand' && sidecar.demands.get(a.demand ?? '')?.by.includes('corbyn')));
      assert.equal(offsets.length, his.length, 'every one of his, nothing else');
      assert.ok(corbyn.items.some((i) => /Show all/.test(i.label)), 'a way back to all');
      await accept(corbyn, corbyn.items[0]); // Filter by type… → Quotes
      const quotes = await shown(3);
      const rows = quotes.items.filter((i) => i.offset !== undefined);
      const hisQuotes = his.filter((a) => a.type === 'quote').map((a) => a.start).sort((a, b) => a - b);
      assert.deepEqual(rows.map((i) => i.offset), hisQuotes);
      assert.match(quotes.title ?? '', /quotes, Jeremy Corbyn/);
      await accept(quotes, rows[1]);
      await running;
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), doc.uri.toString());
      assert.equal(doc.offsetAt(editor.selection.start), hisQuotes[1], 'the chosen quote');
      assert.equal(answering.asked.length, 2, 'one pick of the speaker, one of the type');
    } finally {
      w.createQuickPick = create;
    }
  });
});
