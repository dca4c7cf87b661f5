// Browser-level check of who-said-what at a glance: the sample article open, the Attribution
// Lens side bar shows the Legend with a sample per speaker, drawn in the same colour as the
// editor's highlight of that speaker's quote (computed styles, read in the page), the Speakers
// tree shows a swatch in the speaker's colour, and the speaker pick shows swatches. Screenshots
// (test-artifacts/legend.png, legend-pick.png) are for a person to look at.
//
//   node test/e2e/legend.e2e.mjs    (after `npm run build`)
import path from 'node:path';
import {
  openWorkbench, prepareWorkspace, repoRoot, startServer, workbenchUrl,
} from '../../scripts/vscode/server.mjs';
import { check, poll, reportAndScreenshot, runChecks } from './harness.mjs';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const QUOTE = 'a positive and constructive meeting'; // Jeremy Corbyn's, the first speaker
const screenshotPath = path.join(repoRoot, 'test-artifacts', 'legend.png');
const pickScreenshot = path.join(repoRoot, 'test-artifacts', 'legend-pick.png');
const verbose = !!process.env.VSCODE_TEST_VERBOSE;

async function main() {
  const server = await startServer({ log: (l) => verbose && console.log(`[server] ${l}`) });
  const folder = prepareWorkspace();
  const file = path.join(folder, ARTICLE);
  const { page } = await openWorkbench({
    url: workbenchUrl({ port: server.port, folder, openFile: file }),
    onLog: (level, msg) => verbose && console.log(`[workbench ${level}] ${msg}`),
  });
  console.log('e2e: legend');
  if (await page.locator('.part.auxiliarybar').isVisible()) await page.keyboard.press('Control+Alt+B');
  const legend = page.frameLocator('.part.sidebar iframe.webview.ready').frameLocator('iframe#active-frame');
  try {
    await check('the Legend view lists every speaker and every kind of highlight', async () => {
      await page.locator('.tab.active', { hasText: ARTICLE }).waitFor({ timeout: 20_000 });
      await page.locator('.activitybar .action-item a[aria-label^="Attribution Lens"], .activitybar .action-item[aria-label^="Attribution Lens"]').first().click();
      // Collapse the other views so the Legend has room, then open it.
      for (const name of ['Demands', 'Needs Review', 'Suggestions']) {
        const header = page.locator('.part.sidebar .pane-header', { hasText: name }).first();
        if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
      }
      const header = page.locator('.part.sidebar .pane-header', { hasText: 'Legend' }).first();
      await header.waitFor({ timeout: 15_000 });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      await legend.locator('li[data-speaker="corbyn"]').waitFor({ timeout: 20_000 });
      const speakers = await legend.locator('ul.speakers li').count();
      const kinds = await legend.locator('ul.kinds li').allInnerTexts();
      console.log(`      (${speakers} speakers; kinds: ${kinds.map((k) => k.replace(/\s+/g, ' ')).join(' | ')})`);
      if (speakers !== 12) throw new Error(`${speakers} speakers in the legend, not 12`);
      for (const want of ['Quote', 'Mention', 'Name or alias', 'Demand', 'Response']) if (!kinds.some((k) => k.startsWith(want))) throw new Error(`no "${want}" row`);
    });

    await check("the legend's sample of the first speaker is drawn in the colour of that speaker's quote in the editor", async () => {
      const sample = await legend.locator('li[data-speaker="corbyn"] [data-decoration^="quote:"]').evaluate((el) => getComputedStyle(el).backgroundColor);
      const border = await legend.locator('li[data-speaker="corbyn"] [data-decoration^="mention:"]').evaluate((el) => getComputedStyle(el).borderTopColor);
      // The editor's decoration under the first words of the quote.
      const editor = await poll(page, (quote) => {
        for (const el of document.querySelectorAll('.editor-instance .view-lines [class*="ced-"]')) {
          if (el.textContent.replace(/\u00a0/g, ' ').startsWith(quote.slice(0, 12))) return getComputedStyle(el).backgroundColor;
        }
        return undefined;
      }, QUOTE, 15_000);
      console.log(`      (legend ${sample}, editor ${editor}, mention border ${border})`);
      if (!editor) throw new Error('the quote is not drawn in the editor');
      if (/rgba\(0, 0, 0, 0\)|transparent/.test(sample)) throw new Error(`the legend sample has no colour (${sample}): its CSS variable did not resolve`);
      if (sample !== editor) throw new Error(`legend ${sample} differs from the editor's ${editor}`);
      // The Speakers tree's swatch: the speaker's line colour.
      const swatch = await poll(page, () => {
        const pane = [...document.querySelectorAll('.part.sidebar .pane')].find((p) => /Speakers/.test(p.querySelector('.pane-header')?.textContent ?? ''));
        const icon = pane?.querySelector('.monaco-list-row .codicon-circle-large-filled');
        return icon && getComputedStyle(icon).color;
      }, null, 15_000);
      console.log(`      (Speakers tree swatch ${swatch})`);
      if (!swatch) throw new Error('no swatch icon in the Speakers tree');
      if (swatch !== border) throw new Error(`the tree swatch ${swatch} differs from the legend's mention border ${border}`);
    });
    await reportAndScreenshot(page, server, screenshotPath);

    await check('the speaker pick shows a swatch beside each speaker', async () => {
      await page.locator('.editor-instance .view-lines').first().click();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill('>Attribution Lens: Mark as Quote');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Mark as Quote' }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
      const icons = await poll(page, () => {
        const rows = [...document.querySelectorAll('.quick-input-list .monaco-list-row')];
        const withSwatch = rows.filter((r) => /data:image\/svg\+xml/.test(getComputedStyle(r.querySelector('.quick-input-list-icon') ?? r).backgroundImage));
        return withSwatch.length >= 5 && withSwatch.length;
      }, null, 15_000);
      if (!icons) throw new Error('no swatch icons in the speaker pick');
      console.log(`      (${icons} speaker rows with a swatch)`);
    });
  } finally {
    await reportAndScreenshot(page, server, pickScreenshot);
  }
}

await runChecks(main);
