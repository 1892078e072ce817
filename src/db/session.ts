/**
 * The part both engines share: an engine bound to one connection inside an open
 * transaction. Nested `transaction` calls become savepoints, and once the outer
 * transaction ends the bound engine refuses further work instead of silently
 * running statements outside it.
 */
import { SqlError, toSqlError, type EngineKind, type QueryResult, type SqlEngine } from './engine.js';

/** Raw access to one connection; may throw driver errors (they are normalised here). */
export interface Session {
  query(sql: string, params: unknown[]): Promise<QueryResult<unknown>>;
  exec(sql: string): Promise<void>;
}

export async function normalised<T>(sql: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw toSqlError(e, sql);
  }
}

export function boundEngine(kind: EngineKind, session: Session): { tx: SqlEngine; end(): void } {
  let ended = false;
  let savepoints = 0;
  const open = (sql: string) => {
    if (ended) throw new SqlError('the transaction has already ended; use the engine, not its tx, after transaction()', { code: '25000', query: sql });
  };
  const exec = async (sql: string) => {
    open(sql);
    await normalised(sql, () => session.exec(sql));
  };
  const tx: SqlEngine = {
    kind,
    async query<T>(sql: string, params: unknown[] = []) {
      open(sql);
      return (await normalised(sql, () => session.query(sql, params))) as QueryResult<T>;
    },
    exec,
    async transaction<T>(fn: (inner: SqlEngine) => Promise<T>): Promise<T> {
      const name = `dashcode_sp_${++savepoints}`;
      await exec(`SAVEPOINT ${name}`);
      let result: T;
      try {
        result = await fn(tx);
      } catch (e) {
        // Keep the caller's error; a failed rollback leaves the outer transaction aborted anyway.
        await exec(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
        throw e;
      }
      await exec(`RELEASE SAVEPOINT ${name}`);
      return result;
    },
    async close() {
      // The transaction owns this connection; closing happens in transaction().
    },
  };
  return { tx, end: () => (ended = true) };
}

/** Field list in the engine-neutral shape. */
export function fieldsOf(fields: ReadonlyArray<{ name: string; dataTypeID: number }> | undefined): QueryResult<unknown>['fields'] {
  return (fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }));
}
