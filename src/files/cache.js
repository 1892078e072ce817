// Plain JavaScript on purpose: used by the build cache (src/cli/fast-path.js)
// and the TypeScript hooks before any TypeScript can load. Types: cache.d.ts.
import { fs, path } from './builtins.js';

/** dashcode's cache folder under a project root: the build cache, transpiled modules, the PGlite snapshot. */
export const CACHE_DIR = 'node_modules/.cache/dashcode';

/**
 * dashcode's cache folder for a command run in `cwd`: `node_modules/.cache/dashcode`
 * of the nearest folder upward that has a `node_modules` (the convention of
 * find-cache-dir). Undefined when there is none, so a command run outside any
 * project creates no folders.
 */
export function findCacheDir(cwd) {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'node_modules'))) return path.join(dir, CACHE_DIR);
    if (path.dirname(dir) === dir) return undefined;
  }
}
