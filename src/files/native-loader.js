// Plain JavaScript, like the other loaders in this folder. Types: native-loader.d.ts.
//
// Loads a project's modules (config, datasources, dashboards and what they
// import) with Node's own import(), in this thread: no module customization
// hooks. Node 20 runs hooks on a thread of their own, which costs ~70 ms to
// start and a round trip per import; a build's whole project graph loads
// faster than that thread starts.
//
// Each project module (a file outside node_modules that is TypeScript or an
// ES module) is written into the cache folder as an `.mjs` file whose imports
// of other project modules point at their `.mjs` files; Node then imports the
// entry and its graph natively. What the TypeScript hooks (ts-hooks.js) do is
// kept:
// - TypeScript is transpiled once per content hash (transpile.js);
// - a relative `./x.js` import from TypeScript means `./x.ts` when that exists
//   (NodeNext; likewise .mjs → .mts, .cjs → .cts);
// - `dashcode` means the library of the one-script CLI when it runs from one
//   (an installed package's, a checkout's), the CLI bundle's library entry in
//   a checkout, else the checkout's sources (self-resolve.js);
// - `import.meta.url`, `.filename`, `.dirname` and `.resolve` of a relative
//   specifier mean the source file's, so a module that reads a file beside
//   itself still finds it;
// - every load (generation) is a fresh module graph: a process's first
//   generation uses <cacheDir>/mjs/, shared between runs (files are written
//   only when their text changes), and each later one a folder of its own,
//   removed at exit, so an edited helper is seen by the next load;
// - dynamic import() goes through the loader too (in the same generation),
//   and every module a load imports is recorded: the per-dashboard build cache
//   keys on that graph.
// Not project modules, so imported where they are: node_modules, JSON,
// CommonJS (`.cjs`, `.js` outside a `"type": "module"` package). Packages
// resolve from the cache folder, which is inside the project's node_modules,
// as they would from the project's own files; a package name that leads to
// TypeScript outside node_modules (a linked workspace package) is a project module.
import { readdirSync, realpathSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from './atomic.js';
import { bundledEntry, scriptEntry, selfSource } from './self-resolve.js';
import { transpile } from './transpile.js';

const STATE = Symbol.for('dashcode.native-loader');
const TS = /\.[cm]?ts$/;
const FORMAT = 'dashcode-native 1';
// Spelled out of parts: the CLI bundle (src/cli/bundle.js) replaces that text in src/ with each file's own URL.
const IMPORT_META = ['import', 'meta'].join('.');

function state() {
  // On globalThis, not in this module: the CLI bundle and src/ may each hold a copy of it.
  globalThis[STATE] ??= { generations: 0, byUrl: new Map(), dynamicImport, lexer: undefined, runDirs: undefined };
  return globalThis[STATE];
}

/**
 * A new module graph for loading a project's modules. `cacheDir`: dashcode's
 * cache folder (required: the modules are written there). `bundle`: the
 * checkout CLI's bundle `{ root, dir }`, when it runs from one.
 */
export function projectLoader(cacheDir, bundle = undefined) {
  const s = state();
  const n = ++s.generations;
  const shared = n === 1;
  const dir = shared ? path.join(cacheDir, 'mjs') : path.join(cacheDir, 'mjs', 'runs', `${process.pid}-${n}`);
  if (!shared) {
    if (n === 2) pruneRuns(path.dirname(dir));
    removedAtExit(s, dir);
  }
  const gen = { dir, cacheDir, bundle, prepared: new Map(), edges: new Map(), lock: Promise.resolve() };
  return {
    /** Imports `file` (absolute path) in this generation. */
    importer: async (file) => load(await prepareLocked(gen, realpathSync(file))),
    /** Every project module imported so far (absolute real path) and the project modules it imported. */
    graph: async () => {
      await gen.lock;
      return new Map([...gen.edges].map(([k, v]) => [k, new Set(v)]));
    },
  };
}

/**
 * One exit handler for every later load's folder: `build --watch` loads the
 * project again on every change, and a handler per load passed Node's limit of
 * ten listeners (a leak warning on stderr) by the eleventh.
 */
function removedAtExit(s, dir) {
  if (s.runDirs === undefined) {
    const dirs = (s.runDirs = new Set());
    process.once('exit', () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    });
  }
  s.runDirs.add(dir);
}

/** Folders of later loads that a process left behind (it crashed before its exit handler): an hour old is gone. */
function pruneRuns(runs) {
  let names;
  try {
    names = readdirSync(runs);
  } catch {
    return;
  }
  for (const name of names) {
    const folder = path.join(runs, name);
    try {
      if (statSync(folder).mtimeMs < Date.now() - 3_600_000) rmSync(folder, { recursive: true, force: true });
    } catch {
      // gone already
    }
  }
}

// Node's own import(), even where a test runner rewrites `import()` in the sources it transforms.
const nativeImport = createRequire(import.meta.url)('./native-import.cjs');
const requireHere = createRequire(import.meta.url);

/** Errors of require(esm) that mean "not synchronously": a top-level await, or a module import() is loading already. */
const NOT_SYNC = new Set(['ERR_REQUIRE_ASYNC_MODULE', 'ERR_REQUIRE_CYCLE_MODULE']);

/**
 * The module at `url` (what `prepare` returned), evaluated with its graph. A
 * module this loader wrote is taken by require() where Node can (require(esm),
 * Node 20.19+), which reads and links the graph synchronously; anything else,
 * or a graph with a top-level await, by import(). Through import() a rebuild
 * waited on the thread pool for each file the ES-module loader read: a median
 * 12 ms of a rebuild's wall time over 31 paired runs, the same CPU time
 * (docs/packaging.md).
 */
async function load(url) {
  // Only the ES modules this loader wrote: require() of a CommonJS module gives its exports, not import()'s namespace.
  if (process.features.require_module === true && url.endsWith('.mjs')) {
    try {
      return requireHere(fileURLToPath(url));
    } catch (err) {
      if (!NOT_SYNC.has(err?.code)) throw err;
    }
  }
  return nativeImport(url);
}

/**
 * Prepares `abs` (a real path) and its static graph, one preparation at a
 * time per generation (`importer`: the project module whose import() asks,
 * recorded in the graph); its URL.
 */
function prepareLocked(gen, abs, importer = undefined) {
  const run = gen.lock.then(async () => {
    if (importer) gen.edges.get(importer)?.add(abs);
    const added = [];
    try {
      return await prepare(gen, abs, added);
    } catch (err) {
      // Nothing half-prepared stays: a later import of the same module prepares it again.
      for (const a of added) {
        gen.prepared.delete(a);
        gen.edges.delete(a);
      }
      throw err;
    }
  });
  gen.lock = run.catch(() => undefined);
  return run;
}

/** What kind of module `abs` is: 'source' (written into the cache, imports rewritten) or 'native' (imported where it is). */
function kind(abs) {
  if (abs.includes(`${path.sep}node_modules${path.sep}`)) return 'native';
  if (TS.test(abs) || abs.endsWith('.mjs')) return 'source';
  if (abs.endsWith('.js')) return packageType(path.dirname(abs)) === 'module' ? 'source' : 'native';
  return 'native';
}

const types = new Map();
function packageType(dir) {
  if (types.has(dir)) return types.get(dir);
  let type;
  try {
    type = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).type ?? 'commonjs';
  } catch (err) {
    const up = path.dirname(dir);
    type = err.code === 'ENOENT' && up !== dir ? packageType(up) : 'commonjs';
  }
  types.set(dir, type);
  return type;
}

const outName = (abs) => `${path.basename(abs).replace(/\.[^.]*$/, '').replace(/[^\w.-]/g, '_')}-${createHash('sha256').update(`${FORMAT}\0${abs}`).digest('hex').slice(0, 16)}.mjs`;

/** The URL to import for project file `abs`, writing it (and the modules it imports) into the generation's folder. */
async function prepare(gen, abs, added) {
  const known = gen.prepared.get(abs);
  if (known) return known;
  if (kind(abs) === 'native') {
    const url = pathToFileURL(abs).href;
    gen.prepared.set(abs, url);
    // In the graph as a module that imports nothing the loader sees (a CommonJS module's require()s are its own).
    if (!abs.includes(`${path.sep}node_modules${path.sep}`)) gen.edges.set(abs, new Set());
    added.push(abs);
    return url;
  }
  const out = path.join(gen.dir, outName(abs));
  const url = pathToFileURL(out).href;
  // Before the imports are prepared: a cycle back to this module finds it.
  gen.prepared.set(abs, url);
  gen.edges.set(abs, new Set());
  added.push(abs);
  const source = readFileSync(abs, 'utf8');
  const code = TS.test(abs) ? await transpile(abs, source, gen.cacheDir) : source;
  const [imports] = (await lexer()).parse(code, abs);
  const edits = [];
  let meta = false;
  let dynamic = false;
  for (const imp of imports) {
    if (imp.t === 3) {
      edits.push([imp.ss, imp.se, '__dashcodeMeta']);
      meta = true;
    } else if (imp.t === 2) {
      edits.push([imp.ss, imp.d, '__dashcodeImport']);
      dynamic = true;
    } else if (imp.t === 1 && imp.n !== undefined) {
      const target = resolveSpecifier(gen, imp.n, abs);
      if (target.url) {
        edits.push([imp.s, imp.e, target.url]);
      } else if (target.file) {
        gen.edges.get(abs).add(target.file);
        const child = await prepare(gen, target.file, added);
        edits.push([imp.s, imp.e, kind(target.file) === 'native' ? child : `./${path.basename(fileURLToPath(child))}`]);
      }
    }
  }
  let text = '';
  let at = 0;
  for (const [from, to, what] of edits.sort((a, b) => a[0] - b[0])) {
    text += code.slice(at, from) + what;
    at = to;
  }
  text += code.slice(at);
  const prelude = [];
  if (meta) {
    const src = pathToFileURL(abs).href;
    const relativeOrAbsolute = "/^(\\.{1,2}\\/|\\/|file:)/";
    prelude.push(`const __dashcodeMeta = { url: ${JSON.stringify(src)}, filename: ${JSON.stringify(abs)}, dirname: ${JSON.stringify(path.dirname(abs))}, resolve: (s) => ${relativeOrAbsolute}.test(s) ? new URL(s, ${JSON.stringify(src)}).href : ${IMPORT_META}.resolve(s) };`);
  }
  if (dynamic) prelude.push(`const __dashcodeImport = (s, o) => globalThis[Symbol.for('dashcode.native-loader')].dynamicImport(${IMPORT_META}.url, s, o, (x, y) => import(x, y));`);
  // On the first line, so line numbers in stack traces stay the source's (a `#!` line stays first).
  if (prelude.length > 0) {
    const cut = text.startsWith('#!') ? (text.indexOf('\n') + 1 || text.length) : 0;
    text = text.slice(0, cut) + prelude.join(' ') + text.slice(cut);
  }
  let existing;
  try {
    existing = readFileSync(out, 'utf8');
  } catch {
    existing = undefined;
  }
  if (existing !== text) await writeFileAtomic(out, text);
  state().byUrl.set(url, { gen, abs });
  return url;
}

/**
 * What `specifier`, imported by project file `parent`, means: `{ file }` a
 * file to prepare, `{ url }` a URL to import as it is, or `{}` to leave the
 * specifier as written (a package, a builtin).
 */
function resolveSpecifier(gen, specifier, parent) {
  const self = selfSource(specifier, parent);
  if (!/^(\.{1,2}\/|\/|file:)/.test(specifier) && !self) {
    const shim = gen.bundle && scriptEntry(specifier, parent, gen.bundle);
    if (shim) return { url: shim };
    const outside = packageFile(specifier, parent);
    return outside ? { file: outside } : {};
  }
  let file = self ?? fileURLToPath(new URL(specifier, pathToFileURL(parent)));
  // A TypeScript module's relative `./x.js` usually means `./x.ts`.
  if (TS.test(parent) && /\.[cm]?js$/.test(file)) {
    const ts = file.replace(/js$/, 'ts');
    if (exists(ts)) file = ts;
  }
  let real;
  try {
    real = realpathSync(file);
  } catch {
    const err = new Error(`Cannot find module '${file}' imported from ${parent}`);
    err.code = 'ERR_MODULE_NOT_FOUND';
    throw err;
  }
  const entry = gen.bundle && bundledEntry(real, gen.bundle);
  if (entry) return { url: entry };
  return { file: real };
}

/**
 * A package name or `#import` that resolves to TypeScript outside
 * node_modules (a workspace package linked into node_modules, the package's
 * own "imports"): its real path, a project module like any other. Else
 * undefined, and Node resolves the name from the cache folder. Resolved as
 * require() would (Node 20 has no ESM resolution from another module's point
 * of view).
 */
function packageFile(specifier, parent) {
  if (specifier.startsWith('node:') || isBuiltin(specifier) || !/^[@#\w]/.test(specifier)) return undefined;
  let file;
  try {
    file = realpathSync(createRequire(parent).resolve(specifier));
  } catch {
    return undefined;
  }
  // TypeScript only: a JavaScript package is Node's to resolve (require()'s conditions may pick another file than import's).
  return TS.test(file) && !file.includes(`${path.sep}node_modules${path.sep}`) ? file : undefined;
}

function exists(file) {
  try {
    return realpathSync(file) !== undefined;
  } catch {
    return false;
  }
}

async function lexer() {
  const s = state();
  if (!s.lexer) {
    const lexer = await import('es-module-lexer');
    // Its WebAssembly is small: compiled here at once, instead of waiting on a compile in the background.
    lexer.initSync();
    s.lexer = lexer;
  }
  return s.lexer;
}

/** import() in a module the loader wrote (`from`: its URL): a project module joins the importer's generation. */
async function dynamicImport(from, specifier, options, importHere) {
  const origin = state().byUrl.get(from);
  if (origin && typeof specifier === 'string') {
    const target = resolveSpecifier(origin.gen, specifier, origin.abs);
    if (target.url) return importHere(target.url, options);
    if (target.file) return importHere(await prepareLocked(origin.gen, target.file, origin.abs), options);
  }
  return importHere(specifier, options);
}
