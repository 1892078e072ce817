// Plain JavaScript on purpose: Node's module customization hooks (registered
// by ts-loader.js) run this in the loader thread, before any TypeScript can
// load. It makes `.ts`, `.mts` and `.cts` modules importable: each file is
// transpiled by sucrase (type stripping, no install script, unlike esbuild's
// native binary) once per content hash and the
// JavaScript kept in <cacheDir>/ts/, so an unchanged module costs a file read.
//
// Two more things it does, both as tsx does:
// - a relative `./x.js` import that does not exist resolves to `./x.ts`
//   (TypeScript's NodeNext convention; likewise .mjs → .mts, .cjs → .cts);
// - a module imported with `?dashcode-load=N` passes that query on to every
//   module it imports from outside node_modules, so each project load gets a
//   fresh module graph and sees edited helper files, not the cached ones.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeFileAtomic } from './atomic.js';

const TS = /\.([cm]?)ts$/;
const QUERY = 'dashcode-load';
let cacheDir;
let sucrase;
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

// When the checkout's CLI runs from its bundle (src/cli/bundle.js), the library's entry points in src/ (through
// `dashcode`, or a path to src/index.ts as test projects write it) mean the bundle's: one copy of the library,
// not a second one loaded module by module through these hooks.
function bundled(url) {
  const file = fileURLToPath(url);
  const rel = path.relative(path.join(bundle.root, 'src'), file).replaceAll(path.sep, '/');
  const entry = /^(index|entries\/[a-z-]+)\.ts$/.exec(rel)?.[1];
  if (!entry) return undefined;
  const target = path.join(bundle.dir, `${entry}.js`);
  return existsSync(target) ? pathToFileURL(target).href : undefined;
}

// Inside dashcode's own checkout, `dashcode` and `dashcode/<entry>` (how this repo's dashboards import the
// library, as a user's would) mean the sources, never a dist/ that may be stale or not built yet; tsconfig
// `paths` say the same for tsc and vitest. In any other package the name resolves through node_modules.
const SELF = /^dashcode(?:\/([a-z-]+))?$/;
const selfRoots = new Map();
function selfRoot(file) {
  let dir = path.dirname(file);
  for (;;) {
    if (selfRoots.has(dir)) return selfRoots.get(dir);
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      let root;
      try {
        root = JSON.parse(readFileSync(pkg, 'utf8')).name === 'dashcode' && existsSync(path.join(dir, 'src/index.ts')) ? dir : undefined;
      } catch {
        root = undefined;
      }
      selfRoots.set(dir, root);
      return root;
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export async function resolve(specifier, context, next) {
  const self = SELF.exec(specifier);
  if (self && context.parentURL?.startsWith('file:') && !context.parentURL.includes('/node_modules/')) {
    const root = selfRoot(fileURLToPath(context.parentURL));
    const target = root && path.join(root, self[1] ? `src/entries/${self[1]}.ts` : 'src/index.ts');
    if (target && existsSync(target)) specifier = pathToFileURL(target).href;
  }
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
  const inBundle = bundle && bundled(`file://${url.pathname}`);
  if (inBundle) return { url: inBundle, format: 'module', shortCircuit: true };
  const generation = context.parentURL ? new URL(context.parentURL).searchParams.get(QUERY) : null;
  if (generation && !url.pathname.includes('/node_modules/') && !url.searchParams.has(QUERY)) url.searchParams.set(QUERY, generation);
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
  return { format: 'module', source: await transpile(file, source), shortCircuit: true };
}

async function transpile(file, source) {
  const key = createHash('sha256').update(`dashcode-ts 3\0${path.extname(file)}\0${source}`).digest('hex');
  const cached = cacheDir && path.join(cacheDir, 'ts', `${key}.mjs`);
  if (cached) {
    try {
      return await readFile(cached, 'utf8');
    } catch {
      // not cached yet
    }
  }
  sucrase ??= await import('sucrase');
  // No source file name in the key or the output: the cached text depends on the content only.
  // Modules are always ES modules here; `__dirname`/`__filename` (common in CommonJS-minded TypeScript) keep working
  // unless the module declares them itself.
  let { code } = sucrase.transform(source, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: false });
  const globals = ['__dirname', '__filename'].filter((g) => new RegExp(`\\b${g}\\b`).test(code) && !new RegExp(`\\b(const|let|var|function|class)\\s+${g}\\b`).test(code));
  if (globals.length > 0) code = `${globals.map((g) => `const ${g} = import.meta.${g.slice(2)};`).join(' ')}${code}`;
  if (cached) {
    // A cache that cannot be written is only slower next time.
    await writeFileAtomic(cached, code).catch(() => undefined);
  }
  return code;
}
