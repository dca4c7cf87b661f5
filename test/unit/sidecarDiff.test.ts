import * as assert from 'node:assert/strict';
import { main } from '../../src/cli';
import { parseSidecar } from '../../src/core/sidecar';
import { diffSidecars, renderDiff, textconvLines } from '../../src/core/teams/sidecarDiff';
import { lineDiff, sampleArticle, sampleSidecarSource, SAMPLE_SIDECAR } from './helpers';
import { annotationOn, editSidecar, rewriteFor, updatedHeadline } from './teamsFixtures';

const sidecar = (source: string) => parseSidecar(source).sidecar!;

describe('semantic sidecar diff', () => {
  it('says the sample\'s annotations moved by 10 characters when "(updated)" is added to the headline', () => {
    const before = sampleSidecarSource();
    const after = rewriteFor(before, updatedHeadline(sampleArticle()));
    const lines = lineDiff(before, after);
    assert.ok(lines.added.length + lines.removed.length > 200, `the YAML line diff is large (${lines.added.length} + ${lines.removed.length})`);
    const d = diffSidecars(sidecar(before), sidecar(after));
    const n = sidecar(before).annotations.length;
    assert.equal(d.moved.length, n);
    assert.deepEqual([d.annotations.added, d.annotations.removed, d.annotations.changed], [[], [], []]);
    const out = renderDiff(d);
    assert.equal(out[0], `${n} annotations moved`);
    assert.match(out[1], new RegExp(`^> ${n} annotations moved by \\+10 characters \\(`));
    assert.equal(out.length, 2);
  });

  it('lists added, removed and changed annotations with the changed fields, and speakers', () => {
    const text = sampleArticle();
    const before = sampleSidecarSource();
    const ids = sidecar(before).annotations.map((a) => a.id);
    const after = editSidecar(before, (as) => {
      as.splice(as.findIndex((a) => a.id === ids[0]), 1);
      const changed = as.find((a) => a.id === ids[1])!;
      changed.note = 'checked';
      as.push(annotationOn(text, 'a999', 'further criticism'));
    });
    const a = sidecar(before);
    const b = sidecar(after);
    b.speakers.set('newbie', { id: 'newbie', name: 'New \u001b[31mSpeaker', kind: 'person', aliases: [], members: [] });
    const out = renderDiff(diffSidecars(a, b));
    assert.ok(out.some((l) => l.startsWith('+ annotation a999 quote (speaker corbyn) "further criticism"')), out.join('\n'));
    assert.ok(out.some((l) => l.startsWith(`- annotation ${ids[0]} `)));
    assert.ok(out.some((l) => l.startsWith(`~ annotation ${ids[1]}: note (none) -> "checked"`)));
    assert.ok(out.some((l) => l.startsWith('+ speaker newbie')));
  });

  it('textconv gives one line per entry and none of them changes when only offsets move', () => {
    const before = sampleSidecarSource();
    const after = rewriteFor(before, updatedHeadline(sampleArticle()));
    const a = textconvLines(sidecar(before));
    assert.deepEqual(textconvLines(sidecar(after)), a);
    const s = sidecar(before);
    assert.equal(a.length, 1 + s.speakers.size + s.demands.size + s.annotations.length);
  });

  it('the CLI escapes terminal controls from the sidecar and speaks git\'s 7-argument protocol', async () => {
    let out = '';
    const io = { stdout: (t: string) => (out += t), stderr: () => undefined };
    const code = await main(['diff', 'x.annotations.yaml', '/dev/null', '0000000', '100644', SAMPLE_SIDECAR, '1111111', '100644'], io);
    assert.equal(code, 0);
    assert.match(out, /^diff --attribution-lens a\/x\.annotations\.yaml b\/x\.annotations\.yaml\n/);
    assert.match(out, /\+ annotation /);
    assert.doesNotMatch(out, /\u001b/);
  });
});
