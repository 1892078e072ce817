// Plain JavaScript: bin/dashcode.js runs this before any TypeScript can load.
//
// In a checkout, running src/ module by module through the TypeScript hooks
// (src/files/ts-hooks.js) costs a round trip to the hooks thread per import,
// about 300 of them for a build: most of a build's time. So the checkout's CLI
// runs from one esbuild bundle of src/ (code-split, with the library's entry
// points beside the CLI's so a dashboard's `dashcode` import shares its
// modules), made on the first run after src/ changes and kept in the cache
// folder under a key of every src/ file's path, size and mtime and of
// package-lock.json. Each source's `import.meta.url` is replaced by that
// source's own URL, so paths computed from it (package.json, the bin, the
// PGlite worker) mean what they mean in src/. Without esbuild (it is a
// devDependency) or when bundling fails, the caller falls back to the hooks.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LIBRARY, SCRIPT } from './code-cache.js';
import { sourceKey } from './source-key.js';

/** The package's entry points (package.json "exports"; scripts/build-lib.mjs builds them), then the CLI's. */
export const LIBRARY_ENTRIES = ['index', 'entries/config', 'entries/provisioning', 'entries/check', 'entries/lint', 'entries/diff', 'entries/import', 'entries/preview', 'entries/alerting'];
const ENTRIES = [...LIBRARY_ENTRIES, 'cli/main', 'db/pglite-worker'];
/** Loaded lazily and large, or bound to files beside their own modules: left to Node. */
export const EXTERNAL = ['prettier', '@electric-sql/pglite', 'playwright-core', 'pg', 'esbuild', 'typescript', 'tsx'];
const FORMAT = 'dashcode-cli-bundle 8';
// The one-script copy of the CLI and library (makeScript), and where its library is published for `shim/`.
export { LIBRARY, SCRIPT };

/**
 * The bundle's folder for checkout `root` (made now if src/ changed since the
 * last one), or undefined when it cannot be made. `cacheDir` is the
 * checkout's node_modules/.cache/dashcode.
 */
export async function checkoutBundle(root, cacheDir) {
  let dir;
  try {
    dir = path.join(cacheDir, 'cli-bundle', sourceKey(root, FORMAT));
    if (existsSync(path.join(dir, 'cli', 'main.js'))) return dir;
    await makeBundle(root, dir);
    return dir;
  } catch {
    return undefined;
  }
}

async function makeBundle(root, dir) {
  const { default: esbuild } = await import('esbuild');
  const src = path.join(root, 'src');
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const plugins = [importMetaUrlPlugin(src, (file) => JSON.stringify(pathToFileURL(file).href)), zodEnglishOnlyPlugin()];
  const { metafile } = await esbuild.build(moduleBuildOptions(src, tmp, plugins));
  await makeScript(esbuild, src, tmp, metafile, plugins).catch(() => {
    // Without the script the CLI runs from the modules above, as before: slower to start, same results.
    rmSync(path.join(tmp, SCRIPT), { force: true });
  });
  try {
    renameSync(tmp, dir);
  } catch (err) {
    // Another process made the same bundle first: theirs is as good.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(path.join(dir, 'cli', 'main.js'))) throw err;
  }
  pruneOld(path.dirname(dir), path.basename(dir));
}

/**
 * The code-split ES-module build of the entry points: a checkout's CLI bundle
 * runs it, and its metafile names each entry's exports for makeScript's shims
 * (scripts/build-lib.mjs builds it for that alone, writing nothing).
 */
export function moduleBuildOptions(src, outdir, plugins) {
  return {
    entryPoints: Object.fromEntries(ENTRIES.map((e) => [e, path.join(src, `${e}.ts`)])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    plugins,
    // Modules bundled from CommonJS (yaml's, ajv's) call require(): give the bundle one.
    banner: { js: "import { createRequire as __dashcodeCreateRequire } from 'node:module'; const require = __dashcodeCreateRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'silent',
  };
}

/**
 * esbuild plugin: each source's `import.meta.url` becomes `urlOf(file)`, an
 * expression for that source's own URL where it runs (a checkout: the file in
 * src/; an installed package: its compiled copy in dist/), so paths computed
 * from it (package.json, the bin, the PGlite worker) mean what they mean there.
 */
export function importMetaUrlPlugin(src, urlOf) {
  return {
    name: 'own-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (!args.path.startsWith(src + path.sep)) return undefined;
        const { readFile } = await import('node:fs/promises');
        const text = (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', urlOf(args.path));
        return { contents: text, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
      });
    },
  };
}

/**
 * esbuild plugin: zod's `locales` namespace (z.locales.de() and 60-odd others,
 * ~370 KB, half of zod) is kept whole by any `z.` use; dashcode never selects
 * a locale, and zod registers English from locales/en.js itself.
 */
export function zodEnglishOnlyPlugin() {
  return {
    name: 'zod-english-only',
    setup(build) {
      build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({ contents: 'export { default as en } from "./en.js";', resolveDir: path.dirname(args.path), loader: 'js' }));
    },
  };
}

/**
 * The same sources once more, as one CommonJS script that V8 can cache
 * compiled (code-cache.js): the library's entry points and the CLI's `run`.
 * A dashboard's `import 'dashcode'` must reach this copy of the library, not
 * the modules beside it, so each library entry gets a small ES module in
 * `shim/` that re-exports the script's (their names come from the module
 * build's metafile); bin/dashcode.js points the loaders at `shim/`.
 */
export async function makeScript(esbuild, src, tmp, metafile, plugins) {
  const contents = [
    `export { run } from ${JSON.stringify(path.join(src, 'cli/run.ts'))};`,
    // Loaded when first asked for: `check` needs none of them, `build` only what its modules import. By require(),
    // which esbuild makes a synchronous, lazy init: the shims then need no top-level await, so Node can load a
    // project's modules with require() (native-loader.js), without the ES-module loader's asynchronous round trips.
    `export const library = { ${LIBRARY_ENTRIES.map((e) => `${JSON.stringify(e)}: () => require(${JSON.stringify(path.join(src, `${e}.ts`))})`).join(', ')} };`,
  ].join('\n');
  const { outputFiles } = await esbuild.build({
    stdin: { contents, resolveDir: src, sourcefile: 'cli-script.ts', loader: 'ts' },
    outfile: path.join(tmp, SCRIPT),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // No import() in the script: Node 20 loses a vm.Script's dynamic-import callback when the script comes from
    // the code cache. The externals it loads (pg, PGlite, playwright-core) all ship CommonJS.
    supported: { 'dynamic-import': false },
    // import.meta.url of the bundled packages' ES modules (src/'s is each file's own, ownUrl): the script's, as the modules' is their chunk's.
    define: { 'import.meta.url': '__dashcodeScriptUrl' },
    banner: { js: "const __dashcodeScriptUrl = require('node:url').pathToFileURL(__filename).href;" },
    external: EXTERNAL,
    plugins,
    // Whitespace only: V8 reads, hashes and deserialises a third less (a rebuild's vm.Script took 32 → 22 ms in a
    // profile), while names stay, so an internal error's stack still says which function.
    minifyWhitespace: true,
    write: false,
    logLevel: 'silent',
  });
  // ASCII, so that code-cache.js can read it as latin1 (a quarter of the time UTF-8 decoding takes). esbuild
  // escapes all but comments; a \u escape means the same everywhere else too.
  const text = outputFiles[0].text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(path.join(tmp, SCRIPT), text);
  for (const e of LIBRARY_ENTRIES) {
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined && path.resolve(o.entryPoint) === path.join(src, `${e}.ts`));
    if (!output) throw new Error(`no metafile output for ${e}`);
    const names = output.exports.filter((n) => n !== 'default');
    const lines = [`const library = globalThis[Symbol.for(${JSON.stringify(LIBRARY)})].get(${JSON.stringify(e)})();`];
    if (names.length > 0) lines.push(`export const { ${names.join(', ')} } = library;`);
    if (output.exports.includes('default')) lines.push('export default library.default;');
    const file = path.join(tmp, 'shim', `${e}.js`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${lines.join('\n')}\n`);
  }
}

/** Bundles of earlier sources are dead weight: keep the newest few (another checkout state may still be in use). */
function pruneOld(parent, keep) {
  const old = readdirSync(parent)
    .filter((n) => n !== keep && !n.includes('.tmp-'))
    .map((n) => ({ n, t: statSync(path.join(parent, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t)
    .slice(3);
  for (const { n } of old) rmSync(path.join(parent, n), { recursive: true, force: true });
}
