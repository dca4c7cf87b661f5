// Every consumer of an annotation's speaker and demand copes with an id the sidecar does not
// define (defined in the workspace speakers file or another sidecar): the model keeps the
// annotation, cards, colours, legends, filters, exports and the report name it by its id.
import * as assert from 'node:assert/strict';
import { buildArticleModel } from '../../src/core/articleModel';
import { filterCounts, groupAnnotations } from '../../src/core/annotationFilter';
import { CrossRefs } from '../../src/core/crossRefs';
import { exporters } from '../../src/core/export';
import { ExportFormat } from '../../src/core/export/types';
import { cardsAt } from '../../src/core/hoverCards';
import { legendRows, spanCounts } from '../../src/core/legend';
import { speakerStyles } from '../../src/core/palette';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { LineMap } from '../../src/core/text';
import { sampleArticle, sampleSidecarSource } from './helpers';

/** The sample with a mention of a speaker and a response to a demand that the sidecar does not define. */
function elsewhere() {
  const source = sampleSidecarSource()
    .replace('    type: mention\n    speaker: corbyn\n', '    type: mention\n    speaker: jeremy-corbyn\n')
    .replace('    speaker: labour-sources\n    demand: no-shared-platforms\n', '    speaker: labour-sources\n    demand: demand-of-last-week\n');
  const text = sampleArticle();
  return { source, text, model: buildArticleModel(source, text) };
}

describe('ids a sidecar does not define, in every consumer', () => {
  it('the model keeps both annotations, placed, with their links; the file is writable and reads back the same', () => {
    const { model } = elsewhere();
    assert.equal(model.readOnly, false);
    assert.equal(model.placed.length, 65);
    assert.deepEqual(model.problems.map((p) => p.severity), ['warning', 'warning']);
    const mention = model.placed.find((a) => a.speaker === 'jeremy-corbyn')!;
    const response = model.placed.find((a) => a.demand === 'demand-of-last-week')!;
    assert.ok(mention && response);
    const back = parseSidecar(serializeSidecar(model.sidecar, model.parsed.doc));
    assert.equal(back.readOnly, false);
    assert.equal(back.sidecar!.annotations.length, 65);
  });

  it('hover cards: the annotation card names the id; no speaker or demand card is made up', () => {
    const { model, text } = elsewhere();
    const refs = new CrossRefs(model.sidecar.speakers, model.sidecar.demands, model.placed, new LineMap(text));
    const legend = { slotOf: () => 0, colorBy: 'speaker' as const };
    for (const id of ['jeremy-corbyn', 'demand-of-last-week']) {
      const a = model.placed.find((x) => x.speaker === id || x.demand === id)!;
      const cards = cardsAt(model.index.covering(a.start), refs, legend);
      const own = cards.find((c) => c.title.some((i) => 'strong' in i && i.strong.endsWith(` ${a.id}`)))!;
      assert.ok(own, `the annotation's card for ${id}`);
      assert.match(JSON.stringify(own), new RegExp(id), 'named by its id');
    }
  });

  it('colours, legend rows and counts: an undefined speaker has no style of its own and breaks nothing', () => {
    const { model } = elsewhere();
    const styles = speakerStyles(model.sidecar, 'speaker', 'dark');
    assert.equal(styles.has('jeremy-corbyn'), false);
    const counts = spanCounts(model.placed);
    assert.equal(counts.speakers.get('jeremy-corbyn')!.mention, 1);
    assert.equal(legendRows(model.sidecar, styles, counts.speakers).length, model.sidecar.speakers.size);
  });

  it('trees (grouping and filter counts) list the annotations of an undefined speaker', () => {
    const { model } = elsewhere();
    const counts = filterCounts(model.placed, model.sidecar.demands);
    assert.equal(counts.speakers.get('jeremy-corbyn'), 1);
    const groups = groupAnnotations(model.placed, { speaker: 'jeremy-corbyn' }, model.sidecar.demands);
    assert.deepEqual(groups.flatMap((g) => g.annotations.map((a) => a.speaker)), ['jeremy-corbyn']);
  });

  for (const format of Object.keys(exporters) as ExportFormat[]) {
    it(`export ${format}: both annotations are exported, named by their ids`, () => {
      const { model, text } = elsewhere();
      const files = exporters[format]([{ path: 'story.txt', text, sidecar: model.sidecar, placed: model.placed, orphans: model.orphans }], {});
      const all = files.map((f) => f.content).join('\n');
      assert.match(all, /jeremy-corbyn/);
      assert.match(all, /demand-of-last-week/);
    });
  }
});
