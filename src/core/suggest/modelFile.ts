// The model file: a version header, the training metadata as JSON, then each stage's tagger
// with its weights quantised to 16-bit integers (and one scale per stage), little-endian. Read from a
// Uint8Array with DataView and TextDecoder only, so the browser build can load it too.
import { NUM_LABELS } from './features';
import { LinkScorer } from './links';
import { STRIDE, Tagger } from './tagger';

const MAGIC = 0x4d534c41; // "ALSM" read little-endian
export const MODEL_VERSION = 1;
const L = NUM_LABELS;

export interface ModelMeta {
  trainedOn: string;
  documents: number;
  epochs: number;
  seed: number;
  bucketBits: number;
  /** The attribution scores' logistic weights (confidence.ts), fitted after training. */
  confidence?: number[];
  /** The link scorer's non-zero weights as [bucket, weight] (links.ts). */
  links?: [number, number][];
  [key: string]: unknown;
}

export interface AttributionModel {
  meta: ModelMeta;
  stage1: Tagger;
  stage2?: Tagger;
  /** The learned linker, when the model has one (else the hand-set costs of spans.ts link). */
  links?: LinkScorer;
}

export class ModelFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFormatError';
  }
}

export function saveModel(model: AttributionModel): Uint8Array {
  const meta = new TextEncoder().encode(JSON.stringify(model.meta));
  const stages = model.stage2 ? [model.stage1, model.stage2] : [model.stage1];
  const metaPadded = (meta.length + 3) & ~3;
  let size = 16 + metaPadded;
  for (const s of stages) size += 12 + s.transitions.length * 4 + (((s.weights.length / STRIDE) * L * 2 + 3) & ~3);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, MODEL_VERSION, true);
  view.setUint32(8, stages.length, true);
  view.setUint32(12, meta.length, true);
  bytes.set(meta, 16);
  let o = 16 + metaPadded;
  for (const s of stages) {
    const buckets = s.weights.length / STRIDE;
    view.setFloat64(o, s.scale, true);
    view.setUint32(o + 8, buckets, true);
    o += 12;
    for (let i = 0; i < s.transitions.length; i++, o += 4) view.setFloat32(o, s.transitions[i], true);
    for (let b = 0; b < buckets; b++) {
      for (let y = 0; y < L; y++, o += 2) view.setInt16(o, s.weights[b * STRIDE + y], true);
    }
    o = (o + 3) & ~3;
  }
  return bytes;
}

export function loadModel(bytes: Uint8Array): AttributionModel {
  if (bytes.length < 16) throw new ModelFormatError('not an attribution model: too short');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC) throw new ModelFormatError('not an attribution model: wrong magic number');
  const version = view.getUint32(4, true);
  if (version !== MODEL_VERSION) throw new ModelFormatError(`attribution model version ${version}; this build reads version ${MODEL_VERSION}`);
  const count = view.getUint32(8, true);
  const metaLength = view.getUint32(12, true);
  if (count < 1 || count > 2 || 16 + metaLength > bytes.length) throw new ModelFormatError('attribution model header is damaged');
  const meta = JSON.parse(new TextDecoder().decode(bytes.subarray(16, 16 + metaLength))) as ModelMeta;
  let o = 16 + ((metaLength + 3) & ~3);
  const stages: Tagger[] = [];
  for (let k = 0; k < count; k++) {
    if (o + 12 > bytes.length) throw new ModelFormatError('attribution model is truncated');
    const scale = view.getFloat64(o, true);
    const buckets = view.getUint32(o + 8, true);
    o += 12;
    if ((buckets & (buckets - 1)) !== 0 || o + (L * L + L) * 4 + buckets * L * 2 > bytes.length) throw new ModelFormatError('attribution model is truncated');
    const transitions = new Float32Array(L * L + L);
    for (let i = 0; i < transitions.length; i++, o += 4) transitions[i] = view.getFloat32(o, true);
    const weights = new Int16Array(buckets * STRIDE);
    for (let b = 0; b < buckets; b++) {
      for (let y = 0; y < L; y++, o += 2) weights[b * STRIDE + y] = view.getInt16(o, true);
    }
    o = (o + 3) & ~3;
    stages.push(new Tagger(weights, scale, transitions));
  }
  return { meta, stage1: stages[0], stage2: stages[1], links: meta.links ? LinkScorer.fromSparse(meta.links) : undefined };
}
