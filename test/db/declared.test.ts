/** The snapshot of a declared database (check.postgres) is keyed by everything that decides its content (issue 15). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredFiles, declaredKey } from '../../src/db/declared.js';
import { openPglite } from '../../src/db/pglite.js';
import { cacheDir } from '../../src/cli/cache-dir.js';
import { repoRoot } from '../support/shared.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-declared-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('declaredKey', () => {
  const decl = { migrations: ['db/m/*.sql'], fixtures: ['db/f/*.csv'], inputs: ['gen/*.ts'] };
  const files = { 'db/m/001.sql': 'CREATE TABLE t (x int);', 'db/f/t.csv': 'x\n1\n', 'gen/a.ts': 'export {}' };
  const key = async (dir: string, version = '0.5.16', p: object = decl) => declaredKey(dir, p, await declaredFiles(dir, p), version, new Date('2026-01-01T10:30:00Z'));

  it('is stable for the same inputs, and changes with a file, an input, the setup or the PGlite version', async () => {
    const a = project(files);
    const base = await key(a);
    expect(await key(project(files))).toBe(base); // same content elsewhere: same key
    expect(await key(project({ ...files, 'db/m/001.sql': 'CREATE TABLE t (x bigint);' }))).not.toBe(base);
    expect(await key(project({ ...files, 'db/f/t.csv': 'x\n2\n' }))).not.toBe(base);
    expect(await key(project({ ...files, 'gen/a.ts': 'export const b = 1' }))).not.toBe(base);
    expect(await key(project({ ...files, 'db/m/002.sql': '' }))).not.toBe(base);
    expect(await key(a, '0.5.17')).not.toBe(base);
    expect(await key(a, '0.5.16', { ...decl, setup: async () => {} })).not.toBe(base);
  });

  it('lists migrations and fixtures in file-name order', async () => {
    const dir = project({ 'db/m/b/002.sql': '', 'db/m/a/010.sql': '', 'db/m/001.sql': '' });
    const f = await declaredFiles(dir, { migrations: ['db/m/**/*.sql'] });
    expect(f.migrations.map((m) => path.relative(dir, m))).toEqual(['db/m/001.sql', 'db/m/b/002.sql', 'db/m/a/010.sql']);
  });
});

describe('a prepared PGlite snapshot', () => {
  it('is filled once, then loaded: the second open does not run fill', async () => {
    const snapshotDir = mkdtempSync(path.join(tmpdir(), 'dashcode-prepared-'));
    // Reuse the checkout's pristine cluster so only the prepared snapshot is new.
    const pristine = cacheDir(repoRoot);
    const { copyFileSync, readdirSync } = await import('node:fs');
    for (const f of pristine ? readdirSync(pristine).filter((n) => /^pglite-.*\.tar$/.test(n)) : []) copyFileSync(path.join(pristine!, f), path.join(snapshotDir, f));
    let fills = 0;
    const prepared = { key: 'test-key', fill: async (e: { exec(sql: string): Promise<void> }) => void (fills++, await e.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (42)')) };
    for (let i = 0; i < 2; i++) {
      const db = await openPglite(undefined, { snapshotDir, prepared });
      expect((await db.query('SELECT x FROM t')).rows).toEqual([{ x: 42 }]);
      await db.close();
    }
    expect(fills).toBe(1);
  });
});
