// `attribution-lens diff`: the semantic diff of two sidecars, also as git's diff driver (the 7
// arguments of `diff.<name>.command`) and as its `textconv` (one stable line per entry).
import { anchorAnnotations } from '../core/anchoring';
import { emptySidecar, Sidecar } from '../core/model';
import { readText } from '../core/pipeline/read';
import { parseSidecar } from '../core/sidecar';
import { diffSidecars, isEmptyDiff, renderDiff, textconvLines } from '../core/teams/sidecarDiff';
import { parse, resolvePath, stringOption, UsageError } from './args';
import { HELP } from './help';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './io';
import { terminal, visible } from './terminal';

/** What git passes for the missing side of an added or deleted file. */
const NO_FILE = '/dev/null';

async function source(io: CliIo, file: string): Promise<string> {
  return file === NO_FILE ? '' : readText(io.host, resolvePath(io, file), io.readLimit);
}

/** The sidecar in `text`, or the first error as `file:line:column: message`. */
function read(file: string, text: string): Sidecar | string {
  if (text.trim() === '') return emptySidecar();
  const p = parseSidecar(text);
  const error = p.problems.find((x) => x.severity === 'error');
  if (!p.sidecar || error) return `${file}:${error?.line ?? 1}:${error?.column ?? 1}: ${error?.message ?? 'not a sidecar'}`;
  return p.sidecar;
}

async function onArticle(io: CliIo, s: Sidecar, article: string | undefined): Promise<Sidecar> {
  if (!article) return s;
  // Stale offsets (the article changed since the sidecar was written) are put right first.
  const placed = anchorAnnotations(s, await readText(io.host, resolvePath(io, article), io.readLimit)).placed;
  const byId = new Map(placed.map((a) => [a.id, a]));
  return { ...s, annotations: s.annotations.map((a) => byId.get(a.id) ?? a) };
}

export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('diff', args, {
    textconv: { type: 'boolean' },
    'old-article': { type: 'string' },
    'new-article': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP.diff);
    return EXIT_OK;
  }
  const term = terminal(io);
  if (values.textconv) {
    if (positionals.length !== 1) throw new UsageError('--textconv takes exactly one sidecar file', 'diff');
    const text = await source(io, positionals[0]);
    const s = read(positionals[0], text);
    // git shows whatever textconv prints: an unreadable file is shown as it is, under a warning.
    if (typeof s === 'string') io.stdout(`# ${visible(s)}\n${visible(text, true)}`);
    else io.stdout(textconvLines(s).map((l) => visible(l) + '\n').join(''));
    return EXIT_OK;
  }
  let oldFile: string, newFile: string, label: string | undefined;
  if (positionals.length === 7) [label, oldFile, , , newFile] = positionals; // git: path old-file old-hex old-mode new-file new-hex new-mode
  else if (positionals.length === 2) [oldFile, newFile] = positionals;
  else throw new UsageError('give two sidecar files (or git\'s 7 diff-driver arguments)', 'diff');
  const [a, b] = [read(oldFile, await source(io, oldFile)), read(newFile, await source(io, newFile))];
  if (typeof a === 'string' || typeof b === 'string') {
    for (const e of [a, b]) if (typeof e === 'string') term.warn(`cannot diff: ${e}`);
    return label ? EXIT_OK : EXIT_USAGE;
  }
  const d = diffSidecars(
    await onArticle(io, a, stringOption('diff', values, 'old-article')),
    await onArticle(io, b, stringOption('diff', values, 'new-article')),
  );
  if (label) io.stdout(visible(`diff --attribution-lens a/${label} b/${label}`) + '\n');
  for (const line of renderDiff(d)) io.stdout(visible(line) + '\n');
  // Like diff(1), 1 says "they differ"; git's diff driver wants 0 unless the driver failed.
  return label || isEmptyDiff(d) ? EXIT_OK : EXIT_PROBLEMS;
}
