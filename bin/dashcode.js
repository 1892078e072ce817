#!/usr/bin/env node
// An up-to-date `dashcode build [--check]` is answered from the build cache
// before any TypeScript is loaded. Otherwise: in a checkout (src/ present) run
// the TypeScript sources through dashcode's own cached transpiler
// (src/files/ts-hooks.js), so the repo always runs what is in src/; an
// installed package runs the compiled dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
const checkout = existsSync(src);
const argv = process.argv.slice(2);
const io = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd() };

try {
  // Only `build` can be answered from the cache: other commands don't load it.
  const fast = argv[0] === 'build' ? await import(checkout ? '../src/cli/fast-path.js' : '../dist/cli/fast-path.js') : undefined;
  const cached = await fast?.tryCachedBuild(argv, io);
  if (cached !== undefined) {
    process.exitCode = cached;
  } else if (checkout) {
    const { registerTypeScript } = await import('../src/files/ts-loader.js');
    registerTypeScript(fileURLToPath(new URL('../node_modules/.cache/dashcode', import.meta.url)));
    await import(src);
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
