// `attribution-lens check`: each sidecar validated and anchored on its article, grouped by what
// needs a person (orphans, then edited spans to review, then moved ones, then invalid entries);
// `--json` for scripts, `--fix` to write the re-anchored sidecar.
import { AnchorOutcome } from '../core/anchoring';
import { ArticleFinder } from '../core/pipeline/find';
import { readArticle, ReadArticle } from '../core/pipeline/read';
import { Problem } from '../core/sidecar';
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { findArticles, parse, readFailure, strayMessage, stringOption, UsageError } from './args';
import { fixSidecar } from './checkFix';
import { HELP } from './help';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_STALE } from './io';
import { plural } from '../core/wording';
import { Terminal, terminal } from './terminal';

interface CheckTally {
  articles: number;
  clean: number;
  exact: number;
  moved: number;
  repaired: number;
  orphan: number;
  invalid: number;
  fixed: number;
  /** Articles not clean only because of stale offsets (fixable with --fix). */
  staleOnly: number;
  unreadable: number;
  strays: number;
  bare: number;
}

/** One annotation in `--json`, keys in this order. */
interface JsonAnnotation {
  id: string;
  status: AnchorOutcome['status'] | 'invalid';
  score: number;
  start: number | null;
  end: number | null;
  oldText?: string;
  newText?: string;
}

interface JsonArticle {
  article: string;
  sidecar: string;
  readable: boolean;
  fixed: boolean;
  annotations: JsonAnnotation[];
  problems: { id: string | null; severity: string; line: number; column: number; message: string }[];
}

export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('check', args, {
    strict: { type: 'boolean' },
    json: { type: 'boolean' },
    fix: { type: 'boolean' },
    'sidecar-pattern': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP.check);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('missing the paths to check (articles, sidecars or folders)', 'check');
  const pattern = stringOption('check', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const json = Boolean(values.json);
  const finder = new ArticleFinder(io.host, pattern);
  const found = await findArticles(io, finder, positionals, 'check');
  const t: CheckTally = { articles: 0, clean: 0, exact: 0, moved: 0, repaired: 0, orphan: 0, invalid: 0, fixed: 0, staleOnly: 0, unreadable: 0, strays: 0, bare: 0 };
  // With --json standard output carries the document alone; the report goes to standard error.
  const term = terminal(io, json);
  const out = term.info;
  const articles: JsonArticle[] = [];

  for (const ref of found.articles) {
    t.articles++;
    let read: ReadArticle;
    try {
      read = await readArticle(io.host, ref, term.display(ref.article), io.readLimit);
    } catch (e) {
      t.unreadable++;
      out(`FAIL ${term.display(ref.article)}`);
      out(`  ${readFailure(term, e)}`);
      articles.push({ article: term.display(ref.article), sidecar: term.display(ref.sidecar), readable: false, fixed: false, annotations: [], problems: [] });
      continue;
    }
    const report = checkArticle(term, read, Boolean(values.strict), t);
    let fixed = false;
    if (values.fix && report.stale) {
      const result = await fixSidecar(io, read, term.display(ref.article));
      if (result.ok) {
        fixed = true;
        t.fixed++;
        out(`  fixed: ${term.display(ref.sidecar)} rewritten with the new offsets${result.orphans ? `; ${plural(result.orphans, 'orphan')} left untouched, to review` : ''}`);
      } else out(`  not fixed: ${term.display(ref.sidecar)}: ${result.reason}`);
    }
    if (report.clean || (fixed && report.onlyStale)) t.clean++;
    // A sidecar --fix was asked to rewrite and could not is a problem of its own (exit 1).
    else if (report.onlyStale && !values.fix) t.staleOnly++;
    articles.push({ article: term.display(ref.article), sidecar: term.display(ref.sidecar), readable: report.json.readable, fixed, annotations: report.json.annotations, problems: report.json.problems });
  }
  for (const stray of found.strays) {
    t.strays++;
    out(`FAIL ${term.display(stray)}: ${strayMessage(term, finder, stray)}`);
  }
  for (const b of found.bare) {
    t.bare++;
    out(`FAIL ${term.display(b.file)}: no sidecar (expected ${term.display(b.expected)})`);
  }
  if (json) term.data(JSON.stringify({ articles, strays: found.strays.map(term.display), bare: found.bare.map((b) => ({ file: term.display(b.file), expected: term.display(b.expected) })) }, null, 2) + '\n');

  if (t.articles === 0 && t.strays === 0 && t.bare === 0) {
    out(`No annotated article found in ${positionals.join(', ')} (an article is a file with a sidecar beside it, ${pattern}).`);
    return EXIT_PROBLEMS;
  }
  const problems = t.articles - t.clean + t.strays + t.bare;
  const details = [
    `${t.exact} exact`,
    `${t.moved} moved`,
    `${t.repaired} repaired`,
    plural(t.orphan, 'orphan'),
    `${t.invalid} invalid`,
    t.fixed && plural(t.fixed, 'sidecar fixed', 'sidecars fixed'),
    t.unreadable && plural(t.unreadable, 'unreadable file'),
    t.strays && plural(t.strays, 'sidecar without its article', 'sidecars without their article'),
    t.bare && plural(t.bare, 'file without a sidecar', 'files without a sidecar'),
  ].filter(Boolean);
  out(`${plural(t.articles, 'article')} checked, ${t.clean} clean: ${details.join(', ')}.` + (problems ? ` ${plural(problems, 'problem')}.` : ' No problems.'));
  if (!problems) return EXIT_OK;
  return problems === t.staleOnly ? EXIT_STALE : EXIT_PROBLEMS;
}

interface ArticleReport {
  clean: boolean;
  /** Some annotation moved or was repaired: --fix has something to write. */
  stale: boolean;
  /** Not clean only because of stale offsets. */
  onlyStale: boolean;
  json: Pick<JsonArticle, 'readable' | 'annotations' | 'problems'>;
}

const GROUPS = [
  ['orphan', 'orphans (not placed: kept in the sidecar, to place again by hand)'],
  ['repaired', 'needs review (the annotated text itself was edited)'],
  ['moved', 'moved (same text elsewhere: stale offsets, --fix rewrites them)'],
  ['invalid', 'invalid'],
] as const;

/** Prints one article's report and counts it into `t`. */
function checkArticle(term: Terminal, read: ReadArticle, strict: boolean, t: CheckTally): ArticleReport {
  const { ref, loaded } = read;
  const out = term.info;
  const name = term.display(ref.article);
  const { article, anchor } = loaded;
  const jsonProblems = loaded.problems.map((p) => ({ id: p.annotationId ?? null, severity: p.severity, line: p.line, column: p.column, message: p.message }));
  if (!article || !anchor) {
    t.invalid += loaded.problems.length;
    out(`FAIL ${name}: the sidecar cannot be read`);
    for (const p of loaded.problems) out(`  ${term.located(ref.sidecar, p)}`);
    return { clean: false, stale: false, onlyStale: false, json: { readable: false, annotations: [], problems: jsonProblems } };
  }
  // loadArticle gives the problems positioned in the sidecar, and the outcomes of the anchoring
  // it ran say what became of each annotation.
  const anchorIssues = new Set(anchor.issues.map((i) => `${i.annotationId}\u0000${i.message}`));
  const fromAnchoring = (p: Problem) => p.annotationId !== undefined && anchorIssues.has(`${p.annotationId}\u0000${p.message}`);
  const status = new Map(anchor.outcomes.map((o) => [o.annotationId, o]));
  const groups: Record<(typeof GROUPS)[number][0], string[]> = { orphan: [], repaired: [], moved: [], invalid: [] };
  const invalidIds = new Set<string>();
  for (const p of loaded.problems) {
    const o = fromAnchoring(p) ? status.get(p.annotationId!) : undefined;
    if (o && o.status !== 'exact') {
      groups[o.status].push(`    ${term.located(ref.sidecar, p, o.status)}`);
      continue;
    }
    if (p.annotationId !== undefined) invalidIds.add(p.annotationId);
    const label = o ? 'text differs' : p.severity === 'error' ? 'invalid' : 'warning';
    groups.invalid.push(`    ${term.located(ref.sidecar, p, label)}`);
  }
  const annotations: JsonAnnotation[] = anchor.outcomes.map((o) => {
    const j: JsonAnnotation = { id: o.annotationId, status: invalidIds.has(o.annotationId) ? 'invalid' : o.status, score: o.score, start: o.start ?? null, end: o.end ?? null };
    if (o.status === 'repaired') Object.assign(j, { oldText: o.oldText ?? null, newText: o.newText ?? null });
    return j;
  });
  // An entry the reader rejected is not in the sidecar model at all: listed by its id.
  const placedIds = new Set(anchor.outcomes.map((o) => o.annotationId));
  for (const id of invalidIds) if (!placedIds.has(id)) annotations.push({ id, status: 'invalid', score: 0, start: null, end: null });
  const count = (s: JsonAnnotation['status']) => annotations.filter((a) => a.status === s).length;
  const exact = count('exact');
  const moved = count('moved');
  const repaired = count('repaired');
  const orphan = count('orphan');
  const invalid = groups.invalid.length;
  t.exact += exact;
  t.moved += moved;
  t.repaired += repaired;
  t.orphan += orphan;
  t.invalid += invalid;

  const hash = article.sidecar.document.sha256;
  let note: string | undefined;
  let strictProblem = false;
  if (hash === undefined) {
    note = 'the sidecar has no document.sha256, so each annotation was checked by its text';
    strictProblem = strict;
  } else if (!anchor.hashMatches) {
    note = 'document.sha256 does not match the article: it changed since the sidecar was written';
    strictProblem = strict;
  }
  const stale = moved + repaired > 0;
  const clean = !stale && orphan === 0 && invalid === 0 && !strictProblem;
  const onlyStale = stale && orphan === 0 && invalid === 0 && !strictProblem;
  const total = article.sidecar.annotations.length;
  const counts = [
    `${exact} of ${plural(total, 'annotation')} exact`,
    moved && `${moved} moved`,
    repaired && `${repaired} repaired`,
    orphan && plural(orphan, 'orphan'),
    invalid && `${invalid} invalid`,
  ].filter(Boolean);
  out(`${clean ? 'OK  ' : 'FAIL'} ${name}: ${counts.join(', ')}`);
  for (const [key, title] of GROUPS) {
    if (groups[key].length === 0) continue;
    out(`  ${title}:`);
    for (const line of groups[key]) out(line);
  }
  // A hash that no longer matches is worth saying even when every annotation survived; a
  // missing one is normal in a hand-written sidecar, so only --strict mentions it.
  if (note && (strictProblem || hash !== undefined)) {
    out(`  ${term.display(ref.sidecar)}: ${strictProblem ? 'error' : 'note'}: ${note}`);
  }
  return { clean, stale, onlyStale, json: { readable: true, annotations, problems: jsonProblems } };
}
