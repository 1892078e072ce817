// Plain JavaScript on purpose, like walk.js: the build cache (src/cli/fast-path.js)
// and the TypeScript loader hooks (ts-hooks.js) write through it before any
// TypeScript can load. Types: atomic.d.ts. The one home of write-then-rename.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Write then rename: a crash or a full disk never leaves half a file behind.
 * Used by every file dashcode writes (generated files, imported modules,
 * preview pages, the build cache, transpiled-module cache, the PGlite start-up
 * snapshot), so it sits below both the CLI and the db layer. The temporary name
 * is unique per process and call, so concurrent writers never share one.
 */
let counter = 0;
export async function writeFileAtomic(file, data) {
  await mkdir(path.dirname(file), { recursive: true });
  counter += 1;
  const tmp = `${file}.${process.pid}.${Date.now().toString(36)}${counter.toString(36)}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The file's text, or undefined when it does not exist. */
export async function readIfExists(file) {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}
