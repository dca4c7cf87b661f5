// Help text of `agree` (kept apart from help.ts, which others edit).
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { TOOL } from './io';

export const AGREE_HELP = `Usage: ${TOOL} agree <A> <B> [options]

Agreement between two annotators of the same article: A and B are two sidecars of it (e.g.
one from each branch: git show other:story.txt.annotations.yaml > theirs.yaml), or articles
whose sidecars are compared. Both are put on the article first (its text from --article, else
the article of A, else of B, else the sidecar's document.file), so offsets gone stale do not
count as disagreements; without an article the offsets stored in the sidecars are compared.

Prints, per annotation type and for all: the spans on each side, and span F1 exact (same
offsets) and by overlap (same type, overlap ratio >= 0.5 where the ratio is the characters
both cover over the characters either covers; one to one, highest ratio first). F1 is
2 x matched / (spans of A + spans of B). Then Cohen's kappa on the speaker of the
overlap-matched quotes, mentions and responses (speakers are the same when their ids are; no
speaker is a category of its own), overall and per type.

Then the disagreements to review: spans only one side has, and matched spans whose
boundaries, speaker, demand or stance differ.

Options:
  -o, --out FILE            write the disagreements to FILE, as CSV (FILE ends in .csv; cells
                            a spreadsheet would run as formulas get a leading ') or as a
                            Markdown checklist (.md or .markdown), instead of printing them.
                            Written atomically; never over an article or a sidecar
      --article FILE        the article both sidecars annotate
      --sidecar-pattern PATTERN   sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN})
  -h, --help                show this help

Exit codes: 0 compared (whatever the agreement); 1 a sidecar could not be read, has errors,
or the disagreements could not be written; 2 usage error.
`;
