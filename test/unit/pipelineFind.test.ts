// Finding articles through the in-memory host: one rule maps sidecars to articles, for the CLI
// and the extension alike.
import * as assert from 'node:assert/strict';
import { ArticleFinder } from '../../src/core/pipeline/find';
import { MemoryHost } from './memoryHost';

describe('pipeline: finding articles', () => {
  it('an article is a regular file with its sidecar; strays and bare files are told apart', async () => {
    const host = new MemoryHost()
      .file('/w/a.txt', 'A')
      .file('/w/a.txt.annotations.yaml', '')
      .file('/w/gone.txt.annotations.yaml', '')
      .file('/w/plain.txt', '')
      .fifo('/w/pipe.txt')
      .file('/w/pipe.txt.annotations.yaml', '');
    const finder = new ArticleFinder(host, '${file}.annotations.yaml');
    const found = await finder.find(['/w', '/w/plain.txt', '/w/missing']);
    assert.deepEqual(found.articles, [
      { article: '/w/a.txt', sidecar: '/w/a.txt.annotations.yaml' },
      // Not a regular file, so not walked as one; its sidecar still names it, and reading it fails with a message.
      { article: '/w/pipe.txt', sidecar: '/w/pipe.txt.annotations.yaml' },
    ]);
    assert.deepEqual(found.strays, ['/w/gone.txt.annotations.yaml']);
    assert.deepEqual(found.bare, [{ file: '/w/plain.txt', expected: '/w/plain.txt.annotations.yaml' }]);
    assert.deepEqual(found.missing, ['/w/missing']);
    assert.equal(finder.expectedArticle('/w/gone.txt.annotations.yaml'), '/w/gone.txt');
  });

  it('a pattern with a subfolder maps each sidecar to the article above it', async () => {
    const host = new MemoryHost().file('/w/story.txt', 'S').file('/w/.notes/story.txt.yaml', '').file('/w/.notes/lost.txt.yaml', '');
    const finder = new ArticleFinder(host, '.notes/${file}.yaml');
    assert.equal(finder.sidecarOf('/w/story.txt'), '/w/.notes/story.txt.yaml');
    assert.equal(await finder.articleOf('/w/.notes/story.txt.yaml'), '/w/story.txt');
    const found = await finder.find(['/w/.notes/story.txt.yaml', '/w/.notes/lost.txt.yaml']);
    assert.deepEqual(found.articles, [{ article: '/w/story.txt', sidecar: '/w/.notes/story.txt.yaml' }]);
    assert.deepEqual(found.strays, ['/w/.notes/lost.txt.yaml']);
  });

  it('skips node_modules, dot-folders and symlinked folders (no cycles), follows links to files', async () => {
    const host = new MemoryHost()
      .file('/w/node_modules/p/a.txt', '')
      .file('/w/node_modules/p/a.txt.annotations.yaml', '')
      .file('/w/.git/a.txt', '')
      .file('/w/.git/a.txt.annotations.yaml', '')
      .file('/data/real.txt', 'R')
      .symlink('/w/linked.txt', '/data/real.txt')
      .file('/w/linked.txt.annotations.yaml', '')
      .symlink('/w/loop', '/w');
    const found = await new ArticleFinder(host, '${file}.annotations.yaml').find(['/w']);
    assert.deepEqual(found.articles.map((a) => a.article), ['/w/linked.txt']);
    assert.deepEqual(found.strays, []);
  });

  it('cancelling stops the walk', async () => {
    const host = new MemoryHost().file('/w/a.txt', '').file('/w/a.txt.annotations.yaml', '');
    const found = await new ArticleFinder(host, '${file}.annotations.yaml').find(['/w'], () => true);
    assert.deepEqual(found.articles, []);
  });
});
