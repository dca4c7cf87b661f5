// Quick-pick rows and quoted names for messages (src/vscode/commands/labels.ts, which needs only
// vscode's types): whatever a sidecar puts in an id, a name or a note, no icon, link or override forms.
import * as assert from 'node:assert/strict';
import { Annotation } from '../../src/core/model';
import { annotationLabel, quoted } from '../../src/vscode/commands/labels';

const HOSTILE = '$(zap) [click](command:workbench.action.quit) \u202e';
const LIVE = /\$\(|\]\(|command:|[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/i;

describe('quick-pick and message labels', () => {
  it('an annotation row keeps only its own icon; id, name, note and text stay text', () => {
    const a: Annotation = { id: HOSTILE, type: 'quote', speaker: 's', start: 0, end: 5, note: HOSTILE };
    const row = annotationLabel(a, HOSTILE, HOSTILE);
    assert.ok(row.label.startsWith('$(quote) '), row.label);
    for (const text of [row.label.slice('$(quote) '.length), row.description ?? '', row.detail ?? '']) assert.doesNotMatch(text, LIVE, text);
    assert.ok((row.detail ?? '').replace(/\u200B/g, '').includes('[click](command:workbench.action.quit) \\u202e'), row.detail);
  });

  it('quoted() shortens to one line and shows the rest as text', () => {
    const q = quoted(`${HOSTILE}\n\tnext line`, 80);
    assert.doesNotMatch(q, LIVE, q);
    assert.equal(q.replace(/\u200B/g, ''), '“$(zap) [click](command:workbench.action.quit) \\u202e next line”');
  });
});
