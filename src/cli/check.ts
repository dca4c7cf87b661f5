// `attribution-lens check`: each sidecar validated and anchored on its article, a line per problem.
import { anchorAnnotations, AnchorResult } from '../core/anchoring';
import { ArticleFinder } from '../core/pipeline/find';
import { readArticle, ReadArticle } from '../core/pipeline/read';
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { findArticles, parse, readFailure, strayMessage, stringOption, UsageError } from './args';
import { HELP } from './help';
import { CliIo, EXIT_OK, EXIT_PROBLEMS } from './io';
import { plural } from '../core/wording';
import { Terminal, terminal } from './terminal';

interface CheckTally {
  articles: number;
  clean: number;
  matching: number;
  moved: number;
  orphaned: number;
  differs: number;
  invalid: number;
  unreadable: number;
  strays: number;
  bare: number;
}

export async function runCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('check', args, { strict: { type: 'boolean' }, 'sidecar-pattern': { type: 'string' } });
  if (values.help) {
    io.stdout(HELP.check);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('missing the paths to check (articles, sidecars or folders)', 'check');
  const pattern = stringOption('check', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const finder = new ArticleFinder(io.host, pattern);
  const found = await findArticles(io, finder, positionals, 'check');
  const t: CheckTally = { articles: 0, clean: 0, matching: 0, moved: 0, orphaned: 0, differs: 0, invalid: 0, unreadable: 0, strays: 0, bare: 0 };
  const term = terminal(io);
  const out = term.info;

  for (const ref of found.articles) {
    t.articles++;
    let read: ReadArticle;
    try {
      read = await readArticle(io.host, ref, term.display(ref.article), io.readLimit);
    } catch (e) {
      t.unreadable++;
      out(`FAIL ${term.display(ref.article)}`);
      out(`  ${readFailure(term, e)}`);
      continue;
    }
    if (checkArticle(term, read, Boolean(values.strict), t)) t.clean++;
  }
  for (const stray of found.strays) {
    t.strays++;
    out(`FAIL ${term.display(stray)}: ${strayMessage(term, finder, stray)}`);
  }
  for (const b of found.bare) {
    t.bare++;
    out(`FAIL ${term.display(b.file)}: no sidecar (expected ${term.display(b.expected)})`);
  }

  const problems = t.articles - t.clean + t.strays + t.bare;
  const details = [
    plural(t.matching, 'annotation matches', 'annotations match'),
    t.moved && `${t.moved} re-anchored`,
    t.orphaned && `${t.orphaned} orphaned`,
    t.differs && `${t.differs} with a different text`,
    t.invalid && plural(t.invalid, 'invalid entry', 'invalid entries'),
    t.unreadable && plural(t.unreadable, 'unreadable file'),
    t.strays && plural(t.strays, 'sidecar without its article', 'sidecars without their article'),
    t.bare && plural(t.bare, 'file without a sidecar', 'files without a sidecar'),
  ].filter(Boolean);
  if (t.articles === 0 && t.strays === 0 && t.bare === 0) {
    out(`No annotated article found in ${positionals.join(', ')} (an article is a file with a sidecar beside it, ${pattern}).`);
    return EXIT_PROBLEMS;
  }
  out(`${plural(t.articles, 'article')} checked, ${t.clean} clean: ${details.join(', ')}.` + (problems ? ` ${plural(problems, 'problem')}.` : ' No problems.'));
  return problems ? EXIT_PROBLEMS : EXIT_OK;
}

/** Prints one article's report; true when it is clean. */
function checkArticle(term: Terminal, read: ReadArticle, strict: boolean, t: CheckTally): boolean {
  const { ref, text, loaded } = read;
  const out = term.info;
  const name = term.display(ref.article);
  const article = loaded.article;
  if (!article) {
    t.invalid += loaded.problems.length;
    out(`FAIL ${name}: the sidecar cannot be read`);
    for (const p of loaded.problems) out(`  ${term.located(ref.sidecar, p)}`);
    return false;
  }
  // loadArticle gives the problems positioned in the sidecar; the anchoring result says which
  // annotations moved, so run it again (it is pure and cheap next to reading the files).
  const anchor: AnchorResult = anchorAnnotations(article.sidecar, text);
  const moved = new Set(anchor.moved);
  const orphaned = new Set(anchor.orphans.map((o) => o.annotation.id));
  const anchorIssues = new Set(anchor.issues.map((i) => `${i.annotationId}\u0000${i.message}`));
  const lines: string[] = [];
  let invalid = 0;
  let differs = 0;
  for (const p of loaded.problems) {
    const fromAnchoring = p.annotationId !== undefined && anchorIssues.has(`${p.annotationId}\u0000${p.message}`);
    let label: string;
    if (!fromAnchoring) {
      invalid++;
      label = p.severity === 'error' ? 'invalid' : 'warning';
    } else if (orphaned.has(p.annotationId!)) label = 'orphaned';
    else if (moved.has(p.annotationId!)) label = 're-anchored';
    else {
      differs++;
      label = 'text differs';
    }
    lines.push(`  ${term.located(ref.sidecar, p, label)}`);
  }
  const total = article.sidecar.annotations.length;
  const matching = total - moved.size - orphaned.size - differs;
  t.matching += matching;
  t.moved += moved.size;
  t.orphaned += orphaned.size;
  t.differs += differs;
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
  const clean = lines.length === 0 && !strictProblem;
  const counts = [
    `${matching} of ${plural(total, 'annotation')} match`,
    moved.size && `${moved.size} re-anchored`,
    orphaned.size && `${orphaned.size} orphaned`,
    differs && `${differs} with a different text`,
    invalid && plural(invalid, 'invalid entry', 'invalid entries'),
  ].filter(Boolean);
  out(`${clean ? 'OK  ' : 'FAIL'} ${name}: ${counts.join(', ')}`);
  for (const line of lines) out(line);
  // A hash that no longer matches is worth saying even when every annotation survived; a
  // missing one is normal in a hand-written sidecar, so only --strict mentions it.
  if (note && (strictProblem || hash !== undefined)) {
    out(`  ${term.display(ref.sidecar)}: ${strictProblem ? 'error' : 'note'}: ${note}`);
  }
  return clean;
}
