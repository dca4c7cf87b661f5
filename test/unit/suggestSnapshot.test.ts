// suggestForArticle's output pinned by digest: speed work on the stages after the engine (issue
// 10) must not change a single suggestion. The fixture was written from the code before that
// work; regenerate it (UPDATE_SUGGEST_SNAPSHOT=1 npm run test:unit) only for a change meant to
// alter suggestions, and say so in the commit.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseSidecar } from '../../src/core/sidecar';
import { loadModel } from '../../src/core/suggest/modelFile';
import { suggestForArticle } from '../../src/core/suggest/suggestions';
import { REPO_ROOT, sampleArticle, sampleSidecarSource } from './helpers';

const FIXTURE = path.join(REPO_ROOT, 'test/fixtures/suggest/suggestForArticle.digests.json');

/** A text no article is: the sample's paragraphs in a fixed shuffled order, some cut mid-sentence, some joined without a break. */
function synthetic(): string {
  const paras = sampleArticle().split(/\n\s*\n/).filter((p) => p.trim());
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const out: string[] = [];
  for (let i = 0; i < 3 * paras.length; i++) {
    const p = paras[next() % paras.length];
    const cut = next() % 4 === 0 ? p.slice(0, Math.max(20, next() % p.length)) : p;
    out.push(cut, next() % 3 === 0 ? ' ' : '\n\n');
  }
  return out.join('');
}

function cases(): Record<string, { text: string; existing?: ReturnType<typeof parseSidecar>['sidecar'] }> {
  const sample = sampleArticle();
  return {
    sample: { text: sample },
    'sample with its sidecar': { text: sample, existing: parseSidecar(sampleSidecarSource()).sidecar },
    'sample x3': { text: [sample, sample, sample].join('\n\n') },
    synthetic: { text: synthetic() },
  };
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

describe('suggest: suggestForArticle output is unchanged (snapshot digests)', () => {
  const model = loadModel(new Uint8Array(fs.readFileSync(path.join(REPO_ROOT, 'models/attribution-model.bin'))));
  const got: Record<string, { suggestions: number; speakers: number; demands: number; sha256: string }> = {};
  for (const [name, c] of Object.entries(cases())) {
    const set = suggestForArticle(model, c.text, c.existing);
    got[name] = { suggestions: set.suggestions.length, speakers: set.speakers.length, demands: set.demands.length, sha256: digest(set) };
  }
  if (process.env.UPDATE_SUGGEST_SNAPSHOT) fs.writeFileSync(FIXTURE, JSON.stringify(got, null, 2) + '\n');
  const want = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as typeof got;
  for (const name of Object.keys(want)) {
    it(`${name}: same suggestions, speakers and demands`, () => assert.deepEqual(got[name], want[name]));
  }
});
