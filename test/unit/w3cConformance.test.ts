// The W3C export judged by the W3C's own test suite, not by our reader: every exported
// annotation against every vendored MUST assertion of annotationMusts.test, bodyMusts.test,
// targetMusts.test and specificResourceMusts.test, the collection (with its embedded page) against collectionMusts.test and
// pageMusts.test, validated by ajv
// in draft-04 mode as the suite's schemas declare. And the JSON-LD expands offline against the
// vendored anno.jsonld in jsonld.js's safe mode, which fails on any key no context defines.
// Schemas and their provenance: test/fixtures/w3c-schemas/README.md.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { ArticleInput, ExportOptions } from '../../src/core/export/types';
import { AL_CONTEXT, ANNO_CONTEXT, exportW3c } from '../../src/core/export/w3c';
import { fixtureArticle, sampleInput } from './exportGolden.test';
import { REPO_ROOT } from './helpers';

const SUITE = path.join(REPO_ROOT, 'test/fixtures/w3c-schemas');

/** MUST assertions the .test files list that the stored copy of the suite did not hold (see the README). */
const NOT_VENDORED = [
  'collections/5.1-collectionContextValidated.json',
  'collections/5.1-collectionLabelValidated.json',
  'collections/5.1-collectionTotalValidated.json',
  'collections/5.1-collectionFirstValidated.json',
  'collections/5.1-collectionLastValidated.json',
  'collections/3.3.1-collectionCreatedValidated.json',
  'collections/3.3.1-collectionModifiedValidated.json',
  'collections/3.3.6-collectionRightsValidated.json',
  'collections/pages/5.2-pageContextValidated.json',
];

type Json = Record<string, any>;

interface Assertion {
  file: string;
  errorMessage: string;
  validate: ValidateFunction;
}

function readJson(file: string): Json {
  return JSON.parse(fs.readFileSync(path.join(SUITE, file), 'utf8'));
}

export function loadSuite(): Record<'annotation' | 'collection', Assertion[]> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const f of fs.readdirSync(path.join(SUITE, 'definitions'))) ajv.addSchema(readJson(`definitions/${f}`));
  const musts = (...testFiles: string[]): Assertion[] =>
    [...new Set(testFiles.flatMap((t) => readJson(t).assertions as string[]))]
      // specificResourceMusts.test names its folder "specificResources/"; the files are in "specificResource/".
      .map((file) => file.replace(/^specificResources\//, 'specificResource/'))
      .filter((file) => !NOT_VENDORED.includes(file))
      .map((file) => {
        const schema = readJson(file);
        assert.equal(schema.assertionType, 'must', file);
        assert.equal(schema.expectedResult, 'valid', file);
        return { file, errorMessage: schema.errorMessage, validate: ajv.compile(schema) };
      });
  return {
    annotation: musts('annotations/annotationMusts.test', 'bodiesTargets/bodyMusts.test', 'bodiesTargets/targetMusts.test', 'specificResource/specificResourceMusts.test'),
    collection: musts('collections/collectionMusts.test', 'collections/pages/pageMusts.test'),
  };
}

/** Every (document, assertion) pair that fails, as "what: assertion: message". */
export function failures(doc: Json, suite: ReturnType<typeof loadSuite>): string[] {
  const out: string[] = [];
  const check = (what: string, json: Json, assertions: Assertion[]) => {
    for (const a of assertions) if (!a.validate(json)) out.push(`${what}: ${a.file}: ${a.errorMessage}`);
  };
  check('collection', doc, suite.collection);
  // The suite takes one annotation at a time: each gets the collection's @context, as in JSON-LD.
  for (const item of doc.first.items as Json[]) check(`annotation ${item.id}`, { '@context': doc['@context'], ...item }, suite.annotation);
  return out;
}

const exported = (article: ArticleInput, options: ExportOptions = {}): Json => JSON.parse(exportW3c([article], options)[0].content);

describe('W3C export against the W3C Web Annotation test suite', () => {
  const suite = loadSuite();

  it('the vendored suite holds every MUST assertion the .test files list, less the known missing ones', () => {
    // 14 + 16 + 15 + 11, less the two body and target checks annotationMusts.test lists too.
    assert.equal(suite.annotation.length, 54);
    assert.equal(suite.collection.length, 2 + 14);
  });

  /** The annotation-level assertions a bad annotation fails; `id`, `body` and `target` are its own. */
  const failedBy = (bad: Json) => suite.annotation.filter((a) => !a.validate({ '@context': ANNO_CONTEXT, type: 'Annotation', ...bad })).map((a) => a.file);

  it('the suite can fail: the old shape, with a relative id, a relative source and a body with neither id nor value', () => {
    const old = { id: '#a1', body: { type: 'Attribution' }, target: { type: 'SpecificResource', source: 'story.txt', selector: { type: 'TextQuoteSelector', exact: 'x' } } };
    assert.deepEqual(failedBy(old), [
      'annotations/3.1-annotationIdValidated.json',
      'annotations/3.2-targetObjectsRecognized.json',
      'annotations/3.2-bodyObjectsRecognized.json',
      // A relative source is neither a URI nor an object, so every target/source check fails too.
      'bodiesTargets/3.2.1-targTextDirectionValidated.json',
      'bodiesTargets/3.3.1-targCreatedValidated.json',
      'bodiesTargets/3.3.1-targModifiedValidated.json',
      'bodiesTargets/3.3.6-targRightsValidated.json',
      'bodiesTargets/3.3.7-targCanonicalValidated.json',
      'bodiesTargets/3.3.7-targViaValidated.json',
    ]);
  });

  it('the specific-resource checks can fail: a TextPositionSelector starting before the text', () => {
    const selector = [{ type: 'TextQuoteSelector', exact: 'x' }, { type: 'TextPositionSelector', start: -1, end: 2 }];
    assert.deepEqual(failedBy({ id: 'urn:x:1', body: { id: 'urn:x:body' }, target: { type: 'SpecificResource', source: 'urn:x:article', selector } }), [
      'annotations/3.2-targetObjectsRecognized.json',
      'specificResource/4.2-selectorValidIfPresent.json',
      'specificResource/4.2-TextDataPositionSelectorValid.json',
    ]);
  });

  const cases: [string, () => ArticleInput, ExportOptions][] = [
    ['the hand-made article (orphan, notes, hostile names), no location known', () => fixtureArticle('bike-lanes.txt'), {}],
    ['the sample article with its file URI', () => ({ ...sampleInput(), uri: 'file:///home/r%C3%A9dac/news/corbyn-jewish-leaders-meeting.txt' }), {}],
    ['the hand-made article under a base IRI, in a folder with a space', () => fixtureArticle('bike-lanes.txt', 'city news/bike-lanes.txt'), { baseIri: 'https://news.example/archive/' }],
  ];
  for (const [name, article, options] of cases) {
    it(`every annotation and the collection pass every MUST assertion: ${name}`, () => {
      assert.deepEqual(failures(exported(article(), options), suite), []);
    });
  }

  it('the JSON-LD expands offline against anno.jsonld with no key left undefined, and our context redefines no standard term', async () => {
    const annoContext = readJson('contexts/anno.jsonld');
    const standardTerms = Object.keys(annoContext['@context']);
    assert.deepEqual(Object.keys(AL_CONTEXT).filter((k) => standardTerms.includes(k)), []);

    // jsonld.js has no types; this is the part of its API used here.
    const jsonld: { expand(doc: unknown, options: Json): Promise<Json[]> } = require('jsonld');
    const documentLoader = async (url: string) => {
      if (url !== ANNO_CONTEXT) throw new Error(`nothing is fetched: ${url}`);
      return { contextUrl: null, documentUrl: url, document: annoContext };
    };
    const undefinedKey = { '@context': [ANNO_CONTEXT, AL_CONTEXT], id: 'urn:x:1', type: 'Annotation', speakerName: 'x' };
    await assert.rejects(jsonld.expand(undefinedKey, { documentLoader, safe: true }), /Safe mode validation error/, 'the check can fail');
    for (const [name, article, options] of cases) {
      // safe mode throws on any term, type or value that would be dropped as undefined.
      const expanded = await jsonld.expand(exported(article(), options), { documentLoader, safe: true });
      assert.equal(expanded.length, 1, name);
      assert.match(expanded[0]['@id'], /^[a-z][a-z0-9+.-]*:/, `${name}: the collection's id is absolute`);
    }
  });
});
