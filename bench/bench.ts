// `npm run bench`: speed budgets from DESIGN.md, each measured beside a baseline run in the
// same process, reported as a ratio because these machines are noisy. Not a test: it never fails.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jsyaml from 'js-yaml';
import { buildArticleModel, HighlightSpan } from '../src/core/articleModel';
import { IntervalIndex } from '../src/core/annotationIndex';
import { cardsAt } from '../src/core/hoverCards';
import { CrossRefs } from '../src/core/crossRefs';
import { Annotation, Sidecar } from '../src/core/model';
import { parseSidecar, serializeSidecar } from '../src/core/sidecar';
import { anchorContext } from '../src/core/anchoring';
import { LineMap, sha256Hex } from '../src/core/text';

const root = path.resolve(__dirname, '../..');
const sampleText = fs.readFileSync(path.join(root, 'sample-docs/corbyn-jewish-leaders-meeting.txt'), 'utf8');
const sample = parseSidecar(fs.readFileSync(path.join(root, 'sample-docs/corbyn-jewish-leaders-meeting.txt.annotations.yaml'), 'utf8')).sidecar!;

/** The sample article repeated to `bytes`, with its annotations repeated (and layered) to `count`. */
function scaled(bytes: number, count: number): { text: string; sidecar: Sidecar } {
  const copies = Math.ceil(bytes / Buffer.byteLength(sampleText));
  const text = (sampleText + '\n').repeat(copies);
  const stride = sampleText.length + 1;
  const annotations: Annotation[] = [];
  for (let i = 0; annotations.length < count; i++) {
    const base = sample.annotations[i % sample.annotations.length];
    const copy = Math.floor(i / sample.annotations.length) % copies;
    const start = base.start + copy * stride;
    const end = base.end + copy * stride;
    annotations.push({ ...base, id: `a${i + 1}`, start, end, ...anchorContext(text, start, end) });
  }
  const sidecar: Sidecar = { ...sample, document: { file: 'big.txt', sha256: sha256Hex(text), offsets: 'utf16' }, annotations };
  return { text, sidecar };
}

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

console.log('Attribution Lens bench (medians; ratios compare with a baseline in this same run)\n');
benchOpen();
benchHover();
