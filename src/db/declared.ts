/**
 * A project's own database for `check` and `preview`: the migrations and
 * fixtures declared in dashcode.config.ts (`check.postgres`), loaded into the
 * embedded PGlite. These are the project's own files (trusted, like its
 * dashboard modules): they run at seed time into PGlite only, never against a
 * real server.
 */
import { relative } from '../files/paths.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckConfig } from '../config/config.js';
import { decodeCsv, parseCsv } from './csv.js';
import type { SqlEngine } from './engine.js';

export type DeclaredPostgres = NonNullable<CheckConfig['postgres']>;

export interface DeclaredFiles {
  migrations: string[];
  fixtures: string[];
  /** Files `setup` reads: hashed only. */
  inputs: string[];
}

/** A declared file that cannot be loaded: names the file (and line:column for CSV). */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
}

/** Whether the config declares anything to load. */
export function declaresPostgres(p: DeclaredPostgres | undefined): p is DeclaredPostgres {
  return !!p && ((p.migrations?.length ?? 0) > 0 || (p.fixtures?.length ?? 0) > 0 || typeof p.setup === 'function');
}

/** Expands the globs (relative to `root`), each list sorted by file name, then path. */
export async function declaredFiles(root: string, p: DeclaredPostgres): Promise<DeclaredFiles> {
  const { glob } = await import('tinyglobby');
  const expand = async (patterns: readonly string[] | undefined) => {
    if (!patterns || patterns.length === 0) return [];
    const files = await glob([...patterns], { cwd: root, absolute: true, onlyFiles: true, expandDirectories: false });
    return [...new Set(files)].sort((a, b) => cmp(path.basename(a), path.basename(b)) || cmp(a, b));
  };
  return { migrations: await expand(p.migrations), fixtures: await expand(p.fixtures), inputs: await expand(p.inputs) };
}

/**
 * A hash of everything that decides the loaded database: file names and
 * contents, the setup function's source (with the current UTC hour, since its
 * output may depend on the clock), and the PGlite version.
 */
export async function declaredKey(root: string, p: DeclaredPostgres, files: DeclaredFiles, engineVersion: string, now = new Date()): Promise<string> {
  const h = createHash('sha256').update(`dashcode-declared-v1\0${engineVersion}\0`);
  for (const [kind, list] of [['migration', files.migrations], ['fixture', files.fixtures], ['input', files.inputs]] as const) {
    for (const f of list) h.update(`${kind}\0${path.relative(root, f)}\0`).update(await readFile(f)).update('\0');
  }
  if (typeof p.setup === 'function') h.update(`setup\0${p.setup.toString()}\0${now.toISOString().slice(0, 13)}`);
  return h.digest('hex').slice(0, 24);
}

/** Applies the migrations, then the fixtures, then `setup`, in one transaction each step. */
export async function loadDeclared(engine: SqlEngine, root: string, p: DeclaredPostgres, files: DeclaredFiles): Promise<void> {
  for (const f of files.migrations) await runSqlFile(engine, root, f);
  for (const f of files.fixtures) {
    if (f.endsWith('.csv')) await loadCsvFixture(engine, root, f);
    else if (f.endsWith('.sql')) await runSqlFile(engine, root, f);
    else throw new FixtureError(`${relative(root, f)}: a fixture is a .csv or a .sql file`);
  }
  if (typeof p.setup === 'function') await p.setup(engine);
}

async function runSqlFile(engine: SqlEngine, root: string, file: string): Promise<void> {
  const text = await readFile(file, 'utf8');
  try {
    await engine.transaction((tx) => tx.exec(text));
  } catch (err) {
    throw new FixtureError(`${relative(root, file)}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * `name.csv` → table `name`; the header row names the columns. Values are
 * sent as text and cast by PostgreSQL to each column's type; an empty cell is
 * NULL (write `""` for an empty string in a text column… which is also empty:
 * use a SQL fixture when the difference matters).
 */
async function loadCsvFixture(engine: SqlEngine, root: string, file: string): Promise<void> {
  const name = relative(root, file);
  const { text, errors: encoding } = decodeCsv(await readFile(file));
  const { records, errors } = encoding.length > 0 ? { records: [], errors: encoding } : parseCsv(text);
  if (errors.length > 0) throw new FixtureError(errors.map((e) => `${name}:${e.line}:${e.column}: ${e.message}`).join('\n'));
  const [header, ...rows] = records;
  if (!header) throw new FixtureError(`${name}: the file is empty (expected a header row of column names)`);
  const table = path.basename(file).replace(/\.csv$/, '');
  const columns = header.fields.map((f) => f.value);
  const sql = `INSERT INTO ${ident(table)} (${columns.map(ident).join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
  await engine.transaction(async (tx) => {
    for (const r of rows) {
      if (r.fields.length !== columns.length) throw new FixtureError(`${name}:${r.line}:1: the row has ${r.fields.length} fields, the header has ${columns.length}`);
      try {
        await tx.query(sql, r.fields.map((f) => (f.value === '' ? null : f.value)));
      } catch (err) {
        throw new FixtureError(`${name}:${r.line}:1: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  });
}

/** A quoted identifier: the file name and header are data, never SQL. */
function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
