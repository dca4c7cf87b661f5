// The sidecar and the article change behind the editor's back, or the user throws unsaved text
// away: a colleague's sidecar change merged by id with unsaved annotation work (a prompt only for
// a true conflict, each answer doing what it says), a sidecar git left conflict markers in
// resolved with the command, and annotation changes made while the text was unsaved reaching the
// file after Revert, Undo back to the saved text, and closing without saving. Modal prompts are
// answered by wrapping the window functions the extension calls, as commands.test.ts does: the
// test module lies inside the extension's folder, so both see the same `vscode` object.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { anchorAnnotations, anchorContext } from '../../src/core/anchoring';
import { Annotation, emptySidecar } from '../../src/core/model';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import type { AttributionLensApi } from '../../src/extension';
import { folder, sleep, waitFor } from './helpers';

const PREFIX = 'ondisk-';
const TEXT =
  'The residents asked the council to reopen the library.\n\n' +
  'A council spokesperson said: “We will consider the request carefully.” The meeting then ended.\n\n' +
  'Later the mayor said the library would stay closed.\n';

function sidecarSource(name: string): string {
  const s = emptySidecar(name);
  s.document.sha256 = sha256Hex(TEXT);
  s.speakers.set('residents', { id: 'residents', name: 'Residents', kind: 'group', aliases: [], members: [] });
  s.speakers.set('council', { id: 'council', name: 'Council', kind: 'organisation', aliases: [], members: [] });
  s.speakers.set('mayor', { id: 'mayor', name: 'Mayor', kind: 'person', aliases: [], members: [] });
  const at = (id: string, phrase: string, speaker: string): Annotation => {
    const start = TEXT.indexOf(phrase);
    return { id, type: 'mention', speaker, start, end: start + phrase.length, ...anchorContext(TEXT, start, start + phrase.length) };
  };
  s.annotations = [at('a1', 'residents', 'residents'), at('a2', 'council', 'council'), at('a3', 'mayor', 'mayor')];
  return serializeSidecar(s);
}

/** `source` with `edit` applied to its annotations, written back through its Document (as a colleague's editor would). */
function edited(source: string, edit: (annotations: Annotation[]) => void): string {
  const p = parseSidecar(source);
  edit(p.sidecar!.annotations);
  return serializeSidecar(p.sidecar!, p.doc);
}

type Prompt = { message: string; buttons: string[] };

/** Answers the extension's modal warnings and quick picks about conflicts; records what was asked. */
function answerPrompts(answer: string | undefined, picks: string[] = []): { prompts: Prompt[]; picked: string[]; restore: () => void } {
  const w = vscode.window as unknown as Record<string, (...args: unknown[]) => unknown>;
  const warning = w.showWarningMessage;
  const quickPick = w.showQuickPick;
  const prompts: Prompt[] = [];
  const picked: string[] = [];
  picks = [...picks];
  w.showWarningMessage = (...args: unknown[]) => {
    const modal = typeof args[1] === 'object' && (args[1] as { modal?: boolean }).modal;
    if (!modal) return warning.apply(vscode.window, args);
    prompts.push({ message: `${String(args[0])}\n${String((args[1] as { detail?: string }).detail ?? '')}`, buttons: args.slice(2).map(String) });
    return Promise.resolve(answer);
  };
  w.showQuickPick = async (...args: unknown[]) => {
    const items = (await args[0]) as { label: string }[];
    const want = picks.shift();
    const item = want === undefined ? undefined : items.find((i) => i.label.startsWith(want));
    picked.push(`${String((args[1] as { title?: string }).title)} -> ${item?.label}`);
    return item;
  };
  return {
    prompts,
    picked,
    restore: () => {
      w.showWarningMessage = warning;
      w.showQuickPick = quickPick;
    },
  };
}

async function extensionApi(): Promise<AttributionLensApi> {
  const ext = vscode.extensions.getExtension<AttributionLensApi>('attribution-lens.attribution-lens');
  assert.ok(ext);
  return ext.activate();
}

/** A fresh article and sidecar, open in an editor, loaded. */
async function openArticle(api: AttributionLensApi, name: string, sidecar = sidecarSource(name)) {
  const article = path.join(folder(), name);
  // Through VS Code's file service, so no late file-watcher event about the new article can
  // make the workbench think it changed on disk when it is saved.
  await vscode.workspace.fs.writeFile(vscode.Uri.file(article), new TextEncoder().encode(TEXT));
  fs.writeFileSync(article + '.annotations.yaml', sidecar);
  const doc = await vscode.workspace.openTextDocument(article);
  const editor = await vscode.window.showTextDocument(doc);
  await api.load(doc);
  return { doc, editor, sidecarPath: article + '.annotations.yaml' };
}

/** Types at the end of the article: it has unsaved text, so annotation changes wait for its save. */
async function makeDirty(editor: vscode.TextEditor): Promise<void> {
  await editor.edit((b) => b.insert(editor.document.positionAt(editor.document.getText().length), 'Unsaved words.\n'));
  assert.ok(editor.document.isDirty);
}

/**
 * Saves the article and reads the sidecar written for its saved text. (In a few full runs the
 * workbench had already marked the document saved before this point, cause not found; the
 * sidecar must then be on disk all the same.)
 */
async function saveAndRead(doc: vscode.TextDocument, sidecarPath: string) {
  if (doc.isDirty) assert.ok(await doc.save(), 'saved');
  return waitFor('the sidecar written for the saved text', () => {
    const p = onDisk(sidecarPath);
    return p.sidecar?.document.sha256 === sha256Hex(doc.getText()) && p;
  });
}

const onDisk = (sidecarPath: string) => parseSidecar(fs.readFileSync(sidecarPath, 'utf8'));
const noteIn = (api: AttributionLensApi, doc: vscode.TextDocument, id: string) => api.annotations(doc).find((a) => a.id === id)?.note;

afterEach(async function () {
  if (!this.currentTest?.parent?.title.startsWith('On disk')) return;
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await sleep(300);
  for (const f of fs.readdirSync(folder())) if (f.startsWith(PREFIX)) fs.rmSync(path.join(folder(), f), { recursive: true, force: true });
});

describe('On disk: a colleague changes the sidecar while annotation changes wait for the save', function () {
  this.timeout(60_000);

  it('non-conflicting changes from both sides are both in, without a prompt, and the save writes both', async () => {
    const api = await extensionApi();
    const { doc, editor, sidecarPath } = await openArticle(api, `${PREFIX}merge.txt`);
    await makeDirty(editor);
    await vscode.commands.executeCommand('attributionLens.editAnnotation', { id: 'a1', note: 'mine' });
    const start = TEXT.indexOf('spokesperson');
    await vscode.commands.executeCommand('attributionLens.markMention', { speaker: 'council', start, end: start + 'spokesperson'.length });
    assert.equal(noteIn(api, doc, 'a1'), 'mine');
    const answers = answerPrompts('Keep Mine');
    try {
      fs.writeFileSync(sidecarPath, edited(fs.readFileSync(sidecarPath, 'utf8'), (as) => void (as.find((a) => a.id === 'a3')!.note = 'theirs')));
      await waitFor("the colleague's note in the session", () => noteIn(api, doc, 'a3') === 'theirs');
      await sleep(500); // the watcher may report the change twice
      assert.deepEqual(answers.prompts, [], 'no prompt');
    } finally {
      answers.restore();
    }
    assert.equal(noteIn(api, doc, 'a1'), 'mine', 'my change is still there');
    assert.ok(api.annotations(doc).some((a) => doc.getText().slice(a.start, a.end) === 'spokesperson'), 'my new annotation too');
    const s = (await saveAndRead(doc, sidecarPath)).sidecar!;
    const byId = new Map(s.annotations.map((a) => [a.id, a]));
    assert.equal(byId.get('a1')?.note, 'mine');
    assert.equal(byId.get('a3')?.note, 'theirs');
    assert.equal(s.annotations.length, 4);
    for (const a of s.annotations) assert.equal(doc.getText().slice(a.start, a.end), a.text, a.id);
  });

  const cases: { answer: string | undefined; picks?: string[]; a1: string; recorded: boolean }[] = [
    { answer: 'Keep Mine for All', a1: 'mine', recorded: false },
    { answer: 'Take Theirs for All', a1: 'theirs', recorded: false },
    { answer: 'Choose for Each…', picks: ['Theirs'], a1: 'theirs', recorded: false },
    { answer: 'Choose for Each…', picks: ['Mine'], a1: 'mine', recorded: false },
    { answer: undefined, a1: 'mine', recorded: true },
  ];
  // A name per test: VS Code may still hold the previous test's document for a recreated file.
  for (const [i, c] of cases.entries()) {
    it(`a true conflict asks once, naming the annotation and field; "${c.answer ?? 'dismissed'}"${c.picks ? ` then "${c.picks[0]}"` : ''} does what it says`, async () => {
      const api = await extensionApi();
      const { doc, editor, sidecarPath } = await openArticle(api, `${PREFIX}conflict-${i}.txt`);
      await makeDirty(editor);
      await vscode.commands.executeCommand('attributionLens.editAnnotation', { id: 'a1', note: 'mine' });
      const answers = answerPrompts(c.answer, c.picks);
      try {
        fs.writeFileSync(
          sidecarPath,
          edited(fs.readFileSync(sidecarPath, 'utf8'), (as) => {
            as.find((a) => a.id === 'a1')!.note = 'theirs';
            as.find((a) => a.id === 'a3')!.note = 'theirs too';
          }),
        );
        await waitFor('the merge', () => noteIn(api, doc, 'a3') === 'theirs too');
        await sleep(500);
      } finally {
        answers.restore();
      }
      assert.equal(answers.prompts.length, 1, JSON.stringify(answers.prompts));
      assert.match(answers.prompts[0].message, /1 conflict/);
      assert.match(answers.prompts[0].message, /annotation a1: note \(mine "mine", theirs "theirs"\)/);
      assert.deepEqual(answers.prompts[0].buttons, ['Keep Mine for All', 'Take Theirs for All', 'Choose for Each…']);
      assert.equal(answers.picked.length, c.picks?.length ?? 0);
      assert.equal(noteIn(api, doc, 'a1'), c.a1);
      const p = await saveAndRead(doc, sidecarPath);
      assert.equal(p.sidecar!.annotations.find((a) => a.id === 'a1')?.note, c.a1);
      assert.equal(p.sidecar!.annotations.find((a) => a.id === 'a3')?.note, 'theirs too');
      const recorded = (p.doc.toJS() as { conflicts?: { annotations?: Record<string, { theirs: { note: string } }> } }).conflicts;
      if (!c.recorded) {
        assert.equal(recorded, undefined);
        return;
      }
      assert.equal(recorded?.annotations?.a1.theirs.note, 'theirs', 'dismissed: theirs kept under conflicts:');
      // Resolved later with the command, from the recorded conflict.
      const later = answerPrompts('Take Theirs for All');
      try {
        assert.equal(await vscode.commands.executeCommand('attributionLens.resolveConflicts'), 1);
      } finally {
        later.restore();
      }
      assert.match(later.prompts[0]?.message ?? '', /annotation a1: note/);
      const resolved = onDisk(sidecarPath);
      assert.equal(resolved.sidecar!.annotations.find((a) => a.id === 'a1')?.note, 'theirs');
      assert.equal((resolved.doc.toJS() as { conflicts?: unknown }).conflicts, undefined, 'no conflicts: key left');
      await waitFor('the session reloaded', () => noteIn(api, doc, 'a1') === 'theirs');
    });
  }
});

describe('On disk: a sidecar with conflict markers from git merge', function () {
  this.timeout(90_000);

  it('is read-only; Resolve Sidecar Conflicts asks only about the true conflict and writes a valid sidecar with the chosen sides', async () => {
    const api = await extensionApi();
    const repo = path.join(folder(), `${PREFIX}repo`);
    fs.mkdirSync(repo);
    const name = 'story.txt';
    const sidecarPath = path.join(repo, name + '.annotations.yaml');
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: repo } });
      return r;
    };
    const ok = (...args: string[]) => assert.equal(git(...args).status, 0, `git ${args.join(' ')}`);
    ok('init', '-q', '-b', 'main');
    ok('config', 'user.email', 'test@example.com');
    ok('config', 'user.name', 'Test');
    ok('config', 'merge.conflictStyle', 'diff3');
    fs.writeFileSync(path.join(repo, name), TEXT);
    fs.writeFileSync(sidecarPath, sidecarSource(name));
    ok('add', '.');
    ok('commit', '-qm', 'base');
    ok('checkout', '-qb', 'other');
    // Theirs: a1's note and a1's origin; a3's note.
    fs.writeFileSync(
      sidecarPath,
      edited(fs.readFileSync(sidecarPath, 'utf8'), (as) => {
        as.find((a) => a.id === 'a1')!.note = 'theirs';
        as.find((a) => a.id === 'a2')!.origin = 'suggested';
      }),
    );
    ok('commit', '-qam', 'theirs');
    ok('checkout', '-q', 'main');
    fs.writeFileSync(
      sidecarPath,
      edited(fs.readFileSync(sidecarPath, 'utf8'), (as) => {
        as.find((a) => a.id === 'a1')!.note = 'ours';
        as.find((a) => a.id === 'a2')!.note = 'ours on a2';
      }),
    );
    ok('commit', '-qam', 'ours');
    assert.equal(git('merge', '--no-edit', 'other').status, 1, 'git leaves a conflict');
    const marked = fs.readFileSync(sidecarPath, 'utf8');
    assert.match(marked, /^<{7} HEAD$/m);

    const doc = await vscode.workspace.openTextDocument(path.join(repo, name));
    await vscode.window.showTextDocument(doc);
    await api.load(doc);
    assert.equal(api.annotations(doc).length, 0, 'nothing is read from a marked file');
    const start = TEXT.indexOf('library');
    const refused = await vscode.commands.executeCommand('attributionLens.markMention', { speaker: 'council', start, end: start + 7 });
    assert.equal(refused, undefined, 'read-only: marking is refused');
    assert.equal(fs.readFileSync(sidecarPath, 'utf8'), marked, 'the marked file is not touched');

    const answers = answerPrompts('Choose for Each…', ['Theirs']);
    let resolved: unknown;
    try {
      resolved = await vscode.commands.executeCommand('attributionLens.resolveConflicts');
    } finally {
      answers.restore();
    }
    assert.equal(resolved, 1);
    assert.equal(answers.prompts.length, 1);
    assert.match(answers.prompts[0].message, /annotation a1: note \(ours \(head\) "ours", theirs "theirs"\)/i);
    assert.doesNotMatch(answers.prompts[0].message, /a2/, 'a2: different fields, no conflict');
    assert.equal(answers.picked.length, 1);
    const p = onDisk(sidecarPath);
    assert.deepEqual(p.problems.filter((x) => x.severity === 'error'), [], 'a valid sidecar');
    assert.doesNotMatch(fs.readFileSync(sidecarPath, 'utf8'), /^(<{7}|={7}|>{7}|conflicts:)/m);
    const byId = new Map(p.sidecar!.annotations.map((a) => [a.id, a]));
    assert.equal(byId.get('a1')?.note, 'theirs', 'the chosen side');
    assert.equal(byId.get('a2')?.note, 'ours on a2', "ours' other change");
    assert.equal(byId.get('a2')?.origin, 'suggested', "theirs' other change");
    await waitFor('the article reloaded with its annotations', () => api.annotations(doc).length === 3);
    for (const a of anchorAnnotations(p.sidecar!, TEXT).placed) assert.equal(TEXT.slice(a.start, a.end), a.text);
  });
});

describe('On disk: annotation changes made while the article has unsaved text', function () {
  this.timeout(60_000);

  const ways: { how: string; discard: (doc: vscode.TextDocument) => Thenable<unknown> }[] = [
    { how: 'File: Revert File', discard: () => vscode.commands.executeCommand('workbench.action.files.revert') },
    // What "Don't Save" does when an editor with unsaved text is closed: revert, then close.
    { how: "closing the editor without saving (Don't Save)", discard: () => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor') },
    {
      how: 'Undo back to the saved text',
      discard: async (doc) => {
        while (doc.isDirty) {
          const before = doc.version;
          await vscode.commands.executeCommand('undo');
          await waitFor('the undo', () => doc.version !== before || !doc.isDirty);
        }
      },
    },
  ];
  for (const [i, way] of ways.entries()) {
    it(`survive ${way.how}: in the sidecar on disk, on the saved text; one on the discarded words is kept as an orphan`, async () => {
      const api = await extensionApi();
      const { doc, editor, sidecarPath } = await openArticle(api, `${PREFIX}discard-${i}.txt`);
      // Words typed at the top: every saved offset moves in the unsaved text.
      await editor.edit((b) => b.insert(doc.positionAt(0), 'BREAKING: '));
      const word = doc.getText().indexOf('library');
      await vscode.commands.executeCommand('attributionLens.markMention', { speaker: 'council', start: word, end: word + 'library'.length });
      if (way.how !== 'Undo back to the saved text') {
        await vscode.commands.executeCommand('attributionLens.markMention', { speaker: 'mayor', start: 0, end: 'BREAKING'.length });
      }
      assert.equal(onDisk(sidecarPath).sidecar!.annotations.length, 3, 'waiting for the save');
      await way.discard(doc);
      const s = await waitFor('the annotation written to the sidecar', () => {
        const p = onDisk(sidecarPath);
        return p.sidecar && p.sidecar.annotations.length >= 4 && p.sidecar;
      });
      const library = s.annotations.find((a) => a.text === 'library');
      assert.ok(library, JSON.stringify(s.annotations));
      assert.equal(TEXT.slice(library.start, library.end), 'library', `at the offsets of the saved text: ${fs.readFileSync(sidecarPath, 'utf8')}`);
      assert.equal(library.start, TEXT.indexOf('library'));
      assert.equal(library.speaker, 'council');
      for (const id of ['a1', 'a2', 'a3']) {
        const a = s.annotations.find((x) => x.id === id)!;
        assert.equal(TEXT.slice(a.start, a.end), a.text, id);
      }
      if (way.how !== 'Undo back to the saved text') {
        assert.equal(s.annotations.length, 5);
        const orphan = s.annotations.find((a) => a.text === 'BREAKING');
        assert.ok(orphan, 'the annotation on the discarded words is kept');
        const placed = anchorAnnotations(s, TEXT);
        assert.deepEqual(placed.orphans.map((o) => o.annotation.id), [orphan.id], 'as an orphan, not on other words');
      } else assert.equal(s.annotations.length, 4);
    });
  }
});
