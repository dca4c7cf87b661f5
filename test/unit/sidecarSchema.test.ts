// The JSON Schemas the YAML language extension reads (docs/sidecar.schema.json,
// docs/speakers.schema.json), judged by a real validator (ajv, draft-07 as they declare) on the
// YAML parsed as that extension parses it (the yaml package, YAML 1.2): the sample and a sidecar
// with every key of the format validate; each malformed fixture is rejected at the right place.
// And the schema is compared with our own reader (sidecarValidate) on the same fixtures.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import * as jsyaml from 'js-yaml';
import { parse } from 'yaml';
import { ANNOTATION_TYPES, DEMAND_STATUSES, OFFSET_UNITS, ORIGINS, REVIEW_STATUSES, SPEAKER_KINDS, STANCES } from '../../src/core/model';
import { DEFAULT_SIDECAR_PATTERN, sidecarGlob } from '../../src/core/sidecarPath';
import { Path, validate } from '../../src/core/sidecarValidate';
import { REPO_ROOT, SAMPLE_SIDECAR } from './helpers';

const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/schema');
type Json = Record<string, any>;

function schema(name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'docs', name), 'utf8'));
}

function compile(s: Json): ValidateFunction {
  // The YAML extension's own keywords (completion docs and snippets) are declared, so strict
  // mode still catches a misspelt standard keyword.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  ajv.addVocabulary(['enumDescriptions', 'defaultSnippets']);
  return ajv.compile(s);
}

const sidecarSchema = compile(schema('sidecar.schema.json'));
const speakersSchema = compile(schema('speakers.schema.json'));

function read(file: string): string {
  return fs.readFileSync(path.isAbsolute(file) ? file : path.join(FIXTURES, file), 'utf8');
}

/** Where the schema says the file is wrong: instance paths, a missing property appended to its object's. */
function schemaErrors(check: ValidateFunction, source: string): string[] {
  assert.equal(check(parse(source)), false, 'the schema accepts it');
  // `if` only says that its `then` failed, which has its own error.
  const errors = (check.errors ?? []).filter((e: ErrorObject) => e.keyword !== 'if');
  return [...new Set(errors.map((e) => (e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath)))].sort();
}

function pointer(p: Path): string {
  return p.map((s) => '/' + String(s)).join('');
}

/** Our reader's problems on the same file (read as it reads: js-yaml, core schema), as pointers. */
function readerProblems(source: string): { errors: string[]; warnings: string[] } {
  const { problems } = validate(jsyaml.load(source, { schema: jsyaml.CORE_SCHEMA }));
  const at = (severity: string) => problems.filter((p) => p.severity === severity).map((p) => pointer(p.path)).sort();
  return { errors: at('error'), warnings: at('warning') };
}

describe('sidecar JSON Schema', () => {
  it('accepts the sample sidecar', () => {
    const ok = sidecarSchema(parse(read(SAMPLE_SIDECAR)));
    assert.ok(ok, JSON.stringify(sidecarSchema.errors, null, 2));
  });

  it('accepts a sidecar with every key of the format (review, rejected, conflicts, color, date) and an unknown one', () => {
    const source = read('valid.annotations.yaml');
    assert.ok(sidecarSchema(parse(source)), JSON.stringify(sidecarSchema.errors, null, 2));
    assert.deepEqual(readerProblems(source), { errors: [], warnings: [] }, 'our reader accepts it too');
  });

  // Our reader points at the entry that lacks a field (docs/SIDECAR.md "Errors"), the schema at the field.
  const malformed: { file: string; schema: string[]; reader: { errors: string[]; warnings: string[] }; why?: string }[] = [
    { file: 'wrong-kind.annotations.yaml', schema: ['/speakers/corbyn/kind'], reader: { errors: ['/speakers/corbyn/kind'], warnings: [] } },
    { file: 'missing-name.annotations.yaml', schema: ['/speakers/jlc/name'], reader: { errors: ['/speakers/jlc'], warnings: [] } },
    { file: 'bad-offset-type.annotations.yaml', schema: ['/annotations/0/start'], reader: { errors: ['/annotations/0/start'], warnings: [] } },
    { file: 'bad-offsets-unit.annotations.yaml', schema: ['/document/offsets'], reader: { errors: ['/document/offsets'], warnings: [] } },
    { file: 'bad-stance.annotations.yaml', schema: ['/annotations/1/stance'], reader: { errors: ['/annotations/1/stance'], warnings: [] } },
    { file: 'quote-without-speaker.annotations.yaml', schema: ['/annotations/0/speaker'], reader: { errors: ['/annotations/0'], warnings: [] } },
    { file: 'rejected-without-text.annotations.yaml', schema: ['/rejected/0/text'], reader: { errors: ['/rejected/0'], warnings: [] } },
    {
      file: 'bad-color.annotations.yaml',
      schema: ['/speakers/corbyn/color'],
      reader: { errors: [], warnings: ['/speakers/corbyn/color'] },
      why: 'a bad colour is only a warning to the reader (docs/SIDECAR.md "Speaker colours"): the speaker is drawn in the automatic colour',
    },
    { file: 'bad-date.annotations.yaml', schema: ['/document/date'], reader: { errors: ['/document/date'], warnings: [] } },
  ];
  for (const { file, schema: paths, reader, why } of malformed) {
    it(`rejects ${file} at ${paths.join(', ')}${why ? '' : ', as our reader does'}`, () => {
      const source = read(file);
      assert.deepEqual(schemaErrors(sidecarSchema, source), paths);
      assert.deepEqual(readerProblems(source), reader, why);
    });
  }

  it('lists the same values as the model for every closed set (kind, type, stance, status, offsets, origin, review)', () => {
    const s = schema('sidecar.schema.json');
    const d = s.definitions;
    assert.deepEqual(d.speaker.properties.kind.enum, [...SPEAKER_KINDS]);
    assert.deepEqual(d.annotation.properties.type.enum, [...ANNOTATION_TYPES]);
    assert.deepEqual(d.rejected.properties.type.enum, [...ANNOTATION_TYPES]);
    assert.deepEqual(d.annotation.properties.stance.enum, [...STANCES]);
    assert.deepEqual(d.demand.properties.status.enum, [...DEMAND_STATUSES]);
    assert.deepEqual(s.properties.document.properties.offsets.enum, [...OFFSET_UNITS]);
    assert.deepEqual(d.annotation.properties.origin.enum, [...ORIGINS]);
    assert.deepEqual(d.review.properties.status.enum, [...REVIEW_STATUSES]);
    assert.deepEqual(schema('speakers.schema.json').definitions.speaker.properties.kind.enum, [...SPEAKER_KINDS]);
  });

  it('describes every property (the YAML extension shows it on hover and in completion)', () => {
    for (const name of ['sidecar.schema.json', 'speakers.schema.json']) {
      const missing: string[] = [];
      const root = schema(name);
      // A bare reference shows the description of what it refers to.
      const described = (v: Json) => Boolean(v.description ?? (v.$ref && root.definitions[String(v.$ref).replace('#/definitions/', '')]?.description));
      const walk = (node: unknown, at: string) => {
        if (!node || typeof node !== 'object') return;
        const n = node as Json;
        if (n.properties) for (const [k, v] of Object.entries(n.properties as Json)) if (!described(v as Json)) missing.push(`${at}/${k}`);
        // An `if` only tests a value; its properties are not shown.
        for (const [k, v] of Object.entries(n)) if (k !== 'if') walk(v, `${at}/${k}`);
      };
      walk(root, '');
      assert.deepEqual(missing, [], name);
    }
  });

  it('takes the dates the format allows in document.date, and nothing else', () => {
    const withDate = (date: string) => sidecarSchema({ version: 1, document: { date } });
    for (const good of ['2026-12-01', '2026-12-01T09:30:00Z', '2026-12-01T09:30:00.123+01:00', '2026-12-01T09:30']) assert.ok(withDate(good), good);
    for (const bad of ['2026-13-01', '2026-12-32', '01/12/2026', '2026-12-01T25:00', 'yesterday', '2026-12-01 and more']) assert.ok(!withDate(bad), bad);
  });
});

describe('workspace speakers JSON Schema', () => {
  it('accepts a speakers file with attributes, members, aliases and colours', () => {
    assert.ok(speakersSchema(parse(read('speakers.yaml'))), JSON.stringify(speakersSchema.errors, null, 2));
  });

  it('rejects a list as an attribute value and a speaker without a kind, at their paths', () => {
    assert.deepEqual(schemaErrors(speakersSchema, read('speakers-bad-attribute.yaml')), ['/speakers/corbyn/attributes/party', '/speakers/labour/kind']);
  });
});

describe('the schemas in the manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

  // .vscodeignore leaves everything out, then lets each shipped path back in with a `!` line.
  const shipped = (file: string) =>
    fs
      .readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('!'))
      .some((line) => new RegExp('^' + line.slice(1).trim().replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '$').test(file));

  it('contributes them to the YAML extension for sidecars of the default pattern and the speakers file, and ships them in the .vsix', () => {
    const contributed: { fileMatch: string[]; url: string }[] = manifest.contributes.yamlValidation;
    assert.deepEqual(
      contributed.map((c) => [c.fileMatch, c.url]),
      [
        [['*.annotations.yaml'], './docs/sidecar.schema.json'],
        [['.attribution-lens/speakers.yaml'], './docs/speakers.schema.json'],
      ],
    );
    // The YAML extension matches a pattern without a slash at any depth, as the watcher's glob does.
    assert.equal('**/' + contributed[0].fileMatch[0], sidecarGlob(DEFAULT_SIDECAR_PATTERN));
    for (const c of contributed) {
      assert.ok(fs.existsSync(path.join(REPO_ROOT, c.url)), c.url);
      assert.ok(shipped(c.url.replace(/^\.\//, '')), `${c.url} is let into the .vsix by .vscodeignore`);
    }
  });
});
