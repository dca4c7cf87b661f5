// The corpus of some folders, read once: what the CLI's corpus commands (report, speakers) call.
// The problems say what was left out or is wrong, per file, positioned; an id that no sidecar
// and no speakers file defines is an error here, at each place that names it.
import { Host } from '../host';
import { readText } from '../pipeline/read';
import { parseSidecar, Problem } from '../sidecar';
import { Corpus } from './corpus';
import { CorpusIndex, CorpusIndexOptions, FileProblems } from './corpusIndex';
import { undefinedIds } from './corpusQueries';

export interface LoadedCorpus {
  corpus: Corpus;
  /** Every file with problems (unreadable sidecars, strays, a bad speakers file, ids defined nowhere), by path. */
  problems: FileProblems[];
  /** The index, for queries (corpusQueries.ts) and updates. */
  index: CorpusIndex;
}

/** Reads every sidecar under `roots` (absolute core paths) and each root's speakers file. */
export async function loadCorpus(host: Host, roots: readonly string[], options: CorpusIndexOptions = {}): Promise<LoadedCorpus> {
  const index = new CorpusIndex(host, roots, options);
  await index.build();
  const problems = new Map(index.problems().map((p) => [p.file, { ...p, problems: [...p.problems] }]));
  for (const [file, found] of await definedNowhere(host, index)) {
    const entry = problems.get(file) ?? { file, problems: [], stale: false };
    entry.problems.push(...found);
    entry.problems.sort((a, b) => a.start - b.start);
    problems.set(file, entry);
  }
  return { corpus: index.corpus(), problems: [...problems.values()].sort((a, b) => (a.file < b.file ? -1 : 1)), index };
}

const NOT_DEFINED_HERE = /^(.*) is not defined in this sidecar$/;

/**
 * The places naming an id defined nowhere, as errors at their line and column: the files that
 * use one are read again with the sidecar reader, which positions its "not defined in this
 * sidecar" warnings (only those files: the others never pay for positions).
 */
export async function definedNowhere(host: Host, index: CorpusIndex): Promise<Map<string, Problem[]>> {
  const missing = undefinedIds(index);
  const byFile = new Map<string, Set<string>>();
  for (const u of missing) for (const f of u.usedIn) (byFile.get(f) ?? byFile.set(f, new Set()).get(f)!).add(`${u.kind}\u0000${u.id}`);
  const out = new Map<string, Problem[]>();
  for (const [file, ids] of byFile) {
    let source: string;
    try {
      source = await readText(host, file);
    } catch {
      continue; // gone since the index read it: the next update drops it
    }
    const found: Problem[] = [];
    for (const p of parseSidecar(source).problems) {
      const m = NOT_DEFINED_HERE.exec(p.message);
      const named = m && /(speaker|demand) id "((?:[^"\\]|\\.)*)"/.exec(m[1]);
      if (!m || !named || !ids.has(`${named[1]}\u0000${named[2]}`)) continue;
      const where = named[1] === 'speaker' ? 'no sidecar and no workspace speakers file' : 'no sidecar';
      found.push({ ...p, severity: 'error', message: `${m[1]} is defined nowhere in the corpus (${where} defines it)` });
    }
    if (found.length) out.set(file, found);
  }
  return out;
}
