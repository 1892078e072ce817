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
