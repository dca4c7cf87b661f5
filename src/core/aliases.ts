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
  // Word edges are Unicode-aware: letters, digits, combining marks and _ continue a word.
  const re = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_])(?:${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}\\p{M}_])`, 'gu');
  const out: AliasMention[] = [];
  for (const m of text.matchAll(re)) {
    out.push({ start: m.index, end: m.index + m[0].length, speaker: owner.get(m[0])! });
  }
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
