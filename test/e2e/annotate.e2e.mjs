// Browser-level check of annotating as a person does it, with the keyboard only, in a real
// VS Code workbench: a fresh article without a sidecar is opened with Ctrl+P, annotated with
// the Ctrl+Alt+A chords and their quick picks (a new speaker, a new demand, mentions, a quote,
// a response), edited heavily (typing, deleting a word inside a quote, deleting an annotated
// word and bringing it back with Ctrl+Z, annotation undo/redo), saved, closed and reopened.
// Then the sidecar on disk must hold every annotation on the saved text, and the highlights
// must be drawn again over the annotated words.
//
//   npm run test:e2e    (after `npm run build`; `npm run test:vscode` runs it too)
//
// Steps run in order; the first that fails stops the run with a message naming it (later steps
// are listed as not run). A screenshot is saved either way: test-artifacts/annotate.png, with
// the article and sidecar as the run left them (annotate-fresh-article.txt*).
// Prints a final `E2E-RESULT {"passes":n,"failures":m}` line that runTests.mjs counts; exits 1
// if a step failed.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import yaml from 'js-yaml';
import {
  extHostErrors, openWorkbench, prepareWorkspace, repoRoot, startServer, withTimeout, workbenchUrl,
} from '../../scripts/vscode/server.mjs';
import { finish, results } from './harness.mjs';

const SAMPLE = 'corbyn-jewish-leaders-meeting.txt';
const ARTICLE = 'fresh-article.txt';
const screenshotPath = path.join(repoRoot, 'test-artifacts', 'annotate.png');
const verbose = !!process.env.VSCODE_TEST_VERBOSE;
const trace = verbose || !!process.env.E2E_TRACE; // also print every wait over 0.5 s (E2E_TRACE=1)
const WAIT_MS = 10_000; // for one thing on screen (a quick pick, a message, a redraw) to appear
// A phrase the person types at the top of the article.
const TYPED = 'Edited with the keyboard only.';
// The speakers and the demand made through the quick picks, and the demand's text in the article.
const SPEAKER = { id: 'jeremy-corbyn', name: 'Jeremy Corbyn', kind: 'person', role: 'Leader of the Labour Party' };
const GROUP = { id: 'jewish-groups', name: 'Jewish groups', kind: 'group' };
const DEMAND_SUMMARY = 'No platforms for expelled members';
const DEMAND_ID = 'no-platforms-for-expelled-members';
const DEMAND_TEXT = "Labour MPs shouldn't share platforms with people expelled from the party for anti-semitism";

let page;
let server;
let folder;

// ---------------------------------------------------------------- small helpers
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const norm = (s) => String(s ?? '').replace(/\u00a0/g, ' ');

/**
 * Polls `fn` (async, in Node) until it returns a truthy value, which it returns. After
 * `timeoutMs`, throws `what` and, if given, what `describe()` says about the state then.
 */
async function until(fn, { timeoutMs = WAIT_MS, every = 50, what, describe } = {}) {
  const t0 = Date.now();
  const end = t0 + timeoutMs;
  const done = (v) => { if (trace && Date.now() - t0 > 500) console.log(`      [waited ${Date.now() - t0} ms; would have failed with: ${what}]`); return v; };
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return done(v);
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      const state = describe ? await describe().catch((e) => `(cannot describe: ${e.message})`) : '';
      throw new Error(`${what} (waited ${timeoutMs / 1000}s)${last ? `; last error: ${last.message}` : ''}${state ? `\n${state}` : ''}`);
    }
    await sleep(every);
  }
}

/** What the quick input shows now: title, placeholder, prompt, value, rows (first 30). */
function quickState() {
  return page.evaluate(() => {
    const w = document.querySelector('.quick-input-widget');
    const visible = !!w && w.style.display !== 'none' && w.offsetParent !== null;
    if (!visible) return { visible: false };
    const input = w.querySelector('.quick-input-filter input');
    const msg = w.querySelector('.quick-input-message');
    const rows = [...w.querySelectorAll('.quick-input-list .monaco-list-row')]
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .slice(0, 30)
      .map((r) => ({
        label: r.getAttribute('aria-label') ?? r.innerText,
        focused: r.classList.contains('focused'),
        checked: r.getAttribute('aria-checked') === 'true' || !!r.querySelector('.monaco-checkbox.checked, [role=checkbox][aria-checked=true]'),
      }));
    const count = w.querySelector('.quick-input-count');
    return {
      visible: true,
      title: w.querySelector('.quick-input-title')?.textContent ?? '',
      placeholder: input?.getAttribute('placeholder') ?? '',
      message: msg && msg.style.display !== 'none' ? msg.textContent : '',
      value: input?.value ?? '',
      inputFocused: document.activeElement === input,
      listFocused: !!document.activeElement?.closest?.('.quick-input-list'),
      selectedCount: count && count.style.display !== 'none' ? count.textContent : '',
      rows,
    };
  });
}

const showQuick = (q) => !q.visible ? 'quick input: not visible' : [
  `quick input: title "${q.title}", placeholder "${q.placeholder}"${q.message ? `, message "${q.message}"` : ''}, value "${q.value}"` +
    `${q.selectedCount ? `, ${q.selectedCount}` : ''}${q.inputFocused ? ' (input has focus)' : q.listFocused ? ' (list has focus)' : ''}`,
  ...q.rows.map((r) => `  ${r.focused ? '>' : ' '} ${r.checked ? '[x] ' : ''}${r.label}`),
].join('\n');

const statusBarText = () => page.evaluate(() => document.querySelector('.part.statusbar')?.innerText ?? '').then(norm);

/** Everything a person would look at to see why a step is stuck. */
async function describeScreen() {
  return [showQuick(await quickState()), `status bar: ${(await statusBarText()).replace(/\s*\n\s*/g, ' | ')}`].join('\n');
}

/** Waits for the quick input to show the step whose title + placeholder + prompt matches `re`, with the input focused. */
async function quickStep(re, what) {
  return until(async () => {
    const q = await quickState();
    return q.visible && q.inputFocused && re.test(`${q.title} | ${q.placeholder} | ${q.message}`) && q;
  }, { what: `the quick input did not show ${what} (${re})`, describe: describeScreen });
}

/** Replaces the quick input's text with `text` (typed) and waits until it reads so. */
async function typeInQuick(text) {
  await page.keyboard.press('Control+A');
  if (text) await page.keyboard.type(text);
  else await page.keyboard.press('Backspace');
  await until(async () => (await quickState()).value === text, { what: `the quick input did not take the text "${text}"`, describe: describeScreen });
}

/** A quick pick step: waits for it, types `filter`, waits for the focused row to match `row`, presses Enter. */
async function choose(step, stepWhat, filter, row) {
  await quickStep(step, stepWhat);
  if (filter !== undefined) await typeInQuick(filter);
  await until(async () => (await quickState()).rows.find((r) => r.focused && row.test(r.label)), {
    what: `in ${stepWhat}, no focused row matching ${row}`, describe: describeScreen,
  });
  await page.keyboard.press('Enter');
}

/** An input box that proposes a value (an id): waits for it, checks it proposes `value`, keeps it with Enter. */
async function proposed(step, stepWhat, value) {
  const q = await quickStep(step, stepWhat);
  if (q.value !== value) throw new Error(`${stepWhat} proposes "${q.value}", expected "${value}"`);
  await page.keyboard.press('Enter');
}

/** An input box step: waits for it, types `text`, presses Enter. */
async function answer(step, stepWhat, text) {
  await quickStep(step, stepWhat);
  await typeInQuick(text);
  await page.keyboard.press('Enter');
}

async function quickClosed(what) {
  await until(async () => !(await quickState()).visible, { what: `the quick input stayed open after ${what}`, describe: describeScreen });
}

/** Waits for the status bar to show `re` (the extension's "added …", "undid …" messages). */
async function statusBar(re, what) {
  return until(async () => re.exec(await statusBarText()), { what: `the status bar did not say ${what} (${re})`, describe: describeScreen });
}

/** Ctrl+Alt+A then `key`: the extension's chords. */
async function chord(key) {
  await page.keyboard.press('Control+Alt+A');
  await page.keyboard.press(key);
}

/** How many characters the editor has selected, from the status bar ("Ln 3, Col 9 (13 selected)"); 0 for none. */
async function selectedCount() {
  const m = /\((\d+) selected\)/.exec(await statusBarText());
  return m ? Number(m[1]) : 0;
}

async function expectSelected(n, what) {
  await until(async () => (await selectedCount()) === n, {
    what: `the editor should have ${n} characters selected (${what})`, describe: async () => `selected: ${await selectedCount()}\n${await describeScreen()}`,
  });
}

/**
 * Ctrl+F, types `phrase`, Escape: the editor selects the first match after the cursor. Waits
 * until the find widget says it found one and the editor has the whole phrase selected.
 */
async function findAndSelect(phrase) {
  // No selection to start with: then a selection of the phrase's length can only be the match.
  await page.keyboard.press('ArrowRight');
  await expectSelected(0, 'before the search');
  await page.keyboard.press('Control+F');
  const findInput = page.locator('.editor-instance .find-widget textarea[aria-label="Find"]');
  await findInput.waitFor({ state: 'visible', timeout: WAIT_MS });
  await until(() => findInput.evaluate((el) => document.activeElement === el), { what: 'the find widget did not take the focus', describe: describeScreen });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(phrase);
  await until(async () => (await findInput.inputValue()) === phrase, { what: `the find widget did not take "${phrase}"` });
  await until(async () => /^\d+ of \d+$/.test((await page.locator('.editor-instance .find-widget .matchesCount').textContent()) ?? ''), {
    what: `the find widget found no "${phrase}"`, describe: async () => `find widget: ${await page.locator('.editor-instance .find-widget').innerText().catch(() => '?')}`,
  });
  await expectSelected(phrase.length, `after finding "${phrase}"`);
  await page.keyboard.press('Escape');
  await until(() => page.evaluate(() => !!document.activeElement?.closest('.editor-instance .monaco-editor') && !document.activeElement.closest('.find-widget')), {
    what: 'Escape did not give the focus back to the editor',
  });
  await expectSelected(phrase.length, `after Escape from the find widget`);
}

/** Ctrl+F `phrase`, then Left (to its start), Ctrl+Right × `skipWords`, Right × `skip`, Ctrl+Shift+Right × `words`. */
async function selectWords(phrase, { skipWords = 0, skip = 0, words, expect }) {
  await findAndSelect(phrase);
  await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < skipWords; i++) await page.keyboard.press('Control+ArrowRight');
  for (let i = 0; i < skip; i++) await page.keyboard.press('ArrowRight');
  for (let i = 0; i < words; i++) await page.keyboard.press('Control+Shift+ArrowRight');
  await expectSelected(expect.length, `selecting "${expect}" with Ctrl+Shift+Right`);
}

/** Types into the editor; a suggestion list that pops up is dismissed, so Enter makes a new line. */
async function typeInEditor(text) {
  await page.keyboard.type(text);
  if (await page.locator('.editor-instance .suggest-widget.visible').isVisible()) await page.keyboard.press('Escape');
}

const sidecarFile = () => path.join(folder, `${ARTICLE}.annotations.yaml`);
const articleFile = () => path.join(folder, ARTICLE);
const sha256 = (s) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The sidecar on disk, parsed with js-yaml, once `ok(sidecar, articleText)` holds for it. */
async function sidecarOnDisk(ok, what, timeoutMs = WAIT_MS) {
  let last = '(no file)';
  return until(() => {
    if (!existsSync(sidecarFile())) return undefined;
    const source = readFileSync(sidecarFile(), 'utf8');
    const text = readFileSync(articleFile(), 'utf8');
    const data = yaml.load(source);
    last = source;
    return ok(data, text) && { data, text, source };
  }, { timeoutMs, what: `the sidecar on disk did not show ${what}`, describe: async () => `${sidecarFile()}:\n${last.slice(0, 3000)}` });
}

/**
 * The annotations listed by "Attribution Lens: Go to Annotation…" (Ctrl+Shift+P), as
 * { type, id, label }; the quick pick is closed again with Escape.
 */
async function listedAnnotations() {
  await page.keyboard.press('Control+Shift+P');
  await quickStep(/./, 'the command palette');
  await typeInQuick('>Go to Annotation');
  await until(async () => (await quickState()).rows.find((r) => r.focused && /Go to Annotation/.test(r.label)), {
    what: 'the command palette did not offer "Attribution Lens: Go to Annotation…"', describe: describeScreen,
  });
  await page.keyboard.press('Enter');
  const q = await quickStep(/^Annotations in /, 'the annotation list');
  await page.keyboard.press('Escape');
  await quickClosed('Escape');
  // A row's label reads "<icon> Name, <text>, line N · type · aN", the first of a group with ", Quotes (2)" after it;
  // the two rows on top that narrow the list ("Filter by type…", "Filter by speaker…") are no annotations.
  return q.rows.filter((r) => !/Filter by (type|speaker)…/.test(r.label)).map((r) => {
    const m = /line \d+ · (\w+)(?: \([\w-]+\))? · (a\d+)(?:, (?:Quotes|Demands|Responses|Mentions|Need review) \(\d+\))?\s*$/.exec(r.label);
    return m ? { type: m[1], id: m[2], label: r.label } : { label: r.label };
  });
}

/** Polls the annotation list until `ok(list)`; returns the list. */
async function annotationListUntil(ok, what) {
  let last = [];
  return until(async () => {
    const t0 = Date.now();
    last = await listedAnnotations();
    if (trace) console.log(`      [list in ${Date.now() - t0} ms: ${last.map((a) => a.id ?? a.label).join(' ')}]`);
    return ok(last) && last;
  }, { timeoutMs: WAIT_MS, every: 300, what: `Go to Annotation… did not list ${what}`, describe: async () => `listed:\n${last.map((a) => `  ${a.label}`).join('\n')}` });
}

/**
 * In the editor as drawn: the screen rectangle of the first match of `pattern` (a regex
 * source; spaces are U+00A0 on screen) in one rendered line, and the decoration elements
 * (class ced-*) that cover it.
 */
function decorationsOver(pattern) {
  return page.evaluate((pattern) => {
    const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
      .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
    for (const line of lines) {
      const nodes = [];
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let text = '';
      while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
      const m = new RegExp(pattern).exec(text.replace(/\u00a0/g, ' '));
      if (!m) continue;
      const at = (offset) => {
        const [node, start] = nodes.findLast(([, s]) => s <= offset);
        return [node, offset - start];
      };
      const range = document.createRange();
      range.setStart(...at(m.index));
      range.setEnd(...at(m.index + m[0].length - 1));
      range.setEnd(range.endContainer, range.endOffset + 1);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const decorated = [...document.querySelectorAll('.editor-instance :is(.view-lines, .view-overlays) :is([class^="ced-"], [class*=" ced-"])')]
        .filter((el) => {
          const d = el.getBoundingClientRect();
          return d.width > 0 && rects.some((r) => d.left < r.right - 1 && d.right > r.left + 1 && d.top < r.bottom && d.bottom > r.top);
        });
      return { found: true, classes: [...new Set(decorated.flatMap((el) => [...el.classList].filter((c) => c.startsWith('ced-'))))] };
    }
    return { found: false, classes: [] };
  }, pattern);
}

async function openWithCtrlP(name) {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    await quickStep(/./, 'quick open');
    await typeInQuick(name);
    // The article's own row, not its sidecar's (NAME.annotations.yaml).
    const own = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![.\\w])`);
    const found = await until(async () => (await quickState()).rows.find((r) => r.focused && own.test(r.label)), {
      what: `quick open did not list ${name}`,
    }).then(() => true, () => false);
    if (found) break;
    await page.keyboard.press('Escape');
    if (attempt === 3) throw new Error(`quick open (Ctrl+P) did not list ${name}\n${await describeScreen()}`);
  }
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: WAIT_MS });
  await until(() => page.evaluate(() => document.querySelector('.editor-instance .view-lines')?.textContent).then((t) => /Jeremy.Corbyn/.test(t ?? '')), {
    what: `the editor did not show ${name}'s text`,
  });
  await until(() => page.evaluate(() => !!document.activeElement?.closest('.editor-instance .monaco-editor')), { what: 'the editor did not take the focus' });
}

// ---------------------------------------------------------------- the steps
const expected = {}; // id -> { type, text }, filled as annotations are made
const ids = {}; // name used below -> annotation id
let typedAtTop = false;
let savedSidecar; // the sidecar's text after Ctrl+S
let current; // index of the step running now
let overTime = false; // E2E_TIMEOUT_MS passed: the run is reported as failed, steps still under way stay quiet

/** The new annotation: the one id on disk that is not known yet. The first marks are written at once (the article is unchanged). */
async function newAnnotationOnDisk(key, type, text) {
  const { data } = await sidecarOnDisk(
    (d, articleText) => (d?.annotations ?? []).length === Object.keys(expected).length + 1 && d.document?.sha256 === sha256(articleText),
    `${Object.keys(expected).length + 1} annotations (after marking "${text}")`);
  const added = data.annotations.find((a) => !(a.id in expected));
  if (added?.type !== type || added.text !== text) throw new Error(`the new annotation is ${JSON.stringify(added)}, expected a ${type} on "${text}"`);
  expected[added.id] = { type, text };
  ids[key] = added.id;
  return added;
}

const steps = [
  ['opens the fresh article (no sidecar) with Ctrl+P', async () => {
    if (existsSync(sidecarFile())) throw new Error(`${sidecarFile()} exists before any annotation`);
    await openWithCtrlP(ARTICLE);
  }],

  ['marks "Jeremy Corbyn" in the title as a mention of a new speaker (Ctrl+Alt+A M, New speaker…: name, id, kind, role)', async () => {
    await page.keyboard.press('Control+Home');
    await selectWords('Jeremy Corbyn About', { words: 2, expect: 'Jeremy Corbyn' });
    await chord('m');
    const mark = /mark “Jeremy Corbyn” as a speaker mention/;
    await choose(mark, 'the speaker pick', undefined, /New speaker…/);
    await answer(/new speaker \(1\/4\)/, 'the name box', SPEAKER.name);
    await proposed(/new speaker \(2\/4\)/, 'the id box', SPEAKER.id);
    await choose(/new speaker \(3\/4\)/, 'the kind pick', SPEAKER.kind, new RegExp(`^${SPEAKER.kind}`));
    await answer(/new speaker \(4\/4\)/, 'the role box', SPEAKER.role);
    await quickClosed('the last question');
    await statusBar(/added mention of “Jeremy Corbyn”, new speaker “Jeremy Corbyn” \(jeremy-corbyn\)/, 'that the mention was added');
    const { data } = await sidecarOnDisk((d) => d?.speakers?.[SPEAKER.id], `the speaker ${SPEAKER.id}`);
    const s = data.speakers[SPEAKER.id];
    if (s.name !== SPEAKER.name || s.kind !== SPEAKER.kind || s.role !== SPEAKER.role) throw new Error(`speaker on disk: ${JSON.stringify(s)}`);
    await newAnnotationOnDisk('titleMention', 'mention', 'Jeremy Corbyn');
  }],

  ['marks "Jeremy Corbyn" in paragraph 2 as a mention of him (picked from the list)', async () => {
    await selectWords("Jeremy Corbyn's attempt", { words: 2, expect: 'Jeremy Corbyn' });
    await chord('m');
    await choose(/as a speaker mention/, 'the speaker pick', 'Jeremy', /^Jeremy Corbyn/);
    await quickClosed('the speaker pick');
    await statusBar(/added mention of “Jeremy Corbyn” —/, 'that the mention was added');
    await newAnnotationOnDisk('p2Mention', 'mention', 'Jeremy Corbyn');
  }],

  ['marks a demand in paragraph 3 via New demand… (summary proposed from the text, id, a new speaker who makes it, to whom, status)', async () => {
    await selectWords('Labour MPs', { words: 15, expect: DEMAND_TEXT });
    await chord('d');
    const mark = /as a demand/;
    await choose(mark, 'the demand pick', undefined, /New demand…/);
    // The summary box starts with the marked text (capitalised); the id box with whole words of the summary typed.
    const box = await quickStep(/new demand \(1\/5\)/, 'the summary box');
    if (box.value !== DEMAND_TEXT) throw new Error(`the summary box proposes "${box.value}", not the marked text`);
    await typeInQuick(DEMAND_SUMMARY);
    await page.keyboard.press('Enter');
    await proposed(/new demand \(2\/5\)/, 'the id box', DEMAND_ID);
    // Who makes it: a second new speaker, from inside the demand's questions.
    await choose(/new demand \(3\/5\) \| Who makes the demand/, 'the "who makes it" pick', 'New speaker', /New speaker…/);
    await answer(/new demand \(3\/5\): new speaker \(1\/4\)/, 'the name box', GROUP.name);
    await proposed(/new demand \(3\/5\): new speaker \(2\/4\)/, 'the id box', GROUP.id);
    await choose(/new demand \(3\/5\): new speaker \(3\/4\)/, 'the kind pick', GROUP.kind, new RegExp(`^${GROUP.kind}`));
    await answer(/new demand \(3\/5\): new speaker \(4\/4\)/, 'the role box', '');
    // To whom: a multi-select pick that says how (Space, Enter); Down moves into the list, Space ticks the focused row.
    await quickStep(/new demand \(4\/5\).*Space to toggle, Enter to accept/, 'the "to whom" pick, saying how to pick');
    await typeInQuick('Jeremy');
    await until(async () => (await quickState()).rows.some((r) => /^Jeremy Corbyn/.test(r.label)), { what: 'no row "Jeremy Corbyn" in the "to whom" pick', describe: describeScreen });
    await page.keyboard.press('ArrowDown');
    await until(async () => (await quickState()).rows.find((r) => r.focused && /^Jeremy Corbyn/.test(r.label)), { what: 'Down did not focus Jeremy Corbyn', describe: describeScreen });
    await until(async () => (await quickState()).listFocused, { what: 'Down did not move into the list', describe: describeScreen });
    await page.keyboard.press('Space');
    await until(async () => /^1 Selected/.test((await quickState()).selectedCount), { what: 'Space did not tick Jeremy Corbyn', describe: describeScreen });
    await page.keyboard.press('Enter');
    await choose(/new demand \(5\/5\)/, 'the status pick', 'not-agreed', /^not-agreed/);
    await quickClosed('the status pick');
    await statusBar(/added demand .*new speaker “Jewish groups” \(jewish-groups\), new demand no-platforms-for-expelled-members/, 'that the demand was added');
    const added = await newAnnotationOnDisk('demand', 'demand', DEMAND_TEXT);
    const { data } = await sidecarOnDisk((d) => d?.demands?.[added.demand], `the demand ${added.demand}`);
    const d = data.demands[added.demand];
    const want = { summary: DEMAND_SUMMARY, by: [GROUP.id], to: [SPEAKER.id], status: 'not-agreed' };
    if (JSON.stringify({ summary: d.summary, by: d.by, to: d.to, status: d.status }) !== JSON.stringify(want)) {
      throw new Error(`demand on disk: ${JSON.stringify(d)}, expected ${JSON.stringify(want)}`);
    }
    const g = data.speakers[GROUP.id];
    if (g?.name !== GROUP.name || g.kind !== GROUP.kind || g.role !== undefined) throw new Error(`speaker on disk: ${JSON.stringify(g)}`);
    ids.demandId = added.demand;
  }],

  ['marks "has refused to agree" in paragraph 3 as his response, stance rejects (Ctrl+Alt+A R)', async () => {
    // To the start of "has": Left, Ctrl+Right over "Corbyn", Right over the space.
    await selectWords('Corbyn has refused', { skipWords: 1, skip: 1, words: 4, expect: 'has refused to agree' });
    await chord('r');
    await choose(/as a response \| The demand this responds to/, 'the demand pick', undefined, new RegExp(`^${DEMAND_SUMMARY}`));
    await choose(/as a response \| The stance/, 'the stance pick', 'rejects', /^rejects/);
    // The demand is addressed to Jeremy Corbyn: he is offered first.
    await choose(/as a response \| Who responds/, 'the speaker pick', undefined, /^Jeremy Corbyn.*addressed by the demand/);
    await quickClosed('the speaker pick');
    await statusBar(/added response of “Jeremy Corbyn” \(rejects\)/, 'that the response was added');
    const added = await newAnnotationOnDisk('response', 'response', 'has refused to agree');
    if (added.stance !== 'rejects' || added.demand !== ids.demandId || added.speaker !== SPEAKER.id) throw new Error(`response on disk: ${JSON.stringify(added)}`);
  }],

  ['marks "Corbyn" in paragraph 4 as a mention of him', async () => {
    await selectWords('Corbyn met', { words: 1, expect: 'Corbyn' });
    await chord('m');
    await choose(/as a speaker mention/, 'the speaker pick', 'Jeremy', /^Jeremy Corbyn/);
    await quickClosed('the speaker pick');
    await statusBar(/added mention of “Jeremy Corbyn” —/, 'that the mention was added');
    await newAnnotationOnDisk('p4Mention', 'mention', 'Corbyn');
  }],

  ['marks "positive and constructive" in paragraph 5 as his quote (Ctrl+Alt+A Q)', async () => {
    await findAndSelect('positive and constructive');
    await chord('q');
    await choose(/as a quote/, 'the speaker pick', 'Jeremy', /^Jeremy Corbyn/);
    await quickClosed('the speaker pick');
    await statusBar(/added quote of “Jeremy Corbyn”/, 'that the quote was added');
    await newAnnotationOnDisk('quote', 'quote', 'positive and constructive');
    if (Object.keys(expected).length < 5) throw new Error(`only ${Object.keys(expected).length} annotations`);
  }],

  [`types a sentence at the top (Ctrl+Home, "${TYPED}", Enter Enter)`, async () => {
    await page.keyboard.press('Control+Home');
    await typeInEditor(TYPED);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    typedAtTop = true;
    await until(() => page.evaluate(() => document.querySelector('.tab.active')?.classList.contains('dirty')), { what: 'the editor tab is not marked as changed' });
    await until(() => page.evaluate(() => document.querySelector('.editor-instance .view-lines')?.textContent ?? '').then((t) => norm(t).includes(TYPED)), {
      what: `the editor does not show "${TYPED}"`,
    });
  }],

  ['deletes the word "and" inside the quote (Ctrl+Shift+Right, Backspace, Delete)', async () => {
    await selectWords('and constructive', { words: 1, expect: 'and' });
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Delete');
    expected[ids.quote].text = 'positive constructive';
    await until(() => decorationsOver('positive constructive').then((d) => d.found && d.classes.length > 0), {
      what: 'no highlight over "positive constructive" after the edit',
    });
  }],

  ['deletes the annotated word "Corbyn" in paragraph 4: its annotation disappears', async () => {
    await selectWords('Corbyn met', { words: 1, expect: 'Corbyn' });
    await page.keyboard.press('Backspace');
    await annotationListUntil((l) => l.length === Object.keys(expected).length - 1 && !l.some((a) => a.id === ids.p4Mention),
      `${Object.keys(expected).length - 1} annotations without ${ids.p4Mention}`);
  }],

  ['Ctrl+Z (VS Code\'s undo) brings the word and its annotation back', async () => {
    await page.keyboard.press('Control+Z');
    // Only the mention highlights that word (the speaker's name is "Jeremy Corbyn", not "Corbyn").
    await until(() => decorationsOver('Corbyn(?= met)').then((d) => d.found && d.classes.length > 0), { what: 'no highlight over "Corbyn met" after Ctrl+Z' });
  }],

  ['annotation undo and redo chords (Ctrl+Alt+A Z, Ctrl+Alt+A Y) take the quote away and back', async () => {
    await chord('z');
    // The label is not quoted again: its name is, once, whole.
    await statusBar(/undid add quote of “Jeremy Corbyn”( \(saved[^)]*\))? —/, 'that the quote was undone');
    await until(() => decorationsOver('positive constructive').then((d) => d.found && d.classes.length === 0), { what: 'the quote is still highlighted after the annotation undo' });
    await chord('y');
    await statusBar(/redid add quote of “Jeremy Corbyn”( \(saved[^)]*\))? —/, 'that the quote was redone');
    await until(() => decorationsOver('positive constructive').then((d) => d.found && d.classes.length > 0), { what: 'the quote is not highlighted again after the annotation redo' });
  }],

  ['saves with Ctrl+S: the sidecar on disk has every annotation on the saved text', async () => {
    await page.keyboard.press('Control+S');
    await until(() => page.evaluate(() => !document.querySelector('.tab.active')?.classList.contains('dirty')), { what: 'the editor tab is still marked as changed after Ctrl+S' });
    savedSidecar = (await checkDisk()).source;
  }],

  ['closes the editor (Ctrl+W) and reopens the article with Ctrl+P: highlights are drawn over every annotation', async () => {
    await page.keyboard.press('Control+W');
    await until(async () => (await page.locator('.tab', { hasText: ARTICLE }).count()) === 0, { what: `the tab of ${ARTICLE} did not close` });
    await openWithCtrlP(ARTICLE);
    const over = {
      'the title mention': 'Jeremy Corbyn(?= About)',
      'the paragraph 2 mention': "Jeremy Corbyn(?='s attempt)",
      'the demand': DEMAND_TEXT.split(' ').slice(0, 4).join(' '), // its first words: the rest may wrap to the next line
      'the response': 'has refused to agree',
      'the paragraph 4 mention': 'Corbyn(?= met)',
      'the quote': 'positive constructive',
    };
    const missing = await until(async () => {
      const out = [];
      for (const [what, pattern] of Object.entries(over)) {
        const d = await decorationsOver(pattern);
        if (!d.found || d.classes.length === 0) out.push(`${what} (/${pattern}/${d.found ? '' : ': text not visible'})`);
      }
      return out.length === 0 ? [] : undefined;
    }, { what: 'after reopening, highlights are missing', describe: async () => {
      const out = [];
      for (const [what, pattern] of Object.entries(over)) {
        const d = await decorationsOver(pattern);
        out.push(`  ${what}: ${d.found ? `${d.classes.length} decoration class(es)` : 'text not visible'}`);
      }
      return out.join('\n');
    } });
    if (missing.length) throw new Error(missing.join(', '));
    // Reopening rewrote nothing.
    if ((await checkDisk()).source !== savedSidecar) throw new Error('the sidecar changed on disk when the article was closed and reopened');
  }],

  ['Ctrl+Alt+A N walks the reopened annotations in text order and wraps; Ctrl+Alt+A P goes back', async () => {
    const { data, text } = await checkDisk();
    const sorted = [...data.annotations].sort((a, b) => a.start - b.start || a.end - b.end);
    // VS Code's status bar shows the selection's end (where the cursor is) and its length.
    const where = (a) => {
      const line = text.slice(0, a.end).split('\n').length;
      return `Ln ${line}, Col ${a.end - text.lastIndexOf('\n', a.end - 1)} (${a.end - a.start} selected)`;
    };
    const at = async (a, what) => until(async () => (await statusBarText()).includes(where(a)), {
      what: `${what}: the editor should select ${a.id} "${a.text}" (${where(a)})`, describe: describeScreen,
    });
    await page.keyboard.press('Control+Home');
    for (const a of sorted) {
      await chord('n');
      await at(a, 'Ctrl+Alt+A N');
    }
    await chord('n');
    await statusBar(/past the last annotation, back to the first/, 'that Next wrapped around');
    await at(sorted[0], 'Ctrl+Alt+A N after the last annotation');
    await chord('p');
    await statusBar(/before the first annotation, on to the last/, 'that Previous wrapped around');
    await at(sorted.at(-1), 'Ctrl+Alt+A P from the first annotation');
    await page.keyboard.press('Control+Home'); // no selection over the highlights in the screenshot
  }],
];

/** The saved article and its sidecar agree: hash, every annotation (type, text at its offsets), speakers, demand. */
async function checkDisk() {
  const { data, text, source } = await sidecarOnDisk(
    (d, t) => d?.document?.sha256 === sha256(t) && t.startsWith(TYPED) && (d.annotations ?? []).length === Object.keys(expected).length,
    `sha256 of the saved article (starting with "${TYPED}") and ${Object.keys(expected).length} annotations`, 15_000);
  const problems = [];
  for (const [id, want] of Object.entries(expected)) {
    const a = data.annotations.find((x) => x.id === id);
    if (!a) { problems.push(`${id} (${want.type} "${want.text}") is missing`); continue; }
    if (a.type !== want.type) problems.push(`${id} is a ${a.type}, expected ${want.type}`);
    if (a.text !== want.text) problems.push(`${id}'s text is ${JSON.stringify(a.text)}, expected ${JSON.stringify(want.text)}`);
    const at = text.slice(a.start, a.end);
    if (at !== a.text) problems.push(`${id}: the article at ${a.start}–${a.end} reads ${JSON.stringify(at)}, its text is ${JSON.stringify(a.text)}`);
    if (a.type !== 'demand' && a.speaker !== SPEAKER.id) problems.push(`${id}'s speaker is ${a.speaker}`);
  }
  if (!text.includes('positive constructive') || text.includes('positive and constructive')) problems.push('the saved article does not have the quote edit');
  if (data.document?.file !== ARTICLE) problems.push(`document.file is ${data.document?.file}`);
  // Reviewable: one line per field, as in sample-docs/, not the `{}` / `[]` of the empty file grown into flow collections.
  for (const [section, re] of [['speakers', /^speakers:\n {2}\S/m], ['demands', /^demands:\n {2}\S/m], ['annotations', /^annotations:\n {2}- id: /m]]) {
    if (!re.test(source)) problems.push(`${section} are not written in block style: ${source.slice(source.indexOf(`\n${section}:`) + 1).replace(/\s+/g, ' ').slice(0, 90)}…`);
  }
  if (Object.keys(data.speakers ?? {}).sort().join() !== [GROUP.id, SPEAKER.id].sort().join()) problems.push(`speakers: ${Object.keys(data.speakers ?? {})}`);
  // The extension's own reader agrees: no problems, every annotation placed on the text (needs `npm run compile-tests`).
  const core = path.join(repoRoot, 'out', 'src', 'core');
  if (existsSync(path.join(core, 'anchoring.js'))) {
    const { parseSidecar } = await import(pathToFileURL(path.join(core, 'sidecar.js')).href);
    const { anchorAnnotations } = await import(pathToFileURL(path.join(core, 'anchoring.js')).href);
    const parsed = parseSidecar(source);
    if (parsed.problems.length) problems.push(`parseSidecar: ${parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
    if (parsed.sidecar) {
      const r = anchorAnnotations(parsed.sidecar, text);
      if (!r.hashMatches) problems.push('anchorAnnotations: the hash does not match');
      if (r.orphans.length || r.placed.length !== Object.keys(expected).length) {
        problems.push(`anchorAnnotations placed ${r.placed.length}, orphans ${r.orphans.map((o) => `${o.annotation.id}: ${o.reason}`).join(', ') || 0}`);
      }
    }
  }
  if (problems.length) throw new Error(`${sidecarFile()}:\n  ${problems.join('\n  ')}`);
  return { data, text, source };
}

// ---------------------------------------------------------------- run
async function main() {
  server = await startServer({ log: (l) => verbose && console.log(`[server] ${l}`) });
  folder = prepareWorkspace();
  // A fresh article: the sample's first five paragraphs, without a sidecar.
  const sample = readFileSync(path.join(folder, SAMPLE), 'utf8');
  const paragraphs = sample.split(/\n\n/).slice(0, 5);
  writeFileSync(articleFile(), paragraphs.join('\n\n') + '\n');
  // The web workbench auto-saves after a second by default; desktop VS Code does not. Off, as on
  // the desktop, so the text edits stay unsaved until Ctrl+S (and the sidecar waits for that save).
  const settingsFile = path.join(folder, '.vscode', 'settings.json');
  writeFileSync(settingsFile, JSON.stringify({ ...JSON.parse(readFileSync(settingsFile, 'utf8')), 'files.autoSave': 'off' }, null, 2) + '\n');
  ({ page } = await openWorkbench({
    url: workbenchUrl({ port: server.port, folder }),
    onLog: (level, msg) => verbose && console.log(`[workbench ${level}] ${msg}`),
  }));
  console.log(`e2e: annotating with the keyboard only (workbench loaded in ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  if (await page.locator('.part.auxiliarybar').isVisible()) await page.keyboard.press('Control+Alt+B');
  try {
    for (const [i, [name, fn]] of steps.entries()) {
      current = i;
      const t0 = Date.now();
      try {
        await fn();
      } catch (err) {
        if (overTime) return; // the time limit ended the run and reported it
        results.push(false);
        console.log(`  ✖ step ${i + 1} failed: ${name}\n      ${String(err?.message ?? err).split('\n').join('\n      ')}`);
        notRun(i + 1);
        return;
      }
      if (overTime) return;
      results.push(true);
      console.log(`  ✔ ${name} (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
    }
    current = undefined;
  } finally {
    if (!overTime) await leaveEvidence();
  }
}

function notRun(from) {
  for (let j = from; j < steps.length; j++) console.log(`  - step ${j + 1} not run: ${steps[j][0]}`);
}

/** Extension errors from the log, the screenshot, and the files as the run left them (the workspace is deleted). */
async function leaveEvidence() {
  const errors = server ? extHostErrors(server) : [];
  if (errors.length) console.log(`  extension host log errors:\n${errors.map((l) => `    ${l}`).join('\n')}`);
  if (!page) return;
  mkdirSync(path.dirname(screenshotPath), { recursive: true });
  await page.screenshot({ path: screenshotPath }).then(
    () => console.log(`  screenshot: ${path.relative(process.cwd(), screenshotPath)}`),
    (e) => console.log(`  (no screenshot: ${e.message})`));
  for (const f of folder ? [articleFile(), sidecarFile()] : []) {
    if (existsSync(f)) copyFileSync(f, path.join(path.dirname(screenshotPath), `annotate-${path.basename(f)}`));
  }
}

const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 120_000);
const started = Date.now();
try {
  await withTimeout(main(), timeoutMs, 'annotate e2e check (E2E_TIMEOUT_MS)');
} catch (err) {
  if (/timed out/.test(err.message)) overTime = true;
  if (current !== undefined && overTime) {
    console.log(`  ✖ step ${current + 1} did not finish: ${steps[current][0]}\n      ${err.message}`);
    notRun(current + 1);
  } else console.log(`  ✖ e2e: ${err.message}`);
  if (overTime) await leaveEvidence();
  if (!results.includes(false)) results.push(false); // count the crash as a failure
}
console.log(`  (annotate check took ${((Date.now() - started) / 1000).toFixed(1)}s${typedAtTop ? '' : ', stopped before the text edits'})`);
await finish();
