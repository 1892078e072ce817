#!/usr/bin/env node
// `--help`, `--version` and an unknown command are answered before anything
// else loads, and an up-to-date `dashcode build [--check]` from the build
// cache before any TypeScript is loaded. Otherwise: an installed package runs
// the compiled dist/; a checkout (src/ present) runs what is in src/, from a
// bundle of it made after each change (src/cli/bundle.js), or, without
// esbuild, module by module through dashcode's own cached transpiler
// (src/files/ts-hooks.js).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const src = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const checkout = existsSync(src);
const argv = process.argv.slice(2);
const { answerWithoutCommand } = await import(checkout ? '../src/cli/help.js' : '../dist/cli/help.js');
const answer = answerWithoutCommand(argv);
if (answer) {
  if (answer.stdout !== undefined) process.stdout.write(answer.stdout);
  if (answer.stderr !== undefined) process.stderr.write(answer.stderr);
  process.exitCode = answer.code;
} else {
  await main();
}

async function main() {
  const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() };
  try {
    // Only `build` can be answered from the cache: other commands don't load it.
    const fast = argv[0] === 'build' ? await import(checkout ? '../src/cli/fast-path.js' : '../dist/cli/fast-path.js') : undefined;
    const cached = await fast?.tryCachedBuild(argv, io);
    if (cached !== undefined) {
      process.exitCode = cached;
    } else if (checkout) {
      const root = fileURLToPath(new URL('..', import.meta.url));
      const cacheDir = fileURLToPath(new URL('../node_modules/.cache/dashcode', import.meta.url));
      const { checkoutBundle, LIBRARY, SCRIPT } = await import('../src/cli/bundle.js');
      const bundle = process.env.DASHCODE_NO_BUNDLE ? undefined : await checkoutBundle(root, cacheDir);
      const script = bundle && !process.env.DASHCODE_NO_CODE_CACHE && existsSync(`${bundle}/${SCRIPT}`) ? await scriptOf(`${bundle}/${SCRIPT}`) : undefined;
      if (script) {
        // The whole CLI and library as one script V8 caches compiled (src/cli/code-cache.js); `dashcode`
        // imports of the project's modules reach its library through the shims beside it.
        const { BUNDLE } = await import('../src/files/ts-loader.js');
        globalThis[BUNDLE] = { root, dir: bundle, entries: `${bundle}/shim` };
        globalThis[Symbol.for(LIBRARY)] = new Map(Object.entries(script.exports.library));
        process.exitCode = await script.exports.run(argv, { ...io, env: process.env });
        await script.save();
      } else if (bundle) {
        const { BUNDLE } = await import('../src/files/ts-loader.js');
        globalThis[BUNDLE] = { root, dir: bundle };
        // The library's entry too: a build's project modules import it (as the bundle's index.js, native-loader.js),
        // and most of the chunks it imports are the command's anyway.
        if (argv[0] === 'build') await import(pathToFileURL(`${bundle}/index.js`).href);
        await import(pathToFileURL(`${bundle}/cli/main.js`).href);
      } else {
        const { registerTypeScript } = await import('../src/files/ts-loader.js');
        registerTypeScript(cacheDir);
        await import(src);
      }
    } else {
      await import('../dist/cli/main.js');
    }
  } catch (err) {
    // A stale or incomplete node_modules: one line naming the package and the fix, not Node's stack trace.
    const { missingDependencyMessage } = await import(checkout ? '../src/cli/missing-dependency.js' : '../dist/cli/missing-dependency.js');
    const message = missingDependencyMessage(err);
    if (message === undefined) throw err;
    process.stderr.write(message);
    process.exitCode = 2;
  }
}

async function scriptOf(file) {
  const { requireWithCodeCache } = await import('../src/cli/code-cache.js');
  return requireWithCodeCache(file, `${file}.v8-cache`);
}
