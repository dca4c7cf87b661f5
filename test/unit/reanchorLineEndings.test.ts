// Re-anchoring after the whole article's line endings were converted (unix2dos, dos2unix, git's
// autocrlf): every stored context with a line break in it differs from the article now, yet no
// word changed. The stored words are looked for with the article's line breaks.
import * as assert from 'node:assert/strict';
import { anchorAnnotations, anchorContext, AnchorResult } from '../../src/core/anchoring';
import { Sidecar } from '../../src/core/model';
import { parseSidecar } from '../../src/core/sidecar';
import { sampleArticle, sampleSidecarSource } from './helpers';

const sampleSidecar = (): Sidecar => parseSidecar(sampleSidecarSource()).sidecar!;
const toCrlf = (t: string) => t.replace(/\n/g, '\r\n');

function byStatus(r: AnchorResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const o of r.outcomes) (out[o.status] ??= []).push(o.annotationId);
  return out;
}

/** Every placed span's text is the article's text there, and a moved one is its stored words with the new line breaks. */
function assertOnTheirWords(r: AnchorResult, sidecar: Sidecar, text: string, convert: (t: string) => string): void {
  for (const a of r.placed) {
    assert.equal(text.slice(a.start, a.end), a.text, a.id);
    assert.equal(a.text, convert(sidecar.annotations.find((x) => x.id === a.id)!.text!), a.id);
  }
}

describe('re-anchoring: line endings converted in the whole article', () => {
  const multiline = (s: Sidecar) => s.annotations.filter((a) => a.text!.includes('\n')).map((a) => a.id);

  it('LF to CRLF: every span placed on its words; those with a line break in them flagged, saying why', () => {
    const sidecar = sampleSidecar();
    const text = toCrlf(sampleArticle());
    const r = anchorAnnotations(sidecar, text);
    const status = byStatus(r);
    assert.deepEqual(status.orphan, undefined, 'no orphan');
    assert.deepEqual(status.repaired.sort(), multiline(sidecar).sort());
    assertOnTheirWords(r, sidecar, text, toCrlf);
    for (const o of r.outcomes.filter((x) => x.status === 'repaired')) assert.match(o.review!.reason!, /line endings/);
  });

  it('CRLF back to LF: every span of a sidecar written on the CRLF article placed on its words; those with a line break flagged', () => {
    const lf = sampleArticle();
    const crlf = toCrlf(lf);
    // Each LF offset moves by the line feeds before it.
    const onCrlf = (offset: number) => offset + (lf.slice(0, offset).match(/\n/g)?.length ?? 0);
    const { sha256: _old, ...document } = sampleSidecar().document;
    const annotations = sampleSidecar().annotations.map((a) => {
      const [start, end] = [onCrlf(a.start), onCrlf(a.end)];
      return { ...a, start, end, ...anchorContext(crlf, start, end) };
    });
    const stored: Sidecar = { ...sampleSidecar(), document, annotations };
    const r = anchorAnnotations(stored, lf);
    const status = byStatus(r);
    assert.deepEqual(status.orphan, undefined, 'no orphan');
    assert.deepEqual(status.repaired.sort(), multiline(sampleSidecar()).sort());
    assertOnTheirWords(r, stored, lf, (t) => t.replace(/\r\n/g, '\n'));
  });

  it('a CRLF line added to an LF article is not a conversion: the stored words are looked for as they are', () => {
    const sidecar = sampleSidecar();
    const text = sampleArticle().replace('\n\n', '\n\nA line pasted from elsewhere.\r\n\n');
    const r = anchorAnnotations(sidecar, text);
    assert.deepEqual(byStatus(r).repaired, undefined, 'no span flagged for its line breaks');
    assertOnTheirWords(r, sidecar, text, (t) => t);
  });
});
