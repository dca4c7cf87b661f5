// The corpus report (src/core/corpus/report*.ts): the numbers checked by hand on a small corpus,
// the HTML page (only its own markup, escaped text, a CSP that allows exactly its two styles and
// no script) and the CSV tables (real CSV, formula cells guarded).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as esbuild from 'esbuild';
import { Corpus, CorpusArticle, WorkspaceSpeaker } from '../../src/core/corpus/corpus';
import { renderCorpusReport } from '../../src/core/corpus/report';
import { corpusReportData, monthOf, NO_SPEAKER, NOT_CODED } from '../../src/core/corpus/reportData';
import { CORPUS_CSS, REPORT_CSS } from '../../src/core/export/report/generated/assets';
import { Annotation, Demand, Speaker } from '../../src/core/model';
import { parseCsv } from './exportFormats.test';
import { demand, sidecarWith, speaker } from './helpers';
import { checkMarkup, cspOf, visible } from './htmlReportChecks';

function art(path: string, folder: string, date: string | undefined, speakers: Speaker[], annotations: Partial<Annotation>[], demands: Demand[] = []): CorpusArticle {
  const anns = annotations.map((a, i) => ({ id: `a${i + 1}`, type: 'quote' as const, start: i * 100, end: i * 100 + 50, ...a }));
  return { article: path, sidecarPath: `${path}.annotations.yaml`, folder, date, dateFrom: date ? 'document' : undefined, sidecar: sidecarWith(speakers, demands, anns) };
}

const ws = (id: string, name: string, attributes: Record<string, string>, extra: Partial<WorkspaceSpeaker> = {}): WorkspaceSpeaker => ({ id, name, kind: 'person', aliases: [], members: [], attributes, ...extra });

/**
 * Three articles, two folders, two months; Ann (woman), Bob (man), a spokesman (anonymous, no
 * gender coded), and one quote without a speaker.
 *   times/a.txt 2024-03-02: Ann "one two three" (3 words), Bob "four five" (2), Ann "six" (1)
 *   times/b.txt 2024-03-20: spokesman "seven eight nine ten" (4), no speaker "eleven" (1)
 *   post/c.txt  2024-04-01: Bob "twelve thirteen" (2), and a response of Ann's to the demand d1 of a.txt
 * Quotes 6, words 13. Ann 2 quotes 4 words, Bob 2 / 4, spokesman 1 / 4, none 1 / 1.
 * Gender: woman 2 (4 words), man 2 (4), not coded 1 (4), no speaker 1 (1).
 * Kind: person 4, anonymous 1, no speaker 1: anonymous share 1/6 = 17% of quotes.
 * Per month: 2024-03 has 5 quotes, 11 words; 2024-04 has 1 quote, 2 words.
 */
export function smallCorpus(): Corpus {
  const people = [speaker('ann', 'Ann Lee'), speaker('bob', 'Bob Ray')];
  const articles = [
    art('/c/times/a.txt', 'times', '2024-03-02', [...people], [
      { speaker: 'ann', text: 'one two three' },
      { speaker: 'bob', text: 'four five' },
      { speaker: 'ann', text: 'six' },
      { type: 'demand', demand: 'd1', speaker: 'ann', text: 'Build the bridge' },
      { type: 'mention', speaker: 'bob', text: 'Bob' },
    ], [demand('d1', 'Build the bridge', { by: ['ann'], to: ['bob'], status: 'open' }), demand('d2', 'Done deal', { status: 'agreed' })]),
    art('/c/times/b.txt', 'times', '2024-03-20', [speaker('spk', 'a council spokesman', { kind: 'anonymous' })], [
      { speaker: 'spk', text: 'seven eight nine ten' },
      { text: 'eleven' },
    ]),
    art('/c/post/c.txt', 'post', '2024-04-01', [...people], [
      { speaker: 'bob', text: 'twelve thirteen' },
      { type: 'response', demand: 'd1', speaker: 'bob', stance: 'rejects', text: 'No bridge' },
    ]),
  ];
  return {
    articles: articles.sort((x, y) => (x.article < y.article ? -1 : 1)),
    speakers: new Map([ws('ann', 'Ann Lee', { gender: 'woman', party: 'Green' }), ws('bob', 'Bob Ray', { gender: 'man' })].map((w) => [w.id, w])),
  };
}

describe('corpus report', () => {
  describe('the numbers', () => {
    it('speakers quoted most, with quotes, words and articles', () => {
      const d = corpusReportData(smallCorpus());
      assert.deepEqual(d.total, { quotes: 6, words: 13 });
      assert.deepEqual(d.speakers.map((s) => [s.id, s.quotes, s.words, s.articles]), [['ann', 2, 4, 1], ['bob', 2, 4, 2], ['spk', 1, 4, 1]]);
      assert.equal(d.speakers.find((s) => s.id === 'bob')!.mentions, 1);
    });

    it('quotes and words by attribute and by kind; the anonymous share', () => {
      const d = corpusReportData(smallCorpus());
      const gender = d.breakdowns.find((b) => b.key === 'gender')!;
      assert.deepEqual(gender.values, ['man', 'woman', NOT_CODED, NO_SPEAKER]);
      assert.deepEqual(Object.fromEntries(gender.overall), { woman: { quotes: 2, words: 4 }, man: { quotes: 2, words: 4 }, [NOT_CODED]: { quotes: 1, words: 4 }, [NO_SPEAKER]: { quotes: 1, words: 1 } });
      assert.deepEqual(Object.fromEntries(gender.byMonth.get('2024-04')!), { man: { quotes: 1, words: 2 } });
      assert.deepEqual(Object.fromEntries(gender.byFolder.get('times')!), { woman: { quotes: 2, words: 4 }, man: { quotes: 1, words: 2 }, [NOT_CODED]: { quotes: 1, words: 4 }, [NO_SPEAKER]: { quotes: 1, words: 1 } });
      const kind = d.breakdowns[0];
      assert.equal(kind.key, 'kind');
      assert.deepEqual(Object.fromEntries(kind.overall), { person: { quotes: 4, words: 8 }, anonymous: { quotes: 1, words: 4 }, [NO_SPEAKER]: { quotes: 1, words: 1 } });
      assert.deepEqual(d.anonymous, { quotes: 1, words: 4 });
      assert.deepEqual(d.breakdowns.map((b) => b.key), ['kind', 'gender', 'party']);
    });

    it('per month and per folder; undated articles under "no date", last', () => {
      const c = smallCorpus();
      const d = corpusReportData(c);
      assert.deepEqual(d.months.map((m) => [m.group, m.articles, m.quotes, m.words, m.speakers]), [['2024-03', 2, 5, 11, 3], ['2024-04', 1, 1, 2, 1]]);
      assert.deepEqual(d.folders.map((m) => [m.group, m.articles, m.quotes]), [['post', 1, 1], ['times', 2, 5]]);
      assert.equal(d.firstDate, '2024-03-02');
      assert.equal(d.lastDate, '2024-04-01');
      const undated = corpusReportData({ ...c, articles: [...c.articles, art('/c/x.txt', '', undefined, [], [{ text: 'a b' }])] });
      assert.deepEqual(undated.months.map((m) => m.group), ['2024-03', '2024-04', 'no date']);
      assert.equal(undated.undated, 1);
      assert.equal(monthOf('2024-05-06T10:00:00Z'), '2024-05');
      assert.equal(monthOf('someday'), 'no date');
    });

    it('open demands with their threads across articles in date order; settled ones left out', () => {
      const d = corpusReportData(smallCorpus());
      assert.deepEqual(d.openDemands.map((x) => x.id), ['d1']);
      const [d1] = d.openDemands;
      assert.deepEqual(d1.by, ['Ann Lee']);
      assert.deepEqual(d1.to, ['Bob Ray']);
      assert.deepEqual(d1.thread.map((t) => [t.type, t.article, t.date, t.speaker, t.stance]), [
        ['demand', 'times/a.txt', '2024-03-02', 'Ann Lee', undefined],
        ['response', 'post/c.txt', '2024-04-01', 'Bob Ray', 'rejects'],
      ]);
    });
  });

  describe('HTML', () => {
    const page = () => renderCorpusReport(smallCorpus(), { format: 'html', title: 'The <Corpus>' })[0];

    it('one self-contained page: its own markup only, fragment links, nothing that loads, no script', () => {
      const file = page();
      assert.equal(file.path, 'corpus-report.html');
      checkMarkup(file.content);
      assert.doesNotMatch(file.content, /<script/);
      assert.match(file.content, /<title>Corpus report: The &lt;Corpus&gt;<\/title>/);
    });

    it('the CSP allows exactly its two stylesheets and no script; a webview nonce replaces the hashes', () => {
      const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
      const csp = cspOf(page().content);
      assert.equal(csp, `default-src 'none'; style-src ${hash(REPORT_CSS)} ${hash(CORPUS_CSS)}; script-src 'none'; img-src data:; base-uri 'none'; form-action 'none'`);
      const web = renderCorpusReport(smallCorpus(), { format: 'html', nonce: 'abc123', cspSource: 'https://x.vscode-cdn.net' })[0].content;
      assert.match(cspOf(web), /style-src 'nonce-abc123' https:\/\/x\.vscode-cdn\.net; script-src 'none'/);
      assert.equal((web.match(/<style nonce="abc123">/g) ?? []).length, 2);
      assert.throws(() => renderCorpusReport(smallCorpus(), { format: 'html', nonce: "x'; script-src *" }), /not a valid CSP nonce/);
    });

    it('the corpus stylesheet parses without a warning and loads nothing', () => {
      const { warnings } = esbuild.transformSync(CORPUS_CSS, { loader: 'css', logLevel: 'silent' });
      assert.deepEqual(warnings.map((w) => w.text), []);
      assert.doesNotMatch(CORPUS_CSS, /url\(|@import|<\/style/i);
    });

    it('charts carry their numbers as text, are images labelled by their headings, and tables hold the same numbers', () => {
      const html = visible(page().content);
      for (const m of html.matchAll(/<svg [^>]*aria-labelledby="([^"]+)"/g)) assert.ok(html.includes(`id="${m[1]}"`), `a heading ${m[1]}`);
      assert.match(html, /<dt>Anonymous<\/dt><dd>17%<span class="unit">of quotes<\/span><\/dd>/);
      assert.match(html, /<dt>Quotes<\/dt><dd>6<\/dd>/);
      assert.match(html, /3 articles, dated 2024-03-02 to 2024-04-01\./);
      // A modification time reads as its day.
      const c = smallCorpus();
      c.articles.forEach((a) => (a.date = '2024-05-06T07:08:09.123Z'));
      assert.match(renderCorpusReport(c, { format: 'html' })[0].content, /3 articles, dated 2024-05-06\./);
      // Bob: 2 quotes (one bar, its number beside it), 4 words; 2 articles in the table.
      assert.match(html, /<title>Bob Ray<\/title>Bob Ray<\/text>.*?>2<\/text>.*?>4<\/text><\/g>/);
      assert.match(html, /<tr><td><div class="who"><span>Bob Ray<span class="sub">gender: man<\/span><\/span><\/div><\/td><td><span class="badge k-person">person<\/span><\/td><td class="n">2<\/td><td class="n">4<\/td><td class="n">33%<\/td><td class="n">2<\/td><\/tr>/);
      // Gender in March: woman 2, man 1, not coded 1, no speaker 1 of 5 quotes.
      assert.match(html, /<title>woman: 2 quotes of 5 \(40%\)<\/title>/);
      assert.match(html, /<li><span class="sw s2" aria-hidden="true"><\/span>woman: 33% of quotes \(2\)<\/li>/);
      assert.match(html, /<title>no speaker recorded: 1 quotes of 5 \(20%\)<\/title>/);
      // The thread in date order, with the stance.
      assert.ok(html.includes('times/a.txt</span><strong>Ann Lee'));
      assert.ok(html.indexOf('times/a.txt</span><strong>Ann Lee') < html.indexOf('post/c.txt</span><strong>Bob Ray</strong><span class="badge sn-rejects">rejects'));
    });

    it('hostile names, values and quotes stay text', () => {
      const c = smallCorpus();
      const evil = '<img src=x onerror=alert(1)>"\'&';
      (c.speakers as Map<string, WorkspaceSpeaker>).set('ann', ws('ann', evil, { [evil]: evil }));
      const a = c.articles.find((x) => x.article === '/c/times/a.txt')!;
      a.sidecar.annotations.push({ id: 'z', type: 'quote', start: 0, end: 1, speaker: 'ann', text: `</p><script>x</script>${evil}` });
      a.sidecar.demands.get('d1')!.summary = evil;
      const { content } = renderCorpusReport(c, { format: 'html' })[0];
      checkMarkup(content);
      assert.doesNotMatch(content, /<img|<script/);
      assert.ok(content.includes('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;'));
    });

    it('an empty corpus: every section says so, no NaN', () => {
      const { content } = renderCorpusReport({ articles: [], speakers: new Map() }, { format: 'html' })[0];
      checkMarkup(content);
      assert.doesNotMatch(content, /NaN|Infinity|undefined/);
      assert.match(content, /No quotes in the corpus\./);
      assert.match(content, /No demand is open\./);
    });
  });

  describe('CSV', () => {
    it('four tables, real CSV; shares within each group; formula cells guarded', () => {
      const c = smallCorpus();
      (c.speakers as Map<string, WorkspaceSpeaker>).set('bob', ws('bob', '=HYPERLINK("http://x")', { gender: '+man' }));
      const files = renderCorpusReport(c, { format: 'csv' });
      assert.deepEqual(files.map((f) => f.path), ['corpus-speakers.csv', 'corpus-attributes.csv', 'corpus-totals.csv', 'corpus-demands.csv']);
      const [speakers, attributes, totals, demands] = files.map((f) => parseCsv(f.content));
      assert.deepEqual(speakers[0], ['speaker_id', 'name', 'kind', 'gender', 'party', 'quotes', 'words', 'mentions', 'articles']);
      assert.deepEqual(speakers.find((r) => r[0] === 'bob'), ['bob', `'=HYPERLINK("http://x")`, 'person', "'+man", '', '2', '4', '1', '2']);
      assert.deepEqual(attributes.find((r) => r[0] === 'gender' && r[1] === 'woman' && r[2] === 'month'), ['gender', 'woman', 'month', '2024-03', '2', '4', '0.4', '0.3636']);
      assert.deepEqual(attributes.find((r) => r[0] === 'kind' && r[1] === 'anonymous' && r[2] === 'all'), ['kind', 'anonymous', 'all', '', '1', '4', '0.1667', '0.3077']);
      assert.deepEqual(totals.slice(1), [['month', '2024-03', '2', '5', '11', '3'], ['month', '2024-04', '1', '1', '2', '1'], ['folder', 'post', '1', '1', '2', '1'], ['folder', 'times', '2', '5', '11', '3']]);
      assert.deepEqual(demands.slice(1).map((r) => [r[0], r[5], r[7], r[9], r[10]]), [['d1', 'stated', '2024-03-02', 'Ann Lee', ''], ['d1', 'response', '2024-04-01', `'=HYPERLINK("http://x")`, 'rejects']]);
      assert.ok(renderCorpusReport(c, { format: 'csv', bom: true })[0].content.startsWith('\uFEFF'));
    });
  });
});
