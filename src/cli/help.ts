// The help texts of the command-line tool.
import { DEFAULT_SIDECAR_PATTERN } from '../core/sidecarPath';
import { TOOL } from './io';
import { ARTICLE_EXTENSIONS, MODEL_ENV, MODEL_NAME } from './suggestModel';
import { DIFF_HELP, MERGE_HELP } from './teamsHelp';
import { AGREE_HELP } from './agreeHelp';
import { REPORT_HELP, SPEAKERS_HELP } from './corpusHelp';

export const HELP: Record<'main' | 'check' | 'export' | 'import' | 'diff' | 'merge' | 'suggest' | 'agree' | 'report' | 'speakers', string> = {
  main: `Usage: ${TOOL} <command> [options]

Check, export and import the annotations kept in sidecar files beside news articles
(story.txt -> story.txt.annotations.yaml).

Commands:
  check <paths...>                      validate sidecars and their anchors against the articles
  export <paths...> --format FORMAT     write annotations as json, csv, markdown, html, brat or w3c
  import <file.ann|file.jsonld>         make a sidecar from brat standoff or W3C Web Annotations
  diff <old> <new>                      what changed between two sidecars (also a git diff driver)
  merge <ancestor> <ours> <theirs>      merge sidecars by id (a git merge driver)
  suggest <paths...> [--json|--write]   suggest speakers, quotes and demands (the offline engine);
  suggest --jsonl                       or for {"id", "text"} lines on standard input
  agree <A> <B>                         agreement of two annotators' sidecars of one article
  report <folders...> [--format html|csv]   the corpus report: who is quoted, by attribute, open demands
  speakers <folders...>                 probable duplicate speakers across the corpus

Paths may be articles, sidecars or folders (walked recursively, skipping node_modules and
folders whose name starts with a dot). An article is any file with a sidecar beside it.

Run "${TOOL} <command> --help" for a command's options.

Exit codes: 0 all well, 1 problems found (details above the summary), 2 usage error;
suggest: 1 also when an article was skipped or a --jsonl line got an error;
check also 3: nothing lost, only stale offsets (fixable with check --fix), and 4: spans
placed on edited text await review.
`,
  check: `Usage: ${TOOL} check <paths...> [options]

Validates each article's sidecar and puts its annotations on the article text, then prints,
per article, how many annotations are exact (at their stored offsets) and, grouped, the ones
that are not, each as FILE:LINE:COLUMN of the sidecar:
  orphans       not found with confidence: kept in the sidecar (flagged "review: orphan"),
                never moved or dropped; with the best place below the threshold, if any
  needs review  repaired: the annotated text itself was edited; placed on the new text,
                shown with its old and new text, flagged ("review: repaired") until a person
                accepts it in the editor (or removes its "review" by hand)
  merge conflicts  what "${TOOL} merge" recorded under "conflicts:", each at its line
  moved         the same text found elsewhere: the sidecar's offsets are stale
  invalid       entries that break the format (with their problem), hand-edited texts
A summary line counting exact, moved, repaired, orphan, invalid and conflicts comes last.

Options:
  --json                    print one JSON document on standard output (the report goes to
                            standard error): per article, every annotation's id, status
                            (exact, moved, repaired, orphan or invalid), score (0..1), current
                            start and end (null for an orphan), oldText and newText when
                            repaired, its review flag (status, was, reason), an orphan's
                            proposal (start, end, text, score), and the sidecar's problems
                            (conflicts included) with line and column
  --fix                     rewrite each sidecar with moved and repaired annotations at their
                            new offsets (text, prefix and suffix from the article), atomically,
                            keeping comments and unknown keys; orphans keep their fields and
                            repaired spans their new text, both with their review flag (so
                            they stay to review), and document.sha256 is the article's. A
                            sidecar with errors is never rewritten, nor one whose result would
                            not read back clean
  --strict                  also fail when document.sha256 is missing or does not match
                            the article, even though every annotation still matches
  --sidecar-pattern PATTERN sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN});
                            \${file} = article file name, \${name} = without its extension
  -h, --help                show this help

Exit codes: 0 everything exact (or, with --fix, every stale sidecar rewritten); 3 nothing
lost but stale offsets (moved annotations: run again with --fix); 4 nothing lost or invalid,
but repaired spans await review (with or without stale offsets; --fix writes their flags and
the code stays 4 until each is accepted); 1 any other problem: an orphan, an invalid entry, a
merge conflict, a sidecar that --fix could not rewrite, a sidecar without its article, an
article given by name without a sidecar, no article found at all; 2 usage error.
`,
  export: `Usage: ${TOOL} export <paths...> --format json|csv|markdown|html|brat|w3c [options]

Options:
  -f, --format FORMAT       json, csv, markdown, html, brat or w3c (required)
  -o, --out PATH            where to write (folders are created when missing). For html, brat
                            and w3c always a folder. For json, csv and markdown a file when PATH
                            ends in .json, .csv, .md or .markdown or is an existing file, else
                            a folder (end it with / to be sure); "-" writes the file to standard
                            output. Default: beside the articles (a file that combines several
                            articles goes into their common folder)
      --bom                 csv: start with a UTF-8 byte-order mark, for Excel
      --name NAME           name of a file that combines several articles (default "annotations")
      --base-iri IRI        w3c only: the absolute IRI the articles are published under (no #);
                            an article's IRI, which its annotations target, is IRI plus its path
                            from the articles' common folder, percent-encoded
                            (https://news.example/archive/ + city news/story.txt gives
                            https://news.example/archive/city%20news/story.txt). Without it an
                            article is named by its file: URI, which reveals its local path
                            (user name, folders): give --base-iri before publishing an export
      --sidecar-pattern PATTERN   sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN})
  -h, --help                show this help

One article gives files named after it (story.txt.csv). Several articles give one combined
file for json, csv and markdown, and files per article for html, brat and w3c.
Articles whose sidecar has errors are skipped with the errors listed, and the rest are
still exported; exit code 1 then. Annotations that could not be re-anchored are exported
as orphans where the format can say so, with a warning. Export files are replaced whole
(written beside, then renamed: a failed write leaves the previous file as it was), and
never outside the output folder. Articles and sidecars are never written over, whatever
path leads to them (a link, a hard link, another article's sidecar): such a file is
reported and the exit code is 1. Files over 64 MB, special files and text that is not
UTF-8 are not read (the error names file:line:column of the first bad byte).
`,
  import: `Usage: ${TOOL} import <file.ann|file.jsonld> [options]

Makes a sidecar from brat standoff annotations (.ann, with its .txt) or W3C Web Annotation
JSON-LD (.jsonld or .json).

Options:
      --text FILE           the article text the annotations refer to (default: story.txt
                            beside story.ann; story.txt beside story.txt.jsonld)
  -o, --out PATH            the sidecar to write (default: beside the text file, named by
                            the sidecar pattern: story.txt.annotations.yaml)
      --format brat|w3c     the input format (default: from the file extension)
      --force               overwrite an existing sidecar
      --sidecar-pattern PATTERN   sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN})
  -h, --help                show this help

An existing sidecar is never overwritten without --force; an article, the input file or
another article's sidecar never, even with --force or through a link. Warnings (lines
skipped, names guessed, spans kept for review) name the input file and line and leave the
exit code 0; exit code 1 when nothing could be written.
`,
  suggest: `Usage: ${TOOL} suggest <paths...> [--json] [--write] [options]
       ${TOOL} suggest --jsonl [options] < in.jsonl > out.jsonl

Runs the offline attribution engine on articles and proposes annotations: speakers (mentions),
quotes, demands and responses, each with its reason (the cue, the rule, the model's score).
Paths may be articles or folders (walked recursively for files ending in ${ARTICLE_EXTENSIONS.join(', ')},
skipping sidecars, node_modules and names starting with a dot); a sidecar names its article.
An article's sidecar, when it has one, says what not to propose: spans an annotation of the
same type already covers (by half or more) and suggestions rejected before ("rejected:").

Options:
      --json                print one JSON line per article on standard output (the default
                            without --write): {"article", "speakers", "demands", "annotations"}.
                            speakers and demands are the ones to add (sidecar fields, with the
                            ids they would get); annotations are sidecar annotations with
                            "origin": "suggested", NO id (ids are given when written), start and
                            end in UTF-16 code units of the text, text, prefix, suffix, and
                            "reason": {"cue"?, "rule"?, "score"}
      --write               merge the suggestions into each article's sidecar (made when
                            absent): new speakers and demands under ids no entry has, each
                            annotation under a fresh id (after every aN in the file: ids are
                            never reused), nothing an annotation already covers, nothing
                            rejected, and no span without the speaker (or demand) its type
                            needs in a sidecar (--json shows those too). Written atomically on the file as read (comments and
                            unknown keys stay), only when the result reads back clean; a
                            sidecar with errors is never rewritten. When the article changed
                            since the sidecar was written, its annotations are first put on
                            the new text as check --fix does. A second run adds nothing.
                            With --json, the lines show what was added, with the new ids
      --jsonl               read {"id": ..., "text": "..."} lines on standard input and write
                            one line per input line, in order, as each is read:
                            {"id", "speakers", "demands", "annotations"} (as --json, offsets in
                            UTF-16 code units of "text"), or {"id", "error"} for a bad line
                            (id null when it has none); the stream never stops on a bad line
      --model FILE          the model file (default: models/${MODEL_NAME} of the installed
                            tool; or set $${MODEL_ENV})
      --sidecar-pattern PATTERN   sidecar file name beside the article (default ${DEFAULT_SIDECAR_PATTERN})
  -h, --help                show this help

Progress goes to standard error, one plain line per article; standard output carries only
the JSON lines. With GNU parallel:
  find articles -name '*.txt' | parallel -j2 ${TOOL} suggest --json {} > out.jsonl
  parallel --pipe -k -j2 -N100 ${TOOL} suggest --jsonl < in.jsonl > out.jsonl

Exit codes: 0 every article done (or every --jsonl line answered without error); 1 an article
skipped (unreadable, its sidecar has errors, the merged sidecar could not be written), no
article found, a --jsonl line answered with an error, or no model; 2 usage error.
`,
  diff: DIFF_HELP,
  merge: MERGE_HELP,
  agree: AGREE_HELP,
  report: REPORT_HELP,
  speakers: SPEAKERS_HELP,
};
