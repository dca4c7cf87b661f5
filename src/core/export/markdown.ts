// Markdown report: per speaker, their quotes with line numbers; per demand, who made it, to
// whom, its status, where it is stated and the responses with speaker and stance; then what
// needs review. One article gives `<path>.md`; several give `<name>.md` with a section each.
//
// Every piece of article or sidecar text goes through `escapeMarkdown`: a speaker called
// "[x](javascript:…)" or a quote holding "<img …>" must stay text in every renderer.
import { Annotation, Demand, Sidecar, Speaker } from '../model';
import { combinedPath, namedNotDefined, Positions, speakerNames } from './common';
import { ArticleInput, Exporter } from './types';
import { plural } from '../wording';

export const exportMarkdown: Exporter = (articles, options) => {
  const out: string[] = [];
  if (articles.length === 1) {
    out.push(`# Attribution report: ${escapeMarkdown(articles[0].path)}`, '');
    report(articles[0], 2, out);
  } else {
    out.push('# Attribution report', '');
    if (articles.length === 0) out.push('No annotated articles.', '');
    for (const article of articles) {
      out.push(`## ${escapeMarkdown(article.path)}`, '');
      report(article, 3, out);
    }
  }
  while (out[out.length - 1] === '') out.pop();
  return [{ path: combinedPath(articles, options, 'md'), content: out.join('\n') + '\n' }];
};

/**
 * Text that renders as itself: whitespace (line breaks included) becomes single spaces, and
 * every character that Markdown or GitHub's extensions give a meaning to mid-line is
 * backslash-escaped (CommonMark lets any ASCII punctuation be escaped): emphasis, code, links
 * and images, raw HTML and entities, tables, strikethrough, math, emoji shortcodes, heading
 * closers, the ":" and "@" of autolinks, and a dot inside a word ("evil.com", "www.x"), which
 * renderers that link bare domains would link; a full stop before a space stays as it is. Text
 * is never placed at the start of a line, so list and block markers need no escape.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()<>#+!|~&:@$^=]/g, '\\$&')
    .replace(/(?<=[\p{L}\p{N}_])\.(?=[\p{L}\p{N}_])/gu, '\\.');
}

function report(article: ArticleInput, level: number, out: string[]): void {
  const { sidecar, text } = article;
  const h = '#'.repeat(level);
  const positions = new Positions(text);
  const quote = (a: Annotation) => `“${escapeMarkdown(text.slice(a.start, a.end))}”`;
  const at = (a: Annotation) => `line ${positions.line(a.start)}`;
  const names = (ids: readonly string[]) => (ids.length ? speakerNames(sidecar, ids).map(escapeMarkdown).join(', ') : 'not recorded');

  out.push(summary(article), '');

  const elsewhere = namedNotDefined(sidecar, article.placed);
  const ELSEWHERE = '- **Not defined in this sidecar** (in the workspace speakers file or another article)';
  out.push(`${h} Speakers`, '');
  if (sidecar.speakers.size === 0 && elsewhere.speakers.length === 0) out.push('No speakers.', '');
  const standIn = (id: string): Speaker => ({ id, name: id, kind: 'person', aliases: [], members: [] });
  for (const s of [...sidecar.speakers.values(), ...elsewhere.speakers.map(standIn)]) {
    const mine = article.placed.filter((a) => a.speaker === s.id);
    out.push(`${h}# ${escapeMarkdown(s.name)}`, '');
    out.push(sidecar.speakers.has(s.id) ? `- **Kind:** ${s.kind}` : ELSEWHERE);
    if (s.role) out.push(`- **Role:** ${escapeMarkdown(s.role)}`);
    if (s.aliases.length) out.push(`- **Also called:** ${s.aliases.map(escapeMarkdown).join(', ')}`);
    if (s.members.length) out.push(`- **Members:** ${names(s.members)}`);
    const mentions = mine.filter((a) => a.type === 'mention');
    if (mentions.length) out.push(`- **Mentioned on:** ${lineList(mentions.map((a) => positions.line(a.start)))}`);
    if (s.note) out.push(`- **Note:** ${escapeMarkdown(s.note)}`);
    out.push('');
    const quotes = mine.filter((a) => a.type === 'quote');
    if (quotes.length === 0) out.push('No quotes.', '');
    else {
      out.push(`**${plural(quotes.length, 'quote')}:**`, '');
      for (const a of quotes) out.push(`- ${capitalize(at(a))}: ${quote(a)}`);
      out.push('');
    }
  }

  out.push(`${h} Demands`, '');
  if (sidecar.demands.size === 0 && elsewhere.demands.length === 0) out.push('No demands.', '');
  for (const d of [...sidecar.demands.values(), ...elsewhere.demands.map((id): Demand => ({ id, summary: id, by: [], to: [] }))]) {
    out.push(`${h}# ${escapeMarkdown(d.summary)}`, '');
    out.push(sidecar.demands.has(d.id) ? `- **Made by:** ${names(d.by)}` : ELSEWHERE);
    if (d.to.length) out.push(`- **To:** ${names(d.to)}`);
    out.push(`- **Status:** ${d.status ? d.status.replace(/-/g, ' ') : 'not recorded'}`);
    if (d.note) out.push(`- **Note:** ${escapeMarkdown(d.note)}`);
    const stated = article.placed.filter((a) => a.demand === d.id && a.type === 'demand');
    for (const a of stated) out.push(`- **Stated** (${at(a)}): ${quote(a)}`);
    const responses = article.placed.filter((a) => a.demand === d.id && a.type === 'response');
    if (responses.length === 0) out.push('- **Responses:** none');
    else {
      out.push('- **Responses:**');
      for (const a of responses) {
        const who = escapeMarkdown(a.speaker === undefined ? 'unknown speaker' : (sidecar.speakers.get(a.speaker)?.name ?? a.speaker));
        out.push(`  - ${who}${a.stance ? `, ${a.stance.replace(/-/g, ' ')}` : ''} (${at(a)}): ${quote(a)}`);
      }
    }
    out.push('');
  }

  if (article.orphans.length) {
    out.push(`${h} Needs review`, '');
    out.push('These annotations could not be placed on the article as it is now:', '');
    for (const { annotation: a, reason } of article.orphans) {
      const who = orphanWho(sidecar, a);
      out.push(`- ${escapeMarkdown(a.id)} (${a.type}${who ? `, ${who}` : ''}): “${escapeMarkdown(a.text ?? '')}”. ${capitalize(escapeMarkdown(reason))}.`);
    }
    out.push('');
  }
}

function summary(article: ArticleInput): string {
  const counts = new Map<string, number>();
  for (const a of article.placed) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
  const parts = (['mention', 'quote', 'demand', 'response'] as const).map((t) => plural(counts.get(t) ?? 0, t));
  const orphans = article.orphans.length ? `, and ${plural(article.orphans.length, 'annotation')} to review` : '';
  return `${plural(article.placed.length, 'annotation')} (${parts.join(', ')})${orphans}; ` +
    `${plural(article.sidecar.speakers.size, 'speaker')}, ${plural(article.sidecar.demands.size, 'demand')}.`;
}

function orphanWho(sidecar: Sidecar, a: Annotation): string {
  const parts: string[] = [];
  if (a.speaker !== undefined) parts.push(escapeMarkdown(sidecar.speakers.get(a.speaker)?.name ?? a.speaker));
  if (a.demand !== undefined) parts.push(escapeMarkdown(sidecar.demands.get(a.demand)?.summary ?? a.demand));
  return parts.join(', ');
}

function lineList(lines: number[]): string {
  const unique = [...new Set(lines)];
  return `${unique.length === 1 ? 'line' : 'lines'} ${unique.join(', ')}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
