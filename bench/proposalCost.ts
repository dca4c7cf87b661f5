// The cost of review proposals (src/core/reviewProposal.ts): 1,000 orphans on a 1 MB article,
// realistic and of one repeated letter. `npm run build && npm run compile-tests && node
// out/bench/proposalCost.js`. Not a test: it never fails; it prints the time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotation } from '../src/core/model';
import { ProposalFinder } from '../src/core/reviewProposal';
import { parseSidecar } from '../src/core/sidecar';

const root = path.resolve(__dirname, '../..');
const sample = path.join(root, 'sample-docs/corbyn-jewish-leaders-meeting.txt');
const article = fs.readFileSync(sample, 'utf8');
const sidecar = parseSidecar(fs.readFileSync(`${sample}.annotations.yaml`, 'utf8')).sidecar!;
let seed = 1;
const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

// Copies of the article, each with some words reversed, so no two copies are the same.
let text = '';
while (text.length < 1_000_000) text += article.split(' ').map((w) => (rnd() < 0.05 ? [...w].reverse().join('') : w)).join(' ') + '\n\n';
// Orphans: the sample's annotations with about 30 % of their characters changed, at random offsets.
const orphans: Annotation[] = Array.from({ length: 1000 }, (_, i) => {
  const a = sidecar.annotations[i % sidecar.annotations.length];
  const changed = [...(a.text ?? '')].map((c) => (rnd() < 0.3 ? 'x' : c)).join('');
  return { ...a, id: `o${i}`, text: changed, start: Math.floor(rnd() * text.length) };
});

for (const [name, t, list] of [
  ['realistic', text, orphans],
  ['one repeated letter', 'a'.repeat(1_000_000), orphans.map((o) => ({ ...o, text: 'a'.repeat(Math.max(5, o.text!.length)) }))],
] as const) {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const finder = new ProposalFinder(t);
  let proposed = 0;
  for (const o of list) if (finder.propose(o)) proposed++;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const used = process.cpuUsage(cpu);
  // CPU time as well: on a shared machine the wall clock says more about the neighbours.
  console.log(`proposals, ${name}: ${t.length} chars, ${list.length} orphans: ${proposed} proposals in ${ms.toFixed(0)} ms (${((used.user + used.system) / 1000).toFixed(0)} ms CPU)`);
}
