/**
 * Loads a TypeScript module (a generated dashboard, a project's datasources)
 * in this process the way `dashcode build` loads a user's modules: dashcode's
 * own loader (src/files/ts-loader.js: sucrase, once per content hash, cached in
 * this checkout's node_modules/.cache/dashcode/ts/). It replaces tsx's
 * `tsImport`, which set up a fresh loader and transpiled the whole library
 * again on every call (15–50 s per test file on a loaded 2-core machine).
 *
 * Each file a test writes has a new name, so no module graph needs to be
 * fresh: the library is evaluated once per test file, not once per module.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { registerTypeScript } from '../../src/files/ts-loader.js';
import { repoRoot } from './shared.js';

// Node's own import(): vitest rewrites `import()` in the files it transforms, and its module runner bypasses the hooks.
const nativeImport = createRequire(import.meta.url)('../../src/files/native-import.cjs') as (url: string) => Promise<unknown>;

export function importTypeScript(file: string): Promise<unknown> {
  registerTypeScript(cacheDir(repoRoot));
  return nativeImport(pathToFileURL(file).href);
}
