// Reads a PolNeAR-style folder (text/*.txt beside attributions/*_<annotator>.ann, brat
// standoff) with the importer's brat reader, so the engine trains and is measured on spans
// placed exactly as `attribution-lens import` would place them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseBratLines } from '../../src/core/export/bratParse';
import { placeBounds } from '../../src/core/export/bratPlace';
import { Kind } from '../../src/core/suggest/features';
import { GoldAttribution, GoldSpan, TrainingDoc } from '../../src/core/suggest/train';

export interface CorpusDoc extends TrainingDoc {
  attributions: GoldAttribution[];
}

const KIND: Record<string, Kind> = { Source: 'source', Cue: 'cue', Content: 'content' };

/** Every annotated document of the folder: one per .ann file (an article annotated twice is two documents, as in CofeNet's data). */
export function readCorpus(folder: string): CorpusDoc[] {
  const textDir = path.join(folder, 'text');
  const annDir = path.join(folder, 'attributions');
  if (!fs.existsSync(textDir) || !fs.existsSync(annDir)) throw new Error(`${folder}: expected text/ and attributions/ folders`);
  const texts = new Set(fs.readdirSync(textDir).filter((f) => f.endsWith('.txt')));
  const docs: CorpusDoc[] = [];
  for (const ann of fs.readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort()) {
    const base = ann.replace(/_[^_]+\.ann$/, '.txt');
    const txt = texts.has(base) ? base : texts.has(ann.replace(/\.ann$/, '.txt')) ? ann.replace(/\.ann$/, '.txt') : undefined;
    if (!txt) continue;
    const text = fs.readFileSync(path.join(textDir, txt), 'utf8');
    docs.push(readDoc(ann.replace(/\.ann$/, ''), text, fs.readFileSync(path.join(annDir, ann), 'utf8')));
  }
  return docs;
}

export function readDoc(id: string, text: string, ann: string): CorpusDoc {
  const parsed = parseBratLines(ann);
  const placed = placeBounds(parsed.bounds, text, []);
  const byId = new Map<string, GoldSpan>();
  for (const [tid, p] of placed) {
    const kind = KIND[p.t.type];
    if (!kind || p.unplaced !== undefined || p.spans.length === 0) continue;
    byId.set(tid, { kind, fragments: p.spans.filter((s) => s.end > s.start).map((s) => [s.start, s.end]) });
  }
  const attributions: GoldAttribution[] = parsed.events.map((e) => {
    const a: GoldAttribution = {};
    for (const arg of e.args) {
      const kind = KIND[arg.role.replace(/\d+$/, '')];
      const span = byId.get(arg.ref);
      if (kind && span) a[kind] = span;
    }
    return a;
  });
  return { id, text, spans: [...byId.values()], attributions };
}
