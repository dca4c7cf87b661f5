// Browser-level check of starting and recovering, as a person sees it in a real workbench:
// an article with no sidecar shows the invitation (the side bar's welcome view with its Start
// Annotating button, the status bar's "Annotate"); the walkthrough opens, and its first
// button opens the sample article and ticks the step; then the sample's sidecar breaks on disk
// (a comma missing on one line) and its highlights stay, dimmed and outlined as stale, with the
// status bar naming the line. Screenshots: test-artifacts/welcome.png, walkthrough.png and
// stale.png, for a human to look at.
//
//   node test/e2e/start.e2e.mjs    (after `npm run build`)
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  openWorkbench, prepareWorkspace, repoRoot, startServer, workbenchUrl,
} from '../../scripts/vscode/server.mjs';
import { check, poll, reportAndScreenshot, runChecks } from './harness.mjs';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const FRESH = 'my-story.txt';
const artifacts = path.join(repoRoot, 'test-artifacts');
const verbose = !!process.env.VSCODE_TEST_VERBOSE;

/** The status bar item's text (its aria label is the long form). */
const statusItem = (page) => poll(page, (prefix) => {
  const item = [...document.querySelectorAll('.statusbar-item')].find((e) => (e.getAttribute('aria-label') ?? '').startsWith(prefix));
  return item && { text: item.innerText.trim(), label: item.getAttribute('aria-label') };
}, 'Attribution Lens', 20_000);

async function runCommand(page, title) {
  // The palette may not open while focus is elsewhere (a notification, a webview): retry.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    const opened = await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    if (opened && (await input.fill(`>${title}`, { timeout: 5_000 }).then(() => true, () => false))) {
      // The first row, focused, once it is the command (a click can miss a list still laying out).
      const row = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title }).first();
      if (await row.waitFor({ state: 'attached', timeout: 10_000 }).then(() => true, () => false)) {
        await page.keyboard.press('Enter');
        return;
      }
    }
    await page.keyboard.press('Escape');
    await page.locator('.monaco-workbench .part.editor').first().click({ position: { x: 200, y: 200 } }).catch(() => {});
    if (attempt === 3) throw new Error(`the command palette did not run ${title}`);
  }
}

async function main() {
  const server = await startServer({ log: (l) => verbose && console.log(`[server] ${l}`) });
  const folder = prepareWorkspace();
  const fresh = path.join(folder, FRESH);
  writeFileSync(fresh, 'The minister said: "We will publish the report next week." Critics said it was too late.\n');
  const { page } = await openWorkbench({
    url: workbenchUrl({ port: server.port, folder, openFile: fresh }),
    onLog: (level, msg) => verbose && console.log(`[workbench ${level}] ${msg}`),
  });
  console.log('e2e: start');
  if (await page.locator('.part.auxiliarybar').isVisible()) await page.keyboard.press('Control+Alt+B');
  try {
    await check('an article with no sidecar: the welcome view invites annotation with a button, the status bar says "Annotate"', async () => {
      await page.locator('.tab.active', { hasText: FRESH }).waitFor({ timeout: 20_000 });
      await page.locator('.activitybar .action-item a[aria-label^="Attribution Lens"], .activitybar .action-item[aria-label^="Attribution Lens"]').first().click();
      const welcome = await poll(page, () => {
        const pane = [...document.querySelectorAll('.pane')].find((p) => /Speakers/i.test(p.querySelector('.pane-header')?.textContent ?? ''));
        const text = pane?.querySelector('.welcome-view-content')?.innerText ?? '';
        const buttons = [...(pane?.querySelectorAll('.welcome-view-content .monaco-button') ?? [])].map((b) => b.innerText.trim());
        return /no annotations yet/.test(text) && { text, buttons };
      }, null, 20_000);
      if (!welcome) throw new Error('the Speakers view shows no invitation');
      if (/not an annotated article/.test(welcome.text)) throw new Error(`the view still says "not an annotated article": ${welcome.text}`);
      if (!welcome.buttons.includes('Start Annotating')) throw new Error(`no Start Annotating button: ${welcome.buttons.join(', ')}`);
      const item = await statusItem(page);
      if (!item || !/Annotate/.test(item.text)) throw new Error(`status bar: ${JSON.stringify(item)}`);
      console.log(`      status bar: ${item.text} (${item.label})`);
      await page.screenshot({ path: path.join(artifacts, 'welcome.png') });
    });

    await check('the walkthrough opens from Start Annotating…, and its button opens the sample and ticks the step', async () => {
      await runCommand(page, 'Attribution Lens: Start Annotating…');
      const pick = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get started step by step' }).first();
      await pick.waitFor({ state: 'visible', timeout: 10_000 });
      await pick.click();
      const steps = await poll(page, () => {
        const root = document.querySelector('.gettingStartedContainer');
        const titles = [...(root?.querySelectorAll('.getting-started-step .step-title') ?? [])].map((t) => t.textContent.trim());
        return /Get Started with Attribution Lens/.test(root?.innerText ?? '') && titles.length >= 5 && titles;
      }, null, 20_000);
      if (!steps) throw new Error('the walkthrough did not open with its steps');
      console.log(`      steps: ${steps.join(' | ')}`);
      // The selected step's media (media/walkthrough/*.md) is drawn beside the steps, in a webview.
      let media;
      for (let i = 0; i < 60 && !media; i++) {
        for (const frame of page.frames()) {
          media = await frame.evaluate(() => /The sample article/.test(document.body?.innerText ?? '') && document.querySelector('h1')?.textContent).catch(() => undefined);
          if (media) break;
        }
        if (!media) await page.waitForTimeout(250);
      }
      await page.screenshot({ path: path.join(artifacts, 'walkthrough-start.png') });
      if (!media) throw new Error('the first step shows no media beside it');
      await page.locator('.gettingStartedContainer .monaco-button', { hasText: 'Open the Sample Article' }).first().click();
      await page.locator('.tab', { hasText: new RegExp(`^${ARTICLE.replace(/\./g, '\\.')}`) }).first().waitFor({ timeout: 15_000 });
      // The sample took the walkthrough's place: open it again to see the first step ticked.
      await runCommand(page, 'Attribution Lens: Start Annotating…');
      await pick.waitFor({ state: 'visible', timeout: 10_000 });
      await pick.click();
      await page.locator('.gettingStartedContainer .getting-started-step').first().waitFor({ timeout: 15_000 });
      const done = await poll(page, () => {
        const step = [...document.querySelectorAll('.getting-started-step')].find((s) => /Open the sample article/.test(s.textContent));
        return step && (step.classList.contains('complete') || step.querySelector('.codicon-pass-filled, .codicon-getting-started-step-checked')) ? true : undefined;
      }, null, 10_000);
      await page.screenshot({ path: path.join(artifacts, 'walkthrough.png') });
      if (!done) throw new Error('the first step is not ticked after opening the sample');
    });

    await check('the sample\'s sidecar breaks on disk: its highlights stay, stale (dimmed, outlined), the status bar names the line', async () => {
      await runCommand(page, 'Attribution Lens: Open the Sample Article');
      await page.locator('.tab.active', { hasText: new RegExp(`^${ARTICLE.replace(/\./g, '\\.')}`) }).first().waitFor({ timeout: 15_000 });
      const drawn = () => poll(page, () => document.querySelectorAll('.view-lines span[class*="ced-"], .view-overlays div[class*="ced-"]').length || undefined, null, 20_000);
      const before = await drawn();
      if (!before) throw new Error('no highlights drawn before the sidecar broke');
      const sidecar = path.join(folder, `${ARTICLE}.annotations.yaml`);
      const source = readFileSync(sidecar, 'utf8');
      // The alias list as a flow sequence, a comma missing after its first entry (line 13).
      const list = '    aliases:\n      - Corbyn\n      - Mr Corbyn\n      - Mr. Corbyn\n      - the Labour leader\n';
      if (!source.includes(list)) throw new Error('the sample sidecar changed: the alias list to break is not there');
      writeFileSync(sidecar, source.replace(list, '    aliases: [\n      "Corbyn"\n      "Mr Corbyn",\n      "Mr. Corbyn",\n      "the Labour leader",\n    ]\n'));
      const item = await poll(page, () => {
        const e = [...document.querySelectorAll('.statusbar-item')].find((x) => /Stale: sidecar line 13/.test(x.innerText));
        return e && { text: e.innerText.trim(), label: e.getAttribute('aria-label') };
      }, null, 20_000);
      if (!item) throw new Error('the status bar does not say the annotations are stale');
      console.log(`      status bar: ${item.text} (${item.label})`);
      const after = await drawn();
      if (!after || after < before) throw new Error(`highlights: ${before} before, ${after} after the sidecar broke`);
      const dimmed = await poll(page, () => [...document.querySelectorAll('.view-lines span[class*="ced-"]')].some((e) => getComputedStyle(e).opacity === '0.55') || undefined, null, 10_000);
      if (!dimmed) throw new Error('no highlight is dimmed as stale');
      await page.keyboard.press('Escape');
      await page.screenshot({ path: path.join(artifacts, 'stale.png') });
    });

    await check('the report beside the editor, in a webview about 900 px wide, keeps the Responses column in view', async () => {
      // Mend the sidecar first: a stale article's report would be the last good one anyway.
      writeFileSync(path.join(folder, `${ARTICLE}.annotations.yaml`), readFileSync(path.join(repoRoot, 'sample-docs', `${ARTICLE}.annotations.yaml`), 'utf8'));
      await poll(page, () => ![...document.querySelectorAll('.statusbar-item')].some((x) => /Stale/.test(x.innerText)) || undefined, null, 20_000);
      // The side bar (about 300 px) and two editor groups: each group gets about 900 px.
      await page.setViewportSize({ width: 2150, height: 1000 });
      await runCommand(page, 'Attribution Lens: Open the Sample Article');
      await page.locator('.tab.active', { hasText: new RegExp(`^${ARTICLE.replace(/\./g, '\\.')}`) }).first().waitFor({ timeout: 15_000 });
      await runCommand(page, 'Attribution Lens: Show Report');
      let layout;
      // A fresh machine's first webview can take a while; ask again once if no report tab came.
      for (let i = 0; i < 180 && !layout; i++) {
        if (i === 60 && !(await page.locator('.tab', { hasText: /Report/ }).count())) await runCommand(page, 'Attribution Lens: Show Report');
        for (const frame of page.frames()) {
          layout = await frame.evaluate(() => {
            const th = [...document.querySelectorAll('#demands th')].find((t) => /Responses/i.test(t.textContent));
            const cell = document.querySelector('#demands td.c-responses') ?? th;
            if (!cell) return undefined;
            document.querySelector('#demands')?.scrollIntoView();
            const r = cell.getBoundingClientRect();
            return { viewport: innerWidth, left: Math.round(r.left), right: Math.round(r.right), width: Math.round(r.width), table: getComputedStyle(document.querySelector('#demands table')).display };
          }).catch(() => undefined);
          if (layout) break;
        }
        if (!layout) await page.waitForTimeout(250);
      }
      if (!layout) {
        const seen = await page.evaluate(() => ({
          tabs: [...document.querySelectorAll('.tab')].map((t) => t.innerText.trim()),
          notices: [...document.querySelectorAll('.notification-list-item-message')].map((n) => n.innerText.trim()),
        }));
        throw new Error(`the report webview shows no Responses column (tabs: ${seen.tabs.join(' | ')}; notifications: ${seen.notices.join(' | ') || 'none'}; ${page.frames().length} frames)`);
      }
      console.log(`      webview ${layout.viewport} px wide; Responses at ${layout.left}-${layout.right} (${layout.width} px, ${layout.table})`);
      await page.screenshot({ path: path.join(artifacts, 'report-beside.png') });
      if (layout.viewport < 800 || layout.viewport > 1000) throw new Error(`the webview is ${layout.viewport} px wide, not about 900`);
      // Before, six table columns left it 215 px of 896, its quotes a word or two a line.
      if (layout.right > layout.viewport || layout.width < 0.4 * layout.viewport) throw new Error(`the Responses column is cut off or squeezed: ${JSON.stringify(layout)}`);
    });
  } finally {
    await reportAndScreenshot(page, server, path.join(artifacts, 'start.png'));
  }
}

await runChecks(main);
