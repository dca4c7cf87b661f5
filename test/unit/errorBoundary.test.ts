// The commands' error boundary, with a fake log channel and notification: what a thrown error
// becomes for the person using the extension.
import * as assert from 'node:assert/strict';
import { ErrorReporter, guarded } from '../../src/vscode/commands/errorBoundary';
import { UserFacingError } from '../../src/vscode/userFacingError';

function fakeReporter(answer?: string) {
  const logged: unknown[][] = [];
  const shown: string[] = [];
  let logShown = 0;
  const reporter: ErrorReporter = {
    log: { error: (...args: unknown[]) => void logged.push(args), show: () => void logShown++ } as ErrorReporter['log'],
    showError: async (message) => {
      shown.push(message);
      return answer;
    },
  };
  return { reporter, logged, shown, logShown: () => logShown };
}

describe('command error boundary', () => {
  it('passes a result through and reports nothing', async () => {
    const f = fakeReporter();
    assert.equal(await guarded('x.ok', async (a: number) => a + 1, f.reporter)(1), 2);
    assert.deepEqual([f.logged, f.shown], [[], []]);
  });

  it('a thrown error is logged with its stack and shown once, and the command resolves', async () => {
    const f = fakeReporter();
    const error = new Error('boom');
    assert.equal(await guarded('attributionLens.x', () => { throw error; }, f.reporter)(), undefined);
    assert.equal(await guarded('attributionLens.y', async () => Promise.reject(error), f.reporter)(), undefined);
    assert.deepEqual(f.logged, [['attributionLens.x failed:', error], ['attributionLens.y failed:', error]]);
    assert.deepEqual(f.shown, ['Attribution Lens: attributionLens.x failed: boom', 'Attribution Lens: attributionLens.y failed: boom']);
  });

  it('a UserFacingError is shown as written; anything thrown is text, never links or icons', async () => {
    const f = fakeReporter();
    await guarded('attributionLens.x', () => { throw new UserFacingError('could not write a.yaml: EISDIR'); }, f.reporter)();
    await guarded('attributionLens.x', () => { throw new Error('see [here](command:workbench.action.quit) $(alert)'); }, f.reporter)();
    await guarded('attributionLens.x', () => { throw 'a string'; }, f.reporter)();
    assert.equal(f.shown[0], 'Attribution Lens: could not write a.yaml: EISDIR');
    assert.ok(!f.shown[1].includes('](') && !f.shown[1].includes('$('), f.shown[1]);
    assert.ok(!/command:/.test(f.shown[1]), 'no command URI either');
    assert.ok(f.shown[1].replace(/\u200B/g, '').includes('[here](command:workbench.action.quit) $(alert)'), 'the text itself reads the same');
    assert.equal(f.shown[2], 'Attribution Lens: attributionLens.x failed: a string');
    assert.deepEqual(f.logged[2], ['attributionLens.x failed:', 'a string']);
  });

  it('an error quoting controls or a bidi override is logged with them as escapes, its stack kept', async () => {
    const f = fakeReporter();
    const error = new Error('bad name x\u202ey\x1b[2J');
    await guarded('attributionLens.x', () => { throw error; }, f.reporter)();
    const logged = f.logged[0][1] as Error;
    assert.equal(logged.message, 'bad name x\\u202ey\\x1b[2J');
    assert.match(logged.stack ?? '', /^Error: bad name x\\u202ey\\x1b\[2J\n\s+at /);
    assert.doesNotMatch(f.shown[0], /[\u202e\x1b]/);
  });

  it('"Show Log" opens the log channel', async () => {
    const f = fakeReporter('Show Log');
    await guarded('attributionLens.x', () => { throw new Error('boom'); }, f.reporter)();
    await new Promise((r) => setImmediate(r));
    assert.equal(f.logShown(), 1);
  });
});
