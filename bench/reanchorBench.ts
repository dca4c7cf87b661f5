// The re-anchoring benchmark: annotated articles edited behind the sidecar's back (1, 20 and
// 100 random word edits, one in ten a paragraph deleted), re-anchored by the project and by a
// Hypothesis-style matcher in the same run, each placement checked against the span's true
// place. Then the cost cases: a 20 MB article after one insertion at the top, and a hostile
// sidecar. Not a test: it prints, it never fails on figures.
import * as fs from 'node:fs';
import search from 'approx-string-match';
import { anchorAnnotations } from '../src/core/anchoring';
import { Annotation, emptySidecar, Sidecar } from '../src/core/model';
import { sha256Hex } from '../src/core/text';
import { Article, edit, generatedCorpus, polnear, Truth } from './reanchorCorpus';

type Placer = (sidecar: Sidecar, text: string) => Map<string, { start: number; end: number }>;

const project: Placer = (sidecar, text) => {
  const r = anchorAnnotations(sidecar, text);
  return new Map(r.placed.map((a) => [a.id, { start: a.start, end: a.end }]));
};

/**
 * Hypothesis's matchQuote (client/src/annotator/anchoring/match-quote.ts): an exact match
 * first, else approx-string-match with up to half the quote in errors; every match scored
 * 50 quote, 20 prefix, 20 suffix, 2 position; the best taken, however low its score.
 */
const hypothesis: Placer = (sidecar, text) => {
  const placed = new Map<string, { start: number; end: number }>();
  for (const a of sidecar.annotations) {
    const m = matchQuote(text, a);
    if (m) placed.set(a.id, m);
  }
  return placed;
};

function matchQuote(text: string, a: Annotation): { start: number; end: number } | undefined {
  const quote = a.text ?? '';
  if (!quote) return undefined;
  let matches: { start: number; end: number; errors: number }[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) matches.push({ start: i, end: i + quote.length, errors: 0 });
  if (matches.length === 0) matches = search(text, quote, Math.min(256, Math.floor(quote.length / 2)));
  let best: { start: number; end: number; score: number } | undefined;
  for (const m of matches) {
    const prefixScore = a.prefix ? sideScore(text.slice(Math.max(0, m.start - a.prefix.length), m.start), a.prefix) : 1;
    const suffixScore = a.suffix ? sideScore(text.slice(m.end, m.end + a.suffix.length), a.suffix) : 1;
    const posScore = 1 - Math.abs(m.start - a.start) / text.length;
    const score = (50 * (1 - m.errors / quote.length) + 20 * prefixScore + 20 * suffixScore + 2 * posScore) / 92;
    if (!best || score > best.score) best = { start: m.start, end: m.end, score };
  }
  return best;
}

function sideScore(actual: string, stored: string): number {
  if (!actual.length) return 0;
  const m = search(actual, stored, stored.length);
  return m.length ? 1 - Math.min(...m.map((x) => x.errors)) / stored.length : 0;
}

interface Tally {
  untouched: number;
  untouchedExact: number;
  edited: number;
  editedPlaced: number;
  /** Own text intact, context edited: in no goal, but counted for wrong placements. */
  contextOnly: number;
  contextOnlyExact: number;
  wrong: number;
  ms: number;
}

function overlap(x: { start: number; end: number }, y: { start: number; end: number }): number {
  const common = Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start));
  return common / Math.max(x.end - x.start, y.end - y.start);
}

/** Set by `--wrong`: every wrong placement of the project is printed, to see why. */
let showWrong = false;

function score(tally: Tally, truth: Map<string, Truth>, placed: Map<string, { start: number; end: number }>, where?: { article: Article; text: string; edits: number }): void {
  const wrong = (id: string, t: Truth, p: { start: number; end: number }) => {
    tally.wrong++;
    if (!where) return;
    const a = where.article.annotations.find((x) => x.id === id)!;
    const show = (s: number, e: number) => JSON.stringify(where.text.slice(Math.max(0, s - 20), s) + '[' + where.text.slice(s, e) + ']' + where.text.slice(e, e + 20));
    console.log(`  wrong: ${where.article.name} @${where.edits} ${id} ${JSON.stringify(a.text)} stored ${a.start}, placed ${p.start}-${p.end} ${show(p.start, p.end)}; truly ${t.deleted ? 'deleted' : `${t.start}-${t.end} ${show(t.start, t.end)}`}`);
  };
  for (const [id, t] of truth) {
    const p = placed.get(id);
    if (t.deleted) {
      if (p) wrong(id, t, p);
      continue;
    }
    if (p && overlap(p, t) < 0.5) wrong(id, t, p);
    if (t.edited) {
      tally.edited++;
      if (p && overlap(p, t) >= 0.5) tally.editedPlaced++;
    } else if (t.contextEdited) {
      tally.contextOnly++;
      if (p && p.start === t.start && p.end === t.end) tally.contextOnlyExact++;
    } else {
      tally.untouched++;
      if (p && p.start === t.start && p.end === t.end) tally.untouchedExact++;
    }
  }
}

/** The sidecar as written for the article before the edits: its sha256 says the text changed. */
function sidecarOf(article: Article): Sidecar {
  const sidecar = emptySidecar(article.name);
  sidecar.document.sha256 = sha256Hex(article.text);
  sidecar.annotations = article.annotations;
  return sidecar;
}

function run(corpus: Article[], edits: number, trials: number): { project: Tally; baseline: Tally } {
  const zero = (): Tally => ({ untouched: 0, untouchedExact: 0, edited: 0, editedPlaced: 0, contextOnly: 0, contextOnlyExact: 0, wrong: 0, ms: 0 });
  const out = { project: zero(), baseline: zero() };
  corpus.forEach((article, n) => {
    const sidecar = sidecarOf(article);
    for (let trial = 0; trial < trials; trial++) {
      const { text, truth } = edit(article, edits, 1000 * n + trial + 7 * edits);
      for (const [name, placer] of [['project', project], ['baseline', hypothesis]] as const) {
        const t = process.hrtime.bigint();
        const placed = placer(sidecar, text);
        out[name].ms += Number(process.hrtime.bigint() - t) / 1e6;
        score(out[name], truth, placed, showWrong && name === 'project' ? { article, text, edits } : undefined);
      }
    }
  });
  return out;
}

const pct = (x: number, of: number) => (of ? `${((100 * x) / of).toFixed(1)} %` : 'n/a');

function table(title: string, corpus: Article[], trials: number): void {
  const spans = corpus.reduce((n, a) => n + a.annotations.length, 0);
  console.log(`\nre-anchoring, ${title}: ${corpus.length} article(s), ${spans} spans, ${trials} seeded trial(s) each`);
  console.log('| edits | untouched exact (project / baseline) | edited placed, overlap >= 0.5 | context edited, exact | wrong placements | time, ms (ratio) |');
  console.log('|---|---|---|---|---|---|');
  for (const edits of [1, 20, 100]) {
    const r = run(corpus, edits, trials);
    const [p, b] = [r.project, r.baseline];
    console.log(
      `| ${edits} | ${pct(p.untouchedExact, p.untouched)} / ${pct(b.untouchedExact, b.untouched)} (${p.untouched}) ` +
        `| ${pct(p.editedPlaced, p.edited)} / ${pct(b.editedPlaced, b.edited)} (${p.edited}) ` +
        `| ${pct(p.contextOnlyExact, p.contextOnly)} / ${pct(b.contextOnlyExact, b.contextOnly)} (${p.contextOnly}) ` +
        `| ${p.wrong} / ${b.wrong} | ${p.ms.toFixed(0)} / ${b.ms.toFixed(0)} (${(p.ms / b.ms).toFixed(2)}) |`,
    );
  }
}

/** Wall time, and this process's CPU time beside it: on a shared, loaded machine the wall time grows with the load, the CPU time much less. */
function timed(label: string, goal: string, fn: () => string): void {
  const t = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const what = fn();
  const used = process.cpuUsage(cpu);
  const ms = (x: number) => x.toFixed(0).padStart(7);
  console.log(`${label.padEnd(62)} ${ms(Number(process.hrtime.bigint() - t) / 1e6)} ms (CPU ${ms((used.user + used.system) / 1000).trim()} ms)   goal ${goal}   (${what})`);
}

export function benchReanchor(sampleText: string, sample: Sidecar, scaled: (bytes: number, count: number) => { text: string; sidecar: Sidecar }, polnearDir?: string, wrongShown = false): void {
  showWrong = wrongShown;
  table('the sample article', [{ name: 'sample', text: sampleText, annotations: sample.annotations }], 30);
  table('generated corpus', generatedCorpus(sampleText, 40, 9), 3);
  if (polnearDir && fs.existsSync(polnearDir)) table(`PolNeAR (${polnearDir})`, polnear(polnearDir, 60), 2);
  else console.log('\n(PolNeAR not read: give its folder with `npm run bench -- --polnear DIR`, e.g. /work/shared/corpora/polnear/dev)');

  console.log('\nre-anchoring cost');
  const big = scaled(20_000_000, 100_000);
  const shifted = 'A line added at the top.\n' + big.text;
  timed('100,000 annotations, 20 MB, one insertion at the top', '< 5 s', () => {
    const r = anchorAnnotations(big.sidecar, shifted);
    return `${r.moved.length} moved, ${r.orphans.length} orphans`;
  });
  const letters = 'a'.repeat(1_000_000);
  const copies = (quote: string): Sidecar => ({
    ...big.sidecar,
    document: { file: 'hostile.txt', sha256: sha256Hex('not this text'), offsets: 'utf16' },
    annotations: Array.from({ length: 10_000 }, (_, i) => ({ id: `h${i}`, type: 'quote', speaker: 's', start: (i * 97) % 999_000, end: ((i * 97) % 999_000) + quote.length, text: quote, prefix: 'a'.repeat(32), suffix: 'a'.repeat(32) }) as Annotation),
  });
  for (const quote of ['aaaaaaaa', 'aaaabaaa']) {
    timed(`hostile: 10,000 copies of "${quote}" on 1 MB of "a"`, '< 2 s', () => {
      const r = anchorAnnotations(copies(quote), letters);
      return `${r.placed.length} placed, ${r.orphans.length} orphans`;
    });
  }
}
