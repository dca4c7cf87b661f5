// `attribution-lens agree A B`: agreement between two annotators of one article (agreement.ts),
// both sidecars read through the pipeline and put on the article, the figures printed, the
// disagreements printed or written to a file to review.
import { compareAnnotators } from '../core/corpus/agreement';
import { AgreementContext, agreementTable, disagreementLabel, disagreementsCsv, disagreementsMarkdown } from '../core/corpus/agreementReport';
import { loadArticle } from '../core/export/article';
import { Annotation, Sidecar } from '../core/model';
import { ArticleFinder } from '../core/pipeline/find';
import { protect, refusal } from '../core/pipeline/protect';
import { readText } from '../core/pipeline/read';
import { writeAtomic, WriteError } from '../core/pipeline/write';
import { dirname } from '../core/posixPath';
import { parseSidecar } from '../core/sidecar';
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { errorText, plural } from '../core/wording';
import { parse, readFailure, resolvePath, stringOption, UsageError } from './args';
import { AGREE_HELP } from './agreeHelp';
import { CliIo, EXIT_OK, EXIT_PROBLEMS } from './io';
import { articleBeside } from './merge';
import { terminal, Terminal } from './terminal';

interface Side {
  label: string;
  arg: string;
  sidecar: string;
  /** The article the sidecar belongs to, when it is there. */
  article?: string;
}

/** An argument as a side: an article with its sidecar, a sidecar named by the pattern, or any other file read as a sidecar. */
async function sideOf(io: CliIo, finder: ArticleFinder, arg: string, label: string): Promise<Side> {
  const abs = resolvePath(io, arg);
  const stat = await io.host.stat(abs).catch(() => undefined);
  if (!stat) throw new UsageError(`${arg}: no such file`, 'agree');
  if (stat.kind === 'directory') throw new UsageError(`${arg}: is a folder; give a sidecar or an article`, 'agree');
  if (finder.looksLikeSidecar(abs)) return { label, arg, sidecar: abs, article: await finder.articleOf(abs) };
  if (await finder.isArticle(abs)) return { label, arg, sidecar: finder.sidecarOf(abs), article: abs };
  return { label, arg, sidecar: abs };
}

/** The side's annotations on the article (or as stored), or undefined when its sidecar has errors (reported). */
function annotationsOf(term: Terminal, side: Side, source: string, text: string | undefined): { sidecar: Sidecar; placed: Annotation[] } | undefined {
  if (text !== undefined) {
    const loaded = loadArticle(side.arg, text, source);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    if (!loaded.article || errors.length) {
      term.warn(`cannot compare ${side.label}: ${term.display(side.sidecar)} has ${plural(Math.max(errors.length, 1), 'error')}`);
      for (const p of errors) term.warn(`  ${term.located(side.sidecar, p)}`);
      return undefined;
    }
    const { orphans, placed, sidecar } = loaded.article;
    if (orphans.length) term.warn(`${side.label}: ${plural(orphans.length, 'annotation')} not found on the article, not compared: ${orphans.map((o) => o.annotation.id).join(', ')}`);
    return { sidecar, placed };
  }
  const parsed = parseSidecar(source);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (!parsed.sidecar || errors.length) {
    term.warn(`cannot compare ${side.label}: ${term.display(side.sidecar)} has ${plural(Math.max(errors.length, 1), 'error')}`);
    for (const p of errors) term.warn(`  ${term.located(side.sidecar, p)}`);
    return undefined;
  }
  // An orphan's offsets only say where it last was: they are no place to compare.
  const orphans = parsed.sidecar.annotations.filter((a) => a.review?.status === 'orphan');
  if (orphans.length) term.warn(`${side.label}: ${plural(orphans.length, 'orphan')} (no trusted offsets), not compared: ${orphans.map((a) => a.id).join(', ')}`);
  return { sidecar: parsed.sidecar, placed: parsed.sidecar.annotations.filter((a) => a.review?.status !== 'orphan') };
}

export async function runAgree(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('agree', args, {
    out: { type: 'string', short: 'o' },
    article: { type: 'string' },
    'sidecar-pattern': { type: 'string' },
  });
  if (values.help) {
    io.stdout(AGREE_HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 2) throw new UsageError('give two sidecars (or articles) of the same article: A and B', 'agree');
  const outArg = stringOption('agree', values, 'out');
  const format = outArg === undefined ? undefined : /\.csv$/i.test(outArg) ? 'csv' : /\.(?:md|markdown)$/i.test(outArg) ? 'markdown' : undefined;
  if (outArg !== undefined && !format) throw new UsageError(`--out ${outArg}: name a .csv or a .md file`, 'agree');
  const finder = new ArticleFinder(io.host, stringOption('agree', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN);
  const sides = [await sideOf(io, finder, positionals[0], 'A'), await sideOf(io, finder, positionals[1], 'B')];
  const term = terminal(io);

  const sources: string[] = [];
  for (const side of sides) {
    try {
      sources.push(await readText(io.host, side.sidecar, io.readLimit));
    } catch (e) {
      term.warn(`cannot compare ${side.label}: ${readFailure(term, e)}`);
      return EXIT_PROBLEMS;
    }
  }
  const articleArg = stringOption('agree', values, 'article');
  let article = articleArg === undefined ? (sides[0].article ?? sides[1].article) : resolvePath(io, articleArg);
  for (let i = 0; article === undefined && i < sides.length; i++) {
    const beside = articleBeside(sides[i].sidecar, sources[i]);
    if (beside && (await io.host.stat(beside).catch(() => undefined))?.kind === 'file') article = beside;
  }
  let text: string | undefined;
  if (article !== undefined) {
    try {
      text = await readText(io.host, article, io.readLimit);
    } catch (e) {
      if (articleArg !== undefined) {
        term.warn(`cannot read the article: ${readFailure(term, e)}`);
        return EXIT_PROBLEMS;
      }
      term.warn(`the article could not be read (${readFailure(term, e)}): comparing the offsets stored in the sidecars`);
      article = undefined;
    }
  } else {
    term.warn('no article found (give --article): comparing the offsets stored in the sidecars');
  }

  const read = sides.map((side, i) => annotationsOf(term, side, sources[i], text));
  if (!read[0] || !read[1]) return EXIT_PROBLEMS;
  const [a, b] = read as [NonNullable<(typeof read)[0]>, NonNullable<(typeof read)[1]>];
  if (text === undefined && a.sidecar.document.offsets !== b.sidecar.document.offsets) {
    term.warn(`A counts offsets in ${a.sidecar.document.offsets} and B in ${b.sidecar.document.offsets}: without the article they cannot be compared (give --article)`);
    return EXIT_PROBLEMS;
  }
  const result = compareAnnotators(a.placed, b.placed);
  const ctx: AgreementContext = { a: { label: 'A', sidecar: a.sidecar }, b: { label: 'B', sidecar: b.sidecar }, text };

  for (const side of sides) term.info(`${side.label}: ${term.display(side.sidecar)}`);
  if (article !== undefined) term.info(`on ${term.display(article)}`);
  term.info('');
  for (const line of agreementTable(result)) term.info(line);
  term.info('');
  const n = result.disagreements.length;
  if (outArg === undefined) {
    term.info(n ? `${plural(n, 'disagreement')}:` : 'No disagreement.');
    for (const d of result.disagreements) {
      const x = d.kind === 'only-b' ? d.b : d.a;
      const ids = d.kind === 'differ' ? `A ${d.a.id} / B ${d.b.id}` : `${d.kind === 'only-a' ? 'A' : 'B'} ${x.id}`;
      const quoted = text !== undefined ? text.slice(x.start, x.end) : (x.text ?? '');
      term.info(`  ${d.type} ${ids} at ${x.start}-${x.end}: ${disagreementLabel(d, ctx)}: “${quoted.replace(/\s+/g, ' ').trim()}”`);
    }
    return EXIT_OK;
  }

  const target = resolvePath(io, outArg);
  const refs = sides.filter((s) => s.article !== undefined).map((s) => ({ article: s.article!, sidecar: s.sidecar }));
  const extra: [string, string][] = [...sides.map((s): [string, string] => [s.sidecar, `${s.label}'s sidecar`]), ...(article ? [[article, 'the article'] as [string, string]] : [])];
  const why = await refusal(await protect(io.host, finder, refs, extra), target);
  if (why) {
    term.warn(`not written ${term.display(target)}: ${why}`);
    return EXIT_PROBLEMS;
  }
  try {
    await io.host.mkdir(dirname(target));
    await writeAtomic(io.host, target, format === 'csv' ? disagreementsCsv(result, ctx) : disagreementsMarkdown(result, ctx));
  } catch (e) {
    term.warn(`not written ${term.display(target)}: ${e instanceof WriteError ? e.message : errorText(e)}`);
    return EXIT_PROBLEMS;
  }
  term.info(`${plural(n, 'disagreement')} written to ${term.display(target)}`);
  return EXIT_OK;
}
