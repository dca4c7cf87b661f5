// The `html` tag (src/core/export/safeHtml.ts): every interpolated string and number escaped, in
// text and in either kind of quoted attribute; markup only as SafeHtml from the tag itself,
// htmlLines() or trustedHtml(); positions where escaping cannot help refused; SafeHtml unforgeable.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { REPO_ROOT } from './helpers';
import { escapeHtml, html, htmlLines, HtmlValue, SafeHtml, scriptJson, trustedHtml } from '../../src/core/export/safeHtml';

const HOSTILE = `<script>alert(1)</script>"onmouseover="alert(2)' onfocus='alert(3)&amp;<!-- -->`;
const str = (v: SafeHtml) => v.toString();
/** What a value typed as anything would do at run time, past the type checker. */
const untyped = (v: unknown) => v as HtmlValue;

describe('safe html', () => {
  describe('escapes every interpolated string', () => {
    it('in text', () => {
      assert.equal(str(html`<p>${HOSTILE}</p>`), `<p>${escapeHtml(HOSTILE)}</p>`);
      assert.equal(str(html`<p>${HOSTILE}</p>`), '<p>&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=&quot;alert(2)&#39; onfocus=&#39;alert(3)&amp;amp;&lt;!-- --&gt;</p>');
      assert.equal(str(html`<title>${'</title><script>'}</title>`), '<title>&lt;/title&gt;&lt;script&gt;</title>');
    });
    it('in a double-quoted attribute: & < > " (a \' is harmless there and stays)', () => {
      assert.equal(str(html`<a title="${HOSTILE}">x</a>`), '<a title="&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=&quot;alert(2)\' onfocus=\'alert(3)&amp;amp;&lt;!-- --&gt;">x</a>');
      assert.equal(str(html`<meta content="default-src 'none'">`), `<meta content="default-src 'none'">`);
    });
    it('in a single-quoted attribute: all five', () => {
      assert.equal(str(html`<a title='${HOSTILE}'>x</a>`), `<a title='${escapeHtml(HOSTILE)}'>x</a>`);
    });
    it('in an attribute value that spans interpolations, and after one in the same tag', () => {
      assert.equal(str(html`<a class="chip ${'"x'} s${3}" title="${'<'}">${'>'}</a>`), '<a class="chip &quot;x s3" title="&lt;">&gt;</a>');
    });
    it('any string at all (property): in text it reads back as itself, in an attribute it cannot end the quote', () => {
      const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" })[e]!);
      fc.assert(
        fc.property(fc.string({ unit: 'binary' }), (s) => {
          const text = str(html`<p>${s}</p>`).slice(3, -4);
          assert.doesNotMatch(text, /[<>"']/);
          assert.equal(decode(text), s);
          const dq = str(html`<p title="${s}">`).slice(10, -2);
          assert.doesNotMatch(dq, /[<>"]/);
          assert.equal(decode(dq), s);
          const sq = str(html`<p title='${s}'>`).slice(10, -2);
          assert.doesNotMatch(sq, /[<>"']/);
        }),
        { numRuns: 300 },
      );
    });
  });

  describe('markup', () => {
    it('a nested template passes as it is, its own values escaped once', () => {
      const inner = html`<b>${'<i>'}</b>`;
      assert.equal(str(html`<td>${inner}</td>`), '<td><b>&lt;i&gt;</b></td>');
      assert.equal(str(html`<tr>${html`<td>${html`<em>${'&'}</em>`}</td>`}</tr>`), '<tr><td><em>&amp;</em></td></tr>');
    });
    it('arrays join, nested too, each element by its own kind', () => {
      assert.equal(str(html`<ul>${['<a>', html`<li>${1}</li>`, [2, html`<br>`]]}</ul>`), '<ul>&lt;a&gt;<li>1</li>2<br></ul>');
      assert.equal(str(html`<ul>${[]}</ul>`), '<ul></ul>');
    });
    it('numbers are written as numbers; NaN and infinities are refused', () => {
      assert.equal(str(html`<rect x="${12.5}" y="${-3}" width="${0}">${1e21}</rect>`), '<rect x="12.5" y="-3" width="0">1e+21</rect>');
      for (const n of [NaN, Infinity, -Infinity]) assert.throws(() => html`<p>${n}</p>`, /number/);
    });
    it('htmlLines: one a line, each as in text', () => {
      assert.equal(str(htmlLines([html`<p>`, '<x>', 3, html`</p>`, ''])), '<p>\n&lt;x&gt;\n3\n</p>\n');
    });
    it('trustedHtml takes a constant as it is (and only a literal type: a computed string does not type-check)', () => {
      assert.equal(str(html`<div>${trustedHtml('<hr>')}</div>`), '<div><hr></div>');
      const computed: string = ['<', 'b>'].join('');
      // @ts-expect-error: a `string` is not a constant.
      trustedHtml(computed);
    });
  });

  describe('refuses what escaping cannot make safe', () => {
    it('a value inside a tag: as a name, an attribute or an unquoted value', () => {
      for (const make of [() => html`<div ${'onclick=alert(1)'}>`, () => html`<a href=${'x onclick=alert(1)'}>x</a>`, () => html`<a ${html`class="x"`}>`, () => html`<p class="x" ${3}></p>`]) {
        assert.throws(make, /in a tag/);
      }
    });
    it('a value right after "<": it would be a tag name', () => {
      for (const make of [() => html`<${'script'}>`, () => html`</${'script'}>`, () => html`<!${'--'}>`]) assert.throws(make, /right after "<"/);
    });
    it('markup or an array in an attribute value', () => {
      assert.throws(() => html`<a title="${html`x" onclick="y`}">`, /markup in an attribute value/);
      assert.throws(() => html`<a class="${['a', 'b']}">`, /array in an attribute value/);
    });
    it('anything in a comment', () => {
      assert.throws(() => html`<!-- ${'--><script>'} -->`, /comment/);
    });
    it('a string in a script or style body; scriptJson only in a script; a body holding its end tag', () => {
      assert.throws(() => html`<script>${'alert(1)'}</script>`, /<script> body/);
      assert.throws(() => html`<style nonce="${'n'}">${'x{}'}</style>`, /<style> body/);
      assert.throws(() => html`<style>${scriptJson({})}</style>`, /scriptJson\(\) in a <style> body/);
      assert.throws(() => html`<p>${untyped(scriptJson({}))}</p>`, /scriptJson\(\) in text/);
      assert.throws(() => html`<script>${trustedHtml('a</SCRIPT><script>b')}</script>`, /end its element early/);
      assert.throws(() => html`<style>${trustedHtml('a{}</style><script>')}</style>`, /end its element early/);
      assert.throws(() => html`<script>${trustedHtml('<!--')}</script>`, /end its element early/);
    });
    it('scriptJson: data that stays data in a script, whatever the strings', () => {
      const value = { s: '</script><script>alert(1)</script><!-- & \u2028' };
      const out = str(html`<script type="application/json" nonce="${'n'}">${scriptJson(value)}</script>`);
      assert.doesNotMatch(out.slice(out.indexOf('>') + 1, out.lastIndexOf('<')), /[<>&\u2028]/);
      assert.deepEqual(JSON.parse(out.slice(out.indexOf('>') + 1, out.lastIndexOf('<'))), value);
    });
    it('a template that ends inside a tag, a quote or a comment', () => {
      assert.throws(() => html`<a title="x`, /ends inside an attribute value/);
      assert.throws(() => html`<a ${'x'}`, /ends inside a tag/);
      assert.throws(() => html`<br`, /ends inside a tag/);
      assert.throws(() => html`<!-- x`, /ends inside comment/);
      assert.throws(() => html`<script>x`, /ends inside a <script> body/);
    });
    it('undefined, null, booleans and objects, which the types already refuse', () => {
      for (const v of [undefined, null, true, {}, { toString: () => '<b>' }, Symbol('x')]) assert.throws(() => html`<p>${untyped(v)}</p>`, TypeError);
    });
  });

  describe('nothing else makes SafeHtml', () => {
    it('not the constructor without the module\'s token, not a prototype look-alike', () => {
      assert.throws(() => new SafeHtml(Symbol('SafeHtml'), '<b>'), /made only by/);
      const fake = Object.create(SafeHtml.prototype) as SafeHtml;
      assert.equal(SafeHtml.is(fake), false);
      assert.throws(() => html`<p>${fake}</p>`, TypeError);
      assert.equal(SafeHtml.is(html`<b>`), true);
    });
    it('a SafeHtml cannot be changed after it is made', () => {
      const safe = html`<b>`;
      assert.throws(() => Object.assign(safe, { toString: () => '<script>' }), TypeError);
      assert.equal(str(safe), '<b>');
    });
  });

  it('the HTML report writes markup only through the tag: no escapeHtml, no markup in a plain string', () => {
    const dir = path.join(REPO_ROOT, 'src/core/export');
    const files = ['html.ts', ...fs.readdirSync(path.join(dir, 'report')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => `report/${f}`)];
    assert.ok(files.length >= 8, files.join(', '));
    for (const file of files) {
      const code = fs.readFileSync(path.join(dir, file), 'utf8').replace(/^\s*(?:\/\/|\*|\/\*).*$/gm, '');
      assert.doesNotMatch(code, /escapeHtml|new SafeHtml/, file);
      assert.doesNotMatch(code, /['"]<[a-zA-Z/!]/, `${file}: markup in a quoted string`);
      assert.doesNotMatch(code, /(?<!\bhtml)`<[a-zA-Z/!]/, `${file}: markup in an untagged template`);
      assert.equal([...code.matchAll(/trustedHtml\(/g)].length, file === 'html.ts' ? 2 : 0, `${file}: trustedHtml only for the two assets`);
    }
  });
});
