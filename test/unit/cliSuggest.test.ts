import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { CliIo, main } from '../../src/cli';
import { anchorContext } from '../../src/core/anchoring';
import { parseSidecar } from '../../src/core/sidecar';
import { mergeSuggestions } from '../../src/core/suggest/mergeSuggestions';
import { SuggestionSet, suggestionKey } from '../../src/core/suggest/suggestions';
import { demand, REPO_ROOT, SAMPLE_ARTICLE, SAMPLE_SIDECAR, sidecarWith, speaker, tempDirPerTest } from './helpers';

const STORY = 'Jeremy Corbyn said the meeting was "constructive". The Board of Deputies said it was a missed opportunity.\n';

async function run(cwd: string, argv: string[], extra: Partial<CliIo> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['suggest', ...argv], { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), ...extra });
  return { code, stdout, stderr };
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

type JsonAnnotation = { id?: string; type: string; start: number; end: number; text: string; origin: string; speaker?: string; reason: { score: number } };

describe('attribution-lens suggest', () => {
  let tmp: string;
  tempDirPerTest('al-suggest-', (dir) => (tmp = dir));

  const write = (rel: string, content: string) => {
    const file = path.join(tmp, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    return file;
  };

  it('--json (the default) prints one line per article found in folders, sidecars, hidden folders, node_modules and other files skipped; progress on stderr', async () => {
    write('news/b.md', STORY);
    write('news/a.txt', STORY);
    write('news/a.txt.annotations.yaml', 'version: 1\n');
    write('news/.drafts/c.txt', STORY);
    write('news/node_modules/d.txt', STORY);
    write('news/photo.jpg', 'not text');
    for (const argv of [['news'], ['news', '--json']]) {
      const r = await run(tmp, argv);
      assert.equal(r.code, 0, r.stderr);
      const lines = jsonLines(r.stdout);
      assert.deepEqual(lines.map((l) => l.article), ['news/a.txt', 'news/b.md']);
      const annotations = lines[1].annotations as JsonAnnotation[];
      assert.ok(annotations.length > 0);
      for (const a of annotations) {
        assert.equal(a.id, undefined, 'no id before it is written');
        assert.equal(a.origin, 'suggested');
        assert.equal(STORY.slice(a.start, a.end), a.text);
        assert.equal(typeof a.reason.score, 'number');
      }
      const speakers = new Set((lines[1].speakers as { id: string }[]).map((s) => s.id));
      for (const a of annotations) if (a.speaker) assert.ok(speakers.has(a.speaker), `${a.speaker} is among the speakers to add`);
      assert.match(r.stderr, /\[1\/2\] news\/a\.txt: \d+ annotations?/);
      assert.match(r.stderr, /\[2\/2\] news\/b\.md/);
    }
  });

  it('--write makes the sidecar; a second run adds nothing and leaves it byte for byte', async () => {
    write('b.md', STORY);
    const first = await run(tmp, ['--write', '.']);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '', 'progress only, on stderr');
    const sidecar = path.join(tmp, 'b.md.annotations.yaml');
    const written = fs.readFileSync(sidecar, 'utf8');
    const parsed = parseSidecar(written);
    assert.deepEqual(parsed.problems, []);
    const ids = parsed.sidecar!.annotations.map((a) => a.id);
    assert.ok(ids.length > 0);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(parsed.sidecar!.annotations.every((a) => a.origin === 'suggested'));
    const second = await run(tmp, ['--write', 'b.md']);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /nothing new/);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), written);
    const check = await main(['check', 'b.md'], { cwd: tmp, stdout: () => undefined, stderr: () => undefined });
    assert.equal(check, 0, 'the written sidecar checks clean');
  });

  it('--write merges into the sample sidecar: comments kept, fresh ids past the highest, nothing already annotated proposed again', async () => {
    const article = path.join(tmp, 'story.txt');
    fs.copyFileSync(SAMPLE_ARTICLE, article);
    const before = fs.readFileSync(SAMPLE_SIDECAR, 'utf8').replace('version: 1', '# kept comment\nversion: 1\nmystery: kept unknown key');
    write('story.txt.annotations.yaml', before);
    const old = parseSidecar(before).sidecar!;
    const highest = Math.max(...old.annotations.map((a) => Number(/^a(\d+)$/.exec(a.id)?.[1] ?? 0)));
    const r = await run(tmp, ['--write', '--json', 'story.txt']);
    assert.equal(r.code, 0, r.stderr);
    const after = fs.readFileSync(path.join(tmp, 'story.txt.annotations.yaml'), 'utf8');
    assert.ok(after.includes('# kept comment') && after.includes('mystery: kept unknown key'));
    const merged = parseSidecar(after).sidecar!;
    const added = jsonLines(r.stdout)[0].annotations as JsonAnnotation[];
    assert.equal(merged.annotations.length, old.annotations.length + added.length);
    for (const a of added) {
      assert.ok(Number(/^a(\d+)$/.exec(a.id!)![1]) > highest, `${a.id} is a fresh id`);
      assert.ok(!old.annotations.some((o) => o.type === a.type && o.start === a.start && o.end === a.end), `${a.type} ${a.start}-${a.end} was already annotated`);
    }
    for (const o of old.annotations) assert.deepEqual(merged.annotations.find((m) => m.id === o.id), o, `${o.id} unchanged`);
    for (const s of old.speakers.values()) assert.deepEqual(merged.speakers.get(s.id), s);
  });

  it('a rejected suggestion is not proposed again, and the rejected list is kept', async () => {
    write('b.md', STORY);
    const first = jsonLines((await run(tmp, ['b.md'])).stdout)[0].annotations as JsonAnnotation[];
    const target = first[first.length - 1];
    const c = anchorContext(STORY, target.start, target.end);
    const rejected = ['rejected:', `  - type: ${target.type}`, `    start: ${target.start}`, `    end: ${target.end}`, `    text: ${JSON.stringify(c.text)}`, `    prefix: ${JSON.stringify(c.prefix)}`, `    suffix: ${JSON.stringify(c.suffix)}`, '    why: not a quote # by hand', ''];
    write('b.md.annotations.yaml', ['version: 1', 'document:', '  file: b.md', ...rejected].join('\n'));
    const again = jsonLines((await run(tmp, ['b.md'])).stdout)[0].annotations as JsonAnnotation[];
    assert.ok(!again.some((a) => a.type === target.type && a.start === target.start), 'not proposed again');
    assert.equal(again.length, first.length - 1);
    const w = await run(tmp, ['--write', 'b.md']);
    assert.equal(w.code, 0, w.stderr);
    const after = fs.readFileSync(path.join(tmp, 'b.md.annotations.yaml'), 'utf8');
    assert.ok(after.includes('    why: not a quote # by hand'), after);
    assert.equal(parseSidecar(after).sidecar!.rejected!.length, 1);
    assert.ok(!parseSidecar(after).sidecar!.annotations.some((a) => a.type === target.type && a.start === target.start));
  });

  it('--write never rewrites a sidecar with errors, and says where they are (exit 1)', async () => {
    write('b.md', STORY);
    const bad = 'version: 1\nannotations:\n  - id: a1\n    type: claim\n    start: 0\n    end: 3\n';
    write('b.md.annotations.yaml', bad);
    const r = await run(tmp, ['--write', 'b.md']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /b\.md\.annotations\.yaml:4:11: error: "type" must be one of/);
    assert.match(r.stderr, /skipped b\.md: its sidecar has 2 errors/);
    assert.equal(fs.readFileSync(path.join(tmp, 'b.md.annotations.yaml'), 'utf8'), bad);
  });

  it('regression: --write on an article changed since its sidecar puts the old annotations on it first, so nothing becomes an orphan', async () => {
    const article = path.join(tmp, 'story.txt');
    fs.writeFileSync(article, 'UPDATE: a paragraph added at the top.\n\n' + fs.readFileSync(SAMPLE_ARTICLE, 'utf8'));
    fs.copyFileSync(SAMPLE_SIDECAR, path.join(tmp, 'story.txt.annotations.yaml'));
    const r = await run(tmp, ['--write', 'story.txt']);
    assert.equal(r.code, 0, r.stderr);
    let report = '';
    const code = await main(['check', '--json', 'story.txt'], { cwd: tmp, stdout: (t) => void (report += t), stderr: () => undefined });
    const statuses = (JSON.parse(report) as { articles: { annotations: { id: string; status: string }[] }[] }).articles[0].annotations;
    assert.deepEqual(statuses.filter((s) => s.status !== 'exact'), [], 'old and new annotations all exact');
    assert.equal(code, 0);
    const old = parseSidecar(fs.readFileSync(SAMPLE_SIDECAR, 'utf8')).sidecar!.annotations;
    const now = parseSidecar(fs.readFileSync(path.join(tmp, 'story.txt.annotations.yaml'), 'utf8')).sidecar!.annotations;
    for (const o of old) assert.equal(now.find((a) => a.id === o.id)?.text, o.text, `${o.id} kept its text`);
    assert.ok(now.length > old.length);
  });

  it('--write with codepoint offsets writes code points', async () => {
    const text = '😀😀 ' + STORY;
    write('e.txt', text);
    write('e.txt.annotations.yaml', 'version: 1\ndocument:\n  file: e.txt\n  offsets: codepoint\n');
    const r = await run(tmp, ['--write', 'e.txt']);
    assert.equal(r.code, 0, r.stderr);
    const s = parseSidecar(fs.readFileSync(path.join(tmp, 'e.txt.annotations.yaml'), 'utf8')).sidecar!;
    assert.ok(s.annotations.length > 0);
    const cps = [...text];
    for (const a of s.annotations) assert.equal(cps.slice(a.start, a.end).join(''), a.text);
  });

  it('on a terminal, bidi overrides and escapes from the article show as text in the JSON and in the progress lines', async () => {
    write('evil\u202e.txt', 'Jeremy Corbyn said "it was \u202econstructive\x1b[2J". The Board of Deputies said it was a missed opportunity.\n');
    const r = await run(tmp, ['.'], { stdoutIsTerminal: true });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!/[\u202e\x1b]/.test(r.stdout + r.stderr), JSON.stringify(r.stdout + r.stderr));
    assert.match(r.stderr, /evil\\u202e\.txt/);
    const piped = await run(tmp, ['.']);
    assert.ok(piped.stdout.includes('\u202e'), 'into a pipe the JSON is exact');
  });

  it('usage errors: no paths, --jsonl with paths, a missing path, an unknown option (exit 2)', async () => {
    for (const argv of [[], ['--jsonl', 'x.txt'], ['nope.txt'], ['--frobnicate', 'x']]) {
      const r = await run(tmp, argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /Run "attribution-lens suggest --help"/);
    }
    const help = await run(tmp, ['--help']);
    assert.match(help.stdout, /--jsonl/);
    assert.match(help.stdout, /parallel/);
  });

  it('a model file that is not there is a clear error (exit 1)', async () => {
    write('b.md', STORY);
    const r = await run(tmp, ['--model', 'missing.bin', 'b.md']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no attribution model at .*missing\.bin/);
  });

  describe('--jsonl', () => {
    it('answers each line in order, an error line for a bad one, and goes on (exit 1 when any failed)', async () => {
      const stdin = PassThrough.from(
        [JSON.stringify({ id: 'one', text: STORY }), 'not json', JSON.stringify({ id: 7 }), '[1]', '', JSON.stringify({ id: 'two', text: 'Nothing here.' })].join('\n') + '\n',
      );
      const r = await run(tmp, ['--jsonl'], { stdin });
      assert.equal(r.code, 1);
      const lines = jsonLines(r.stdout.replace(/\n\n/g, '\n'));
      assert.equal(r.stdout.split('\n').length - 1, 6, 'one line per input line');
      assert.deepEqual(lines.map((l) => l.id), ['one', null, 7, null, null, 'two']);
      assert.ok((lines[0].annotations as unknown[]).length > 0);
      assert.match(String(lines[1].error), /^line 2: not JSON/);
      assert.match(String(lines[2].error), /^line 3: "text" must be a string/);
      assert.match(String(lines[4].error), /^line 5: not JSON/);
      assert.deepEqual(lines[5], { id: 'two', speakers: [], demands: [], annotations: [] });
    });

    it('streams: the answer to a line comes before the next line is even written', async () => {
      const stdin = new PassThrough();
      let stdout = '';
      let answered: () => void = () => undefined;
      const done = main(['suggest', '--jsonl'], {
        cwd: tmp,
        stdin,
        stdout: (t) => {
          stdout += t;
          answered();
        },
        stderr: () => undefined,
      });
      for (const id of ['a', 'b', 'c']) {
        const seen = new Promise<void>((resolve) => (answered = resolve));
        stdin.write(JSON.stringify({ id, text: STORY }) + '\n');
        await seen; // with all of stdin read first, this would never resolve: the test times out
        assert.equal(JSON.parse(stdout.trimEnd().split('\n').pop()!).id, id);
      }
      stdin.end();
      assert.equal(await done, 0);
    });
  });

  it('the packed package finds its model: npm pack, then the bundle run from the unpacked files', function () {
    this.timeout(120_000);
    const out = execFileSync('npm', ['pack', '--pack-destination', tmp, '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const [{ filename, files }] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    const paths = files.map((f) => f.path);
    assert.ok(paths.includes('dist/cli.js') && paths.includes('models/attribution-model.bin'), paths.join(', '));
    execFileSync('tar', ['-xzf', path.join(tmp, path.basename(filename)), '-C', tmp]);
    const result = execFileSync(process.execPath, [path.join(tmp, 'package/dist/cli.js'), 'suggest', '--jsonl'], {
      input: JSON.stringify({ id: 1, text: STORY }) + '\n',
      encoding: 'utf8',
      env: { ...process.env, ATTRIBUTION_LENS_MODEL: '' },
    });
    const line = JSON.parse(result) as { id: number; annotations: unknown[] };
    assert.equal(line.id, 1);
    assert.ok(line.annotations.length > 0);
  });
});

describe('mergeSuggestions', () => {
  it('gives colliding speaker and demand ids fresh ones (links follow), annotation ids past the highest aN, each suggestion once, none without the link its type needs', () => {
    const text = 'Ann Lee said yes. Bob said no.';
    const sidecar = sidecarWith([speaker('ann', 'Someone Else')], [demand('d', 'Other')], [{ id: 'a9', type: 'mention', speaker: 'ann', start: 18, end: 21, text: 'Bob' }, { id: 'x1', type: 'mention', speaker: 'ann', start: 18, end: 21 }]);
    const mention = { type: 'mention' as const, start: 0, end: 7, text: 'Ann Lee', speaker: 'ann', origin: 'suggested' as const };
    const set: SuggestionSet = {
      speakers: [speaker('ann', 'Ann Lee')],
      demands: [demand('d', 'Yes', { by: ['ann'] })],
      suggestions: [
        { key: suggestionKey(mention), annotation: mention, reason: { score: 0.9 } },
        { key: suggestionKey(mention), annotation: mention, reason: { score: 0.9 } },
        { key: 'q', annotation: { type: 'demand', start: 13, end: 16, text: 'yes', demand: 'd', origin: 'suggested' }, reason: { score: 0.8 } },
        // Regression: a quote whose speaker the engine could not tell made the merged file invalid.
        { key: 'nobody', annotation: { type: 'quote', start: 26, end: 28, text: 'no', origin: 'suggested' }, reason: { score: 0.5 } },
      ],
    };
    const m = mergeSuggestions(sidecar, set, text, true, 'hash');
    assert.deepEqual(m.speakers.map((s) => [s.id, s.name]), [['ann-2', 'Ann Lee']]);
    assert.deepEqual(m.demands.map((d) => [d.id, d.by]), [['d-2', ['ann-2']]]);
    assert.deepEqual(m.annotations.map((a) => [a.id, a.speaker ?? a.demand]), [['a10', 'ann-2'], ['a11', 'd-2']]);
    assert.equal(m.sidecar.speakers.get('ann')!.name, 'Someone Else');
    assert.equal(m.sidecar.document.sha256, 'hash');
    assert.equal(mergeSuggestions(sidecar, set, text, false, 'hash').sidecar.document.sha256, undefined, 'a stale hash is not replaced: the old offsets would be trusted');
  });
});
