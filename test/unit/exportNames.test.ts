// The file name the save dialog proposes for an export: the article's name with the format's
// extension in place of its own, never the article or its sidecar.
import * as assert from 'node:assert/strict';
import { proposedExportPath } from '../../src/core/pipeline/targets';

describe('proposedExportPath', () => {
  it('replaces the article extension: story.txt gives story.csv, not story.txt.csv', () => {
    assert.equal(proposedExportPath('story.txt.csv', 'story.txt'), 'story.csv');
    assert.equal(proposedExportPath('news/story.txt.jsonld', 'news/story.txt'), 'news/story.jsonld');
    assert.equal(proposedExportPath('story.md.html', 'story.md'), 'story.html');
    assert.equal(proposedExportPath('story.csv', 'story'), 'story.csv');
  });

  it('never proposes the article itself: notes.md exported as Markdown stays notes.md.md', () => {
    assert.equal(proposedExportPath('notes.md.md', 'notes.md'), 'notes.md.md');
    assert.equal(proposedExportPath('Notes.MD.md', 'Notes.MD'), 'Notes.MD.md');
  });

  it('never proposes the sidecar', () => {
    assert.equal(proposedExportPath('story.txt.json', 'story.txt', ['story.json']), 'story.txt.json');
    assert.equal(proposedExportPath('story.txt.json', 'story.txt', ['story.txt.annotations.yaml']), 'story.json');
  });

  it('keeps a dot in a folder name and a hidden file name whole', () => {
    assert.equal(proposedExportPath('v1.2/story.txt.csv', 'v1.2/story.txt'), 'v1.2/story.csv');
    assert.equal(proposedExportPath('.story.csv', '.story'), '.story.csv');
  });

  it('leaves a combined export of several articles alone', () => {
    assert.equal(proposedExportPath('annotations.csv', 'story.txt'), 'annotations.csv');
  });
});
