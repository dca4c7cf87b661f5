// `attribution-lens suggest`: the attribution engine's suggestions for articles, printed in the
// sidecar's model (--json, one line per article) or merged into their sidecars (--write), or
// for a stream of `{"id", "text"}` lines (--jsonl, suggestJsonl.ts). An article's sidecar, when it
// has one, says what not to propose again: its annotations as placed on the text, and the
// suggestions rejected before.
import { Document } from 'yaml';
import { LoadedArticle, loadArticle } from '../core/export/article';
import { emptySidecar, Sidecar } from '../core/model';
import { ArticleFinder } from '../core/pipeline/find';
import { protect, refusal } from '../core/pipeline/protect';
import { readText } from '../core/pipeline/read';
import { writeAtomic } from '../core/pipeline/write';
import { basename, dirname, join, relative } from '../core/posixPath';
import { parseSidecar, serializeSidecar } from '../core/sidecar';
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { mergeSuggestions } from '../core/suggest/mergeSuggestions';
import { AttributionModel } from '../core/suggest/modelFile';
import { suggestForArticle, SuggestionSet, suggestionKey } from '../core/suggest/suggestions';
import { sha256Hex } from '../core/text';
import { errorText, plural } from '../core/wording';
import { parse, readFailure, resolvePath, stringOption, UsageError } from './args';
import { reanchoredOn } from './checkFix';
import { HELP } from './help';
import { CliIo, EXIT_OK, EXIT_PROBLEMS, TOOL } from './io';
import { runJsonl } from './suggestJsonl';
import { ARTICLE_EXTENSIONS, JsonSuggestions, jsonSuggestions, loadModelFile } from './suggestModel';
import { Terminal, terminal } from './terminal';

export async function runSuggest(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('suggest', args, {
    json: { type: 'boolean' },
    write: { type: 'boolean' },
    jsonl: { type: 'boolean' },
    model: { type: 'string' },
    'sidecar-pattern': { type: 'string' },
  });
  if (values.help) {
    io.stdout(HELP.suggest);
    return EXIT_OK;
  }
  const jsonl = Boolean(values.jsonl);
  const write = Boolean(values.write);
  const json = Boolean(values.json) || (!write && !jsonl);
  if (jsonl && (positionals.length || values.write || values.json)) throw new UsageError('--jsonl reads standard input: give it no paths, --json or --write', 'suggest');
  if (!jsonl && positionals.length === 0) throw new UsageError('missing the paths to suggest for (articles or folders), or --jsonl', 'suggest');
  const pattern = stringOption('suggest', values, 'sidecar-pattern') ?? DEFAULT_SIDECAR_PATTERN;
  const modelArg = stringOption('suggest', values, 'model');
  // With JSON on standard output, every other line goes to standard error.
  const term = terminal(io, json || jsonl);
  let model: AttributionModel;
  try {
    model = loadModelFile(modelArg === undefined ? undefined : resolvePath(io, modelArg)).model;
  } catch (e) {
    term.warn(`${TOOL} suggest: ${errorText(e)}`);
    return EXIT_PROBLEMS;
  }
  if (jsonl) return (await runJsonl(model, io)) > 0 ? EXIT_PROBLEMS : EXIT_OK;

  const finder = new ArticleFinder(io.host, pattern);
  const { articles, failed: notFound } = await findSuggestable(io, term, finder, positionals);
  let failed = notFound;
  const protection = await protect(io.host, finder, [], articles.map((a): [string, string] => [a, `the article ${term.display(a)}`]));
  let total = 0;
  for (const [i, article] of articles.entries()) {
    const r = await suggestOne(io, term, finder, model, article, write, (sidecar, own) => refusal(protection, sidecar, own));
    if (!r.ok) {
      failed = true;
      continue;
    }
    total += r.result.annotations.length;
    // Progress, plain lines on standard error like every other message (a pipe gets only data).
    term.warn(`${TOOL} suggest: [${i + 1}/${articles.length}] ${term.display(article)}: ${r.summary}`);
    if (json) term.data(JSON.stringify({ article: term.display(article), ...r.result }) + '\n');
  }
  if (articles.length === 0) term.warn(`No article found in ${positionals.join(', ')} (files ending in ${ARTICLE_EXTENSIONS.join(', ')}).`);
  else term.warn(`${TOOL} suggest: ${plural(total, 'annotation')} ${write ? 'added' : 'suggested'} in ${plural(articles.length, 'article')}.`);
  return failed || articles.length === 0 ? EXIT_PROBLEMS : EXIT_OK;
}

type One = { ok: true; result: JsonSuggestions; summary: string } | { ok: false };

async function suggestOne(
  io: CliIo,
  term: Terminal,
  finder: ArticleFinder,
  model: AttributionModel,
  article: string,
  write: boolean,
  refused: (sidecar: string, ownArticle?: string) => Promise<string | undefined>,
): Promise<One> {
  const skip = (why: string): One => {
    term.warn(`skipped ${term.display(article)}: ${why}`);
    return { ok: false };
  };
  const sidecarPath = finder.sidecarOf(article);
  let text: string;
  let source: string | undefined;
  try {
    text = await readText(io.host, article, io.readLimit);
    if ((await io.host.stat(sidecarPath).catch(() => undefined)) !== undefined) source = await readText(io.host, sidecarPath, io.readLimit);
  } catch (e) {
    return skip(readFailure(term, e));
  }
  let loaded: LoadedArticle | undefined;
  if (source !== undefined) {
    loaded = loadArticle(basename(article), text, source);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    // Its annotations are what must not be proposed again: a sidecar read in part cannot say.
    if (!loaded.article || !loaded.anchor || errors.length) {
      for (const p of errors) term.warn(`  ${term.located(sidecarPath, p)}`);
      return skip(`its sidecar has ${plural(errors.length, 'error')}: fix ${errors.length === 1 ? 'it' : 'them'} first`);
    }
  }
  const existing: Sidecar | undefined = loaded?.article && {
    ...loaded.article.sidecar,
    annotations: loaded.article.placed,
    rejected: loaded.anchor!.rejected.placed,
  };
  let set: SuggestionSet;
  try {
    set = suggestForArticle(model, text, existing);
  } catch (e) {
    return skip(`the engine failed: ${errorText(e)}`);
  }
  const counts = (r: JsonSuggestions) => `${plural(r.annotations.length, 'annotation')}, ${plural(r.speakers.length, 'new speaker')}, ${plural(r.demands.length, 'new demand')}`;
  if (!write) {
    const result = jsonSuggestions(set);
    return { ok: true, result, summary: `${counts(result)} suggested` };
  }
  const written = await writeSuggestions(io, term, article, sidecarPath, text, source, loaded, set, refused);
  if (typeof written === 'string') return skip(written);
  return { ok: true, result: written, summary: written.annotations.length || written.speakers.length || written.demands.length ? `${counts(written)} added to ${term.display(sidecarPath)}` : 'nothing new' };
}

/**
 * Merges the set into the sidecar and writes it through the one atomic path, on the Document it
 * was read from (comments and unknown keys stay), only when it reads back clean; a new sidecar is
 * never written over one that appeared meanwhile. Returns what was added, or why nothing was.
 */
async function writeSuggestions(
  io: CliIo,
  term: Terminal,
  article: string,
  sidecarPath: string,
  text: string,
  source: string | undefined,
  loaded: LoadedArticle | undefined,
  set: SuggestionSet,
  refused: (sidecar: string, ownArticle?: string) => Promise<string | undefined>,
): Promise<JsonSuggestions | string> {
  let base: Sidecar;
  let doc: Document;
  if (source === undefined) {
    base = emptySidecar(relative(dirname(sidecarPath), article));
    doc = new Document({});
  } else {
    const parsed = parseSidecar(source);
    const docError = parsed.doc.errors[0];
    if (!parsed.sidecar || parsed.readOnly || docError) return `its sidecar cannot be rewritten${docError ? `: ${docError.message.split('\n')[0]}` : ' (errors, or a newer version)'}`;
    base = parsed.sidecar;
    doc = parsed.doc;
    // The article changed since the sidecar was written: its annotations go to their places
    // first (as check --fix puts them), or the new spans would sit among stale offsets.
    if (!loaded!.anchor!.hashMatches && base.annotations.length > 0) {
      const fixed = reanchoredOn(base, text);
      if (fixed.orphans === base.annotations.length) return 'none of its annotations could be placed on this article (is it the right text?): left as it was';
      base = fixed.sidecar;
    }
  }
  const merged = mergeSuggestions(base, set, text, true, sha256Hex(text));
  const reasons = new Map(set.suggestions.map((s) => [suggestionKey(s.annotation), s.reason]));
  const result: JsonSuggestions = {
    speakers: merged.speakers,
    demands: merged.demands,
    annotations: merged.annotations.map((a) => ({ ...a, reason: reasons.get(suggestionKey(a))! })),
  };
  if (!result.annotations.length && !result.speakers.length && !result.demands.length) return result;
  let content = serializeSidecar(merged.sidecar, doc);
  if (source?.includes('\r\n')) content = content.replace(/\r?\n/g, '\r\n');
  const check = loadArticle(basename(article), text, content);
  const errors = check.problems.filter((p) => p.severity === 'error');
  if (!check.article || errors.length) {
    // A bug of ours, not of the file: say what, so it can be reported.
    for (const p of errors.slice(0, 5)) term.warn(`  (merged) ${p.line}:${p.column}: ${p.message}`);
    return 'the merged sidecar would not read back clean: left as it was';
  }
  const why = await refused(sidecarPath, (await io.host.stat(article))?.id);
  if (why) return `refusing to write ${term.display(sidecarPath)}: ${why}`;
  try {
    await io.host.mkdir(dirname(sidecarPath));
    await writeAtomic(io.host, sidecarPath, content, { replace: source !== undefined });
  } catch (e) {
    return `${term.display(sidecarPath)}: ${errorText(e)}`;
  }
  return result;
}

/** Articles named or found in folders (hidden folders, node_modules and sidecars skipped), sorted, each once. */
async function findSuggestable(io: CliIo, term: Terminal, finder: ArticleFinder, args: readonly string[]): Promise<{ articles: string[]; failed: boolean }> {
  const out = new Set<string>();
  let failed = false;
  const walk = async (dir: string): Promise<void> => {
    const entries = (await io.host.list(dir)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.kind === 'directory') {
        if (!e.symlink && e.name !== 'node_modules') await walk(p);
      } else if (e.kind === 'file' && ARTICLE_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x)) && !finder.looksLikeSidecar(p)) out.add(p);
    }
  };
  for (const arg of args) {
    const abs = resolvePath(io, arg);
    const stat = await io.host.stat(abs).catch(() => undefined);
    if (!stat) throw new UsageError(`${arg}: no such file or folder`, 'suggest');
    if (stat.kind === 'directory') await walk(abs);
    else if (finder.looksLikeSidecar(abs) && !(await finder.isArticle(abs))) {
      const article = await finder.articleOf(abs);
      if (article) out.add(article);
      else {
        failed = true;
        term.warn(`skipped ${term.display(abs)}: a sidecar without its article`);
      }
    } else out.add(abs);
  }
  return { articles: [...out].sort(), failed };
}
