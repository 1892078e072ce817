/** The embedded engine: PGlite (PostgreSQL compiled to WebAssembly), in-process. */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { guard, transactionEngine, type Connection, type SqlEngine, type SqlResult } from './engine.js';
import { PARSERS, prepareParams } from './values.js';

/** In memory unless `dataDir` (a directory, created if missing) is given. */
export async function openPglite(dataDir?: string): Promise<SqlEngine> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await guard('', () => PGlite.create(dataDir === undefined ? { parsers: PARSERS } : { dataDir, parsers: PARSERS }));
  const conn = connection(db);
  return {
    kind: 'pglite',
    query: <T>(sql: string, params?: unknown[]) => conn.query(sql, params) as Promise<SqlResult<T>>,
    exec: (sql) => conn.exec(sql),
    transaction: (fn) => db.transaction((t) => fn(transactionEngine('pglite', connection(t)))),
    close: () => db.close(),
  };
}

function connection(db: PGlite | Transaction): Connection {
  return {
    query: (sql, params) =>
      guard(sql, async () => {
        const r = await db.query<unknown>(sql, prepareParams(params));
        return { rows: r.rows, fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
      }),
    exec: (sql) => guard(sql, async () => void (await db.exec(sql))),
  };
}
