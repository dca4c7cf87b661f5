// Browser-level check of the HTML report: exports the sample article with the bundled CLI
// (`attribution-lens export … --format html`), opens the file in headless Chromium from
// file://, and checks what a reader gets: no console error or CSP violation, no request but
// the file itself, highlights drawn and styled, the chart with a bar per quoted speaker, a
// tooltip naming the speaker on hover and on keyboard focus, links that scroll to their
// highlight. Then the webview mode (nonce CSP, acquireVsCodeApi): a click posts `reveal`.
// Then a report of 15 speakers under every theme: every speaker's quote in its own colour, the
// editor's, underlined past the tenth. Saves test-artifacts/report.png (full page),
// report-dark.png and report-15-speakers-N.png for a human to look at.
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

    await check('15 speakers: 15 distinct quote colours, the editor\'s, underlined past the tenth, in light, dark and VS Code\'s theme classes', async () => {
      await manySpeakersReport(browser);
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

/** `#rrggbb` as getComputedStyle gives an opaque colour. */
function rgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

/**
 * A report of 15 speakers (one with a sidecar colour of their own) in file mode on light and dark
 * preferences, and in webview mode under each VS Code body class: every speaker's quote has its
 * own fill, the fill and the underline are the editor's (palette.ts speakerStyles) for the
 * theme's base, and nothing is blocked by the CSP. Screenshots in test-artifacts/.
 */
async function manySpeakersReport(browser) {
  const require = createRequire(import.meta.url);
  const { renderHtmlReport } = require(compiledHtml);
  const { speakerStyles, THEMED_COLORS } = require(path.join(repoRoot, 'out', 'src', 'core', 'palette.js'));
  const { manySpeakersArticle } = require(path.join(repoRoot, 'out', 'test', 'unit', 'manySpeakers.js'));
  const article = manySpeakersArticle(15, { 14: '#d62728' });
  const ids = [...article.sidecar.speakers.keys()];
  const modes = [
    { name: 'file, light', scheme: 'light', options: {} },
    { name: 'file, dark', scheme: 'dark', options: {} },
    { name: 'webview, vscode-light (OS dark)', scheme: 'dark', body: 'vscode-light', base: 'light', options: { nonce: 'n0nce' } },
    { name: 'webview, vscode-dark (OS light)', scheme: 'light', body: 'vscode-dark', base: 'dark', options: { nonce: 'n0nce' } },
    { name: 'webview, vscode-high-contrast', scheme: 'light', body: 'vscode-high-contrast', base: 'dark', options: { nonce: 'n0nce' } },
    { name: 'webview, vscode-high-contrast-light', scheme: 'dark', body: 'vscode-high-contrast-light', base: 'light', options: { nonce: 'n0nce' } },
  ];
  const problems = [];
  for (const mode of modes) {
    const base = mode.base ?? mode.scheme;
    const file = path.join(tmp, `many-${modes.indexOf(mode)}.html`);
    writeFileSync(file, renderHtmlReport(article, mode.options));
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: mode.scheme });
    const seen = await watch(page);
    if (mode.body) await page.addInitScript((cls) => document.addEventListener('DOMContentLoaded', () => document.body.classList.add(cls)), mode.body);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const looks = await page.evaluate((quotes) => quotes.map((i) => {
      const mark = document.querySelector(`mark.hl.q[data-a~="${i}"]`);
      const cs = mark && getComputedStyle(mark);
      return cs ? { bg: cs.backgroundColor, line: cs.textDecorationLine, style: cs.textDecorationStyle, color: cs.textDecorationColor } : null;
    }), ids.map((id) => article.placed.findIndex((a) => a.type === 'quote' && a.speaker === id)));
    const styles = speakerStyles(article.sidecar, 'speaker', base);
    looks.forEach((look, n) => {
      const s = styles.get(ids[n]);
      const hex = s.themeSlot ? THEMED_COLORS[base][s.themeSlot - 1] : s.color;
      const want = rgb(hex).slice(4, -1);
      if (!look) return problems.push(`${mode.name}: no mark for speaker ${n + 1}`);
      // The fill is the colour, translucent: its rgb part is the editor's colour.
      if (!look.bg.startsWith(`rgba(${want}, `)) problems.push(`${mode.name}: speaker ${n + 1} fill ${look.bg}, wanted ${hex}`);
      const underline = s.underline ? `underline ${s.underline} ${rgb(hex)}` : 'none';
      const got = look.line === 'none' ? 'none' : `${look.line} ${look.style} ${look.color}`;
      if (got !== underline) problems.push(`${mode.name}: speaker ${n + 1} underline ${got}, wanted ${underline}`);
    });
    const fills = new Set(looks.map((l) => l?.bg));
    if (fills.size !== 15) problems.push(`${mode.name}: ${fills.size} distinct quote fills for 15 speakers`);
    // The last speaker's quote that is also a response shows both: the underline and the double border.
    const both = await page.evaluate(() => {
      const m = document.querySelector('mark.hl.q.r');
      const cs = m && getComputedStyle(m);
      return cs && `${cs.textDecorationLine}/${cs.borderBottomStyle}`;
    });
    if (both !== 'underline/double') problems.push(`${mode.name}: a quote that is a response shows ${both}`);
    const violations = await page.evaluate(() => window.__violations);
    if (seen.errors.length || violations.length) problems.push(`${mode.name}: ${[...seen.errors, ...violations].join('; ')}`);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, `report-15-speakers-${modes.indexOf(mode)}.png`), fullPage: true }).catch(() => {});
    await page.close();
  }
  if (problems.length) throw new Error(problems.join('\n'));
}

await runChecks(main);
