// The corpus report, for the CLI (`report <folder> --format html|csv`) and the extension's webview:
// the numbers (reportData.ts), drawn as one HTML page (reportHtml.ts) or written as CSV tables
// (reportCsv.ts). Files as the exporters give them, for the pipeline's writer.
import { ExportFile } from '../export/types';
import { Corpus } from './corpus';
import { corpusReportCsv } from './reportCsv';
import { corpusReportData } from './reportData';
import { CorpusHtmlOptions, corpusReportHtml } from './reportHtml';

export type CorpusReportFormat = 'html' | 'csv';
export const CORPUS_REPORT_FORMATS: readonly CorpusReportFormat[] = ['html', 'csv'];

export interface CorpusReportOptions extends CorpusHtmlOptions {
  format: CorpusReportFormat;
  /** CSV: start each file with a UTF-8 byte-order mark, for Excel. */
  bom?: boolean;
}

/** `corpus-report.html`, or the four CSV tables (reportCsv.ts). */
export function renderCorpusReport(corpus: Corpus, options: CorpusReportOptions): ExportFile[] {
  const data = corpusReportData(corpus);
  if (options.format === 'csv') return corpusReportCsv(data, { bom: options.bom });
  return [{ path: 'corpus-report.html', content: corpusReportHtml(data, options) }];
}
