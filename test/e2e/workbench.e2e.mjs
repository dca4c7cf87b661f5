// Browser-level check: what a person sees in a real VS Code workbench with the extension
// loaded. Opens the sample article, checks that highlights are drawn and that hovering
// "Jeremy Corbyn" shows his hover card, and saves a screenshot for a human to look at.
//
//   npm run test:e2e    (after `npm run build`; `npm run test:vscode` runs it too)
//
// With E2E_EXTENSION_KIND=web the extension runs in the web worker extension host (its `browser`
// build), as on vscode.dev, and the screenshots are named web-*.png (runTests.mjs runs both).
//
// Prints one line per check and a final `E2E-RESULT {"passes":n,"failures":m}` line that
// runTests.mjs counts; exits 1 if any check failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  openWorkbench, prepareWorkspace, repoRoot, startServer, workbenchUrl,
} from '../../scripts/vscode/server.mjs';
import { check, poll, reportAndScreenshot, runChecks } from './harness.mjs';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const SPEAKER = 'Jeremy Corbyn';
const QUOTE = 'a positive and constructive meeting'; // one of his quotes in the sidecar
const kind = process.env.E2E_EXTENSION_KIND || undefined;
const shot = (name) => path.join(repoRoot, 'test-artifacts', kind ? `${kind}-${name}` : name);
const screenshotPath = shot('hover-card.png');
const verbose = !!process.env.VSCODE_TEST_VERBOSE;
const norm = (s) => s.replace(/\u00a0/g, ' '); // the editor renders spaces as U+00A0



/** Whether the server's Node extension host activated the extension (its log says so when it does). */
function activatedInServerHost(server) {
  const logs = path.join(server.dataDir, 'logs');
  const files = existsSync(logs) ? readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('remoteexthost.log')) : [];
  return files.some((f) => readFileSync(path.join(logs, f), 'utf8').includes('_doActivateExtension attribution-lens.attribution-lens'));
}

async function main() {
  const server = await startServer({ log: (l) => verbose && console.log(`[server] ${l}`) });
  const folder = prepareWorkspace({ kind });
  const { page } = await openWorkbench({
    url: workbenchUrl({ port: server.port, folder, kind }),
    onLog: (level, msg) => verbose && console.log(`[workbench ${level}] ${msg}`),
  });
  console.log(`e2e: workbench${kind ? ` (${kind} extension host)` : ''}`);
  // The (empty) secondary side bar takes a quarter of the width: close it (Ctrl+Alt+B).
  if (await page.locator('.part.auxiliarybar').isVisible()) await page.keyboard.press('Control+Alt+B');
  let opened = false;
  try {
    await check(`opens ${ARTICLE} with Ctrl+P`, async () => {
      // The quick-open list is only ready once the workbench has restored; retry a few times.
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+P');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(ARTICLE);
        // Wait for the result row of the article itself, not its .annotations.yaml.
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: new RegExp(`^${ARTICLE.replace(/\./g, '\\.')}`) }).first();
        const found = await row.waitFor({ state: 'visible', timeout: 10_000 }).then(() => true, () => false);
        if (found) { await row.click(); break; }
        await page.keyboard.press('Escape');
        if (attempt === 3) throw new Error(`quick open did not list ${ARTICLE}`);
      }
      await page.locator('.tab.active', { hasText: ARTICLE }).waitFor({ timeout: 15_000 });
      const text = await poll(page, () => document.querySelector('.editor-instance .view-lines')?.textContent, null, 15_000);
      if (!text || !/Jeremy.Corbyn/.test(text)) throw new Error(`the editor did not show the article's text`);
      opened = true;
    });

    await check('draws highlights (elements with ced-* classes in .view-lines / .view-overlays)', async () => {
      if (!opened) throw new Error('not run: the article did not open');
      // The extension activates when the file opens, then reads the sidecar: give it time.
      const count = await poll(page, () => {
        const n = document.querySelectorAll(
          '.editor-instance :is(.view-lines, .view-overlays) :is([class^="ced-"], [class*=" ced-"])').length;
        return n > 0 && n;
      }, null, 15_000);
      if (!count) throw new Error('no decoration elements (class ced-*) in the editor after 15s: the extension draws no highlights');
      console.log(`      (${count} decoration elements)`);
    });

    if (kind === 'web') {
      await check('the highlights come from the web worker extension host: the server\'s Node one never activated the extension', async () => {
        if (activatedInServerHost(server)) throw new Error('the server\'s Node extension host activated the extension: this run tested the Node build, not the browser one');
      });
    }

    await check(`hovering "${SPEAKER}" shows a hover card with his quote`, async () => {
      if (!opened) throw new Error('not run: the article did not open');
      // Screen rectangle of the first occurrence. A name can be split over several spans
      // (decorations split text), so search each rendered line's whole text and map
      // the match back to text nodes with a DOM Range.
      const rect = await page.evaluate((pattern) => {
        const lines = [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top);
        for (const line of lines) {
          const nodes = [];
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          let text = '';
          while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
          const m = new RegExp(pattern).exec(text);
          if (!m) continue;
          const at = (offset) => { // text node + offset holding the character at `offset`
            const [node, start] = nodes.findLast(([, s]) => s <= offset);
            return [node, offset - start];
          };
          const range = document.createRange();
          range.setStart(...at(m.index));
          range.setEnd(...at(m.index + m[0].length - 1));
          range.setEnd(range.endContainer, range.endOffset + 1);
          const r = range.getClientRects()[0];
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
        return null;
      }, SPEAKER.replace(' ', '[\\s\\u00a0]'));
      if (!rect) throw new Error(`"${SPEAKER}" is not visible in the editor`);
      const x = rect.x + Math.min(rect.width / 2, 30);
      const y = rect.y + rect.height / 2;
      await page.mouse.move(x - 40, y + 2);
      await page.mouse.move(x, y, { steps: 5 });
      // The hover card appears after the editor's hover delay; several .monaco-hover
      // elements may exist, so read the visible ones.
      const hoverText = () => [...document.querySelectorAll('.monaco-hover')]
        .filter((el) => el.offsetParent !== null && !el.classList.contains('hidden'))
        .map((el) => el.innerText).join('\n');
      const text = norm(await poll(page, hoverText, null, 10_000) ?? '');
      if (!text) throw new Error(`no hover card (.monaco-hover) appeared over "${SPEAKER}" within 10s`);
      // The card as a person sees it (the final screenshot shows the report instead).
      await page.screenshot({ path: shot('hover-card-open.png') });
      const missing = [SPEAKER, QUOTE].filter((s) => !text.includes(s));
      if (missing.length) {
        throw new Error(`hover card lacks ${missing.map((s) => `"${s}"`).join(' and ')}; it reads:\n${text.slice(0, 600)}`);
      }
    });

    await check('"show all 7" in the hover card opens his seven quotes; picking one selects it', async () => {
      if (!opened) throw new Error('not run: the article did not open');
      const link = page.locator('.monaco-hover a', { hasText: 'show all 7' }).first();
      await link.waitFor({ state: 'visible', timeout: 10_000 });
      await link.click();
      const rows = await poll(page, () => {
        const list = [...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')];
        return list.length >= 7 && list.map((r) => r.innerText.replace(/\s+/g, ' '));
      }, null, 10_000);
      if (!rows) throw new Error('no quick pick with the seven quotes after clicking "show all 7"');
      const title = await page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
      if (!/Jeremy Corbyn: Quotes in this article \(7\)/.test(norm(title))) throw new Error(`the quick pick is titled "${title}"`);
      if (!norm(rows[0]).includes(QUOTE)) throw new Error(`the first row is "${rows[0]}", not his first quote`);
      await page.keyboard.press('Enter');
      const selected = await poll(page, () => /\((\d+) selected\)/.exec(document.querySelector('[id="status.editor.selection"]')?.textContent ?? '')?.[1], null, 10_000);
      if (!selected) throw new Error('picking the first quote selected nothing');
      await page.keyboard.press('Control+C');
      const copied = norm(await page.evaluate(() => navigator.clipboard.readText()));
      if (!copied.startsWith(QUOTE)) throw new Error(`the selection is "${copied.slice(0, 200)}", not the quote "${QUOTE}…"`);
      // Leave the editor as the next check expects it: the cursor alone, at the start.
      await page.keyboard.press('Control+Home');
    });

    await check('Show Report opens the report beside the article; clicking a quote in it selects that quote in the editor', async () => {
      if (!opened) throw new Error('not run: the article did not open');
      await page.keyboard.press('Escape'); // the hover card
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('>Attribution Lens: Show Report');
      const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Attribution Lens: Show Report' }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tab', { hasText: `Report: ${ARTICLE}` }).waitFor({ timeout: 15_000 });
      // A webview is an iframe holding another iframe with the page.
      const report = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      const quote = report.locator('.text mark.q', { hasText: QUOTE }).first();
      await quote.waitFor({ state: 'visible', timeout: 15_000 });
      const marks = await report.locator('.text mark').count();
      const bars = await report.locator('svg rect').count();
      console.log(`      (${marks} highlights and ${bars} chart rectangles in the report)`);
      if (bars === 0) throw new Error('the report has no chart');
      const selectionItem = page.locator('[id="status.editor.selection"]');
      const before = await selectionItem.innerText().catch(() => '');
      await quote.click();
      // The editor selects the quote: the status bar counts the selected characters.
      const selected = await poll(page, (prev) => {
        const t = document.querySelector('[id="status.editor.selection"]')?.textContent ?? '';
        return t !== prev && /\((\d+) selected\)/.exec(t)?.[1];
      }, before, 10_000);
      if (!selected) throw new Error(`no selection in the editor after the click (status bar: "${await selectionItem.innerText().catch(() => '')}")`);
      const active = (await page.locator('.editor-group-container.active .tab.active').innerText()).replace(/\s+/g, '');
      if (!active.includes(ARTICLE)) throw new Error(`the active editor is "${active}", not the article`);
      // What is selected is the quote: copy it and read the clipboard.
      await page.keyboard.press('Control+C');
      const copied = norm(await page.evaluate(() => navigator.clipboard.readText()));
      if (!copied.includes(QUOTE)) throw new Error(`the selection is "${copied.slice(0, 200)}", not the quote "${QUOTE}…"`);
    });
  } finally {
    // Always, pass or fail: the screenshot is how a person sees what went wrong.
    await reportAndScreenshot(page, server, screenshotPath);
  }
}

await runChecks(main);
