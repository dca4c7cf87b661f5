// What the fault suite does to the sample article behind the sidecar's back, and running the CLI
// in-process on a real folder.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli';
import { CliIo } from '../../src/cli/io';

/** A quote the edit below rewrites beyond recognition: its annotation (a7) becomes an orphan. */
export const ORPHANED = 'a positive and constructive meeting about tackling anti-semitism.';

/** A paragraph inserted mid-way (later spans move), a3's text edited (repaired), a7's quote rewritten (orphan). */
export function deskEdit(text: string): string {
  const cut = text.indexOf('\n\n', 4000);
  assert.ok(cut > 0);
  let out = text.slice(0, cut) + '\n\nA paragraph inserted by the desk.' + text.slice(cut);
  out = out.replace('disappointing missed opportunity', 'disappointing lost opportunity');
  assert.ok(out.includes(ORPHANED + '"\n\nThis take'));
  return out.replace(ORPHANED + '"\n\nThis take', 'a good meeting." This view');
}

/** Only moves: a paragraph inserted at the top. */
export function movedDown(text: string): string {
  return 'Moved down by a paragraph the desk added.\n\n' + text;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `attribution-lens …` in `cwd`, in this process. */
export async function cli(cwd: string, argv: string[], io: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), ...io });
  return { code, stdout, stderr };
}

/** `check --json` of one article: each annotation's status by id, and the human report. */
export async function checkStatuses(cwd: string, target = '.', io: Partial<CliIo> = {}): Promise<{ code: number; status: Map<string, string>; report: string }> {
  const r = await cli(cwd, ['check', target, '--json'], io);
  const doc = JSON.parse(r.stdout) as { articles: { annotations: { id: string; status: string }[] }[] };
  assert.equal(doc.articles.length, 1, r.stderr);
  return { code: r.code, status: new Map(doc.articles[0].annotations.map((a) => [a.id, a.status])), report: r.stderr };
}

export function idsWith(status: Map<string, string>, wanted: string): string[] {
  return [...status].filter(([, s]) => s === wanted).map(([id]) => id);
}
