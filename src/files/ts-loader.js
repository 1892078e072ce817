// Plain JavaScript on purpose (bin/dashcode.js uses it before any TypeScript
// can load). Types: ts-loader.d.ts. Registers ts-hooks.js once per process.
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const REGISTERED = Symbol.for('dashcode.ts-hooks');
/** Set by bin/dashcode.js when a checkout's CLI runs from its bundle (src/cli/bundle.js): `{ root, dir }`. */
export const BUNDLE = Symbol.for('dashcode.cli-bundle');

/**
 * Makes `.ts`, `.mts` and `.cts` modules importable in this process,
 * transpiled once per content hash into `<cacheDir>/ts/` (no disk cache
 * without a cacheDir). The first call's cacheDir wins.
 */
export function registerTypeScript(cacheDir) {
  if (globalThis[REGISTERED]) return;
  globalThis[REGISTERED] = true;
  register('./ts-hooks.js', import.meta.url, { data: { cacheDir, bundle: globalThis[BUNDLE] } });
}

let generation = 0;

/** A new module graph: every module imported with one generation is evaluated once; the next generation sees edited files. */
export function newGeneration() {
  return `${process.pid}-${++generation}`;
}

// Node's own import(), even where a test runner rewrites `import()` in the sources it transforms.
const nativeImport = createRequire(import.meta.url)('./native-import.cjs');

/** Imports `file` (absolute path) in module graph `gen` (ts-hooks.js passes it on to the modules it imports). */
export function importInGeneration(file, gen) {
  const url = pathToFileURL(file);
  url.searchParams.set('dashcode-load', gen);
  return nativeImport(url.href);
}
