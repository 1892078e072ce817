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
 * - `FETCH FORWARD n` reads at most the row cap, a batch at a time, and the
 *   bytes read are counted after each batch: a result past the byte cap is
 *   an error (a cut result would look like data), so a runaway result never
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
  /**
   * Bytes of row data read per query (default DEFAULT_MAX_RESULT_BYTES): past
   * it the query fails. Counted as the values take memory here, near enough:
   * a string's length, 8 per number, a byte array's length.
   */
  maxBytes?: number;
}

export interface ReadOnlyResult {
  rows: Array<Record<string, unknown>>;
  fields: SqlField[];
  /** The query returned more than `maxRows` rows; `rows` holds the first `maxRows`. */
  truncated: boolean;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_ROWS = 100_000;
/** 128 MiB: the most of one answer `check` reads, from a database as from Prometheus (prometheus-client.ts). */
export const DEFAULT_MAX_RESULT_BYTES = 128 * 2 ** 20;
/**
 * Rows per FETCH: the byte cap is checked between batches, so a result of many
 * rows is stopped within one batch of the cap. A result this size or smaller
 * (most panels') still takes one FETCH.
 */
const BATCH_ROWS = 1000;

const CURSOR_PREFIX = 'DECLARE dashcode_check NO SCROLL CURSOR FOR ';

/** Rolls the transaction back while carrying the result out of `engine.transaction`. */
class Rollback {
  constructor(readonly result: ReadOnlyResult) {}
}

export async function queryReadOnly(engine: SqlEngine, sql: string, options: ReadOnlyOptions = {}): Promise<ReadOnlyResult> {
  const timeoutMs = positiveInteger(options.timeoutMs, DEFAULT_QUERY_TIMEOUT_MS, 'timeoutMs');
  const maxRows = positiveInteger(options.maxRows, DEFAULT_MAX_ROWS, 'maxRows');
  const maxBytes = positiveInteger(options.maxBytes, DEFAULT_MAX_RESULT_BYTES, 'maxBytes');
  try {
    await engine.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION READ ONLY');
      await tx.exec(`SET LOCAL statement_timeout = ${timeoutMs}`);
      try {
        await tx.query(CURSOR_PREFIX + sql);
      } catch (err) {
        throw userError(err, sql);
      }
      const rows: Array<Record<string, unknown>> = [];
      let fields: SqlField[] = [];
      let bytes = 0;
      // One row past the cap tells a result of exactly maxRows rows from a longer one.
      for (let want = Math.min(BATCH_ROWS, maxRows + 1); want > 0; want = Math.min(BATCH_ROWS, maxRows + 1 - rows.length)) {
        const r = await tx.query<Record<string, unknown>>(`FETCH FORWARD ${want} FROM dashcode_check`);
        fields = r.fields;
        for (const row of r.rows) {
          bytes += approximateBytes(row);
          rows.push(row);
        }
        if (bytes > maxBytes) {
          const most = `${maxBytes.toLocaleString('en-US')} bytes`;
          throw new SqlError(`the result is larger than ${most}, the most read from one SQL query (a narrower query or time range?)`, { kind: 'query', query: sql });
        }
        if (r.rows.length < want) break;
      }
      throw new Rollback({ rows: rows.slice(0, maxRows), fields, truncated: rows.length > maxRows });
    });
  } catch (err) {
    if (err instanceof Rollback) return err.result;
    if (err instanceof SqlError && err.query !== sql) throw new SqlError(err.serverMessage, { kind: err.kind, code: err.code, query: sql, detail: err.detail, hint: err.hint, cause: err });
    throw err;
  }
  throw new Error('unreachable: the read-only transaction always rolls back');
}

/**
 * About what a value takes in memory here: a string by its length, 8 for a
 * number, a date or null, a byte array by its length; a row, a json value or
 * an array by its keys and parts, walked without recursion (a deep value must
 * not overflow the stack).
 */
function approximateBytes(v: unknown): number {
  let n = 0;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string') n += x.length;
    else if (x === null || typeof x !== 'object' || x instanceof Date) n += 8;
    else if (ArrayBuffer.isView(x)) n += x.byteLength;
    else
      for (const k of Object.keys(x)) {
        n += k.length;
        stack.push((x as Record<string, unknown>)[k]);
      }
  }
  return n;
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
 * `--query-timeout`, `--max-rows` and `--max-response-bytes`), defaults
 * DEFAULT_QUERY_TIMEOUT_MS, DEFAULT_MAX_ROWS and DEFAULT_MAX_RESULT_BYTES.
 */
export interface QueryLimits {
  /** Per-query timeout for SQL, in ms (default 10 000); see queryReadOnly. */
  queryTimeoutMs?: number;
  /** Rows kept per SQL query (default 100 000). */
  maxRows?: number;
  /** Bytes of row data read per SQL query (default 128 MiB); a larger result is an error. */
  maxResultBytes?: number;
}

/** `runner` as check and preview query it: read-only, one statement, within `limits`. */
export function readOnlySql<R extends { query(sql: string): Promise<unknown> }>(runner: R | undefined, limits: QueryLimits): ReturnType<typeof asReadOnly<R>> {
  return asReadOnly(runner, { timeoutMs: limits.queryTimeoutMs, maxRows: limits.maxRows, maxBytes: limits.maxResultBytes });
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
