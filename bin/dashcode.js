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

/**
 * A stale or incomplete node_modules shows up as ERR_MODULE_NOT_FOUND (ES
 * modules) or MODULE_NOT_FOUND (require) while dashcode loads: one line naming
 * the package (not the file inside it) and the fix, instead of Node's stack trace.
 */
function missingDependency(err) {
  if (!err || (err.code !== 'ERR_MODULE_NOT_FOUND' && err.code !== 'MODULE_NOT_FOUND')) return undefined;
  const what = /Cannot find (?:package|module) '([^']+)'/.exec(String(err.message))?.[1];
  if (what === undefined) return undefined;
  const file = what.startsWith('.') || what.startsWith('/') || what.startsWith('file:') || /^[A-Za-z]:[\\/]/.test(what);
  if (file) return `dashcode: cannot load ${what}: the dashcode installation is incomplete; run \`npm ci\` (or \`npm install\`)\n`;
  const pkg = what.startsWith('@') ? what.split('/').slice(0, 2).join('/') : what.split('/')[0];
  return `dashcode: cannot load ${pkg}: run \`npm ci\` (or \`npm install\`)\n`;
}

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
  const message = missingDependency(err);
  if (message === undefined) throw err;
  process.stderr.write(message);
  process.exitCode = 2;
}
