#!/usr/bin/env node
// `--help`, `--version` and an unknown command are answered before anything
// else loads, and an up-to-date `dashcode build [--check]` from the build
// cache before any TypeScript is loaded. Otherwise: an installed package runs
// the one-script CLI built into dist/cli-script/ (scripts/build-lib.mjs) with
// V8's code cache, else the compiled dist/ module by module; a checkout (src/
// present) runs what is in src/, from a bundle of it made after each change
// (src/cli/bundle.js), or, without esbuild, module by module through
// dashcode's own cached transpiler (src/files/ts-hooks.js).
//
// CommonJS (bin/package.json), not an ES module, for start-up: an ES-module
// entry starts Node's ES-module loader and wraps each builtin it imports in a
// facade, 10-15 ms before any work on a 2-core machine. The modules it loads
// are ES modules, taken with require() where Node can (require(esm): Node
// 20.19+, 22.12+), else with import().
'use strict';
const { existsSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const src = path.join(__dirname, '../src/cli/main.ts');
const checkout = existsSync(src);
const own = (rel) => path.join(__dirname, '..', checkout ? 'src' : 'dist', rel);
const argv = process.argv.slice(2);

/** An ES module of dashcode's, synchronously where Node allows it. */
async function load(file) {
  try {
    return require(file);
  } catch (err) {
    // Node without require(esm), or a module graph with top-level await.
    if (err?.code !== 'ERR_REQUIRE_ESM' && err?.code !== 'ERR_REQUIRE_ASYNC_MODULE') throw err;
    return import(pathToFileURL(file).href);
  }
}

async function start() {
  const { answerWithoutCommand } = await load(own('cli/help.js'));
  const answer = answerWithoutCommand(argv);
  if (answer) {
    if (answer.stdout !== undefined) process.stdout.write(answer.stdout);
    if (answer.stderr !== undefined) process.stderr.write(answer.stderr);
    process.exitCode = answer.code;
  } else {
    await main();
  }
}

async function main() {
  const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() };
  try {
    // Only `build` can be answered from the cache: other commands don't load it.
    const fast = argv[0] === 'build' ? await load(own('cli/fast-path.js')) : undefined;
    const cached = await fast?.tryCachedBuild(argv, io);
    if (cached !== undefined) {
      process.exitCode = cached;
    } else if (checkout) {
      const root = path.join(__dirname, '..');
      const cacheDir = path.join(root, 'node_modules/.cache/dashcode');
      const { checkoutBundle, SCRIPT } = await load(own('cli/bundle.js'));
      const bundle = process.env.DASHCODE_NO_BUNDLE ? undefined : await checkoutBundle(root, cacheDir);
      const script = bundle && !process.env.DASHCODE_NO_CODE_CACHE && existsSync(`${bundle}/${SCRIPT}`) ? await scriptOf(`${bundle}/${SCRIPT}`) : undefined;
      if (script) {
        await runScript(script, root, bundle, io);
      } else if (bundle) {
        const { BUNDLE } = await load(own('files/ts-loader.js'));
        globalThis[BUNDLE] = { root, dir: bundle };
        // The library's entry too: a build's project modules import it (as the bundle's index.js, native-loader.js),
        // and most of the chunks it imports are the command's anyway.
        if (argv[0] === 'build') await import(pathToFileURL(`${bundle}/index.js`).href);
        await import(pathToFileURL(`${bundle}/cli/main.js`).href);
      } else {
        const { registerTypeScript } = await load(own('files/ts-loader.js'));
        registerTypeScript(cacheDir);
        await import(pathToFileURL(src).href);
      }
    } else {
      const root = path.join(__dirname, '..');
      const dir = path.join(root, 'dist/cli-script');
      const script = process.env.DASHCODE_NO_CODE_CACHE ? undefined : await installedScript(root, dir);
      if (script) await runScript(script, root, dir, io, script.key);
      else await import(pathToFileURL(own('cli/main.js')).href);
    }
  } catch (err) {
    // A stale or incomplete node_modules: one line naming the package and the fix, not Node's stack trace.
    const { missingDependencyMessage } = await load(own('cli/missing-dependency.js'));
    const message = missingDependencyMessage(err);
    if (message === undefined) throw err;
    process.stderr.write(message);
    process.exitCode = 2;
  }
}

async function scriptOf(file) {
  const { requireWithCodeCache } = await load(own('cli/code-cache.js'));
  return requireWithCodeCache(file, `${file}.${commandName()}.v8-cache`);
}

/**
 * What a code cache is kept per: the command. A cache holds what the run that
 * wrote it compiled, so one written after `init` left every later `build` to
 * compile most of its functions again (333 against 283 ms for `build
 * --no-cache` in a scratch repository), and one cache for every command would
 * make each deserialise every other's functions.
 */
function commandName() {
  return /^[a-z][a-z-]{0,19}$/.test(argv[0] ?? '') ? argv[0] : 'other';
}

/**
 * The installed package's one-script CLI, with its V8 code cache in the
 * project's node_modules/.cache/dashcode (the package's own folder may not be
 * writable), named by the script's content hash (V8 itself checks only the
 * length), the node version and the command. Undefined when the package has
 * no script.
 */
async function installedScript(root, dir) {
  let key;
  try {
    key = readFileSync(path.join(dir, 'key'), 'utf8').trim();
  } catch {
    return undefined;
  }
  if (!/^[0-9a-f]{16}$/.test(key)) return undefined;
  const nodeModules = path.dirname(root);
  const cacheDir = path.basename(nodeModules) === 'node_modules' ? path.join(nodeModules, '.cache', 'dashcode') : undefined;
  const { requireWithCodeCache, SCRIPT } = await load(own('cli/code-cache.js'));
  const script = requireWithCodeCache(path.join(dir, SCRIPT), cacheDir && path.join(cacheDir, `cli-script-${key}-${process.version}-${commandName()}.v8-cache`));
  return {
    ...script,
    key,
    save: async () => {
      await script.save();
      // A cache of another dashcode (an upgrade, a reinstall of a changed tarball) is 2 MB no run will read again.
      try {
        for (const f of readdirSync(cacheDir)) if (/^cli-script-[0-9a-f]+-/.test(f) && !f.startsWith(`cli-script-${key}-`)) rmSync(path.join(cacheDir, f), { force: true });
      } catch {
        // No cache folder: nothing to prune.
      }
    },
  };
}

/**
 * Runs the one-script CLI (src/cli/code-cache.js): the whole CLI and library as one script V8 caches compiled;
 * `dashcode` imports of the project's modules reach its library through the shims beside it.
 */
async function runScript(script, root, dir, io, key = undefined) {
  const { BUNDLE } = await load(own('files/ts-loader.js'));
  const { LIBRARY } = await load(own('cli/code-cache.js'));
  globalThis[BUNDLE] = { root, dir, entries: `${dir}/shim`, key };
  globalThis[Symbol.for(LIBRARY)] = new Map(Object.entries(script.exports.library));
  process.exitCode = await script.exports.run(argv, { ...io, env: process.env });
  // A code cache carries a hash of V8's flags: written under the embedded database's, the next run would reject it.
  if (script.stale) (await load(own('cli/wasm-flags.js'))).restoreDefaultWasmFlags();
  await script.save();
}

start();
