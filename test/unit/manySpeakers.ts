// An article with many speakers, each quoted and mentioned, for the report's colour checks
// (reportColors.test.ts, and test/e2e/report.e2e.mjs, which requires the compiled file).
import { anchorContext } from '../../src/core/anchoring';
import { ArticleInput } from '../../src/core/export/types';
import { Annotation, compareAnnotations, emptySidecar } from '../../src/core/model';

/**
 * `count` speakers s1..sN in sidecar order; speaker n says "Quote n …" and is named once.
 * `colors` gives speakers (by 1-based place) a sidecar `color`. The last speaker's quote is
 * also a response to a demand the first one states, so styles that meet on one piece show.
 */
export function manySpeakersArticle(count: number, colors: Record<number, string> = {}): ArticleInput {
  const sidecar = emptySidecar('many.txt');
  const lines: string[] = [];
  const spans: (Omit<Annotation, 'start' | 'end'> & { at: string })[] = [];
  const add = (a: Omit<Annotation, 'start' | 'end' | 'id'> & { at: string }) => spans.push({ id: `a${spans.length + 1}`, ...a });
  for (let n = 1; n <= count; n++) {
    const name = `Speaker Number ${n}`;
    sidecar.speakers.set(`s${n}`, { id: `s${n}`, name, kind: 'person', aliases: [], members: [], ...(colors[n] !== undefined && { color: colors[n] }) });
    lines.push(`${name} said: "Quote ${n}, in the words of speaker ${n} of ${count}."`);
    add({ type: 'mention', speaker: `s${n}`, at: name });
    add({ type: 'quote', speaker: `s${n}`, at: `Quote ${n}, in the words of speaker ${n} of ${count}.` });
  }
  sidecar.demands.set('d1', { id: 'd1', summary: 'An answer from the last speaker', by: ['s1'], to: [`s${count}`] });
  add({ type: 'demand', demand: 'd1', at: 'Quote 1, in the words' });
  add({ type: 'response', speaker: `s${count}`, demand: 'd1', stance: 'agrees', at: `in the words of speaker ${count} of` });
  const text = lines.join('\n') + '\n';
  const placed = spans.map(({ at, ...a }): Annotation => {
    const start = text.indexOf(at);
    if (start < 0) throw new Error(`not in the text: ${at}`);
    return { ...a, start, end: start + at.length, ...anchorContext(text, start, start + at.length) };
  });
  placed.sort(compareAnnotations);
  sidecar.annotations = placed;
  return { path: 'many.txt', text, sidecar, placed, orphans: [] };
}
