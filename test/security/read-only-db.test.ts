/**
 * `check` and `preview` never change a database (issue 12, item 2): every
 * query a dashboard brings runs alone, read-only, in one statement, with a
 * timeout and a row cap. The hostile queries below are the ones that changed
 * data before; each must come back as an error naming its panel, with the
 * table and its rows intact, on PGlite and on a real PostgreSQL (CI always
 * has one: .ci/run exports DATABASE_URL).
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDatabase, type QueryDatabase } from '../../src/cli/database.js';
import { checkDashboard } from '../../src/check/run/index.js';
import type { SqlEngine } from '../../src/db/engine.js';
import { openPglite, pgliteVersion } from '../../src/db/pglite.js';
import { openIsolatedInMemory } from '../../src/db/pglite-isolated.js';
import { openPostgres } from '../../src/db/postgres.js';
import { openTestPglite } from '../support/pglite.js';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { repoRoot } from '../support/shared.js';
import { linkCheckoutCache } from '../support/test-cache.js';
import { POSTGRES_HOW, service } from '../support/services.js';

function sqlDashboard(rawSql: string) {
  return {
    title: 'Hostile',
    uid: 'hostile',
    time: { from: 'now-1h', to: 'now' },
    panels: [{ id: 1, type: 'table', title: 'Payload', gridPos: { x: 0, y: 0, w: 24, h: 8 }, datasource: { type: 'grafana-postgresql-datasource', uid: 'db' }, targets: [{ refId: 'A', rawSql, format: 'table', rawQuery: true }] }],
  };
}

const HOSTILE: Array<[string, string, RegExp]> = [
  ['a second statement after a SELECT', 'SELECT 1 AS value; DROP TABLE victim', /more than one SQL statement/],
  ['a DELETE inside WITH', 'WITH d AS (DELETE FROM victim RETURNING *) SELECT count(*) AS value FROM d', /modifies data/],
  ['an UPDATE inside WITH', 'WITH u AS (UPDATE victim SET x = 0 RETURNING x) SELECT x AS value FROM u', /modifies data/],
  ['a plain DELETE', 'DELETE FROM victim', /only a query .* is run/],
  ['a DO block', 'DO $$ BEGIN DELETE FROM victim; END $$', /only a query .* is run/],
  ['COMMIT then writes', 'COMMIT; SET TRANSACTION READ WRITE; DELETE FROM victim', /only a query|more than one SQL statement/],
  ['switching the session to read-write', 'SET default_transaction_read_only = off', /only a query .* is run/],
  ['a function call that writes', "SELECT set_config('transaction_read_only', 'off', false) AS value", /read-write mode must be set before any query/],
  ['a trailing statement after a comment', 'SELECT 1 AS value -- x\n; TRUNCATE victim', /more than one SQL statement/],
];

function suite(name: string, open: () => Promise<SqlEngine>, teardown?: (db: SqlEngine) => Promise<void>, realServer = false) {
  describe(`read-only queries on ${name}`, () => {
    let db: SqlEngine;
    beforeAll(async () => {
      db = await open();
      await db.exec('CREATE TABLE victim (x int); INSERT INTO victim SELECT generate_series(1, 5)');
    });
    afterAll(async () => {
      await teardown?.(db);
      await db.close();
    });
    const intact = async () => expect((await db.query<{ n: number }>('SELECT count(*)::int AS n, sum(x)::int AS s FROM victim')).rows).toEqual([{ n: 5, s: 15 }]);

    for (const [what, sql, message] of HOSTILE) {
      it(`refuses ${what}, naming the panel, and the rows stay`, async () => {
        const c = await checkDashboard(sqlDashboard(sql), { sql: db });
        expect(c.queries).toHaveLength(1);
        expect(c.queries[0]).toMatchObject({ panel: 'Payload', path: 'panels[0].targets[0]', status: 'error' });
        expect(c.queries[0]!.message).toMatch(message);
        await intact();
      });
    }

    it('still runs a plain query, with a trailing semicolon and comment', async () => {
      const c = await checkDashboard(sqlDashboard('SELECT x AS value FROM victim ORDER BY x; -- done'), { sql: db });
      expect(c.queries[0]).toMatchObject({ status: 'ok', rows: 5 });
    });

    it('reports an error position inside the query as written', async () => {
      const c = await checkDashboard(sqlDashboard('SELECT nope FROM victim'), { sql: db });
      expect(c.queries[0]!.message).toMatch(/column "nope" does not exist at position 8 \(line 1, column 8/);
    });

    it('reads at most the row cap, and says so', async () => {
      const c = await checkDashboard(sqlDashboard('SELECT generate_series(1, 1000) AS value'), { sql: db, maxRows: 10 });
      expect(c.queries[0]).toMatchObject({ status: 'ok', rows: 10, message: 'more rows than the row cap: only the first 10 were read' });
    });

    it('hostile: reads at most the byte cap, and stops with an error, not a truncated result', async () => {
      // 2,000 rows of 1,000 bytes: within the row cap, 2 MB of data. A larger result is refused, not cut:
      // a cut result would look like data.
      const big = "SELECT g AS n, repeat('x', 1000) AS payload FROM generate_series(1, 2000) AS g";
      const c = await checkDashboard(sqlDashboard(big), { sql: db, maxResultBytes: 100_000 });
      expect(c.queries[0]).toMatchObject({ status: 'error' });
      expect(c.queries[0]!.message).toMatch(/the result is larger than 100,000 bytes, the most read from one SQL query/);
      // One value alone past the cap, in the first row.
      const one = await checkDashboard(sqlDashboard("SELECT repeat('y', 200000) AS value"), { sql: db, maxResultBytes: 100_000 });
      expect(one.queries[0]!.message).toMatch(/larger than 100,000 bytes/);
      // Under the cap: the same rows, read in full.
      const ok = await checkDashboard(sqlDashboard(big), { sql: db, maxResultBytes: 10_000_000 });
      expect(ok.queries[0]).toMatchObject({ status: 'ok', rows: 2000 });
      await intact();
    });

    it.runIf(realServer)('stops pg_sleep(40) at the statement timeout', async () => {
      const c = await checkDashboard(sqlDashboard('SELECT pg_sleep(40) AS value'), { sql: db, queryTimeoutMs: 1000 });
      expect(c.queries[0]).toMatchObject({ status: 'error' });
      expect(c.queries[0]!.message).toMatch(/canceling statement due to statement timeout/);
    });
  });
}

suite('PGlite', () => openTestPglite());

/**
 * PGlite ignores statement_timeout (WebAssembly in the same thread gets no
 * timer signal): `check` and `preview` run it in a worker thread that is
 * terminated at the timeout and restarted from the same database. Both
 * databases the CLI opens: in memory (the project's declared schema and
 * fixtures) and persisted (`--pglite DIR`). No timing assertion: the test's
 * own timeout bounds it (a pg_sleep(40) that is not stopped comes back "ok",
 * and the endless query never comes back). Generous: a loaded machine starts
 * PGlite slowly, three times here.
 */
describe('a query past the timeout on PGlite', () => {
  const io = (cwd: string) => ({ cwd, env: {}, stdout: () => {}, stderr: () => {} });
  let tmp: string;
  const opened: QueryDatabase[] = [];
  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), 'pglite-timeout-'));
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    await rm(tmp, { recursive: true, force: true });
  });

  async function inMemory(): Promise<QueryDatabase> {
    const root = path.join(tmp, 'project');
    await mkdir(path.join(root, 'db'), { recursive: true });
    await writeFile(path.join(root, 'db', '001.sql'), 'CREATE TABLE victim (x int); INSERT INTO victim SELECT generate_series(1, 5);');
    linkCheckoutCache(root); // the pristine cluster as a user's project has it cached: no initdb here
    const db = queryDatabase({ 'query-timeout': TIMEOUT_S }, io(root), { data: 'config', check: { postgres: { migrations: ['db/*.sql'] } } });
    opened.push(db);
    return db;
  }

  async function persisted(): Promise<QueryDatabase> {
    const dir = path.join(tmp, 'pgdata');
    // Written from the pristine start-up snapshot, as `dashcode db init` writes a new folder: no initdb here.
    const seed = await openPglite(dir, { snapshotDir: cacheDir(repoRoot) });
    await seed.exec('CREATE TABLE victim (x int); INSERT INTO victim SELECT generate_series(1, 5)');
    await seed.close();
    const db = queryDatabase({ 'query-timeout': TIMEOUT_S, pglite: dir }, io(tmp), { data: 'config', check: {} });
    opened.push(db);
    return db;
  }

  // Half a second: the same timer and restart as the default 10 s, two seconds of waiting per database instead of four.
  // The timer starts when the worker begins the query, so a slow machine does not make a 5-row query miss it.
  const TIMEOUT_S = '0.5';
  const LOOP = 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT count(*) AS value FROM r';
  for (const [where, open] of [['in memory', inMemory], ['in a --pglite directory', persisted]] as const) {
    it(`stops pg_sleep(40) and an endless query at the timeout, ${where}, and the next query sees the same data`, { timeout: 180_000 }, async () => {
      const db = await open();
      const intact = async () => expect((await db.runner.query('SELECT count(*)::int AS n, sum(x)::int AS s FROM victim')).rows).toEqual([{ n: 5, s: 15 }]);
      await intact();
      for (const sql of ['SELECT pg_sleep(40) AS value', LOOP]) {
        const c = await checkDashboard(sqlDashboard(sql), { sql: db.runner });
        expect(c.queries[0]).toMatchObject({ panel: 'Payload', path: 'panels[0].targets[0]', status: 'error' });
        expect(c.queries[0]!.message).toMatch(/canceling statement due to statement timeout \(canceled after 0\.5 s/);
        await intact();
      }
      // still read-only after a restart
      const c = await checkDashboard(sqlDashboard('WITH d AS (DELETE FROM victim RETURNING *) SELECT count(*) AS value FROM d'), { sql: db.runner });
      expect(c.queries[0]!.message).toMatch(/modifies data/);
      await intact();
    });
  }

  it('rebuilds a damaged cached database instead of failing in the worker', async () => {
    const snapshotDir = path.join(tmp, 'damaged-project', 'node_modules', '.cache', 'dashcode');
    linkCheckoutCache(path.join(tmp, 'damaged-project')); // the pristine cluster, so the rebuild fills it instead of running initdb
    const file = path.join(snapshotDir, `prepared-${pgliteVersion()}-damaged.tar`);
    await writeFile(file, 'not a tar');
    const db = await openIsolatedInMemory({ snapshotDir, prepared: { key: 'damaged', fill: (e) => e.exec('CREATE TABLE victim (x int); INSERT INTO victim SELECT generate_series(1, 5)') } });
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM victim')).rows).toEqual([{ n: 5 }]);
      expect((await readFile(file)).length).toBeGreaterThan(1000);
    } finally {
      await db.close();
    }
  });
});

const url = service('DATABASE_URL', POSTGRES_HOW);
if (url) {
  const schema = `safetydb_ro_${process.pid}_${Date.now()}`;
  suite(
    'a real PostgreSQL',
    async () => {
      const admin = await openPostgres(url);
      await admin.exec(`CREATE SCHEMA ${schema}`);
      await admin.close();
      return openPostgres(url, { schema, max: 1 });
    },
    (db) => db.exec(`DROP SCHEMA ${schema} CASCADE`),
    true,
  );
}
