// `npm run bench`: speed budgets from DESIGN.md, each measured beside a baseline run in the
// same process, reported as a ratio because these machines are noisy. Not a test: it never fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { buildArticleModel, HighlightSpan } from '../src/core/articleModel';
import { IntervalIndex } from '../src/core/annotationIndex';
import { cardsAt } from '../src/core/hoverCards';
import { CrossRefs } from '../src/core/crossRefs';
import { AnnotationSession } from '../src/core/session';
import { parseSidecar, serializeSidecar } from '../src/core/sidecar';
import { LineMap } from '../src/core/text';
import { AnchorTracker, TextEdit, TrackedSpan } from '../src/core/anchorTracker';
import { benchReanchor } from './reanchorBench';
import { benchSuggest } from './suggestBench';
import { random } from './reanchorCorpus';
import { scaledArticle } from './scaledArticle';
import { benchVscode } from './vscodeBench';
import { benchCorpus } from './corpusBench';

const root = path.resolve(__dirname, '../..');
const sampleText = fs.readFileSync(path.join(root, 'sample-docs/corbyn-jewish-leaders-meeting.txt'), 'utf8');
const sample = parseSidecar(fs.readFileSync(path.join(root, 'sample-docs/corbyn-jewish-leaders-meeting.txt.annotations.yaml'), 'utf8')).sidecar!;

const scaled = (bytes: number, count: number) => scaledArticle(sampleText, sample, bytes, count);

/** Median of `runs` timings of fn, in milliseconds. */
function time(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

function row(name: string, ms: number, baselineName: string, baselineMs: number, budget: string): void {
  const fmt = (x: number) => (x < 1 ? `${(x * 1000).toFixed(1)} µs` : `${x.toFixed(1)} ms`);
  console.log(`${name.padEnd(46)} ${fmt(ms).padStart(10)}   ${baselineName.padEnd(40)} ${fmt(baselineMs).padStart(10)}   ratio ${(ms / baselineMs).toFixed(3).padStart(8)}   budget ${budget}`);
}

function benchOpen(): void {
  const { text, sidecar } = scaled(1_000_000, 10_000);
  const source = serializeSidecar(sidecar);
  console.log(`open: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB article, ${sidecar.annotations.length} annotations, sidecar ${(source.length / 1e6).toFixed(2)} MB`);
  let model = buildArticleModel(source, text);
  const lines = new LineMap(text);
  const open = time(() => {
    model = buildArticleModel(source, text);
    // The decoration ranges: every span's line and column, as the adapter asks positionAt.
    for (const s of model.index.all()) {
      lines.position(s.start);
      lines.position(s.end);
    }
  }, 5);
  // Baseline: the bare cost of reading the same YAML into plain objects (js-yaml, the reader
  // we use), no validation and no model: the floor a YAML sidecar can open at.
  const bare = time(() => jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA }), 5);
  row('open (parse, anchor, index, aliases, ranges)', open, 'baseline: js-yaml load of the same file', bare, '< 300 ms');
  if (model.placed.length !== 10_000) throw new Error(`expected 10000 placed, got ${model.placed.length}`);
}

function benchHover(): void {
  const { text, sidecar } = scaled(1_000_000, 100_000);
  const spans: HighlightSpan[] = sidecar.annotations.map((a) => ({ kind: 'annotation', start: a.start, end: a.end, annotation: a }));
  const index = new IntervalIndex(spans);
  const refs = new CrossRefs(sidecar.speakers, sidecar.demands, sidecar.annotations, new LineMap(text));
  const offsets = Array.from({ length: 2000 }, (_, i) => Math.floor(((i * 7919) % 2000) / 2000 * text.length));
  let found = 0;
  const indexed = time(() => {
    for (const o of offsets) found += index.covering(o).length;
  }, 5) / offsets.length;
  const scan = time(() => {
    for (const o of offsets) found += spans.filter((s) => s.start <= o && o < s.end).length;
  }, 5) / offsets.length;
  console.log(`hover: ${spans.length} annotations`);
  row('hover lookup (index.covering)', indexed, 'baseline: linear scan of all spans', scan, '< 1 ms');
  // Warm: cards are memoized per speaker and demand, so the first hover on each pays once.
  const slots = { slotOf: () => 1, colorBy: 'speaker' as const };
  const card = time(() => {
    for (const o of offsets) cardsAt(index.covering(o), refs, slots);
  }, 5) / offsets.length;
  row('hover card (lookup + card content)', card, 'baseline: linear scan of all spans', scan, '< 1 ms');
  if (found === 0) throw new Error('no spans found: the bench is not measuring anything');
}

/** Median time of one keystroke's anchor update, tracker and baseline, over `keys` keystrokes at random places. */
function keystrokes(spans: TrackedSpan[], textLength: number, keys: number): { insert: [number, number]; del: [number, number] } {
  const tracker = new AnchorTracker(spans);
  const plain = spans.map((s) => ({ ...s }));
  const rnd = random(42);
  let length = textLength;
  // Typing one character, then deleting one elsewhere: the article keeps its length.
  const inserts = Array.from({ length: keys }, () => Math.floor(rnd() * length));
  const deletes = Array.from({ length: keys }, () => Math.floor(rnd() * (length - 1)));
  const one = (edit: TextEdit) => () => tracker.apply(edit);
  // Same rules, every annotation in turn: an insertion pushes starts at the cursor, not ends.
  const shiftInsert = (off: number) => () => {
    for (const a of plain) {
      if (a.start >= off) a.start++;
      if (a.end > off) a.end++;
    }
  };
  const shiftDelete = (off: number) => () => {
    for (const a of plain) {
      if (a.start > off) a.start--;
      if (a.end > off) a.end--;
    }
  };
  const samples = { ti: [] as number[], bi: [] as number[], td: [] as number[], bd: [] as number[] };
  const once = (fn: () => void) => {
    const t = process.hrtime.bigint();
    fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (let k = 0; k < keys; k++) {
    samples.ti.push(once(one({ offset: inserts[k], length: 0, inserted: 1 })));
    samples.bi.push(once(shiftInsert(inserts[k])));
    length++;
    samples.td.push(once(one({ offset: deletes[k], length: 1, inserted: 0 })));
    samples.bd.push(once(shiftDelete(deletes[k])));
    length--;
  }
  // Both must agree, or the bench is timing something other than the same update.
  const byId = new Map(tracker.spans().map((s) => [s.id, s]));
  for (const a of plain) {
    const t = byId.get(a.id);
    if (t && (t.start !== a.start || t.end !== a.end)) throw new Error(`tracker and baseline disagree on ${a.id}`);
  }
  if (byId.size < spans.length * 0.99) throw new Error(`keystrokes removed ${spans.length - byId.size} spans: not a typing workload`);
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { insert: [median(samples.ti), median(samples.bi)], del: [median(samples.td), median(samples.bd)] };
}

/** Median of single calls, in ms. */
function medianPer(fn: () => void, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

function benchKeystroke(): void {
  const budget = '< 2 ms at 10,000; < 1 ms more at 100,000';
  const results: Record<number, { insert: [number, number]; del: [number, number] }> = {};
  for (const count of [10_000, 100_000]) {
    const { text, sidecar } = scaled(1_000_000, count);
    const spans = sidecar.annotations.map((a) => ({ id: a.id, start: a.start, end: a.end }));
    keystrokes(spans, text.length, 300); // warm-up: let the JIT settle on both loops
    const r = (results[count] = keystrokes(spans, text.length, 2000));
    const n = count.toLocaleString('en');
    console.log(`keystroke: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB article, ${n} annotations, median of 2000 keystrokes`);
    row(`keystroke insert, ${n} (tracker.apply)`, r.insert[0], 'baseline: shift every span (array)', r.insert[1], budget);
    row(`keystroke delete, ${n} (tracker.apply)`, r.del[0], 'baseline: shift every span (array)', r.del[1], budget);
    // The whole core work of a keystroke: anchors, plus the record Undo uses (text kept in chunks).
    const session = new AnnotationSession(text, sidecar, sidecar.annotations);
    let at = 0;
    const step = (length: number, inserted: string) => () => {
      at = (at + 7919) % (text.length - 2);
      session.textEdited([{ offset: at, length, text: inserted }]);
    };
    const sessionInsert = medianPer(step(0, 'x'), 2000);
    const sessionDelete = medianPer(step(1, ''), 2000);
    row(`keystroke insert, ${n} (session.textEdited)`, sessionInsert, 'baseline: shift every span (array)', r.insert[1], budget);
    row(`keystroke delete, ${n} (session.textEdited)`, sessionDelete, 'baseline: shift every span (array)', r.del[1], budget);
    // VS Code's Undo and Redo of a word deleted key by key at a span's end (one undo element of
    // ten keystrokes): the history replays ten steps and puts the squeezed span back.
    const span = sidecar.annotations[Math.floor(count / 2)];
    const word = 10;
    for (let k = 1; k <= word; k++) session.textEdited([{ offset: span.end - k, length: 1, text: '' }]);
    const removed = text.slice(span.end - word, span.end);
    let undone = false;
    const undoRedo = medianPer(() => {
      session.textEdited(undone ? [{ offset: span.end - word, length: word, text: '' }] : [{ offset: span.end - word, length: 0, text: removed }], undone ? 'redo' : 'undo');
      undone = !undone;
    }, 200);
    if (undone) session.textEdited([{ offset: span.end - word, length: word, text: '' }], 'redo');
    row(`text undo/redo of 10 keys at a span, ${n}`, undoRedo, 'baseline: shift every span (array)', r.del[1], 'not a keystroke');
  }
  const fmt = (ms: number) => `${ms >= 0 ? '+' : ''}${(ms * 1000).toFixed(1)} µs`;
  const growth = (k: 'insert' | 'del', i: 0 | 1) => results[100_000][k][i] - results[10_000][k][i];
  console.log(
    `keystroke growth 10,000 -> 100,000: tracker insert ${fmt(growth('insert', 0))}, delete ${fmt(growth('del', 0))}; ` +
      `baseline insert ${fmt(growth('insert', 1))}, delete ${fmt(growth('del', 1))}   budget < 1 ms more`,
  );
}

// `npm run bench -- --polnear DIR` adds the PolNeAR corpus (read in place, never copied);
// `--only reanchor` runs the re-anchoring benchmark alone (`--wrong` prints its wrong placements),
// `--only suggest` the suggestion engine's, `--only vscode` the phase inside the real VS Code
// (`--profile DIR` writes a CPU profile of the extension host per step there).
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = option('--only');
console.log('Attribution Lens bench (medians; ratios compare with a baseline in this same run)\n');
if (!only || only === 'speed') {
  benchOpen();
  benchHover();
  benchKeystroke();
}
if (!only || only === 'reanchor') benchReanchor(sampleText, sample, scaled, option('--polnear'), args.includes('--wrong'));
if (!only || only === 'suggest') benchSuggest(sampleText);
if (!only || only === 'vscode') benchVscode(sampleText, sample, option('--profile'));
// `--only corpus` (with `--articles N` for another size) runs the corpus index phase alone.
if (!only || only === 'corpus') void benchCorpus(sampleText, sample, Number(option('--articles') ?? 10_000));
