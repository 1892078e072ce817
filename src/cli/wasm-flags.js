// Plain JavaScript: bin/dashcode.js sets these flags before the CLI's script
// loads, before any TypeScript can. Types: wasm-flags.d.ts.
import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags for the embedded fixtures database (issue 15). Its queries are
 * short and a command is over in seconds, yet V8's optimizing tier for
 * WebAssembly (TurboFan) compiled PGlite's hot functions in the background at
 * a cost the run never earned back: `dashcode check` of this repository took
 * 1.8-2.5 s wall, 2.8-3.9 s CPU and 250-270 MB; with Liftoff only 1.1-1.6 s,
 * 1.3-1.9 s and 175-190 MB (a larger tier-up budget instead left most of the
 * cost: 1.5-1.8 s, 230 MB). The flags are process-wide, so the CLI, which
 * owns the process, sets them (never the library), before the worker
 * compiles PGlite: for every run of a command that may open the embedded
 * database, `--pglite DIR` included (as `check` and `preview` already did when
 * they started PGlite's worker early). They change nothing where no
 * WebAssembly runs (a server, a dashboard without SQL).
 */
export const EMBEDDED_WASM_FLAGS = Object.freeze(['--liftoff-only']);

/**
 * The commands that may open the embedded database (cli/database.ts
 * `queryDatabase`): bin/dashcode.js sets EMBEDDED_WASM_FLAGS for them before
 * the CLI's script loads. V8 stamps a code cache with a hash of its flags and
 * rejects one whose hash differs from the flags it is loaded with; a flag set
 * during the run is in the cache written after it, but not yet set when the
 * next run loads that cache, so every `check` compiled the script afresh:
 * a median 113 ms of its wall time and 141 ms of CPU over 21 paired runs.
 */
export const EMBEDDED_DATABASE_COMMANDS = Object.freeze(['check', 'preview', 'alert']);

/** Sets EMBEDDED_WASM_FLAGS in this process; call it before PGlite's WebAssembly is compiled. */
export function useEmbeddedWasmFlags() {
  for (const flag of EMBEDDED_WASM_FLAGS) setFlagsFromString(flag);
}
