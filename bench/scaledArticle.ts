// The generated workload of the benches: the sample article repeated to a size, with its
// annotations repeated (and layered) to a count. Built at run time, never committed.
import { anchorContext } from '../src/core/anchoring';
import { Annotation, Sidecar } from '../src/core/model';
import { sha256Hex } from '../src/core/text';

/** The sample article repeated to `bytes`, with its annotations repeated (and layered) to `count`. */
export function scaledArticle(sampleText: string, sample: Sidecar, bytes: number, count: number, file = 'big.txt'): { text: string; sidecar: Sidecar } {
  const copies = Math.ceil(bytes / Buffer.byteLength(sampleText));
  const text = (sampleText + '\n').repeat(copies);
  const stride = sampleText.length + 1;
  const annotations: Annotation[] = [];
  for (let i = 0; annotations.length < count; i++) {
    const base = sample.annotations[i % sample.annotations.length];
    const copy = Math.floor(i / sample.annotations.length) % copies;
    const start = base.start + copy * stride;
    const end = base.end + copy * stride;
    annotations.push({ ...base, id: `a${i + 1}`, start, end, ...anchorContext(text, start, end) });
  }
  const sidecar: Sidecar = { ...sample, document: { file, sha256: sha256Hex(text), offsets: 'utf16' }, annotations };
  return { text, sidecar };
}
