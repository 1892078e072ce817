/** A real PostgreSQL server through `pg` (node-postgres), with a small pool. */
import type { Pool, PoolClient, QueryConfig } from 'pg';
import { toSqlError } from './errors.js';
import { guard, transactionEngine, type Connection, type SqlEngine, type SqlResult } from './engine.js';
import { PARSERS, prepareParams } from './values.js';

export interface PostgresOptions {
  /** Sets `search_path` on every connection (tests use a throwaway schema). */
  schema?: string;
  /** Pool size; default 4. */
  max?: number;
  /** Connection parameters (e.g. from PG* variables read by the caller), instead of the driver reading process.env. */
  connection?: { host?: string; port?: number; user?: string; password?: string; database?: string };
}

/**
 * `url` is a `postgres://user:password@host:port/database` URL. Without one,
 * `pg` reads the standard PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
 * variables. Connects once before returning, so a wrong host, password or
 * database fails here as a `SqlError` of kind `connect`, `auth` or `no-database`.
 */
export async function openPostgres(url?: string, options: PostgresOptions = {}): Promise<SqlEngine> {
  const pg = (await import('pg')).default;
  const pool: Pool = new pg.Pool({
    ...(url !== undefined ? { connectionString: url } : {}),
    ...(url === undefined ? options.connection : {}),
    max: options.max ?? 4,
    connectionTimeoutMillis: 10_000,
    ...(options.schema !== undefined ? { options: `-c search_path=${options.schema}` } : {}),
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => PARSERS[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser },
  });
  // An idle client losing its server emits 'error' on the pool; unhandled, that would crash the process.
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw toSqlError(err, undefined, 'connect');
  }
  const conn = connection(pool);
  return {
    kind: 'postgres',
    query: <T>(sql: string, params?: unknown[]) => conn.query(sql, params) as Promise<SqlResult<T>>,
    exec: (sql) => conn.exec(sql),
    async transaction(fn) {
      let client: PoolClient;
      try {
        client = await pool.connect();
      } catch (err) {
        throw toSqlError(err, undefined, 'connect');
      }
      let broken = false;
      try {
        await guard('BEGIN', () => client.query('BEGIN'));
        const out = await fn(transactionEngine('postgres', connection(client)));
        await guard('COMMIT', () => client.query('COMMIT'));
        return out;
      } catch (err) {
        // A failed ROLLBACK means the connection is unusable: destroy it instead of returning it to the pool.
        await client.query('ROLLBACK').catch(() => (broken = true));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

function connection(db: Pool | PoolClient): Connection {
  return {
    query: (sql, params) =>
      guard(sql, async () => {
        // queryMode 'extended' (Parse/Bind/Execute) even without parameters: exactly one statement, never a script.
        const r = await db.query({ text: sql, values: prepareParams(params), queryMode: 'extended' } as QueryConfig);
        return { rows: r.rows as unknown[], fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
      }),
    exec: (sql) => guard(sql, async () => void (await db.query(sql))),
  };
}
