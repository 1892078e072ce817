import path from 'node:path';
import { cacheDir } from './cache-dir.js';
import { UsageError, type Io } from './io.js';

/**
 * Which database a command talks to: `--database-url` (or PGHOST/DATABASE_URL
 * in the environment) for a real PostgreSQL server, else embedded PGlite,
 * in memory or persisted in `--pglite DIR`.
 */
export interface DatabaseChoice {
  databaseUrl?: string;
  pgliteDir?: string;
  /** In-memory PGlite: where its start-up snapshot is kept (see openPglite). */
  snapshotDir?: string;
}

export function chooseDatabase(values: { 'database-url'?: string; pglite?: string }, io: Io): DatabaseChoice {
  if (values['database-url']) return { databaseUrl: values['database-url'] };
  if (values.pglite) return { pgliteDir: path.resolve(io.cwd, values.pglite) };
  if (io.env.PGHOST || io.env.DATABASE_URL) return { databaseUrl: io.env.DATABASE_URL };
  const snapshotDir = cacheDir(io.cwd);
  return snapshotDir === undefined ? {} : { snapshotDir };
}

export async function openChosen(choice: DatabaseChoice) {
  const db = await import('../db/index.js');
  if (choice.databaseUrl !== undefined) return { engine: await db.openPostgres(choice.databaseUrl || undefined), description: 'PostgreSQL server', server: true };
  const engine = await db.openPglite(choice.pgliteDir, { snapshotDir: choice.snapshotDir });
  return { engine, description: choice.pgliteDir ? `PGlite in ${choice.pgliteDir}` : 'embedded PostgreSQL (PGlite, in memory)', server: false };
}

/** The backend options `check` and `preview` share (parseArgs config): the same flags choose the same engines. */
export const BACKEND_OPTIONS = {
  data: { type: 'string' },
  pglite: { type: 'string' },
  'database-url': { type: 'string' },
  'prometheus-url': { type: 'string' },
  'scrape-interval': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const;

/** `--data seed|none|csv:DIR`: what goes into an in-memory PGlite (default seed). */
export function dataOption(value: unknown): string {
  const data = (value as string | undefined) ?? 'seed';
  if (!/^(seed|none|csv:.+)$/.test(data)) throw new UsageError(`--data must be seed, none or csv:DIR, got "${data}"`);
  return data;
}
