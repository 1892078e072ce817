import type { ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { SqlEngine } from '../db/engine.js';
import type { ReadOnlyOptions } from '../db/read-only.js';
import type { CheckConfig } from '../config/config.js';
import type { PromRunner } from '../check/run/runners.js';
import { hostPortOf, redactSecrets, urlSecrets } from '../secrets/redact.js';
import { cacheDir } from './cache-dir.js';
import { UsageError, type Io } from './io.js';
import { parseOptions } from './options.js';
import { embeddedWasmFlagsForPglite } from './wasm-flags.js';

/**
 * Which database a command talks to: `--database-url`, else `--pglite DIR`,
 * else an in-memory PGlite when `--data` is given, else a server named by the
 * environment (DATABASE_URL, or the libpq PG* variables alone: PGHOST,
 * PGHOSTADDR, PGPORT, PGDATABASE, PGSERVICE), else an embedded in-memory
 * PGlite. Flags beat the environment; a server the environment names is
 * never silently replaced by an in-memory database.
 */
export interface DatabaseChoice {
  server?: ServerTarget;
  pgliteDir?: string;
  /** PGlite: where the start-up snapshots are kept, for in-memory starts and new `--pglite` folders (see openPglite). */
  snapshotDir?: string;
}

export interface ServerTarget {
  /** A postgres:// URL; absent when the PG* variables name the server. */
  url?: string;
  /** The PG* variables, when they name the server (passed to the driver explicitly, not through process.env). */
  params?: { host?: string; port?: number; user?: string; password?: string; database?: string };
  /** `host:port/database`, without credentials: for messages. */
  where: string;
  /** Values to redact from anything printed. */
  secrets: string[];
  /** What named it, for messages: a flag or an environment variable. */
  namedBy: '--database-url' | 'DATABASE_URL' | 'PG*';
}

const PG_SELECTORS = ['PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGDATABASE', 'PGSERVICE'] as const;

export function chooseDatabase(values: { 'database-url'?: string; pglite?: string; data?: string }, io: Io): DatabaseChoice {
  if (values['database-url']) return { server: urlTarget(values['database-url'], '--database-url') };
  const snapshotDir = cacheDir(io.cwd);
  const inMemory = snapshotDir === undefined ? {} : { snapshotDir };
  // A new --pglite folder is written from the start-up snapshot too, instead of by initdb (db/pglite-data-dir.ts).
  if (values.pglite) return { pgliteDir: path.resolve(io.cwd, values.pglite), ...inMemory };
  if (values.data !== undefined) return inMemory;
  if (io.env.DATABASE_URL) return { server: urlTarget(io.env.DATABASE_URL, 'DATABASE_URL') };
  if (PG_SELECTORS.some((k) => io.env[k])) return { server: envTarget(io.env) };
  return inMemory;
}

function urlTarget(url: string, namedBy: ServerTarget['namedBy']): ServerTarget {
  let database = '';
  try {
    database = decodeURIComponent(new URL(url).pathname.slice(1));
  } catch {
    throw new UsageError(`the database URL is not a URL: ${redactSecrets(url)}`);
  }
  return { url, where: `${hostPortOf(url, 5432)}/${database}`, secrets: urlSecrets(url), namedBy };
}

function envTarget(env: Io['env']): ServerTarget {
  const port = env.PGPORT ? Number(env.PGPORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new UsageError(`PGPORT must be a port number, got "${env.PGPORT}"`);
  const host = env.PGHOST ?? env.PGHOSTADDR ?? 'localhost';
  const params = { host, port, user: env.PGUSER, password: env.PGPASSWORD, database: env.PGDATABASE };
  return { params, where: `${host}:${port ?? 5432}/${env.PGDATABASE ?? env.PGUSER ?? ''}`, secrets: env.PGPASSWORD ? [env.PGPASSWORD] : [], namedBy: 'PG*' };
}

export function describeChoice(choice: DatabaseChoice): string {
  if (choice.server) return `PostgreSQL at ${choice.server.where}`;
  return choice.pgliteDir ? `PGlite in ${choice.pgliteDir}` : 'embedded PostgreSQL (PGlite, in memory)';
}

/**
 * Opens the chosen database. A server that cannot be reached, or that refuses
 * the credentials, is a `DatabaseConnectError` naming host:port (never the
 * password): commands report it as a finding, not an internal error.
 */
export async function openChosen(choice: DatabaseChoice, prepared?: import('../db/pglite.js').PreparedDatabase): Promise<{ engine: SqlEngine; description: string; server: boolean }> {
  const db = await import('../db/index.js');
  const description = describeChoice(choice);
  return connectErrors(choice, async () => {
    if (choice.server) return { engine: await db.openPostgres(choice.server.url, { connection: choice.server.params }), description, server: true };
    return { engine: await db.openPglite(choice.pgliteDir, { snapshotDir: choice.snapshotDir, prepared }), description, server: false };
  });
}

/** A server that cannot be reached or refuses the login, or a PGlite directory in use: a DatabaseConnectError. */
async function connectErrors<T>(choice: DatabaseChoice, open: () => Promise<T>): Promise<T> {
  const db = await import('../db/index.js');
  try {
    return await open();
  } catch (err) {
    if (err instanceof db.SqlError && err.kind !== 'query') {
      const why = { connect: 'cannot connect', auth: 'the server refused the login', 'no-database': 'the database does not exist' }[err.kind];
      const hint = choice.pgliteDir && err.kind === 'no-database' ? `: make one with \`dashcode db init --pglite ${choice.pgliteDir}\`` : '';
      throw new DatabaseConnectError(`${describeChoice(choice)}: ${why} (${redactSecrets(err.message, choice.server?.secrets)}${hint})`);
    }
    if (err instanceof db.PgliteLockedError) throw new DatabaseConnectError(err.message);
    throw err;
  }
}

/** The database could not be opened: a finding (exit 1), with a message that holds no secret. */
export class DatabaseConnectError extends Error {
  override readonly name = 'DatabaseConnectError';
}

/** The backend options `check` and `preview` share (parseArgs config): the same flags choose the same engines. */
export const BACKEND_OPTIONS = {
  data: { type: 'string' },
  pglite: { type: 'string' },
  'database-url': { type: 'string' },
  'prometheus-url': { type: 'string' },
  'scrape-interval': { type: 'string' },
  'query-timeout': { type: 'string' },
  'max-rows': { type: 'string' },
  'max-response-bytes': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  var: { type: 'string', multiple: true },
} as const;

/** A backend command's option values, loosely typed: each is checked by the helper that reads it. */
export type BackendValues = Record<string, string | boolean | string[] | undefined>;

/** Parses a backend command's arguments: the shared BACKEND_OPTIONS plus the command's own. */
export function parseBackendArgs(
  args: string[],
  own: NonNullable<ParseArgsConfig['options']>,
  allowPositionals = true,
): { values: BackendValues; positionals: string[] } {
  const { values, positionals } = parseOptions({ args, allowPositionals, options: { ...BACKEND_OPTIONS, ...own } });
  return { values: values as BackendValues, positionals };
}

/** `--data config|seed|none|csv:DIR`: what goes into an in-memory PGlite (default: what dashcode.config.ts declares). */
export function dataOption(value: unknown): string {
  const data = (value as string | undefined) ?? 'config';
  if (!/^(config|seed|none|csv:.+)$/.test(data)) throw new UsageError(`--data must be config, seed, none or csv:DIR, got "${data}"`);
  return data;
}

/** `--query-timeout` (seconds, default 10) and `--max-rows` (default 100000). */
export function readOnlyOptions(values: Record<string, unknown>): ReadOnlyOptions {
  const out: ReadOnlyOptions = {};
  if (values['query-timeout'] !== undefined) {
    const s = Number(values['query-timeout']);
    if (!(Number.isFinite(s) && s > 0 && s <= 86_400)) throw new UsageError(`--query-timeout must be seconds (e.g. 10 or 0.5), got "${String(values['query-timeout'])}"`);
    out.timeoutMs = Math.max(1, Math.round(s * 1000));
  }
  const maxRows = positiveIntegerOption(values, 'max-rows');
  if (maxRows !== undefined) out.maxRows = maxRows;
  // The most of one answer, from a database as from Prometheus (prometheusLimits).
  const maxBytes = positiveIntegerOption(values, 'max-response-bytes', ' (bytes)');
  if (maxBytes !== undefined) out.maxBytes = maxBytes;
  return out;
}

/** `--NAME N`, a positive whole number (`what` names its unit in the usage error), or undefined when not given. */
function positiveIntegerOption(values: Record<string, unknown>, name: string, what = ''): number | undefined {
  const given = values[name];
  if (given === undefined) return undefined;
  const n = Number(given);
  if (!(Number.isInteger(n) && n > 0)) throw new UsageError(`--${name} must be a positive integer${what}, got "${String(given)}"`);
  return n;
}

/**
 * The Prometheus `check`, `preview` and `alert backtest` query, or undefined
 * without a URL (`--prometheus-url`, else the config's): `--scrape-interval`,
 * `--query-timeout` (per request, as for SQL) and `--max-response-bytes` (the
 * most of one answer that is read; the client's default is 128 MiB).
 */
export function prometheusBackend(values: Record<string, unknown>, url: string | undefined): PromRunner | undefined {
  const { timeoutMs, maxResponseBytes } = prometheusLimits(values);
  return url ? { url, scrapeInterval: values['scrape-interval'] as string | undefined, timeoutMs, maxResponseBytes } : undefined;
}

/** `--query-timeout` and `--max-response-bytes` as Prometheus takes them; usage errors whether or not a URL is given. */
export function prometheusLimits(values: Record<string, unknown>): Pick<PromRunner, 'timeoutMs' | 'maxResponseBytes'> {
  // The same flags, read once, as an SQL query takes them (readOnlyOptions).
  const { timeoutMs, maxBytes } = readOnlyOptions(values);
  return { timeoutMs, maxResponseBytes: maxBytes };
}

/**
 * The database `check` and `preview` query, opened on the first SQL query
 * (a dashboard without SQL never starts PGlite) and only ever queried
 * through queryReadOnly. A server or a persisted PGlite is used as it is;
 * an in-memory PGlite is filled per `--data`, by default with what
 * dashcode.config.ts declares (`check.postgres`), from a cached snapshot.
 */
export interface QueryDatabase {
  runner: { readOnly: true; query(sql: string): Promise<{ rows: Array<Record<string, unknown>>; fields: Array<{ name: string; dataTypeID: number }>; truncated: boolean }> };
  /** Starts opening the database now, before the first query (its errors come with that query). */
  start(): void;
  /** Whether an engine was started (false when no dashboard had an SQL query). */
  started(): boolean;
  description(): string;
  /** Milliseconds spent opening and filling the database. */
  setupMs(): number;
  /** Values to redact from anything printed. */
  secrets: string[];
  close(): Promise<void>;
}

/**
 * When the database `values` choose is PGlite, starts its worker thread now
 * (startPgliteWorkerEarly): a command calls this as soon as it knows it will
 * run SQL, before it reads the config that says which database to open. A
 * server needs nothing early.
 */
export async function startEmbeddedEarly(values: Record<string, unknown>, io: Io): Promise<void> {
  if (chooseDatabase(values as { 'database-url'?: string; pglite?: string; data?: string }, io).server) return;
  (await import('../db/pglite-isolated.js')).startPgliteWorkerEarly();
}

export function queryDatabase(values: Record<string, unknown>, io: Io, options: { data: string; check: CheckConfig }): QueryDatabase {
  const choice = chooseDatabase(values as { 'database-url'?: string; pglite?: string; data?: string }, io);
  const ro = readOnlyOptions(values);
  let description = describeChoice(choice);
  // A server named by the environment is used as it is: say so when the project declares a schema it will not get.
  if (choice.server && choice.server.namedBy !== '--database-url' && (options.check.postgres?.migrations?.length || options.check.postgres?.fixtures?.length)) {
    description += ` (named by ${choice.server.namedBy}; the schema and fixtures declared in dashcode.config.ts are not loaded into a server: give --data config to check against them)`;
  }
  let setupMs = 0;
  let opening: Promise<QueryDatabase['runner'] & { close(): Promise<void> }> | undefined;
  // A server runs queryReadOnly with its own statement_timeout. PGlite ignores statement_timeout
  // (WebAssembly in the calling thread gets no timer signal): it runs in a worker thread that is
  // terminated at the timeout and restarted on the same database (src/db/pglite-isolated.ts).
  const open = async (): Promise<QueryDatabase['runner'] & { close(): Promise<void> }> => {
    const started = performance.now();
    try {
      if (choice.server) {
        const { engine } = await openChosen(choice);
        const { readOnlyRunner } = await import('../db/read-only.js');
        return { ...readOnlyRunner(engine, ro), close: () => engine.close() };
      }
      const isolated = await import('../db/pglite-isolated.js');
      if (choice.pgliteDir) {
        // V8's defaults: a persisted database may be large, with queries long enough to earn the optimizing tier back.
        const dataDir = choice.pgliteDir;
        return await connectErrors(choice, () => isolated.openIsolatedPglite({ dataDir }, ro));
      }
      const fill = await inMemoryFill(options.data, options.check, io.cwd);
      description = fill.description;
      return await isolated.openIsolatedInMemory({ snapshotDir: choice.snapshotDir, prepared: fill.prepared }, { ...ro, v8Flags: embeddedWasmFlagsForPglite() });
    } finally {
      setupMs = Math.round(performance.now() - started);
    }
  };
  return {
    runner: {
      readOnly: true,
      async query(sql) {
        opening ??= open();
        return (await opening).query(sql);
      },
    },
    start() {
      opening ??= open();
      opening.catch(() => {}); // reported by the first query, which awaits the same promise
    },
    started: () => opening !== undefined,
    description: () => (opening === undefined ? `${description}, not started: no SQL query` : description),
    setupMs: () => setupMs,
    secrets: choice.server?.secrets ?? [],
    async close() {
      const runner = await opening?.catch(() => undefined);
      await runner?.close();
    },
  };
}

/** There is no schema to run SQL against: said once per query, with how to declare one. */
export class NoSchemaError extends Error {
  override readonly name = 'NoSchemaError';
  constructor() {
    super(
      'no database schema is declared for check: declare your migrations and fixtures in dashcode.config.ts ' +
        "(check: { postgres: { migrations: ['db/migrations/*.sql'], fixtures: ['db/fixtures/*.csv'] } }, see docs/database.md), " +
        'or give --database-url',
    );
  }
}

async function inMemoryFill(data: string, check: CheckConfig, root: string): Promise<{ prepared?: import('../db/pglite.js').PreparedDatabase; description: string }> {
  const db = await import('../db/index.js');
  if (data === 'none') return { description: 'embedded PostgreSQL (PGlite, empty)' };
  if (data === 'seed') {
    return {
      prepared: { key: `seed-${new Date().toISOString().slice(0, 13)}`, fill: async (e) => void (await db.migrate(e), await db.seed(e, {})) },
      description: 'embedded PostgreSQL (PGlite, metrics schema, seeded data)',
    };
  }
  if (data.startsWith('csv:')) {
    const dir = path.resolve(root, data.slice(4));
    if (!existsSync(dir)) throw new UsageError(`--data ${data}: no such folder`);
    // A CSV folder is not hashed: it is loaded on every run.
    return { prepared: { fill: async (e) => void (await db.migrate(e), await db.loadCsvDir(e, dir)) }, description: `embedded PostgreSQL (PGlite, ${data})` };
  }
  const declared = check.postgres;
  if (!db.declaresPostgres(declared)) throw new NoSchemaError();
  const files = await db.declaredFiles(root, declared);
  const key = await db.declaredKey(root, declared, files, db.pgliteVersion());
  return { prepared: { key, fill: (e) => db.loadDeclared(e, root, declared, files) }, description: 'embedded PostgreSQL (PGlite, the schema and fixtures of dashcode.config.ts)' };
}
