import type { ClientOptions } from '../prometheus-client.js';

/**
 * The backends a check runs against. Any SqlEngine (src/db) satisfies SqlRunner,
 * and check/preview query it only through queryReadOnly (see asReadOnly).
 */
export interface SqlRunner {
  query(sql: string): Promise<{ rows: Array<Record<string, unknown>>; fields: Array<{ name: string; dataTypeID: number }>; truncated?: boolean }>;
}

/** A Prometheus to query, with the client's limits (`timeoutMs`, `maxResponseBytes`): every request passes the runner as its options. */
export interface PromRunner extends Pick<ClientOptions, 'timeoutMs' | 'maxResponseBytes'> {
  /** Base URL of a Prometheus, e.g. http://127.0.0.1:9090 */
  url: string;
  /** The datasource's scrape interval (`timeInterval`), default 15s. */
  scrapeInterval?: string;
}
