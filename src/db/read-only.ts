/**
 * How `check`, `preview` and `doctor` run a query they did not write: never
 * able to change the database, bounded in time and in rows.
 *
 * Each query runs alone in its own transaction, which is made read-only
 * before anything else runs in it (`SET TRANSACTION READ ONLY` is refused
 * once a query has taken a snapshot, so the query cannot switch it back), and
 * which is always rolled back. The query itself is sent inside
 * `DECLARE … CURSOR FOR <query>`, as one statement of the extended protocol:
 *
 * - the extended protocol takes exactly one statement, so `SELECT 1; DROP
 *   TABLE t` is refused by the server ("cannot insert multiple commands into
 *   a prepared statement") before anything runs;
 * - PostgreSQL's grammar accepts only a query after `CURSOR FOR` (SELECT,
 *   VALUES, TABLE, WITH … SELECT), so `DO`, `COPY … TO PROGRAM`, `SET`,
 *   `CALL` are syntax errors, and a data-modifying `WITH` is refused outright;
 * - `FETCH FORWARD n` reads at most the row cap, so a runaway result never
 *   reaches memory.
 * A `statement_timeout` (SET LOCAL, so it ends with the transaction) stops a
 * slow query on a real server.
 */
import type { SqlEngine, SqlField } from './engine.js';
import { SqlError } from './errors.js';

export interface ReadOnlyOptions {
  /** Per-statement timeout in milliseconds (default 10 000). */
  timeoutMs?: number;
  /** Rows kept per query (default 100 000): more are not read, and the result says `truncated`. */
  maxRows?: number;
}

export interface ReadOnlyResult {
  rows: Array<Record<string, unknown>>;
  fields: SqlField[];
  /** The query returned more than `maxRows` rows; `rows` holds the first `maxRows`. */
  truncated: boolean;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ROWS = 100_000;

const CURSOR_PREFIX = 'DECLARE dashcode_check NO SCROLL CURSOR FOR ';

/** Rolls the transaction back while carrying the result out of `engine.transaction`. */
class Rollback {
  constructor(readonly result: ReadOnlyResult) {}
}

export async function queryReadOnly(engine: SqlEngine, sql: string, options: ReadOnlyOptions = {}): Promise<ReadOnlyResult> {
  const timeoutMs = positiveInteger(options.timeoutMs, DEFAULT_QUERY_TIMEOUT_MS, 'timeoutMs');
  const maxRows = positiveInteger(options.maxRows, DEFAULT_MAX_ROWS, 'maxRows');
  try {
    await engine.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION READ ONLY');
      await tx.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
      try {
        await tx.query(CURSOR_PREFIX + sql);
      } catch (err) {
        throw userError(err, sql);
      }
      const r = await tx.query<Record<string, unknown>>(`FETCH FORWARD ${maxRows + 1} FROM dashcode_check`);
      throw new Rollback({ rows: r.rows.slice(0, maxRows), fields: r.fields, truncated: r.rows.length > maxRows });
    });
  } catch (err) {
    if (err instanceof Rollback) return err.result;
    if (err instanceof SqlError && err.query !== sql) throw new SqlError(err.serverMessage, { kind: err.kind, code: err.code, query: sql, detail: err.detail, hint: err.hint, cause: err });
    throw err;
  }
  throw new Error('unreachable: the read-only transaction always rolls back');
}

/** A runner for `check`/`preview`: every query through queryReadOnly. */
export function readOnlyRunner(engine: SqlEngine, options: ReadOnlyOptions = {}) {
  return { readOnly: true as const, query: (sql: string) => queryReadOnly(engine, sql, options) };
}

/** The server's error, with the position moved back into the user's query and the refusals explained. */
function userError(err: unknown, sql: string): unknown {
  if (!(err instanceof SqlError)) return err;
  const position = err.position !== undefined && err.position > CURSOR_PREFIX.length ? err.position - CURSOR_PREFIX.length : undefined;
  let message = err.serverMessage;
  if (/cannot insert multiple commands into a prepared statement/.test(message)) {
    message = 'the query holds more than one SQL statement: it is refused, and nothing ran (Grafana sends a panel query as one statement)';
  } else if (/must not contain data-modifying statements in WITH/.test(message)) {
    message = 'the query modifies data (INSERT, UPDATE or DELETE inside WITH): it is refused, and nothing ran (check, preview and doctor only read)';
  } else if (err.code === '42601' && position !== undefined && position === firstTokenPosition(sql)) {
    message = `${message}: only a query (SELECT, WITH … SELECT, VALUES, TABLE) is run; other statements are refused, and nothing ran`;
  }
  return new SqlError(message, { kind: err.kind, code: err.code, position, query: sql, detail: err.detail, hint: err.hint, cause: err });
}

/** 1-based position of the first token after leading blanks and comments. */
function firstTokenPosition(sql: string): number {
  const lead = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/.exec(sql)![0];
  return [...lead].length + 1;
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * The SQL limits check and preview both take (library options; the CLI's
 * `--query-timeout` and `--max-rows`), defaults DEFAULT_QUERY_TIMEOUT_MS and
 * DEFAULT_MAX_ROWS.
 */
export interface QueryLimits {
  /** Per-query timeout for SQL, in ms (default 10 000); see queryReadOnly. */
  queryTimeoutMs?: number;
  /** Rows kept per SQL query (default 100 000). */
  maxRows?: number;
}

/** `runner` as check and preview query it: read-only, one statement, within `limits`. */
export function readOnlySql<R extends { query(sql: string): Promise<unknown> }>(runner: R | undefined, limits: QueryLimits): ReturnType<typeof asReadOnly<R>> {
  return asReadOnly(runner, { timeoutMs: limits.queryTimeoutMs, maxRows: limits.maxRows });
}

/**
 * What `check` and `preview` do with the SQL runner they are given: an
 * SqlEngine (from openPglite/openPostgres) is only ever queried read-only; a
 * runner already marked `readOnly`, or a caller's own `{ query }` object, is
 * used as it is (the caller then answers for what its `query` does).
 */
export function asReadOnly<R extends { query(sql: string): Promise<unknown> }>(runner: R | undefined, options: ReadOnlyOptions = {}): R | ReturnType<typeof readOnlyRunner> | undefined {
  if (!runner || (runner as { readOnly?: unknown }).readOnly === true) return runner;
  const e = runner as Partial<SqlEngine>;
  if ((e.kind === 'pglite' || e.kind === 'postgres') && typeof e.transaction === 'function' && typeof e.exec === 'function') return readOnlyRunner(e as SqlEngine, options);
  return runner;
}
