/**
 * One error class for everything the database layer throws, whichever engine
 * ran the query: the checks and the CLI report `SqlError`s without caring
 * whether PGlite or a real server produced them.
 */

/**
 * - `connect`: the server could not be reached (refused, unknown host, timeout, reset).
 * - `auth`: the server refused the credentials (SQLSTATE class 28, e.g. 28P01).
 * - `no-database`: the database does not exist (SQLSTATE 3D000).
 * - `query`: the server ran the statement and rejected it (syntax, unknown column, constraint...).
 */
export type SqlErrorKind = 'connect' | 'auth' | 'no-database' | 'query';

export interface SqlErrorInit {
  kind: SqlErrorKind;
  /** SQLSTATE (e.g. `42703`), or Node's errno code (`ECONNREFUSED`) for network failures. */
  code?: string;
  /** 1-based character offset into `query`, as PostgreSQL reports it. */
  position?: number;
  query?: string;
  detail?: string;
  hint?: string;
  cause?: unknown;
}

export class SqlError extends Error {
  override readonly name = 'SqlError';
  readonly kind: SqlErrorKind;
  readonly code: string | undefined;
  readonly position: number | undefined;
  readonly query: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  /** PostgreSQL's own message, without the position suffix. */
  readonly serverMessage: string;

  constructor(serverMessage: string, init: SqlErrorInit) {
    // The position goes into the message so a plain `String(err)` already says where.
    super(init.position !== undefined ? `${serverMessage} at position ${init.position}` : serverMessage, { cause: init.cause });
    this.serverMessage = serverMessage;
    this.kind = init.kind;
    this.code = init.code;
    this.position = init.position;
    this.query = init.query;
    this.detail = init.detail;
    this.hint = init.hint;
  }

  /** Line and column (both 1-based) of `position` in `query`, if both are known. */
  location(): { line: number; column: number } | undefined {
    if (this.position === undefined || this.query === undefined) return undefined;
    return positionToLineColumn(this.query, this.position);
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOENT']);

/** Classifies an SQLSTATE or errno code. */
export function kindOf(code: string | undefined): SqlErrorKind {
  if (code === undefined) return 'query';
  if (NETWORK_CODES.has(code)) return 'connect';
  if (code.startsWith('28')) return 'auth';
  if (code === '3D000') return 'no-database';
  // Class 08 (connection exception) and 57P03 (server starting up / shutting down).
  if (code.startsWith('08') || code === '57P03') return 'connect';
  return 'query';
}

/**
 * Normalises whatever a driver threw. Both `pg` and PGlite throw pg-protocol's
 * `DatabaseError` (fields as strings: `position: "12"`); network failures are
 * plain Node errors with `code`. Errors with no code during connection
 * (e.g. "Connection terminated unexpectedly") are passed `fallback: 'connect'`.
 */
export function toSqlError(err: unknown, query?: string, fallback: SqlErrorKind = 'query'): SqlError {
  if (err instanceof SqlError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as Record<string, unknown>;
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(err);
  const code = typeof e.code === 'string' ? e.code : undefined;
  const pos = e.position !== undefined ? Number(e.position) : NaN;
  const kind = code === undefined ? fallback : kindOf(code);
  // AggregateError (e.g. localhost resolving to ::1 and 127.0.0.1, both refused) hides the message in `errors`.
  const inner = Array.isArray(e.errors) && e.errors[0] instanceof Error ? e.errors[0].message : undefined;
  return new SqlError(inner && message === String(err) ? inner : message, {
    kind,
    code,
    position: Number.isInteger(pos) && pos > 0 ? pos : undefined,
    query,
    detail: typeof e.detail === 'string' ? e.detail : undefined,
    hint: typeof e.hint === 'string' ? e.hint : undefined,
    cause: err,
  });
}

/**
 * PostgreSQL counts `position` in characters (code points), JavaScript strings in
 * UTF-16 units: iterate by code point so an emoji before the error doesn't shift it.
 */
export function positionToLineColumn(sql: string, position: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let n = 1;
  for (const ch of sql) {
    if (n >= position) break;
    if (ch === '\n') {
      line++;
      column = 1;
    } else column++;
    n++;
  }
  return { line, column };
}
