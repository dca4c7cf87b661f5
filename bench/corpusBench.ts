// The corpus phase of `npm run bench` (issue 12): a generated corpus of 10,000 articles on disk,
// indexed through the CLI's host; full build, one sidecar's update and a workspace hover query,
// each beside the baseline of re-reading every sidecar per query, in this same run. Memory: the
// heap retained by the index after a forced GC, and the growth of the resident set (RSS) and its
// peak over the build, from process.memoryUsage and resourceUsage.
import * as fs from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as jsyaml from 'js-yaml';
import { parseDocument } from 'yaml';
import { CorpusIndex } from '../src/core/corpus/corpusIndex';
import { readForCorpus } from '../src/core/corpus/corpusRead';
import { demandThread, speakerAppearances } from '../src/core/corpus/corpusQueries';
import { Sidecar } from '../src/core/model';
import { NodeHost } from '../src/node/nodeHost';
import { generateCorpus } from './corpusGen';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const fmt = (x: number) => (x < 1 ? `${(x * 1000).toFixed(1)} µs` : x < 10_000 ? `${x.toFixed(1)} ms` : `${(x / 1000).toFixed(2)} s`);

function row(name: string, ms: number, baselineName: string, baselineMs: number, budget: string, met: boolean): void {
  console.log(`${name.padEnd(46)} ${fmt(ms).padStart(10)}   ${baselineName.padEnd(40)} ${fmt(baselineMs).padStart(10)}   ratio ${(ms / baselineMs).toFixed(4).padStart(8)}   budget ${budget}${met ? '  (met)' : '  (NOT MET)'}`);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = process.hrtime.bigint();
  const r = await fn();
  return [r, Number(process.hrtime.bigint() - t) / 1e6];
}

/** The baseline: what a query costs without an index, every sidecar read and parsed again. */
async function rereadAll(sidecars: readonly string[]): Promise<Sidecar[]> {
  const out: Sidecar[] = [];
  for (let i = 0; i < sidecars.length; i += 64) {
    const batch = await Promise.all(sidecars.slice(i, i + 64).map((f) => fs.promises.readFile(f, 'utf8')));
    for (const source of batch) {
      const s = readForCorpus(source).sidecar;
      if (s) out.push(s);
    }
  }
  return out;
}

function compareParsers(sidecars: readonly string[]): void {
  const sources = sidecars.slice(0, 300).map((f) => fs.readFileSync(f, 'utf8'));
  const bytes = sources.reduce((n, s) => n + s.length, 0);
  const rate = (fn: (s: string) => unknown) => {
    const t = process.hrtime.bigint();
    for (const s of sources) fn(s);
    return bytes / 1e6 / (Number(process.hrtime.bigint() - t) / 1e9);
  };
  rate((s) => jsyaml.load(s, { schema: jsyaml.CORE_SCHEMA })); // warm-up
  const js = rate((s) => jsyaml.load(s, { schema: jsyaml.CORE_SCHEMA }));
  const doc = rate((s) => parseDocument(s));
  const docJs = rate((s) => parseDocument(s).toJS());
  const ours = rate((s) => readForCorpus(s));
  console.log(`corpus: YAML parse rates on 300 of its sidecars: js-yaml ${js.toFixed(1)} MB/s, yaml parseDocument ${doc.toFixed(1)} MB/s (with toJS ${docJs.toFixed(1)} MB/s), readForCorpus (fast reader + checks) ${ours.toFixed(1)} MB/s`);
}

export async function benchCorpus(sampleText: string, sample: Sidecar, articles = 10_000): Promise<void> {
  const t0 = Date.now();
  const g = generateCorpus(sampleText, sample, { articles, chars: 5000, annotationsPerArticle: 50, speakerPool: 2000 });
  console.log(`corpus: ${articles.toLocaleString('en')} articles in ${g.dir} (${mb(g.textBytes)} of text, ${mb(g.sidecarBytes)} of sidecars, ${g.annotations.toLocaleString('en')} annotations; ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  compareParsers(g.sidecars);

  // The index first, so the peak RSS is the build's (the baseline below holds every sidecar too).
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const host = new NodeHost();
  const index = new CorpusIndex(host, [g.dir]);
  const [, build] = await timed(() => index.build());
  const rssAfterBuild = process.memoryUsage().rss;
  gc();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const [, baseline] = await timed(() => rereadAll(g.sidecars));
  if (index.size !== articles) throw new Error(`indexed ${index.size} of ${articles} articles: ${JSON.stringify(index.problems().slice(0, 3))}`);
  row('corpus full index build', build, 'baseline: re-read every sidecar', baseline, '< 10 s', build < 10_000);
  console.log(`corpus memory: heap retained by the index ${mb(heap)} (after GC), RSS +${mb(rssAfterBuild - rssBefore)} over the build, peak RSS of the process until then ${mb(peakRss)}   budget < 1 GB${peakRss < 1e9 ? '  (met)' : '  (NOT MET)'}`);

  // One sidecar changes (an annotation's speaker and text), then its update.
  const target = g.sidecars[Math.floor(articles / 2)];
  const original = fs.readFileSync(target, 'utf8');
  const samples: number[] = [];
  for (let k = 0; k < 21; k++) {
    fs.writeFileSync(target, original.replace('    text: "', `    text: "edit ${k} `));
    samples.push((await timed(() => index.update(target)))[1]);
  }
  fs.writeFileSync(target, original);
  await index.update(target);
  const update = samples.sort((a, b) => a - b)[10];
  row('corpus update after one sidecar changed', update, 'baseline: re-read every sidecar', baseline, '< 20 ms', update < 20);

  // Hover: a speaker's appearances in other articles (and a demand's thread), for random ids.
  const queries = 400;
  const hover: number[] = [];
  let found = 0;
  for (let k = 0; k < queries; k++) {
    const id = g.speakerIds[(k * 7919) % g.speakerIds.length];
    const demand = g.demandIds[(k * 104_729) % g.demandIds.length];
    const [n, ms] = await timed(async () => speakerAppearances(index, id, { except: target, limit: 5 }).total + demandThread(index, demand).items.length);
    found += n;
    hover.push(ms);
  }
  if (found === 0) throw new Error('hover queries found nothing: the bench is not measuring anything');
  hover.sort((a, b) => a - b);
  const median = hover[queries >> 1];
  const p95 = hover[Math.floor(queries * 0.95)];
  row('corpus hover (speaker elsewhere + demand thread)', median, 'baseline: re-read every sidecar', baseline, '< 5 ms', p95 < 5);
  console.log(`corpus hover: p95 ${fmt(p95)}, max ${fmt(hover[queries - 1])} over ${queries} queries, ${(found / queries).toFixed(0)} hits each on average`);
}
