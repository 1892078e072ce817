/**
 * The database side of `check`, `preview`, `doctor` and `db` with hostile or
 * unlucky settings (issue 12 items 6 and 7, issue 13 item 4, issue 15):
 * credentials never printed, PG* variables alone select the server, a server
 * that is down or refuses the login is a finding, no schema declared is a
 * finding that says how to declare one, a declared schema and fixtures are
 * what check queries, and PGlite only starts for a dashboard with SQL.
 */
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { captureIo } from '../support/temp-project.js';
import { repoRoot } from '../support/shared.js';
import { POSTGRES_HOW, service } from '../support/services.js';

const PASSWORD = 'hunter2-Sup3r-secret';

function project(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-safetydb-'));
  // This checkout's node_modules, so the PGlite start-up snapshot in its cache is shared (as in a real project).
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function sqlDashboard(rawSql: string): string {
  return JSON.stringify({
    title: 'Orders',
    uid: 'orders',
    time: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' },
    panels: [{ id: 1, type: 'table', title: 'Orders', gridPos: { x: 0, y: 0, w: 24, h: 8 }, datasource: { type: 'grafana-postgresql-datasource', uid: 'db' }, targets: [{ refId: 'A', rawSql, format: 'table', rawQuery: true }] }],
  });
}

const promDashboard = JSON.stringify({
  title: 'Only PromQL',
  uid: 'prom-only',
  panels: [{ id: 1, type: 'timeseries', title: 'Up', gridPos: { x: 0, y: 0, w: 24, h: 8 }, datasource: { type: 'prometheus', uid: 'prom' }, targets: [{ refId: 'A', expr: 'up' }] }],
});

async function check(cwd: string, args: string[], env: Record<string, string> = {}) {
  const io = captureIo(cwd);
  io.env = env;
  const code = await run(['check', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('check on a project that declares no database', () => {
  it('says that no schema is declared and how to declare one (a finding, not a missing relation)', async () => {
    const dir = project({ 'd.json': sqlDashboard('SELECT id FROM orders') });
    const r = await check(dir, ['d.json']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/no database schema is declared for check: declare your migrations and fixtures in dashcode\.config\.ts/);
    expect(r.out).not.toMatch(/relation "orders" does not exist/);
  });

  it('never starts a database for a dashboard without SQL', async () => {
    const dir = project({ 'd.json': promDashboard });
    const r = await check(dir, ['d.json', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ databaseStarted: false });
  });

  it('never starts PGlite for this repository\'s Prometheus-only dashboard either', async () => {
    const r = await check(repoRoot, ['generated/kv-cache-dashboard.json', '--format', 'json']);
    expect(JSON.parse(r.out)).toMatchObject({ databaseStarted: false });
  });
});

describe('check on a project that declares its schema and fixtures (check.postgres)', () => {
  const config = `export default { check: { postgres: { migrations: ['db/migrations/*.sql'], fixtures: ['db/fixtures/*.csv', 'db/fixtures/*.sql'] } } };\n`;
  const files = {
    'dashcode.config.mjs': config,
    'db/migrations/002-index.sql': 'CREATE INDEX orders_at ON orders (at);',
    'db/migrations/001-orders.sql': 'CREATE TABLE orders (id int PRIMARY KEY, at timestamp NOT NULL, amount numeric, note text);',
    'db/fixtures/orders.csv': 'id,at,amount,note\n1,2026-01-01 10:00:00,9.5,first\n2,2026-01-01 11:00:00,,"with, comma"\n',
    'db/fixtures/zz-more.sql': "INSERT INTO orders VALUES (3, '2026-01-01 12:00:00', 1, 'from sql');",
  };

  it('loads migrations in file-name order, then CSV and SQL fixtures, and queries them', async () => {
    const dir = project({ ...files, 'd.json': sqlDashboard('SELECT at AS time, amount FROM orders WHERE $__timeFilter(at) ORDER BY at') });
    const r = await check(dir, ['d.json', '--format', 'json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.databaseStarted).toBe(true);
    expect(report.dashboards[0].queries[0]).toMatchObject({ status: 'ok', rows: 3 });
  }, 180_000);

  it('names the CSV fixture, line and column of invalid UTF-8 and NUL bytes', async () => {
    const bad = new Uint8Array([...Buffer.from('id,at,amount,note\n1,2026-01-01 10:00:00,1,ok\n2,2026-01-01 11:00:00,2,'), 0xff, 0x0a]);
    const dir = project({ ...files, 'db/fixtures/orders.csv': bad, 'd.json': sqlDashboard('SELECT 1 AS value') });
    const r = await check(dir, ['d.json']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/db\/fixtures\/orders\.csv:3:25: invalid UTF-8 \(byte 0xff\)/);
    const nul = project({ ...files, 'db/fixtures/orders.csv': 'id,at,amount,note\n1,2026-01-01 10:00:00,1,a\0b\n', 'd.json': sqlDashboard('SELECT 1 AS value') });
    expect((await check(nul, ['d.json'])).out).toMatch(/db\/fixtures\/orders\.csv:2:26: a NUL byte/);
  }, 180_000);
});

describe('a --pglite folder that holds no database', () => {
  // check never writes: a mistyped folder used to become a new database (initdb, ~5 s), every query then failing.
  it('check and preview refuse it, name it, say how to make one, and create nothing; db init makes it', async () => {
    const dir = project({ 'd.json': sqlDashboard('SELECT 1 AS value') });
    const missing = path.join(dir, 'metrcs-db');
    const empty = path.join(dir, 'empty-db');
    mkdirSync(empty);
    for (const folder of [missing, empty]) {
      const r = await check(dir, ['d.json', '--pglite', folder]);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`PGlite in ${folder}: the database does not exist (no PostgreSQL data directory there: make one with \`dashcode db init --pglite ${folder}\`)`);
      expect(r.out + r.err).not.toMatch(/internal error|\n\s+at /);
      // preview draws the error on the panel, as it does any query error.
      const io = captureIo(dir);
      io.env = {};
      expect(await run(['preview', 'd.json', '--pglite', folder, '--out', path.join(dir, 'preview')], io)).toBe(1);
      expect(io.out).toContain('1 with query errors');
      expect(readFileSync(path.join(dir, 'preview', 'd.html'), 'utf8')).toContain(`PGlite in ${folder}: the database does not exist`);
    }
    expect(existsSync(missing)).toBe(false);
    expect(readdirSync(empty)).toEqual([]);
    expect(existsSync(`${missing}.lock`) || existsSync(`${empty}.lock`)).toBe(false);
    const init = captureIo(dir);
    expect(await run(['db', 'init', '--pglite', missing], init)).toBe(0);
    expect((await check(dir, ['d.json', '--pglite', missing])).code).toBe(0);
  }, 180_000);
});

describe('servers that are down or refuse the login', () => {
  it('a refused connection is a finding naming host:port, never the password, never a stack', async () => {
    const dir = project({ 'd.json': sqlDashboard('SELECT 1 AS value') });
    const r = await check(dir, ['d.json', '--database-url', `postgres://alice:${PASSWORD}@127.0.0.1:1/metrics`]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/PostgreSQL at 127\.0\.0\.1:1\/metrics: cannot connect/);
    expect(r.out + r.err).not.toContain(PASSWORD);
    expect(r.out + r.err).not.toMatch(/internal error|\n\s+at /);
  });

  it('dashcode db: a refused connection exits 1 with a clear message', async () => {
    const io = captureIo(tmpdir());
    expect(await run(['db', 'init', '--database-url', `postgres://alice:${PASSWORD}@127.0.0.1:1/metrics`], io)).toBe(1);
    expect(io.err).toMatch(/PostgreSQL at 127\.0\.0\.1:1\/metrics: cannot connect/);
    expect(io.out + io.err).not.toContain(PASSWORD);
  });

  it('never prints the credentials of a Prometheus URL', async () => {
    const dir = project({ 'd.json': promDashboard });
    const r = await check(dir, ['d.json', '--prometheus-url', `http://bob:${PASSWORD}@127.0.0.1:1`, '--verbose']);
    expect(r.code).toBe(1);
    expect(r.out + r.err).not.toContain(PASSWORD);
  });
});

const url = service('DATABASE_URL', POSTGRES_HOW);
describe.runIf(url)('a real PostgreSQL', () => {
  const u = new URL(url ?? 'postgres://x@localhost/x');
  const pgEnv = { PGHOST: u.hostname, PGPORT: u.port, PGUSER: decodeURIComponent(u.username), PGPASSWORD: decodeURIComponent(u.password), PGDATABASE: u.pathname.slice(1) };

  it('is selected by the PG* variables alone (no silent in-memory fallback)', async () => {
    const dir = project({ 'd.json': sqlDashboard('SELECT current_database() AS value') });
    const r = await check(dir, ['d.json', '--format', 'json'], pgEnv);
    const report = JSON.parse(r.out);
    expect(report.database).toBe(`PostgreSQL at ${u.hostname}:${u.port}/${u.pathname.slice(1)}`);
    expect(report.dashboards[0].queries[0]).toMatchObject({ status: 'ok', rows: 1 });
    expect(r.out).not.toContain(pgEnv.PGPASSWORD);
  });

  it('a wrong password is a finding naming host:port, without either password', async () => {
    const bad = new URL(u);
    bad.password = PASSWORD;
    const dir = project({ 'd.json': sqlDashboard('SELECT 1 AS value') });
    const r = await check(dir, ['d.json', '--database-url', bad.href]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(new RegExp(`PostgreSQL at ${u.hostname}:${u.port}/\\w+: the server refused the login`));
    expect(r.out + r.err).not.toContain(PASSWORD);
    expect(r.out + r.err).not.toContain(decodeURIComponent(u.password));
  });
});
