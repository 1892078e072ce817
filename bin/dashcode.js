#!/usr/bin/env node
// `--help`, `--version` and an unknown command are answered before anything
// else loads, and an up-to-date `dashcode build [--check]` from the build
// cache before any TypeScript is loaded. Otherwise: an installed package runs
// the compiled dist/; a checkout (src/ present) runs what is in src/, from a
// bundle of it made after each change (src/cli/bundle.js), or, without
// esbuild, module by module through dashcode's own cached transpiler
// (src/files/ts-hooks.js).
//
// CommonJS (bin/package.json), not an ES module, for start-up: an ES-module
// entry starts Node's ES-module loader and wraps each builtin it imports in a
// facade, 10-15 ms before any work on a 2-core machine. The modules it loads
// are ES modules, taken with require() where Node can (require(esm): Node
// 20.19+, 22.12+), else with import().
'use strict';
const { existsSync } = require('node:fs');
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
      const { checkoutBundle, LIBRARY, SCRIPT } = await load(own('cli/bundle.js'));
      const bundle = process.env.DASHCODE_NO_BUNDLE ? undefined : await checkoutBundle(root, cacheDir);
      const script = bundle && !process.env.DASHCODE_NO_CODE_CACHE && existsSync(`${bundle}/${SCRIPT}`) ? await scriptOf(`${bundle}/${SCRIPT}`) : undefined;
      if (script) {
        // The whole CLI and library as one script V8 caches compiled (src/cli/code-cache.js); `dashcode`
        // imports of the project's modules reach its library through the shims beside it.
        const { BUNDLE } = await load(own('files/ts-loader.js'));
        globalThis[BUNDLE] = { root, dir: bundle, entries: `${bundle}/shim` };
        globalThis[Symbol.for(LIBRARY)] = new Map(Object.entries(script.exports.library));
        process.exitCode = await script.exports.run(argv, { ...io, env: process.env });
        await script.save();
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
      await import(pathToFileURL(own('cli/main.js')).href);
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
  return requireWithCodeCache(file, `${file}.v8-cache`);
}

start();
