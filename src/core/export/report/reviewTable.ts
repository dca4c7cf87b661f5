// The "Needs review" section of the HTML report: the annotations that could not be placed on
// the text, with what they stored and why.
import { html, htmlLines, SafeHtml } from '../safeHtml';
import { ArticleInput } from '../types';
import { TYPE_LABEL } from './reportModel';
import { collapse } from './wording';

export function reviewTable({ orphans, sidecar }: ArticleInput): SafeHtml {
  const head = html`<section id="review" class="card" aria-labelledby="review-h"><div class="card-head"><h2 id="review-h">Needs review</h2>`;
  if (orphans.length === 0) return htmlLines([html`${head}</div>`, html`<p class="empty">Nothing to review: every annotation is placed on the text.</p>`, html`</section>`]);
  const rows = orphans.map(({ annotation: a, reason }) => {
    const who = a.speaker === undefined ? undefined : (sidecar.speakers.get(a.speaker)?.name ?? a.speaker);
    const demand = a.demand === undefined ? undefined : (sidecar.demands.get(a.demand)?.summary ?? a.demand);
    const sub = [who, demand].filter((x): x is string => Boolean(x));
    return html`<tr><td>${a.id}</td><td>${TYPE_LABEL[a.type] ?? a.type}${sub.length ? html`<span class="sub">${sub.join(' · ')}</span>` : ''}</td><td>${a.text ? html`<p class="qtext">${collapse(a.text)}</p>` : html`<span class="muted">no stored text</span>`}</td><td class="reason">${reason}</td></tr>`;
  });
  return htmlLines([
    html`${head}<p>These annotations could not be placed on the article as it is now.</p></div>`,
    html`<div class="table-scroll review"><table>`,
    html`<thead><tr><th>Id</th><th>Type</th><th>Stored text</th><th>Reason</th></tr></thead>`,
    html`<tbody>`,
    ...rows,
    html`</tbody>`,
    html`</table></div>`,
    html`</section>`,
  ]);
}
