/**
 * The database seen by the rest of dashcode: one small interface over an
 * embedded PGlite (tests, `dashcode` without a server) and a real PostgreSQL
 * server (CI, a user's metrics database). Drivers are imported lazily so
 * loading this module costs nothing until a database is opened.
 */
import { SqlError, toSqlError } from './errors.js';

export type { SqlEngine, SqlField, SqlResult } from '../model/sql-engine.js';
import type { SqlEngine, SqlResult } from '../model/sql-engine.js';

/** What each driver adapter provides: one connection's query and exec. */
export interface Connection {
  query(sql: string, params?: unknown[]): Promise<SqlResult<unknown>>;
  exec(sql: string): Promise<void>;
}

/** Wraps driver errors into `SqlError` with the failing statement attached. */
export async function guard<T>(sql: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw toSqlError(err, sql);
  }
}

let savepoints = 0;

/**
 * The engine handed to a transaction body: same connection, and `transaction`
 * nests with a savepoint (PostgreSQL has no nested BEGIN).
 */
export function transactionEngine(kind: SqlEngine['kind'], conn: Connection): SqlEngine {
  const tx: SqlEngine = {
    kind,
    query: <T>(sql: string, params?: unknown[]) => conn.query(sql, params) as Promise<SqlResult<T>>,
    exec: (sql) => conn.exec(sql),
    async transaction(fn) {
      const name = `dashcode_sp_${++savepoints}`;
      await conn.exec(`SAVEPOINT ${name}`);
      try {
        const out = await fn(tx);
        await conn.exec(`RELEASE SAVEPOINT ${name}`);
        return out;
      } catch (err) {
        await conn.exec(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    },
    close: () => Promise.reject(new SqlError('close() inside a transaction: close the outer engine instead', { kind: 'query' })),
  };
  return tx;
}
