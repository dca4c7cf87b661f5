// Where an article's sidecar lives, from the `attributionLens.sidecarPattern` setting.
import { isAbsolute, normalize } from './posixPath';

export const DEFAULT_SIDECAR_PATTERN = '${file}.annotations.yaml';

/**
 * The sidecar's path relative to the article's folder. `${file}` is the article's full file
 * name, `${name}` the name without its last extension. A pattern that would name the article
 * itself, leave its folder upwards, or not depend on the article falls back to the default,
 * so a typo in a setting can never make us write over an article or a stranger's file.
 */
export function sidecarRelativePath(articleFileName: string, pattern: string): string {
  const name = articleFileName.replace(/\.[^.]*$/, '');
  const usable = /\$\{(file|name)\}/.test(pattern);
  const rel = (usable ? pattern : DEFAULT_SIDECAR_PATTERN)
    .replace(/\\/g, '/')
    .replace(/\$\{file\}/g, () => articleFileName)
    .replace(/\$\{name\}/g, () => name);
  const normal = normalize(rel);
  if (
    normal.toLowerCase() === articleFileName.toLowerCase() ||
    normal === '.' ||
    normal === '..' ||
    normal.startsWith('../') ||
    isAbsolute(normal) ||
    /^[a-z]:/i.test(normal) ||
    normal.endsWith('/')
  ) {
    return DEFAULT_SIDECAR_PATTERN.replace('${file}', () => articleFileName);
  }
  return normal;
}

/** A glob matching every sidecar the pattern can name, for a file watcher. */
export function sidecarGlob(pattern: string): string {
  const usable = /\$\{(file|name)\}/.test(pattern) ? pattern : DEFAULT_SIDECAR_PATTERN;
  return '**/' + usable.replace(/\$\{(file|name)\}/g, '*');
}
