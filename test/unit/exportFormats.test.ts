// The export formats one by one: naming, CSV quoting and the formula guard, Markdown escaping
// (rendered by a real CommonMark renderer with autolinks on), JSON positions, brat offsets as
// brat itself reads them, and W3C selectors.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { anchorContext } from '../../src/core/anchoring';
import { BRAT_ANNOTATION_CONF, BRAT_VISUAL_CONF, bratAnn, bratFragments, exportBrat } from '../../src/core/export/brat';
import { LineEndView } from '../../src/core/export/common';
import { CSV_COLUMNS, exportCsv, guardCell } from '../../src/core/export/csv';
import { importBrat } from '../../src/core/export/importBrat';
import { exporters } from '../../src/core/export/index';
import { ArticleJson, exportJson } from '../../src/core/export/json';
import { escapeMarkdown, exportMarkdown } from '../../src/core/export/markdown';
import { ArticleInput, ExportOptions } from '../../src/core/export/types';
import { exportW3c } from '../../src/core/export/w3c';
import { Annotation, compareAnnotations, Sidecar } from '../../src/core/model';
import { fixtureArticle, sampleInput } from './exportGolden.test';
import { demand, sidecarWith, speaker } from './helpers';

/** An ArticleInput for `text` with annotations given by the text they cover (the nth occurrence). */
export function articleOn(path: string, text: string, sidecar: Sidecar, spans: (Omit<Annotation, 'start' | 'end'> & { at: string; nth?: number })[]): ArticleInput {
  const placed = spans.map(({ at, nth = 1, ...a }) => {
    let i = -1;
    for (let k = 0; k < nth; k++) i = text.indexOf(at, i + 1);
    assert.ok(i >= 0, `${JSON.stringify(at)} is in the text`);
    return { ...a, start: i, end: i + at.length, ...anchorContext(text, i, i + at.length) };
  });
  placed.sort(compareAnnotations);
  sidecar.annotations = placed;
  return { path, text, sidecar, placed, orphans: [] };
}

/** RFC 4180 reader, for checking what the writer wrote. */
export function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < csv.length) {
    const c = csv[i];
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') (cell += '"'), (i += 2);
      else if (c === '"') (quoted = false), i++;
      else (cell += c), i++;
    } else if (c === '"') (quoted = true), i++;
    else if (c === ',') row.push(cell), (cell = ''), i++;
    else if (c === '\r' && csv[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), (i += 2);
    else {
      assert.ok(c !== '\r' && c !== '\n', `a bare line break outside quotes at ${i}`);
      (cell += c), i++;
    }
  }
  assert.equal(cell, '', 'the last record ends with CRLF');
  assert.equal(row.length, 0);
  return rows;
}

const hostile = () =>
  sidecarWith(
    [speaker('evil', '=cmd|\' /C calc\'!A0'), speaker('plus', '+1 (555) 0100'), speaker('at', '@SUM(1+1)*cmd|\'/C calc\'!A0'), speaker('tab', '\tTabbed'), speaker('ok', 'Plain, "quoted" name')],
    [demand('d', '-2+3 more lanes', { status: 'open', by: ['ok'] })],
    [],
  );

describe('export formats', () => {
  describe('file names', () => {
    const a = sampleInput('news/a.txt');
    const b = sampleInput('news/deeper/b.md');
    it('one article gives files named after it; several give one combined file named by `name` or "annotations"', () => {
      assert.deepEqual(exportJson([a], {}).map((f) => f.path), ['news/a.txt.json']);
      assert.deepEqual(exportCsv([a], {}).map((f) => f.path), ['news/a.txt.csv']);
      assert.deepEqual(exportMarkdown([a], {}).map((f) => f.path), ['news/a.txt.md']);
      assert.deepEqual(exportJson([a, b], {}).map((f) => f.path), ['annotations.json']);
      assert.deepEqual(exportCsv([a, b], { name: 'all' }).map((f) => f.path), ['all.csv']);
      assert.deepEqual(exportMarkdown([a, b], { name: 'report' }).map((f) => f.path), ['report.md']);
    });
    it('brat and W3C give files per article; brat never writes over an article other than a .txt one, with its own text', () => {
      assert.deepEqual(exportBrat([a, b], {}).map((f) => f.path).filter((p) => !p.endsWith('.conf')), ['news/a.ann', 'news/a.txt', 'news/deeper/b.md.ann', 'news/deeper/b.md.txt']);
      assert.equal(exportBrat([a], {})[1].content, a.text);
      assert.deepEqual(exportW3c([a, b], {}).map((f) => f.path), ['news/a.txt.jsonld', 'news/deeper/b.md.jsonld']);
      const clash = exportBrat([sampleInput('x.txt'), sampleInput('x')], {}).map((f) => f.path);
      assert.equal(new Set(clash).size, clash.length, clash.join(', '));
    });
    it('no article: the combining formats still give their (empty) file, the others none', () => {
      assert.deepEqual(JSON.parse(exportJson([], {})[0].content), []);
      assert.equal(exportCsv([], {})[0].content, CSV_COLUMNS.join(',') + '\r\n');
      assert.match(exportMarkdown([], {})[0].content, /No annotated articles/);
      assert.deepEqual(exportBrat([], {}), []);
      assert.deepEqual(exportW3c([], {}), []);
    });
    it('the registry has every format', () => {
      for (const format of ['json', 'csv', 'markdown', 'html', 'brat', 'w3c'] as const) assert.equal(typeof exporters[format], 'function', format);
    });
  });

  describe('csv', () => {
    it('guards cells a spreadsheet would run as a formula, and only those', () => {
      for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '＝1', '＋1', '－1', '＠x']) assert.equal(guardCell(bad), `'${bad}`, JSON.stringify(bad));
      for (const ok of ['', 'a=1', ' =1', "'=1", 'x-1', '1', '“=1”']) assert.equal(guardCell(ok), ok, JSON.stringify(ok));
      assert.equal(guardCell(-1), -1, 'numbers are numbers');
    });

    it('writes RFC 4180: CRLF records, quoted commas, quotes, CR and LF; hostile names and text come back guarded and otherwise intact', () => {
      const text = '=HYPERLINK("http://x") said "hi", then\nleft. -5% agree. @here\tnow\r\nend';
      const article = articleOn('a,b "c".txt', text, hostile(), [
        { id: 'q1', type: 'quote', speaker: 'evil', at: '=HYPERLINK("http://x") said "hi", then\nleft.', note: '+ note' },
        { id: 'q2', type: 'quote', speaker: 'plus', at: '-5% agree.' },
        { id: 'q3', type: 'quote', speaker: 'at', at: '@here\tnow\r\nend' },
        { id: 'm1', type: 'mention', speaker: 'tab', at: 'said' },
        { id: 'd1', type: 'demand', demand: 'd', at: 'hi' },
      ]);
      const rows = parseCsv(exportCsv([article], {})[0].content);
      assert.deepEqual(rows[0], [...CSV_COLUMNS]);
      const byId = new Map(rows.slice(1).map((r) => [r[1], Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]]))]));
      assert.equal(byId.get('q1')!.speaker, "'=cmd|' /C calc'!A0");
      assert.equal(byId.get('q1')!.text, "'=HYPERLINK(\"http://x\") said \"hi\", then\nleft.");
      assert.equal(byId.get('q1')!.note, "'+ note");
      assert.equal(byId.get('q1')!.article, 'a,b "c".txt');
      assert.equal(byId.get('q2')!.text, "'-5% agree.");
      assert.equal(byId.get('q2')!.speaker, "'+1 (555) 0100");
      assert.equal(byId.get('q3')!.text, "'@here\tnow\r\nend");
      assert.equal(byId.get('m1')!.speaker, "'\tTabbed");
      assert.deepEqual(
        { speaker: byId.get('d1')!.speaker, demand: byId.get('d1')!.demand, status: byId.get('d1')!.status, line: byId.get('d1')!.line },
        { speaker: 'Plain, "quoted" name', demand: "'-2+3 more lanes", status: 'open', line: '1' },
      );
      // Ids beside the names: the demand's own id, and for a demand without a speaker of its own the ids of whoever made it.
      assert.deepEqual(
        Object.fromEntries([...byId].map(([id, r]) => [id, [r.speaker_id, r.demand_id]])),
        { q1: ['evil', ''], q2: ['plus', ''], q3: ['at', ''], m1: ['tab', ''], d1: ['ok', 'd'] },
      );
      for (const r of rows.slice(1)) for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `guarded: ${JSON.stringify(cell)}`);
    });

    it('starts with a UTF-8 byte-order mark only when asked', () => {
      const article = sampleInput();
      assert.ok(exportCsv([article], { bom: true })[0].content.startsWith('\ufeffarticle,id,'));
      assert.ok(exportCsv([article], {})[0].content.startsWith('article,id,'));
    });

    it('lists orphans after the placed annotations, with the reason and no line', () => {
      const rows = parseCsv(exportCsv([fixtureArticle('bike-lanes.txt')], {})[0].content);
      const last = rows[rows.length - 1];
      assert.equal(last[1], 'a8');
      assert.equal(last[CSV_COLUMNS.indexOf('line')], '');
      assert.match(last[CSV_COLUMNS.indexOf('orphan')], /could not be found/);
      assert.ok(rows.slice(1, -1).every((r) => r[CSV_COLUMNS.indexOf('orphan')] === ''));
    });
  });

  describe('markdown', () => {
    const md = new MarkdownIt({ html: true, linkify: true });
    const decode = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    /** The rendered text of one escaped string in a list item, or a failure naming the markup it made. */
    const rendered = (s: string) => {
      const html = md.render(`- x: ${escapeMarkdown(s)} :y`).trim();
      const m = /^<ul>\n<li>x: ([\s\S]*) :y<\/li>\n<\/ul>$/.exec(html);
      assert.ok(m, `one list item: ${html}`);
      assert.doesNotMatch(m[1], /</, `no markup from ${JSON.stringify(s)}: ${html}`);
      return decode(m[1]);
    };

    it('hostile speaker names and quotes stay text: no links, images, HTML, emphasis or code', () => {
      const cases = [
        '[Click me](javascript:alert(1))',
        '![img](http://evil.example/x.png)',
        '<img src=x onerror=alert(1)> <script>alert(1)</script>',
        '**bold** __bold__ *em* _em_ ~~gone~~ `code` ``code``',
        'https://evil.example/path?a=1&b=2 www.evil.example evil.com mail@evil.com',
        '&amp; &#x3C;script&#x3E; &copy;',
        '| a | b |\n|---|---|',
        '# heading ## \n> quote\n- item\n1. item\n===',
        '\\*not em\\* trailing backslash \\',
        '[ref]: http://evil.example "title"',
        ':smile: $x^2$ ^sup^ ==mark== {attr}',
      ];
      for (const s of cases) assert.equal(rendered(s), s.replace(/\s+/g, ' ').trim(), JSON.stringify(s));
    });

    it('any text over a hostile alphabet renders as itself (property)', () => {
      const alphabet = fc.constantFrom(...'ab .:/@#*_`[]()<>!&;|~=+-\\"\'{}$^%\n\t1.'.split(''), 'www.', 'http://', 'evil.com', '&amp;', '<a href="x">', '😀');
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')), (s) => {
          assert.equal(rendered(s), s.replace(/\s+/g, ' ').trim());
        }),
        { numRuns: 300 },
      );
    });

    it('the report of the hostile article has no markup but its own', () => {
      const html = md.render(exportMarkdown([fixtureArticle('bike-lanes.txt')], {})[0].content);
      assert.doesNotMatch(html, /<(?!\/?(?:h[1-4]|p|ul|li|strong|em)>)/, 'only the report’s own tags');
      assert.match(html, /\[Click me\]\(http:\/\/evil\.example\) &lt;img src=x onerror=alert\(1\)&gt; \*\*Council\*\* www\.evil\.example/);
      assert.match(html, /Needs review/);
    });

    it('per speaker their quotes with lines; per demand who made it, to whom, status and responses with stance', () => {
      const text = exportMarkdown([sampleInput()], {})[0].content;
      assert.match(text, /### Jeremy Corbyn\n\n- \*\*Kind:\*\* person\n- \*\*Role:\*\* Leader of the Labour Party\n/);
      assert.match(text, /- Line 13: “a positive and constructive meeting about tackling anti-semitism\.”/);
      assert.match(text, /### A fixed timetable to deal with antisemitism cases\n\n- \*\*Made by:\*\* Jewish Leadership Council and Board of Deputies\n- \*\*To:\*\* Jeremy Corbyn, Labour Party\n- \*\*Status:\*\* not agreed\n/);
      assert.match(text, / {2}- Labour sources, defers \(line 25\): “The Party is looking at introducing time limits/);
    });
  });

  describe('json', () => {
    it('resolves speaker and demand inline, with offsets, code points, lines and columns', () => {
      const text = '👋🏽 hi\r\nThe mayor 🧑‍⚖️ said: “go”\r\n';
      const article = articleOn('a.txt', text, sidecarWith([speaker('m', 'Mayor', { aliases: ['the mayor'] })], [demand('go', 'Go', { by: ['m'], status: 'open' })], []), [
        { id: 'a1', type: 'mention', speaker: 'm', at: 'The mayor' },
        { id: 'a2', type: 'demand', demand: 'go', at: 'go' },
      ]);
      const doc = JSON.parse(exportJson([article], {})[0].content) as ArticleJson;
      const mention = doc.annotations.find((a) => a.id === 'a1')!;
      assert.deepEqual(mention.speaker, { id: 'm', name: 'Mayor', kind: 'person', aliases: ['the mayor'], members: [] });
      assert.deepEqual(mention.start, { offset: 9, codePoint: 7, line: 2, column: 1 }, '👋🏽 is two code points, four units');
      assert.deepEqual(mention.end, { offset: 18, codePoint: 16, line: 2, column: 10 });
      assert.equal(mention.text, 'The mayor');
      const d = doc.annotations.find((a) => a.id === 'a2')!;
      assert.deepEqual(d.demand, { id: 'go', summary: 'Go', by: [{ id: 'm', name: 'Mayor' }], to: [], status: 'open' });
      assert.equal(d.start.column, text.split('\n')[1].indexOf('go') + 1);
      assert.deepEqual(doc.orphans, []);
    });

    it('lists orphans apart with their reason; several articles give an array', () => {
      const docs = JSON.parse(exportJson([sampleInput(), fixtureArticle('bike-lanes.txt')], {})[0].content) as ArticleJson[];
      assert.equal(docs.length, 2);
      assert.deepEqual(docs[1].orphans.map((o) => [o.id, o.start, o.end]), [['a8', 40, 67]]);
      assert.match(docs[1].orphans[0].reason, /could not be found/);
      assert.ok(!docs[1].annotations.some((a) => a.id === 'a8'));
    });
  });

  describe('brat', () => {
    /**
     * Reads a .ann as brat's server does (server/src/annotation.py): the .txt as codecs.open reads
     * it, CRs kept; the .ann split at every line break str.splitlines knows; offsets in code points,
     * each fragment inside the text and not overlapping an earlier one by brat's own test
     * (`end >= ostart and start < oend`); the text field the fragments' texts joined by a space.
     */
    function checkAsBrat(ann: string, text: string): number {
      const chars = Array.from(text);
      const lines = ann.split(/\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]/);
      assert.equal(lines.pop(), '', 'ends with a line break');
      assert.equal(lines.length, ann.split('\n').length - 1, 'no line break Python sees inside a line');
      let spans = 0;
      for (const line of lines) {
        if (!line.startsWith('T')) continue;
        const [, data, ...rest] = line.split('\t');
        const field = rest.join('\t');
        const frags = data.split(' ').slice(1).join(' ').split(';').map((f) => f.split(' ').map(Number));
        frags.forEach(([s, e], i) => {
          assert.ok(0 <= s && s <= e && e <= chars.length, line);
          for (const [os, oe] of frags.slice(0, i)) assert.ok(!(e >= os && s < oe), `${line}: brat calls the fragments overlapping`);
        });
        assert.equal(field, frags.map(([s, e]) => chars.slice(s, e).join('')).join(' '), line);
        spans++;
      }
      return spans;
    }

    it('counts code points of the text as brat reads it, CRs included, and splits spans at every line break', () => {
      const article = fixtureArticle('bike-lanes.txt');
      assert.match(article.text, /\r\n/);
      const ann = bratAnn(article);
      assert.equal(checkAsBrat(ann, article.text), 7);
      assert.match(ann, /^T5\tResponse 111 114;116 126\tNo\. Not 𝒳 yet\.$/m, 'the CR and the LF each count one, and neither is in a fragment');
      assert.match(ann, /^T1\tSource 32 42\tJosé Nuñez$/m, 'after an emoji (one code point), two CRLFs (four) and a combining mark (one)');
    });

    it('the sample with CRLF line ends, and emoji, combining marks and odd line breaks, read in brat span for span', () => {
      const sample = sampleInput();
      const crlfText = sample.text.replace(/\n/g, '\r\n');
      const moved = (o: number) => o + (sample.text.slice(0, o).match(/\n/g) ?? []).length;
      const placed = sample.placed.map((a) => ({ ...a, start: moved(a.start), end: moved(a.end), ...anchorContext(crlfText, moved(a.start), moved(a.end)) }));
      const crlf: ArticleInput = { ...sample, text: crlfText, placed };
      assert.equal(checkAsBrat(bratAnn(crlf), crlfText), 65);

      const text = '👍🏽 Ann said: “é\u0301 😀\t🇬🇧 go.”\r\nBob: “no\r\n\r\nway 𝒳.”\r\n“\u2028odd\u0085x”\rend\n';
      const at = (s: string, id: string, type: Annotation['type']): Annotation => {
        const start = text.indexOf(s);
        return { id, type, start, end: start + s.length, speaker: 'ann', ...anchorContext(text, start, start + s.length) };
      };
      const spans = [
        at('Ann', 'a1', 'mention'),
        at('é\u0301 😀\t🇬🇧 go.', 'a2', 'quote'),
        at('go.”\r\n', 'a3', 'quote'),
        at('\r\nBob', 'a4', 'mention'),
        at('no\r\n\r\nway 𝒳.', 'a5', 'quote'),
        at('\r\n', 'a6', 'quote'),
        at('\u2028odd\u0085x”\rend', 'a7', 'quote'),
      ].sort(compareAnnotations);
      const odd: ArticleInput = { path: 'odd.txt', text, sidecar: sidecarWith([speaker('ann', 'Ann')], [], spans), placed: spans, orphans: [] };
      const ann = bratAnn(odd);
      assert.equal(checkAsBrat(ann, text), 7);
      assert.match(ann, /^T\d+\tQuote 34 36;40 46\tno way 𝒳\.$/m, 'CR, LF, CR, LF: four characters, none in a fragment');
      assert.match(ann, /^T\d+\tSource 26 26;28 31\t Bob$/m, 'starts on a CRLF: an empty fragment where it starts');
      assert.match(ann, /^T\d+\tQuote 50 50;51 54;55 57;58 61\t odd x” end$/m, 'U+2028, U+0085 and a lone CR end lines for Python too');
      const back = importBrat(ann, text);
      assert.deepEqual(back.warnings, []);
      assert.deepEqual(back.sidecar.annotations.map((a) => [a.start, a.end]), spans.map((a) => [a.start, a.end]), 'and imports back exactly');
    });

    it('keeps a span that starts or ends on a line break exact with an empty fragment there', () => {
      const text = 'ab\r\ncd\n\nef';
      assert.deepEqual(bratFragments(text, 2, 6), [[2, 2], [4, 6]], 'starts on the CRLF: an empty fragment where it starts');
      assert.deepEqual(bratFragments(text, 4, 8), [[4, 6], [8, 8]], 'ends after the two LFs');
      assert.deepEqual(bratFragments(text, 0, 10), [[0, 2], [4, 6], [8, 10]], 'the empty line between makes no fragment');
      assert.deepEqual(bratFragments(text, 3, 4), [[3, 3], [4, 4]], 'between CR and LF: brat can say so');
      assert.deepEqual(bratFragments(text, 5, 5), [[5, 5]]);
    });

    it('LineEndView maps like a naive model, both ways', () => {
      const unit = fc.constantFrom('a', 'é', '😀', '\r\n', '\n', '\r', ' ');
      fc.assert(
        fc.property(fc.array(unit, { maxLength: 40 }), fc.nat(), (units, pick) => {
          const text = units.join('');
          const view = new LineEndView(text);
          // Boundaries between units, never inside a CRLF or a surrogate pair.
          const bounds = [0];
          for (const u of units) bounds.push(bounds[bounds.length - 1] + u.length);
          const utf16 = bounds[pick % bounds.length];
          // A lone CR before an LF unit makes a CRLF: the editor never puts an offset inside one.
          if (text[utf16 - 1] === '\r' && text[utf16] === '\n') return;
          const naive = Array.from(text.slice(0, utf16).replace(/\r\n?/g, '\n')).length;
          assert.equal(view.toCodePoint(utf16), naive);
          assert.equal(view.toUtf16(naive), utf16);
          assert.equal(view.codePointLength, Array.from(text.replace(/\r\n?/g, '\n')).length);
        }),
        { numRuns: 500 },
      );
    });

    it('every line of the sample reads back in brat; relations and attributes name existing annotations', () => {
      const article = sampleInput();
      const ann = bratAnn(article);
      assert.equal(checkAsBrat(ann, article.text), 65);
      const ids = new Set(ann.split('\n').filter((l) => l.startsWith('T')).map((l) => l.split('\t')[0]));
      assert.equal(ids.size, 65);
      for (const ref of ann.matchAll(/(?:Arg\d:|Reference |Stance |Status |Suggested |AnnotatorNotes )(T\d+)/g)) assert.ok(ids.has(ref[1]), ref[0]);
      assert.equal((ann.match(/^R\d+\tSaidBy /gm) ?? []).length > 20, true);
      assert.equal((ann.match(/^R\d+\tResponds /gm) ?? []).length, 5);
    });

    it('the annotation.conf offered for brat declares every type, relation and attribute the export writes', () => {
      const ann = bratAnn(sampleInput()) + bratAnn(fixtureArticle('bike-lanes.txt'));
      const used = new Set<string>();
      for (const m of ann.matchAll(/^[TRA]\d+\t(\S+)/gm)) used.add(m[1]);
      const declared = new Set(BRAT_ANNOTATION_CONF.split('\n').map((l) => l.split('\t')[0]).filter((l) => l && !/^[#[<]/.test(l)));
      assert.deepEqual([...used].filter((u) => !declared.has(u)), []);
      assert.deepEqual([...used].sort(), ['Demand', 'Quote', 'Responds', 'Response', 'SaidBy', 'Source', 'Stance', 'Status', 'Suggested']);
    });

    it('writes that annotation.conf, and a visual.conf, once in each folder it writes documents to', () => {
      const files = exportBrat([sampleInput('news/a.txt'), sampleInput('news/b.txt'), sampleInput('news/deeper/c.txt'), sampleInput('d.md')], {});
      const confs = files.filter((f) => f.path.endsWith('.conf'));
      assert.deepEqual(confs.map((f) => f.path).sort(), ['annotation.conf', 'news/annotation.conf', 'news/deeper/annotation.conf', 'news/deeper/visual.conf', 'news/visual.conf', 'visual.conf']);
      for (const f of confs) assert.equal(f.content, f.path.endsWith('annotation.conf') ? BRAT_ANNOTATION_CONF : BRAT_VISUAL_CONF);
      // visual.conf labels only what annotation.conf declares.
      const declared = new Set(BRAT_ANNOTATION_CONF.split('\n').map((l) => l.split('\t')[0]));
      for (const l of BRAT_VISUAL_CONF.split('\n')) {
        const name = l.split(/\s*\|\s*|\t/)[0];
        if (name && !/^(#|\[|SPAN_DEFAULT|ARC_DEFAULT|ATTRIBUTE_DEFAULT)/.test(name)) assert.ok(declared.has(name), name);
      }
    });
  });

  describe('w3c', () => {
    it('each annotation has a TextQuoteSelector and a code-point TextPositionSelector that agree with the text', () => {
      const article = fixtureArticle('bike-lanes.txt');
      const doc = JSON.parse(exportW3c([article], {})[0].content);
      assert.equal(doc.type, 'AnnotationCollection');
      assert.equal(doc['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
      assert.equal(doc['@context'][1].al, 'https://attribution-lens.example/ns#');
      const cps = Array.from(article.text);
      const items = doc.first.items as Record<string, any>[];
      assert.equal(items.length, doc.total);
      const iri = 'urn:attribution-lens:article:bike-lanes.txt';
      assert.equal(doc.id, `${iri}#annotations`);
      assert.equal(doc.first.id, `${iri}#page1`);
      for (const item of items) {
        assert.equal(item.type, 'Annotation');
        assert.equal(item.target.source, iri);
        const selectors = [item.target.selector].flat();
        const quote = selectors.find((s: any) => s.type === 'TextQuoteSelector');
        const position = selectors.find((s: any) => s.type === 'TextPositionSelector');
        if (item.orphan) {
          assert.equal(position, undefined, 'an orphan has no position on this text');
          continue;
        }
        assert.equal(cps.slice(position.start, position.end).join(''), quote.exact);
        assert.ok(article.text.includes(quote.prefix + quote.exact + quote.suffix));
      }
      const response = items.find((i) => i.id === `${iri}#annotation-a5`)!;
      assert.deepEqual(response.body[0], {
        id: `${iri}#annotation-a5/attribution`,
        type: 'Attribution',
        annotationType: 'response',
        speaker: { id: 'urn:attribution-lens:speaker:council', type: 'Speaker', name: '[Click me](http://evil.example) <img src=x onerror=alert(1)> **Council** www.evil.example', kind: 'organisation' },
        demand: { id: 'urn:attribution-lens:demand:lanes', type: 'Demand', summary: 'Bike lanes on every street', status: 'not-agreed' },
        stance: 'rejects',
      });
      assert.deepEqual(response.body[1], { type: 'TextualBody', purpose: 'commenting', value: 'Said twice.\nOn the record.', format: 'text/plain' });
      assert.equal(items.find((i) => i.id === `${iri}#annotation-a8`)!.orphan.includes('could not be found'), true);
    });

    it("names the article by the base IRI plus its path, else by its file URI, else by a urn: of its path; all percent-encoded", () => {
      const article = fixtureArticle('bike-lanes.txt', 'city news/Zürich #1/bike-lanes.txt');
      const sourceOf = (a: ArticleInput, options: ExportOptions) => JSON.parse(exportW3c([a], options)[0].content).first.items[0].target.source;
      const encodedPath = 'city%20news/Z%C3%BCrich%20%231/bike-lanes.txt';
      assert.equal(sourceOf(article, { baseIri: 'https://news.example/archive/' }), `https://news.example/archive/${encodedPath}`);
      assert.equal(sourceOf(article, { baseIri: 'https://news.example/archive' }), `https://news.example/archive/${encodedPath}`);
      assert.equal(sourceOf(article, { baseIri: 'https://news.example/Straße/' }), `https://news.example/Stra%C3%9Fe/${encodedPath}`);
      const uri = 'file:///home/r%C3%A9dac/city%20news/Z%C3%BCrich%20%231/bike-lanes.txt';
      assert.equal(sourceOf({ ...article, uri }, {}), uri);
      assert.equal(sourceOf({ ...article, uri }, { baseIri: 'https://news.example/' }), `https://news.example/${encodedPath}`);
      assert.equal(sourceOf(article, {}), `urn:attribution-lens:article:${encodedPath}`);
    });

    it('a base IRI that is not absolute, or has a fragment, is an error saying so', () => {
      const article = fixtureArticle('bike-lanes.txt');
      assert.throws(() => exportW3c([article], { baseIri: 'news/archive/' }), /^Error: the base IRI "news\/archive\/" is not an absolute IRI/);
      assert.throws(() => exportW3c([article], { baseIri: 'https://news.example/#top' }), /^Error: the base IRI "https:\/\/news.example\/#top" has a fragment/);
    });

    it('the same input gives the same file: ids are derived, never random', () => {
      const article = () => ({ ...sampleInput(), uri: 'file:///news/corbyn-jewish-leaders-meeting.txt' });
      assert.equal(exportW3c([article()], {})[0].content, exportW3c([article()], {})[0].content);
    });
  });
});
