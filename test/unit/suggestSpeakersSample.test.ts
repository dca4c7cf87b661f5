import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotation, RejectedSuggestion, Sidecar } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import { loadModel } from '../../src/core/suggest/modelFile';
import { normalForm } from '../../src/core/suggest/speakerForms';
import { iou, suggestForArticle, SuggestionSet } from '../../src/core/suggest/suggestions';
import { REPO_ROOT, sampleArticle, sampleSidecarSource } from './helpers';

const model = loadModel(new Uint8Array(fs.readFileSync(path.join(REPO_ROOT, 'models/attribution-model.bin'))));
const text = sampleArticle();
const hand = parseSidecar(sampleSidecarSource()).sidecar!;
const handQuotes = hand.annotations.filter((a) => a.type === 'quote');

/** Quotes of the hand-made sidecar matched (IoU >= 0.5) by a suggested quote whose speaker `maps` to theirs; the misses in words. */
function rightSpeaker(set: SuggestionSet, maps: (suggested: string | undefined) => string | undefined): { hits: number; misses: string[] } {
  const quotes = set.suggestions.filter((s) => s.annotation.type === 'quote');
  const misses: string[] = [];
  for (const q of handQuotes) {
    const near = quotes.filter((s) => iou(s.annotation, q) >= 0.5);
    if (!near.some((s) => maps(s.annotation.speaker) === q.speaker)) {
      misses.push(`${q.id} (${q.speaker}) “${text.slice(q.start, q.start + 40)}…”: ${near.length ? near.map((s) => s.annotation.speaker).join(', ') : 'no quote there'}`);
    }
  }
  return { hits: handQuotes.length - misses.length, misses };
}

/**
 * A new speaker is the hand-made speaker that its name and aliases name (the name counting
 * double); each maps to at most one, so a speaker that swallowed two people is right for one.
 */
function byNames(set: SuggestionSet, sidecar: Sidecar): (id: string | undefined) => string | undefined {
  const handBy = new Map<string, string>();
  for (const s of sidecar.speakers.values()) for (const n of [s.name, ...s.aliases]) handBy.set(normalForm(n), s.id);
  const mapped = new Map<string, string | undefined>();
  for (const s of set.speakers) {
    const votes = new Map<string, number>();
    for (const n of [s.name, ...s.aliases]) {
      const h = handBy.get(normalForm(n));
      if (h) votes.set(h, (votes.get(h) ?? 0) + (n === s.name ? 2 : 1));
    }
    mapped.set(s.id, [...votes].sort((a, b) => b[1] - a[1])[0]?.[0]);
  }
  return (id) => (id ? mapped.get(id) : undefined);
}

describe('suggest: quotes with the right speaker on the sample article', () => {
  // 29 quotes in the hand-made sidecar; the target is 85 % (25). Measured: 26 in both runs below.
  // The 3 misses have no suggested quote over them at all (spans, not speakers): a58 (the engine
  // runs a response and the quote after it together), a60 and a65 (in the joint statement the
  // engine finds no attribution for, "The full joint statement ... read:").
  const target = Math.ceil(0.85 * handQuotes.length);

  it('from scratch: speakers found with no help from the sidecar, judged by the hand-made names and aliases', () => {
    // The honest run: nothing of the hand-made sidecar goes in; a suggested speaker is right when
    // its own name or aliases are the hand-made speaker's (see byNames).
    assert.equal(handQuotes.length, 29);
    const set = suggestForArticle(model, text);
    const { hits, misses } = rightSpeaker(set, byNames(set, hand));
    assert.ok(hits >= target, `${hits} of ${handQuotes.length} quotes with the right speaker; missed:\n${misses.join('\n')}`);
  });

  it('with the hand-made speakers (no annotations) in the sidecar: their ids are reused', () => {
    const set = suggestForArticle(model, text, { ...hand, annotations: [], rejected: [] });
    const { hits, misses } = rightSpeaker(set, (id) => id);
    assert.ok(hits >= target, `${hits} of ${handQuotes.length}; missed:\n${misses.join('\n')}`);
    const known = new Set([...hand.speakers.values()].flatMap((s) => [s.name, ...s.aliases].map(normalForm)));
    for (const s of set.speakers) assert.ok(!known.has(normalForm(s.name)), `new speaker ${s.name} is in the sidecar already`);
    for (const s of set.speakers) assert.ok(!hand.speakers.has(s.id), `id ${s.id} taken`);
  });

  it('proposes nothing an annotation of the same type already covers', () => {
    const set = suggestForArticle(model, text, hand);
    for (const s of set.suggestions) {
      const dup = hand.annotations.find((a) => a.type === s.annotation.type && iou(a, s.annotation) >= 0.5);
      assert.equal(dup, undefined, `${s.key} duplicates ${dup?.id}`);
    }
    assert.ok(set.suggestions.length > 0);
  });

  it('every reason has the cue (when there is one), a score in [0, 1] saying where it comes from, and the rule that chose the speaker', () => {
    const set = suggestForArticle(model, text);
    for (const s of set.suggestions) {
      assert.ok(s.reason.score >= 0 && s.reason.score <= 1, s.key);
      assert.ok(s.reason.scoreFrom === 'model' || s.reason.scoreFrom === 'structure', s.key);
      if (s.annotation.speaker) assert.match(s.reason.rule ?? '', /^speaker: /, s.key);
    }
    assert.ok(new Set(set.suggestions.map((s) => s.reason.score)).size > 2, 'scores that tell suggestions apart');
    const gwynne = set.suggestions.find((s) => s.annotation.type === 'quote' && s.annotation.text.startsWith("I'm not sure how"));
    assert.equal(gwynne?.reason.cue, 'says');
    assert.match(gwynne?.reason.rule ?? '', /^speaker: pronoun he -> Andrew Gwynne; quote: the quoted words$/);
  });

  it('rejected suggestions are not proposed again, also where the text moved; others with the same words still are', () => {
    const first = suggestForArticle(model, text).suggestions;
    const corbyns = first.filter((s) => s.annotation.type === 'mention' && s.annotation.text === 'Corbyn');
    assert.ok(corbyns.length >= 2);
    const quote = first.find((s) => s.annotation.type === 'quote' && s.annotation.text.startsWith('That\'s not my understanding'))!;
    const reject = (a: Annotation | (typeof first)[number]['annotation']): RejectedSuggestion => ({ type: a.type, start: a.start, end: a.end, text: a.text!, prefix: a.prefix, suffix: a.suffix, speaker: a.speaker });
    const rejected = [reject(corbyns[0].annotation), reject(quote.annotation)];
    const proposes = (set: SuggestionSet, t: string, at: number) => set.suggestions.some((s) => s.annotation.text === t && s.annotation.start === at);
    const again = suggestForArticle(model, text, { ...hand, speakers: new Map(), annotations: [], rejected });
    assert.ok(!proposes(again, corbyns[0].annotation.text, corbyns[0].annotation.start));
    assert.ok(!proposes(again, quote.annotation.text, quote.annotation.start));
    assert.ok(proposes(again, 'Corbyn', corbyns[1].annotation.start), 'the other Corbyn mentions stay');
    // A paragraph added on top: the rejections' offsets are stale; their text and context still say where they are.
    const note = 'Editor’s note: this article was updated.\n\n';
    const moved = suggestForArticle(model, note + text, { ...hand, speakers: new Map(), annotations: [], rejected });
    assert.ok(!proposes(moved, quote.annotation.text, quote.annotation.start + note.length));
    assert.ok(!proposes(moved, 'Corbyn', corbyns[0].annotation.start + note.length));
    assert.ok(proposes(moved, 'Corbyn', corbyns[1].annotation.start + note.length));
  });
});
