/**
 * The backends a check runs against. Any SqlEngine (src/db) satisfies SqlRunner,
 * and check/preview query it only through queryReadOnly (see asReadOnly).
 */
export interface SqlRunner {
  query(sql: string): Promise<{ rows: Array<Record<string, unknown>>; fields: Array<{ name: string; dataTypeID: number }>; truncated?: boolean }>;
}

export interface PromRunner {
  /** Base URL of a Prometheus, e.g. http://127.0.0.1:9090 */
  url: string;
  /** The datasource's scrape interval (`timeInterval`), default 15s. */
  scrapeInterval?: string;
}
