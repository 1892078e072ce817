import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { IssueCode } from '../model/issue-codes.js';
import { validateProvisioning } from '../provisioning/validate.js';
import { expandDeep } from './env.js';
import { redactSecrets, urlSecrets } from '../secrets/redact.js';
import { renderPath } from '../model/issue-path.js';

export type FindingLevel = 'ok' | 'error' | 'warning';

export interface Finding {
  level: FindingLevel;
  /** The datasource name, or the file for file-level findings. */
  subject: string;
  /** Stable code from the one table (src/model/issue-codes.ts): env-missing, postgres-auth, prometheus-unreachable, ... */
  code: IssueCode;
  /** One line: what is wrong and what to do. Never contains a secret. */
  message: string;
}

export interface DoctorOptions {
  env: Readonly<Record<string, string | undefined>>;
  timeoutMs?: number;
}

interface Datasource {
  name: string;
  type: string;
  url?: string;
  user?: string;
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, string>;
}

/**
 * Reads every datasource provisioning file in `dir`, validates it, expands
 * environment references as Grafana would, and tests each datasource the way
 * Grafana would connect to it. One finding per problem, each saying what to fix.
 */
export async function doctor(dir: string, options: DoctorOptions): Promise<Finding[]> {
  const findings: Finding[] = [];
  /** secureJsonData values and URL passwords of the datasources (expanded), for redaction. */
  const seen = new Set<string>();
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    return [{ level: 'error', subject: dir, code: 'provisioning-missing', message: `no provisioning folder at ${dir}: run \`npx dashcode build\`` }];
  }
  for (const file of files) {
    const doc = parse(await readFile(path.join(dir, file), 'utf8')) as { datasources?: Datasource[] };
    for (const i of validateProvisioning(doc, 'datasources')) findings.push({ level: 'error', subject: file, code: 'provisioning-schema', message: `${renderPath(i.path)}: ${i.message}` });
    for (const ds of doc.datasources ?? []) findings.push(...(await checkDatasource(ds, options, seen)));
  }
  // Whatever produced a message (a URL with credentials, a driver's or fetch's error), no secret leaves.
  const secrets = [...seen, ...envSecrets(options.env)];
  return findings.map((f) => ({ ...f, subject: redactSecrets(f.subject, secrets), message: redactSecrets(f.message, secrets) }));
}

/** Environment values whose names say they are secret. */
function envSecrets(env: DoctorOptions['env']): string[] {
  return Object.entries(env).flatMap(([k, v]) => (v && /PASS|SECRET|TOKEN|KEY|CREDENTIAL/i.test(k) ? [v] : []));
}

async function checkDatasource(raw: Datasource, options: DoctorOptions, secrets: Set<string>): Promise<Finding[]> {
  const missing = new Set<string>();
  const ds = expandDeep(raw, options.env, missing) as Datasource;
  for (const v of Object.values(ds.secureJsonData ?? {})) if (typeof v === 'string') secrets.add(v);
  for (const s of urlSecrets(ds.url)) secrets.add(s);
  const subject = raw.name;
  if (missing.size > 0) {
    return [...missing].sort().map((name) => ({ level: 'error' as const, subject, code: 'env-missing', message: missingEnvMessage(name) }));
  }
  const timeoutMs = options.timeoutMs ?? 5000;
  switch (raw.type) {
    case 'grafana-postgresql-datasource':
    case 'postgres':
      return [await checkPostgres(ds, subject, timeoutMs)];
    case 'prometheus':
      return [await checkHttp(ds, subject, timeoutMs, '/-/ready', '/api/v1/status/buildinfo', 'prometheus')];
    case 'tempo':
      return [await checkHttp(ds, subject, timeoutMs, '/ready', '/api/status/buildinfo', 'tempo')];
    default:
      return [{ level: 'warning', subject, code: 'datasource-untested', message: `no connection test for type ${raw.type}` }];
  }
}

async function checkPostgres(ds: Datasource, subject: string, timeoutMs: number): Promise<Finding> {
  const database = String(ds.jsonData?.database ?? '');
  const { host, port } = hostPort(ds.url ?? '', 5432);
  if (!host) return { level: 'error', subject, code: 'postgres-config', message: 'url is empty: set it to host:port' };
  if (!database) return { level: 'error', subject, code: 'postgres-config', message: 'jsonData.database is empty: set the database name' };
  const { default: pg } = await import('pg');
  // A read-only session with a statement timeout: doctor only reads two catalogue queries, and says so to the server too.
  const client = new pg.Client({ host, port, user: ds.user, password: ds.secureJsonData?.password, database, connectionTimeoutMillis: timeoutMs, statement_timeout: timeoutMs, options: '-c default_transaction_read_only=on' });
  try {
    await client.connect();
    const r = await client.query<{ version: string }>('SELECT version()');
    const tables = await client.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_name IN ('benchmarks', 'device_measurements', 'model_measurements')");
    const version = r.rows[0]?.version.split(' ').slice(0, 2).join(' ');
    const n = Number(tables.rows[0]?.n ?? 0);
    if (n < 3) return { level: 'warning', subject, code: 'postgres-schema', message: `connected to ${host}:${port}/${database} (${version}) but ${3 - n} of the metrics tables are missing: run \`dashcode db init\`` };
    return { level: 'ok', subject, code: 'postgres-ok', message: `connected to ${host}:${port}/${database} as ${ds.user} (${version})` };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === '28P01' || e.code === '28000') return { level: 'error', subject, code: 'postgres-auth', message: `password authentication failed for user "${ds.user}" at ${host}:${port}: check the password variable and the user` };
    if (e.code === '3D000') return { level: 'error', subject, code: 'postgres-database', message: `database "${database}" does not exist on ${host}:${port}: create it, or fix jsonData.database` };
    if (e.code === 'ECONNREFUSED' || e.code === 'ENOTFOUND' || e.code === 'EHOSTUNREACH' || /timeout/i.test(e.message ?? '')) {
      return { level: 'error', subject, code: 'postgres-unreachable', message: `cannot reach PostgreSQL at ${host}:${port} (${e.code ?? 'timeout'}): is the server running and the URL right?` };
    }
    return { level: 'error', subject, code: 'postgres-error', message: `${host}:${port}: ${e.message ?? String(err)}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkHttp(ds: Datasource, subject: string, timeoutMs: number, readyPath: string, infoPath: string, kind: 'prometheus' | 'tempo'): Promise<Finding> {
  const base = (ds.url ?? '').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) return { level: 'error', subject, code: `${kind}-config`, message: `url "${base}" is not an http(s) URL` };
  try {
    const ready = await fetch(base + readyPath, { signal: AbortSignal.timeout(timeoutMs) });
    if (!ready.ok) return { level: 'error', subject, code: `${kind}-not-ready`, message: `${base}${readyPath} answered HTTP ${ready.status}: the server is up but not ready` };
    const info = await fetch(base + infoPath, { signal: AbortSignal.timeout(timeoutMs) }).then((r) => (r.ok ? (r.json() as Promise<{ data?: { version?: string }; version?: string }>) : undefined));
    const version = info?.data?.version ?? info?.version;
    return { level: 'ok', subject, code: `${kind}-ok`, message: `${base} is ready${version ? ` (${kind} ${version})` : ''}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return { level: 'error', subject, code: `${kind}-unreachable`, message: `cannot reach ${base} (${cause}): is ${kind} running and the URL right?` };
  }
}

function hostPort(url: string, defaultPort: number): { host: string; port: number } {
  const u = url.includes('://') ? new URL(url) : new URL(`postgres://${url}`);
  return { host: u.hostname, port: u.port ? Number(u.port) : defaultPort };
}

/** `$__rate_interval` and friends are Grafana template variables, not environment variables: the fix is `$$`, not an export. */
function missingEnvMessage(name: string): string {
  if (name.startsWith('__')) {
    return `$${name} looks like a Grafana template variable, but provisioning files expand $NAME as an environment variable (${name} is not set, so Grafana would write an empty string): write $$${name} for a literal $ (dashcode's generator does)`;
  }
  return `environment variable ${name} is not set: Grafana would start with an empty value (set it where Grafana runs)`;
}
