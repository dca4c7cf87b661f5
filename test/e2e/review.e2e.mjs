// Browser-level check of the review flow as a person sees it: the sample article edited behind
// its sidecar's back (one quote's words changed, another's rewritten), opened in a real
// workbench; the Needs Review view lists the orphan and the repaired span, the Problems panel
// shows both, and a screenshot (test-artifacts/review.png) shows the view, the dotted outline
// and the panel for a human to look at.
//
//   node test/e2e/review.e2e.mjs    (after `npm run build`)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  openWorkbench, prepareWorkspace, repoRoot, startServer, workbenchUrl,
} from '../../scripts/vscode/server.mjs';
import { check, poll, reportAndScreenshot, runChecks } from './harness.mjs';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const screenshotPath = path.join(repoRoot, 'test-artifacts', 'review.png');
const verbose = !!process.env.VSCODE_TEST_VERBOSE;
const norm = (s) => String(s ?? '').replace(/\u00a0/g, ' ');


async function main() {
  const server = await startServer({ log: (l) => verbose && console.log(`[server] ${l}`) });
  const folder = prepareWorkspace();
  const file = path.join(folder, ARTICLE);
  writeFileSync(file, readFileSync(file, 'utf8')
    .replace('a positive and constructive meeting about tackling anti-semitism."\n\nThis take', 'a good meeting." This view')
    .replace('disappointing missed opportunity', 'disappointing lost opportunity'));
  const { page } = await openWorkbench({
    url: workbenchUrl({ port: server.port, folder, openFile: file }),
    onLog: (level, msg) => verbose && console.log(`[workbench ${level}] ${msg}`),
  });
  console.log('e2e: review');
  if (await page.locator('.part.auxiliarybar').isVisible()) await page.keyboard.press('Control+Alt+B');
  try {
    await check('the Needs Review view lists the orphan and the repaired span', async () => {
      await page.locator('.tab.active', { hasText: ARTICLE }).waitFor({ timeout: 20_000 });
      // The extension's side-bar container (its icon carries the count of items to review).
      await page.locator('.activitybar .action-item a[aria-label^="Attribution Lens"], .activitybar .action-item[aria-label^="Attribution Lens"]').first().click();
      const rows = await poll(page, () => {
        const pane = [...document.querySelectorAll('.pane')].find((p) => /Needs Review/i.test(p.querySelector('.pane-header')?.textContent ?? ''));
        const texts = pane ? [...pane.querySelectorAll('.monaco-list-row')].map((r) => r.innerText.replace(/\s+/g, ' ')) : [];
        return texts.length >= 2 && texts;
      }, null, 20_000);
      if (!rows) throw new Error('no rows in the Needs Review view after 20s');
      console.log(`      rows: ${rows.map(norm).join(' | ')}`);
      if (!rows.some((r) => /orphan · a7 · quote/.test(norm(r)))) throw new Error('no orphan a7 row');
      if (!rows.some((r) => /repaired · a3 · quote/.test(norm(r)))) throw new Error('no repaired a3 row');
    });

    await check('the Problems panel shows both on the article', async () => {
      await page.keyboard.press('Control+Shift+M');
      const text = await poll(page, () => {
        const t = document.querySelector('.markers-panel')?.innerText ?? '';
        return /Needs review: quote a7/.test(t) && /Needs review: quote a3/.test(t) && t;
      }, null, 15_000);
      if (!text) throw new Error('the Problems panel does not list both review items');
      // Back to the article, at the repaired span, for the screenshot.
      await page.locator('.tab', { hasText: ARTICLE }).first().click();
    });
  } finally {
    // Always, pass or fail: the screenshot is how a person sees what went wrong.
    await reportAndScreenshot(page, server, screenshotPath);
  }
}

await runChecks(main);
