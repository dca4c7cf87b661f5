// Responses: what a speaker said that answers a known demand, and with what stance. A sentence of
// a quote answers a demand when it shares the demand's rarer words, and needs fewer of them when
// it carries a response cue ("agreed to", "refused", "will consider", "we are committed to").
import { Stance } from '../model';
import { overlap, Rarity, stems, totalWeight } from './demandText';

export interface StanceCue {
  stance: Stance;
  /** The words that decided it. */
  cue: string;
  /** A response cue proper (not only a first-person statement or a restated demand). */
  explicit: boolean;
}

// First match wins, in this order: a refusal outweighs the "agree" in "refused to agree".
const CUES: [Stance, RegExp][] = [
  ['rejects', /\b(?:refus\w*|reject\w*|declin\w*|rul(?:e|ed|es|ing)\s+out|won[’']t|will\s+not|would\s+not|not\s+(?:be\s+)?possible|impossible|no\s+plans?\s+to|(?:not|never|fail\w*\s+to)\s+(?:agree|accept|commit|accede)\w*|unwilling|oppos\w*|unacceptable)\b/i],
  ['disputes', /\b(?:not\s+true|untrue|false|wrong|den(?:y|ies|ied)|disagree\w*|disput\w*|not\s+my\s+understanding|misrepresent\w*|misleading|nonsense)\b/i],
  ['defers', /\b(?:consider\w*|looking\s+(?:at|into)|look\s+(?:at|into)|review\w*|in\s+due\s+course|take\s+away|examin\w*|explor\w*|stud(?:y|ying)|in\s+the\s+coming|(?:will|would)\s+discuss|later\s+date)\b/i],
  ['agrees', /\b(?:agree[sd]?|agreement|accept(?:s|ed)?|adopt(?:s|ed)?|committed\s+to|commit(?:s|ted)?\s+to|support(?:s|ed)?|will\s+(?:introduce|implement|include|deliver|adopt|act))\b/i],
];
const PARTLY = /\b(?:in\s+principle|partly|partially|some\s+of|but|however|although|while)\b/i;
const FIRST_PERSON_ACTION = /^["“‘]?(?:i|we|the\s+party|our\s+party)\s+(?:have|has|had|will|are|am|is|shall|intend|plan)\b/i;

/** The stance a sentence takes, from its cue words; undefined when it has none. */
export function stanceOf(sentence: string): StanceCue | undefined {
  for (const [stance, re] of CUES) {
    const m = re.exec(sentence);
    if (!m) continue;
    const partly = stance === 'agrees' && PARTLY.exec(sentence);
    return partly ? { stance: 'partly-agrees', cue: `${m[0]} … ${partly[0]}`, explicit: true } : { stance, cue: m[0], explicit: true };
  }
  const action = FIRST_PERSON_ACTION.exec(sentence);
  if (action) return { stance: 'partly-agrees', cue: action[0].replace(/^["“‘]/, ''), explicit: false };
  return undefined;
}

export interface DemandWords {
  id: string;
  /** Stems of each of its spans and of its summary: a sentence may answer any one wording. */
  wordings: ReadonlySet<string>[];
  by: readonly string[];
  to: readonly string[];
}

export interface ResponseMatch {
  demand: string;
  stance: Stance;
  cue: string;
  /** Share of the demand's (weighted) words the sentence has, in [0, 1]. */
  coverage: number;
  shared: string[];
  score: number;
}

// A sentence restating half of a demand's rarer words (with "should", "must"...) answers it; a
// quarter with a first-person statement ("we will", "I have"); a fifth with a response cue proper.
const ENOUGH = { restates: 0.5, cued: 0.25, explicit: 0.2 };
const RESTATES = /\b(?:should|must|ought\s+to|needs?\s+to|ha(?:s|ve)\s+to)\b/i;

/** The demand a speaker's sentence answers best, if it answers one. */
export function matchResponse(sentence: string, speaker: string | undefined, demands: readonly DemandWords[], rarity: Rarity): ResponseMatch | undefined {
  // A question restating a demand ("will you pledge …?") asks it again.
  const cue = stanceOf(sentence) ?? (RESTATES.test(sentence) && !/\?\W*$/.test(sentence) ? { stance: 'agrees' as Stance, cue: 'restates the demand', explicit: false } : undefined);
  if (!cue) return undefined;
  const restates = cue.cue === 'restates the demand';
  // The cue's own words ("accepted") are no evidence of which demand it answers.
  const cueStems = new Set(stems(cue.cue));
  const words = new Set(stems(sentence).filter((w) => !cueStems.has(w)));
  const needed = restates ? ENOUGH.restates : cue.explicit ? ENOUGH.explicit : ENOUGH.cued;
  let best: ResponseMatch | undefined;
  for (const d of demands) {
    if (speaker && d.by.includes(speaker)) continue;
    // Restating a demand without a cue answers it only from whom it is addressed to (when known):
    // from anyone else it is the same demand again.
    // Nor, when nobody is known to have made it, from anyone.
    if (restates && ((d.to.length > 0 && !(speaker && d.to.includes(speaker))) || d.by.length === 0)) continue;
    for (const wording of d.wordings) {
      const total = totalWeight(wording, rarity);
      const o = overlap(wording, words, rarity);
      const coverage = total > 0 ? Math.min(1, o.shared / total) : 0;
      // Two shared words, or one found in at most three sentences when a cue says it answers.
      const enough = o.words.length >= 2 || (o.words.length === 1 && !restates && rarity.rare(o.words[0]));
      if (!enough || coverage < needed || (best && best.coverage >= coverage)) continue;
      best = { demand: d.id, stance: cue.stance, cue: cue.cue, coverage, shared: o.words.slice(0, 3), score: round(Math.min(0.9, 0.35 + coverage * 0.5 + (cue.explicit ? 0.1 : 0))) };
    }
  }
  return best;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
