/**
 * The database seen by the rest of dashcode: one small interface over an
 * embedded PGlite (tests, `dashcode` without a server) and a real PostgreSQL
 * server (CI, a user's metrics database). Drivers are imported lazily so
 * loading this module costs nothing until a database is opened.
 */
import { SqlError, toSqlError } from './errors.js';

export interface SqlField {
  name: string;
  dataTypeID: number;
}

export interface SqlResult<T> {
  rows: T[];
  fields: SqlField[];
}

export interface SqlEngine {
  readonly kind: 'pglite' | 'postgres';
  /**
   * One statement (the extended protocol on both engines: a string holding two
   * statements is refused). Rows as plain objects keyed by column name; value
   * conventions in `values.ts`.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlResult<T>>;
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /** Commits when `fn` resolves, rolls back when it throws. Nested calls use savepoints. */
  transaction<T>(fn: (tx: SqlEngine) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

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
