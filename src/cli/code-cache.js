// Plain JavaScript: bin/dashcode.js runs this before any TypeScript can load.
//
// Node 20 keeps no compiled code between runs (module.enableCompileCache is
// Node 22's), so each run of the checkout's CLI parsed and compiled ~3 MB of
// bundled JavaScript (zod, ajv's validators, yaml, lezer, sucrase and
// dashcode) before doing any work: a fifth of a `build --no-cache`. A
// CommonJS script run through `vm.Script` can take V8's code cache
// (`cachedData`), so the checkout's bundle (src/cli/bundle.js) also holds the
// whole CLI and library as one such script, and its code caches are kept
// beside it, one per command (bin/dashcode.js): made after the first run of
// that command, so each holds what its command compiled, and remade when V8
// rejects it (another node, other flags). An installed package does the same
// with dist/cli-script/ (docs/packaging.md).
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { writeFileAtomic } from '../files/atomic.js';

/**
 * The one-script CLI's file name (beside a checkout's bundle, in an installed
 * package's dist/cli-script/), and the registered symbol under which the CLI
 * publishes the script's library for the `shim/` modules (bundle.js makeScript).
 */
export const SCRIPT = 'cli-script.cjs';
export const LIBRARY = 'dashcode.cli-script-library';

/**
 * Runs the CommonJS script `file` with the code cache at `cacheFile`, if V8
 * accepts it (none: no cache is read or written). Returns its exports and
 * `save`, which writes the code cache when there was none to use (call it
 * after the work, so the cache holds the functions the work compiled). The script must not use `import()` (see
 * makeScript in bundle.js): it has no dynamic-import callback.
 */
export function requireWithCodeCache(file, cacheFile = undefined) {
  let cachedData;
  try {
    cachedData = cacheFile === undefined ? undefined : readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  // makeScript writes ASCII, which latin1 reads as it is, in a quarter of the time UTF-8 takes.
  const bytes = readFileSync(file);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    /** Whether `save` will write a cache (there was none to use, or V8 rejected it). */
    stale,
    save: async () => {
      // A cache another process is writing at the same time is as good as ours: the rename decides.
      if (stale && cacheFile !== undefined) await writeFileAtomic(cacheFile, script.createCachedData()).catch(() => {});
    },
  };
}
