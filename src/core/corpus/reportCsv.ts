// The corpus report's numbers as CSV, one file per table (RFC 4180, CRLF; text cells a
// spreadsheet would run as formulas get a leading apostrophe, as in the annotation export):
//   corpus-speakers.csv    speaker_id, name, kind, one column per attribute, quotes, words, mentions, articles
//   corpus-attributes.csv  attribute, value, group_by (all, month, folder), group, quotes, words,
//                          share_of_quotes, share_of_words (0..1 within the group, 4 decimals)
//   corpus-totals.csv      group_by (month, folder), group, articles, quotes, words, speakers
//   corpus-demands.csv     one row per statement or response of each open demand, in date order
import { stringify } from 'csv-stringify/sync';
import { guardCell } from '../export/csv';
import { ExportFile } from '../export/types';
import { CorpusReportData, Tally } from './reportData';

type Cell = string | number;

function csv(rows: Cell[][], bom: boolean): string {
  return stringify(rows.map((r) => r.map(guardCell)), { record_delimiter: 'windows', quoted_match: /[\r\n]/, bom });
}

const share = (part: number, whole: number): Cell => (whole ? Math.round((part / whole) * 10000) / 10000 : '');

export function corpusReportCsv(data: CorpusReportData, options: { bom?: boolean } = {}): ExportFile[] {
  const bom = Boolean(options.bom);
  const attributeKeys = data.breakdowns.filter((b) => b.key !== 'kind').map((b) => b.key);
  const speakers: Cell[][] = [['speaker_id', 'name', 'kind', ...attributeKeys, 'quotes', 'words', 'mentions', 'articles']];
  for (const s of data.speakers) speakers.push([s.id, s.name, s.kind, ...attributeKeys.map((k) => s.attributes[k] ?? ''), s.quotes, s.words, s.mentions, s.articles]);

  const attributes: Cell[][] = [['attribute', 'value', 'group_by', 'group', 'quotes', 'words', 'share_of_quotes', 'share_of_words']];
  for (const b of data.breakdowns) {
    const rows = (groupBy: string, group: string, tallies: ReadonlyMap<string, Tally>) => {
      let quotes = 0;
      let words = 0;
      for (const t of tallies.values()) {
        quotes += t.quotes;
        words += t.words;
      }
      for (const v of b.values) {
        const t = tallies.get(v);
        if (t) attributes.push([b.key, v, groupBy, group, t.quotes, t.words, share(t.quotes, quotes), share(t.words, words)]);
      }
    };
    rows('all', '', b.overall);
    for (const m of data.months) if (b.byMonth.has(m.group)) rows('month', m.group, b.byMonth.get(m.group)!);
    for (const f of data.folders) if (b.byFolder.has(f.group)) rows('folder', f.group, b.byFolder.get(f.group)!);
  }

  const totals: Cell[][] = [['group_by', 'group', 'articles', 'quotes', 'words', 'speakers']];
  for (const [by, list] of [['month', data.months], ['folder', data.folders]] as const) for (const g of list) totals.push([by, g.group, g.articles, g.quotes, g.words, g.speakers]);

  const demands: Cell[][] = [['demand_id', 'summary', 'status', 'by', 'to', 'item', 'article', 'date', 'annotation_id', 'speaker', 'stance', 'text']];
  for (const d of data.openDemands) {
    const head: Cell[] = [d.id, d.summary, d.status ?? '', d.by.join('; '), d.to.join('; ')];
    if (d.thread.length === 0) demands.push([...head, '', d.article, '', '', '', '', '']);
    for (const t of d.thread) demands.push([...head, t.type === 'demand' ? 'stated' : 'response', t.article, t.date ?? '', t.annotation, t.speaker ?? '', t.stance ?? '', t.text]);
  }
  return [
    { path: 'corpus-speakers.csv', content: csv(speakers, bom) },
    { path: 'corpus-attributes.csv', content: csv(attributes, bom) },
    { path: 'corpus-totals.csv', content: csv(totals, bom) },
    { path: 'corpus-demands.csv', content: csv(demands, bom) },
  ];
}
