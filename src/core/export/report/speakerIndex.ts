// The speakers section of the HTML report: each speaker with kind, counts and links to every
// span of theirs in the text.
import { SPEAKER_KINDS } from '../../model';
import { html, htmlLines, SafeHtml } from '../safeHtml';
import { ReportModel } from './reportModel';
import { countWords } from './wording';

export function speakerIndex(model: ReportModel): SafeHtml {
  const head = html`<section id="speakers" class="card" aria-labelledby="speakers-h"><div class="card-head"><h2 id="speakers-h">Speakers</h2><ul class="legend" aria-label="Links"><li>Line numbers link to the spans:</li><li><span class="chip q s0">12</span> quote</li><li><span class="chip m s0">12</span> mention</li><li><span class="chip r s0">12</span> response</li></ul></div>`;
  if (model.data.speakers.length === 0) return htmlLines([head, html`<p class="empty">No speakers.</p>`, html`</section>`]);
  const { sidecar } = model.article;
  const rows = model.data.speakers.map((s, n) => {
    const id = model.speakerIds[n];
    const mine = model.where((a) => a.speaker === id);
    const quotes = mine.filter(([a]) => a.type === 'quote');
    const mentions = mine.filter(([a]) => a.type === 'mention').length;
    const words = quotes.reduce((sum, [a]) => sum + countWords(model.text.slice(a.start, a.end)), 0);
    const speaker = sidecar.speakers.get(id);
    const sub = [s.role, speaker?.aliases.length ? `also “${speaker.aliases.join('”, “')}”` : undefined, s.missing ? 'not in the sidecar' : undefined]
      .filter((x): x is string => Boolean(x));
    const kind = !s.kind
      ? ''
      : (SPEAKER_KINDS as readonly string[]).includes(s.kind)
        ? html`<span class="badge k-${s.kind}">${s.kind}</span>`
        : html`<span class="badge">${s.kind}</span>`;
    return html`<tr><td><div class="who"><span class="sw s${s.slot}" aria-hidden="true"></span><span>${s.name}${sub.length ? html`<span class="sub">${sub.join(' · ')}</span>` : ''}</span></div></td><td>${kind}</td><td class="n">${quotes.length}</td><td class="n">${words}</td><td class="n">${mentions}</td><td>${mine.length ? html`<div class="chips">${mine.map(([, i]) => model.chip(i))}</div>` : html`<span class="muted">none</span>`}</td></tr>`;
  });
  return htmlLines([
    head,
    html`<div class="table-scroll"><table>`,
    html`<thead><tr><th>Speaker</th><th>Kind</th><th class="n">Quotes</th><th class="n">Words quoted</th><th class="n">Mentions</th><th>In the text</th></tr></thead>`,
    html`<tbody>`,
    ...rows,
    html`</tbody>`,
    html`</table></div>`,
    html`</section>`,
  ]);
}
