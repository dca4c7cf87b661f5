import * as assert from 'node:assert/strict';
import { findAliasMentions } from '../../src/core/aliases';
import { buildArticleModel } from '../../src/core/articleModel';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { sha256Hex } from '../../src/core/text';
import { lineColOf, sampleArticle, sampleSidecarSource, sidecarWith, speaker } from './helpers';

describe('articleModel: buildArticleModel', () => {
  describe('on the sample', () => {
    const text = sampleArticle();
    const source = sampleSidecarSource();
    const model = buildArticleModel(source, text);

    it('places all 65 annotations, with no orphans or problems', () => {
      assert.equal(model.readable, true);
      assert.equal(model.readOnly, false);
      assert.deepEqual(model.problems, []);
      assert.deepEqual(model.orphans, []);
      assert.equal(model.placed.length, 65);
      assert.equal(model.sidecar.speakers.size, 12);
      assert.equal(model.lines.lineCount, text.split('\n').length);
    });

    it('indexes the annotations and the alias mentions no stored mention covers', () => {
      const stored = model.placed.filter((a) => a.type === 'mention');
      const aliases = findAliasMentions(text, model.sidecar.speakers.values());
      const uncovered = aliases.filter((m) => !stored.some((s) => s.start <= m.start && m.end <= s.end));
      const spans = model.index.all();
      assert.equal(spans.filter((s) => s.kind === 'annotation').length, 65);
      assert.equal(spans.filter((s) => s.kind === 'alias').length, uncovered.length);
      assert.equal(aliases.length, 83);
      assert.equal(uncovered.length, 63);
      assert.equal(model.index.size, 128);
    });

    it('does not duplicate an alias inside a stored mention', () => {
      // a6: the stored mention "Corbyn" at 1292–1298.
      const at = model.index.covering(1294);
      assert.equal(at.length, 1);
      assert.equal(at[0].kind, 'annotation');
      // "Labour Against Anti-Semitism" at 1005 is stored (a4): no alias of las or labour there.
      assert.deepEqual(model.index.overlapping(1005, 1033).map((s) => s.kind), ['annotation']);
      // a44 stores "Labour Against Anti-Semitism (LAS)": both the name and "LAS" inside it are covered.
      assert.deepEqual(model.index.overlapping(5704, 5738).map((s) => (s.kind === 'alias' ? s.speaker : s.annotation.id)), ['a44']);
      // "Gwynne" at 7295 is not stored: one alias span.
      assert.deepEqual(model.index.covering(7297).map((s) => (s.kind === 'alias' ? [s.speaker, s.start, s.end] : s.annotation.id)), [['gwynne', 7295, 7301]]);
    });
  });

  it('keeps an alias that a shorter stored mention covers only in part', () => {
    const text = 'Then Jonathan Goldstein spoke.';
    const s = sidecarWith([speaker('g', 'Jonathan Goldstein')], [], [{ id: 'm', type: 'mention', speaker: 'g', start: 5, end: 13, text: 'Jonathan' }], sha256Hex(text));
    const model = buildArticleModel(serializeSidecar(s), text);
    assert.deepEqual(
      model.index.all().map((x) => [x.kind, x.start, x.end]),
      [
        ['annotation', 5, 13],
        ['alias', 5, 23],
      ],
    );
  });

  it('puts anchoring problems at the annotation in the sidecar file', () => {
    const text = sampleArticle();
    const source = sampleSidecarSource();
    const edited = 'UPDATED: ' + text.replace('a positive and constructive meeting about tackling anti-semitism."\n\nThis take', 'a good meeting." This view');
    const model = buildArticleModel(source, edited);
    assert.equal(model.placed.length, 64);
    assert.deepEqual(model.orphans.map((o) => o.annotation.id), ['a7']);
    const a7 = model.problems.filter((p) => p.annotationId === 'a7');
    assert.equal(a7.length, 1);
    assert.equal(a7[0].severity, 'warning');
    const where = lineColOf(source, '1358', source.indexOf('  - id: a7\n'));
    assert.deepEqual([a7[0].line, a7[0].column], [where.line, where.column]);
    assert.equal(source.slice(a7[0].start, a7[0].end), '1358');
    // Re-anchoring is a warning: the file stays writable; problems are in file order.
    assert.equal(model.problems.length, 65);
    assert.equal(model.readOnly, false);
    for (let i = 1; i < model.problems.length; i++) assert.ok(model.problems[i - 1].start <= model.problems[i].start);
  });

  it('a span past the end makes the model read-only, with the error at the annotation', () => {
    const text = 'Short article.';
    const s = sidecarWith([speaker('s', 'S')], [], [{ id: 'a1', type: 'quote', speaker: 's', start: 6, end: 99 }], sha256Hex(text));
    const source = serializeSidecar(s);
    const model = buildArticleModel(source, text);
    assert.equal(model.readOnly, true);
    assert.deepEqual(model.placed, []);
    assert.equal(model.orphans.length, 1);
    assert.equal(model.problems.length, 1);
    assert.equal(model.problems[0].severity, 'error');
    const where = lineColOf(source, '6\n', source.indexOf('  - id: a1'));
    assert.deepEqual([model.problems[0].line, model.problems[0].column], [where.line, where.column]);
  });

  it('an unreadable sidecar gives an empty, read-only model with the problem', () => {
    const model = buildArticleModel('version: 1\nspeakers: [\n', 'Corbyn spoke.');
    assert.equal(model.readable, false);
    assert.equal(model.readOnly, true);
    assert.equal(model.sidecar.annotations.length, 0);
    assert.equal(model.index.size, 0);
    assert.equal(model.problems.length, 1);
    assert.match(model.problems[0].message, /^Not valid YAML/);
  });

  it('a sidecar with an invalid annotation is read-only but still shows the valid ones', () => {
    const source = sampleSidecarSource().replace('    speaker: gwynne\n', '    speaker: [gwynne]\n');
    const model = buildArticleModel(source, sampleArticle());
    assert.equal(model.readable, true);
    assert.equal(model.readOnly, true);
    assert.equal(model.placed.length, 64);
    assert.equal(model.problems.length, 1);
    assert.equal(parseSidecar(source).readOnly, true);
  });

  it('a speaker id the sidecar does not define: a warning, every annotation shown, the file writable', () => {
    const source = sampleSidecarSource().replace('    speaker: gwynne\n', '    speaker: gwynn\n');
    const model = buildArticleModel(source, sampleArticle());
    assert.equal(model.readOnly, false);
    assert.equal(model.placed.length, 65);
    assert.deepEqual(model.problems.map((p) => [p.severity, p.message]), [['warning', 'Annotation "a16": speaker id "gwynn" is not defined in this sidecar']]);
  });
});
