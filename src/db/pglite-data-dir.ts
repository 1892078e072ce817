/**
 * A new PGlite data directory on disk, written from a snapshot of a pristine
 * cluster (the tar `dumpDataDir` writes, cached by pglite.ts) instead of by
 * initdb: PGlite finds PG_VERSION and resumes the cluster. initdb on a node
 * file system made `dashcode db init` take 3.5 s and 690 MB; writing the
 * snapshot's files takes about 0.1 s.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NotASnapshotError, tarEntries } from './pglite-tar.js';

/** What initdb writes at the top of a data directory: a folder holding it holds a cluster. */
const CLUSTER_MARKER = 'PG_VERSION';

/** Whether `dataDir` holds a PostgreSQL cluster (a data directory initdb or a snapshot wrote). */
export function holdsCluster(dataDir: string): boolean {
  return existsSync(path.join(dataDir, CLUSTER_MARKER));
}

/** Whether `dataDir` may be written from a snapshot: it does not exist, or is an empty folder. */
export function isMissingOrEmpty(dataDir: string): boolean {
  try {
    return readdirSync(dataDir).length === 0;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/**
 * Writes the cluster in `tar` as `dataDir` when that is missing or empty, and
 * returns true; returns false, writing nothing, when it holds anything (a
 * database, or someone's files: PGlite decides what to do with those). The
 * whole tar is read before the first write, and the files go to a folder
 * beside `dataDir` that is renamed into place at the end: a tar that is not a
 * snapshot (`not a PGlite snapshot: …`), or a failed write, leaves nothing
 * behind. Folders are private (0700) and files 0600, as initdb makes them.
 */
export function writeDataDir(folder: string, tar: Uint8Array): boolean {
  const dataDir = path.resolve(folder); // `db/` would put the temporary folder inside the target
  if (!isMissingOrEmpty(dataDir)) return false;
  const entries = tarEntries(tar);
  if (!entries.some((e) => e.name === CLUSTER_MARKER && !e.directory)) throw new NotASnapshotError(`it holds no ${CLUSTER_MARKER}`);
  const tmp = `${dataDir}.new-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true, mode: 0o700 });
    for (const e of entries) {
      const target = path.join(tmp, e.name);
      if (e.directory) {
        mkdirSync(target, { recursive: true, mode: 0o700 });
      } else {
        mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
        writeFileSync(target, e.data, { mode: 0o600 });
      }
    }
    if (existsSync(dataDir)) rmdirSync(dataDir); // empty, checked above; rename does not replace a folder everywhere
    renameSync(tmp, dataDir);
    return true;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
