// Plain JavaScript on purpose: Node's module customization hooks (registered
// by ts-loader.js) run this in the loader thread, before any TypeScript can
// load. It makes `.ts`, `.mts` and `.cts` modules importable: each file is
// transpiled once per content hash (transpile.js). The CLI loads a project's
// modules without these hooks (native-loader.js); they remain for the rest:
// a checkout run without its bundle, tests, the PGlite worker.
//
// Two more things it does, both as tsx does:
// - a relative `./x.js` import that does not exist resolves to `./x.ts`
//   (TypeScript's NodeNext convention; likewise .mjs → .mts, .cjs → .cts);
// - a module imported with `?dashcode-load=N` passes that query on to every
//   module it imports from outside node_modules and dashcode's own sources, so
//   each project load gets a fresh module graph and sees edited helper files,
//   not the cached ones.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundledEntry, LIBRARY_DIR, selfSource } from './self-resolve.js';
import { transpile } from './transpile.js';

const TS = /\.([cm]?)ts$/;
const QUERY = 'dashcode-load';
// dashcode's own sources (LIBRARY_DIR: src/ in a checkout, which test projects import by path) are the library,
// loaded once per process as an installed one in node_modules is, never again per generation. Reloading it for
// every load of a project was most of the test suite's module loading (issue 15); build.ts salts the cache with its key.
const LIBRARY = LIBRARY_DIR + path.sep;
let cacheDir;
let bundle;

let port;

export function initialize(data) {
  cacheDir = data?.cacheDir;
  bundle = data?.bundle;
  port = data?.port;
  // ts-loader.js's moduleGraph(): answered after every edge sent before it.
  port?.on('message', (m) => port.postMessage({ flushed: m.flush }));
  port?.unref();
}

export async function resolve(specifier, context, next) {
  const self = context.parentURL?.startsWith('file:') && selfSource(specifier, fileURLToPath(context.parentURL));
  if (self) specifier = pathToFileURL(self).href;
  // A TypeScript module's relative `./x.js` usually means `./x.ts`: look first, since a failed resolution (an exception) costs more.
  const parent = context.parentURL;
  if (parent && TS.test(new URL(parent).pathname) && /^\.{1,2}\/.*\.[cm]?js$/.test(specifier)) {
    const ts = specifier.replace(/js$/, 'ts');
    if (existsSync(fileURLToPath(new URL(ts, parent)))) specifier = ts;
  }
  let resolved;
  try {
    resolved = await next(specifier, context);
  } catch (err) {
    const ts = err?.code === 'ERR_MODULE_NOT_FOUND' && /^\.{1,2}\/|^file:/.test(specifier) && /\.[cm]?js$/.test(specifier) ? specifier.replace(/js$/, 'ts') : undefined;
    if (!ts) throw err;
    resolved = await next(ts, context);
  }
  const url = new URL(resolved.url);
  if (url.protocol !== 'file:') return resolved;
  const file = fileURLToPath(`file://${url.pathname}`);
  const inBundle = bundle && bundledEntry(file, bundle);
  if (inBundle) return { url: inBundle, format: 'module', shortCircuit: true };
  const generation = context.parentURL ? new URL(context.parentURL).searchParams.get(QUERY) : null;
  const project = !url.pathname.includes('/node_modules/') && !file.startsWith(LIBRARY);
  if (generation && project && !url.searchParams.has(QUERY)) url.searchParams.set(QUERY, generation);
  // For the build's per-dashboard cache: every project module of a generation and what it imports (ts-loader.js, moduleGraph).
  const own = url.searchParams.get(QUERY);
  if (port && own) port.postMessage([own, generation === own ? fileURLToPath(context.parentURL) : null, fileURLToPath(url)]);
  return { ...resolved, url: url.href, format: TS.test(url.pathname) ? 'module' : resolved.format };
}

export async function load(url, context, next) {
  const parsed = new URL(url);
  if (parsed.protocol !== 'file:' || !TS.test(parsed.pathname)) return next(url, context);
  const file = fileURLToPath(parsed);
  const source = await readFile(file, 'utf8');
  return { format: 'module', source: await transpile(file, source, cacheDir), shortCircuit: true };
}
