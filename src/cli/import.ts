// `attribution-lens import`: brat or W3C annotations with their text into a sidecar, checked to
// read back before it is written, never over an article, the input or another article's sidecar.
import { loadArticle } from '../core/export/article';
import { ImportFormat } from '../core/export/index';
import { basename, dirname, join, relative } from '../core/posixPath';
import { ArticleFinder } from '../core/pipeline/find';
import { protect, refusal } from '../core/pipeline/protect';
import { readText } from '../core/pipeline/read';
import { writeAtomic, WriteError } from '../core/pipeline/write';
import { serializeSidecar } from '../core/sidecar';
import { DEFAULT_SIDECAR_PATTERN, sidecarRelativePath } from '../core/sidecarPath';
import { parse, readFailure, resolvePath, stringOption, UsageError } from './args';
import { HELP } from './help';
import { CliImporter, CliIo, EXIT_OK, EXIT_PROBLEMS, TOOL } from './io';
import { plural } from '../core/wording';
import { terminal } from './terminal';

export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('import', args, {
    text: { type: 'string' },
    out: { type: 'string', short: 'o' },
    format: { type: 'string' },
    force: { type: 'boolean' },
    'sidecar-pattern': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP.import);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('missing the file to import (a brat .ann or a W3C .jsonld file)', 'import');
  if (positionals.length > 1) throw new UsageError(`import takes one file, not ${positionals.length}; run it once per file`, 'import');
  const term = terminal(io);
  const { display, warn } = term;
  const input = resolvePath(io, positionals[0]);
  const formatArg = stringOption('import', values, 'format');
  if (formatArg !== undefined && formatArg !== 'brat' && formatArg !== 'w3c') throw new UsageError(`unknown import format "${formatArg}" (brat or w3c)`, 'import');
  const format: ImportFormat | undefined =
    (formatArg as ImportFormat | undefined) ?? (/\.ann$/i.test(input) ? 'brat' : /\.(jsonld|json)$/i.test(input) ? 'w3c' : undefined);
  if (!format) throw new UsageError(`cannot tell the format of ${positionals[0]} from its name: give --format brat or --format w3c`, 'import');
  const pattern = stringOption('import', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const finder = new ArticleFinder(io.host, pattern);

  const textArg = stringOption('import', values, 'text');
  let textPath: string;
  if (textArg !== undefined) textPath = resolvePath(io, textArg);
  else {
    const guess = format === 'brat' ? input.replace(/\.ann$/i, '.txt') : input.replace(/\.(jsonld|json)$/i, '');
    if (guess === input || (await io.host.stat(guess).catch(() => undefined))?.kind !== 'file') {
      throw new UsageError(`cannot find the text of ${positionals[0]}${guess !== input ? ` (no ${display(guess)})` : ''}: give --text FILE`, 'import');
    }
    textPath = guess;
  }

  let source: string;
  let text: string;
  try {
    source = await readText(io.host, input, io.readLimit);
  } catch (e) {
    warn(readFailure(term, e));
    return EXIT_PROBLEMS;
  }
  try {
    text = await readText(io.host, textPath, io.readLimit);
  } catch (e) {
    warn(`${readFailure(term, e)} (the article text)`);
    return EXIT_PROBLEMS;
  }

  const outArg = stringOption('import', values, 'out');
  let out = finder.sidecarOf(textPath);
  if (outArg !== undefined) {
    const o = resolvePath(io, outArg);
    const stat = await io.host.stat(o).catch(() => undefined);
    out = stat?.kind === 'directory' ? join(o, sidecarRelativePath(basename(textPath), pattern)) : o;
  }
  const protection = await protect(io.host, finder, [], [
    [textPath, 'the text being annotated'],
    [input, 'the file being imported'],
  ]);
  const why = await refusal(protection, out, (await io.host.stat(textPath))?.id);
  if (why) {
    warn(`${TOOL} import: refusing to write the sidecar over ${display(out)}: ${why}`);
    return EXIT_PROBLEMS;
  }
  if (!values.force && (await io.host.stat(out).catch(() => undefined))) {
    warn(`${display(out)} already exists: not overwritten (use --force to replace it)`);
    return EXIT_PROBLEMS;
  }

  const importer = io.importers[format];
  if (!importer) {
    warn(`${TOOL} import: the ${format} importer is not available in this build`);
    return EXIT_PROBLEMS;
  }
  let result: ReturnType<CliImporter>;
  let yaml: string;
  try {
    result = importer(source, text, { file: relative(dirname(out), textPath) });
    yaml = serializeSidecar(result.sidecar);
  } catch (e) {
    warn(`${display(input)}: cannot import: ${e instanceof Error ? e.message : String(e)}`);
    return EXIT_PROBLEMS;
  }
  for (const w of result.warnings) {
    const line = /^line (\d+): /i.exec(w);
    warn(line ? `${display(input)}:${line[1]}: warning: ${w.slice(line[0].length)}` : `${display(input)}: warning: ${w}`);
  }

  // What we write must read back as a sidecar on this text: check before writing.
  const check = loadArticle(basename(textPath), text, yaml);
  const errors = check.problems.filter((p) => p.severity === 'error');
  if (!check.article || errors.length > 0) {
    warn(`${TOOL} import: the sidecar made from ${display(input)} does not read back (nothing written):`);
    for (const p of check.problems) warn(`  ${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    return EXIT_PROBLEMS;
  }
  try {
    await io.host.mkdir(dirname(out));
    await writeAtomic(io.host, out, yaml, { replace: Boolean(values.force) });
  } catch (e) {
    if (!(e instanceof WriteError)) {
      warn(`${display(out)}: cannot make its folder: ${e instanceof Error ? e.message : String(e)}`);
      return EXIT_PROBLEMS;
    }
    warn(`${display(out)}: ${e.code === 'EEXIST' ? 'already exists: not overwritten (use --force to replace it)' : e.message}`);
    return EXIT_PROBLEMS;
  }
  for (const p of check.problems) warn(term.located(out, p));
  const a = check.article;
  term.info(
    `wrote ${display(out)}: ${plural(a.sidecar.speakers.size, 'speaker')}, ${plural(a.sidecar.demands.size, 'demand')}, ` +
      `${plural(a.placed.length + a.orphans.length, 'annotation')} on ${display(textPath)}` +
      (a.orphans.length ? ` (${a.orphans.length} to review: run "${TOOL} check")` : ''),
  );
  return EXIT_OK;
}
