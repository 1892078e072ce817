// Plain JavaScript on purpose: used by the TypeScript hooks (ts-hooks.js, in
// Node's loader thread) and by the in-thread project loader (native-loader.js)
// before any TypeScript can load. Types: transpile.d.ts. The one home of
// dashcode's TypeScript transpile: sucrase (type stripping, no install
// script, unlike esbuild's native binary), once per content hash, the
// JavaScript kept in <cacheDir>/ts/, so an unchanged module costs a file read.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';

let sucrase;

/** `source` (the text of `file`, a .ts, .mts or .cts module) as an ES module's JavaScript. */
export async function transpile(file, source, cacheDir) {
  const key = createHash('sha256').update(`dashcode-ts 3\0${path.extname(file)}\0${source}`).digest('hex');
  const cached = cacheDir && path.join(cacheDir, 'ts', `${key}.mjs`);
  if (cached) {
    try {
      // Sync: one small read per module, in a chain of them; a promise round trip each was most of its time.
      return readFileSync(cached, 'utf8');
    } catch {
      // not cached yet
    }
  }
  // Node's import of CommonJS, or the CLI bundle's (sucrase bundled in), which puts it under `default`.
  sucrase ??= await import('sucrase').then((m) => (m.transform ? m : m.default));
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
