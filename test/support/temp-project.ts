import { mkdtempSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './shared.js';
import { linkCheckoutCache } from './test-cache.js';
import type { Io } from '../../src/cli/io.js';

/** A scratch dashcode project whose modules import this checkout's src/, with a warm cache (test-cache.ts). */
export function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-'));
  linkCheckoutCache(dir);
  const lib = JSON.stringify(path.join(repoRoot, 'src/index.ts'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text.replaceAll('DASHCODE', lib));
  }
  return dir;
}

/** Every file and folder under `dir` but node_modules, `seconds` in the past: older than the build cache's 2 s racy window. */
export function backdate(dir: string, seconds = 3600): void {
  const when = new Date(Date.now() - seconds * 1000);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) backdate(p, seconds);
    utimesSync(p, when, when);
  }
  utimesSync(dir, when, when);
}

export const DATASOURCES = `
import { env, postgresDatasource } from DASHCODE;
export const db = postgresDatasource({ name: 'DB', uid: 'db', url: env('DB_URL'), user: env('DB_USER'), password: env('DB_PWD'), database: 'metrics' });
`;

export function dashboardModule(uid: string, panelTitle: string, extra = ''): string {
  return `
import { dashboard, sql, sqlQuery, tablePanel } from DASHCODE;
import { db } from '../datasources/index.ts';
export default dashboard({ uid: '${uid}', title: '${uid} dashboard', panels: [tablePanel({ title: '${panelTitle}', ${extra} queries: [sqlQuery({ datasource: db, sql: sql\`SELECT 1\` })] })] });
`;
}

export function captureIo(cwd: string): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    cwd,
    env: {},
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
  };
  return io;
}
