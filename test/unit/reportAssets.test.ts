// The HTML report's stylesheet and script as real files (src/core/export/report/report.css,
// report.js): the generated module that inlines them is fresh, the stylesheet parses (esbuild's
// CSS parser, which knows the properties), the script type-checks against the DOM, neither can
// end its element early or load anything, and the speaker colours match package.json.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import * as ts from 'typescript';
import { renderHtmlReport } from '../../src/core/export/html';
import { CORPUS_CSS, REPORT_CSS, REPORT_SCRIPT } from '../../src/core/export/report/generated/assets';
import { PALETTE_SIZE } from '../../src/core/palette';
import { fixtureArticle, sampleInput } from './exportGolden.test';
import { manySpeakersArticle } from './manySpeakers';
import { REPO_ROOT } from './helpers';

const REPORT_DIR = path.join(REPO_ROOT, 'src/core/export/report');
const source = (name: string) => fs.readFileSync(path.join(REPORT_DIR, name), 'utf8').replace(/\r\n?/g, '\n').trim();

describe('html report assets', () => {
  it('the generated module holds exactly report.css and report.js (else: npm run build)', () => {
    assert.equal(REPORT_CSS, source('report.css'), 'report/generated/assets.ts is stale: run `npm run build`');
    assert.equal(REPORT_SCRIPT, source('report.js'), 'report/generated/assets.ts is stale: run `npm run build`');
    assert.equal(CORPUS_CSS, source('corpus.css'), 'report/generated/assets.ts is stale: run `npm run build`');
  });

  it('the page inlines them as they are, and its CSP hashes are of exactly these bodies (and of the article\'s colours)', () => {
    const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
    for (const [article, colours] of [[fixtureArticle('bike-lanes.txt'), false], [sampleInput(), true], [manySpeakersArticle(15, { 2: '#abcdef' }), true]] as const) {
      const page = renderHtmlReport(article, {});
      assert.ok(page.includes(`<style>${REPORT_CSS}</style>`));
      assert.ok(page.includes(`<script>${REPORT_SCRIPT}</script>`));
      // Every style and script body the page has, in order, and nothing else, is in the CSP.
      const bodies = (tag: string) => [...page.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => hash(m[1]));
      const styles = bodies('style');
      assert.equal(styles.length, colours ? 2 : 1, article.path);
      assert.equal(styles[0], hash(REPORT_CSS));
      assert.deepEqual(bodies('script'), [hash(REPORT_SCRIPT)]);
      assert.ok(page.includes(`style-src ${styles.join(' ')}; script-src ${hash(REPORT_SCRIPT)};`), article.path);
    }
  });

  it('the stylesheet parses without a warning: no syntax error, no unknown property', () => {
    const { warnings } = esbuild.transformSync(REPORT_CSS, { loader: 'css', logLevel: 'silent' });
    assert.deepEqual(warnings.map((w) => `${w.location?.line}:${w.location?.column} ${w.text}`), []);
    // The check can fail: a broken rule is reported.
    assert.notDeepEqual(esbuild.transformSync(`${REPORT_CSS}\n.x{colr:red`, { loader: 'css', logLevel: 'silent' }).warnings, []);
  });

  it('the script type-checks with the DOM library (report/tsconfig.json)', function () {
    this.timeout(60_000);
    const configPath = path.join(REPORT_DIR, 'tsconfig.json');
    const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')) });
    assert.ok(config);
    assert.deepEqual(config.fileNames.map((f) => path.basename(f)).sort(), ['report.js']);
    assert.equal(config.options.checkJs, true);
    assert.equal(config.options.strict, true);
    const diagnostics = ts.getPreEmitDiagnostics(ts.createProgram(config.fileNames, config.options));
    assert.deepEqual(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
    assert.match(source('report.js'), /^\/\/ @ts-check\n/);
  });

  it('neither body can end its element early or load anything', () => {
    assert.doesNotMatch(REPORT_CSS, /<\/style|<!--|url\(|@import/i);
    assert.doesNotMatch(REPORT_SCRIPT, /<\/script|<!--|<script/i);
    assert.doesNotMatch(REPORT_SCRIPT, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|fetch\(|XMLHttpRequest/);
    assert.doesNotMatch(REPORT_CSS + REPORT_SCRIPT, /https?:\/\//);
  });

  it('speaker colours are the defaults of the theme colours in package.json, in every theme block', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const colors = new Map<string, { light: string; dark: string }>(pkg.contributes.colors.map((c: { id: string; defaults: { light: string; dark: string } }) => [c.id, c.defaults]));
    // The rules that set --al-* variables: the light one, then the dark one twice (the reader's preference, VS Code's dark themes).
    const css = REPORT_CSS.replace(/\/\*[\s\S]*?\*\//g, '');
    const blocks = [...css.matchAll(/([^{}]+)\{((?:\s*--al-[\w-]+:[^;{}]+;)+)\s*\}/g)].map((m) => ({
      selector: m[1].trim(),
      vars: new Map([...m[2].matchAll(/(--al-[\w-]+):([^;]+);/g)].map((v) => [v[1], v[2]])),
    }));
    assert.deepEqual(blocks.map((b) => b.selector), [':root,body.vscode-light,body.vscode-high-contrast-light', ':root', 'body.vscode-dark,body.vscode-high-contrast']);
    assert.deepEqual([...blocks[1].vars], [...blocks[2].vars], 'the two dark blocks agree');
    assert.deepEqual([...blocks[0].vars.keys()], [...blocks[1].vars.keys()], 'light and dark set the same variables');
    for (let i = 1; i <= PALETTE_SIZE; i++) {
      const theme = colors.get(`attributionLens.speaker${i}Border`);
      assert.ok(theme, `slot ${i} in package.json`);
      assert.deepEqual([blocks[0].vars.get(`--al-s${i}`), blocks[1].vars.get(`--al-s${i}`)], [theme.light, theme.dark], `slot ${i}`);
      assert.deepEqual([blocks[0].vars.get(`--al-s${i}b`), blocks[1].vars.get(`--al-s${i}b`)], [`${theme.light}30`, `${theme.dark}40`], `slot ${i} translucent`);
    }
    // Every slot has its rules: quote background, mention box, swatch/chip, chart fill.
    for (let i = 0; i <= PALETTE_SIZE; i++) for (const rule of [`.hl.qs${i}{`, `.ms${i}{`, `.sw.s${i},.chip.s${i},.t-badge.s${i}{`, `.fs${i}{`]) assert.ok(css.includes(rule), rule);
  });
});
