/**
 * The database interface the rest of dashcode sees (engines in src/db: an
 * embedded PGlite or a real PostgreSQL server). Here, in the lowest layer,
 * because the project config types its `check.postgres.setup(db)` hook with it
 * and the config sits below the database tools.
 */

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
