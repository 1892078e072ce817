/**
 * Issue 15: a new `--pglite DIR` database is written from the cached pristine
 * snapshot (the files initdb would write) instead of running initdb on the
 * directory, which took 3.5 s and 690 MB for `dashcode db init`. The files come
 * from a tar in the cache folder: names that would leave the directory are refused.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { openPglite, pgliteVersion } from '../../src/db/pglite.js';
import { tarEntries } from '../../src/db/pglite-tar.js';
import { writeDataDir } from '../../src/db/pglite-data-dir.js';
import { repoRoot } from '../support/shared.js';
import { tarOf } from '../support/tar.js';
import { lockFolder } from '../support/lock-folder.js';

const pristineName = () => `pglite-${pgliteVersion()}.tar`;

function snapshotDirWithPristine(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-seed-'));
  copyFileSync(path.join(cacheDir(repoRoot)!, pristineName()), path.join(dir, pristineName()));
  return dir;
}

const systemIdentifier = async (db: { query(sql: string): Promise<{ rows: unknown[] }> }) =>
  String((await db.query('SELECT system_identifier::text AS id FROM pg_control_system()')).rows.map((r) => (r as { id: string }).id)[0]);

describe('a new PGlite data directory', () => {
  it('is written from the pristine snapshot (the same cluster: initdb would make a new system identifier), privately, and resumed after', async () => {
    const snapshotDir = snapshotDirWithPristine();
    const memory = await openPglite(undefined, { snapshotDir });
    const expected = await systemIdentifier(memory);
    await memory.close();

    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'dashcode-seed-')), 'nested', 'pglite');
    const db = await openPglite(dataDir, { snapshotDir });
    try {
      expect(await systemIdentifier(db)).toBe(expected);
      await db.exec('CREATE TABLE kept (x int); INSERT INTO kept VALUES (7)');
    } finally {
      await db.close();
    }
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dataDir, 'PG_VERSION')).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.dirname(dataDir))).toEqual(['pglite']); // no temporary folder left beside it

    const again = await openPglite(dataDir, { snapshotDir });
    try {
      expect((await again.query('SELECT x FROM kept')).rows).toEqual([{ x: 7 }]);
    } finally {
      await again.close();
    }
  });

  it('a cache folder that cannot be written: the directory is still written from the dump made for the snapshot, not by a second initdb', async (ctx) => {
    const snapshotDir = mkdtempSync(path.join(tmpdir(), 'dashcode-seed-'));
    const locked = lockFolder(snapshotDir);
    if (!locked.ok) return ctx.skip(locked.why);
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'dashcode-seed-')), 'pglite');
    try {
      const db = await openPglite(dataDir, { snapshotDir });
      try {
        expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await db.close();
      }
    } finally {
      locked.unlock();
    }
    expect(readdirSync(snapshotDir)).toEqual([]);
    // Written from a tar: private modes. initdb run by PGlite on the folder leaves 755 and 666.
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dataDir, 'PG_VERSION')).mode & 0o777).toBe(0o600);
  });

  it('hostile: a snapshot entry named to leave the directory is refused before anything is written', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dashcode-seed-'));
    const dataDir = path.join(root, 'pglite');
    for (const name of ['../escaped', '/../escaped', 'base/../../escaped', '..', 'a\\..\\..\\escaped', 'base/./x', 'a//b']) {
      const tar = tarOf([{ name: 'PG_VERSION', data: '18\n' }, { name, data: 'x' }]);
      expect(() => tarEntries(tar), name).toThrow(/not a PGlite snapshot: unsafe entry name/);
      expect(() => writeDataDir(dataDir, tar), name).toThrow(/not a PGlite snapshot/);
      expect(existsSync(path.join(root, 'escaped')), name).toBe(false);
      expect(readdirSync(root), name).toEqual([]);
    }
  });

  it('a folder named with a trailing slash is written in place, with no temporary folder left inside or beside it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dashcode-seed-'));
    expect(writeDataDir(`${path.join(root, 'db')}/`, tarOf([{ name: 'PG_VERSION', data: '18\n' }, { name: 'base', directory: true }]))).toBe(true);
    expect(readdirSync(root)).toEqual(['db']);
    expect(readdirSync(path.join(root, 'db')).sort()).toEqual(['PG_VERSION', 'base']);
  });

  it('a folder that holds other files is left to PGlite, never filled or replaced', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'dashcode-seed-'));
    const dataDir = path.join(root, 'pglite');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'notes.txt'), 'mine');
    expect(writeDataDir(dataDir, tarOf([{ name: 'PG_VERSION', data: '18\n' }]))).toBe(false);
    expect(readdirSync(dataDir)).toEqual(['notes.txt']);
  });
});
