// The editor's pending suggestions (src/core/suggest/pending.ts), the session's rejected list
// (src/core/sessionRejected.ts) and running the engine in pieces (suggestInSteps.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { anchorAnnotations } from '../../src/core/anchoring';
import { AnnotationSession } from '../../src/core/session';
import { loadModel } from '../../src/core/suggest/modelFile';
import { acceptance, groupSuggestions, PendingSuggestions, rejection, stepSuggestion, suggestionsAt, suggestionsIn } from '../../src/core/suggest/pending';
import { suggestForArticle, Suggestion, suggestionKey, SuggestionSet } from '../../src/core/suggest/suggestions';
import { piecesOf, suggestInSteps } from '../../src/core/suggest/suggestInSteps';
import { emptySidecar } from '../../src/core/model';
import { REPO_ROOT, sampleArticle, sidecarWith, speaker } from './helpers';

const TEXT = 'Alice said "we won." Bob said "it was fair."';

function suggestion(type: 'mention' | 'quote', text: string, speakerId: string, from = 0): Suggestion {
  const start = TEXT.indexOf(text, from);
  const annotation = { type, start, end: start + text.length, text, speaker: speakerId, origin: 'suggested' as const };
  return { key: suggestionKey(annotation), annotation, reason: { cue: 'said', score: 0.9 } };
}

function run(): SuggestionSet {
  return {
    speakers: [speaker('alice', 'Alice'), speaker('bob', 'Bob')],
    demands: [],
    suggestions: [suggestion('mention', 'Alice', 'alice'), suggestion('quote', '"we won."', 'alice'), suggestion('mention', 'Bob', 'bob'), suggestion('quote', '"it was fair."', 'bob')],
  };
}

function session(): AnnotationSession {
  return new AnnotationSession(TEXT, emptySidecar('t.txt'), []);
}

const texts = (list: Suggestion[]) => list.map((s) => s.annotation.text);

describe('suggest: pending suggestions in the editor', () => {
  it('an accepted suggestion stops being pending, and comes back when the accept is undone', () => {
    const pending = new PendingSuggestions(run());
    const s = session();
    const chosen = pending.pending(s).filter((x) => x.annotation.speaker === 'bob');
    const add = acceptance(chosen, pending, s);
    assert.deepEqual(add.speakers.map((x) => x.id), ['bob']);
    assert.ok(add.annotations.every((a) => a.origin === 'suggested'));
    s.group('Accept', () => {
      for (const sp of add.speakers) s.upsertSpeaker(sp);
      for (const a of add.annotations) s.addAnnotation(a);
    });
    assert.deepEqual(texts(pending.pending(s)), ['Alice', '"we won."']);
    assert.deepEqual(s.annotations().map((a) => [a.id, a.type, a.origin]), [['a1', 'mention', 'suggested'], ['a2', 'quote', 'suggested']]);
    assert.equal(acceptance(pending.pending(s), pending, s).speakers.length, 1, 'bob is known now: only alice is new');
    s.undo();
    assert.deepEqual(texts(pending.pending(s)), ['Alice', '"we won."', 'Bob', '"it was fair."']);
    assert.equal(s.speakers.size, 0);
  });

  it('a rejected suggestion is written to the sidecar, is not pending, and Undo brings it back', () => {
    const pending = new PendingSuggestions(run());
    const s = session();
    const quote = pending.pending(s)[1];
    s.rejectSuggestions([rejection(quote, TEXT)]);
    assert.deepEqual(texts(pending.pending(s)), ['Alice', 'Bob', '"it was fair."']);
    assert.deepEqual(s.toSidecar(TEXT).rejected, [{ type: 'quote', start: 11, end: 20, text: '"we won."', prefix: 'Alice said ', suffix: ' Bob said "it was fair."', speaker: 'alice' }]);
    assert.equal(s.undo(), 'Reject suggestion');
    assert.equal(pending.pending(s).length, 4);
    assert.deepEqual(s.toSidecar(TEXT).rejected, [], 'an empty list: the writer then removes the key');
    s.redo();
    assert.equal(pending.pending(s).length, 3);
  });

  it('the engine does not propose a rejected suggestion again', () => {
    const model = loadModel(new Uint8Array(fs.readFileSync(path.join(REPO_ROOT, 'models/attribution-model.bin'))));
    const text = sampleArticle();
    const first = suggestForArticle(model, text);
    const s = new AnnotationSession(text, emptySidecar('a.txt'), []);
    const target = first.suggestions.find((x) => x.annotation.type === 'quote')!;
    s.rejectSuggestions([rejection(target, text)]);
    const again = suggestForArticle(model, text, { ...s.toSidecar(text), annotations: s.annotations() });
    assert.equal(again.suggestions.length, first.suggestions.length - 1);
    assert.ok(!again.suggestions.some((x) => x.key === target.key));
  });

  it('rejected entries move with text edits and are read back from a sidecar, re-anchored when the text moved', () => {
    const s = session();
    const pending = new PendingSuggestions(run());
    s.rejectSuggestions([rejection(pending.pending(s)[3], TEXT)]);
    s.textEdited([{ offset: 0, length: 0, text: 'Today ' }]);
    const edited = 'Today ' + TEXT;
    const [r] = s.toSidecar(edited).rejected!;
    assert.equal(edited.slice(r.start, r.end), '"it was fair."');
    // Read back on a text that moved again without the file knowing: found by its text and context.
    const moved = 'Yesterday, ' + TEXT;
    const again = new AnnotationSession(moved, { ...emptySidecar('t.txt'), rejected: [r] }, []);
    const [back] = again.rejected();
    assert.equal(moved.slice(back.start, back.end), '"it was fair."');
    // One whose words are gone is kept as it was, never dropped.
    const gone = new AnnotationSession('nothing here', { ...emptySidecar('t.txt'), rejected: [r] }, []);
    assert.deepEqual(gone.toSidecar('nothing here').rejected, [r]);
  });

  it('a reload (one coarse edit) takes rejected entries away for a moment: restored from before it, those rejected meanwhile kept', () => {
    const s = session();
    const pending = new PendingSuggestions(run());
    s.rejectSuggestions([rejection(pending.pending(s)[1], TEXT)]);
    const leaving = s.toSidecar(TEXT);
    s.textEdited([{ offset: 0, length: TEXT.length, text: TEXT }]);
    assert.equal(s.rejected().length, 0, 'the coarse edit took it away');
    s.rejectSuggestions([rejection(pending.pending(s)[3], TEXT)]);
    s.restoreRejected(anchorAnnotations(leaving, TEXT).rejected);
    assert.deepEqual(s.rejected().map((r) => r.text), ['"we won."', '"it was fair."']);
    s.restoreRejected(anchorAnnotations(leaving, TEXT).rejected);
    assert.equal(s.rejected().length, 2, 'never twice');
  });

  it('suggestions move with edits, and one whose words are edited is dropped', () => {
    const pending = new PendingSuggestions(run());
    let text = TEXT;
    const edit = (offset: number, length: number, inserted: string) => {
      text = text.slice(0, offset) + inserted + text.slice(offset + length);
      pending.textEdited([{ offset, length, text: inserted }], text);
    };
    edit(0, 0, 'Then ');
    for (const x of pending.pending(undefined)) assert.equal(text.slice(x.annotation.start, x.annotation.end), x.annotation.text);
    edit(text.indexOf('won'), 3, 'lost');
    assert.deepEqual(texts(pending.pending(undefined)), ['Alice', 'Bob', '"it was fair."']);
    edit(text.indexOf('Bob') + 3, 0, ' Smith'); // typing just after a span keeps it
    assert.deepEqual(texts(pending.pending(undefined)), ['Alice', 'Bob', '"it was fair."']);
    assert.equal(pending.size, 3);
  });

  it('finds suggestions at the cursor, in a selection, by speaker, and steps through them', () => {
    const pending = new PendingSuggestions(run()).pending(undefined);
    const bob = TEXT.indexOf('Bob');
    assert.deepEqual(texts(suggestionsAt(pending, bob + 1)), ['Bob']);
    assert.deepEqual(texts(suggestionsAt(pending, bob, bob + 3)), ['Bob']);
    assert.deepEqual(texts(suggestionsAt(pending, TEXT.indexOf('said'))), []);
    assert.deepEqual(texts(suggestionsIn(pending, 3, bob + 1)), ['Alice', '"we won."', 'Bob']);
    assert.deepEqual([...groupSuggestions(pending).keys()], ['speaker:alice', 'speaker:bob']);
    assert.equal(stepSuggestion(pending, 0, 5, 'next', pending[0].key)?.suggestion.annotation.text, '"we won."');
    assert.equal(stepSuggestion(pending, bob, bob + 3, 'next', pending[2].key)?.suggestion.annotation.text, '"it was fair."');
    const wrapped = stepSuggestion(pending, TEXT.length, TEXT.length, 'next');
    assert.deepEqual([wrapped?.suggestion.annotation.text, wrapped?.wrapped], ['Alice', true]);
    assert.equal(stepSuggestion(pending, bob, bob, 'previous')?.suggestion.annotation.text, '"we won."');
  });

  it('a span annotated by hand with the same type is no longer proposed', () => {
    const pending = new PendingSuggestions(run());
    const base = sidecarWith([speaker('bob', 'Bob')], [], [{ id: 'a1', type: 'quote', speaker: 'bob', start: TEXT.indexOf('"it'), end: TEXT.length - 1 }]);
    const s = new AnnotationSession(TEXT, base, base.annotations);
    assert.deepEqual(texts(pending.pending(s)), ['Alice', '"we won."', 'Bob']);
  });
});

describe('suggest: running the engine in pieces', () => {
  const model = loadModel(new Uint8Array(fs.readFileSync(path.join(REPO_ROOT, 'models/attribution-model.bin'))));
  const go = { between: async () => true };

  it('an article of one piece gets exactly what suggestForArticle gives', async () => {
    const text = sampleArticle();
    assert.deepEqual(await suggestInSteps(model, text, undefined, go), suggestForArticle(model, text));
  });

  it('a long article in pieces: every span on its words, speakers reused across pieces, cancellable', async () => {
    const text = Array.from({ length: 4 }, () => sampleArticle()).join('\n\n');
    const pieces = piecesOf(text, 10_000);
    assert.ok(pieces.length > 4);
    assert.equal(pieces.map(([a, b]) => text.slice(a, b)).join(''), text);
    const calls: number[] = [];
    const set = (await suggestInSteps(model, text, undefined, { between: async (done) => (calls.push(done), true) }, 10_000))!;
    assert.equal(calls.length, pieces.length + 1);
    for (const s of set.suggestions) {
      assert.equal(text.slice(s.annotation.start, s.annotation.end), s.annotation.text);
      assert.equal(s.key, suggestionKey(s.annotation));
    }
    const ids = set.speakers.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, 'no speaker proposed twice');
    const one = suggestForArticle(model, sampleArticle());
    assert.ok(set.suggestions.length >= one.suggestions.length * 3, `${set.suggestions.length} vs ${one.suggestions.length} per copy`);
    let n = 0;
    assert.equal(await suggestInSteps(model, text, undefined, { between: async () => ++n < 3 }, 10_000), undefined);
  });
});
