// The corpus commands: `attribution-lens report <folder>...` (the corpus report as HTML or CSV)
// and `attribution-lens speakers <folder>...` (probable duplicate speakers), so a desk can run
// them in CI. Both read the folders through the corpus index (loadCorpus), the same reader the
// extension's corpus features use; the report is written by the exports' pipeline writer, which
// never writes over an article or a sidecar.
import { Corpus } from '../core/corpus/corpus';
import { findDuplicateSpeakers } from '../core/corpus/duplicates';
import { LoadedCorpus, loadCorpus } from '../core/corpus/loadCorpus';
import { CORPUS_REPORT_FORMATS, CorpusReportFormat, renderCorpusReport } from '../core/corpus/report';
import { writePlan } from '../core/pipeline/exportWrite';
import { ArticleFinder } from '../core/pipeline/find';
import { protect } from '../core/pipeline/protect';
import { Plan, planTargets, targetsIn } from '../core/pipeline/targets';
import { basename } from '../core/posixPath';
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { plural } from '../core/wording';
import { Command, parse, resolvePath, stringOption, UsageError } from './args';
import { REPORT_HELP, SPEAKERS_HELP } from './corpusHelp';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, TOOL } from './io';
import { terminal, Terminal } from './terminal';

/** The folders as corpus roots, each a folder that is there. */
async function rootsOf(io: CliIo, command: Command, args: readonly string[]): Promise<string[]> {
  if (args.length === 0) throw new UsageError('give the corpus folder (or several)', command);
  const roots: string[] = [];
  for (const arg of args) {
    const abs = resolvePath(io, arg);
    const stat = await io.host.stat(abs).catch(() => undefined);
    if (!stat) throw new UsageError(`${arg}: no such folder`, command);
    if (stat.kind !== 'directory') throw new UsageError(`${arg}: not a folder (the corpus commands read every sidecar under a folder)`, command);
    roots.push(abs);
  }
  return roots;
}

/** Every file's problems, positioned; true when one of them is an error. */
function reportProblems(term: Terminal, loaded: LoadedCorpus): boolean {
  let errors = false;
  for (const file of loaded.problems) {
    for (const p of file.problems) {
      errors ||= p.severity === 'error';
      term.warn(term.located(file.file, p));
    }
    if (file.stale) term.warn(`${term.display(file.file)}: unreadable, left out of the corpus`);
  }
  return errors;
}

async function load(io: CliIo, term: Terminal, roots: string[], pattern: string): Promise<LoadedCorpus> {
  const loaded = await loadCorpus(io.host, roots, { pattern, readLimit: io.readLimit });
  const { articles } = loaded.corpus;
  const annotations = articles.reduce((n, a) => n + a.sidecar.annotations.length, 0);
  term.info(`Read ${plural(articles.length, 'annotated article')} (${plural(annotations, 'annotation')}) under ${roots.map((r) => term.display(r)).join(', ')}.`);
  return loaded;
}

export async function runReport(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('report', args, {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    title: { type: 'string' },
    bom: { type: 'boolean' },
    'sidecar-pattern': { type: 'string' },
  });
  if (values.help) {
    io.stdout(REPORT_HELP);
    return EXIT_OK;
  }
  const format = (stringOption('report', values, 'format') ?? 'html') as CorpusReportFormat;
  if (!CORPUS_REPORT_FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (html or csv)`, 'report');
  const outArg = stringOption('report', values, 'out');
  const pattern = stringOption('report', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const roots = await rootsOf(io, 'report', positionals);
  const term = terminal(io);
  const loaded = await load(io, term, roots, pattern);
  const errors = reportProblems(term, loaded);
  const corpus: Corpus = loaded.corpus;
  if (corpus.articles.length === 0) {
    term.warn(`No annotated article found in ${positionals.join(', ')}: nothing to report.`);
    return EXIT_PROBLEMS;
  }
  const title = stringOption('report', values, 'title') ?? `Corpus report: ${roots.map((r) => basename(r)).join(', ')}`;
  const files = renderCorpusReport(corpus, { format, title, bom: Boolean(values.bom) });
  let plan: Plan | { error: string };
  if (outArg === undefined) plan = targetsIn(roots[0], files);
  else {
    const out = resolvePath(io, outArg);
    const stat = await io.host.stat(out).catch(() => undefined);
    // One HTML page may go to a file named for it; CSV is several tables, so a folder.
    const asFile = format === 'html' && !/[\\/]$/.test(outArg) && (stat ? stat.kind !== 'directory' : /\.html?$/i.test(out));
    plan = planTargets(files, out, asFile ? 'file' : 'folder');
  }
  if ('error' in plan) {
    term.warn(`${TOOL} report: ${plan.error}`);
    return EXIT_PROBLEMS;
  }
  const refs = corpus.articles.map((a) => ({ article: a.article, sidecar: a.sidecarPath }));
  const protection = await protect(io.host, new ArticleFinder(io.host, pattern), refs);
  let failed = false;
  for (const o of await writePlan(io.host, plan, protection, new Set(refs.map((r) => r.article)))) {
    if (o.status === 'written' || o.status === 'unchanged') term.info(`${o.status === 'written' ? 'wrote' : 'unchanged'} ${term.display(o.dest)}`);
    else {
      failed = true;
      term.warn(`not written ${term.display(o.dest)}: ${o.reason}`);
    }
  }
  return failed || errors ? EXIT_PROBLEMS : EXIT_OK;
}

export async function runSpeakers(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('speakers', args, {
    json: { type: 'boolean' },
    'sidecar-pattern': { type: 'string' },
  });
  if (values.help) {
    io.stdout(SPEAKERS_HELP);
    return EXIT_OK;
  }
  const pattern = stringOption('speakers', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const roots = await rootsOf(io, 'speakers', positionals);
  // With --json, stdout carries the data: every line of information goes to stderr.
  const term = terminal(io, Boolean(values.json));
  const loaded = await load(io, term, roots, pattern);
  const errors = reportProblems(term, loaded);
  const pairs = findDuplicateSpeakers(loaded.corpus);
  if (values.json) {
    const rows = pairs.map((p) => ({ keep: p.keep, drop: p.drop, confidence: Math.round(p.confidence * 100) / 100, reasons: p.reasons, names: { [p.a.id]: p.a.names, [p.b.id]: p.b.names }, articles: { [p.a.id]: p.a.articles.length, [p.b.id]: p.b.articles.length } }));
    term.data(JSON.stringify(rows, null, 2) + '\n');
  } else if (pairs.length === 0) term.info('No probable duplicate speakers.');
  else {
    term.info(`${plural(pairs.length, 'probable duplicate pair')} of speakers, surest first:`);
    for (const p of pairs) {
      const side = (s: typeof p.a) => `${s.id} (${s.names.map((n) => `"${n}"`).join(', ')}; ${plural(s.articles.length, 'article')})`;
      term.info(`  ${Math.round(p.confidence * 100)} %  ${side(p.a)}  ~  ${side(p.b)}`);
      term.info(`        ${p.reasons.join('; ')}; keep ${p.keep}, merge ${p.drop} into it`);
    }
  }
  return pairs.length > 0 || errors ? EXIT_PROBLEMS : EXIT_OK;
}
