import type { ClientOptions } from '../prometheus-client.js';

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
  /** Per request, in ms; default 10 s (prometheus-client's ClientOptions). */
  timeoutMs?: number;
  /** The most of one answer that is read, in bytes; default 128 MiB (prometheus-client's ClientOptions). */
  maxResponseBytes?: number;
}

/** The client options a runner's requests are made with: its limits, and nothing else of it. */
export function clientOptionsOf(prom: PromRunner): ClientOptions {
  return { timeoutMs: prom.timeoutMs, maxResponseBytes: prom.maxResponseBytes };
}
