// The formats by name, for the command-line tool and the VS Code export command alike.
import { exportBrat } from './brat';
import { exportCsv } from './csv';
import { exportHtml } from './html';
import { importBrat } from './importBrat';
import { importW3c } from './importW3c';
import { exportJson } from './json';
import { exportMarkdown } from './markdown';
import { ImportResult } from './sidecarBuilder';
import { ExportFormat, Exporter } from './types';
import { exportW3c } from './w3c';

export const exporters: Record<ExportFormat, Exporter> = {
  json: exportJson,
  csv: exportCsv,
  markdown: exportMarkdown,
  html: exportHtml,
  brat: exportBrat,
  w3c: exportW3c,
};

export type ImportFormat = 'brat' | 'w3c';

/**
 * Another format's annotations of one article, with the article's text, into a sidecar (write it
 * with serializeSidecar). `options.file` is the article relative to the sidecar, for
 * `document.file`. Warnings say what was skipped or guessed, "line N: …" where a line is known.
 * Both throw an Error saying why when the input is not their format at all (a .ann with no brat
 * line, a W3C file that is not JSON or holds no annotation); a bad line or item is a warning.
 */
export type Importer = (source: string, text: string, options: { file?: string }) => ImportResult;

export const importers: Record<ImportFormat, Importer> = {
  brat: importBrat,
  w3c: importW3c,
};
export type { ImportResult } from './sidecarBuilder';
