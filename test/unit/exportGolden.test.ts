// Golden files: every export format on the sample article, on a small hand-made article with
// emoji, combining marks, CRLF, hostile names and an orphan (test/fixtures/export/), and the
// combining formats on both at once. Expected outputs live in test/fixtures/golden/<format>/.
// After an intended change, regenerate them and review the diff by eye:
//   npx tsc -p tsconfig.test.json && UPDATE_GOLDEN=1 npx mocha --config .mocharc.json --grep golden
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadArticle } from '../../src/core/export/article';
import { exporters } from '../../src/core/export/index';
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
          if (UPDATE) {
            fs.mkdirSync(path.dirname(golden), { recursive: true });
            fs.writeFileSync(golden, file.content);
            continue;
          }
          assert.ok(fs.existsSync(golden), `${path.relative(REPO_ROOT, golden)} is missing: run with UPDATE_GOLDEN=1 and review it`);
          assert.equal(file.content, fs.readFileSync(golden, 'utf8'), `${path.relative(REPO_ROOT, golden)} differs`);
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
