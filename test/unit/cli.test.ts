import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliImporter, CliIo, EXPORT_FORMATS, main } from '../../src/cli';
import { exporters } from '../../src/core/export/index';
import { ArticleInput, ExportOptions, Exporter } from '../../src/core/export/types';
import { parseSidecar } from '../../src/core/sidecar';
import { REPO_ROOT, SAMPLE_ARTICLE, SAMPLE_SIDECAR, tempDirPerTest } from './helpers';

const ARTICLE = path.basename(SAMPLE_ARTICLE);
const SIDECAR = path.basename(SAMPLE_SIDECAR);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the tool in-process in `cwd`, collecting what it prints. */
async function run(cwd: string, argv: string[], extra: Partial<CliIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    ...extra,
  });
  return { code, stdout, stderr };
}

/** A folder holding copies of the sample article and its sidecar, in `sub` (relative). */
function withSample(root: string, sub = '.'): { article: string; sidecar: string } {
  const dir = path.join(root, sub);
  fs.mkdirSync(dir, { recursive: true });
  const article = path.join(dir, ARTICLE);
  const sidecar = path.join(dir, SIDECAR);
  fs.copyFileSync(SAMPLE_ARTICLE, article);
  fs.copyFileSync(SAMPLE_SIDECAR, sidecar);
  return { article, sidecar };
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function lineColumn(text: string, needle: string, from = 0): string {
  const at = text.indexOf(needle, from);
  assert.ok(at >= 0, `${needle} in the text`);
  const before = text.slice(0, at).split('\n');
  return `${before.length}:${before[before.length - 1].length + 1}`;
}

describe('attribution-lens CLI', () => {
  let tmp: string;
  tempDirPerTest('al-cli-', (dir) => (tmp = dir));

  describe('help and usage', () => {
    it('--help prints the commands and the exit codes, and exits 0', async () => {
      for (const argv of [['--help'], ['-h'], ['help']]) {
        const r = await run(tmp, argv);
        assert.equal(r.code, 0, argv.join(' '));
        assert.match(r.stdout, /^Usage: attribution-lens <command>/);
        for (const command of ['check', 'export', 'import']) assert.match(r.stdout, new RegExp(`\\n  ${command} `));
        assert.match(r.stdout, /Exit codes: 0 .*, 1 .*, 2 usage error/);
        assert.equal(r.stderr, '');
      }
    });

    it('each command has its own --help', async () => {
      const expected: Record<string, RegExp[]> = {
        check: [/^Usage: attribution-lens check <paths\.\.\.>/, /--strict/, /moved/, /--fix/, /--json/, /1 any other problem/],
        export: [/^Usage: attribution-lens export <paths\.\.\.> --format json\|csv\|markdown\|html\|brat\|w3c/, /--out PATH/, /--bom/],
        import: [/^Usage: attribution-lens import <file\.ann\|file\.jsonld>/, /--text FILE/, /--force/],
      };
      for (const [command, patterns] of Object.entries(expected)) {
        for (const argv of [[command, '--help'], [command, '-h'], ['help', command], [command, 'some-path', '--help']]) {
          const r = await run(tmp, argv);
          assert.equal(r.code, 0, argv.join(' '));
          for (const p of patterns) assert.match(r.stdout, p, argv.join(' '));
        }
      }
    });

    it('bad usage names the problem, points at --help and exits 2', async () => {
      withSample(tmp);
      const cases: [string[], RegExp][] = [
        [[], /^Usage: attribution-lens/],
        [['frobnicate'], /^attribution-lens: unknown command "frobnicate"\nRun "attribution-lens --help" for usage\.\n$/],
        [['--verbose'], /unknown option "--verbose" \(a command comes first\)/],
        [['help', 'nope'], /unknown command "nope"/],
        [['check'], /^attribution-lens check: missing the paths to check/],
        [['check', '.', '--bogus'], /^attribution-lens check: unknown option "--bogus"\nRun "attribution-lens check --help" for usage\.\n$/],
        [['check', 'no-such-folder'], /^attribution-lens check: no-such-folder: no such file or folder/],
        [['check', '.', '--sidecar-pattern'], /--sidecar-pattern <value>' argument missing/],
        [['check', '.', '--strict=yes'], /--strict' does not take an argument/],
        [['export', '.'], /^attribution-lens export: missing --format \(one of json, csv, markdown, html, brat, w3c\)/],
        [['export', '.', '--format', 'pdf'], /unknown format "pdf" \(one of json, csv, markdown, html, brat, w3c\)/],
        [['export', '--format', 'csv'], /missing the paths to export/],
        [['export', '.', '--format'], /--format <value>' argument missing/],
        [['export', '.', '--format', 'csv', '--name', 'a/b'], /--name is a file name without folders/],
        [['import'], /^attribution-lens import: missing the file to import/],
        [['import', 'a.ann', 'b.ann'], /import takes one file, not 2/],
        [['import', ARTICLE], /cannot tell the format of .* from its name: give --format brat or --format w3c/],
        [['import', ARTICLE, '--format', 'tei'], /unknown import format "tei" \(brat or w3c\)/],
        [['import', 'story.ann'], /cannot find the text of story\.ann \(no story\.txt\): give --text FILE/],
      ];
      for (const [argv, message] of cases) {
        const r = await run(tmp, argv);
        assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
        assert.match(r.stderr, message, argv.join(' '));
        assert.equal(r.stdout, '', argv.join(' '));
      }
    });
  });

  describe('check', () => {
    it('passes the sample docs: every annotation matches, exit 0', async () => {
      fs.cpSync(path.join(REPO_ROOT, 'sample-docs'), path.join(tmp, 'sample-docs'), { recursive: true });
      const r = await run(tmp, ['check', 'sample-docs']);
      assert.equal(r.code, 0, r.stdout);
      assert.equal(
        r.stdout,
        `OK   ${path.join('sample-docs', ARTICLE)}: 65 of 65 annotations exact\n` +
          '1 article checked, 1 clean: 65 exact, 0 moved, 0 repaired, 0 orphans, 0 invalid. No problems.\n',
      );
      assert.equal(r.stderr, '');
    });

    it('accepts the article or the sidecar by name, and counts an article once', async () => {
      withSample(tmp);
      for (const argv of [['check', ARTICLE], ['check', SIDECAR], ['check', ARTICLE, SIDECAR, '.']]) {
        const r = await run(tmp, argv);
        assert.equal(r.code, 0, argv.join(' '));
        assert.match(r.stdout, /^1 article checked, 1 clean/m, argv.join(' '));
      }
    });

    it('a folder with one broken sidecar: the error names file:line:column, the good article is still checked, exit 1', async () => {
      withSample(tmp, 'good');
      const { sidecar } = withSample(tmp, 'broken');
      const source = fs.readFileSync(sidecar, 'utf8').replace('type: mention\n    speaker: corbyn', 'type: corbin\n    speaker: corbyn');
      fs.writeFileSync(sidecar, source);
      const r = await run(tmp, ['check', '.']);
      assert.equal(r.code, 1);
      const where = `${path.join('broken', SIDECAR)}:${lineColumn(source, 'corbin')}`;
      assert.match(r.stdout, new RegExp(`^FAIL ${escape(path.join('broken', ARTICLE))}: .*1 invalid$`, 'm'));
      assert.match(r.stdout, new RegExp(`^    ${escape(where)}: invalid: .*"corbin"`, 'm'));
      assert.match(r.stdout, new RegExp(`^OK   ${escape(path.join('good', ARTICLE))}: 65 of 65 annotations exact$`, 'm'));
      assert.match(r.stdout, /^2 articles checked, 1 clean: .*, 1 invalid\. 1 problem\.\n$/m);
    });

    it('a sidecar that is not YAML is reported with its line and column', async () => {
      const { sidecar } = withSample(tmp);
      fs.writeFileSync(sidecar, 'version: 1\nspeakers:\n  a: [unclosed\n');
      const r = await run(tmp, ['check', '.']);
      assert.equal(r.code, 1);
      assert.match(r.stdout, new RegExp(`^FAIL ${escape(ARTICLE)}: the sidecar cannot be read\n  ${escape(SIDECAR)}:\\d+:\\d+: error: Not valid YAML`, 'm'));
    });

    it('a stale sidecar (the article changed): re-anchored and orphaned annotations with id and reason, exit 1', async () => {
      const { article } = withSample(tmp);
      const text = fs.readFileSync(article, 'utf8');
      const quote = 'a positive and constructive meeting about tackling anti-semitism.';
      assert.ok(text.includes(quote));
      fs.writeFileSync(article, 'A paragraph added on top.\n\n' + text.replace(quote + '"\n\nThis take', 'a good meeting." This view'));
      const r = await run(tmp, ['check', ARTICLE]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, new RegExp(`^FAIL ${escape(ARTICLE)}: 0 of 65 annotations exact, 64 moved, 1 orphan$`, 'm'));
      assert.match(r.stdout, new RegExp(`^    ${escape(SIDECAR)}:\\d+:\\d+: orphan: Annotation "a7" needs review: its text "a positive and constructive`, 'm'));
      assert.match(r.stdout, new RegExp(`^    ${escape(SIDECAR)}:\\d+:\\d+: moved: Annotation "a1" was re-anchored from 361 to 388`, 'm'));
      assert.match(r.stdout, /note: document\.sha256 does not match the article/);
      assert.match(r.stdout, /^1 article checked, 0 clean: 0 exact, 64 moved, 0 repaired, 1 orphan, 0 invalid\. 1 problem\.$/m);
    });

    it('an article changed away from every annotation: only the sha256 note, exit 0; --strict makes it fail', async () => {
      const { article } = withSample(tmp);
      fs.appendFileSync(article, '\nA correction appended at the end.\n');
      const r = await run(tmp, ['check', '.']);
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /^OK   .*: 65 of 65 annotations exact\n  .*: note: document\.sha256 does not match the article/);
      const strict = await run(tmp, ['check', '.', '--strict']);
      assert.equal(strict.code, 1);
      assert.match(strict.stdout, /^FAIL .*\n  .*: error: document\.sha256 does not match/);
    });

    it('a hand-edited text at trusted offsets is reported as differing', async () => {
      const { sidecar } = withSample(tmp);
      const source = fs.readFileSync(sidecar, 'utf8');
      const edited = source.replace('text: disappointing missed opportunity\n', 'text: disappointing lost opportunity\n');
      assert.notEqual(edited, source);
      fs.writeFileSync(sidecar, edited);
      const r = await run(tmp, ['check', '.']);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /: 64 of 65 annotations exact, 1 invalid$/m);
      assert.match(r.stdout, new RegExp(`^    ${escape(SIDECAR)}:${lineColumn(edited, '542', edited.indexOf('id: a3'))}: text differs: Annotation "a3": its "text" differs from the article text`, 'm'));
    });

    it('a sidecar without its article and an article without a sidecar are problems', async () => {
      withSample(tmp);
      fs.writeFileSync(path.join(tmp, 'gone.txt.annotations.yaml'), 'version: 1\n');
      fs.writeFileSync(path.join(tmp, 'notes.txt'), 'not annotated');
      const walked = await run(tmp, ['check', '.']);
      assert.equal(walked.code, 1);
      assert.match(walked.stdout, /^FAIL gone\.txt\.annotations\.yaml: a sidecar without its article \(no gone\.txt\)$/m);
      assert.doesNotMatch(walked.stdout, /notes\.txt/, 'a file without a sidecar in a folder is simply not an article');
      const named = await run(tmp, ['check', 'notes.txt']);
      assert.equal(named.code, 1);
      assert.match(named.stdout, /^FAIL notes\.txt: no sidecar \(expected notes\.txt\.annotations\.yaml\)$/m);
    });

    it('skips node_modules and dot-folders, and finds articles in nested folders', async () => {
      withSample(tmp, 'a/b/c');
      const broken = withSample(tmp, 'node_modules/pkg');
      fs.writeFileSync(broken.sidecar, '{');
      fs.writeFileSync(withSample(tmp, '.git/x').sidecar, '{');
      const r = await run(tmp, ['check', '.']);
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, new RegExp(`^OK   ${escape(path.join('a', 'b', 'c', ARTICLE))}:`, 'm'));
      assert.match(r.stdout, /^1 article checked/m);
    });

    it('a folder without any annotated article is a problem, so a CI typo does not pass', async () => {
      fs.mkdirSync(path.join(tmp, 'empty'));
      const r = await run(tmp, ['check', 'empty']);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /No annotated article found in empty/);
    });

    it('honours --sidecar-pattern', async () => {
      fs.copyFileSync(SAMPLE_ARTICLE, path.join(tmp, 'story.txt'));
      fs.copyFileSync(SAMPLE_SIDECAR, path.join(tmp, 'story.yaml'));
      assert.equal((await run(tmp, ['check', '.'])).code, 1);
      const r = await run(tmp, ['check', '.', '--sidecar-pattern', '${name}.yaml']);
      assert.equal(r.code, 0, r.stdout);
      assert.match(r.stdout, /^OK   story\.txt: 65 of 65/m);
    });

    it('strips a byte-order mark from the article, as editors do', async () => {
      const { article } = withSample(tmp);
      fs.writeFileSync(article, '\ufeff' + fs.readFileSync(article, 'utf8'));
      const r = await run(tmp, ['check', '.']);
      assert.equal(r.code, 0, r.stdout);
    });
  });

  describe('export (against a fake exporter)', () => {
    const calls: { articles: readonly ArticleInput[]; options: ExportOptions }[] = [];
    /** Like csv: one file per article alone, one combined file for several. */
    const combined: Exporter = (articles, options) => {
      calls.push({ articles, options });
      const body = (options.bom ? '\ufeff' : '') + articles.map((a) => `${a.path},${a.placed.length},${a.orphans.length}\n`).join('');
      return [{ path: articles.length === 1 ? `${articles[0].path}.csv` : `${options.name ?? 'annotations'}.csv`, content: body }];
    };
    /** Like html: one file per article, always. */
    const perArticle: Exporter = (articles) => articles.map((a) => ({ path: `${a.path}.html`, content: `<p>${a.path}</p>` }));
    beforeEach(() => {
      calls.length = 0;
    });

    it('one article: the file goes beside it, with paths relative to its folder', async () => {
      withSample(tmp, 'docs');
      const r = await run(tmp, ['export', 'docs', '--format', 'csv'], { exporters: { csv: combined } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(calls.length, 1);
      assert.equal(calls[0].articles[0].path, ARTICLE);
      assert.equal(calls[0].articles[0].placed.length, 65);
      assert.equal(calls[0].articles[0].uri, pathToFileURL(path.join(tmp, 'docs', ARTICLE)).href, 'every article read from disk has its file: URI');
      assert.deepEqual(calls[0].options, { bom: false, name: undefined, baseIri: undefined });
      const out = path.join('docs', `${ARTICLE}.csv`);
      assert.equal(fs.readFileSync(path.join(tmp, out), 'utf8'), `${ARTICLE},65,0\n`);
      assert.equal(r.stdout, `wrote ${out}\nExported 1 article (65 annotations) as csv: 1 file written.\n`);
      assert.equal(r.stderr, '');
    });

    it('a folder with one broken sidecar: skipped with file:line:column, the rest exported, exit 1', async () => {
      withSample(tmp, 'a');
      withSample(tmp, 'b/deeper');
      const broken = withSample(tmp, 'c');
      const source = fs.readFileSync(broken.sidecar, 'utf8').replace('type: quote', 'type: quotation');
      fs.writeFileSync(broken.sidecar, source);
      const r = await run(tmp, ['export', '.', '--format', 'csv', '--bom', '--name', 'all'], { exporters: { csv: combined } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`^skipped ${escape(path.join('c', ARTICLE))}: its sidecar has 1 error\n  ${escape(path.join('c', SIDECAR))}:${lineColumn(source, 'quotation')}: error: .*quotation`, 'm'));
      assert.deepEqual(calls[0].articles.map((a) => a.path), [`a/${ARTICLE}`, `b/deeper/${ARTICLE}`]);
      assert.deepEqual(calls[0].options, { bom: true, name: 'all', baseIri: undefined });
      assert.equal(fs.readFileSync(path.join(tmp, 'all.csv'), 'utf8'), `\ufeffa/${ARTICLE},65,0\nb/deeper/${ARTICLE},65,0\n`);
      assert.match(r.stdout, /^wrote all\.csv\nExported 2 articles \(130 annotations\) as csv: 1 file written, 1 skipped\.\n$/);
    });

    it('--out names a file for a single-file export, a folder otherwise', async () => {
      withSample(tmp, 'a');
      withSample(tmp, 'b');
      let r = await run(tmp, ['export', 'a', 'b', '--format', 'csv', '--out', 'reports/everything.csv'], { exporters: { csv: combined } });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(fs.existsSync(path.join(tmp, 'reports/everything.csv')));
      r = await run(tmp, ['export', 'a', 'b', '--format', 'html', '--out', 'site'], { exporters: { html: perArticle } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.readFileSync(path.join(tmp, 'site/a', `${ARTICLE}.html`), 'utf8'), `<p>a/${ARTICLE}</p>`);
      assert.ok(fs.existsSync(path.join(tmp, 'site/b', `${ARTICLE}.html`)));
      fs.mkdirSync(path.join(tmp, 'existing'));
      r = await run(tmp, ['export', 'a', '--format', 'csv', '-o', 'existing'], { exporters: { csv: combined } });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(fs.existsSync(path.join(tmp, 'existing', `${ARTICLE}.csv`)), 'an existing folder is a folder');
    });

    it('--out - writes a single file to stdout and the messages to stderr; several files are a usage error', async () => {
      withSample(tmp, 'a');
      withSample(tmp, 'b');
      const r = await run(tmp, ['export', 'a', '--format', 'csv', '--out', '-'], { exporters: { csv: combined } });
      assert.equal(r.code, 0);
      assert.equal(r.stdout, `${ARTICLE},65,0\n`);
      assert.match(r.stderr, /^Exported 1 article/);
      const two = await run(tmp, ['export', '.', '--format', 'html', '--out', '-'], { exporters: { html: perArticle } });
      assert.equal(two.code, 2);
      assert.match(two.stderr, /--out - needs a single file, and this export gives 2: give --out FOLDER/);
    });

    it('orphans are exported, with a warning naming the annotation', async () => {
      const { article } = withSample(tmp);
      const text = fs.readFileSync(article, 'utf8');
      fs.writeFileSync(article, text.replace('a positive and constructive meeting about tackling anti-semitism."\n\nThis take', 'a good meeting." This view'));
      const r = await run(tmp, ['export', '.', '--format', 'csv'], { exporters: { csv: combined } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(calls[0].articles[0].orphans.length, 1);
      assert.match(r.stderr, new RegExp(`^${escape(SIDECAR)}:\\d+:\\d+: warning: Annotation "a7" needs review`, 'm'));
      assert.equal(fs.readFileSync(path.join(tmp, `${ARTICLE}.csv`), 'utf8'), `${ARTICLE},64,1\n`);
    });

    it('never overwrites an article or a sidecar, but accepts the same text (brat\'s .txt)', async () => {
      const { article } = withSample(tmp);
      const original = fs.readFileSync(article, 'utf8');
      const bratLike: Exporter = (articles) => [
        { path: articles[0].path.replace(/\.txt$/, '.ann'), content: 'T1\tSource 0 4\tText\n' },
        { path: articles[0].path, content: articles[0].text },
      ];
      let r = await run(tmp, ['export', '.', '--format', 'brat'], { exporters: { brat: bratLike } });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(fs.existsSync(path.join(tmp, ARTICLE.replace(/\.txt$/, '.ann'))));
      const clobber: Exporter = (articles) => [{ path: articles[0].path, content: 'gone' }];
      r = await run(tmp, ['export', '.', '--format', 'brat'], { exporters: { brat: clobber } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`not written ${escape(ARTICLE)}: it is an article: articles and sidecars are never written over`));
      assert.equal(fs.readFileSync(article, 'utf8'), original);
    });

    it('a file the exporter names outside the output folder is refused', async () => {
      withSample(tmp);
      const escaping: Exporter = () => [{ path: '../evil.txt', content: 'x' }, { path: 'ok.txt', content: 'x' }];
      const r = await run(tmp, ['export', '.', '--format', 'w3c'], { exporters: { w3c: escaping } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /outside the output folder: \.\.\/evil\.txt/);
      assert.ok(!fs.existsSync(path.join(tmp, '..', 'evil.txt')));
    });

    it('nothing to export is exit 1 with the reason', async () => {
      const { sidecar } = withSample(tmp);
      fs.writeFileSync(sidecar, 'version: one\n');
      const r = await run(tmp, ['export', '.', '--format', 'json'], { exporters: { json: combined } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^skipped .*: its sidecar has 1 error\n  .*:1:10: error: Unknown sidecar version "one"/m);
      assert.match(r.stderr, /Nothing exported\./);
      assert.equal(calls.length, 0);
    });
  });

  describe('import (against a fake importer)', () => {
    const seen: { source: string; file?: string }[] = [];
    /** Gives the sample's sidecar, with a warning of the kind the real importers give. */
    const importer: CliImporter = (source, _text, options) => {
      seen.push({ source, file: options.file });
      const sidecar = parseSidecar(fs.readFileSync(SAMPLE_SIDECAR, 'utf8')).sidecar!;
      sidecar.document.file = options.file;
      return { sidecar, warnings: ['line 2: skipped an unknown annotation type "Cue2"'] };
    };
    /** The annotation count of a sidecar file. */
    const annotationsIn = (file: string) => parseSidecar(fs.readFileSync(file, 'utf8')).sidecar?.annotations.length;
    beforeEach(() => {
      seen.length = 0;
    });

    it('brat: reads story.ann with story.txt and writes story.txt.annotations.yaml beside the text', async () => {
      fs.copyFileSync(SAMPLE_ARTICLE, path.join(tmp, 'story.txt'));
      fs.writeFileSync(path.join(tmp, 'story.ann'), 'T1\tSource 0 4\tText\n');
      const r = await run(tmp, ['import', 'story.ann'], { importers: { brat: importer } });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(seen, [{ source: 'T1\tSource 0 4\tText\n', file: 'story.txt' }]);
      assert.equal(annotationsIn(path.join(tmp, 'story.txt.annotations.yaml')), 65);
      assert.equal(r.stdout, 'wrote story.txt.annotations.yaml: 12 speakers, 6 demands, 65 annotations on story.txt\n');
      assert.equal(r.stderr, 'story.ann:2: warning: skipped an unknown annotation type "Cue2"\n', 'a warning names the file and line');
      assert.equal((await run(tmp, ['check', 'story.txt'])).code, 0, 'the sidecar written checks clean');
    });

    it('never overwrites an existing sidecar without --force', async () => {
      fs.copyFileSync(SAMPLE_ARTICLE, path.join(tmp, 'story.txt'));
      fs.writeFileSync(path.join(tmp, 'story.ann'), '');
      fs.writeFileSync(path.join(tmp, 'story.txt.annotations.yaml'), 'mine');
      let r = await run(tmp, ['import', 'story.ann'], { importers: { brat: importer } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^story\.txt\.annotations\.yaml already exists: not overwritten \(use --force to replace it\)/);
      assert.equal(fs.readFileSync(path.join(tmp, 'story.txt.annotations.yaml'), 'utf8'), 'mine');
      r = await run(tmp, ['import', 'story.ann', '--force'], { importers: { brat: importer } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(annotationsIn(path.join(tmp, 'story.txt.annotations.yaml')), 65);
    });

    it('a speaker id the sidecar does not define: a warning at its line and column, every annotation checked, exit 0', async () => {
      const { sidecar } = withSample(tmp, 'elsewhere');
      const source = fs.readFileSync(sidecar, 'utf8').replace('type: mention\n    speaker: corbyn', 'type: mention\n    speaker: jeremy-corbyn');
      fs.writeFileSync(sidecar, source);
      const r = await run(tmp, ['check', '.']);
      assert.equal(r.code, 0, r.stdout);
      const where = `${path.join('elsewhere', SIDECAR)}:${lineColumn(source, 'jeremy-corbyn')}`;
      assert.match(r.stdout, new RegExp(`^OK   ${escape(path.join('elsewhere', ARTICLE))}: 65 of 65 annotations exact$`, 'm'));
      assert.match(r.stdout, new RegExp(`^    ${escape(where)}: warning: Annotation "a6": speaker id "jeremy-corbyn" is not defined in this sidecar`, 'm'));
    });

    it('w3c with --text and --out', async () => {
      fs.mkdirSync(path.join(tmp, 'in'));
      fs.copyFileSync(SAMPLE_ARTICLE, path.join(tmp, 'in/article.txt'));
      fs.writeFileSync(path.join(tmp, 'in/annotations.jsonld'), '{}');
      const r = await run(tmp, ['import', 'in/annotations.jsonld', '--text', 'in/article.txt', '--out', 'out/side.yaml'], { importers: { w3c: importer } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(seen[0].file, '../in/article.txt');
      assert.match(fs.readFileSync(path.join(tmp, 'out/side.yaml'), 'utf8'), /^  file: \.\.\/in\/article\.txt$/m);
    });

    it('a sidecar that would not read back is not written, exit 1', async () => {
      fs.copyFileSync(SAMPLE_ARTICLE, path.join(tmp, 'story.txt'));
      fs.writeFileSync(path.join(tmp, 'story.ann'), '');
      const badStance: CliImporter = (source, text, options) => {
        const result = importer(source, text, options);
        result.sidecar.annotations[0].stance = 'nobody' as never;
        return result;
      };
      const r = await run(tmp, ['import', 'story.ann'], { importers: { brat: badStance } });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /the sidecar made from story\.ann does not read back \(nothing written\):\n  \d+:\d+: error: .*"nobody"/);
      assert.ok(!fs.existsSync(path.join(tmp, 'story.txt.annotations.yaml')));
    });

    it('an importer that fails names the input file, exit 1, nothing written', async () => {
      fs.copyFileSync(SAMPLE_ARTICLE, path.join(tmp, 'story.txt'));
      fs.writeFileSync(path.join(tmp, 'story.ann'), 'garbage');
      const failing: CliImporter = () => {
        throw new Error('line 1: not a brat annotation: "garbage"');
      };
      const r = await run(tmp, ['import', 'story.ann'], { importers: { brat: failing } });
      assert.equal(r.code, 1);
      assert.equal(r.stderr, 'story.ann: cannot import: line 1: not a brat annotation: "garbage"\n');
      assert.ok(!fs.existsSync(path.join(tmp, 'story.txt.annotations.yaml')));
    });
  });

  describe('with the real formats', () => {
    for (const format of EXPORT_FORMATS) {
      it(`export --format ${format} writes beside the sample article`, async function () {
        if (!exporters[format]) this.skip();
        withSample(tmp, 'docs');
        const before = new Set(fs.readdirSync(path.join(tmp, 'docs')));
        const r = await run(tmp, ['export', 'docs', '--format', format]);
        assert.equal(r.code, 0, r.stderr);
        const added = fs.readdirSync(path.join(tmp, 'docs')).filter((f) => !before.has(f));
        assert.ok(added.length >= 1, `${format} wrote ${added.join(', ')}`);
        for (const f of added) {
          assert.match(r.stdout, new RegExp(`^wrote ${escape(path.join('docs', f))}$`, 'm'));
          assert.ok(fs.statSync(path.join(tmp, 'docs', f)).size > 100, f);
        }
        assert.match(r.stdout, new RegExp(`Exported 1 article \\(65 annotations\\) as ${format}: ${added.length} files? written\\.\\n$`));
        assert.equal((await run(tmp, ['check', 'docs'])).code, 0, 'the export files are not taken for articles or sidecars');
      });
    }

    it('import a brat file: the sample exported to brat and imported back keeps every annotation', async () => {
      const { sidecar } = withSample(tmp);
      assert.equal((await run(tmp, ['export', '.', '--format', 'brat'])).code, 0);
      fs.renameSync(sidecar, path.join(tmp, 'original.yaml'));
      const ann = ARTICLE.replace(/\.txt$/, '.ann');
      const r = await run(tmp, ['import', ann]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`^wrote ${escape(SIDECAR)}: \\d+ speakers, 6 demands, 65 annotations on ${escape(ARTICLE)}\\n$`));
      const check = await run(tmp, ['check', ARTICLE]);
      assert.equal(check.code, 0, check.stdout);
      assert.match(check.stdout, /65 of 65 annotations exact/);
    });

    it('import W3C JSON-LD: story.txt.jsonld finds story.txt by itself', async () => {
      const { sidecar } = withSample(tmp);
      assert.equal((await run(tmp, ['export', '.', '--format', 'w3c'])).code, 0);
      const original = parseSidecar(fs.readFileSync(sidecar, 'utf8')).sidecar!;
      fs.rmSync(sidecar);
      const r = await run(tmp, ['import', `${ARTICLE}.jsonld`]);
      assert.equal(r.code, 0, r.stderr);
      const imported = parseSidecar(fs.readFileSync(sidecar, 'utf8')).sidecar!;
      assert.deepEqual([...imported.speakers.keys()], [...original.speakers.keys()]);
      assert.deepEqual(
        imported.annotations.map((a) => [a.type, a.start, a.end, a.speaker, a.demand]),
        original.annotations.map((a) => [a.type, a.start, a.end, a.speaker, a.demand]),
      );
    });

    it('import a W3C file that is not JSON: the error names the file, exit 1', async () => {
      withSample(tmp);
      fs.writeFileSync(path.join(tmp, 'bad.jsonld'), 'not json');
      const r = await run(tmp, ['import', 'bad.jsonld', '--text', ARTICLE, '--out', 'new.yaml']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^bad\.jsonld: cannot import: /);
      assert.ok(!fs.existsSync(path.join(tmp, 'new.yaml')));
    });
  });

  describe('the bundled dist/cli.js', () => {
    const cli = path.join(REPO_ROOT, 'dist/cli.js');
    before(function () {
      this.timeout(120_000);
      execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO_ROOT, stdio: 'pipe' });
    });

    it('runs as a program: check sample-docs exits 0, bad usage exits 2, a stale copy exits 3', () => {
      const ok = spawnSync(process.execPath, [cli, 'check', 'sample-docs'], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(ok.status, 0, ok.stderr);
      assert.match(ok.stdout, /^OK   sample-docs\/corbyn-jewish-leaders-meeting\.txt: 65 of 65 annotations exact$/m);
      const bad = spawnSync(process.execPath, [cli, 'check', '--nope'], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /unknown option "--nope"/);
      const csv = spawnSync(process.execPath, [cli, 'export', 'sample-docs', '--format', 'csv', '--out', '-'], { cwd: REPO_ROOT, encoding: 'utf8' });
      assert.equal(csv.status, 0, csv.stderr);
      assert.match(csv.stdout, /^article,id,type,/);
      assert.equal(csv.stdout.match(/^corbyn-jewish-leaders-meeting\.txt,a\d+,/gm)?.length, 65, 'a row per annotation: the bundle carries the real exporters');
      const { article } = withSample(tmp);
      fs.appendFileSync(article, 'x');
      fs.writeFileSync(article, fs.readFileSync(article, 'utf8').replace('Corbyn', 'Mr Jeremy Corbyn'));
      const stale = spawnSync(process.execPath, [cli, 'check', tmp], { encoding: 'utf8' });
      assert.equal(stale.status, 3, stale.stdout); // every span moved, none lost: stale offsets only
    });

    it('starts with a shebang, is executable, and does not pull in vscode', () => {
      const source = fs.readFileSync(cli, 'utf8');
      assert.ok(source.startsWith('#!/usr/bin/env node\n'));
      if (process.platform !== 'win32') assert.ok(fs.statSync(cli).mode & 0o100);
      assert.doesNotMatch(source, /require\(["']vscode["']\)/);
    });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
