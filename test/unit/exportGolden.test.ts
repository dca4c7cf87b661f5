// Golden files: every export format on the sample article, on a small hand-made article with
// emoji, combining marks, CRLF, hostile names and an orphan (test/fixtures/export/), and the
// combining formats on both at once. Expected outputs live in test/fixtures/golden/<format>/.
// After an intended change, regenerate them and review the diff by eye:
//   npx tsc -p tsconfig.test.json && UPDATE_GOLDEN=1 npx mocha --config .mocharc.json --grep golden
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadArticle } from '../../src/core/export/article';
import { exporters } from '../../src/core/export/index';
import { REPORT_CSS, REPORT_SCRIPT } from '../../src/core/export/report/generated/assets';
import { ArticleInput, ExportFormat } from '../../src/core/export/types';
import { REPO_ROOT, sampleArticle, SAMPLE_ARTICLE, sampleSidecarSource } from './helpers';

const GOLDEN = path.join(REPO_ROOT, 'test/fixtures/golden');
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/export');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function fixtureArticle(name: string, articlePath = name): ArticleInput {
  const text = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
  const loaded = loadArticle(articlePath, text, fs.readFileSync(path.join(FIXTURES, name + '.annotations.yaml'), 'utf8'));
  assert.ok(loaded.article, `${name} loads`);
  return loaded.article;
}

export function sampleInput(articlePath = path.basename(SAMPLE_ARTICLE)): ArticleInput {
  const loaded = loadArticle(articlePath, sampleArticle(), sampleSidecarSource());
  assert.ok(loaded.article);
  return loaded.article;
}

/**
 * An HTML report as its golden file holds it: the inline stylesheet and script (report.css and
 * report.js, checked on their own) and their CSP hashes become placeholders, so a style change
 * does not churn every golden file. The article's own colour block (speakers past the tenth)
 * stays, it is the article's; its hash becomes a placeholder too. First checks what it
 * replaces: the bodies are exactly the assets, and the CSP allows exactly them.
 */
export function htmlGolden(page: string): string {
  const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
  const style = `<style>${REPORT_CSS}</style>`;
  const script = `<script>${REPORT_SCRIPT}</script>`;
  const colors = /\n<style>([^<]*)<\/style>\n/.exec(page.replace(style, ''))?.[1];
  const styleSrc = (sheet: string, own: string | undefined) => (own === undefined ? sheet : `${sheet} ${own}`);
  const csp = (styleSrc: string, scriptSrc: string) => `style-src ${styleSrc}; script-src ${scriptSrc};`;
  const real = csp(styleSrc(hash(REPORT_CSS), colors === undefined ? undefined : hash(colors)), hash(REPORT_SCRIPT));
  for (const part of [style, script, real]) {
    assert.equal(page.split(part).length, 2, `the page has once: ${part.slice(0, 60)}…`);
  }
  return page
    .replace(style, '<style>/* report.css */</style>')
    .replace(script, '<script>/* report.js */</script>')
    .replace(real, csp(styleSrc("'sha256-(report.css)'", colors === undefined ? undefined : "'sha256-(colours below)'"), "'sha256-(report.js)'"));
}

const FORMATS: ExportFormat[] = ['json', 'csv', 'markdown', 'html', 'brat', 'w3c'];

describe('export golden files', () => {
  const written = new Set<string>();
  const sample = sampleInput();
  const bikes = fixtureArticle('bike-lanes.txt');
  const sets: [string, ArticleInput[], ExportFormat[]][] = [
    ['sample', [sample], FORMATS],
    ['bike-lanes', [bikes], FORMATS],
    ['combined', [sampleInput('news/corbyn-jewish-leaders-meeting.txt'), bikes], ['json', 'csv', 'markdown']],
  ];

  it('the hand-made article has its orphan and every other annotation placed', () => {
    assert.deepEqual(bikes.orphans.map((o) => o.annotation.id), ['a8']);
    assert.equal(bikes.placed.length, 7);
  });

  for (const [set, articles, formats] of sets) {
    for (const format of formats) {
      it(`${format} of ${set}`, () => {
        const exporter = exporters[format];
        assert.ok(exporter, `${format} is registered`);
        const files = exporter(articles, {});
        assert.ok(files.length > 0);
        for (const file of files) {
          if (format === 'brat' && file.path.endsWith('.txt')) {
            // brat's .txt is the article itself, unchanged: nothing to keep a copy of.
            const owner = articles.find((a) => file.path === a.path || file.path === `${a.path}.txt`);
            assert.equal(file.content, owner?.text);
            continue;
          }
          const golden = path.join(GOLDEN, format, set, file.path);
          written.add(golden);
          const content = format === 'html' ? htmlGolden(file.content) : file.content;
          if (UPDATE) {
            fs.mkdirSync(path.dirname(golden), { recursive: true });
            fs.writeFileSync(golden, content);
            continue;
          }
          assert.ok(fs.existsSync(golden), `${path.relative(REPO_ROOT, golden)} is missing: run with UPDATE_GOLDEN=1 and review it`);
          assert.equal(content, fs.readFileSync(golden, 'utf8'), `${path.relative(REPO_ROOT, golden)} differs`);
        }
      });
    }
  }

  it('no golden file is left over from an older layout', function () {
    if (UPDATE) this.skip();
    const all = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? all(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const stale = all(GOLDEN).filter((f) => !written.has(f));
    assert.deepEqual(stale.map((f) => path.relative(REPO_ROOT, f)), []);
  });
});
