// Plain JavaScript on purpose: used by the TypeScript hooks (ts-hooks.js, in
// Node's loader thread) and by the in-thread project loader (native-loader.js)
// before any TypeScript can load. Types: transpile.d.ts. The one home of
// dashcode's TypeScript transpile: sucrase (type stripping, no install
// script, unlike esbuild's native binary), once per content hash, the
// JavaScript kept in <cacheDir>/ts/, so an unchanged module costs a file read.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
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
    pruneOnce(path.dirname(cached));
  }
  return code;
}

/**
 * The cache is keyed by content, so every edit of a module adds an entry.
 * Past `maxEntries`, the oldest are removed until `keep` remain, but never
 * one written in the last `minAgeMs` (a hit does not refresh an entry's
 * time, so an old entry may still be in use: removing it costs one
 * transpile, at most once a day). Checked on the first write of a process,
 * as only a write adds an entry.
 */
export const TRANSPILE_CACHE_LIMITS = Object.freeze({ maxEntries: 1000, keep: 500, minAgeMs: 86_400_000 });
const ENTRY = /^[0-9a-f]{64}\.mjs$/;
const pruned = new Set();

function pruneOnce(dir) {
  if (pruned.has(dir)) return;
  pruned.add(dir);
  const { maxEntries, keep, minAgeMs } = TRANSPILE_CACHE_LIMITS;
  let entries;
  try {
    entries = readdirSync(dir).filter((n) => ENTRY.test(n));
  } catch {
    return;
  }
  if (entries.length <= maxEntries) return;
  const cutoff = Date.now() - minAgeMs;
  const aged = [];
  for (const name of entries) {
    try {
      const mtime = statSync(path.join(dir, name)).mtimeMs;
      if (mtime < cutoff) aged.push({ name, mtime });
    } catch {
      // removed by another process meanwhile
    }
  }
  aged.sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : 1));
  // Another process reading an entry removed here transpiles it again.
  for (const { name } of aged.slice(0, entries.length - keep)) rmSync(path.join(dir, name), { force: true });
}
