// Fault suite, failed writes on real file systems (they stop root too, unlike chmod): a 64 KB
// tmpfs filled up (ENOSPC), the same tmpfs remounted read-only (EROFS), a folder made immutable
// with chattr +i (EPERM). Skipped where this process may not mount or chattr (not root, a
// container without CAP_SYS_ADMIN): the in-memory host's fault tests cover the same paths there.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleArticle, sampleSidecarSource } from './helpers';
import { annotationTexts, assertInvariant, classifyFile } from './faultInvariant';
import { cli, movedDown } from './faultFixtures';
import { editSidecar } from './teamsFixtures';

const ARTICLE = 'story.txt';
const SIDECAR = 'story.txt.annotations.yaml';
const FILLER = 'filler.bin';
const SOURCE = sampleSidecarSource().replace(/^(\s*file:) .*$/m, '$1 ' + ARTICLE);

const sh = (cmd: string, ...args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

/** Fills the file system `dir` is on, to the last byte. */
function fill(dir: string): void {
  const fd = fs.openSync(path.join(dir, FILLER), 'w');
  const chunk = Buffer.alloc(4096, 0x78);
  try {
    for (;;) {
      try {
        fs.writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
        // The last partial block, byte by byte.
        for (;;) fs.writeSync(fd, chunk, 0, 1);
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    fs.closeSync(fd);
  }
}

/** The sample with the article moved down a paragraph: check --fix has a sidecar to rewrite. */
function stalePair(dir: string): void {
  fs.writeFileSync(path.join(dir, ARTICLE), movedDown(sampleArticle()));
  fs.writeFileSync(path.join(dir, SIDECAR), SOURCE);
}

/** The run failed with exit 1, named the sidecar and the fault, and left it byte for byte with no temporary file. */
function assertKept(dir: string, r: { code: number; stdout: string; stderr: string }, says: RegExp, previous: string, others: string[] = []): void {
  const said = r.stdout + r.stderr;
  assert.equal(r.code, 1, said);
  assert.ok(said.includes(SIDECAR), `names the sidecar:\n${said}`);
  assert.match(said, says);
  assert.equal(fs.readFileSync(path.join(dir, SIDECAR), 'utf8'), previous, 'the sidecar byte for byte');
  assert.deepEqual(fs.readdirSync(dir).sort(), [ARTICLE, SIDECAR, ...others].sort(), 'no temporary file left');
}

describe('fault suite: a write that fails on a real file system', function () {
  this.timeout(60_000);
  let dir: string;

  describe('a small tmpfs, full or read-only', () => {
    let mounted = false;
    beforeEach(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-faults-disk-'));
      const r = sh('mount', '-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir);
      if (r.status !== 0) {
        fs.rmSync(dir, { recursive: true, force: true });
        this.skip(); // not allowed to mount here
      }
      mounted = true;
    });
    afterEach(() => {
      if (mounted) sh('umount', dir);
      mounted = false;
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('check --fix on a full disk: ENOSPC named, the sidecar byte for byte; with space again it writes every id', async () => {
      stalePair(dir);
      fill(dir);
      const failed = await cli(dir, ['check', '.', '--fix']);
      assertKept(dir, failed, /ENOSPC|no space/i, SOURCE, [FILLER]);
      fs.rmSync(path.join(dir, FILLER));
      const ok = await cli(dir, ['check', '.', '--fix']);
      assert.equal(ok.code, 0, ok.stdout);
      assertInvariant(classifyFile(annotationTexts(SOURCE), fs.readFileSync(path.join(dir, SIDECAR), 'utf8'), movedDown(sampleArticle())), 'fixed', { orphans: [] });
    });

    it('merge on a full disk: ENOSPC named, ours byte for byte', async () => {
      stalePair(dir);
      fs.writeFileSync(path.join(dir, ARTICLE), sampleArticle());
      // The ancestor and theirs live elsewhere, as git's temporary files do.
      const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'al-faults-sides-'));
      const base = path.join(elsewhere, 'base.yaml');
      const theirs = path.join(elsewhere, 'theirs.yaml');
      fs.writeFileSync(base, SOURCE);
      fs.writeFileSync(theirs, editSidecar(SOURCE, (as) => void (as[0].note = 'theirs')));
      try {
        fill(dir);
        const failed = await cli(dir, ['merge', base, SIDECAR, theirs, SIDECAR]);
        assertKept(dir, failed, /ENOSPC|no space/i, SOURCE, [FILLER]);
        fs.rmSync(path.join(dir, FILLER));
        assert.equal((await cli(dir, ['merge', base, SIDECAR, theirs, SIDECAR])).code, 0);
        assert.match(fs.readFileSync(path.join(dir, SIDECAR), 'utf8'), /note: theirs/);
      } finally {
        fs.rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('check --fix on a read-only mount: EROFS named, the sidecar byte for byte; remounted read-write it writes', async () => {
      stalePair(dir);
      assert.equal(sh('mount', '-o', 'remount,ro', dir).status, 0);
      const failed = await cli(dir, ['check', '.', '--fix']);
      assertKept(dir, failed, /EROFS|read-only/i, SOURCE);
      assert.equal(sh('mount', '-o', 'remount,rw', dir).status, 0);
      assert.equal((await cli(dir, ['check', '.', '--fix'])).code, 0);
    });
  });

  describe('an immutable folder (chattr +i)', () => {
    let immutable = false;
    beforeEach(function () {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'al-faults-immutable-'));
      stalePair(dir);
      if (sh('chattr', '+i', dir).status !== 0) {
        fs.rmSync(dir, { recursive: true, force: true });
        this.skip(); // no chattr, or a file system without the flag
      }
      immutable = true;
    });
    afterEach(() => {
      if (immutable) sh('chattr', '-i', dir);
      immutable = false;
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('check --fix: EPERM named, the sidecar byte for byte; writable again it writes', async () => {
      const failed = await cli(dir, ['check', '.', '--fix']);
      assertKept(dir, failed, /EPERM|not permitted/i, SOURCE);
      assert.equal(sh('chattr', '-i', dir).status, 0);
      immutable = false;
      assert.equal((await cli(dir, ['check', '.', '--fix'])).code, 0);
    });

    it('export into the immutable folder: each file not written, named with EPERM, exit 1', async () => {
      const r = await cli(dir, ['export', '.', '--format', 'json']);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /not written .*EPERM|EPERM.*not written/i);
      assert.deepEqual(fs.readdirSync(dir).sort(), [ARTICLE, SIDECAR].sort());
    });
  });
});
