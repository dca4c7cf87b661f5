// Browser-level check of the HTML report: exports the sample article with the bundled CLI
// (`attribution-lens export … --format html`), opens the file in headless Chromium from
// file://, and checks what a reader gets: no console error or CSP violation, no request but
// the file itself, highlights drawn and styled, the chart with a bar per quoted speaker, a
// tooltip naming the speaker on hover and on keyboard focus, links that scroll to their
// highlight. Then the webview mode (nonce CSP, acquireVsCodeApi): a click posts `reveal`.
// Saves test-artifacts/report.png (full page) and report-dark.png for a human to look at.
//
//   npm run build && npm run compile-tests && node test/e2e/report.e2e.mjs
//   (runTests.mjs runs it with the other e2e checks; it needs no VS Code server)
//
// Prints one line per check and a final `E2E-RESULT {"passes":n,"failures":m}` line that
// runTests.mjs counts; exits 1 if any check failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { onCleanup, repoRoot, tempDir } from '../../scripts/vscode/server.mjs';
import { check, runChecks } from './harness.mjs';

const ARTICLE = 'corbyn-jewish-leaders-meeting.txt';
const SPEAKER = 'Jeremy Corbyn';
const QUOTE = 'a positive and constructive meeting'; // one of his quotes in the sidecar
const cli = path.join(repoRoot, 'dist', 'cli.js');
const compiledHtml = path.join(repoRoot, 'out', 'src', 'core', 'export', 'html.js');
const compiledArticle = path.join(repoRoot, 'out', 'src', 'core', 'export', 'article.js');
const artifacts = path.join(repoRoot, 'test-artifacts');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

let tmp;

function exportWith(format, out) {
  const r = spawnSync(process.execPath, [cli, 'export', path.join('sample-docs', ARTICLE), '--format', format, '--out', out], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`export --format ${format} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Records what the page does wrong: console errors, uncaught errors, CSP violations, requests. */
async function watch(page) {
  const seen = { errors: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') seen.errors.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => seen.errors.push(`page error: ${e.message}`));
  page.on('request', (r) => seen.requests.push(r.url()));
  // Runs before the page's own script, outside its CSP.
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  return seen;
}

async function main() {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build`');
  tmp = tempDir('report-e2e-');
  console.log('e2e: html report');
  exportWith('html', tmp);
  const reportFile = path.join(tmp, `${ARTICLE}.html`);
  if (!existsSync(reportFile)) throw new Error(`the export wrote no ${ARTICLE}.html`);
  // What the page should show, from another exporter of the same article.
  const json = JSON.parse(exportWith('json', '-'));
  const quotes = json.annotations.filter((a) => a.type === 'quote');
  const quotedSpeakers = new Set(quotes.map((a) => a.speaker?.id ?? ''));
  const corbynQuote = quotes.find((a) => a.speaker?.id === 'corbyn' && a.text.includes(QUOTE));
  if (!corbynQuote) throw new Error(`the sample has no quote of ${SPEAKER} with "${QUOTE}"`);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  onCleanup(() => browser.close(), null);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  page.setDefaultTimeout(15_000);
  const seen = await watch(page);
  const url = pathToFileURL(reportFile).href;
  try {
    await page.goto(url, { waitUntil: 'load' });

    await check('loads with no console error, page error or CSP violation', async () => {
      await page.waitForTimeout(300);
      const violations = await page.evaluate(() => window.__violations);
      const all = [...seen.errors, ...violations.map((v) => `CSP: ${v}`)];
      if (all.length) throw new Error(all.join('\n'));
    });

    await check('requests nothing but the file itself', async () => {
      const others = seen.requests.filter((u) => u !== url);
      if (others.length) throw new Error(`requests: ${others.join(', ')}`);
      if (!seen.requests.includes(url)) throw new Error('the file itself was not seen as a request');
    });

    await check('draws the highlights, styled by the stylesheet the CSP allows', async () => {
      const info = await page.evaluate(() => {
        const marks = [...document.querySelectorAll('mark.hl')];
        const box = marks[0]?.getBoundingClientRect();
        const quote = document.querySelector('mark.hl.q');
        return { count: marks.length, width: box?.width ?? 0, height: box?.height ?? 0, quoteBg: quote && getComputedStyle(quote).backgroundColor, text: getComputedStyle(document.querySelector('.text')).whiteSpace };
      });
      if (info.count === 0) throw new Error('no mark.hl on the page');
      if (!(info.width > 0 && info.height > 0)) throw new Error(`the first highlight has an empty box (${info.width}×${info.height})`);
      if (!info.quoteBg || /rgba\(0, 0, 0, 0\)|transparent/.test(info.quoteBg)) throw new Error(`a quote has no background (${info.quoteBg}): the style did not apply`);
      if (info.text !== 'pre-wrap') throw new Error(`the article text is white-space: ${info.text}`);
    });

    await check(`the chart is visible with a bar per quoted speaker (${quotedSpeakers.size})`, async () => {
      const svg = page.locator('#quoted svg').first();
      await svg.waitFor({ state: 'visible' });
      const box = await svg.boundingBox();
      if (!box || box.width < 100 || box.height < 50) throw new Error(`the chart's box is ${JSON.stringify(box)}`);
      const bars = await page.$$eval('#quoted rect.bar-quotes', (rs) => rs.map((r) => r.getBoundingClientRect().width));
      if (bars.length !== quotedSpeakers.size) throw new Error(`${bars.length} quote bars for ${quotedSpeakers.size} quoted speakers`);
      if (bars.some((w) => !(w > 0))) throw new Error(`a bar has no width: ${bars.join(', ')}`);
      const label = await page.locator('#quoted svg text', { hasText: SPEAKER }).count();
      if (!label) throw new Error(`no chart label "${SPEAKER}"`);
    });

    const quoteMark = page.locator('mark.hl.q', { hasText: QUOTE }).first();
    const tip = page.locator('#al-tip');
    await check(`hovering a quote shows a tooltip with its speaker's name (${SPEAKER})`, async () => {
      await quoteMark.scrollIntoViewIfNeeded();
      await quoteMark.hover();
      await tip.waitFor({ state: 'visible', timeout: 5_000 });
      const text = await tip.innerText();
      for (const want of [SPEAKER, 'Quote', 'person', 'Leader of the Labour Party']) {
        if (!text.includes(want)) throw new Error(`the tooltip lacks "${want}"; it reads:\n${text}`);
      }
      const box = await tip.boundingBox();
      if (!box || box.width === 0) throw new Error('the tooltip has no box');
    });

    await check('moving away hides the tooltip; keyboard focus on a highlight shows it again', async () => {
      await page.mouse.move(2, 2);
      await tip.waitFor({ state: 'hidden', timeout: 5_000 });
      await quoteMark.focus();
      await tip.waitFor({ state: 'visible', timeout: 5_000 });
      if (!(await tip.innerText()).includes(SPEAKER)) throw new Error('the tooltip on focus does not name the speaker');
      await page.keyboard.press('Escape');
      await tip.waitFor({ state: 'hidden', timeout: 5_000 });
    });

    await check('a link in the speaker index scrolls to its highlight and flashes it', async () => {
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      const link = page.locator('#speakers a.chip.q').first();
      const index = await link.getAttribute('data-a');
      await link.click();
      const flashed = page.locator(`mark.hl.flash[data-a~="${index}"]`).first();
      await flashed.waitFor({ state: 'attached', timeout: 5_000 });
      await page.waitForFunction((i) => {
        const r = document.querySelector(`mark.hl[data-a~="${i}"]`).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      }, index, { timeout: 5_000 });
    });

    await check('no error after the interactions', async () => {
      const violations = await page.evaluate(() => window.__violations);
      const all = [...seen.errors, ...violations];
      if (all.length) throw new Error(all.join('\n'));
    });

    await check('in a webview (nonce CSP, acquireVsCodeApi) a click on a highlight posts reveal with its UTF-16 offsets', async () => {
      if (!existsSync(compiledHtml)) throw new Error('out/src/core/export/html.js is missing: run `npm run compile-tests`');
      const require = createRequire(import.meta.url);
      const { renderHtmlReport } = require(compiledHtml);
      const { loadArticle } = require(compiledArticle);
      const dir = path.join(repoRoot, 'sample-docs');
      const { article } = loadArticle(ARTICLE, readFileSync(path.join(dir, ARTICLE), 'utf8'), readFileSync(path.join(dir, `${ARTICLE}.annotations.yaml`), 'utf8'));
      const html = renderHtmlReport(article, { nonce: 'e2eNonce123', cspSource: "'self' https://*.vscode-cdn.net" });
      const webview = await browser.newPage({ viewport: { width: 1000, height: 800 }, colorScheme: 'dark' });
      const wseen = await watch(webview);
      await webview.addInitScript(() => {
        window.__posted = [];
        let calls = 0;
        // VS Code allows one call; a second would throw there too.
        window.acquireVsCodeApi = () => {
          if (calls++) throw new Error('acquireVsCodeApi called twice');
          return { postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => {} };
        };
      });
      // A real navigation, so the init scripts run first (setContent would reuse about:blank).
      const file = path.join(tmp, 'webview.html');
      writeFileSync(file, html);
      await webview.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const mark = webview.locator('mark.hl.q', { hasText: QUOTE }).first();
      await mark.click();
      const link = webview.locator('#demands a.chip.r').first();
      const linkIndex = Number(await link.getAttribute('data-a'));
      await link.click();
      const posted = await webview.evaluate(() => window.__posted);
      const want = { type: 'reveal', start: corbynQuote.start.offset, end: corbynQuote.end.offset };
      if (JSON.stringify(posted[0]) !== JSON.stringify(want)) throw new Error(`posted ${JSON.stringify(posted)}, wanted first ${JSON.stringify(want)}`);
      const response = article.placed[linkIndex];
      if (response?.type !== 'response' || posted[1]?.start !== response.start || posted[1]?.end !== response.end) {
        throw new Error(`the response link posted ${JSON.stringify(posted[1])} for ${JSON.stringify(response && [response.start, response.end])}`);
      }
      const violations = await webview.evaluate(() => window.__violations);
      const bg = await webview.evaluate(() => getComputedStyle(document.body).backgroundColor);
      if (wseen.errors.length || violations.length) throw new Error([...wseen.errors, ...violations].join('\n'));
      if (bg === 'rgba(0, 0, 0, 0)') throw new Error('no style in webview mode: the nonce did not allow it');
      await webview.close();
    });
  } finally {
    // Always, pass or fail: the screenshots are how a person sees what went wrong.
    mkdirSync(artifacts, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0)).catch(() => {});
    await page.mouse.move(2, 2).catch(() => {});
    await page.screenshot({ path: path.join(artifacts, 'report.png'), fullPage: true }).then(
      () => console.log(`  screenshot: ${path.relative(process.cwd(), path.join(artifacts, 'report.png'))}`),
      (e) => console.log(`  (no screenshot: ${e.message})`));
    await page.emulateMedia({ colorScheme: 'dark' }).catch(() => {});
    await page.screenshot({ path: path.join(artifacts, 'report-dark.png') }).catch(() => {});
  }
}

await runChecks(main);
