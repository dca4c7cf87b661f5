// Every occurrence of a registered speaker's name or alias, as a derived (never stored) mention.
import { Speaker } from './model';

export interface AliasMention {
  start: number;
  end: number;
  speaker: string;
}

/**
 * Whole-word, case-sensitive matches of every speaker's name and aliases. At each position the
 * longest name wins and matches never overlap, so "Labour Against Anti-Semitism" is one mention
 * of that group and not also of "Labour". A name shared by two speakers goes to the first.
 */
export function findAliasMentions(text: string, speakers: Iterable<Speaker>): AliasMention[] {
  const owner = new Map<string, string>();
  for (const s of speakers) {
    for (const name of [s.name, ...s.aliases]) {
      const n = name.trim();
      if (n && !owner.has(n)) owner.set(n, s.id);
    }
  }
  if (owner.size === 0) return [];
  const names = [...owner.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  // Alternation is tried in order, so listing longer names first makes the longest one win.
  // Word edges are Unicode-aware: letters, digits, combining marks and _ continue a word. The
  // edge before a name is tested on each match, not in the pattern: a lookbehind there would
  // run at every position of the article, several times slower on a long one.
  const re = new RegExp(`(?:${names.map(escapeRegExp).join('|')})(?!${WORD.source})`, 'gu');
  const out: AliasMention[] = [];
  for (let m; (m = re.exec(text)); ) {
    const at = m.index;
    if (at > 0 && WORD_END.test(text.slice(Math.max(0, at - 2), at))) {
      // Inside a word: the search goes on from the next character, as a lookbehind's would.
      re.lastIndex = at + ((text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
      continue;
    }
    out.push({ start: at, end: at + m[0].length, speaker: owner.get(m[0])! });
  }
  return out;
}

const WORD = /[\p{L}\p{N}\p{M}_]/u;
/** The last character (code point) of a text continues a word. */
const WORD_END = /[\p{L}\p{N}\p{M}_]$/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
