/**
 * In-memory PGlite for tests, started from the repository's start-up snapshot
 * (node_modules/.cache/dashcode, as the CLI does): ~0.6 s instead of ~2.2 s
 * per database. test/db/engine-layer.test.ts keeps the plain initdb path
 * covered, and test/db/pglite-snapshot.test.ts the snapshot itself.
 */
import { cacheDir } from '../../src/cli/cache-dir.js';
import type { SqlEngine } from '../../src/db/engine.js';
import { openPglite } from '../../src/db/pglite.js';
import { repoRoot } from './shared.js';

export function openTestPglite(): Promise<SqlEngine> {
  return openPglite(undefined, { snapshotDir: cacheDir(repoRoot) });
}

/**
 * A PGlite data directory (for `--pglite DIR`) written from the checkout's
 * pristine start-up snapshot: the files initdb would write, without running
 * initdb on the directory (~10 s on a loaded machine). PGlite resumes it.
 */
export async function pgliteDirFromSnapshot(dir: string): Promise<void> {
  const { mkdir, readdir, readFile, writeFile } = await import('node:fs/promises');
  const path = await import('node:path');
  const { tarEntries } = await import('../../src/db/pglite-tar.js');
  const cache = cacheDir(repoRoot)!;
  const pristine = (await readdir(cache)).find((f) => /^pglite-.*\.tar$/.test(f));
  if (!pristine) throw new Error(`no PGlite start-up snapshot in ${cache} (test/support/scratch-root.ts makes it)`);
  for (const e of tarEntries(new Uint8Array(await readFile(path.join(cache, pristine))))) {
    const target = path.join(dir, e.name);
    if (e.directory) await mkdir(target, { recursive: true, mode: 0o700 });
    else {
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      await writeFile(target, e.data, { mode: 0o600 });
    }
  }
}
