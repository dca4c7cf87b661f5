import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatHex, oklabDistance, oklchToRgb, parseHexColor, rgbToOklab } from '../../src/core/colorSpace';
import { Sidecar } from '../../src/core/model';
import { automaticStyle, generated, ownColorClashes, PALETTE_SIZE, speakerStyles, THEMED_COLORS, ThemeBase } from '../../src/core/palette';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar';
import { REPO_ROOT, sampleSidecarSource, sidecarWith, speaker } from './helpers';

// An independent colour library (no types shipped): CIEDE2000, the CIE's own colour
// difference, and its OKLab conversion to check ours against.
const culori: { differenceCiede2000(): (a: string, b: string) => number; oklab(c: string): { l: number; a: number; b: number } } = require('culori');
const ciede2000 = culori.differenceCiede2000();

const BASES: ThemeBase[] = ['dark', 'light'];
const many = (n: number, from = 0) => Array.from({ length: n }, (_, i) => speaker(`s${i + from}`, `S${i + from}`));
/** The colour a style is drawn in, the themed slots at their default. */
const hexOf = (style: { themeSlot?: number; color?: string }, base: ThemeBase) => style.color ?? THEMED_COLORS[base][style.themeSlot! - 1];
const lab = (hex: string) => rgbToOklab(parseHexColor(hex)!);

describe('palette', () => {
  it('gives slots by kind: person, organisation, group, anonymous', () => {
    const sidecar = parseSidecar(sampleSidecarSource()).sidecar!;
    const styles = speakerStyles(sidecar, 'kind', 'dark');
    assert.equal(styles.get('corbyn')?.themeSlot, 1);
    assert.equal(styles.get('jlc')?.themeSlot, 2);
    assert.equal(styles.get('jlc-bod')?.themeSlot, 3);
    assert.equal(styles.get('labour-sources')?.themeSlot, 4);
  });

  it('the themed defaults it measures against are the ones package.json contributes', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const defaults = (i: number) => pkg.contributes.colors.find((c: { id: string }) => c.id === `attributionLens.speaker${i}Border`).defaults;
    for (let i = 1; i <= PALETTE_SIZE; i++) {
      assert.equal(THEMED_COLORS.dark[i - 1], defaults(i).dark.toLowerCase());
      assert.equal(THEMED_COLORS.light[i - 1], defaults(i).light.toLowerCase());
    }
  });

  it('OKLab agrees with an independent implementation', () => {
    for (const hex of ['#000000', '#ffffff', '#d62728', '#4e9bff', '#a89400', '#123456']) {
      const ours = lab(hex);
      const theirs = culori.oklab(hex);
      assert.ok(oklabDistance(ours, [theirs.l, theirs.a, theirs.b]) < 1e-4, hex);
    }
    const back = oklchToRgb(...([0.7, 0.1, 200] as const))!;
    const again = rgbToOklab(back);
    assert.ok(Math.abs(again[0] - 0.7) < 1e-6 && Math.abs(Math.hypot(again[1], again[2]) - 0.1) < 1e-6);
    assert.equal(oklchToRgb(0.9, 0.4, 30), undefined, 'outside sRGB');
  });

  for (const base of BASES) {
    it(`40 speakers all look different on a ${base} background (OKLab ≥ 0.08 from every earlier colour, CIEDE2000 ≥ 7 for every pair)`, () => {
      const styles = [...speakerStyles(sidecarWith(many(40), [], []), 'speaker', base).values()];
      assert.deepEqual(styles.slice(0, 10).map((s) => s.themeSlot), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'the first ten keep the themable colours');
      assert.equal(new Set(styles.map((s) => s.key)).size, 40, 'forty decoration keys');
      const hexes = styles.map((s) => hexOf(s, base));
      assert.equal(new Set(hexes).size, 40);
      for (let i = 0; i < hexes.length; i++) {
        for (let j = 0; j < i; j++) {
          const de = ciede2000(hexes[i], hexes[j]);
          assert.ok(de >= 7, `speakers ${j + 1} and ${i + 1}: ${hexes[j]} and ${hexes[i]} differ by only ${de.toFixed(2)} (CIEDE2000)`);
          if (i >= PALETTE_SIZE) {
            const d = oklabDistance(lab(hexes[i]), lab(hexes[j]));
            assert.ok(d >= 0.08, `speakers ${j + 1} and ${i + 1}: ${hexes[j]} and ${hexes[i]} are ${d.toFixed(3)} apart (OKLab)`);
          }
        }
      }
    });

    it(`past the tenth speaker a second channel: the quote underline, on a ${base} background`, () => {
      const styles = [...speakerStyles(sidecarWith(many(40), [], []), 'speaker', base).values()];
      assert.ok(styles.slice(0, 10).every((s) => s.underline === undefined));
      const extra = styles.slice(10);
      assert.deepEqual(new Set(extra.map((s) => s.underline)), new Set(['solid', 'dashed', 'dotted']));
      // Two speakers sharing an underline style are farther apart in colour than the palette's closest pair.
      for (let i = 0; i < extra.length; i++) {
        for (let j = 0; j < i; j++) {
          if (extra[i].underline !== extra[j].underline) continue;
          assert.ok(oklabDistance(lab(extra[i].color!), lab(extra[j].color!)) >= 0.085, `speakers ${j + 11} and ${i + 11}`);
        }
      }
    });

    it(`generated colours read on a ${base} background and are plain #rrggbb`, () => {
      const background = lab(base === 'dark' ? '#1f1f1f' : '#ffffff');
      for (let n = 0; n < 60; n++) {
        const { color } = generated(base, n);
        assert.match(color, /^#[0-9a-f]{6}$/);
        assert.ok(oklabDistance(lab(color), background) > 0.3, `${color} is too close to the background`);
      }
    });
  }

  it('is stable: adding speakers later (with or without their own colour) changes no earlier speaker', () => {
    const s = sidecarWith(many(25), [], []);
    const before = speakerStyles(s, 'speaker', 'dark');
    for (const sp of many(15, 25)) s.speakers.set(sp.id, sp);
    s.speakers.set('own', speaker('own', 'Own', { color: '#00ff00' }));
    const after = speakerStyles(s, 'speaker', 'dark');
    for (const [id, style] of before) assert.deepEqual(after.get(id), style, id);
    assert.deepEqual(automaticStyle(17, 'light'), speakerStyles(sidecarWith(many(40), [], []), 'speaker', 'light').get('s16'));
  });

  it('a speaker’s own colour wins, in any case and short form; others keep their places', () => {
    const s = sidecarWith([speaker('a', 'A'), speaker('b', 'B', { color: '#D62728' }), speaker('c', 'C', { color: '#c00' }), ...many(12)], [], []);
    const styles = speakerStyles(s, 'speaker', 'light');
    assert.deepEqual(styles.get('b'), { position: 2, color: '#d62728', own: true, key: '#d62728' });
    assert.equal(styles.get('c')?.color, '#cc0000');
    assert.equal(styles.get('s0')?.themeSlot, 4, 'the next speaker is still the fourth');
    assert.equal(styles.get('s11')?.position, 15);
    assert.equal(speakerStyles(s, 'speaker', 'dark').get('s11')?.color, generated('dark', 4).color);
    assert.equal(speakerStyles(s, 'kind', 'light').get('b')?.themeSlot, 1, 'colour by kind ignores own colours');
    const bad = sidecarWith([speaker('a', 'A', { color: 'reddish' })], [], []);
    assert.deepEqual(speakerStyles(bad, 'speaker', 'dark').get('a'), { position: 1, themeSlot: 1, key: '1' }, 'a bad colour falls back');
  });

  it('warns when an own colour looks like another speaker’s, on dark or light themes', () => {
    const s = sidecarWith([...many(3), speaker('d', 'D', { color: '#d62728' }), speaker('e', 'E', { color: '#D62728' }), speaker('f', 'F', { color: '#00aa00' })], [], []);
    const clashes = ownColorClashes(s);
    assert.deepEqual(clashes.map((c) => c.speakerId), ['e', 'f']);
    assert.match(clashes[0].message, /Speaker "e": color "#d62728" is hard to tell from the colour of speaker "d" \(#d62728 on dark themes\)/);
    assert.match(clashes[1].message, /speaker "s2" \(#2e9e3a on light themes\)/);
    assert.deepEqual(ownColorClashes(sidecarWith([...many(30), speaker('x', 'X', { color: '#000000' })], [], [])), [], 'black is like no one');
    const p = parseSidecar(['version: 1', 'speakers:', '  a: {name: A, kind: person, color: "#4e9bff"}', '  b: {name: B, kind: person, color: "#4E9BFF"}', 'annotations: []', ''].join('\n'));
    assert.deepEqual(p.problems.map((x) => [x.severity, x.line, x.column]), [['warning', 4, 37]]);
  });

  it('parseHexColor takes #rgb and #rrggbb only', () => {
    assert.equal(formatHex(parseHexColor(' #AbC ')!), '#aabbcc');
    for (const bad of ['red', '#abcd', '#12345', '#1234567g', 'd62728', '#d6272880', 'rgb(1,2,3)', '']) assert.equal(parseHexColor(bad), undefined, bad);
  });
});

describe('sidecar: a speaker’s color', () => {
  const source = (color: string) => ['version: 1', 'document:', '  offsets: utf16', 'speakers:', '  a:', '    name: A', '    kind: person', `    color: ${color}`, '  b:', '    name: B', '    kind: person', 'demands: {}', 'annotations: []', ''].join('\n');
  const speakerA = (p: ReturnType<typeof parseSidecar>) => p.sidecar!.speakers.get('a')!;

  it('reads a valid colour without problems and writes it back unchanged', () => {
    const text = source('"#d62728"');
    const p = parseSidecar(text);
    assert.deepEqual(p.problems, []);
    assert.equal(speakerA(p).color, '#d62728');
    assert.equal(serializeSidecar(p.sidecar!, p.doc), text);
  });

  it('a bad value is a warning at its line and column; the file stays writable and keeps the value', () => {
    const text = source('reddish');
    const p = parseSidecar(text);
    assert.equal(p.problems.length, 1);
    const [w] = p.problems;
    assert.equal(w.severity, 'warning');
    assert.match(w.message, /Speaker "a": "color" must be a hex colour such as "#d62728".*not "reddish"; the automatic colour is used/);
    assert.deepEqual([w.line, w.column], [8, 12]);
    assert.equal(p.readOnly, false);
    assert.equal(speakerStyles(p.sidecar!, 'speaker', 'dark').get('a')?.themeSlot, 1);
    p.sidecar!.speakers.get('b')!.name = 'Bea';
    assert.equal(serializeSidecar(p.sidecar!, p.doc), text.replace('name: B\n', 'name: Bea\n'), 'a rewrite keeps the bad value');
  });

  it('an unquoted #colour is a YAML comment: a warning at the key, and the line survives a rewrite', () => {
    const text = source('#d62728');
    const p = parseSidecar(text);
    assert.equal(p.problems.length, 1);
    assert.match(p.problems[0].message, /"color" is empty; write it in quotes, color: "#d62728"/);
    assert.deepEqual([p.problems[0].line, p.problems[0].column], [8, 5]);
    assert.equal(speakerA(p).color, undefined);
    p.sidecar!.speakers.get('b')!.name = 'Bea';
    assert.equal(serializeSidecar(p.sidecar!, p.doc), text.replace('name: B\n', 'name: Bea\n'));
  });

  it('a list or mapping is an error, as for any text field, so the file is not rewritten', () => {
    const p = parseSidecar(source('{dark: "#fff"}'));
    assert.equal(p.problems.length, 1);
    assert.equal(p.problems[0].severity, 'error');
    assert.match(p.problems[0].message, /"color" must be text/);
    assert.equal(p.readOnly, true);
  });

  it('a colour set in the model is written as a speaker key, and read back', () => {
    const s: Sidecar = sidecarWith([speaker('a', 'A', { color: '#d62728' })], [], []);
    const text = serializeSidecar(s);
    assert.match(text, /  a:\n    name: A\n    kind: person\n    color: "#d62728"\n/);
    assert.equal(parseSidecar(text).sidecar!.speakers.get('a')!.color, '#d62728');
  });
});
