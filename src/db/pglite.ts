/** The embedded engine: PGlite (PostgreSQL compiled to WebAssembly), in-process. */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { PGlite, PGliteOptions, Transaction } from '@electric-sql/pglite';
import { writeFileAtomic } from '../files/atomic.js';
import { guard, transactionEngine, type Connection, type SqlEngine, type SqlResult } from './engine.js';
import { PARSERS, prepareParams } from './values.js';
import { fromSnapshotOptions, NotASnapshotError } from './pglite-tar.js';
import { isMissingOrEmpty, writeDataDir } from './pglite-data-dir.js';

export interface PgliteOptions {
  /**
   * A directory for a snapshot of a freshly initialised cluster. A new
   * in-memory PGlite runs initdb, about 1.5 s of a 2.2 s start; loading the
   * snapshot instead takes about 0.5 s. A new data directory (`dataDir`
   * missing or empty) is written from it too (pglite-data-dir.ts) rather than
   * by initdb. The first open writes it (40 MB, once per PGlite version); a
   * snapshot that fails to load is deleted and the open falls back to initdb.
   * Without it, nothing is read or written.
   */
  snapshotDir?: string;
  /**
   * V8 flags to set before PGlite compiles in this thread (openPglite, and
   * inMemorySource when it fills a database here: a snapshot to make, or a
   * fill that is never cached). Process-wide, so the caller's choice
   * (EMBEDDED_WASM_FLAGS, IsolatedOptions.v8Flags).
   */
  v8Flags?: readonly string[];
}

/**
 * A database prepared once and kept as a snapshot in `snapshotDir` (in-memory
 * databases only): `key` must change whenever what `fill` writes would
 * change (see declaredKey). The first open runs `fill` on a pristine cluster
 * and dumps the result; later opens load the dump instead.
 */
export interface PreparedDatabase {
  /** Absent: filled on every open, never cached (e.g. a CSV folder, which is not hashed). */
  key?: string;
  fill(engine: SqlEngine): Promise<void>;
}

/** In memory unless `dataDir` (a directory, created if missing) is given. */
export async function openPglite(dataDir?: string, options: PgliteOptions & { prepared?: PreparedDatabase } = {}): Promise<SqlEngine> {
  if (dataDir !== undefined) {
    useV8Flags(options.v8Flags);
    const release = await lockDataDir(dataDir);
    try {
      if (options.snapshotDir !== undefined) await seedDataDir(dataDir, options.snapshotDir);
      return wrap(await createPglite({ dataDir }), release);
    } catch (err) {
      await release();
      throw err;
    }
  }
  return wrap(await openInMemory(options));
}

/**
 * The in-memory database openPglite would open, for a worker thread
 * (pglite-worker.ts) to start from: the cached snapshot file when there is
 * one (prepared here on a miss, and dumped once, by the cache), else a dump.
 */
export async function inMemorySource(options: PgliteOptions & { prepared?: PreparedDatabase } = {}): Promise<{ file: string } | { dump: Uint8Array }> {
  const file = options.snapshotDir === undefined ? undefined : snapshotFile(options.snapshotDir, options.prepared);
  if (file !== undefined && existsSync(file)) return { file };
  const db = await openInMemory(options);
  try {
    // A miss wrote the snapshot while opening: unless the cache could not be written, don't dump again.
    if (file !== undefined && existsSync(file)) return { file };
    return { dump: new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()) };
  } finally {
    await db.close();
  }
}

/** Sets V8 flags (process-wide) for the PGlite this thread is about to compile. */
export function useV8Flags(flags: readonly string[] | undefined): void {
  for (const flag of flags ?? []) setFlagsFromString(flag);
}

/** Deletes the cached snapshot inMemorySource named (when it cannot be loaded); true if there was one. */
export async function forgetDump(options: PgliteOptions & { prepared?: PreparedDatabase }): Promise<boolean> {
  const file = options.snapshotDir === undefined ? undefined : snapshotFile(options.snapshotDir, options.prepared);
  if (file === undefined || !existsSync(file)) return false;
  await rm(file, { force: true });
  return true;
}

/**
 * A PGlite started from a snapshot (inMemorySource) or on a directory, without
 * the directory lock: for a worker thread whose parent holds the lock.
 */
export async function openPgliteUnlocked(from: { file: string } | { dump: Uint8Array } | { dataDir: string }): Promise<SqlEngine> {
  if ('dataDir' in from) return wrap(await createPglite({ dataDir: from.dataDir }));
  const tar = 'dump' in from ? from.dump : bytesOf(await readFile(from.file));
  return wrap(await createPglite(await fromSnapshotOptions(tar)));
}

function bytesOf(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** Holds the lock on a PGlite data directory (see lockDataDir) until the returned release is called. */
export function lockPgliteDir(dataDir: string): Promise<() => Promise<void>> {
  return lockDataDir(dataDir);
}

async function createPglite(extra: PGliteOptions): Promise<PGlite> {
  const { PGlite } = await import('@electric-sql/pglite');
  // shared_buffers 4MB instead of PGlite's 128MB: PostgreSQL touches its whole buffer pool at start,
  // and pages it evicts are re-read from the in-memory file system, which costs a copy. 128 → 16 MB
  // took ~65 MB off the peak RSS of `check` on this repo, 16 → 4 MB another ~25 MB at no measurable time.
  // 1 MB WAL segments instead of 16 MB (initdb only): a snapshot holds a few segments, and every
  // start copies the snapshot into memory, so this keeps ~15 MB out of each one.
  return guard('', () => PGlite.create({ parsers: PARSERS, postgresqlconf: ['shared_buffers=4MB'], initDbStartParams: ['--wal-segsize=1'], ...extra }));
}

/**
 * A missing or empty `dataDir` gets the files of the pristine snapshot in
 * `snapshotDir` (made first when it is not there), so PGlite resumes a cluster
 * instead of running initdb on the folder. Whatever goes wrong leaves the
 * folder as it was, and the open to initdb; a snapshot that is not one is
 * deleted, to be made again.
 */
async function seedDataDir(dataDir: string, snapshotDir: string): Promise<void> {
  if (!isMissingOrEmpty(dataDir)) return;
  const pristine = path.join(snapshotDir, `pglite-${pgliteVersion()}.tar`);
  const tar = await pristineCluster(pristine);
  if (!tar) return;
  try {
    writeDataDir(dataDir, tar);
  } catch (err) {
    if (err instanceof NotASnapshotError) await rm(pristine, { force: true });
  }
}

/**
 * The pristine cluster as a tar: the cached snapshot `file`, else a new one,
 * cached when the folder can be written. A cache that cannot be written still
 * gives this run the dump, so the data directory is written from it instead
 * of running initdb a second time.
 */
async function pristineCluster(file: string): Promise<Uint8Array | undefined> {
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return bytesOf(cached);
  // Without a tar, the open that follows runs initdb on the folder, as without a snapshot.
  const db = await createPglite({}).catch(() => undefined);
  if (!db) return undefined;
  try {
    return await saveSnapshot(file, db);
  } finally {
    await db.close();
  }
}

/** The cached snapshot an in-memory open would load, if it may be cached at all. */
function snapshotFile(snapshotDir: string, prepared: PreparedDatabase | undefined): string | undefined {
  if (!prepared) return path.join(snapshotDir, `pglite-${pgliteVersion()}.tar`);
  return prepared.key === undefined ? undefined : path.join(snapshotDir, `prepared-${pgliteVersion()}-${prepared.key}.tar`);
}

async function openInMemory(options: PgliteOptions & { prepared?: PreparedDatabase }): Promise<PGlite> {
  useV8Flags(options.v8Flags);
  const create = createPglite;
  if (options.snapshotDir === undefined) {
    const db = await create({});
    if (options.prepared) await fillOrClose(db, options.prepared);
    return db;
  }
  const pristine = path.join(options.snapshotDir, `pglite-${pgliteVersion()}.tar`);
  if (!options.prepared) return openFromSnapshot(pristine, create);
  if (options.prepared.key === undefined) {
    const db = await openFromSnapshot(pristine, create);
    await fillOrClose(db, options.prepared);
    return db;
  }
  const file = snapshotFile(options.snapshotDir, options.prepared)!;
  const cached = await loadSnapshot(file, create);
  if (cached) return cached;
  const db = await openFromSnapshot(pristine, create);
  await fillOrClose(db, options.prepared);
  await saveSnapshot(file, db, { dropTemplates: true });
  await prunePrepared(options.snapshotDir, file);
  return db;
}

async function fillOrClose(db: PGlite, prepared: PreparedDatabase): Promise<void> {
  try {
    await prepared.fill(wrap(db));
  } catch (err) {
    await db.close();
    throw err;
  }
}

/** Prepared snapshots are ~18 MB each here (this repository's schema and seed): keep the few newest (a project may switch between --data choices). */
const KEEP_PREPARED = 3;

async function prunePrepared(dir: string, keep: string): Promise<void> {
  try {
    const files = (await readdir(dir)).filter((f) => /^prepared-.*\.tar$/.test(f)).map((f) => path.join(dir, f));
    const dated = await Promise.all(files.map(async (f) => ({ f, t: (await stat(f)).mtimeMs })));
    dated.sort((a, b) => b.t - a.t);
    for (const { f } of dated.filter((d) => d.f !== keep).slice(KEEP_PREPARED - 1)) await rm(f, { force: true });
  } catch {
    // a cache that cannot be pruned costs disk space only
  }
}

function wrap(db: PGlite, release?: () => Promise<void>): SqlEngine {
  const conn = connection(db);
  return {
    kind: 'pglite',
    query: <T>(sql: string, params?: unknown[]) => conn.query(sql, params) as Promise<SqlResult<T>>,
    exec: (sql) => conn.exec(sql),
    transaction: (fn) => db.transaction((t) => fn(transactionEngine('pglite', connection(t)))),
    close: async () => {
      try {
        await db.close();
      } finally {
        await release?.();
      }
    },
  };
}

async function loadSnapshot(file: string, create: (extra: PGliteOptions) => Promise<PGlite>): Promise<PGlite | undefined> {
  const snapshot = await readFile(file).catch(() => undefined);
  if (!snapshot) return undefined;
  try {
    return await create(await fromSnapshotOptions(bytesOf(snapshot)));
  } catch {
    await rm(file, { force: true }); // truncated or from another build: rebuild it
    return undefined;
  }
}

/**
 * A cache that cannot be written costs only the speed-up (read-only file system, full disk).
 * A prepared database is only ever queried (check, preview): without the template databases,
 * which only CREATE DATABASE reads, its snapshot is about half the size, and so is every start.
 * The checkpoint first means a start replays no WAL. Returns the snapshot (also
 * when it could not be written), or undefined when the dump failed.
 */
async function saveSnapshot(file: string, db: PGlite, options: { dropTemplates?: boolean } = {}): Promise<Uint8Array | undefined> {
  let tar: Uint8Array;
  try {
    if (options.dropTemplates) {
      for (const name of ['template0', 'template1']) {
        await db.exec(`ALTER DATABASE ${name} IS_TEMPLATE false`);
        await db.exec(`DROP DATABASE ${name}`); // alone: DROP DATABASE cannot run in a transaction block
      }
    }
    await db.exec('CHECKPOINT');
    tar = new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
  } catch {
    return undefined; // start without a snapshot next time too
  }
  // A cache folder that cannot be written: no snapshot next time, but the caller still has this one.
  await writeFileAtomic(file, tar).catch(() => {});
  return tar;
}

/**
 * One process at a time in a PGlite data directory: two WebAssembly
 * PostgreSQLs writing the same files corrupt them (PGlite itself takes no
 * lock). The lock is a file beside the directory holding the owner's pid; a
 * lock whose process is gone is stale and taken over.
 */
export class PgliteLockedError extends Error {
  override readonly name = 'PgliteLockedError';
}

async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lock = `${path.resolve(dataDir)}.lock`;
  await mkdir(path.dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lock, `${process.pid}\n`, { flag: 'wx' });
      return () => rm(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new PgliteLockedError(
          `the PGlite database ${dataDir} is in use by process ${pid} (lock file ${lock}): wait for it to finish; if no dashcode is running, delete the lock file`,
        );
      }
      await rm(lock, { force: true }); // stale: its process is gone
    }
  }
  throw new PgliteLockedError(`cannot take the lock ${lock} on the PGlite database ${dataDir}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openFromSnapshot(file: string, create: (extra: PGliteOptions) => Promise<PGlite>): Promise<PGlite> {
  const cached = await loadSnapshot(file, create);
  if (cached) return cached;
  const db = await create({});
  // Dump before anything is written, so the snapshot is a pristine cluster.
  await saveSnapshot(file, db);
  return db;
}

let installedVersion: string | undefined;

/** The installed PGlite's version: a snapshot is only loaded by the build that wrote it. Read once per process. */
export function pgliteVersion(): string {
  installedVersion ??= readPgliteVersion();
  return installedVersion;
}

function readPgliteVersion(): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve('@electric-sql/pglite');
  let dir = path.dirname(main);
  // package.json is not in the package's exports map: walk up from its entry point.
  for (let i = 0; i < 4; i++, dir = path.dirname(dir)) {
    try {
      const pkg = require(path.join(dir, 'package.json')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    } catch {
      // not here
    }
  }
  return 'unknown';
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
