// `attribution-lens merge %O %A %B [%P]`: git's merge driver for sidecars. Merges by id, puts
// both sides' annotations on the article beside the path, writes the result over %A (atomically)
// and exits 1 when conflicts remain (recorded under `conflicts:`), as git expects.
import { writeAtomic } from '../core/pipeline/write';
import { readText } from '../core/pipeline/read';
import { dirname, join } from '../core/posixPath';
import { parseSidecar } from '../core/sidecar';
import { DEFAULT_SIDECAR_PATTERN, sidecarRelativePath } from '../core/sidecarPath';
import { mergeSidecarFiles, UnmergeableError } from '../core/teams/mergeDocument';
import { errorText, plural } from '../core/wording';
import { parse, resolvePath, stringOption, UsageError } from './args';
import { HELP } from './help';
import { CliIo, EXIT_OK, EXIT_PROBLEMS } from './io';
import { terminal } from './terminal';

/** The article a sidecar at `sidecarPath` belongs to: its `document.file`, else the name the pattern gives. */
export function articleBeside(sidecarPath: string, oursSource: string, pattern = DEFAULT_SIDECAR_PATTERN): string | undefined {
  const file = parseSidecar(oursSource).sidecar?.document.file;
  const dir = dirname(sidecarPath);
  if (file) return join(dir, file);
  const name = sidecarPath.slice(dir.length).replace(/^\//, '');
  const suffix = sidecarRelativePath('', pattern);
  return pattern.startsWith('${file}') && name.endsWith(suffix) && name.length > suffix.length ? join(dir, name.slice(0, -suffix.length)) : undefined;
}

export async function runMerge(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('merge', args, { article: { type: 'string' }, 'sidecar-pattern': { type: 'string' } });
  if (values.help) {
    io.stdout(HELP.merge);
    return EXIT_OK;
  }
  if (positionals.length < 3 || positionals.length > 4) throw new UsageError('give the ancestor, ours and theirs (%O %A %B), and optionally the path (%P)', 'merge');
  const term = terminal(io, true);
  const [basePath, oursPath, theirsPath, shownPath] = positionals;
  const name = shownPath ?? oursPath;
  const [base, ours, theirs] = await Promise.all([basePath, oursPath, theirsPath].map((f) => readText(io.host, resolvePath(io, f), io.readLimit)));

  let articlePath = stringOption('merge', values, 'article');
  if (!articlePath && shownPath) articlePath = articleBeside(resolvePath(io, shownPath), ours, stringOption('merge', values, 'sidecar-pattern'));
  let article: string | undefined;
  if (articlePath) {
    article = await readText(io.host, resolvePath(io, articlePath), io.readLimit).catch(() => undefined);
  }
  let merged;
  try {
    merged = mergeSidecarFiles({ label: 'ancestor', source: base }, { label: 'ours', source: ours }, { label: 'theirs', source: theirs }, article);
  } catch (e) {
    if (!(e instanceof UnmergeableError)) throw e;
    // Never write over a side that could not be read: git keeps ours and marks the file conflicted.
    term.warn(`${name}: not merged, ${e.message}`);
    return EXIT_PROBLEMS;
  }
  try {
    await writeAtomic(io.host, resolvePath(io, oursPath), merged.text);
  } catch (e) {
    term.warn(`${name}: ${errorText(e)}`);
    return EXIT_PROBLEMS;
  }
  const r = merged.result;
  for (const [from, to] of r.renamed) term.info(`${name}: both sides added annotation "${from}": theirs is now "${to}"`);
  if (r.orphans.length) term.info(`${name}: ${plural(r.orphans.length, 'annotation')} not found on ${articlePath ? term.display(resolvePath(io, articlePath)) : 'the article'} (kept, flagged as orphans for review): ${r.orphans.join(', ')}`);
  if (!r.conflicts.length) return EXIT_OK;
  for (const c of r.conflicts) term.warn(`${name}: CONFLICT ${c.section} "${c.id}": ${c.oursDeleted ? 'deleted here, changed there' : c.theirs ? `both changed ${c.fields.join(', ')}` : 'changed here, deleted there'}`);
  term.warn(`${name}: ${plural(r.conflicts.length, 'conflict')} recorded under "conflicts:" (ours kept in place)`);
  return EXIT_PROBLEMS;
}
