/**
 * The start-up snapshot of in-memory PGlite (openPglite's snapshotDir): the
 * first open writes a pristine cluster, later opens load it, a damaged
 * snapshot is replaced, and databases opened from one snapshot are
 * independent of each other.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/pglite.js';
import { cacheDir } from '../../src/cli/cache-dir.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'dashcode-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshotFile = () => {
  const files = readdirSync(dir).filter((f) => /^pglite-\d+\.\d+\.\d+\.tar$/.test(f));
  expect(files).toHaveLength(1);
  return path.join(dir, files[0]!);
};

describe('in-memory PGlite with a snapshot directory', () => {
  it('writes a snapshot of a pristine cluster on the first open, and leaves no temporary file', async () => {
    const db = await openPglite(undefined, { snapshotDir: dir });
    await db.exec('CREATE TABLE written_after_the_snapshot (x int)');
    await db.close();
    expect(statSync(snapshotFile()).size).toBeGreaterThan(1_000_000);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('opens from the snapshot: a working, empty database, independent of the others', async () => {
    const a = await openPglite(undefined, { snapshotDir: dir });
    const b = await openPglite(undefined, { snapshotDir: dir });
    try {
      const tables = await a.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows).toEqual([{ n: 0 }]); // the table created after the first open is not in the snapshot
      await a.exec('CREATE TABLE only_in_a (x int)');
      const inB = await b.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'only_in_a'`);
      expect(inB.rows).toEqual([{ n: 0 }]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('replaces a damaged snapshot instead of failing', async () => {
    const file = snapshotFile();
    writeFileSync(file, 'not a tar archive');
    const db = await openPglite(undefined, { snapshotDir: dir });
    try {
      expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(statSync(file).size).toBeGreaterThan(1_000_000);
  });
});

describe('cacheDir', () => {
  it('is node_modules/.cache/dashcode of the nearest folder with node_modules, and undefined outside any project', () => {
    const project = path.join(dir, 'project');
    const nested = path.join(project, 'dashboards', 'deep');
    for (const d of [path.join(project, 'node_modules'), nested]) mkdirSync(d, { recursive: true });
    expect(cacheDir(nested)).toBe(path.join(project, 'node_modules/.cache/dashcode'));
    const root = path.parse(dir).root;
    expect(cacheDir(root)).toBe(existsSync(path.join(root, 'node_modules')) ? path.join(root, 'node_modules/.cache/dashcode') : undefined);
  });
});

