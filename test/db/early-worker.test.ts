/**
 * `check` starts PGlite's worker thread as soon as it sees an SQL query, before
 * it reads the config that says which database to open (startPgliteWorkerEarly):
 * the next database opened takes that worker, the one after starts its own, and
 * a worker nobody used does not keep the process alive.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { openIsolatedInMemory, startPgliteWorkerEarly } from '../../src/db/pglite-isolated.js';
import type { PreparedDatabase } from '../../src/db/pglite.js';
import { repoRoot } from '../support/shared.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-early-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a PGlite worker started early', () => {
  it('opens the database it is handed next; the database after that gets a worker of its own', { timeout: 120_000 }, async () => {
    startPgliteWorkerEarly();
    // The first is filled (so the worker must open what it was handed), the second is the plain start-up snapshot.
    const filled: PreparedDatabase = { fill: (e) => e.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)') };
    const first = await openIsolatedInMemory({ snapshotDir: cacheDir(repoRoot), prepared: filled });
    const second = await openIsolatedInMemory({ snapshotDir: cacheDir(repoRoot) });
    try {
      expect((await first.query('SELECT x FROM t')).rows).toEqual([{ x: 1 }]);
      expect((await second.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('does not keep the process alive when the command ends before it opens anything', () => {
    // SQL is seen (the worker starts), then a usage error ends the command before the database is chosen.
    const pg = { type: 'grafana-postgresql-datasource', uid: 'pg' };
    const dashboard = { title: 'S', uid: 's', panels: [{ type: 'table', title: 'T', datasource: pg, targets: [{ refId: 'A', datasource: pg, rawSql: 'SELECT 1' }] }] };
    writeFileSync(path.join(dir, 'sql.json'), JSON.stringify(dashboard));
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'bin/dashcode.js'), 'check', 'sql.json', '--grafana-version', 'not-a-version'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull(); // not killed by the timeout: it exited by itself
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/grafana-version/);
  });
});
