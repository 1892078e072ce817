/**
 * dashcode's cache folder (node_modules/.cache/dashcode) for scratch projects,
 * sharing what this checkout has already made: the PGlite start-up snapshot
 * (keyed by PGlite's version) and the transpiled modules (keyed by content).
 *
 * A scratch project under the system temp folder has no node_modules, or only
 * the one its first `build` creates for build.json: every `check` in it ran
 * initdb (~2 s of WebAssembly, several times that on a loaded machine) and
 * every load transpiled the whole library again. A user's project keeps its
 * cache between runs; this gives a scratch project the same warm start.
 * Prepared databases stay per project: nothing a test fills is shared.
 */
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from '../../src/files/cache.js';
import { repoRoot } from './shared.js';

/** This checkout's own cache folder. */
export const checkoutCache = path.join(repoRoot, CACHE_DIR);

/** Creates `<dir>/node_modules/.cache/dashcode` linking this checkout's PGlite snapshot and transpiled modules. */
export function linkCheckoutCache(dir: string): void {
  const cache = path.join(dir, CACHE_DIR);
  mkdirSync(cache, { recursive: true });
  mkdirSync(path.join(checkoutCache, 'ts'), { recursive: true });
  if (!existsSync(path.join(cache, 'ts'))) symlinkSync(path.join(checkoutCache, 'ts'), path.join(cache, 'ts'));
  for (const f of readdirSync(checkoutCache).filter((n) => /^pglite-.*\.tar$/.test(n))) {
    if (!existsSync(path.join(cache, f))) symlinkSync(path.join(checkoutCache, f), path.join(cache, f));
  }
}
