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
  // The only webview open: webview views are drawn over the side bar, not inside it.
  const legend = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
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

    await check("the legend's sample of the first speaker is drawn in the colours of that speaker's mention in the editor", async () => {
      const look = (el) => `${getComputedStyle(el).backgroundColor} / ${getComputedStyle(el).borderTopStyle} ${getComputedStyle(el).borderTopColor}`;
      const sample = await legend.locator('li[data-speaker="corbyn"] [data-decoration^="mention:"]').evaluate(look);
      // A decoration's fill and border are drawn by an overlay (class ced-…-0) under the text, its
      // font weight on the text itself (ced-…-1): the bold "Corbyn" is his stored mention.
      const editor = await poll(page, () => {
        const text = [...document.querySelectorAll('.editor-instance .view-lines [class*="ced-"]')].find((e) => e.textContent === 'Corbyn' && getComputedStyle(e).fontWeight === '600');
        const type = text && /ced-[\w-]+?-1\b/.exec(text.className)?.[0];
        const overlay = type && document.querySelector(`.editor-instance .view-overlays .${type.replace(/-1$/, '-0')}`);
        const s = overlay && getComputedStyle(overlay);
        return s && `${s.backgroundColor} / ${s.borderTopStyle} ${s.borderTopColor}`;
      }, null, 15_000);
      const border = await legend.locator('li[data-speaker="corbyn"] [data-decoration^="mention:"]').evaluate((el) => getComputedStyle(el).borderTopColor);
      console.log(`      (legend ${sample}; editor ${editor})`);
      if (!editor) throw new Error('the mention is not drawn in the editor');
      if (/^rgba\(0, 0, 0, 0\)/.test(sample)) throw new Error(`the legend sample has no colour (${sample}): its CSS variable did not resolve`);
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
    await check("the hover card's legend shows the speaker's swatch", async () => {
      const word = page.locator('.editor-instance .view-lines span', { hasText: /^Jonathan.Goldstein$/ }).first();
      const box = await word.boundingBox();
      if (!box) throw new Error('"Jonathan Goldstein" is not visible in the editor');
      await page.mouse.move(box.x + 5, box.y + box.height / 2 + 2);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
      const img = await poll(page, () => {
        const el = [...document.querySelectorAll('.monaco-hover img')].find((i) => i.offsetParent !== null && /^data:image\/svg\+xml;base64,/.test(i.getAttribute('src') ?? ''));
        return el && el.complete && el.naturalWidth > 0 && `${el.naturalWidth}x${el.naturalHeight}`;
      }, null, 10_000);
      if (!img) throw new Error('no swatch image rendered in the hover card');
      console.log(`      (swatch image ${img})`);
    });
    await reportAndScreenshot(page, server, screenshotPath);
    await page.keyboard.press('Escape');

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
