// W3C Web Annotation import: plain annotations from other tools (a Hypothesis-like export),
// positions that no longer hold their quote, quotes that cannot be found, and bad input.
import * as assert from 'node:assert/strict';
import { loadArticle } from '../../src/core/export/article';
import { importW3c } from '../../src/core/export/importW3c';
import { exportW3c } from '../../src/core/export/w3c';
import { serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { fixtureArticle } from './exportGolden.test';

const text = '😀 The mayor said: “We need bike lanes now.” The council said no.\n';

function foreign(selector: unknown, body: unknown = { type: 'TextualBody', value: 'Check this claim', purpose: 'commenting' }): Record<string, unknown> {
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: 'https://hypothes.is/a/abc123',
    type: 'Annotation',
    body,
    target: { source: 'https://news.example/story', selector },
  };
}

const read = (source: string) => {
  const loaded = loadArticle('a.txt', text, source);
  assert.deepEqual(loaded.problems.filter((p) => p.severity === 'error'), []);
  assert.ok(loaded.article);
  return loaded.article;
};

describe('importW3c', () => {
  it('a plain annotation from another tool: a quote by "Unattributed" with its comment as the note, placed by code points', () => {
    const an = foreign([
      { type: 'TextPositionSelector', start: 19, end: 42 },
      { type: 'TextQuoteSelector', exact: 'We need bike lanes now.', prefix: 'said: “', suffix: '” The' },
    ]);
    const { sidecar, warnings } = importW3c(JSON.stringify(an), text, { file: 'a.txt' });
    assert.deepEqual(warnings, ['1 annotation has no Attribution Lens body: imported as a quote (or the type a tag names) by "Unattributed" unless tagged otherwise']);
    assert.deepEqual(sidecar.annotations.map((a) => [a.id, a.type, a.speaker, a.start, a.text, a.note]), [['a1', 'quote', 'unattributed', 20, 'We need bike lanes now.', 'Check this claim']]);
    assert.equal(sidecar.speakers.get('unattributed')?.kind, 'anonymous');
    assert.equal(sidecar.document.sha256, sha256Hex(text));
    assert.equal(read(serializeSidecar(sidecar)).placed.length, 1);
  });

  it('a tag naming one of our types gives the type; other tags go in the note; a page, a list or one annotation all read', () => {
    const tagged = foreign({ type: 'TextQuoteSelector', exact: 'We need bike lanes now.', prefix: '“', suffix: '”' }, [
      { type: 'TextualBody', purpose: 'tagging', value: 'Demand' },
      { type: 'TextualBody', purpose: 'tagging', value: 'transport' },
    ]);
    const mention = { ...foreign({ type: 'TextQuoteSelector', exact: 'The council', prefix: ' ', suffix: ' said' }, []), bodyValue: 'Who?' };
    for (const doc of [{ type: 'AnnotationPage', items: [tagged, mention] }, [tagged, mention], { '@graph': [tagged, mention] }]) {
      const { sidecar } = importW3c(JSON.stringify(doc), text);
      assert.deepEqual(sidecar.annotations.map((a) => [a.type, a.text, a.note, a.demand]), [
        ['demand', 'We need bike lanes now.', 'Tags: transport', 'we-need-bike-lanes-now'],
        ['quote', 'The council', 'Who?', undefined],
      ]);
    }
  });

  it('a position that no longer holds its quote: the quote is looked for with its context, near the position', () => {
    const an = foreign([
      { type: 'TextPositionSelector', start: 2, end: 11 },
      { type: 'TextQuoteSelector', exact: 'The council', prefix: 'lanes now.” ', suffix: ' said no.' },
    ]);
    const { sidecar, warnings } = importW3c(JSON.stringify(an), text);
    assert.equal(warnings[0], 'annotation 1 (https://hypothes.is/a/abc123): its position does not hold its quote; placed by the quote at 44');
    assert.equal(sidecar.annotations[0].start, text.indexOf('The council'));
  });

  it('a quote that cannot be found is kept for review: flagged, with the sha256, and reading it back shows it as an orphan', () => {
    const an = foreign({ type: 'TextQuoteSelector', exact: 'a sentence that was cut', prefix: 'x', suffix: 'y' });
    const { sidecar, warnings } = importW3c(JSON.stringify(an), text);
    assert.match(warnings[0], /its quote "a sentence that was cut" is not in the text with confidence; kept for review/);
    assert.equal(sidecar.document.sha256, sha256Hex(text));
    assert.equal(sidecar.annotations[0].review?.status, 'orphan');
    const article = read(serializeSidecar(sidecar));
    assert.deepEqual(article.orphans.map((o) => o.annotation.text), ['a sentence that was cut']);
  });

  it('an annotation with nothing to place by is skipped; a position outside the text is said', () => {
    const none = foreign({ type: 'CssSelector', value: '#p1' });
    const outside = foreign({ type: 'TextPositionSelector', start: 5, end: 5000 });
    const { sidecar, warnings } = importW3c(JSON.stringify([none, outside]), text);
    assert.equal(sidecar.annotations.length, 0);
    assert.deepEqual(warnings, [
      'annotation 1 (https://hypothes.is/a/abc123): no TextQuoteSelector or TextPositionSelector on its target, skipped',
      'annotation 2 (https://hypothes.is/a/abc123): its TextPositionSelector [5,5000] is not a span of the text (65 code points), and it has no quote to look for: skipped',
    ]);
  });

  it('input that is not JSON, or holds no annotation, is an error saying so', () => {
    assert.throws(() => importW3c('{ nope', text), /^Error: not JSON: /);
    assert.throws(() => importW3c('{"type": "Thing"}', text), /no W3C Web Annotation in it/);
    assert.throws(() => importW3c('{"type": "AnnotationCollection", "first": "https://x.example/page1"}', text), /no W3C Web Annotation/);
  });

  it('our own export comes back whole: ids, entities with every field, and the orphan kept for review', () => {
    const article = fixtureArticle('bike-lanes.txt');
    const { sidecar, warnings } = importW3c(exportW3c([article], {})[0].content, article.text, { file: 'bike-lanes.txt' });
    assert.deepEqual(warnings, [
      'annotation 8 (urn:attribution-lens:article:bike-lanes.txt#annotation-a8): its quote "a sentence that was deleted" is not in the text (exported as needing review: its text "a sentence that was deleted" could not be found with confidence in the changed article); kept for review',
    ]);
    assert.deepEqual([...sidecar.speakers.values()], [...article.sidecar.speakers.values()]);
    assert.deepEqual([...sidecar.demands.values()], [...article.sidecar.demands.values()]);
    const back = loadArticle('bike-lanes.txt', article.text, serializeSidecar(sidecar)).article!;
    const strip = ({ prefix, suffix, ...a }: { prefix?: string; suffix?: string }) => a;
    assert.deepEqual(back.placed.map(strip), article.placed.map(strip));
    assert.deepEqual(back.orphans.map((o) => o.annotation.id), ['a8']);
  });

  it('an export in the older shape (ids "#a1", a relative source, no body id, name in our namespace) still comes back with its ids', () => {
    const doc = {
      '@context': ['http://www.w3.org/ns/anno.jsonld', { al: 'https://attribution-lens.example/ns#', name: 'al:name' }],
      id: '#annotations',
      type: 'AnnotationCollection',
      speakers: [{ id: 'urn:attribution-lens:speaker:mayor', type: 'Speaker', name: 'The Mayor', kind: 'person' }],
      first: {
        id: '#page1',
        type: 'AnnotationPage',
        items: [
          {
            id: '#q%201',
            type: 'Annotation',
            body: [{ type: 'Attribution', annotationType: 'quote', speaker: { id: 'urn:attribution-lens:speaker:mayor', type: 'Speaker', name: 'The Mayor' } }],
            target: { type: 'SpecificResource', source: 'a.txt', selector: [{ type: 'TextPositionSelector', start: 19, end: 42 }, { type: 'TextQuoteSelector', exact: 'We need bike lanes now.' }] },
          },
        ],
      },
    };
    const { sidecar, warnings } = importW3c(JSON.stringify(doc), text);
    assert.deepEqual(warnings, []);
    assert.deepEqual(sidecar.annotations.map((a) => [a.id, a.type, a.speaker, a.text]), [['q 1', 'quote', 'mayor', 'We need bike lanes now.']]);
    assert.equal(sidecar.speakers.get('mayor')?.name, 'The Mayor');
  });

  it('our ids come back from any article IRI, encoded or not; a foreign annotation with a look-alike IRI keeps none', () => {
    const ours = (id: string) => ({ id, type: 'Annotation', body: { id: `${id}/attribution`, type: 'Attribution', annotationType: 'mention', speaker: { id: 'urn:attribution-lens:speaker:council' } }, target: { selector: { type: 'TextQuoteSelector', exact: 'The council' } } });
    const items = [ours('https://news.example/a%20b/a.txt#annotation-m%231'), ours('file:///x/a.txt#annotation-m2')];
    const lookalike = { ...foreign({ type: 'TextQuoteSelector', exact: 'The mayor' }), id: 'https://x.example/#annotation-zz' };
    const { sidecar } = importW3c(JSON.stringify([...items, lookalike]), text);
    assert.deepEqual(sidecar.annotations.map((a) => a.id).sort(), ['a1', 'm#1', 'm2']);
  });

  it('links to speakers the file never describes are dropped, not written as a sidecar that does not read', () => {
    const doc = {
      type: 'AnnotationCollection',
      demands: [{ id: 'urn:attribution-lens:demand:d', type: 'Demand', summary: 'D', by: ['urn:attribution-lens:speaker:ghost'] }],
      first: {
        type: 'AnnotationPage',
        items: [{ id: '#a1', type: 'Annotation', body: { type: 'Attribution', annotationType: 'demand', demand: { id: 'urn:attribution-lens:demand:d' } }, target: { selector: { type: 'TextQuoteSelector', exact: 'We need bike lanes now.' } } }],
      },
    };
    const { sidecar, warnings } = importW3c(JSON.stringify(doc), text);
    assert.deepEqual(warnings, ['demand "d" names speakers the file does not describe (ghost): dropped']);
    assert.deepEqual(sidecar.demands.get('d')?.by, []);
    read(serializeSidecar(sidecar));
  });
});
