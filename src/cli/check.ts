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
import { CliIo, EXIT_OK, EXIT_PROBLEMS, EXIT_REVIEW, EXIT_STALE } from './io';
import { Review } from '../core/model';
import { ProposalFinder } from '../core/reviewProposal';
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
  conflicts: number;
  /** Articles not clean only because of stale offsets (fixable with --fix). */
  staleOnly: number;
  /** Articles not clean only because of repaired spans awaiting a person (and maybe stale offsets). */
  reviewOnly: number;
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
  /** The review flag the sidecar has (or gets with --fix): orphan or repaired, was, reason. */
  review?: Review;
  /** For an orphan: the best place below the confidence threshold, to look at. */
  proposal?: { start: number; end: number; text: string; score: number };
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
  const t: CheckTally = { articles: 0, clean: 0, exact: 0, moved: 0, repaired: 0, orphan: 0, invalid: 0, fixed: 0, conflicts: 0, staleOnly: 0, reviewOnly: 0, unreadable: 0, strays: 0, bare: 0 };
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
        const kept = [result.orphans && plural(result.orphans, 'orphan'), result.repaired && `${result.repaired} repaired`].filter(Boolean).join(' and ');
        out(`  fixed: ${term.display(ref.sidecar)} rewritten with the new offsets${kept ? `; ${kept} flagged for review` : ''}`);
      } else out(`  not fixed: ${term.display(ref.sidecar)}: ${result.reason}`);
    }
    if (report.clean || (fixed && report.onlyStale)) t.clean++;
    // A sidecar --fix was asked to rewrite and could not is a problem of its own (exit 1).
    else if (report.onlyStale && !values.fix) t.staleOnly++;
    else if (report.onlyReview && (fixed || !values.fix || !report.stale)) t.reviewOnly++;
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
    t.conflicts && plural(t.conflicts, 'merge conflict'),
    t.fixed && plural(t.fixed, 'sidecar fixed', 'sidecars fixed'),
    t.unreadable && plural(t.unreadable, 'unreadable file'),
    t.strays && plural(t.strays, 'sidecar without its article', 'sidecars without their article'),
    t.bare && plural(t.bare, 'file without a sidecar', 'files without a sidecar'),
  ].filter(Boolean);
  out(`${plural(t.articles, 'article')} checked, ${t.clean} clean: ${details.join(', ')}.` + (problems ? ` ${plural(problems, 'problem')}.` : ' No problems.'));
  if (!problems) return EXIT_OK;
  if (problems === t.staleOnly) return EXIT_STALE;
  return problems === t.staleOnly + t.reviewOnly ? EXIT_REVIEW : EXIT_PROBLEMS;
}

interface ArticleReport {
  clean: boolean;
  /** Some annotation moved or was repaired: --fix has something to write. */
  stale: boolean;
  /** Not clean only because of stale offsets. */
  onlyStale: boolean;
  /** Not clean only because of repaired spans to review (with or without stale offsets). */
  onlyReview: boolean;
  json: Pick<JsonArticle, 'readable' | 'annotations' | 'problems'>;
}

const GROUPS = [
  ['orphan', 'orphans (not placed: kept in the sidecar, flagged, to place again by hand)'],
  ['repaired', 'needs review (the annotated text itself was edited: placed, flagged until a person accepts it)'],
  ['conflict', 'merge conflicts (resolve each as ours or theirs)'],
  ['moved', 'moved (same text elsewhere: stale offsets, --fix rewrites them)'],
  ['invalid', 'invalid'],
  ['warning', 'warnings (the file is still read and written; an id not defined in this sidecar may be defined in the workspace speakers file or another sidecar)'],
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
    return { clean: false, stale: false, onlyStale: false, onlyReview: false, json: { readable: false, annotations: [], problems: jsonProblems } };
  }
  // loadArticle gives the problems positioned in the sidecar, and the outcomes of the anchoring
  // it ran say what became of each annotation.
  const anchorIssues = new Set(anchor.issues.map((i) => `${i.annotationId}\u0000${i.message}`));
  const fromAnchoring = (p: Problem) => p.annotationId !== undefined && anchorIssues.has(`${p.annotationId}\u0000${p.message}`);
  const status = new Map(anchor.outcomes.map((o) => [o.annotationId, o]));
  const groups: Record<(typeof GROUPS)[number][0], string[]> = { orphan: [], repaired: [], conflict: [], moved: [], invalid: [], warning: [] };
  const invalidIds = new Set<string>();
  const proposals = new ProposalFinder(read.text);
  for (const p of loaded.problems) {
    const o = fromAnchoring(p) ? status.get(p.annotationId!) : undefined;
    // A flagged span is to review whatever anchoring did with it this time.
    const group = o?.review?.status === 'repaired' ? 'repaired' : o?.status;
    if (o && group && group !== 'exact') {
      groups[group].push(`    ${term.located(ref.sidecar, p, group)}`);
      if (group === 'repaired' && o.oldText !== undefined && o.newText !== undefined) groups.repaired.push(`      was: ${JSON.stringify(o.oldText)}`, `      now: ${JSON.stringify(o.newText)}`);
      continue;
    }
    // A warning of the reader (a speaker id defined elsewhere, a colour it cannot use) keeps the
    // annotation as it is: listed, never counted as invalid.
    if (!o && p.severity === 'warning') {
      groups.warning.push(`    ${term.located(ref.sidecar, p, 'warning')}`);
      continue;
    }
    if (p.annotationId !== undefined) invalidIds.add(p.annotationId);
    const label = o ? 'text differs' : p.severity === 'error' ? 'invalid' : 'warning';
    groups.invalid.push(`    ${term.located(ref.sidecar, p, label)}`);
  }
  for (const p of loaded.conflicts) groups.conflict.push(`    ${term.located(ref.sidecar, p, 'conflict')}`);
  const stored = new Map(article.sidecar.annotations.map((a) => [a.id, a]));
  const annotations: JsonAnnotation[] = anchor.outcomes.map((o) => {
    const j: JsonAnnotation = { id: o.annotationId, status: invalidIds.has(o.annotationId) ? 'invalid' : o.status, score: o.score, start: o.start ?? null, end: o.end ?? null };
    if (o.status === 'repaired') Object.assign(j, { oldText: o.oldText ?? null, newText: o.newText ?? null });
    if (o.review) j.review = o.review;
    if (o.status === 'orphan' && !invalidIds.has(o.annotationId)) {
      const proposal = proposals.propose(stored.get(o.annotationId)!);
      if (proposal) {
        j.proposal = { ...proposal, score: Math.round(proposal.score * 1000) / 1000 };
        groups.orphan.push(`      best place below the threshold: ${where(read.text, proposal.start)} ${JSON.stringify(proposal.text)}`);
      }
    }
    return j;
  });
  // An entry the reader rejected is not in the sidecar model at all: listed by its id.
  const placedIds = new Set(anchor.outcomes.map((o) => o.annotationId));
  for (const id of invalidIds) if (!placedIds.has(id)) annotations.push({ id, status: 'invalid', score: 0, start: null, end: null });
  const count = (s: JsonAnnotation['status']) => annotations.filter((a) => a.status === s).length;
  const flagged = (a: JsonAnnotation) => a.status !== 'invalid' && a.review?.status === 'repaired';
  const exact = annotations.filter((a) => a.status === 'exact' && !flagged(a)).length;
  const moved = annotations.filter((a) => a.status === 'moved' && !flagged(a)).length;
  const repaired = annotations.filter(flagged).length;
  const orphan = count('orphan');
  const invalid = groups.invalid.length;
  const conflicts = loaded.conflicts.length;
  t.conflicts += conflicts;
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
  // Stale: --fix has something to write (new offsets, or a review flag to set or drop).
  const stale = anchor.outcomes.some((o) => o.status === 'moved' || o.status === 'repaired' || !sameReview(o.review, stored.get(o.annotationId)?.review));
  const settled = orphan === 0 && invalid === 0 && conflicts === 0 && !strictProblem;
  const clean = !stale && repaired === 0 && settled;
  const onlyStale = stale && repaired === 0 && settled;
  const onlyReview = repaired > 0 && settled;
  const total = article.sidecar.annotations.length;
  const counts = [
    `${exact} of ${plural(total, 'annotation')} exact`,
    moved && `${moved} moved`,
    repaired && `${repaired} repaired`,
    orphan && plural(orphan, 'orphan'),
    invalid && `${invalid} invalid`,
    conflicts && plural(conflicts, 'merge conflict'),
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
  return { clean, stale, onlyStale, onlyReview, json: { readable: true, annotations, problems: [...jsonProblems, ...loaded.conflicts.map((p) => ({ id: p.annotationId ?? null, severity: p.severity, line: p.line, column: p.column, message: p.message }))] } };
}

function sameReview(x: Review | undefined, y: Review | undefined): boolean {
  return x?.status === y?.status && x?.was === y?.was && x?.reason === y?.reason;
}

/** `line L, column C` of a UTF-16 offset in the article, columns in UTF-16 units as in VS Code. */
function where(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `at line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}
