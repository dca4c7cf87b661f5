import * as assert from 'node:assert/strict';
import { suggestAttributions } from '../../src/core/suggest/engine';
import { loadModel, ModelFormatError, saveModel } from '../../src/core/suggest/modelFile';
import { GoldAttribution, goldLabels, GoldSpan, trainModel, TrainingDoc, TrainOptions } from '../../src/core/suggest/train';
import { tokenize } from '../../src/core/suggest/tokenize';
import { LABELS } from '../../src/core/suggest/features';

/** A document built from [text, kind?] pieces: each piece with a kind is a gold span; a source, cue and content in a row (any order) are one attribution. */
function doc(id: string, pieces: [string, GoldSpan['kind']?][]): TrainingDoc {
  let text = '';
  const spans: GoldSpan[] = [];
  const attributions: GoldAttribution[] = [];
  let open: GoldAttribution = {};
  for (const [s, kind] of pieces) {
    if (kind) {
      const span: GoldSpan = { kind, fragments: [[text.length, text.length + s.length]] };
      spans.push(span);
      if (open[kind]) open = {};
      if (!Object.keys(open).length) attributions.push(open);
      open[kind] = span;
    }
    text += s;
  }
  return { id, text, spans, attributions };
}

const NAMES = ['Smith', 'Jones', 'The mayor', 'A spokeswoman', 'Garcia', 'The senator'];
const CLAUSES = ['taxes would rise', 'the plan had failed', 'nobody was hurt', 'talks would resume', 'the vote was close', 'prices were falling'];

function corpus(): TrainingDoc[] {
  return NAMES.map((name, i) =>
    doc(`d${i}`, [
      ['Rain fell on the town today.\n\n'],
      [name, 'source'],
      [' '],
      ['said', 'cue'],
      [' '],
      [`that ${CLAUSES[i]}`, 'content'],
      ['.\n\n'],
      [`“${CLAUSES[(i + 1) % 6]},”`, 'content'],
      [' '],
      [NAMES[(i + 2) % 6], 'source'],
      [' '],
      ['told', 'cue'],
      [' reporters.\n'],
    ]),
  );
}

const OPTIONS: TrainOptions = { epochs: 12, seed: 7, bucketBits: 12, folds: 2, trainedOn: 'synthetic' };

describe('suggest: training', () => {
  it('gold spans become BIO labels, a span over two paragraphs opening in each', () => {
    const text = 'He said: “one\n\ntwo.”';
    const tt = tokenize(text);
    const labels = goldLabels(tt, [
      { kind: 'source', fragments: [[0, 2]] },
      { kind: 'cue', fragments: [[3, 7]] },
      { kind: 'content', fragments: [[9, text.length]] },
    ]);
    assert.deepEqual([...labels].map((y) => LABELS[y]), ['B-source', 'B-cue', 'O', 'B-content', 'I-content', 'B-content', 'I-content', 'I-content']);
  });

  it('learns to tag a handful of synthetic documents', () => {
    const docs = corpus();
    const model = trainModel(docs, OPTIONS);
    assert.ok(model.links, 'linking is learned from the documents’ attributions');
    const found = suggestAttributions(model, docs[0].text);
    const said = found.find((a) => a.cue?.text === 'said');
    assert.ok(said, JSON.stringify(found));
    assert.equal(said.source?.text, 'Smith');
    assert.deepEqual(said.content.map((c) => c.text), ['that taxes would rise']);
    for (const a of found) assert.ok(typeof a.score === 'number' && a.score >= 0 && a.score <= 1, `score ${a.score}`);
    const told = found.find((a) => a.cue?.text === 'told');
    assert.equal(told?.source?.text, 'The mayor');
    assert.deepEqual(told?.content.map((c) => c.text), ['“the plan had failed,”']);
    // A new sentence of the same shape, with a name it has not seen in that place.
    const fresh = suggestAttributions(model, 'Rain fell.\n\nThe mayor said that the vote was close.\n');
    assert.equal(fresh[0]?.source?.text, 'The mayor');
    assert.equal(fresh[0]?.cue?.text, 'said');
  });

  it('the model file round-trips: loading what was saved predicts the same and saves the same bytes', () => {
    const docs = corpus();
    const model = trainModel(docs, OPTIONS);
    const bytes = saveModel(model);
    const loaded = loadModel(bytes);
    assert.deepEqual(loaded.meta, model.meta);
    for (const d of docs) assert.deepEqual(suggestAttributions(loaded, d.text), suggestAttributions(model, d.text));
    assert.deepEqual(saveModel(loaded), bytes);
  });

  it('training is reproducible: two runs give the same bytes, another seed does not', () => {
    const docs = corpus();
    const a = saveModel(trainModel(docs, OPTIONS));
    const b = saveModel(trainModel(docs, OPTIONS));
    assert.ok(Buffer.from(a).equals(Buffer.from(b)));
    const c = saveModel(trainModel(docs, { ...OPTIONS, seed: 8 }));
    assert.ok(!Buffer.from(a).equals(Buffer.from(c)));
  });

  it('a file that is not a model, or of another version, is refused with a clear error', () => {
    assert.throws(() => loadModel(new Uint8Array(3)), ModelFormatError);
    assert.throws(() => loadModel(new TextEncoder().encode('T1\tSource 0 5\tHello, world and more')), /wrong magic number/);
    const bytes = saveModel(trainModel(corpus().slice(0, 2), { ...OPTIONS, epochs: 1, folds: 0 }));
    const other = bytes.slice();
    new DataView(other.buffer).setUint32(4, 99, true);
    assert.throws(() => loadModel(other), /version 99/);
    assert.throws(() => loadModel(bytes.subarray(0, bytes.length - 10)), /truncated/);
  });
});
