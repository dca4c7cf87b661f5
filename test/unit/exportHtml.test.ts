// The HTML report: naming, the highlighted text (segments at every boundary, exact UTF-16
// spans through emoji, CRLF and combining marks, on random overlapping articles too), escaping
// of hostile sidecar and article text everywhere, the JSON data block, the Content-Security-
// Policy in file mode (sha256 of the inline style and script) and in webview mode (nonce,
// cspSource), the chart's numbers, and an empty sidecar. The page in a real browser:
// test/e2e/report.e2e.mjs. The golden file: exportGolden.test.ts. The escaping tag:
// safeHtml.test.ts. The stylesheet and script: reportAssets.test.ts.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { anchorContext } from '../../src/core/anchoring';
import { countWords, exportHtml, renderHtmlReport } from '../../src/core/export/html';
import { REPORT_SCRIPT } from '../../src/core/export/report/generated/assets';
import { escapeHtml, jsonForScript } from '../../src/core/export/safeHtml';
import { exporters } from '../../src/core/export/index';
import { ArticleInput } from '../../src/core/export/types';
import { Annotation, ANNOTATION_TYPES, compareAnnotations, emptySidecar, STANCES } from '../../src/core/model';
import { articleOn } from './exportFormats.test';
import { fixtureArticle, sampleInput } from './exportGolden.test';
import { demand, sidecarWith, speaker } from './helpers';
import { checkHighlights, checkMarkup, cspOf, dataOf, executableScript, Segment, segmentsOf, stylesOf, visible } from './htmlReportChecks';

describe('html report', () => {
  const sample = sampleInput();
  const sampleHtml = renderHtmlReport(sample, {});

  describe('files', () => {
    it('one file per article, named after it, whatever the number of articles; none for none', () => {
      const a = sampleInput('news/a.txt');
      const b = fixtureArticle('bike-lanes.txt', 'news/deeper/b.md');
      assert.deepEqual(exportHtml([a], {}).map((f) => f.path), ['news/a.txt.html']);
      assert.deepEqual(exportHtml([a, b], { name: 'all' }).map((f) => f.path), ['news/a.txt.html', 'news/deeper/b.md.html']);
      assert.deepEqual(exportHtml([], {}), []);
      assert.equal(exportHtml([a], {})[0].content, renderHtmlReport(a, {}));
    });
    it('is registered, and the registry now has every format', () => {
      assert.equal(exporters.html, exportHtml);
      for (const format of ['json', 'csv', 'markdown', 'html', 'brat', 'w3c'] as const) assert.equal(typeof exporters[format], 'function', format);
    });
    it('is deterministic: the same input gives the same bytes', () => {
      assert.equal(renderHtmlReport(sampleInput(), {}), sampleHtml);
    });
  });

  describe('the sample article', () => {
    it('has the article text with every placed annotation highlighted exactly', () => {
      const marks = checkHighlights(sample, sampleHtml);
      assert.ok(marks.length >= sample.placed.length / 2);
    });
    it('styles a segment by the annotations on it: quote colour by speaker slot, mention box edges, demand box, response underline', () => {
      const marks = checkHighlights(sample, sampleHtml);
      const speakerIds = [...sample.sidecar.speakers.keys()];
      // As in the editor: the first ten speakers in the ten themed slots, every later one a class of its own.
      const later = new Map<number, number>();
      const expectedSlot = (speakerId: string) => {
        const place = speakerIds.indexOf(speakerId) + 1;
        return place <= 10 ? place : dataOf(sampleHtml).speakers[place - 1].slot;
      };
      for (const id of speakerIds.slice(10)) later.set(expectedSlot(id), (later.get(expectedSlot(id)) ?? 0) + 1);
      assert.ok(speakerIds.length > 10, 'the sample has speakers past the tenth');
      assert.ok([...later].every(([slot, n]) => slot > 10 && n === 1), `one class each past ten: ${[...later]}`);
      for (const m of marks) {
        const types = new Set(m.cover.map((i) => sample.placed[i].type));
        for (const [type, cls] of [['mention', 'm'], ['quote', 'q'], ['demand', 'd'], ['response', 'r']] as const) {
          assert.equal(m.classes.includes(cls), types.has(type), `${cls} on ${m.start}`);
        }
        const quote = m.cover.filter((i) => sample.placed[i].type === 'quote').pop();
        if (quote !== undefined) assert.ok(m.classes.includes(`qs${expectedSlot(sample.placed[quote].speaker!)}`), `quote colour at ${m.start}`);
        const demandAt = m.cover.filter((i) => sample.placed[i].type === 'demand').pop();
        if (demandAt !== undefined) {
          assert.equal(m.classes.includes('d0'), sample.placed[demandAt].start === m.start);
          assert.equal(m.classes.includes('d1'), sample.placed[demandAt].end === m.end);
        }
      }
    });
    it('embeds the data the tooltips show: type, speaker name, kind and role, demand summary and status, stance, note', () => {
      const data = dataOf(sampleHtml);
      assert.equal(data.annotations.length, sample.placed.length);
      sample.placed.forEach((a, i) => {
        const d = data.annotations[i];
        assert.deepEqual([d.type, d.start, d.end, d.stance, d.note], [a.type, a.start, a.end, a.stance, a.note]);
        assert.equal(d.line, sample.text.slice(0, a.start).split('\n').length);
        if (a.speaker) {
          const s = sample.sidecar.speakers.get(a.speaker)!;
          assert.deepEqual([data.speakers[d.speaker!].name, data.speakers[d.speaker!].kind, data.speakers[d.speaker!].role], [s.name, s.kind, s.role]);
        } else assert.equal(d.speaker, undefined);
        if (a.demand) {
          const dm = sample.sidecar.demands.get(a.demand)!;
          assert.deepEqual([data.demands[d.demand!].summary, data.demands[d.demand!].status], [dm.summary, dm.status]);
        }
      });
    });
    it('summarises: counts by type, speakers, demands, and what needs review', () => {
      const stat = (label: string) => Number(new RegExp(`<dt>${label}</dt><dd>(\\d+)</dd>`).exec(sampleHtml)?.[1]);
      for (const [label, type] of [['Mentions', 'mention'], ['Quotes', 'quote'], ['Demands stated', 'demand'], ['Responses', 'response']] as const) {
        assert.equal(stat(label), sample.placed.filter((a) => a.type === type).length, label);
      }
      assert.equal(stat('Speakers'), sample.sidecar.speakers.size);
      assert.equal(stat('Demands'), sample.sidecar.demands.size);
      assert.equal(stat('Needs review'), 0);
      assert.match(sampleHtml, /<h1>corbyn-jewish-leaders-meeting\.txt<\/h1>/);
      assert.match(sampleHtml, /Nothing to review/);
    });
    it('indexes speakers with their counts and links to each of their spans', () => {
      const rows = [...sampleHtml.matchAll(/<tr><td><div class="who">[\s\S]*?<\/tr>/g)].map((m) => m[0]);
      assert.equal(rows.length, sample.sidecar.speakers.size);
      const corbyn = rows.find((r) => r.includes('>Jeremy Corbyn<'));
      assert.ok(corbyn);
      const mine = sample.placed.filter((a) => a.speaker === 'corbyn');
      const nums = [...corbyn.matchAll(/<td class="n">(\d+)<\/td>/g)].map((m) => Number(m[1]));
      assert.deepEqual([nums[0], nums[2]], [mine.filter((a) => a.type === 'quote').length, mine.filter((a) => a.type === 'mention').length]);
      assert.equal(nums[1], mine.filter((a) => a.type === 'quote').reduce((n, a) => n + countWords(sample.text.slice(a.start, a.end)), 0));
      const links = [...corbyn.matchAll(/<a class="chip [^"]*" href="#(t\d+)" data-a="(\d+)"/g)];
      assert.equal(links.length, mine.length);
      const marks = segmentsOf(sampleHtml).marks;
      for (const [, target, index] of links) {
        const a = sample.placed[Number(index)];
        assert.equal(a.speaker, 'corbyn');
        const mark = marks.find((m) => m.id === target);
        assert.equal(mark?.start, a.start, 'the link goes to the first segment of its annotation');
      }
    });
    it('tables demands with who made them, to whom, status, where stated, and each response with speaker, stance and text', () => {
      const row = [...sampleHtml.matchAll(/<tr><td class="c-demand"><strong>([^<]*)<\/strong>[\s\S]*?<\/tr>/g)].find((m) => m[1] === 'A fixed timetable to deal with antisemitism cases');
      assert.ok(row);
      assert.match(row[0], /<td class="c-by">Jewish Leadership Council and Board of Deputies<\/td><td class="c-to">Jeremy Corbyn, Labour Party<\/td><td class="c-status"><span class="badge st-not-agreed">not agreed<\/span>/);
      const stated = sample.placed.filter((a) => a.demand === 'fixed-timetable' && a.type === 'demand');
      assert.equal([...row[0].matchAll(/class="chip d /g)].length, stated.length);
      const response = sample.placed.find((a) => a.demand === 'fixed-timetable' && a.type === 'response')!;
      assert.ok(row[0].includes(`Labour sources</span><span class="badge sn-${response.stance}">`), row[0]);
      assert.ok(row[0].includes(`<p class="qtext">${escapeHtml(sample.text.slice(response.start, response.end).replace(/\s+/g, ' ').trim())}</p>`));
    });
    it('charts quotes and words per quoted speaker, and the anonymous share, with the right numbers', () => {
      const quotes = sample.placed.filter((a) => a.type === 'quote');
      const quoted = new Set(quotes.map((a) => a.speaker));
      assert.equal([...sampleHtml.matchAll(/<rect class="bar bar-quotes fs\d+"/g)].length, quoted.size);
      assert.equal([...sampleHtml.matchAll(/<rect class="bar bar-words words fs\d+"/g)].length, quoted.size);
      const anon = quotes.filter((a) => sample.sidecar.speakers.get(a.speaker!)?.kind === 'anonymous');
      assert.ok(anon.length > 0 && anon.length < quotes.length, 'the sample has some anonymous quotes');
      const words = (as: Annotation[]) => as.reduce((n, a) => n + countWords(sample.text.slice(a.start, a.end)), 0);
      assert.ok(sampleHtml.includes(`>${Math.round((100 * anon.length) / quotes.length)}% · ${anon.length} of ${quotes.length} quotes</text>`));
      assert.ok(sampleHtml.includes(`>${Math.round((100 * words(anon)) / words(quotes))}% · ${words(anon)} of ${words(quotes)} words</text>`));
      // Corbyn's row: his name, his quote count and word count as the labels of his bars.
      const corbyn = quotes.filter((a) => a.speaker === 'corbyn');
      assert.match(sampleHtml, new RegExp(`<title>Jeremy Corbyn</title>Jeremy Corbyn</text>.*?>${corbyn.length}</text>.*?>${words(corbyn)}</text></g>`));
    });
    it('uses only its own tags and attributes, fragment links, nothing that loads', () => {
      checkMarkup(sampleHtml);
      assert.doesNotMatch(sampleHtml, /https?:\/\//);
    });
    it('has a script that parses', () => {
      assert.doesNotThrow(() => new Function(REPORT_SCRIPT));
      assert.match(REPORT_SCRIPT, /typeof acquireVsCodeApi === 'function'/);
      assert.match(REPORT_SCRIPT, /postMessage\(\{ type: 'reveal', start: a\.start, end: a\.end \}\)/);
      assert.doesNotMatch(REPORT_SCRIPT, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    });
  });

  describe('Content-Security-Policy', () => {
    it('file mode: sha256 of exactly the inline style and script, nothing else allowed', () => {
      const csp = cspOf(sampleHtml);
      const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
      // The sample has speakers past the tenth: the stylesheet and the article's colours, each by its hash.
      const styles = stylesOf(sampleHtml);
      const script = executableScript(sampleHtml);
      assert.equal(styles.length, 2);
      assert.deepEqual(styles.map((s) => s.attrs), ['', '']);
      assert.equal(script.attrs, '');
      assert.equal(csp, `default-src 'none'; style-src ${styles.map((s) => hash(s.content)).join(' ')}; script-src ${hash(script.content)}; img-src data:; base-uri 'none'; form-action 'none'`);
      assert.doesNotMatch(sampleHtml, /nonce/);
      // The hash is of the content as the browser sees it: no CR for the parser to change.
      assert.doesNotMatch(styles.map((s) => s.content).join('') + script.content, /\r/);
      // Ten speakers or fewer: the stylesheet alone.
      const few = renderHtmlReport(fixtureArticle('bike-lanes.txt', 'b.txt'), {});
      assert.equal(stylesOf(few).length, 1);
      assert.match(cspOf(few), new RegExp(`^default-src 'none'; style-src '[^' ]+'; script-src`));
    });
    it('webview mode: the nonce in the CSP and on the style and script, cspSource added', () => {
      // webview.cspSource as VS Code gives it.
      const html = renderHtmlReport(sample, { nonce: 'Ab3+/x_Z-9=', cspSource: "'self' https://*.vscode-cdn.net" });
      const csp = cspOf(html);
      assert.equal(
        csp,
        "default-src 'none'; style-src 'nonce-Ab3+/x_Z-9=' 'self' https://*.vscode-cdn.net; script-src 'nonce-Ab3+/x_Z-9='; " +
          "img-src 'self' https://*.vscode-cdn.net data:; base-uri 'none'; form-action 'none'",
      );
      assert.deepEqual(stylesOf(html).map((s) => s.attrs), [' nonce="Ab3+/x_Z-9="', ' nonce="Ab3+/x_Z-9="']);
      assert.equal(executableScript(html).attrs, ' nonce="Ab3+/x_Z-9="');
      assert.doesNotMatch(csp, /sha256/);
      assert.match(html, /click it to show it in the editor/);
      checkHighlights(sample, html);
      // A nonce only: no cspSource.
      assert.equal(cspOf(renderHtmlReport(sample, { nonce: 'n1' })), "default-src 'none'; style-src 'nonce-n1'; script-src 'nonce-n1'; img-src data:; base-uri 'none'; form-action 'none'");
    });
    it('refuses a nonce or cspSource that would change the policy', () => {
      for (const nonce of ["x' 'unsafe-inline", 'a;b', 'a"b', '', 'a b']) assert.throws(() => renderHtmlReport(sample, { nonce }), /nonce/, nonce);
      for (const cspSource of ["'unsafe-inline'", "'self' 'unsafe-eval'", "'self'x", 'x; script-src *', 'a"b', '<x>', '', ' x']) assert.throws(() => renderHtmlReport(sample, { nonce: 'n', cspSource }), /CSP source/, cspSource);
    });
  });

  describe('hostile text', () => {
    const evil = {
      name: '<script>alert(1)</script>"onmouseover="alert(2)',
      role: "x' onfocus='alert(3)",
      quote: 'He said </script><script>alert(4)</script> & <!-- "q" \u2028 then \u2029 end',
      note: 'note </script><img src=x onerror=alert(5)> \u2028 & <b>',
      summary: '<img src=x onerror=alert(6)> javascript:alert(7)',
      id: '"><svg onload=alert(8)>',
    };
    const text = `Intro. ${evil.quote} said Mr <b>Evil</b>.\nThe demand: ${evil.summary}.`;
    const build = (): ArticleInput => {
      const sidecar = sidecarWith(
        [speaker(evil.id, evil.name, { role: evil.role, kind: 'anonymous', aliases: ['</td><td>'] })],
        [demand('d"<x>', evil.summary, { by: [evil.id], to: [evil.id], status: 'open' })],
        [],
      );
      const article = articleOn('dir/<evil>&"name".txt', text, sidecar, [
        { id: 'q1', type: 'quote', speaker: evil.id, note: evil.note, at: evil.quote },
        { id: 'm1', type: 'mention', speaker: evil.id, at: 'Mr <b>Evil</b>' },
        { id: 'd1', type: 'demand', demand: 'd"<x>', at: evil.summary },
        { id: 'r1', type: 'response', speaker: evil.id, demand: 'd"<x>', stance: 'rejects', note: '</script>', at: 'The demand' },
      ]);
      article.orphans = [{ annotation: { id: '<orphan id="x">', type: 'quote', speaker: evil.id, start: 1, end: 2, text: '</script><script>alert(9)</script>' }, reason: 'a <reason> & "why"' }];
      return article;
    };

    for (const mode of ['file', 'webview'] as const) {
      it(`${mode}: stays text in the page, in attributes, in the data block; only the report's own markup`, () => {
        const article = build();
        const html = renderHtmlReport(article, mode === 'file' ? {} : { nonce: 'abc123', cspSource: 'vscode-resource:' });
        checkMarkup(html);
        checkHighlights(article, html);
        assert.equal([...html.matchAll(/<script\b/gi)].length, 2, 'the data block and the script, no more');
        assert.equal([...html.matchAll(/<\/script/gi)].length, 2);
        assert.doesNotMatch(html, /<b>|<img|<svg onload|<!--/i);
        assert.ok(html.includes(escapeHtml(evil.name)), 'the name as text');
        assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=&quot;alert(2)'));
        assert.ok(html.includes(`<title>Attribution report: dir/&lt;evil&gt;&amp;&quot;name&quot;.txt</title>`));
        assert.ok(html.includes('&lt;orphan id=&quot;x&quot;&gt;'));
        assert.ok(html.includes('a &lt;reason&gt; &amp; &quot;why&quot;'));
        // The data block parses back to exactly the hostile strings.
        const data = dataOf(html);
        assert.equal(data.speakers[0].name, evil.name);
        assert.equal(data.speakers[0].role, evil.role);
        assert.equal(data.demands[0].summary, evil.summary);
        const q = data.annotations[article.placed.findIndex((a) => a.id === 'q1')];
        assert.equal(q.note, evil.note);
        assert.equal(article.text.slice(q.start, q.end), evil.quote);
        // No sidecar id anywhere: elements are named by indices.
        assert.ok(!html.includes(evil.id) && !html.includes(escapeHtml(evil.id)), 'the speaker id is not in the page');
        assert.ok(!html.includes('d&quot;&lt;x&gt;'), 'nor the demand id');
      });
    }

    it('jsonForScript escapes what could end or confuse the block, and JSON.parse gives the value back', () => {
      const value = { s: '</script><!-- & > \u2028\u2029 "' };
      const json = jsonForScript(value);
      assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
      assert.ok(json.includes('\\u003c/script\\u003e\\u003c!-- \\u0026 \\u003e \\u2028\\u2029'));
      assert.deepEqual(JSON.parse(json), value);
    });
    it('escapeHtml escapes the five characters', () => {
      assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    });
  });

  describe('text and offsets', () => {
    it('emoji, CRLF and combining marks: highlights wrap exactly their UTF-16 spans (the hand-made article)', () => {
      const bikes = fixtureArticle('bike-lanes.txt');
      const html = renderHtmlReport(bikes, {});
      checkHighlights(bikes, html);
      checkMarkup(html);
      const { marks, text } = segmentsOf(html);
      const piece = (m: Segment) => text.slice(m.start, m.end);
      // The response spans a CRLF and an astral 𝒳; the demand starts right after a quote mark and holds 🚲.
      const response = bikes.placed.findIndex((a) => a.type === 'response');
      assert.equal(marks.filter((m) => m.cover.includes(response)).map(piece).join(''), 'No.\r\nNot 𝒳 yet.');
      assert.ok(html.includes('No.\r\nNot 𝒳 yet.'), 'the CRLF is kept as it is (white-space: pre-wrap shows it)');
      const demandAt = bikes.placed.findIndex((a) => a.type === 'demand');
      assert.equal(marks.filter((m) => m.cover.includes(demandAt)).map(piece).join(''), 'We need 🚲 lanes now');
      assert.match(html, /<div class="stat warn"><dt>Needs review<\/dt><dd>1<\/dd><\/div>/);
      assert.match(html, /<td>a8<\/td><td>Quote<span class="sub">José Nuñez<\/span><\/td><td><p class="qtext">a sentence that was deleted<\/p><\/td>/);
    });
    it('a span that starts on a combining mark or ends between an emoji and its modifier is cut there, not widened', () => {
      const text = 'e\u0301te\u0301 👍🏽 ok🇬🇧!\r\nend';
      const sidecar = sidecarWith([speaker('s', 'S')], [], []);
      const spans: Annotation[] = [
        { id: 'a1', type: 'quote', speaker: 's', start: 1, end: 5 }, // from the combining mark of "é" to after the second one
        { id: 'a2', type: 'mention', speaker: 's', start: 6, end: 8 }, // 👍 without its skin tone
        { id: 'a3', type: 'quote', speaker: 's', start: 8, end: 17 }, // the tone, " ok" and 🇬🇧
        { id: 'a4', type: 'mention', speaker: 's', start: 18, end: 23 }, // across the CRLF
      ];
      spans.sort(compareAnnotations);
      const article: ArticleInput = { path: 'x.txt', text, sidecar: { ...sidecar, annotations: spans }, placed: spans, orphans: [] };
      const marks = checkHighlights(article, renderHtmlReport(article, {}));
      assert.deepEqual(marks.map((m) => text.slice(m.start, m.end)), ['\u0301te\u0301', '👍', '🏽 ok🇬🇧', '\r\nend']);
    });
    it('overlapping and nested annotations: cut at every boundary, each piece lists what covers it', () => {
      const text = 'Ann Lee said we need more lanes now and more buses, the council replied maybe.';
      const sidecar = sidecarWith([speaker('ann', 'Ann Lee'), speaker('council', 'The Council', { kind: 'organisation' })], [demand('lanes', 'More lanes')], []);
      const article = articleOn('o.txt', text, sidecar, [
        { id: 'q', type: 'quote', speaker: 'ann', at: 'we need more lanes now and more buses' },
        { id: 'd', type: 'demand', demand: 'lanes', at: 'more lanes now' },
        { id: 'd2', type: 'demand', demand: 'lanes', at: 'now and more buses, the council' }, // crosses the quote's end
        { id: 'm', type: 'mention', speaker: 'ann', at: 'Ann Lee said we' }, // crosses the quote's start
        { id: 'm2', type: 'mention', speaker: 'council', at: 'council' },
        { id: 'r', type: 'response', speaker: 'council', demand: 'lanes', stance: 'defers', at: 'maybe' },
        { id: 'z', type: 'quote', speaker: 'council', at: 'lanes' }, // nested two deep
      ]);
      const html = renderHtmlReport(article, {});
      const marks = checkHighlights(article, html);
      const at = (s: string) => marks.find((m) => text.slice(m.start, m.end) === s);
      const ids = (m: Segment | undefined) => m?.cover.map((i) => article.placed[i].id);
      assert.deepEqual(ids(at('lanes')), ['q', 'd', 'z']);
      assert.deepEqual(ids(at('we')), ['q', 'm']);
      assert.deepEqual(ids(at('now')), ['q', 'd2', 'd']);
      assert.deepEqual(ids(at(' and more buses')), ['q', 'd2']);
      assert.deepEqual(ids(at('council')), ['d2', 'm2']);
      // The innermost quote colours the nested piece (council's slot 2, not Ann's slot 1).
      assert.ok(at('lanes')!.classes.includes('qs2') && !at('lanes')!.classes.includes('qs1'));
      assert.ok(at('we')!.classes.includes('m1') && !at('we')!.classes.includes('m0'), 'the mention box closes on its last piece only');
    });
    it('random articles with overlapping spans (property): the text survives and every mark is right', () => {
      const units = ['a', 'b', ' ', '.', 'é', 'e', '\u0301', '😀', '👍🏽', '🇬🇧', '𝒳', '\r\n', '\n', '<', '&', '"', "'", '\u2028', '>'];
      const speakers = [speaker('ann', 'Ann'), speaker('bob', '<Bob>')];
      const arb = fc
        .record({
          units: fc.array(fc.constantFrom(...units), { minLength: 1, maxLength: 40 }),
          specs: fc.array(fc.record({ type: fc.constantFrom(...ANNOTATION_TYPES), a: fc.nat(), b: fc.nat(), sp: fc.boolean(), stance: fc.constantFrom(...STANCES) }), { maxLength: 10 }),
        })
        .map(({ units: us, specs }) => {
          const text = us.join('');
          const bounds = [0];
          for (const u of us) bounds.push(bounds[bounds.length - 1] + u.length);
          const placed: Annotation[] = specs.map((s, i) => {
            const [start, end] = [bounds[s.a % bounds.length], bounds[s.b % bounds.length]].sort((x, y) => x - y);
            const a: Annotation = { id: `a${i}`, type: s.type, start, end, ...anchorContext(text, start, end) };
            if (s.type !== 'demand') a.speaker = s.sp ? 'ann' : 'bob';
            if (s.type === 'response') a.stance = s.stance;
            return a;
          });
          placed.sort(compareAnnotations);
          const article: ArticleInput = { path: 'r.txt', text, sidecar: sidecarWith(speakers, [], placed), placed, orphans: [] };
          return article;
        });
      fc.assert(
        fc.property(arb, (article) => {
          const html = renderHtmlReport(article, {});
          checkHighlights(article, html);
          checkMarkup(html);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('empty', () => {
    it('an empty sidecar: every section says so, the chart has no bars and no NaN', () => {
      const text = 'Nothing annotated here.\n';
      const article: ArticleInput = { path: 'plain.txt', text, sidecar: emptySidecar('plain.txt'), placed: [], orphans: [] };
      const html = renderHtmlReport(article, {});
      checkMarkup(html);
      assert.equal(segmentsOf(html).text, text);
      assert.deepEqual(segmentsOf(html).marks, []);
      assert.match(html, /No speakers\./);
      assert.match(html, /No demands\./);
      assert.match(html, /No quotes in this article\./);
      assert.match(html, />no quotes<\/text>/);
      assert.match(html, />no words<\/text>/);
      assert.doesNotMatch(html, /bar-quotes|bar-anon/);
      assert.doesNotMatch(visible(html), /NaN|undefined|Infinity|null/);
      assert.deepEqual(dataOf(html), { speakers: [], demands: [], annotations: [] });
      assert.match(html, /<dt>Quotes<\/dt><dd>0<\/dd>/);
    });
    it('an empty article', () => {
      const article: ArticleInput = { path: 'empty.txt', text: '', sidecar: emptySidecar('empty.txt'), placed: [], orphans: [] };
      const html = renderHtmlReport(article, {});
      checkMarkup(html);
      assert.match(html, /The article is empty\./);
      assert.doesNotMatch(visible(html), /NaN|undefined|Infinity/);
    });
    it('speakers but no quotes, quotes without a speaker, an unknown speaker id: no division by zero, every quote counted', () => {
      const text = 'Someone said "yes". Bob said "no way".';
      const sidecar = sidecarWith([speaker('ann', 'Ann', { kind: 'anonymous' })], [], []);
      const article = articleOn('u.txt', text, sidecar, [
        { id: 'q1', type: 'quote', at: 'yes' },
        { id: 'q2', type: 'quote', speaker: 'bob', at: 'no way' },
      ]);
      const html = renderHtmlReport(article, {});
      checkMarkup(html);
      checkHighlights(article, html);
      assert.equal([...html.matchAll(/class="bar bar-quotes/g)].length, 2);
      assert.match(html, /<title>No speaker recorded<\/title>/);
      assert.match(html, /<title>bob<\/title>/);
      assert.match(html, />0% · 0 of 2 quotes<\/text>/);
      assert.match(html, /not in the sidecar/);
      assert.doesNotMatch(visible(html), /NaN|undefined|Infinity/);
    });
  });

  it('counts words as a reader does', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords('  — … '), 0);
    assert.equal(countWords("We don't share anti-semitism, 2 of 3 café’s e\u0301te\u0301 👍"), 9);
  });
});
