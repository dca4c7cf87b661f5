import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Annotation, Demand, emptySidecar, Sidecar, Speaker, SpeakerKind } from '../../src/core/model';

/** The repository root, from out/test/unit (compiled) or test/unit (sources). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const SAMPLE_ARTICLE = path.join(REPO_ROOT, 'sample-docs/corbyn-jewish-leaders-meeting.txt');
export const SAMPLE_SIDECAR = SAMPLE_ARTICLE + '.annotations.yaml';

export function sampleArticle(): string {
  return fs.readFileSync(SAMPLE_ARTICLE, 'utf8');
}

export function sampleSidecarSource(): string {
  return fs.readFileSync(SAMPLE_SIDECAR, 'utf8');
}

export function speaker(id: string, name: string, extra: Partial<Speaker> = {}): Speaker {
  return { id, name, kind: 'person' as SpeakerKind, aliases: [], members: [], ...extra };
}

export function demand(id: string, summary: string, extra: Partial<Demand> = {}): Demand {
  return { id, summary, by: [], to: [], ...extra };
}

export function sidecarWith(speakers: Speaker[], demands: Demand[], annotations: Annotation[], sha256?: string): Sidecar {
  const s = emptySidecar('article.txt');
  for (const sp of speakers) s.speakers.set(sp.id, sp);
  for (const d of demands) s.demands.set(d.id, d);
  s.annotations = annotations;
  if (sha256) s.document.sha256 = sha256;
  return s;
}

/** Lines of `b` that are not in `a` and vice versa, by position-insensitive multiset difference. */
export function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const count = (lines: string[]) => {
    const m = new Map<string, number>();
    for (const l of lines) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const ca = count(a.split('\n'));
  const cb = count(b.split('\n'));
  const removed: string[] = [];
  const added: string[] = [];
  for (const [l, n] of ca) for (let i = 0; i < n - (cb.get(l) ?? 0); i++) removed.push(l);
  for (const [l, n] of cb) for (let i = 0; i < n - (ca.get(l) ?? 0); i++) added.push(l);
  return { removed, added };
}

/** 1-based line and column of the first occurrence of `needle` in `source`. */
export function lineColOf(source: string, needle: string, from = 0): { line: number; column: number } {
  const at = source.indexOf(needle, from);
  if (at === -1) throw new Error(`${JSON.stringify(needle)} is not in the source`);
  const before = source.slice(0, at);
  const line = before.split('\n').length;
  return { line, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * A new empty folder under the system's temporary folder for every test of the calling
 * describe block, handed to `use` before the test and removed after it.
 */
export function tempDirPerTest(prefix: string, use: (dir: string) => void): void {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    use(dir);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
}
