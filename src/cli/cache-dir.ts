import { existsSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from './fast-path.js';

/**
 * dashcode's cache folder for a command run in `cwd`: `node_modules/.cache/dashcode`
 * of the nearest folder upward that has a `node_modules` (the convention of
 * find-cache-dir, and where the build cache lives). Undefined when there is
 * none, so a command run outside any project creates no folders.
 */
export function cacheDir(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'node_modules'))) return path.join(dir, CACHE_DIR);
    if (path.dirname(dir) === dir) return undefined;
  }
}
