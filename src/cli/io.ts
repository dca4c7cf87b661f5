// What the CLI touches, so tests run `main` in-process with their own writers, host and formats.
import { Importer, ImportFormat } from '../core/export/index';
import { ExportFormat, Exporter } from '../core/export/types';
import { Host } from '../core/host';

/** A brat `.ann` or W3C JSON-LD file, with the article text, into a sidecar and warnings. */
export type CliImporter = Importer;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The file system (node:fs in the tool, memory in tests). */
  host: Host;
  /** Relative paths in arguments resolve against it, and messages show paths relative to it. */
  cwd: string;
  exporters: Partial<Record<ExportFormat, Exporter>>;
  importers: Partial<Record<ImportFormat, CliImporter>>;
  /** Largest article, sidecar or import file read, in bytes. */
  readLimit: number;
  /** Standard output is a terminal (exported data written there is escaped like messages). */
  stdoutIsTerminal?: boolean;
  /** Standard input (`suggest --jsonl`); process.stdin when absent. */
  stdin?: NodeJS.ReadableStream;
  /** Resolves once standard output has room again, so a stream never buffers all it writes. */
  stdoutReady?: () => Promise<void>;
}

/** Exit codes: the command ran and all is well / found problems / could not run as asked. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;
/** `check` only: nothing lost, but some offsets are stale (moved or repaired spans; --fix rewrites them). */
export const EXIT_STALE = 3;
/**
 * `check` only: nothing lost or invalid, but spans placed on edited text await a person (repaired,
 * flagged in the sidecar); maybe stale offsets too. --fix writes the flags; the code stays until
 * each is accepted, re-attached or deleted in the editor (or its `review` removed by hand).
 */
export const EXIT_REVIEW = 4;

export const TOOL = 'attribution-lens';
