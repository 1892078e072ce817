// Plain JavaScript: bin/dashcode.js uses it before the CLI's script writes
// its code cache, outside any TypeScript. Types: wasm-flags.d.ts.
import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags for the embedded fixtures database (issue 15). Its queries are
 * short and a command is over in seconds, yet V8's optimizing tier for
 * WebAssembly (TurboFan) compiled PGlite's hot functions in the background at
 * a cost the run never earned back: `dashcode check` of this repository took
 * 1.8-2.5 s wall, 2.8-3.9 s CPU and 250-270 MB; with Liftoff only 1.1-1.6 s,
 * 1.3-1.9 s and 175-190 MB (a larger tier-up budget instead left most of the
 * cost: 1.5-1.8 s, 230 MB). The flags are process-wide, so the CLI, which
 * owns the process, chooses them (never the library), and PGlite sets them
 * where it compiles, in its worker once started (embeddedWasmFlagsForPglite).
 * They change nothing where no WebAssembly runs.
 */
export const EMBEDDED_WASM_FLAGS = Object.freeze(['--liftoff-only']);

/**
 * V8's defaults for what EMBEDDED_WASM_FLAGS changed: `--liftoff-only` also
 * turns tier-up off (a V8 flag implication), which `--no-liftoff-only` alone
 * does not turn back on.
 */
export const DEFAULT_WASM_FLAGS = Object.freeze(['--no-liftoff-only', '--wasm-tier-up', '--wasm-dynamic-tiering']);

/** Set on globalThis, not in this module: the CLI's script holds a copy of this module, and bin/dashcode.js another. */
const SET = Symbol.for('dashcode.embedded-wasm-flags');

/**
 * EMBEDDED_WASM_FLAGS for PGlite to set where and when it compiles
 * (IsolatedOptions.v8Flags): its worker thread, once started, or this thread
 * when it must fill a database first. Set now, before the worker starts, they
 * made the worker's Node modules miss their built-in code cache, as the main
 * thread's did (restoreDefaultWasmFlags). Marks the process as one whose flags
 * restoreDefaultWasmFlags must put back.
 */
export function embeddedWasmFlagsForPglite() {
  globalThis[SET] = true;
  return EMBEDDED_WASM_FLAGS;
}

/**
 * Puts back V8's default flags if embeddedWasmFlagsForPglite handed others
 * out, for what runs next in this process: bin/dashcode.js, before it writes
 * the CLI's V8 code cache. V8 stamps a cache with a hash of its flags and rejects it under
 * other flags; written with the embedded database's flags, the cache was
 * rejected by the next run, which loads it before any command sets a flag, so
 * every `check` compiled its script afresh and wrote a 1.2 MB cache again.
 * (Its wall time hardly shows it: that compiling overlaps PGlite's start in
 * the worker; bench/README.md.) Setting the flags before the script loads
 * instead costs more: after a flag changes, Node's own modules no longer
 * match their built-in code cache, and took twice as long to load. Only for a
 * process that is done with WebAssembly.
 */
export function restoreDefaultWasmFlags() {
  if (globalThis[SET] !== true) return;
  for (const flag of DEFAULT_WASM_FLAGS) setFlagsFromString(flag);
  globalThis[SET] = false;
}
