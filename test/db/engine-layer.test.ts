/**
 * The engine layer (src/db/engine.ts, pglite.ts, postgres.ts, errors.ts,
 * values.ts): the same behaviour on embedded PGlite and on a real PostgreSQL
 * (when DATABASE_URL is set; always in CI, see .ci/postgres.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlEngine } from '../../src/db/engine.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';
import { SqlError, kindOf, positionToLineColumn } from '../../src/db/errors.js';
import { parseNumeric, parseTimestamp } from '../../src/db/values.js';
import { POSTGRES_HOW, service } from '../support/services.js';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { repoRoot } from '../support/shared.js';

async function caught(p: Promise<unknown>): Promise<SqlError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SqlError);
    return e as SqlError;
  }
  throw new Error('expected a SqlError');
}

function engineSuite(name: string, open: () => Promise<SqlEngine>, schema?: string) {
  describe(`engine on ${name}`, () => {
    let db: SqlEngine;
    beforeAll(async () => {
      db = await open();
      await db.exec('CREATE TABLE t (id int PRIMARY KEY, v text)');
    });
    afterAll(async () => {
      if (schema !== undefined) await db?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db?.close();
    });

    it('returns plain rows and field types', async () => {
      const r = await db.query<{ a: number; b: string }>(`SELECT 1::int AS a, 'x' AS b`);
      expect(r.rows).toEqual([{ a: 1, b: 'x' }]);
      expect(r.fields).toEqual([
        { name: 'a', dataTypeID: 23 },
        { name: 'b', dataTypeID: 25 },
      ]);
    });

    it('keeps position, code and message of a query error', async () => {
      const sql = 'SELECT nosuchcolumn FROM t';
      const e = await caught(db.query(sql));
      expect(e).toMatchObject({ kind: 'query', code: '42703', position: 8, query: sql });
      expect(e.message).toBe('column "nosuchcolumn" does not exist at position 8');
      expect(e.location()).toEqual({ line: 1, column: 8 });
    });

    it('reads timestamps as UTC Dates and exact numbers as numbers', async () => {
      const r = await db.query(
        `SELECT '2025-07-29 20:08:07.876981'::timestamp AS ts, $1::timestamp AS param, 5::int8 AS small,
                9007199254740993::int8 AS big, 1.25::numeric AS num, count(*) AS n, '2025-01-02'::date AS d,
                '{"k": 1.5}'::jsonb AS j FROM t`,
        [new Date('2025-01-01T10:00:00.123Z')],
      );
      expect(r.rows[0]).toEqual({
        ts: new Date('2025-07-29T20:08:07.876Z'),
        param: new Date('2025-01-01T10:00:00.123Z'),
        small: 5,
        big: '9007199254740993',
        num: 1.25,
        n: 0,
        d: '2025-01-02',
        j: { k: 1.5 },
      });
    });

    it('commits a transaction, rolls back on throw, nests with savepoints', async () => {
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (1, $1)', ['kept']);
        await tx
          .transaction(async (inner) => {
            await inner.query(`INSERT INTO t VALUES (2, 'inner')`);
            throw new Error('inner fails');
          })
          .catch(() => undefined);
      });
      await expect(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO t VALUES (3, 'gone')`);
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      expect((await db.query('SELECT id, v FROM t ORDER BY id')).rows).toEqual([{ id: 1, v: 'kept' }]);
    });

    it('rolls back when a statement fails inside the transaction', async () => {
      const e = await caught(
        db.transaction(async (tx) => {
          await tx.query(`INSERT INTO t VALUES (4, 'gone')`);
          await tx.query(`INSERT INTO t VALUES (1, 'duplicate')`);
        }),
      );
      expect(e.code).toBe('23505');
      expect((await db.query('SELECT count(*) AS n FROM t')).rows).toEqual([{ n: 1 }]);
    });

    it('exec runs several statements', async () => {
      await db.exec(`CREATE TABLE u (x int); INSERT INTO u VALUES (1), (2);`);
      expect((await db.query('SELECT sum(x) AS s FROM u')).rows).toEqual([{ s: 3 }]);
    });
  });
}

// From the shared start-up snapshot: these tests are about the engine layer, and an initdb costs ~4 s of CPU.
// initdb itself is covered by test/db/pglite-snapshot.test.ts (in memory) and test/security/pglite-lock.test.ts (a folder).
engineSuite('PGlite', () => openPglite(undefined, { snapshotDir: cacheDir(repoRoot) }));

const url = service('DATABASE_URL', POSTGRES_HOW);
if (url) {
  // A throwaway schema, so the suite neither sees nor leaves tables in the shared database.
  const schema = `dashcode_engine_${process.pid}_${Date.now()}`;
  engineSuite(
    'PostgreSQL',
    async () => {
      const admin = await openPostgres(url);
      await admin.exec(`CREATE SCHEMA ${schema}`);
      await admin.close();
      return openPostgres(url, { schema });
    },
    schema,
  );

  describe('connection errors on PostgreSQL', () => {
    const u = new URL(url);
    it('tells a wrong password (auth, 28P01)', async () => {
      const bad = new URL(u);
      bad.password = 'wrong-password';
      expect(await caught(openPostgres(bad.href))).toMatchObject({ kind: 'auth', code: '28P01' });
    });
    it('tells a missing database (no-database, 3D000)', async () => {
      const bad = new URL(u);
      bad.pathname = '/no_such_database';
      expect(await caught(openPostgres(bad.href))).toMatchObject({ kind: 'no-database', code: '3D000' });
    });
    it('reads the PG* environment variables without a URL', async () => {
      const saved = { ...process.env };
      Object.assign(process.env, { PGHOST: u.hostname, PGPORT: u.port, PGUSER: decodeURIComponent(u.username), PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: u.pathname.slice(1) });
      try {
        const db = await openPostgres();
        expect((await db.query('SELECT current_database() AS d')).rows).toEqual([{ d: u.pathname.slice(1) }]);
        await db.close();
      } finally {
        for (const k of ['PGHOST', 'PGPORT', 'PGUSER', 'PGPASSWORD', 'PGDATABASE']) {
          if (saved[k] === undefined) delete process.env[k];
          else process.env[k] = saved[k];
        }
      }
    });
  });
}

describe('connection errors without a server', () => {
  it('tells a refused connection (connect, ECONNREFUSED)', async () => {
    // Port 1 on loopback: nothing listens there, so the kernel refuses at once.
    expect(await caught(openPostgres('postgres://u:p@127.0.0.1:1/metrics'))).toMatchObject({ kind: 'connect', code: 'ECONNREFUSED' });
  });
});

describe('error and value helpers', () => {
  it('classifies codes', () => {
    expect(['28P01', '28000', '3D000', '08006', 'ENOTFOUND', '42P01', undefined].map(kindOf)).toEqual(['auth', 'auth', 'no-database', 'connect', 'connect', 'query', 'query']);
  });
  it('maps a character position to line and column, counting code points', () => {
    expect(positionToLineColumn('SELECT\n  x', 10)).toEqual({ line: 2, column: 3 });
    expect(positionToLineColumn("SELECT '😀', x", 13)).toEqual({ line: 1, column: 13 });
  });
  it('keeps numbers a double cannot hold exactly as strings', () => {
    expect(parseNumeric('123.450')).toBe(123.45);
    expect(parseNumeric('0.000001')).toBe(0.000001);
    expect(parseNumeric('12345678901234567.5')).toBe('12345678901234567.5');
    expect(parseNumeric('NaN')).toBe('NaN');
    expect(parseTimestamp('infinity')).toBe('infinity');
  });
});
