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
  // On globalThis, not in this module: the CLI bundle and src/ may each hold a copy of this module.
  const state = { edges: new Map(), port: undefined, flushes: new Map(), next: 0 };
  globalThis[REGISTERED] = state;
  // Required here, not imported at the top: the CLI's script holds this module, and only a run through the hooks
  // needs node:worker_threads (a millisecond to load on every other run).
  const { MessageChannel } = createRequire(import.meta.url)('node:worker_threads');
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (m) => {
    if (m.flushed !== undefined) {
      state.flushes.get(m.flushed)?.();
      state.flushes.delete(m.flushed);
      if (state.flushes.size === 0) port1.unref();
      return;
    }
    const [gen, parent, child] = m;
    let graph = state.edges.get(gen);
    if (!graph) state.edges.set(gen, (graph = new Map()));
    if (!graph.has(child)) graph.set(child, new Set());
    if (parent !== null) {
      if (!graph.has(parent)) graph.set(parent, new Set());
      graph.get(parent).add(child);
    }
  });
  port1.unref();
  state.port = port1;
  register('./ts-hooks.js', import.meta.url, { data: { cacheDir, bundle: globalThis[BUNDLE], port: port2 }, transferList: [port2] });
}

/**
 * The module graph of generation `gen` as the hooks resolved it so far: each
 * project module imported in it (absolute real path; not node_modules, not the
 * CLI bundle) and the project modules it imported. Empty when the hooks are not registered.
 */
export async function moduleGraph(gen) {
  const state = globalThis[REGISTERED];
  if (!state?.port) return new Map();
  // The hooks answer after every edge they sent before: the graph is complete for every import that has settled.
  const id = ++state.next;
  state.port.ref();
  await new Promise((resolve) => {
    state.flushes.set(id, resolve);
    state.port.postMessage({ flush: id });
  });
  return state.edges.get(gen) ?? new Map();
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
