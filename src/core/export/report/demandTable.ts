// The demands section of the HTML report: each demand with who made it, to whom, its status,
// where it is stated, and every response with its speaker, stance and text.
import { DEMAND_STATUSES, STANCES } from '../../model';
import { html, htmlLines, SafeHtml } from '../safeHtml';
import { ReportModel } from './reportModel';
import { collapse } from './wording';

const NOT_RECORDED = html`<span class="muted">not recorded</span>`;

export function demandTable(model: ReportModel): SafeHtml {
  const head = html`<section id="demands" class="card" aria-labelledby="demands-h"><div class="card-head"><h2 id="demands-h">Demands and responses</h2></div>`;
  if (model.data.demands.length === 0) return htmlLines([head, html`<p class="empty">No demands.</p>`, html`</section>`]);
  const rows = model.data.demands.map((d, n) => {
    const id = model.demandIds[n];
    const mine = model.where((a) => a.demand === id);
    const stated = mine.filter(([a]) => a.type === 'demand').map(([, i]) => model.chip(i));
    const responses = mine.filter(([a]) => a.type === 'response').map(([a, i]) => {
      const sp = model.data.annotations[i].speaker;
      const who = sp === undefined ? undefined : model.data.speakers[sp];
      const stance = a.stance && (STANCES as readonly string[]).includes(a.stance)
        ? html`<span class="badge sn-${a.stance}">${a.stance.replace(/-/g, ' ')}</span>` : '';
      const speaker = who
        ? html`<span><span class="sw s${who.slot}" aria-hidden="true"></span> ${who.name}</span>`
        : html`<span class="muted">unknown speaker</span>`;
      return html`<li><div class="meta">${speaker}${stance}${model.chip(i)}</div><p class="qtext">${collapse(model.text.slice(a.start, a.end))}</p></li>`;
    });
    const status = d.status && (DEMAND_STATUSES as readonly string[]).includes(d.status)
      ? html`<span class="badge st-${d.status}">${d.status.replace(/-/g, ' ')}</span>` : NOT_RECORDED;
    // Each cell is classed by its column: in a narrow report the rows are laid out as cards, each cell naming its column (report.css).
    return html`<tr><td class="c-demand"><strong>${d.summary}</strong>${d.missing ? html`<span class="sub">not in the sidecar</span>` : ''}</td><td class="c-by">${d.by || NOT_RECORDED}</td><td class="c-to">${d.to || NOT_RECORDED}</td><td class="c-status">${status}</td><td class="c-stated">${stated.length ? html`<div class="chips">${stated}</div>` : html`<span class="muted">not in this article</span>`}</td><td class="c-responses">${responses.length ? html`<ul class="responses">${responses}</ul>` : html`<span class="muted">none</span>`}</td></tr>`;
  });
  return htmlLines([
    head,
    html`<div class="table-scroll demands-wrap"><table class="demands">`,
    html`<thead><tr><th class="w-demand">Demand</th><th class="w-by">By</th><th class="w-to">To</th><th>Status</th><th class="w-stated">Stated</th><th class="w-responses">Responses</th></tr></thead>`,
    html`<tbody>`,
    ...rows,
    html`</tbody>`,
    html`</table></div>`,
    html`</section>`,
  ]);
}
