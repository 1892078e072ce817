/** The embedded engine: PGlite (PostgreSQL compiled to WebAssembly), in-process. */
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PGlite, PGliteOptions, Transaction } from '@electric-sql/pglite';
import { writeFileAtomic } from '../files/atomic.js';
import { guard, transactionEngine, type Connection, type SqlEngine, type SqlResult } from './engine.js';
import { PARSERS, prepareParams } from './values.js';

export interface PgliteOptions {
  /**
   * A directory for a snapshot of a freshly initialised cluster (in-memory
   * databases only). A new in-memory PGlite runs initdb, about 1.5 s of a
   * 2.2 s start; loading the snapshot instead takes about 0.5 s. The first
   * open writes it (40 MB, once per PGlite version); a snapshot that fails to
   * load is deleted and the open falls back to initdb. Without it, nothing is
   * read or written.
   */
  snapshotDir?: string;
}

/** In memory unless `dataDir` (a directory, created if missing) is given. */
export async function openPglite(dataDir?: string, options: PgliteOptions = {}): Promise<SqlEngine> {
  const { PGlite } = await import('@electric-sql/pglite');
  const create = (extra: PGliteOptions) => guard('', () => PGlite.create({ parsers: PARSERS, ...extra }));
  let db: PGlite;
  if (dataDir !== undefined) db = await create({ dataDir });
  else if (options.snapshotDir === undefined) db = await create({});
  else db = await openFromSnapshot(path.join(options.snapshotDir, `pglite-${pgliteVersion()}.tar`), create);
  const conn = connection(db);
  return {
    kind: 'pglite',
    query: <T>(sql: string, params?: unknown[]) => conn.query(sql, params) as Promise<SqlResult<T>>,
    exec: (sql) => conn.exec(sql),
    transaction: (fn) => db.transaction((t) => fn(transactionEngine('pglite', connection(t)))),
    close: () => db.close(),
  };
}

async function openFromSnapshot(file: string, create: (extra: PGliteOptions) => Promise<PGlite>): Promise<PGlite> {
  const snapshot = await readFile(file).catch(() => undefined);
  if (snapshot) {
    try {
      return await create({ loadDataDir: new Blob([snapshot]) });
    } catch {
      await rm(file, { force: true }); // truncated or from another build: initdb below, and write a good one
    }
  }
  const db = await create({});
  // Dump before anything is written, so the snapshot is a pristine cluster.
  // A cache that cannot be written costs only the speed-up.
  try {
    await writeFileAtomic(file, new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()));
  } catch {
    // read-only file system, full disk: start without a snapshot next time too
  }
  return db;
}

let installedVersion: string | undefined;

/** The installed PGlite's version: a snapshot is only loaded by the build that wrote it. Read once per process. */
function pgliteVersion(): string {
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
