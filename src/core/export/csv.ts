// CSV export: one row per annotation of every article, for spreadsheets. RFC 4180: comma
// separated, CRLF between records, fields with a comma, quote, CR or LF quoted (csv-stringify
// quotes a field holding a lone LF only when asked to: `quoted_match` below).
//
// Columns: article, id, type, speaker (name; for a demand without a speaker of its own, the
// names of whoever made it), speaker_id (the sidecar's id or ids for those names, so rows join
// on something a rename does not change), demand (summary), demand_id, stance, status (the
// demand's), line (1-based), start, end (UTF-16 offsets, the numbers in the sidecar), text,
// note, orphan (empty for an annotation on the text; for one that could not be placed, the
// reason, with the offsets and text the sidecar stored and no line).
//
// A spreadsheet runs a cell that starts with =, +, -, @, tab or CR as a formula, so a
// quote like "-5% since March" or a hostile speaker name could run one: such text cells get
// a leading apostrophe (OWASP's advice for CSV injection), as do their full-width forms,
// which some spreadsheets accept as well.
import { stringify } from 'csv-stringify/sync';
import { Annotation, Sidecar } from '../model';
import { combinedPath, demandOf, Positions, speakerNames, speakerOf } from './common';
import { ArticleInput, Exporter } from './types';

export const CSV_COLUMNS = ['article', 'id', 'type', 'speaker', 'speaker_id', 'demand', 'demand_id', 'stance', 'status', 'line', 'start', 'end', 'text', 'note', 'orphan'] as const;

type Cell = string | number;

export const exportCsv: Exporter = (articles, options) => {
  const rows: Cell[][] = [[...CSV_COLUMNS]];
  for (const article of articles) rows.push(...articleRows(article));
  const content = stringify(
    rows.map((row) => row.map(guardCell)),
    { record_delimiter: 'windows', quoted_match: /[\r\n]/, bom: Boolean(options.bom) },
  );
  return [{ path: combinedPath(articles, options, 'csv'), content }];
};

function articleRows(article: ArticleInput): Cell[][] {
  const { sidecar, text } = article;
  const positions = new Positions(text);
  const rows: Cell[][] = [];
  for (const a of article.placed) {
    rows.push(row(article.path, sidecar, a, positions.line(a.start), text.slice(a.start, a.end), ''));
  }
  for (const { annotation: a, reason } of article.orphans) rows.push(row(article.path, sidecar, a, '', a.text ?? '', reason));
  return rows;
}

function row(path: string, sidecar: Sidecar, a: Annotation, line: Cell, text: string, orphan: string): Cell[] {
  const demand = demandOf(sidecar, a);
  // A demand without a speaker of its own is said by whoever made it.
  const by = a.speaker === undefined && a.type === 'demand' && demand ? demand.by : [];
  const speaker = speakerOf(sidecar, a)?.name ?? speakerNames(sidecar, by).join('; ');
  const speakerId = a.speaker ?? by.join('; ');
  return [path, a.id, a.type, speaker, speakerId, demand?.summary ?? '', a.demand ?? '', a.stance ?? '', demand?.status ?? '', line, a.start, a.end, text, a.note ?? '', orphan];
}

/** A text cell a spreadsheet would read as a formula gets a leading apostrophe; numbers stay numbers. */
export function guardCell(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? `'${cell}` : cell;
}
