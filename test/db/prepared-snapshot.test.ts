/**
 * Issue 15, `check` on PGlite: the prepared snapshot a check starts from is
 * small (no template databases, 1 MB WAL segments), is made with one dump on
 * a cache miss, and is read by the worker itself (the parent passes its path).
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inMemorySource } from '../../src/db/pglite.js';
import { openIsolatedInMemory } from '../../src/db/pglite-isolated.js';
import { tarEntries } from '../../src/db/pglite-tar.js';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { repoRoot } from '../support/shared.js';

function snapshotDirWithPristine(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-prepared-'));
  const pristine = cacheDir(repoRoot);
  for (const f of pristine ? readdirSync(pristine).filter((n) => /^pglite-.*\.tar$/.test(n)) : []) copyFileSync(path.join(pristine!, f), path.join(dir, f));
  return dir;
}

const fillT = { key: 'prepared-snapshot-test', fill: async (e: { exec(sql: string): Promise<void> }) => void (await e.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (42)')) };

describe('the prepared snapshot check starts from', () => {
  it('on a cache miss is written once and named by path: the database is not dumped a second time for the worker', async () => {
    const snapshotDir = snapshotDirWithPristine();
    const source = await inMemorySource({ snapshotDir, prepared: fillT });
    expect(source).toEqual({ file: path.join(snapshotDir, readdirSync(snapshotDir).find((f) => f.startsWith('prepared-'))!) });
    expect(await inMemorySource({ snapshotDir, prepared: fillT })).toEqual(source);
  });

  it('holds no template databases and only 1 MB WAL segments, and a worker starts on it', async () => {
    const snapshotDir = snapshotDirWithPristine();
    const source = await inMemorySource({ snapshotDir, prepared: fillT });
    const file = (source as { file: string }).file;
    const entries = tarEntries(new Uint8Array(readFileSync(file)));
    const databases = new Set(entries.filter((e) => /^base\/\d+\//.test(e.name)).map((e) => e.name.split('/')[1]));
    expect(databases.size).toBe(1);
    const wal = entries.filter((e) => /^pg_wal\/[0-9A-F]{24}$/.test(e.name));
    expect(wal.length).toBeGreaterThan(0);
    for (const w of wal) expect(w.data.length).toBe(1024 * 1024);
    expect(statSync(file).size).toBeLessThan(25_000_000);

    const db = await openIsolatedInMemory({ snapshotDir, prepared: fillT });
    try {
      expect((await db.query('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
      expect((await db.query('SELECT datname FROM pg_database ORDER BY 1')).rows).toEqual([{ datname: 'postgres' }]);
    } finally {
      await db.close();
    }
  });

  it('a damaged snapshot is refused by name, not half loaded', () => {
    const dir = cacheDir(repoRoot)!;
    const tar = new Uint8Array(readFileSync(path.join(dir, readdirSync(dir).find((f) => /^pglite-.*\.tar$/.test(f))!)));
    expect(() => tarEntries(tar.subarray(0, 700_000))).toThrow(/not a PGlite snapshot/);
    const junk = new Uint8Array(1024).fill(65);
    expect(() => tarEntries(junk)).toThrow(/not a PGlite snapshot/);
  });
});
