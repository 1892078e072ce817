/**
 * Numbered migrations, applied in order inside one transaction and recorded in
 * `dashcode_migrations`. TypeScript constants rather than .sql files so they
 * ship in dist/ with no copy step and load without touching the filesystem.
 * Never edit an applied migration: add the next number.
 */
import type { SqlEngine } from '../engine.js';
import { hasErrors, type Issue } from '../../model/issue.js';
import { formatIssues } from '../../validate/issues.js';
import { schemaIssues } from '../schema.js';
import * as m001 from './001-metrics-schema.js';
import * as m002 from './002-indexes.js';
import * as m003 from './003-benchmark-v2.js';
import * as m004 from './004-benchmark-baseline.js';
import * as m005 from './005-gpu-sample-time-index.js';

export interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { id: 1, ...m001 },
  { id: 2, ...m002 },
  { id: 3, ...m003 },
  { id: 4, ...m004 },
  { id: 5, ...m005 },
];

export interface MigrateReport {
  /** Ids applied by this call, in order (empty when the database was up to date). */
  applied: number[];
  /** The highest id now recorded. */
  version: number;
}

/** The database does not match what dashcode expects; nothing was changed. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
  constructor(
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message);
  }
}

/** Arbitrary constant: serialises concurrent migrate() calls (two CI jobs, one database). */
const LOCK_KEY = 0x64617368; // "dash"

export async function migrate(engine: SqlEngine): Promise<MigrateReport> {
  return engine.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS dashcode_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamp without time zone NOT NULL DEFAULT (now() AT TIME ZONE 'utc')
    )`);
    const { rows } = await tx.query<{ id: number; name: string }>('SELECT id, name FROM dashcode_migrations ORDER BY id');
    const known = new Map(MIGRATIONS.map((m) => [m.id, m]));
    const unknown = rows.filter((r) => !known.has(r.id));
    if (unknown.length > 0) {
      const list = unknown.map((r) => `${r.id} "${r.name}"`).join(', ');
      throw new MigrationError(`the database has migrations this version of dashcode does not know (${list}): it was migrated by a newer dashcode`);
    }
    const done = new Set(rows.map((r) => r.id));
    // Tables the recorder (or an older init_db.sql) created are adopted by IF NOT
    // EXISTS; check them first, since an older layout would fail half-way
    // (a text foreign key onto an integer benchmark_id) with a less helpful error.
    const existing = (await schemaIssues(tx)).filter((i) => i.code !== 'db-schema-missing-table');
    if (hasErrors(existing)) throw layoutError(existing);
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO dashcode_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      applied.push(m.id);
    }
    // IF NOT EXISTS adopts existing tables; make sure they are the layout we expect.
    const issues = await schemaIssues(tx);
    if (hasErrors(issues)) throw layoutError(issues);
    return { applied, version: Math.max(0, ...MIGRATIONS.map((m) => m.id).filter((id) => done.has(id) || applied.includes(id))) };
  });
}

function layoutError(issues: readonly Issue[]): MigrationError {
  return new MigrationError(`the metrics tables do not match the expected layout; nothing was changed:\n${formatIssues(issues)}`, issues);
}
