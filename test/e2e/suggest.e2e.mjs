// Browser-level check of suggestions as a person uses them in a real workbench: Suggest
// Annotations with its key (Ctrl+Alt+A S) on the sample article, the Suggestions tree filled,
// the next-suggestion key selecting one, the lightbulb shown on it and its "Accept suggested …"
// action clicked (the sidecar on disk then has an annotation with origin suggested), the reject
// key (the sidecar's rejected list), and a screenshot (test-artifacts/suggest.png) with the
// lightbulb menu open over the dotted suggestions.
//
//   node test/e2e/suggest.e2e.mjs    (after `npm run build`)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { openWorkbench, prepareWorkspace, repoRoot, startServer, workbenchUrl } from '../../scripts/vscode/server.mjs';
import { check, poll, reportAndScreenshot, runChecks } from './harness.mjs';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const screenshotPath = path.join(repoRoot, 'test-artifacts', 'suggest.png');
const verbose = !!process.env.VSCODE_TEST_VERBOSE;
const norm = (s) => String(s ?? '').replace(/\u00a0/g, ' ');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const server = await startServer({ log: (l) => verbose && console.log(`[server] ${l}`) });
  const folder = prepareWorkspace();
  const file = path.join(folder, ARTICLE);
  const sidecar = () => yaml.load(readFileSync(file + '.annotations.yaml', 'utf8'));
  const { page } = await openWorkbench({
    url: workbenchUrl({ port: server.port, folder, openFile: file }),
    onLog: (level, msg) => verbose && console.log(`[workbench ${level}] ${msg}`),
  });
  console.log('e2e: suggest');
  if (await page.locator('.part.auxiliarybar').isVisible()) await page.keyboard.press('Control+Alt+B');
  const statusBar = () => page.evaluate(() => document.querySelector('.part.statusbar')?.innerText ?? '').then(norm);
  const chord = async (key) => {
    await page.keyboard.press('Control+Alt+A');
    await page.keyboard.press(key);
  };
  const suggestionRows = () => page.evaluate(() => {
    const pane = [...document.querySelectorAll('.pane')].find((p) => /^\s*Suggestions/i.test(p.querySelector('.pane-header')?.textContent ?? ''));
    return pane ? [...pane.querySelectorAll('.monaco-list-row')].map((r) => r.innerText.replace(/\s+/g, ' ')) : [];
  });
  const suggestedCount = () => sidecar().annotations.filter((a) => a.origin === 'suggested').length;
  try {
    await check('Ctrl+Alt+A S suggests, and the Suggestions tree lists them by speaker', async () => {
      await page.locator('.tab.active', { hasText: ARTICLE }).waitFor({ timeout: 20_000 });
      await page.locator('.activitybar .action-item a[aria-label^="Attribution Lens"], .activitybar .action-item[aria-label^="Attribution Lens"]').first().click();
      // The Suggestions pane may start collapsed below the others: open it.
      const header = page.locator('.pane-header', { hasText: 'Suggestions' });
      await header.waitFor({ timeout: 20_000 });
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      await page.locator('.editor-instance .view-lines').first().click({ position: { x: 5, y: 5 } });
      await sleep(2_000); // the extension host activates and reads the sidecar
      await chord('s');
      const status = await poll(page, () => /\d+ suggestions/.test(document.querySelector('.part.statusbar')?.innerText ?? ''), null, 30_000);
      if (!status) throw new Error(`no "N suggestions" message; status bar: ${await statusBar()}`);
      const rows = await poll(page, () => {
        const pane = [...document.querySelectorAll('.pane')].find((p) => /^\s*Suggestions/i.test(p.querySelector('.pane-header')?.textContent ?? ''));
        const texts = pane ? [...pane.querySelectorAll('.monaco-list-row')].map((r) => r.innerText.replace(/\s+/g, ' ')) : [];
        return texts.length >= 3 && texts;
      }, null, 15_000);
      if (!rows) throw new Error(`the Suggestions tree is empty: ${JSON.stringify(await suggestionRows())}`);
      console.log(`      first rows: ${rows.slice(0, 4).map(norm).join(' | ')}`);
      if (!rows.some((r) => /\d+ suggestions?/.test(norm(r)))) throw new Error('no group row with a count');
    });

    await check('Ctrl+Alt+A Down selects the next suggestion', async () => {
      await chord('ArrowDown');
      const said = await poll(page, () => /suggestion \d+ of \d+/.test(document.querySelector('.part.statusbar')?.innerText ?? ''), null, 10_000);
      if (!said) throw new Error(`status bar: ${await statusBar()}`);
    });

    await check('the lightbulb shows on it, and its Accept action writes an annotation with origin suggested', async () => {
      const before = suggestedCount();
      const bulb = page.locator('.monaco-editor .lightBulbWidget').first();
      await bulb.waitFor({ state: 'visible', timeout: 15_000 });
      await bulb.click();
      const accept = page.locator('.action-widget .monaco-list-row', { hasText: 'Accept suggested' }).first();
      await accept.waitFor({ timeout: 10_000 }).catch(async (e) => {
        await page.screenshot({ path: screenshotPath.replace('.png', '-lightbulb.png') });
        const found = await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.children.length === 0 && /Accept suggested/.test(el.textContent ?? '')).map((el) => { const chain = []; for (let x = el; x && chain.length < 8; x = x.parentElement) chain.push(x.className); return chain.join(' < '); }));
        const bulbs = await page.evaluate(() => [...document.querySelectorAll('[class*="lightBulb"], [class*="lightbulb"]')].map((el) => el.className));
        throw new Error(`${e.message.split('\n')[0]}; elements with the text: ${JSON.stringify(found)}; bulbs: ${JSON.stringify(bulbs)}`);
      });
      const items = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
      console.log(`      lightbulb menu: ${items.map((t) => norm(t).replace(/\s+/g, ' ')).join(' | ')}`);
      await page.screenshot({ path: screenshotPath.replace('.png', '-lightbulb.png') });
      await accept.click();
      const written = await poll(page, () => /accepted suggested/.test(document.querySelector('.part.statusbar')?.innerText ?? ''), null, 10_000);
      if (!written) throw new Error(`no "accepted" message; status bar: ${await statusBar()}`);
      for (let i = 0; i < 50 && suggestedCount() <= before; i++) await sleep(100);
      if (suggestedCount() !== before + 1) throw new Error(`the sidecar has ${suggestedCount()} suggested annotations, expected ${before + 1}`);
    });

    await check('Ctrl+Alt+A Backspace rejects the next one: in the sidecar\'s rejected list', async () => {
      await page.locator('.editor-instance .view-lines').first().click({ position: { x: 5, y: 5 } });
      await chord('ArrowDown');
      await chord('Backspace');
      const said = await poll(page, () => /rejected suggested/.test(document.querySelector('.part.statusbar')?.innerText ?? ''), null, 10_000);
      if (!said) throw new Error(`status bar: ${await statusBar()}`);
      let rejected = [];
      for (let i = 0; i < 50 && !rejected.length; i++, await sleep(100)) rejected = sidecar().rejected ?? [];
      if (rejected.length !== 1) throw new Error(`rejected in the sidecar: ${JSON.stringify(rejected)}`);
      console.log(`      rejected: ${rejected[0].type} "${rejected[0].text.slice(0, 40)}"`);
      // For the screenshot: the next suggestion and its lightbulb menu over the dotted suggestions.
      await chord('ArrowDown');
      await poll(page, () => /suggestion \d+ of \d+/.test(document.querySelector('.part.statusbar')?.innerText ?? ''), null, 10_000);
      await sleep(500); // the selection reaches the editor before the code actions are asked for
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget .monaco-list-row').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    });
  } finally {
    await reportAndScreenshot(page, server, screenshotPath);
  }
}

await runChecks(main);
