// Setting up the in-memory host with annotated articles, and running the CLI on it.
import * as fs from 'node:fs';
import { CliIo, main } from '../../src/cli';
import { SAMPLE_ARTICLE, SAMPLE_SIDECAR } from './helpers';
import { MemoryHost } from './memoryHost';

export const TEXT = fs.readFileSync(SAMPLE_ARTICLE, 'utf8');
export const SIDECAR = fs.readFileSync(SAMPLE_SIDECAR, 'utf8').replace(/^(\s*file:) .*$/m, '$1 story.txt');

/** /w with an annotated story.txt in each of `dirs`. */
export function articles(...dirs: string[]): MemoryHost {
  const host = new MemoryHost().mkdirp('/w');
  for (const d of dirs) host.file(`/w/${d}/story.txt`, TEXT).file(`/w/${d}/story.txt.annotations.yaml`, SIDECAR);
  return host;
}

export async function run(host: MemoryHost, argv: string[], extra: Partial<CliIo> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { host, cwd: '/w', stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), ...extra });
  return { code, stdout, stderr };
}

