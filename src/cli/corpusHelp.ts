// Help texts of the corpus commands (kept apart from help.ts, which others edit).
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { TOOL } from './io';

export const REPORT_HELP = `Usage: ${TOOL} report <folder>... [options]

The corpus report of every annotated article under the folders: the speakers quoted most
(quotes and words), quotes and words by kind of source and by each attribute the workspace
speakers file (.attribution-lens/speakers.yaml at a folder's root) codes, e.g. gender, per month
(document.date, else the article file's modification time) and per outlet folder, and the open
demands with their responses across articles in date order.

Options:
  -f, --format html|csv     html (default): one page, corpus-report.html, with charts and no
                            script; csv: the numbers as four tables (corpus-speakers.csv,
                            corpus-attributes.csv, corpus-totals.csv, corpus-demands.csv),
                            cells a spreadsheet would run as formulas get a leading '
  -o, --out PATH            where to write: a folder (default: the first folder given), or for
                            html a file ending in .html. Written atomically; never over an
                            article or a sidecar
      --title TEXT          the report's title
      --bom                 csv: start each file with a UTF-8 byte-order mark (for Excel)
      --sidecar-pattern PATTERN   sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN})
  -h, --help                show this help

Problems are printed as file:line:column, e.g. an id no sidecar and no speakers file defines.
Exit codes: 0 written; 1 a file had errors, nothing was annotated, or the report could not be
written (the report is still written when it can be); 2 usage error.
`;

export const SPEAKERS_HELP = `Usage: ${TOOL} speakers <folder>... [options]

Probable duplicate speakers across every annotated article under the folders: different ids
whose names or aliases match once titles, case and accents are set aside ("Jeremy Corbyn",
"Mr Corbyn", "Corbyn"), each pair with its reasons, a confidence, and the id to keep. A bare
surname shared by two full names ("Corbyn" beside Jeremy and Piers Corbyn) is weak and says so.

Options:
      --json                the pairs as JSON on stdout (information goes to stderr)
      --sidecar-pattern PATTERN   sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN})
  -h, --help                show this help

Exit codes: 0 no probable duplicates and no errors; 1 duplicates found, or a file had errors
(so a CI job fails until they are merged or told apart); 2 usage error.
`;
