// Where the CLI finds the attribution model at run time, and the suggestions it prints. The
// bundle is dist/cli.js both in the repository and in an installed package (package.json
// `files` ships dist/ and models/ side by side), so the model is ../models from the bundle;
// the tests run the compiled sources from out/src/cli/, three folders down.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Annotation, Demand, Speaker } from '../core/model';
import { AttributionModel, loadModel } from '../core/suggest/modelFile';
import { SuggestionReason, SuggestionSet } from '../core/suggest/suggestions';

export const MODEL_NAME = 'attribution-model.bin';
/** Files a folder walk takes for articles: what the extension opens as plain text or Markdown. */
export const ARTICLE_EXTENSIONS = ['.txt', '.text', '.md', '.markdown'];
/** Names another model file (as --model does). */
export const MODEL_ENV = 'ATTRIBUTION_LENS_MODEL';

export function modelCandidates(): string[] {
  return [path.resolve(__dirname, '..', 'models', MODEL_NAME), path.resolve(__dirname, '..', '..', '..', 'models', MODEL_NAME)];
}

/** The model from `given` (--model), else $ATTRIBUTION_LENS_MODEL, else beside the bundle. Throws with a message naming where it looked. */
export function loadModelFile(given?: string): { model: AttributionModel; file: string } {
  const explicit = given ?? (process.env[MODEL_ENV] || undefined);
  const candidates = explicit !== undefined ? [explicit] : modelCandidates();
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no attribution model at ${candidates.join(' or ')}${explicit === undefined ? ` (give --model FILE or set ${MODEL_ENV})` : ''}`);
  const bytes = fs.readFileSync(file);
  try {
    return { model: loadModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)), file };
  } catch (e) {
    throw new Error(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** An annotation as printed: the sidecar's fields (an id only once written), then its reason. */
export type JsonSuggestion = Omit<Annotation, 'id'> & { id?: string; reason: SuggestionReason };

export interface JsonSuggestions {
  speakers: Speaker[];
  demands: Demand[];
  annotations: JsonSuggestion[];
}

/** The set in the sidecar's model: speakers and demands to add, annotations with their reasons. */
export function jsonSuggestions(set: SuggestionSet): JsonSuggestions {
  return {
    speakers: set.speakers,
    demands: set.demands,
    annotations: set.suggestions.map((s) => ({ ...s.annotation, reason: s.reason })),
  };
}
