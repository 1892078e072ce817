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

