// brat import: a hand-made file in PolNeAR's conventions (test/fixtures/brat/, invented text),
// our own export's extras, the odd and broken lines real files have, and a fuzz that it never throws.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadArticle } from '../../src/core/export/article';
import { BratFormatError, importBrat } from '../../src/core/export/importBrat';
import { guessKind } from '../../src/core/export/sidecarBuilder';
import { Annotation, Sidecar } from '../../src/core/model';
import { serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { REPO_ROOT } from './helpers';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/brat');

/** The sidecar written and read back on the text: it must read without a problem of any kind. */
function readsBack(sidecar: Sidecar, text: string) {
  const loaded = loadArticle('article.txt', text, serializeSidecar(sidecar));
  assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error'), []);
  assert.ok(loaded.article);
  return loaded.article;
}

function by(sidecar: Sidecar, a: Annotation): string {
  return a.speaker === undefined ? '' : (sidecar.speakers.get(a.speaker)?.name ?? '?');
}

describe('importBrat', () => {
  describe('a PolNeAR-style file', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'council-bikes.txt'), 'utf8');
    const ann = fs.readFileSync(path.join(FIXTURES, 'council-bikes.ann'), 'utf8');
    const { sidecar, warnings } = importBrat(ann, text, { file: 'council-bikes.txt' });
    const quotes = sidecar.annotations.filter((a) => a.type === 'quote');

    it('reads back as a clean sidecar on the text, with its sha256', () => {
      const article = readsBack(sidecar, text);
      assert.deepEqual(loadArticle('council-bikes.txt', text, serializeSidecar(sidecar)).problems, []);
      assert.equal(article.placed.length, sidecar.annotations.length);
      assert.equal(sidecar.document.sha256, sha256Hex(text));
      assert.equal(sidecar.document.file, 'council-bikes.txt');
    });

    it('only the Discuss span is worth a warning: triggers, cues, Discard and the multi-line text field are understood', () => {
      assert.deepEqual(warnings, ['skipped 1 "Discuss" spans (marked for discussion, not as attributions) (first on line 38): no equivalent in a sidecar']);
    });

    it('Source spans become mentions of speakers made from their text, the same name once, with a guessed kind', () => {
      const speakers = [...sidecar.speakers.values()].map((s) => [s.id, s.name, s.kind]);
      assert.deepEqual(speakers, [
        ['mayor-lena-ortiz', 'Mayor Lena Ortiz', 'person'],
        ['ortiz', 'Ortiz', 'person'],
        ['the-city-council', 'The City Council', 'organisation'],
        ['a-council-aide-who-asked-not-to-be-named', 'A council aide, who asked not to be named', 'anonymous'],
        ['she', 'she', 'person'],
        ['unattributed', 'Unattributed', 'anonymous'],
      ]);
      const mentions = sidecar.annotations.filter((a) => a.type === 'mention');
      assert.deepEqual(mentions.map((m) => [m.text, m.speaker]), [
        ['Mayor Lena Ortiz', 'mayor-lena-ortiz'],
        ['Ortiz', 'ortiz'],
        ['The City Council', 'the-city-council'],
        ['A council aide, who asked not to be named', 'a-council-aide-who-asked-not-to-be-named'],
        ['she', 'she'],
        ['Ortiz', 'ortiz'],
      ]);
    });

    it('Content spans become quotes by the event’s Source, with the cue in the note; code points become UTF-16 after the emoji', () => {
      const q = quotes.find((a) => a.text === 'the city "cannot wait another year" for safer streets')!;
      assert.equal(q.speaker, 'mayor-lena-ortiz');
      assert.equal(q.note, 'Cue: said');
      assert.equal(q.start, 77, 'brat says 76 code points; the 🚲 before it is two UTF-16 units');
      assert.equal(text.slice(q.start, q.end), q.text);
    });

    it('a discontinuous Content split by the attribution becomes one quote per part, the second holding a line break', () => {
      const parts = quotes.filter((a) => a.note?.includes('discontinuous brat span T7'));
      assert.deepEqual(parts.map((a) => [a.text, a.speaker]), [
        ['We asked for protected lanes on every school route,', 'ortiz'],
        ['The council has\nignored that request twice.', 'ortiz'],
      ]);
      assert.equal(parts[0].note, 'Cue: told\nPart 1 of 2 of the discontinuous brat span T7');
    });

    it('Content2 is a quote too; a note on the event’s trigger goes on its quote; no Source gives "Unattributed"', () => {
      assert.deepEqual(quotes.filter((a) => a.speaker === 'ortiz' && a.note === 'Cue: said').map((a) => a.text), ['We will try again,', 'and we will win.']);
      const aide = quotes.find((a) => a.speaker === 'a-council-aide-who-asked-not-to-be-named')!;
      assert.equal(aide.note, "Cue: said\nIs the aide the same person as the council's spokesperson?");
      const none = quotes.find((a) => a.text === 'short-sighted')!;
      assert.equal(by(sidecar, none), 'Unattributed');
      assert.equal(none.note, 'Cue: was widely described as');
      assert.equal(quotes.length, 9);
      assert.ok(!sidecar.annotations.some((a) => a.text === 'Read more on our website.'), 'Discard is dropped');
    });
  });

  describe('odd and broken input', () => {
    const text = 'Ann Lee said: “Fix the roads.”\nBob said no.\n';

    it('skips what it cannot read with a warning naming the line', () => {
      const ann = [
        'T1\tSource 0 7\tAnn Lee',
        'T2\tContent 15 29\tFix the roads.',
        'E1\tAttribution:T9 Source:T1 Content:T2',
        'garbage without a tab',
        'T3\tSource zero seven\tAnn',
        'T4\tSource 9 3\tbackwards',
        'T5\tOpinion 31 34\tBob',
        'T6\tOpinion 31 34\tBob',
        'A1\tNegated T2',
        'R1\tCauses Arg1:T1 Arg2:T2',
        '*\tEquiv T1 T2',
        'X1\tsomething else',
        'N1\tReference T1 Wikipedia:123\tAnn Lee',
        '#1\tAnnotatorNotes T99\ton nothing',
        'T7\tSource 31 34',
        'T8\tSource 999 1003\tpast',
        '',
      ].join('\n');
      const { sidecar, warnings } = importBrat(ann, text);
      assert.deepEqual(warnings, [
        'line 4: not a brat annotation line (ID, TAB, …): "garbage without a tab", skipped',
        'line 5: not a text-bound annotation (ID, TAB, TYPE START END, TAB, TEXT) "T3\tSource zero seven\tAnn", skipped',
        'line 6: a span that ends before it starts "T4\tSource 9 3\tbackwards", skipped',
        'line 16: T8\'s text "past" ends past the end of the text; kept for review',
        'line 14: a note on T99, which is not imported, skipped',
        'skipped 1 equivalence (*) lines (first on line 11): no equivalent in a sidecar',
        'skipped 1 "X" lines (first on line 12): no equivalent in a sidecar',
        'skipped 1 normalizations to "Wikipedia" (first on line 13): no equivalent in a sidecar',
        'skipped 1 "Causes" relations (first on line 10): no equivalent in a sidecar',
        'skipped 1 "Negated" attributes (first on line 9): no equivalent in a sidecar',
        'skipped 2 "Opinion" spans (first on line 7): no equivalent in a sidecar',
      ]);
      assert.deepEqual(sidecar.annotations.map((a) => [a.type, a.text, by(sidecar, a)]), [
        ['mention', 'past', 'past'], // kept at 0–0 for review
        ['mention', 'Ann Lee', 'Ann Lee'],
        ['quote', 'Fix the roads.', 'Ann Lee'],
        ['mention', 'Bob', 'Bob'],
      ]);
      // The span past the end is kept for review, flagged: the sha256 is written (the others are
      // on the text) and reading it back makes it an orphan, not a loss, never trusted at 0–0.
      assert.equal(sidecar.document.sha256, sha256Hex(text));
      assert.equal(sidecar.annotations[0].review?.status, 'orphan');
      const article = readsBack(sidecar, text);
      assert.deepEqual(article.orphans.map((o) => o.annotation.text), ['past']);
    });

    it('a text field that does not match the article is kept for review with that text, not placed at a guess', () => {
      const { sidecar, warnings } = importBrat('T1\tSource 0 7\tAnn Lee\nT2\tSource 31 34\tCarl\n', text);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /^line 2: T2's text "Carl" is not the article's at 31-34; kept for review$/);
      const article = readsBack(sidecar, text);
      assert.deepEqual(article.placed.map((a) => a.text), ['Ann Lee']);
      assert.deepEqual(article.orphans.map((o) => o.annotation.text), ['Carl']);
    });

    it('fragments apart only by whitespace make one span; out of order or apart by words, one annotation each', () => {
      const t = 'He said: “We will\n  win,” Ann said, “and soon.”';
      const ann = [
        'T1\tContent 10 17;20 24\tWe will win,', // a line break and spaces between
        'T2\tContent 37 46;10 17\tand soon. We will', // out of order
        'T3\tContent 20 24;37 46\twin, and soon.', // words between
      ].join('\n');
      const { sidecar, warnings } = importBrat(ann, t);
      assert.equal(warnings[0], '3 quotes in no event or relation (first on line 1): given the speaker "Unattributed"');
      assert.deepEqual(sidecar.annotations.map((a) => [a.text, a.note]), [
        ['We will', 'Part 2 of 2 of the discontinuous brat span T2'],
        ['We will\n  win,', undefined],
        ['win,', 'Part 1 of 2 of the discontinuous brat span T3'],
        ['and soon.', 'Part 1 of 2 of the discontinuous brat span T2'],
        ['and soon.', 'Part 2 of 2 of the discontinuous brat span T3'],
      ]);
    });

    it('reads offsets counted on CRLF text as brat does (two per CRLF: it keeps the CR), or as one when that is how the file counts', () => {
      const crlf = 'Title\r\nAnn said: “Go.”\r\nBob said no.\r\n';
      const asBrat = importBrat('T1\tSource 7 10\tAnn\nT2\tSource 24 27\tBob\n', crlf);
      assert.deepEqual(asBrat.warnings, []);
      assert.deepEqual(asBrat.sidecar.annotations.map((a) => [a.start, a.text]), [[7, 'Ann'], [24, 'Bob']]);
      const lf = importBrat('T1\tSource 6 9\tAnn\nT2\tSource 22 25\tBob\n', crlf);
      assert.deepEqual(lf.warnings, ['the offsets count a CRLF line end as one character (brat counts two, as the .txt has them); read them so']);
      assert.deepEqual(lf.sidecar.annotations.map((a) => [a.start, a.text]), [[7, 'Ann'], [24, 'Bob']]);
      // A span brat's editor made across a CRLF: split at the CR and at the LF, one annotation again.
      const across = importBrat('T1\tContent 7 22;24 28\tAnn said: “Go.” Bob \n', crlf);
      assert.deepEqual(across.sidecar.annotations.map((a) => a.text), ['Ann said: “Go.”\r\nBob ']);
    });

    it('reads offsets in UTF-16 units when a tool counted so, and says so', () => {
      const t = '😀 Ann said: 𝒳 yes. Bob said no.';
      const units = importBrat(`T1\tSource 3 6\tAnn\nT2\tSource 21 24\tBob\n`, t);
      assert.deepEqual(units.warnings, ['the offsets count UTF-16 units, not code points as brat does; read them so']);
      assert.deepEqual(units.sidecar.annotations.map((a) => a.text), ['Ann', 'Bob']);
      const points = importBrat(`T1\tSource 2 5\tAnn\nT2\tSource 19 22\tBob\n`, t);
      assert.deepEqual(points.warnings, []);
      assert.deepEqual(points.sidecar.annotations.map((a) => a.text), ['Ann', 'Bob']);
    });

    it('a Response with no demand becomes a quote; stance and status go where they belong', () => {
      const t = 'Ann demands roads. Bob agrees. Cy agrees too.';
      const ann = [
        'T1\tDemand 4 17\tdemands roads',
        'A1\tStatus T1 open',
        'T2\tResponse 19 29\tBob agrees',
        'A2\tStance T2 agrees',
        'R1\tResponds Arg1:T2 Arg2:T1',
        'T3\tResponse 31 44\tCy agrees too',
        'A3\tStance T3 agrees',
        'A4\tStance T1 rejects',
      ].join('\n');
      const { sidecar, warnings } = importBrat(ann, t);
      assert.deepEqual(warnings, [
        'line 8: stance "rejects" on T1 (Demand) ignored: only a response takes one of agrees, partly-agrees, defers, rejects, disputes',
        'line 6: T3 is a Response to no demand (no demand reference or Responds relation): imported as a quote',
        'line 7: stance "agrees" on T3 (Response) ignored: only a response takes one of agrees, partly-agrees, defers, rejects, disputes',
        '2 quotes in no event or relation (first on line 3): given the speaker "Unattributed"',
      ]);
      assert.deepEqual(sidecar.annotations.map((a) => [a.type, a.demand, a.stance]), [
        ['demand', 'demands-roads', undefined],
        ['response', 'demands-roads', 'agrees'],
        ['quote', undefined, undefined],
      ]);
      assert.equal(sidecar.demands.get('demands-roads')?.status, 'open');
      readsBack(sidecar, t);
    });

    it('guesses kinds simply', () => {
      assert.equal(guessKind('a source'), 'anonymous');
      assert.equal(guessKind('Labour sources'), 'anonymous');
      assert.equal(guessKind('the official'), 'anonymous');
      assert.equal(guessKind('The New York Post'), 'organisation');
      assert.equal(guessKind('the White House'), 'organisation');
      assert.equal(guessKind('Jeremy Corbyn'), 'person');
      assert.equal(guessKind('he'), 'person');
    });

    it('throws only a BratFormatError when no line is brat, and what it makes always reads back, whatever the lines (fuzz)', () => {
      const t = 'Ann said: “Go 😀 now.”\r\nBob: no.\n';
      const field = fc.oneof(
        fc.constantFrom('T1', 'T2', 'E1', 'R1', 'A1', 'N1', '#1', '*', 'T', 'X9', ''),
        fc.constantFrom('Source 0 3', 'Content 11 21', 'Quote 0 99', 'Response 1 2;5 4', 'Demand 0 3;', 'Source -1 2', 'Content 3 5;1 2'),
        fc.constantFrom('Attribution:T1 Content:T2 Source:T1', 'SaidBy Arg1:T2 Arg2:T1', 'Responds Arg1:T1 Arg2:T1', 'Stance T1 agrees', 'Status T2 open'),
        fc.constantFrom('Reference T1 speaker:ann%20lee', 'Reference T2 demand:go', 'AnnotatorNotes T1', 'Suggested T2', 'Reference T1 speaker:%E0%A4'),
        fc.string({ maxLength: 12 }),
      );
      const line = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join('\t'));
      fc.assert(
        fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
          let result;
          try {
            result = importBrat(lines.join('\n'), t);
          } catch (e) {
            assert.ok(e instanceof BratFormatError, String(e));
            return;
          }
          const { sidecar } = result;
          readsBack(sidecar, t);
        }),
        { numRuns: 300 },
      );
    });

    it('input that is not brat at all (binary noise, prose, JSON) is an error naming its first lines, not an empty sidecar', () => {
      const noise = Array.from({ length: 300 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('') + '\x1b[31m\u202e';
      const cases: [string, RegExp][] = [
        [noise, /^not a brat \.ann file: no line is a brat annotation .*line 1: not a brat annotation line \(ID, TAB, …\): "/],
        [Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919 + 13) % 256)).toString('utf8'), /^not a brat \.ann file: it looks like binary data, not UTF-8 text$/],
        ['Dear editor,\nI read your article with interest.\n\nYours, Ann\n', /line 1: not a brat annotation line \(ID, TAB, …\): "Dear editor,"; line 2: .*"I read your article with interest\."; line 4: /],
        [JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', items: [{ id: 'T1', type: 'Annotation' }] }, null, 2), /line 1: not a brat annotation line \(ID, TAB, …\): "\{"; line 2: .*; and \d+ more$/],
        ['X1\tsomething\nT1\tQuote zero five\tHello\n', /line 1: "X1" is no kind of brat annotation .*; line 2: not a text-bound annotation/],
      ];
      for (const [input, message] of cases) {
        assert.throws(() => importBrat(input, text), (e: unknown) => {
          assert.ok(e instanceof BratFormatError);
          assert.match(e.message, message);
          assert.doesNotMatch(e.message, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/, 'no control or bidi character reaches the terminal');
          return true;
        });
      }
    });

    it('an empty .ann, or one of blank lines, is brat with no annotations: an empty sidecar', () => {
      for (const empty of ['', '\n', '\r\n\n  \n']) {
        const { sidecar, warnings } = importBrat(empty, text);
        assert.deepEqual([sidecar.annotations, warnings], [[], []]);
      }
    });

    it('reads long lines right: a 90 KB text-bound line, a 180 KB relation line, a long name, many links, a field over many lines', () => {
      const long = 'word '.repeat(18000).trim();
      const r1 = importBrat(`T1\tSource 0 ${long.length}\t${long}\nT2\tQuote 0 4\tword\nR1\tSaidBy Arg1:T2 Arg2:T1\n`, long);
      assert.deepEqual(r1.warnings, []);
      assert.equal(r1.sidecar.annotations.find((a) => a.type === 'mention')?.text, long);
      const digits = '1'.repeat(90000);
      const r2 = importBrat(`T1\tSource 0 3\tAnn\nT${digits}\n`, text);
      assert.match(r2.warnings[0], /^line 2: not a brat annotation line \(ID, TAB, …\): "T1{58}…", skipped$/);
      const r3 = importBrat(`T1\tSource 0 3\tAnn\nR1\tSaidBy ${':'.repeat(180000)}\n`, text);
      assert.match(r3.warnings[0], /^line 2: not a relation \(TYPE Arg1:ID Arg2:ID\) "R1\tSaidBy :+…", skipped$/);
      const name = 'a' + ' -'.repeat(20000) + ' b';
      const r4 = importBrat(`T1\tSource 0 ${name.length}\t${name}\n`, name);
      assert.equal(r4.sidecar.speakers.size, 1);
      assert.equal([...r4.sidecar.speakers.values()][0].name, name);
      const stances = Array.from({ length: 5000 }, (_, i) => `A${i + 1}\tStance T1 agrees`).join('\n');
      assert.equal(importBrat(`T1\tSource 0 3\tAnn\n${stances}\n`, text).warnings.length, 5000);
      const roads = 'roads. '.repeat(300);
      const demands = Array.from({ length: 300 }, (_, i) => `T${i + 1}\tDemand ${i * 7} ${i * 7 + 6}\troads.`).join('\n');
      assert.deepEqual([...importBrat(demands, roads).sidecar.demands.keys()], ['roads', ...Array.from({ length: 299 }, (_, i) => `roads-${i + 2}`)]);
      const lines = Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n');
      const r5 = importBrat(`T1\tQuote 0 ${lines.length}\t${lines}\n`, lines);
      assert.deepEqual(r5.sidecar.annotations.map((a) => a.text), [lines]);
    });
  });
});
