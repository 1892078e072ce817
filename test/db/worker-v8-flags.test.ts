/**
 * The embedded database's V8 flags are set by PGlite's worker thread itself
 * (IsolatedOptions.v8Flags), once it has started: set by the caller before the
 * thread starts, they made the thread's Node modules miss their built-in code
 * cache. The flags are process-wide, so the caller sees them once the worker
 * has opened the database; a database filled in the caller's thread first (a
 * snapshot to make) is compiled under them there too. `--expose-gc` stands in
 * for the CLI's flags here because a new context shows it (`typeof gc`), and
 * is turned off again.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { openIsolatedInMemory } from '../../src/db/pglite-isolated.js';
import type { PreparedDatabase } from '../../src/db/pglite.js';
import { repoRoot } from '../support/shared.js';

const gcShown = () => runInNewContext('typeof gc') === 'function';

describe('v8Flags of an isolated PGlite', () => {
  it('are set by the worker before it opens the database, and only when given', { timeout: 120_000 }, async () => {
    expect(gcShown()).toBe(false);
    const plain = await openIsolatedInMemory({ snapshotDir: cacheDir(repoRoot) });
    try {
      expect(gcShown()).toBe(false);
    } finally {
      await plain.close();
    }
    const flagged = await openIsolatedInMemory({ snapshotDir: cacheDir(repoRoot) }, { v8Flags: ['--expose-gc'] });
    try {
      expect(gcShown()).toBe(true);
      expect((await flagged.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await flagged.close();
      setFlagsFromString('--no-expose-gc');
    }
    expect(gcShown()).toBe(false);
  });

  it('are set in this thread too when the database is filled here first (a fill never cached, or a snapshot to make)', { timeout: 120_000 }, async () => {
    let duringFill: boolean | undefined;
    // No key: filled on every open, in this thread, before the worker is handed the dump.
    const prepared: PreparedDatabase = {
      fill: async (e) => {
        duringFill = gcShown();
        await e.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
      },
    };
    const db = await openIsolatedInMemory({ snapshotDir: cacheDir(repoRoot), prepared }, { v8Flags: ['--expose-gc'] });
    try {
      expect(duringFill).toBe(true);
      expect((await db.query('SELECT x FROM t')).rows).toEqual([{ x: 1 }]);
    } finally {
      await db.close();
      setFlagsFromString('--no-expose-gc');
    }
  });
});
