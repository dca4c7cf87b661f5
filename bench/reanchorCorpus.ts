// The re-anchoring benchmark's material: annotated articles (the sample, a generated corpus,
// PolNeAR when a path is given) and the edits made to them behind the sidecar's back, with
// the true place of every span after them. Seeded: every run makes the same edits.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { anchorContext, CONTEXT_LENGTH } from '../src/core/anchoring';
import { Annotation } from '../src/core/model';

export interface Article {
  name: string;
  text: string;
  annotations: Annotation[];
}

/**
 * Where a span truly is after the edits; `edited` when an edit touched its own text,
 * `contextEdited` when one touched the CONTEXT_LENGTH characters either side of it (the stored
 * prefix and suffix): a span is untouched only when neither happened.
 */
export interface Truth {
  start: number;
  end: number;
  edited: boolean;
  contextEdited: boolean;
  deleted: boolean;
}

/** A small seeded generator (mulberry32). */
export function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

export function annotate(text: string, id: string, start: number, end: number): Annotation {
  return { id, type: 'quote', speaker: 's', start, end, ...anchorContext(text, start, end) };
}

/**
 * News-like articles from the sample's own words: names that recur (mentions), quoted
 * sentences (quotes), and sentences repeated now and then, as articles restate a demand.
 */
export function generatedCorpus(sample: string, count: number, seed: number): Article[] {
  const words = sample.split(/\s+/).filter((w) => /^[a-z’']+$/i.test(w) && w.length > 2);
  const names = ['Corbyn', 'Jonathan Arkush', 'Jonathan Goldstein', 'the Board of Deputies', 'Labour', 'a spokesman', 'Mrs May', 'the council'];
  const verbs = ['said', 'told reporters', 'added', 'wrote', 'insisted', 'warned'];
  const rnd = random(seed);
  const articles: Article[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    const annotations: Annotation[] = [];
    const spans: [number, number][] = [];
    const said: string[] = [];
    const paragraphs = 8 + Math.floor(rnd() * 12);
    for (let p = 0; p < paragraphs; p++) {
      const sentences = 1 + Math.floor(rnd() * 4);
      for (let s = 0; s < sentences; s++) {
        const sentence = () => Array.from({ length: 6 + Math.floor(rnd() * 18) }, () => pick(rnd, words)).join(' ');
        if (rnd() < 0.5) {
          const name = pick(rnd, names);
          const quote = said.length && rnd() < 0.15 ? pick(rnd, said) : sentence();
          said.push(quote);
          const at = text.length;
          text += `${name} ${pick(rnd, verbs)}: "`;
          spans.push([at, at + name.length]);
          spans.push([text.length, text.length + quote.length]);
          text += `${quote}." `;
        } else text += sentence() + '. ';
      }
      text = text.trimEnd() + '\n\n';
    }
    spans.forEach(([s, e], i) => annotations.push(annotate(text, `a${i + 1}`, s, e)));
    articles.push({ name: `generated-${n + 1}`, text, annotations });
  }
  return articles;
}

/** PolNeAR's brat files (text/ and attributions/): every contiguous span whose text checks out. */
export function polnear(dir: string, limit: number): Article[] {
  const articles: Article[] = [];
  const annDir = path.join(dir, 'attributions');
  for (const file of fs.readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort().slice(0, limit)) {
    const textFile = path.join(dir, 'text', file.replace(/_[0-9a-f]+\.ann$/, '.txt'));
    if (!fs.existsSync(textFile)) continue;
    const text = fs.readFileSync(textFile, 'utf8');
    const annotations: Annotation[] = [];
    for (const line of fs.readFileSync(path.join(annDir, file), 'utf8').split('\n')) {
      const m = /^(T\d+)\t\S+ (\d+) (\d+)\t(.*)$/.exec(line);
      if (!m) continue;
      const [start, end] = [Number(m[2]), Number(m[3])];
      if (end > start && text.slice(start, end) === m[4]) annotations.push(annotate(text, m[1], start, end));
    }
    if (annotations.length) articles.push({ name: file, text, annotations });
  }
  return articles;
}

/**
 * `count` edits at random words: insertions, deletions and replacements of a word, and one in
 * ten a paragraph deleted. Returns the new text and every span's true place.
 */
export function edit(article: Article, count: number, seed: number): { text: string; truth: Map<string, Truth> } {
  const rnd = random(seed);
  let text = article.text;
  const truth = new Map<string, Truth>(article.annotations.map((a) => [a.id, { start: a.start, end: a.end, edited: false, contextEdited: false, deleted: false }]));
  const vocabulary = article.text.split(/\s+/).filter((w) => w.length > 2);
  for (let k = 0; k < count; k++) {
    let offset: number;
    let length: number;
    let inserted: string;
    if (rnd() < 0.1) {
      const paragraphs = [...text.matchAll(/[^\n]+\n*/g)];
      if (paragraphs.length < 2) continue;
      const p = pick(rnd, paragraphs);
      [offset, length, inserted] = [p.index!, p[0].length, ''];
    } else {
      const words = [...text.matchAll(/\S+/g)];
      if (words.length === 0 || vocabulary.length === 0) break; // a short article edited away
      const w = pick(rnd, words);
      const kind = rnd();
      if (kind < 1 / 3) [offset, length, inserted] = [w.index! + w[0].length, 0, ' ' + pick(rnd, vocabulary)];
      else if (kind < 2 / 3) [offset, length, inserted] = [w.index!, w[0].length + (text[w.index! + w[0].length] === ' ' ? 1 : 0), ''];
      else [offset, length, inserted] = [w.index!, w[0].length, pick(rnd, vocabulary)];
    }
    text = text.slice(0, offset) + inserted + text.slice(offset + length);
    for (const t of truth.values()) shift(t, offset, length, inserted.length);
  }
  return { text, truth };
}

function shift(t: Truth, offset: number, length: number, inserted: number): void {
  if (t.deleted) return;
  const delta = inserted - length;
  // An insertion at either outer edge of the margin leaves the stored context whole; one at
  // the span's edge splits the context from the text.
  const [lo, hi] = [t.start - CONTEXT_LENGTH, t.end + CONTEXT_LENGTH];
  if (length === 0 ? lo < offset && offset < hi : offset < hi && offset + length > lo) t.contextEdited = true;
  if (offset + length <= t.start) {
    t.start += delta;
    t.end += delta;
    return;
  }
  if (offset >= t.end) return;
  // The edit touches the span's own text: what is left of it, with any words put in its place.
  t.edited = true;
  const start = t.start < offset ? t.start : t.start >= offset + length ? t.start + delta : offset;
  const end = t.end > offset + length ? t.end + delta : offset + inserted;
  if (end <= start) t.deleted = true;
  else [t.start, t.end] = [start, end];
}
