// The corpus bench's workload: N articles on disk, each a slice of the sample article with its
// annotations layered to a count, speakers and demands renamed so that ids recur across articles
// (a pool of speakers, a speakers file defining part of them, responses to demands of earlier
// articles). Written once per shape into a temp folder and reused; never committed.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Annotation, Sidecar } from '../src/core/model';
import { anchorContext } from '../src/core/anchoring';
import { serializeSidecar } from '../src/core/sidecar';
import { sha256Hex } from '../src/core/text';

export interface CorpusShape {
  articles: number;
  /** Characters of text per article. */
  chars: number;
  annotationsPerArticle: number;
  /** Distinct speaker ids in the whole corpus; the speakers file defines the first fifth. */
  speakerPool: number;
}

export interface GeneratedCorpus {
  dir: string;
  sidecars: string[];
  textBytes: number;
  sidecarBytes: number;
  annotations: number;
  speakerIds: string[];
  demandIds: string[];
}

export function generateCorpus(sampleText: string, sample: Sidecar, shape: CorpusShape): GeneratedCorpus {
  const key = `${shape.articles}-${shape.chars}-${shape.annotationsPerArticle}-${shape.speakerPool}-v2`;
  const dir = path.join(os.tmpdir(), `al-bench-corpus-${key}`);
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) return JSON.parse(fs.readFileSync(manifest, 'utf8')) as GeneratedCorpus;
  fs.rmSync(dir, { recursive: true, force: true });
  const text = sampleText.slice(0, shape.chars);
  const base = sample.annotations.filter((a) => a.end <= text.length);
  const sampleSpeakers = [...sample.speakers.keys()];
  const sampleDemands = [...sample.demands.keys()];
  const inFile = Math.floor(shape.speakerPool / 5);
  const speakerIds = Array.from({ length: shape.speakerPool }, (_, i) => `s${i}`);
  const demandIds: string[] = [];
  const sidecars: string[] = [];
  let sidecarBytes = 0;
  let annotations = 0;
  const hash = sha256Hex(text);
  for (let i = 0; i < shape.articles; i++) {
    const folder = path.join(dir, `outlet${i % 10}`, `${Math.floor(i / 1000)}`);
    fs.mkdirSync(folder, { recursive: true });
    const name = `story${i}.txt`;
    // This article's speakers: sample speaker k is pool speaker (i * 7 + k * 131) mod pool.
    const speakerOf = new Map(sampleSpeakers.map((id, k) => [id, `s${(i * 7 + k * 131) % shape.speakerPool}`]));
    const demandOf = new Map(sampleDemands.map((id, k) => [id, `d${i}-${k}`]));
    // Every third article answers the demands of the article before it (a thread across articles).
    const answers = i % 3 === 2 ? new Map(sampleDemands.map((id, k) => [id, `d${i - 1}-${k}`])) : undefined;
    const s: Sidecar = { version: 1, document: { file: name, sha256: hash, offsets: 'utf16' }, speakers: new Map(), demands: new Map(), annotations: [] };
    for (const [old, id] of speakerOf) {
      const sp = sample.speakers.get(old)!;
      if (Number(id.slice(1)) >= inFile) s.speakers.set(id, { ...sp, id, members: sp.members.map((m) => speakerOf.get(m)!) });
    }
    for (const [old, id] of demandOf) {
      const d = sample.demands.get(old)!;
      s.demands.set(id, { ...d, id, by: d.by.map((b) => speakerOf.get(b)!), to: d.to.map((t) => speakerOf.get(t)!) });
      demandIds.push(id);
    }
    for (let k = 0; s.annotations.length < shape.annotationsPerArticle; k++) {
      const b = base[k % base.length];
      const a: Annotation = { ...b, id: `a${k + 1}`, ...anchorContext(text, b.start, b.end) };
      if (a.speaker) a.speaker = speakerOf.get(a.speaker);
      if (a.demand) a.demand = (a.type === 'response' && answers ? answers : demandOf).get(a.demand);
      s.annotations.push(a);
    }
    annotations += s.annotations.length;
    const date = i % 10 === 9 ? undefined : new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 10);
    if (date) s.document.date = date;
    // Written by the extension's own writer, in the layout users' sidecars have (and the fast
    // reader reads): about 8 ms a file, so some 80 s for 10,000, once; the folder is reused.
    const yaml = serializeSidecar(s);
    const sidecar = path.join(folder, `${name}.annotations.yaml`);
    fs.writeFileSync(path.join(folder, name), text);
    fs.writeFileSync(sidecar, yaml);
    sidecars.push(sidecar);
    sidecarBytes += Buffer.byteLength(yaml);
  }
  const file = ['version: 1', 'speakers:'];
  for (let i = 0; i < inFile; i++) file.push(`  s${i}:`, `    name: "Speaker ${i}"`, '    kind: person', '    attributes:', `      gender: ${i % 2 ? 'woman' : 'man'}`, `      source-type: ${['official', 'expert', 'witness', 'citizen'][i % 4]}`);
  fs.mkdirSync(path.join(dir, '.attribution-lens'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.attribution-lens/speakers.yaml'), file.join('\n') + '\n');
  const generated: GeneratedCorpus = { dir, sidecars, textBytes: Buffer.byteLength(text) * shape.articles, sidecarBytes, annotations, speakerIds, demandIds };
  fs.writeFileSync(manifest, JSON.stringify(generated));
  return generated;
}
