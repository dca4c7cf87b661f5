import * as assert from 'node:assert/strict';
import { DEFAULT_SIDECAR_PATTERN, sidecarGlob, sidecarRelativePath } from '../../src/core/sidecarPath';

describe('sidecarPath', () => {
  describe('sidecarRelativePath', () => {
    it('uses the full file name by default, so a.txt and a.md never share a sidecar', () => {
      assert.equal(DEFAULT_SIDECAR_PATTERN, '${file}.annotations.yaml');
      assert.equal(sidecarRelativePath('a.txt', DEFAULT_SIDECAR_PATTERN), 'a.txt.annotations.yaml');
      assert.equal(sidecarRelativePath('a.md', DEFAULT_SIDECAR_PATTERN), 'a.md.annotations.yaml');
      assert.equal(sidecarRelativePath('corbyn-jewish-leaders-meeting.txt', DEFAULT_SIDECAR_PATTERN), 'corbyn-jewish-leaders-meeting.txt.annotations.yaml');
    });

    it('${name} is the name without its last extension', () => {
      assert.equal(sidecarRelativePath('a.txt', '${name}.yaml'), 'a.yaml');
      assert.equal(sidecarRelativePath('report.v2.md', '${name}.annotations.yaml'), 'report.v2.annotations.yaml');
      assert.equal(sidecarRelativePath('README', '${name}.yaml'), 'README.yaml');
      assert.equal(sidecarRelativePath('a.txt', '${name}-${file}.yml'), 'a-a.txt.yml');
    });

    it('allows a subfolder, normalised', () => {
      assert.equal(sidecarRelativePath('a.txt', '.annotations/${file}.yaml'), '.annotations/a.txt.yaml');
      assert.equal(sidecarRelativePath('a.txt', './notes//${name}.yaml'), 'notes/a.yaml');
      assert.equal(sidecarRelativePath('a.txt', 'x/../${file}.yaml'), 'a.txt.yaml');
    });

    const fallback = 'a.txt.annotations.yaml';
    for (const pattern of [
      '../${file}.yaml',
      '../../etc/${name}',
      'x/../../${file}.yaml',
      '${file}/../../x.yaml',
      '/tmp/${file}.yaml',
      '${file}',
      './${file}',
      '${name}.txt',
      '${name}.TXT',
      'sub/../${file}',
      '${file}/',
      '${file}/..',
      '${file}/../..',
      '..\\${file}.yaml',
      'sub\\..\\..\\${file}.yaml',
      'C:\\temp\\${file}.yaml',
      'C:/temp/${file}.yaml',
      'annotations.yaml',
      '',
    ]) {
      it(`falls back to the default for ${JSON.stringify(pattern)}`, () => {
        assert.equal(sidecarRelativePath('a.txt', pattern), fallback);
      });
    }

    it('falls back when ${name} is empty and the path would be the folder itself', () => {
      assert.equal(sidecarRelativePath('.txt', '${name}'), '.txt.annotations.yaml');
    });

    it('treats backslashes in a pattern as folder separators', () => {
      assert.equal(sidecarRelativePath('a.txt', 'notes\\${name}.yaml'), 'notes/a.yaml');
    });

    it('takes "$" in file names literally', () => {
      assert.equal(sidecarRelativePath('cost$&.txt', DEFAULT_SIDECAR_PATTERN), 'cost$&.txt.annotations.yaml');
      assert.equal(sidecarRelativePath('a$$.txt', DEFAULT_SIDECAR_PATTERN), 'a$$.txt.annotations.yaml');
      assert.equal(sidecarRelativePath("x$'.md", '${name}.yaml'), "x$'.yaml");
      assert.equal(sidecarRelativePath('a$`.txt', '../${file}'), 'a$`.txt.annotations.yaml');
    });
  });

  describe('sidecarGlob', () => {
    it('matches every sidecar a pattern can name', () => {
      assert.equal(sidecarGlob(DEFAULT_SIDECAR_PATTERN), '**/*.annotations.yaml');
      assert.equal(sidecarGlob('.annotations/${name}.yaml'), '**/.annotations/*.yaml');
      assert.equal(sidecarGlob('${name}-${file}.yml'), '**/*-*.yml');
    });

    it('uses the default for a pattern without a placeholder', () => {
      assert.equal(sidecarGlob('notes.yaml'), '**/*.annotations.yaml');
    });
  });
});
