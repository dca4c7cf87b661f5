// Untrusted text the editor shows (notifications, status bar, quick picks, trees, hover cards,
// the log) stays the characters it is: no icons, no links, no command URIs, nothing reordered.
import * as assert from 'node:assert/strict';
import { forLines, forLog, forMessage, visibleControls } from '../../src/core/displayText';

const HOSTILE = '$(zap) [click](command:workbench.action.quit) \u202e';
/** What would render as an icon, a notification link, or a bare command URI; or reorder the text. */
const LIVE = /\$\(|\]\(|command:|[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/i;
const ZWSP = /\u200B/g;

describe('display text', () => {
  it('forMessage breaks icons, links and command URIs, and shows controls and bidi overrides as escapes', () => {
    const shown = forMessage(HOSTILE);
    assert.doesNotMatch(shown, LIVE);
    // Without the zero-width spaces it reads as what was written, the override as its escape.
    assert.equal(shown.replace(ZWSP, ''), '$(zap) [click](command:workbench.action.quit) \\u202e');
    assert.equal(forMessage('a\x1b[31mb\r\nc\td').replace(ZWSP, ''), 'a\\x1b[31mb\\x0d\\x0ac\\x09d');
    assert.doesNotMatch(forMessage('[x](COMMAND:foo) [y](https://example.com)'), LIVE);
  });

  it('forMessage keeps a file name recognisable and plain text as it is', () => {
    const name = 'news/[x](command:workbench.action.quit).txt.annotations.yaml';
    assert.equal(forMessage(name).replace(ZWSP, ''), name);
    for (const plain of ['Café «quote» 中文 — line 3:4', 'C:\\Users\\me\\story.txt', 'a (b) [c] $5']) assert.equal(forMessage(plain), plain);
  });

  it('is idempotent, so a message that quotes an already shown piece is not escaped twice', () => {
    const once = forMessage(HOSTILE + '\n\x07');
    assert.equal(forMessage(once), once);
    assert.equal(forLines(forLines(HOSTILE)), forLines(HOSTILE));
  });

  it('forLines keeps line breaks (as \\n) and neutralises the rest', () => {
    const shown = forLines(`${HOSTILE}\r\nsecond\rthird`);
    assert.equal(shown.split('\n').length, 3);
    assert.doesNotMatch(shown.replace(/\n/g, ' '), LIVE);
  });

  it('forLog shows controls, bidi marks and line separators as escapes and nothing else changes', () => {
    assert.equal(forLog('skipped a\u2066b\u2028c\u200f.txt: \x1b]0;x\x07'), 'skipped a\\u2066b\\u2028c\\u200f.txt: \\x1b]0;x\\x07');
    assert.equal(forLog('[x](command:y) $(zap)'), '[x](command:y) $(zap)');
  });

  it('visibleControls keeps only what it is asked to keep', () => {
    assert.equal(visibleControls('a\tb\nc\rd', '\t\n'), 'a\tb\nc\\x0dd');
    assert.equal(visibleControls('\u0000\u009f\u061c'), '\\x00\\x9f\\u061c');
  });
});
