// Plain JavaScript: bin/dashcode.js runs bundle.js, which uses this, before any TypeScript can load.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The key of a checkout's src/ as it is now: every file's path, size and
 * mtime, and the lock file's, under `format`. Computed on every run of the
 * checkout's CLI, so plain string paths: path.join/relative per file were
 * half of its cost.
 */
export function sourceKey(root, format) {
  const hash = createHash('sha256').update(`${format}\0${process.version}\0`);
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const files = readdirSync(`${prefix}src`, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `${(e.parentPath ?? e.path).slice(prefix.length)}${path.sep}${e.name}`)
    .sort();
  for (const f of [...files, 'package-lock.json']) {
    try {
      const st = statSync(prefix + f);
      hash.update(`${f}\0${st.size}\0${st.mtimeMs}\0`);
    } catch {
      hash.update(`${f}\0-\0`);
    }
  }
  return hash.digest('hex').slice(0, 20);
}
