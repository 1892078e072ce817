/**
 * The worker thread that runs an embedded PGlite for `check` and `preview`
 * (started by pglite-isolated.ts). PGlite is WebAssembly in the thread that
 * calls it and gets no timer signal, so `statement_timeout` never fires: the
 * parent thread enforces the timeout by terminating this thread. Every query
 * goes through queryReadOnly here, so the read-only rules are the same as on
 * a real server.
 *
 * Messages in: `{ open }` first when started early (startPgliteWorkerEarly), then `{ id, sql }` and `{ close: true }`. Out: `{ ready: true }` or
 * `{ failed }` once, then `{ id, started }` and `{ id, result }` or `{ id, error }`
 * per query, and
 * `{ closed: true }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { SqlEngine } from './engine.js';
import { SqlError } from './errors.js';
import { openPgliteUnlocked, useV8Flags } from './pglite.js';
import { queryReadOnly, type ReadOnlyOptions } from './read-only.js';

export interface WorkerData {
  /** A snapshot file (read here, so the parent never holds it), a snapshot's bytes, or a data directory. */
  from: { file: string } | { dump: Uint8Array } | { dataDir: string };
  options: ReadOnlyOptions;
  /** V8 flags to set before PGlite compiles its WebAssembly (IsolatedOptions.v8Flags). */
  v8Flags?: readonly string[];
}

/** An error as it crosses the thread boundary (structured clone drops the SqlError class). */
export type WireError = { sql: ConstructorParameters<typeof SqlError>[1] & { serverMessage: string } } | { message: string };

export function toWire(err: unknown): WireError {
  if (err instanceof SqlError) {
    const { serverMessage, kind, code, position, query, detail, hint } = err;
    return { sql: { serverMessage, kind, code, position, query, detail, hint } };
  }
  return { message: err instanceof Error ? err.message : String(err) };
}

async function main(port: NonNullable<typeof parentPort>, data: WorkerData): Promise<void> {
  let engine: SqlEngine;
  // Set here, once this thread has loaded Node's own modules: a flag set before then makes them miss
  // their built-in code cache (V8 checks a cache against a hash of its flags), 25-30 ms more per start.
  useV8Flags(data.v8Flags);
  try {
    engine = await openPgliteUnlocked(data.from);
  } catch (err) {
    port.postMessage({ failed: toWire(err) });
    return;
  }
  port.on('message', (msg: { id: number; sql: string } | { close: true }) => {
    if ('close' in msg) {
      void engine.close().finally(() => port.postMessage({ closed: true }));
      return;
    }
    // The parent's timer starts when this arrives: the time a query waits for this thread to be scheduled is not the query's.
    port.postMessage({ id: msg.id, started: true });
    queryReadOnly(engine, msg.sql, data.options).then(
      (result) => port.postMessage({ id: msg.id, result }),
      (err: unknown) => port.postMessage({ id: msg.id, error: toWire(err) }),
    );
  });
  // Warm up before the first timed query: the first statements after a start compile and run
  // PostgreSQL's WebAssembly cold, which would otherwise count against the first query's timeout.
  await queryReadOnly(engine, 'SELECT 1', data.options).catch(() => undefined);
  port.postMessage({ ready: true });
}

const given = workerData as { dashcodePglite?: WorkerData; dashcodePgliteLater?: true } | undefined;
if (parentPort && given?.dashcodePglite) {
  void main(parentPort, given.dashcodePglite);
} else if (parentPort && given?.dashcodePgliteLater) {
  // Started early (startPgliteWorkerEarly): load PGlite now, open what the first message names.
  const port = parentPort;
  void import('@electric-sql/pglite').catch(() => undefined);
  port.once('message', (msg: { open: WorkerData }) => void main(port, msg.open));
}
