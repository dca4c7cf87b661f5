// What `npm run package` (vsce) needs of the repository, checked in seconds; the .vsix itself is
// installed and tried by test/installed/ inside a real VS Code.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

// vsce's own pattern for markdown links (@vscode/vsce out/package.js, ReadmeProcessor): every
// target it matches that is neither absolute nor an anchor becomes baseContentUrl + target,
// code spans included.
const VSCE_LINK = /(!?)\[([^\][]*|!\[[^\][]*]\([^)]+\))\]\(([^)]+)\)/g;

describe('the .vsix package', () => {
  it('has one list of what ships: .vscodeignore, and no package.json `files` beside it (vsce refuses both)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { files?: string[]; icon?: string; license?: string };
    assert.ok(fs.existsSync(path.join(REPO_ROOT, '.vscodeignore')));
    assert.equal(pkg.files, undefined, 'package.json `files` beside .vscodeignore: vsce stops with an error');
    assert.ok(pkg.icon && fs.existsSync(path.join(REPO_ROOT, pkg.icon)), `icon ${pkg.icon}`);
    assert.equal(pkg.license, 'MIT');
    assert.match(fs.readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
  });

  for (const doc of ['README.md', 'CHANGELOG.md']) {
    it(`${doc}: every link vsce rewrites names a file of the repository`, () => {
      const text = fs.readFileSync(path.join(REPO_ROOT, doc), 'utf8');
      const broken = [...text.matchAll(VSCE_LINK)]
        .map((m) => m[3])
        .filter((link) => !/^\w+:\/\//.test(link) && !link.startsWith('#') && !/^mailto:/i.test(link))
        .filter((link) => !fs.existsSync(path.join(REPO_ROOT, link.replace(/#.*$/, ''))));
      assert.deepEqual(broken, [], `vsce would turn these into URLs of files that do not exist: ${broken.join(', ')}`);
    });
  }
});
