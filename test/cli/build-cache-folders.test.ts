/**
 * The whole-project build cache (src/cli/fast-path.js) lists a folder from
 * its last scan when the folder's mtime is unchanged (and was not racily
 * clean): hostile cases where only a folder's listing changes.
 */
import { readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo, DATASOURCES, tempProject } from '../support/temp-project.js';

/** Every file and folder of the project (not node_modules) an hour old: the last scan trusts them all. */
function age(dir: string): void {
  const past = new Date(Date.now() - 3_600_000);
  const visit = (p: string) => {
    if (statSync(p).isDirectory()) {
      for (const e of readdirSync(p)) if (e !== 'node_modules') visit(path.join(p, e));
    }
    utimesSync(p, past, past);
  };
  visit(dir);
}

async function build(dir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const io = captureIo(dir);
  const code = await run(['build', ...args], io);
  return { code, out: io.out };
}

// The dashboard's title counts the files in data/: only a folder listing says it changed.
const DASHBOARD = `import { readdirSync } from 'node:fs';
import { dashboard, sql, sqlQuery, tablePanel } from DASHCODE;
import { db } from '../datasources/index.ts';
const n = readdirSync(new URL('../data/', import.meta.url)).length;
export default dashboard({ uid: 'one', title: n + ' data files', panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql\`SELECT 1\` })] })] });
`;

describe('the build cache and folder listings', () => {
  it.each([
    ['a file added to a folder', (dir: string) => writeFileSync(path.join(dir, 'data/b.csv'), 'x\n'), 'data files'],
    ['a file removed from a folder', (dir: string) => rmSync(path.join(dir, 'data/a.csv')), 'data files'],
  ])('hostile: %s misses the cache though no file it knew changed', async (_, change) => {
    const dir = tempProject({ 'datasources/index.ts': DATASOURCES, 'dashboards/one.ts': DASHBOARD, 'data/a.csv': 'a\n' });
    age(dir);
    expect((await build(dir)).code).toBe(0);
    // Answered from the cache, with every folder listed from the record.
    const hit = await build(dir, '--check');
    expect(hit.code).toBe(0);
    expect(hit.out).toMatch(/generated file\(s\) up to date\n$/);
    change(dir);
    const stale = await build(dir, '--check');
    expect(stale.code).toBe(1);
    expect(stale.out).toContain('generated/one.json');
  });
});
