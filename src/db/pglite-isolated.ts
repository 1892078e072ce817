/**
 * An embedded PGlite that a query cannot hang: it runs in a worker thread
 * (pglite-worker.ts), this thread sends one query at a time and starts the
 * timer when the worker says it has begun the query. A query still running at the timeout is reported
 * as the real server reports it ("canceling statement due to statement
 * timeout"), the worker is terminated, and the next query starts a fresh
 * worker on the same database: the same dump for an in-memory database
 * (check never writes, so that is the database as it was), or the same
 * directory for `--pglite DIR` (whose lock this thread holds throughout).
 *
 * Cost: the worker loads PGlite once (as the in-process engine did); a
 * restart costs one more load, only after a timeout.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { CACHE_DIR, findCacheDir } from '../files/cache.js';
import { BUNDLE } from '../files/ts-loader.js';
import { SqlError } from './errors.js';
import { holdsCluster } from './pglite-data-dir.js';
import { forgetDump, inMemorySource, lockPgliteDir, type PgliteOptions, type PreparedDatabase } from './pglite.js';
import type { WireError, WorkerData } from './pglite-worker.js';
import { DEFAULT_QUERY_TIMEOUT_MS, type ReadOnlyOptions, type ReadOnlyResult } from './read-only.js';

export interface IsolatedPglite {
  readonly readOnly: true;
  /** Runs `sql` through queryReadOnly in the worker; past the timeout, a SqlError (code 57014). */
  query(sql: string): Promise<ReadOnlyResult>;
  close(): Promise<void>;
}

export interface IsolatedOptions extends ReadOnlyOptions {
  /**
   * V8 flags the worker sets before PGlite compiles its WebAssembly. Flags are process-wide, so this is the
   * choice of whoever owns the process (the CLI's EMBEDDED_WASM_FLAGS), never a library default.
   */
  v8Flags?: readonly string[];
}

type Reply = { ready: true } | { failed: WireError } | { id: number; started: true } | { id: number; result: ReadOnlyResult } | { id: number; error: WireError } | { closed: true };

/** Opens `from` in a worker thread (starting it now, so a database that cannot be opened fails here). */
export async function openIsolatedPglite(from: { file: string } | { dump: Uint8Array } | { dataDir: string }, isolated: IsolatedOptions = {}): Promise<IsolatedPglite> {
  // Read-only: a folder without a cluster would become a new database (initdb), a write nobody asked for.
  if ('dataDir' in from && !holdsCluster(from.dataDir)) {
    throw new SqlError('no PostgreSQL data directory there', { kind: 'no-database' });
  }
  const release = 'dataDir' in from ? await lockPgliteDir(from.dataDir) : undefined;
  const { v8Flags, ...options } = isolated;
  const timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const data: WorkerData = v8Flags ? { from, options, v8Flags } : { from, options };
  let current: Promise<Worker> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let ids = 0;

  const worker = () => (current ??= start(data));
  const drop = (w: Worker) => {
    current = undefined;
    void w.terminate();
  };

  const run = async (sql: string): Promise<ReadOnlyResult> => {
    const w = await worker();
    const id = ++ids;
    return new Promise<ReadOnlyResult>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const done = () => {
        clearTimeout(timer);
        w.off('message', onMessage);
        w.off('exit', onExit);
        w.unref();
      };
      const onMessage = (msg: Reply) => {
        if (!('id' in msg) || msg.id !== id) return;
        if ('started' in msg) {
          timer ??= setTimeout(cancel, timeoutMs);
          return;
        }
        done();
        if ('result' in msg) resolve(msg.result);
        else reject(fromWire(msg.error));
      };
      const onExit = () => {
        done();
        current = undefined;
        reject(new SqlError('the embedded PostgreSQL (PGlite) stopped while running the query; it is restarted for the next query', { kind: 'query', query: sql }));
      };
      const cancel = () => {
        done();
        drop(w);
        const seconds = Math.round(timeoutMs / 100) / 10;
        reject(
          new SqlError(`canceling statement due to statement timeout (canceled after ${seconds} s: the embedded PostgreSQL was stopped and restarted)`, {
            kind: 'query',
            code: '57014',
            query: sql,
          }),
        );
      };
      w.on('message', onMessage);
      w.on('exit', onExit);
      w.ref();
      w.postMessage({ id, sql });
    });
  };

  try {
    await worker();
  } catch (err) {
    await release?.();
    throw err;
  }
  return {
    readOnly: true,
    query(sql) {
      const result = queue.then(() => run(sql));
      queue = result.catch(() => undefined);
      return result;
    },
    async close() {
      await queue;
      const w = await current?.catch(() => undefined);
      current = undefined;
      try {
        if (w) await closeWorker(w);
      } finally {
        await release?.();
      }
    },
  };
}

/**
 * The in-memory database openPglite would open, in a worker. A cached
 * snapshot the worker cannot load (truncated, from another build) is
 * deleted and rebuilt once, as openPglite does.
 */
export async function openIsolatedInMemory(source: PgliteOptions & { prepared?: PreparedDatabase }, options: IsolatedOptions = {}): Promise<IsolatedPglite> {
  // A database inMemorySource must fill here (no snapshot yet, or one never cached) is compiled under the same flags.
  const here = { ...source, v8Flags: options.v8Flags };
  try {
    return await openIsolatedPglite(await inMemorySource(here), options);
  } catch (err) {
    if (!(await forgetDump(source))) throw err;
    return openIsolatedPglite(await inMemorySource(here), options);
  }
}

/** A worker started ahead of its database by `startPgliteWorkerEarly`, not yet handed one. */
let early: Promise<Worker> | undefined;

/**
 * Starts the next worker now, before the caller knows which database it will
 * open (working that out reads the project's config and hashes its schema and
 * fixtures): the thread's start and PGlite's import then overlap that work.
 * The next database opened here takes it; an unused one ends with the process.
 */
export function startPgliteWorkerEarly(): void {
  early ??= spawn({ dashcodePgliteLater: true });
}

/** Starts a worker and waits until its PGlite is open. */
async function start(data: WorkerData): Promise<Worker> {
  const waiting = early;
  early = undefined;
  const w = waiting ? await waiting : await spawn({ dashcodePglite: data });
  if (waiting) w.postMessage({ open: data });
  try {
    await new Promise<void>((resolve, reject) => {
      const onMessage = (msg: Reply) => {
        if ('ready' in msg || 'failed' in msg) settle(() => ('failed' in msg ? reject(fromWire(msg.failed)) : resolve()));
      };
      const onError = (err: Error) => settle(() => reject(err));
      const onExit = (code: number) => settle(() => reject(new Error(`the embedded PostgreSQL (PGlite) worker exited with code ${code} before it was ready`)));
      const settle = (then: () => void) => {
        w.off('message', onMessage).off('error', onError).off('exit', onExit);
        then();
      };
      w.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
  } catch (err) {
    await w.terminate();
    throw err;
  }
  return w;
}

/** A new worker thread running pglite-worker with `data`, unreferenced. */
async function spawn(data: { dashcodePglite: WorkerData } | { dashcodePgliteLater: true }): Promise<Worker> {
  const { Worker } = await import('node:worker_threads');
  const entry = workerEntry();
  const workerData = { ...data, boot: entry };
  const w =
    'loader' in entry
      ? // A checkout or a test run: the sources are TypeScript, loaded in the worker's own thread by dashcode's loader
        // (native-loader.js) rather than through module hooks, whose thread costs more to start than the worker's modules.
        new Worker(
          `const { workerData } = require('node:worker_threads');
          import(workerData.boot.loader).then((m) => m.projectLoader(workerData.boot.cacheDir).importer(workerData.boot.file));`,
          { eval: true, workerData },
        )
      : new Worker(new URL(entry.url), { workerData });
  w.unref();
  // A worker's uncaught error is followed by its 'exit', which start() and a running query handle: never an unhandled 'error'.
  w.on('error', () => {});
  return w;
}

/** Closes PGlite cleanly (a data directory is left consistent), then ends the thread. */
async function closeWorker(w: Worker): Promise<void> {
  w.ref();
  await new Promise<void>((resolve) => {
    w.on('message', (msg: Reply) => 'closed' in msg && resolve());
    w.once('exit', () => resolve());
    w.postMessage({ close: true });
  });
  await w.terminate();
}

function fromWire(err: WireError): Error {
  if ('sql' in err) return new SqlError(err.sql.serverMessage, err.sql);
  return new Error(err.message);
}

/**
 * Where pglite-worker runs from: beside this module in dist/ (ESM); for the
 * CommonJS bundles in dist/cjs/, the ESM copy in dist/db/; in a checkout or a
 * test run, the TypeScript source through src/files/native-loader.js.
 */
function workerEntry(): { url: string } | { loader: string; file: string; cacheDir: string } {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (/\.ts$/.test(here)) {
    // The checkout's CLI bundle has the worker as an entry point: loaded natively, without a hooks thread in the worker.
    const bundle = (globalThis as Record<symbol, { dir: string } | undefined>)[BUNDLE];
    const bundled = bundle && path.join(bundle.dir, 'db', 'pglite-worker.js');
    if (bundled && existsSync(bundled)) return { url: pathToFileURL(bundled).href };
    const root = path.resolve(dir, '../..');
    return {
      file: path.join(dir, 'pglite-worker.ts'),
      loader: pathToFileURL(path.join(root, 'src/files/native-loader.js')).href,
      cacheDir: findCacheDir(root) ?? path.join(root, CACHE_DIR),
    };
  }
  const cjs = /^(.*[\\/]dist)[\\/]cjs[\\/]/.exec(here);
  return { url: pathToFileURL(cjs ? path.join(cjs[1]!, 'db', 'pglite-worker.js') : path.join(dir, 'pglite-worker.js')).href };
}
