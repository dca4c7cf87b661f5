// `attribution-lens suggest --jsonl`: `{"id", "text"}` lines on standard input, one result line
// per input line, in order, as each is read (never all of stdin first), so the engine runs under
// whatever batch tool already splits the work (GNU parallel --pipe, Spark's pipe, Beam). A bad
// line gets an error line and the stream goes on.
import { createInterface } from 'node:readline';
import { AttributionModel } from '../core/suggest/modelFile';
import { suggestForArticle } from '../core/suggest/suggestions';
import { errorText } from '../core/wording';
import { CliIo } from './io';
import { jsonSuggestions } from './suggestModel';
import { terminal } from './terminal';

/** The result line for one input line (without its newline). `n` is the line number, from 1. */
export function jsonlResult(model: AttributionModel, line: string, n: number): { out: string; ok: boolean } {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (e) {
    return fail(null, `line ${n}: not JSON: ${errorText(e)}`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(null, `line ${n}: not a JSON object with "id" and "text"`);
  const { id, text } = input as { id?: unknown; text?: unknown };
  const key = typeof id === 'string' || typeof id === 'number' ? id : null;
  if (key === null) return fail(null, `line ${n}: "id" must be a string or a number`);
  if (typeof text !== 'string') return fail(key, `line ${n}: "text" must be a string`);
  try {
    return { out: JSON.stringify({ id: key, ...jsonSuggestions(suggestForArticle(model, text)) }), ok: true };
  } catch (e) {
    return fail(key, `line ${n}: ${errorText(e)}`);
  }
}

function fail(id: string | number | null, error: string): { out: string; ok: boolean } {
  return { out: JSON.stringify({ id, error }), ok: false };
}

/** Reads stdin line by line; resolves to the number of error lines written. */
export async function runJsonl(model: AttributionModel, io: CliIo): Promise<number> {
  const input = io.stdin ?? process.stdin;
  const lines = createInterface({ input, crlfDelay: Infinity });
  const term = terminal(io, true);
  let n = 0;
  let errors = 0;
  for await (const raw of lines) {
    n++;
    // A CRLF file's lines end in \r before readline splits them: not part of the JSON.
    const { out, ok } = jsonlResult(model, raw.endsWith('\r') ? raw.slice(0, -1) : raw, n);
    if (!ok) errors++;
    // JSON escapes control characters; on a terminal the rest (bidi, C1) is made visible too.
    term.data(out + '\n');
    // A slow reader downstream: wait, rather than buffer the whole output in memory.
    if (io.stdoutReady) await io.stdoutReady();
  }
  return errors;
}
