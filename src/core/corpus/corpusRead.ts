// Reading one sidecar for the corpus: the fast path of the sidecar reader (js-yaml into plain
// data, then the format's checks), positioning problems only when there are errors. The warnings
// of a sidecar read alone ("not defined in this sidecar") are not kept: in a corpus an id is
// checked against every sidecar and the speakers file instead (corpusIndex). What is kept is lean:
// no article text, no anchor context (prefix, suffix), no rejected suggestions.
import { Annotation, Sidecar } from '../model';
import { loadYamlData, locateProblems, Problem } from '../sidecar';
import { validate } from '../sidecarValidate';

export interface CorpusRead {
  /** Undefined when the file cannot be read as a sidecar at all (not YAML, conflict markers, not a sidecar). */
  sidecar?: Sidecar;
  /** Errors and warnings other than ids not defined in the file, positioned. */
  problems: Problem[];
}

const NOT_DEFINED_HERE = / is not defined in this sidecar$/;

/** Reads a sidecar's source for the corpus. */
export function readForCorpus(source: string): CorpusRead {
  // The sidecar reader's path: its fast reader on the layout our writer produces, js-yaml on anything else.
  const loaded = loadYamlData(source);
  if ('problems' in loaded) return { problems: loaded.problems };
  const data = loaded.data;
  // Half a character can only come from an escape (the raw text was checked for lone surrogates).
  const v = validate(data, { noEscapes: !/\\[uU]/.test(source) });
  const kept = v.problems.filter((p) => p.severity === 'error' || !NOT_DEFINED_HERE.test(p.message));
  const problems = locateProblems(source, kept);
  return { sidecar: v.sidecar && lean(v.sidecar), problems };
}

/** The sidecar without what only the editor needs: anchor context and rejected suggestions. */
function lean(s: Sidecar): Sidecar {
  const annotations = s.annotations.map((a) => {
    const out: Annotation = { id: a.id, type: a.type, start: a.start, end: a.end };
    if (a.speaker !== undefined) out.speaker = a.speaker;
    if (a.demand !== undefined) out.demand = a.demand;
    if (a.stance !== undefined) out.stance = a.stance;
    if (a.text !== undefined) out.text = a.text;
    if (a.note !== undefined) out.note = a.note;
    if (a.origin !== undefined) out.origin = a.origin;
    if (a.review !== undefined) out.review = a.review;
    return out;
  });
  return { version: s.version, document: s.document, speakers: s.speakers, demands: s.demands, annotations };
}
