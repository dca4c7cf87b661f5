// Agreement between two annotators as a person reads it: the table of figures (plain text, for a
// terminal) and the disagreements to review, as CSV (a spreadsheet, cells guarded against
// formulas) or Markdown (every piece of sidecar text escaped, so it renders as itself).
import { stringify } from 'csv-stringify/sync';
import { guardCell } from '../export/csv';
import { escapeMarkdown } from '../export/markdown';
import { Annotation, Sidecar } from '../model';
import { LineMap } from '../text';
import { plural } from '../wording';
import { Agreement, Disagreement, Kappa, KAPPA_TYPES, OVERLAP_THRESHOLD, TypeAgreement } from './agreement';

/** One annotator's side: a label for the reader ("A", a file name), the sidecar, and the article text when known. */
export interface AgreementSide {
  label: string;
  sidecar: Sidecar;
}

export interface AgreementContext {
  a: AgreementSide;
  b: AgreementSide;
  /** The article both were put on; without it the sidecars' stored offsets and texts are used. */
  text?: string;
}

const fixed = (x: number | undefined, digits = 3) => (x === undefined ? 'n/a' : x.toFixed(digits));

/** The figures as aligned lines of text: one row per type and one for all, then the kappa. */
export function agreementTable(r: Agreement): string[] {
  const header = ['type', 'A', 'B', 'exact', 'exact F1', 'overlap', 'overlap F1'];
  const row = (t: TypeAgreement) => [t.type, String(t.a), String(t.b), String(t.exact), fixed(t.exactF1), String(t.overlap), fixed(t.overlapF1)];
  const rows = [header, ...r.types.map(row), row(r.all)];
  const widths = header.map((_, c) => Math.max(...rows.map((x) => x[c].length)));
  const lines = rows.map((x) => x.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.push('', `Overlap: same type and overlap ratio (shared over covered characters) >= ${OVERLAP_THRESHOLD}, one to one.`);
  lines.push(`Speaker agreement on the overlap-matched ${KAPPA_TYPES.join(', ')} spans: ${kappaText(r.kappa)}`);
  for (const [type, k] of r.kappaByType) if (k.n) lines.push(`  ${type}: ${kappaText(k)}`);
  return lines;
}

export function kappaText(k: Kappa): string {
  if (k.n === 0) return "Cohen's kappa n/a (no matched span)";
  const base = `${k.agreed} of ${plural(k.n, 'pair')} agree`;
  if (k.kappa === undefined) return `Cohen's kappa n/a (${base}; every pair has one and the same speaker on both sides, so chance agreement is 1)`;
  return `Cohen's kappa ${fixed(k.kappa)} (${base}: observed ${fixed(k.observed)}, chance ${fixed(k.chance)})`;
}

export const DISAGREEMENT_COLUMNS = [
  'disagreement', 'type', 'line',
  'a_id', 'a_start', 'a_end', 'a_text', 'a_speaker', 'a_demand', 'a_stance',
  'b_id', 'b_start', 'b_end', 'b_text', 'b_speaker', 'b_demand', 'b_stance',
] as const;

type Cell = string | number;

/** What the disagreement is, in words: "only in A", "speaker differs", "boundaries and stance differ". */
export function disagreementLabel(d: Disagreement, ctx: AgreementContext): string {
  if (d.kind === 'only-a') return `only in ${ctx.a.label}`;
  if (d.kind === 'only-b') return `only in ${ctx.b.label}`;
  const list = d.differences.length === 1 ? d.differences[0] : `${d.differences.slice(0, -1).join(', ')} and ${d.differences[d.differences.length - 1]}`;
  return `${list} ${d.differences.length === 1 && d.differences[0] !== 'boundaries' ? 'differs' : 'differ'}`;
}

interface SideCells {
  id: string;
  start: Cell;
  end: Cell;
  text: string;
  speaker: string;
  demand: string;
  stance: string;
}

function sideCells(a: Annotation | undefined, side: AgreementSide, text: string | undefined): SideCells {
  if (!a) return { id: '', start: '', end: '', text: '', speaker: '', demand: '', stance: '' };
  const named = (id: string | undefined, name: string | undefined) => (id === undefined ? '' : name && name !== id ? `${name} (${id})` : id);
  return {
    id: a.id,
    start: a.start,
    end: a.end,
    text: text !== undefined ? text.slice(a.start, a.end) : (a.text ?? ''),
    speaker: named(a.speaker, a.speaker === undefined ? undefined : side.sidecar.speakers.get(a.speaker)?.name),
    demand: named(a.demand, a.demand === undefined ? undefined : side.sidecar.demands.get(a.demand)?.summary),
    stance: a.stance ?? '',
  };
}

function rows(r: Agreement, ctx: AgreementContext): { label: string; type: string; line: Cell; a: SideCells; b: SideCells }[] {
  const lines = ctx.text === undefined ? undefined : new LineMap(ctx.text);
  return r.disagreements.map((d) => {
    const a = d.kind === 'only-b' ? undefined : d.a;
    const b = d.kind === 'only-a' ? undefined : d.b;
    const at = (a ?? b)!.start;
    return {
      label: disagreementLabel(d, ctx),
      type: d.type,
      line: lines ? lines.position(at).line + 1 : '',
      a: sideCells(a, ctx.a, ctx.text),
      b: sideCells(b, ctx.b, ctx.text),
    };
  });
}

/** The disagreements as CSV (RFC 4180, CRLF), one row each; text cells guarded against formulas. */
export function disagreementsCsv(r: Agreement, ctx: AgreementContext): string {
  const out: Cell[][] = [[...DISAGREEMENT_COLUMNS]];
  for (const x of rows(r, ctx)) {
    out.push([x.label, x.type, x.line, ...([x.a, x.b] as const).flatMap((s) => [s.id, s.start, s.end, s.text, s.speaker, s.demand, s.stance])]);
  }
  return stringify(out.map((row) => row.map(guardCell)), { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** The disagreements as a Markdown checklist to work through; sidecar text escaped. */
export function disagreementsMarkdown(r: Agreement, ctx: AgreementContext): string {
  const md = escapeMarkdown;
  const out = [`# Disagreements: ${md(ctx.a.label)} and ${md(ctx.b.label)}`, ''];
  const list = rows(r, ctx);
  if (list.length === 0) out.push('None: both sides have the same spans, speakers, demands and stances.', '');
  for (const x of list) {
    const where = x.line === '' ? '' : `line ${x.line}, `;
    out.push(`- [ ] **${md(x.label)}** (${where}${x.type})`);
    for (const [label, s] of [[ctx.a.label, x.a], [ctx.b.label, x.b]] as const) {
      if (!s.id) continue;
      const details = [s.speaker && `speaker ${md(s.speaker)}`, s.demand && `demand ${md(s.demand)}`, s.stance && `stance ${md(s.stance)}`].filter(Boolean).join(', ');
      out.push(`  - ${md(label)} ${md(s.id)} at ${s.start}–${s.end}: “${md(s.text)}”${details ? `; ${details}` : ''}`);
    }
  }
  if (list.length) out.push('');
  return out.join('\n');
}
