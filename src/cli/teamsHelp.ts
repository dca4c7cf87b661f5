// Help texts of `diff` and `merge`, the git drivers (kept apart from help.ts, which others edit).
import { TOOL } from './io';

export const DIFF_HELP = `Usage: ${TOOL} diff <old-sidecar> <new-sidecar> [options]
       ${TOOL} diff --textconv <sidecar>
       ${TOOL} diff <path> <old-file> <old-hex> <old-mode> <new-file> <new-hex> <new-mode>

Says what changed between two sidecars: speakers, demands and annotations added, removed and
changed (with the fields), and annotations that only moved (their offsets changed because the
article text before them did), grouped by distance: "64 annotations moved by +10 characters".

Options:
      --old-article FILE    put the old sidecar's annotations on this article first
      --new-article FILE    the same for the new sidecar (stale offsets then do not show as moves)
      --textconv            print one stable line per speaker, demand and annotation, without
                            offsets, for git's diff.<driver>.textconv
  -h, --help                show this help

With git's 7 arguments (diff.<driver>.command) it prints the diff under a "diff --attribution-lens"
header and exits 0. Otherwise exit code 0 when nothing changed, 1 when something did, 2 on
usage errors or a sidecar that cannot be read. /dev/null reads as an empty sidecar.
`;

export const MERGE_HELP = `Usage: ${TOOL} merge <ancestor> <ours> <theirs> [<path>] [options]

git's merge driver for sidecars (merge.<driver>.driver = "${TOOL} merge %O %A %B %P").
Merges speakers, demands and annotations by id and field by field; writes the result over
<ours> (atomically). With <path>, both sides' annotations are first put on the article beside
it (its document.file, else the path without .annotations.yaml), so an annotation moved by an
article edit on one side is not a change.

Options:
      --article FILE        the article to anchor on (instead of the one beside <path>)
      --sidecar-pattern PATTERN   sidecar file name beside the article (default \${file}.annotations.yaml)
  -h, --help                show this help

Where both sides changed the same field of an entry differently, ours stays in place and
theirs is recorded under "conflicts:" (docs/SIDECAR.md). Two new annotations that got the same
id on both sides are both kept, theirs under a fresh id. Exit code 0 when merged cleanly,
1 when conflicts remain or a side could not be read (then <ours> is left as it was), 2 on
usage errors.
`;
