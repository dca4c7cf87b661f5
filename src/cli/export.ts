// `attribution-lens export`: the articles found, read and exported, the files written by the
// pipeline's rules (targets, protected files, atomic writes).
import { pathToFileURL } from 'node:url';
import { ArticleInput, ExportFormat } from '../core/export/types';
import { commonFolder, relative } from '../core/posixPath';
import { writePlan } from '../core/pipeline/exportWrite';
import { ArticleFinder } from '../core/pipeline/find';
import { protect } from '../core/pipeline/protect';
import { readArticle, ReadArticle } from '../core/pipeline/read';
import { outKind, planTargets, targetsIn } from '../core/pipeline/targets';
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { baseIriProblem } from '../core/pipeline/baseIri';
import { findArticles, parse, readFailure, resolvePath, strayMessage, stringOption, UsageError } from './args';
import { HELP } from './help';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, TOOL } from './io';
import { plural } from '../core/wording';
import { terminal } from './terminal';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv', 'markdown', 'html', 'brat', 'w3c'];

export async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('export', args, {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    bom: { type: 'boolean' },
    name: { type: 'string' },
    'sidecar-pattern': { type: 'string' },
    'base-iri': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP.export);
    return EXIT_OK;
  }
  const format = stringOption('export', values, 'format');
  if (format === undefined) throw new UsageError(`missing --format (one of ${EXPORT_FORMATS.join(', ')})`, 'export');
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (one of ${EXPORT_FORMATS.join(', ')})`, 'export');
  }
  if (positionals.length === 0) throw new UsageError('missing the paths to export (articles, sidecars or folders)', 'export');
  const outArg = stringOption('export', values, 'out');
  const name = stringOption('export', values, 'name');
  if (name !== undefined && /[\\/]/.test(name)) throw new UsageError(`--name is a file name without folders, not "${name}"`, 'export');
  const pattern = stringOption('export', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const baseIri = stringOption('export', values, 'base-iri');
  if (baseIri !== undefined) {
    // Refused rather than ignored: a script passing it to every format would think it took effect.
    if (format !== 'w3c') throw new UsageError(`--base-iri is for --format w3c only (the ${format} export names no IRIs)`, 'export');
    const problem = baseIriProblem(baseIri);
    if (problem) throw new UsageError(`--base-iri: ${problem}`, 'export');
  }
  const toStdout = outArg === '-';
  // With the data on stdout, everything else goes to stderr so a pipe gets only the data.
  const term = terminal(io, toStdout);
  const exporter = io.exporters[format as ExportFormat];
  if (!exporter) {
    term.warn(`${TOOL} export: the ${format} format is not available in this build`);
    return EXIT_PROBLEMS;
  }
  const { info, warn } = term;

  const finder = new ArticleFinder(io.host, pattern);
  const found = await findArticles(io, finder, positionals, 'export');
  let failed = false;
  for (const stray of found.strays) {
    failed = true;
    warn(`skipped ${term.display(stray)}: ${strayMessage(term, finder, stray)}`);
  }
  for (const b of found.bare) {
    failed = true;
    warn(`skipped ${term.display(b.file)}: no sidecar (expected ${term.display(b.expected)})`);
  }

  const root = commonFolder(found.articles.map((r) => r.article));
  const inputs: ArticleInput[] = [];
  for (const ref of found.articles) {
    let read: ReadArticle;
    try {
      // The path as given, links not resolved: the name the user addressed the article by (a
      // symlinked folder of published articles stays that folder), like its relative `path`.
      read = await readArticle(io.host, ref, relative(root, ref.article), io.readLimit, pathToFileURL(ref.article).href);
    } catch (e) {
      failed = true;
      warn(`skipped ${term.display(ref.article)}: ${readFailure(term, e)}`);
      continue;
    }
    const errors = read.loaded.problems.filter((p) => p.severity === 'error');
    if (!read.loaded.article || errors.length > 0) {
      // A sidecar with errors loses the entries it cannot read: exporting the rest would look complete and not be.
      failed = true;
      warn(`skipped ${term.display(ref.article)}: its sidecar has ${plural(errors.length, 'error')}`);
      for (const p of errors) warn(`  ${term.located(ref.sidecar, p)}`);
      continue;
    }
    for (const p of read.loaded.problems) warn(term.located(ref.sidecar, p));
    inputs.push(read.loaded.article);
  }
  if (inputs.length === 0) {
    warn(found.articles.length === 0 && !failed ? `No annotated article found in ${positionals.join(', ')}.` : 'Nothing exported.');
    return EXIT_PROBLEMS;
  }

  const files = exporter(inputs, { bom: Boolean(values.bom), name, baseIri });
  let written = 0;
  if (toStdout) {
    if (files.length !== 1) {
      throw new UsageError(`--out - needs a single file, and this export gives ${files.length}: give --out FOLDER`, 'export');
    }
    term.data(files[0].content);
    written = 1;
  } else {
    let plan;
    if (outArg === undefined) plan = targetsIn(root, files);
    else {
      const out = resolvePath(io, outArg);
      plan = planTargets(files, out, await outKind(io.host, format as ExportFormat, out, outArg));
    }
    if ('error' in plan) {
      warn(`${TOOL} export: ${plan.error}`);
      return EXIT_PROBLEMS;
    }
    const protection = await protect(io.host, finder, found.articles);
    for (const o of await writePlan(io.host, plan, protection, new Set(found.articles.map((a) => a.article)))) {
      if (o.status === 'written') {
        written++;
        info(`wrote ${term.display(o.dest)}`);
      } else if (o.status === 'kept') {
        warn(`kept ${term.display(o.dest)}: ${o.reason}`);
      } else if (o.status !== 'unchanged') {
        failed = true;
        warn(`not written ${term.display(o.dest)}: ${o.reason}`);
      }
    }
  }
  const annotations = inputs.reduce((n, a) => n + a.placed.length + a.orphans.length, 0);
  const skipped = found.articles.length - inputs.length + found.strays.length + found.bare.length;
  info(
    `Exported ${plural(inputs.length, 'article')} (${plural(annotations, 'annotation')}) as ${format}: ${plural(written, 'file')} written` +
      (skipped ? `, ${skipped} skipped.` : '.'),
  );
  return failed ? EXIT_PROBLEMS : EXIT_OK;
}
