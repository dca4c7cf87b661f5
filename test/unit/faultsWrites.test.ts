// Fault suite, failed writes on the in-memory host: a full disk midway through the temporary
// file, a rename refused, a read-only folder, during each command that writes (check --fix,
// export, import, merge). The file there before is left byte for byte, no temporary file stays,
// the exit code is 1 and the message names the file and the fault; once the fault is gone the
// same command writes.
import * as assert from 'node:assert/strict';
import { MemoryHost } from './memoryHost';
import { articles, run, SIDECAR, TEXT } from './pipelineHelpers';
import { annotationTexts, assertInvariant, classifyFile } from './faultInvariant';
import { movedDown } from './faultFixtures';
import { editSidecar } from './teamsFixtures';

interface Fault {
  name: string;
  /** Makes the next write into `dir` fail. */
  arm(host: MemoryHost, dir: string): void;
  disarm(host: MemoryHost, dir: string): void;
  /** What the message must say about it. */
  says: RegExp;
}

const FAULTS: Fault[] = [
  {
    name: 'a full disk midway through the file (ENOSPC)',
    arm: (h) => void (h.failCreateAfter = { bytes: 100, code: 'ENOSPC' }),
    disarm: (h) => void (h.failCreateAfter = undefined),
    says: /ENOSPC|no space/i,
  },
  {
    name: 'the rename over the file refused (EIO)',
    arm: (h) => void (h.failRename = 'EIO'),
    disarm: (h) => void (h.failRename = undefined),
    says: /EIO/,
  },
  {
    name: 'a read-only folder (EROFS)',
    arm: (h, dir) => void h.readOnlyDirs.add(dir),
    disarm: (h, dir) => void h.readOnlyDirs.delete(dir),
    says: /EROFS|read-only/i,
  },
];

interface Command {
  name: string;
  /** The host set up for it, the file it writes (over a previous one) and its argv. */
  setUp(): Promise<{ host: MemoryHost; target: string; argv: string[] }>;
  /** Checks the written file after the successful run. */
  written?(host: MemoryHost, target: string): void;
}

const NOTE = 'checked by the desk';
const withNote = editSidecar(SIDECAR, (as) => void (as[0].note = NOTE));

const COMMANDS: Command[] = [
  {
    name: 'check --fix',
    async setUp() {
      const host = articles('a');
      host.file('/w/a/story.txt', movedDown(TEXT));
      return { host, target: '/w/a/story.txt.annotations.yaml', argv: ['check', 'a', '--fix'] };
    },
    written(host, target) {
      assertInvariant(classifyFile(annotationTexts(SIDECAR), host.text(target)!, movedDown(TEXT)), 'fixed', { orphans: [], minKept: annotationTexts(SIDECAR).size });
    },
  },
  {
    name: 'export --format json',
    async setUp() {
      const host = articles('a');
      const first = await run(host, ['export', 'a', '--format', 'json']);
      assert.equal(first.code, 0, first.stderr);
      const target = '/w/' + /^wrote (.*)$/m.exec(first.stdout)![1];
      // The next export differs from the one there, so a torn write would show.
      host.file('/w/a/story.txt.annotations.yaml', withNote);
      return { host, target, argv: ['export', 'a', '--format', 'json'] };
    },
    written: (host, target) => assert.ok(host.text(target)!.includes(NOTE)),
  },
  {
    name: 'import --force (brat)',
    async setUp() {
      const host = articles('a');
      const brat = await run(host, ['export', 'a', '--format', 'brat', '--out', '/w/brat']);
      assert.equal(brat.code, 0, brat.stderr);
      const ann = host.names('/w/brat').find((n) => n.endsWith('.ann'))!;
      host.file('/w/a/story.ann', host.text(`/w/brat/${ann}`)!);
      return { host, target: '/w/a/story.txt.annotations.yaml', argv: ['import', 'a/story.ann', '--text', 'a/story.txt', '--force'] };
    },
    written: (host, target) => assert.notEqual(host.text(target), SIDECAR),
  },
  {
    name: 'merge (the git driver)',
    async setUp() {
      const host = articles('a');
      host.file('/w/a/base.yaml', SIDECAR).file('/w/a/theirs.yaml', withNote);
      const target = '/w/a/story.txt.annotations.yaml';
      return { host, target, argv: ['merge', 'a/base.yaml', 'a/story.txt.annotations.yaml', 'a/theirs.yaml', 'a/story.txt.annotations.yaml'] };
    },
    written: (host, target) => assert.ok(host.text(target)!.includes(NOTE)),
  },
];

describe('fault suite: a write that fails (in-memory host)', () => {
  for (const command of COMMANDS) {
    for (const fault of FAULTS) {
      it(`${command.name}, ${fault.name}: the previous file byte for byte, exit 1, the file and the fault named; then it writes`, async () => {
        const { host, target, argv } = await command.setUp();
        const dir = target.slice(0, target.lastIndexOf('/'));
        const previous = host.text(target);
        assert.ok(previous !== undefined, 'a file is there to keep');
        const names = host.names(dir);
        fault.arm(host, dir);
        const failed = await run(host, argv);
        const said = failed.stdout + failed.stderr;
        assert.equal(failed.code, 1, said);
        assert.equal(host.text(target), previous, 'the previous file is left byte for byte');
        assert.deepEqual(host.names(dir), names, 'no temporary file left');
        assert.ok(said.includes(target.slice('/w/'.length)), `names ${target}:\n${said}`);
        assert.match(said, fault.says);
        assert.match(said, /left as it was|not (fixed|written|merged)/i, 'says what became of the file');
        fault.disarm(host, dir);
        const ok = await run(host, argv);
        assert.equal(ok.code, 0, ok.stdout + ok.stderr);
        assert.notEqual(host.text(target), previous);
        command.written?.(host, target);
        assert.deepEqual(host.names(dir), names, 'no temporary file left after the write either');
      });
    }
  }
});

describe('fault suite: a first write that fails leaves nothing behind', () => {
  it('import into a folder with no sidecar yet, on a full disk: no sidecar, no temporary file, "no file was written"', async () => {
    const host = articles('a');
    const brat = await run(host, ['export', 'a', '--format', 'brat', '--out', '/w/brat']);
    assert.equal(brat.code, 0, brat.stderr);
    host.file('/w/b/story.txt', TEXT).file('/w/b/story.ann', host.text(`/w/brat/${host.names('/w/brat').find((n) => n.endsWith('.ann'))}`)!);
    host.failCreateAfter = { bytes: 10, code: 'ENOSPC' };
    const r = await run(host, ['import', 'b/story.ann']);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /b\/story\.txt\.annotations\.yaml: .*ENOSPC.*no file was written/);
    assert.deepEqual(host.names('/w/b'), ['story.ann', 'story.txt']);
  });
});
