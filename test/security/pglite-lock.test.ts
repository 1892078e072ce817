/**
 * A PGlite data directory is used by one process at a time (issue 12 item 7).
 * The first test's folder is written from the start-up snapshot, as the CLI
 * writes one; the second runs initdb on the folder (no snapshot given), so
 * that path stays covered.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite, PgliteLockedError } from '../../src/db/pglite.js';
import { run } from '../../src/cli/run.js';
import { captureIo } from '../support/temp-project.js';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { repoRoot } from '../support/shared.js';

describe('the PGlite data directory lock', () => {
  it('refuses a second opener clearly while the first holds it, and frees it on close', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dashcode-lock-')), 'db');
    const first = await openPglite(dir, { snapshotDir: cacheDir(repoRoot) });
    await first.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
    const second = await openPglite(dir).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(PgliteLockedError);
    expect((second as Error).message).toMatch(new RegExp(`the PGlite database .*db is in use by process ${process.pid}`));
    // The CLI says the same, as a finding rather than an internal error.
    const io = captureIo(path.dirname(dir));
    expect(await run(['db', 'init', '--pglite', dir], io)).toBe(1);
    expect(io.err).toMatch(/is in use by process/);
    await first.close();
    const again = await openPglite(dir);
    expect((await again.query('SELECT x FROM t')).rows).toEqual([{ x: 1 }]);
    await again.close();
  }, 180_000);

  it('takes over a stale lock whose process is gone', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'dashcode-lock-')), 'db');
    writeFileSync(`${dir}.lock`, '2147483646\n'); // no such process
    // Seeded from the snapshot, as the first test is: the lock is under test here, not initdb (~3 s of CPU).
    const db = await openPglite(dir, { snapshotDir: cacheDir(repoRoot) });
    expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await db.close();
  }, 180_000);
});
