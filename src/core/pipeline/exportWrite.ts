// Writing an export's files: each target checked against the protected files, kept inside the
// output folder even through a symlinked subfolder, and written atomically.
import { Host } from '../host';
import { errorText } from '../wording';
import { dirname, isInside } from '../posixPath';
import { Protection, refusal } from './protect';
import { decodeText, readBytes } from './read';
import { Plan, Target } from './targets';
import { writeAtomic } from './write';

export interface Outcome extends Target {
  /**
   * written; unchanged: the same bytes are there (brat's .txt is the article); kept: a different
   * shared file (keepExisting) is there and stays, see reason; refused or failed: see reason.
   */
  status: 'written' | 'unchanged' | 'kept' | 'refused' | 'failed';
  reason?: string;
}

/** The file holds `content` already (byte-order marks aside): a replace would change nothing a reader sees. */
export async function sameContent(host: Host, file: string, content: string): Promise<boolean> {
  try {
    return decodeText(file, await readBytes(host, file)) === content.replace(/^\uFEFF/, '');
  } catch {
    return false;
  }
}

/**
 * The file holds exactly the bytes of `content`. brat counts a byte-order mark as a character,
 * so an article with one is not the .txt its offsets were computed on.
 */
async function sameBytes(host: Host, file: string, content: string): Promise<boolean> {
  try {
    const have = await readBytes(host, file);
    const want = new TextEncoder().encode(content);
    return have.length === want.length && have.every((b, i) => b === want[i]);
  } catch {
    return false;
  }
}

/**
 * Writes every target of `plan`. `articles` are the exported articles' own paths: the same text
 * written at that very path (brat's .txt in the article's folder) is left alone, not refused.
 */
export async function writePlan(host: Host, plan: Plan, protection: Protection, articles: ReadonlySet<string>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  // Resolved once the folder exists: the output folder itself may sit behind a link, its subfolders may not.
  let realFolder: string | undefined;
  for (const target of plan.targets) {
    const done = (status: Outcome['status'], reason?: string) => outcomes.push({ ...target, status, reason });
    if (articles.has(target.dest)) {
      if (await sameBytes(host, target.dest, target.file.content)) {
        done('unchanged');
        continue;
      }
      if (await sameContent(host, target.dest, target.file.content)) {
        done('refused', 'it is the article, and it starts with a byte-order mark that brat counts as a character: export to another folder');
        continue;
      }
    }
    if (target.file.keepExisting && (await host.stat(target.dest).catch(() => undefined))) {
      if (await sameBytes(host, target.dest, target.file.content)) done('unchanged');
      else done('kept', 'a different one is there (perhaps edited by you): kept; delete it to get ours');
      continue;
    }
    const why = await refusal(protection, target.dest);
    if (why) {
      done('refused', `${why}: articles and sidecars are never written over`);
      continue;
    }
    try {
      await host.mkdir(dirname(target.dest));
      realFolder ??= await host.realPath(plan.folder);
      const realDir = await host.realPath(dirname(target.dest));
      if (!isInside(realFolder, realDir)) {
        done('refused', `its folder leads outside the output folder (to ${realDir})`);
        continue;
      }
    } catch (e) {
      done('failed', `cannot make its folder: ${errorText(e)}`);
      continue;
    }
    try {
      await writeAtomic(host, target.dest, target.file.content);
      done('written');
    } catch (e) {
      done('failed', e instanceof Error ? e.message : String(e));
    }
  }
  return outcomes;
}
