/**
 * Adoption, end to end: a new repository takes up dashcode the way a user
 * would. For each module type, a fresh `npm init -y` project in /tmp installs
 * the packed tarball, runs `npx dashcode init`, adds a Prometheus and a
 * PostgreSQL dashboard against its own declared schema and fixtures, then
 * runs build, lint, check and diff. Nothing may warn.
 *
 * Slow (npm pack, npm install): run by `npm run test:e2e`, not `npm test`.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];
const SUBPATHS = ['dashcode', 'dashcode/provisioning', 'dashcode/check', 'dashcode/lint', 'dashcode/diff', 'dashcode/import', 'dashcode/preview', 'dashcode/alerting'];

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

// A fresh user repository knows nothing of this repository's CI database: the server .ci/run names is not passed on.
const CONSUMER_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && !k.startsWith('PG')));

function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Result {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...CONSUMER_ENV, ...env, NO_COLOR: '1' }, timeout: 300_000 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const npx = (cwd: string, ...args: string[]) => sh('npx', ['--no-install', 'dashcode', ...args], cwd);

function show(r: Result): string {
  return `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

const DATASOURCES = `import { env, postgresDatasource, prometheusDatasource } from 'dashcode';

export const prometheus = prometheusDatasource({ name: 'Prometheus', uid: 'prometheus', url: 'http://prometheus:9090', isDefault: true });

export const appDb = postgresDatasource({
  name: 'App database',
  uid: 'app-db',
  url: env('APP_DB_URL'),
  user: env('APP_DB_USER'),
  password: env('APP_DB_PASSWORD'),
  database: 'app',
});
`;

const PROM_DASHBOARD = `import { dashboard, promQuery, promql, timeseriesPanel } from 'dashcode';
import { prometheus } from '../datasources/index.js';

export default dashboard({
  uid: 'service-latency',
  title: 'Service latency',
  panels: [
    timeseriesPanel({
      title: 'Requests per second',
      unit: 'reqps',
      queries: [promQuery({ datasource: prometheus, expr: promql\`sum by (route) (rate(http_requests_total[$__rate_interval]))\`, legendFormat: '{{route}}' })],
    }),
  ],
});
`;

const SQL_DASHBOARD = `import { dashboard, sql, sqlQuery, tablePanel, timeseriesPanel } from 'dashcode';
import { appDb } from '../datasources/index.js';

export default dashboard({
  uid: 'orders',
  title: 'Orders',
  // The fixture's fixed days: a relative range (now-7d) would leave them behind as the calendar moves on.
  time: { from: '2026-11-01T00:00:00Z', to: '2026-11-03T00:00:00Z' },
  panels: [
    timeseriesPanel({
      title: 'Orders per hour',
      queries: [sqlQuery({ datasource: appDb, format: 'time_series',
        sql: sql\`SELECT $__timeGroupAlias(created_at, 1h), count(*) AS orders FROM orders WHERE $__timeFilter(created_at) GROUP BY 1 ORDER BY 1\` })],
    }),
    tablePanel({
      title: 'Largest orders',
      queries: [sqlQuery({ datasource: appDb, format: 'table', sql: sql\`SELECT id, customer, total FROM orders ORDER BY total DESC LIMIT 10\` })],
    }),
  ],
});
`;

/** The declared-schema config (safety-db's shape); globs are relative to the config file. */
const CONFIG = `import { defineConfig } from 'dashcode';

export default defineConfig({
  check: {
    postgres: { migrations: ['db/migrations/*.sql'], fixtures: ['db/fixtures/*.csv', 'db/fixtures/*.sql'] },
    prometheus: { fixtures: ['metrics/*.om'] },
  },
});
`;

const MIGRATION = 'CREATE TABLE orders (id integer PRIMARY KEY, customer text NOT NULL, total numeric NOT NULL, created_at timestamptz NOT NULL);\n';
const ORDERS_CSV = 'id,customer,total,created_at\n1,ada,12.50,2026-11-01T10:00:00Z\n2,grace,99.00,2026-11-01T11:30:00Z\n3,linus,5.25,2026-11-02T09:15:00Z\n';
const METRICS = `# TYPE http_requests counter
http_requests_total{route="/"} 10 1761955200
http_requests_total{route="/"} 70 1761955500
http_requests_total{route="/api"} 5 1761955200
http_requests_total{route="/api"} 35 1761955500
# EOF
`;

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** Lines of npm's output that are warnings: there must be none (no dependency of dashcode has an install script). */
function npmWarnings(r: Result): string[] {
  return `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /^npm (warn|WARN)/.test(l));
}

let tarball: string;

beforeAll(() => {
  const dest = mkdtempSync(path.join(tmpdir(), 'dashcode-e2e-pack-'));
  const packed = sh('npm', ['pack', '--pack-destination', dest, '--silent'], repoRoot);
  expect(packed.code, show(packed)).toBe(0);
  tarball = path.join(dest, readdirSync(dest).find((f) => f.endsWith('.tgz'))!);
}, 600_000);

describe('the packed tarball', () => {
  it('ships what the README and the help link to, a LICENSE, and no build scripts or sources', () => {
    const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect(files).toContain('docs/lint.md');
    expect(files).toContain('dist/cjs/index.js');
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('scripts/'))).toEqual([]);
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\(((?:docs)\/[^)#\s]*)\)/g)].map((m) => m[1]!.replace(/\/$/, ''));
    expect(linked.length).toBeGreaterThan(3);
    expect(linked.filter((l) => !files.includes(l) && !files.some((f) => f.startsWith(`${l}/`)))).toEqual([]);
    const pkg = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    // A dependency's install scripts are blocked by npm 11 unless approved; dashcode needs none.
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts?.[s], s).toBeUndefined();
  });
});

for (const type of ['module', 'commonjs'] as const) {
  describe(`a fresh "type": "${type}" repository`, () => {
    let dir: string;

    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), `dashcode-e2e-${type}-`));
      expect(sh('npm', ['init', '-y'], dir).code).toBe(0);
      expect(sh('npm', ['pkg', 'set', `type=${type}`], dir).code).toBe(0);
    }, 120_000);

    it('installs the tarball without warnings', () => {
      const r = sh('npm', ['install', '-D', ...NPM_FLAGS, tarball], dir);
      expect(r.code, show(r)).toBe(0);
      expect(npmWarnings(r), show(r)).toEqual([]);
    }, 600_000);

    it('loads every entry point with import and with require', () => {
      const esm = sh(process.execPath, ['--input-type=module', '-e', `for (const s of ${JSON.stringify(SUBPATHS)}) { const m = await import(s); if (Object.keys(m).length < 1) throw new Error(s); }`], dir);
      expect(esm.code, show(esm)).toBe(0);
      const cjs = sh(process.execPath, ['-e', `for (const s of ${JSON.stringify(SUBPATHS)}) { const m = require(s); if (Object.keys(m).length < 1) throw new Error(s); }`], dir);
      expect(cjs.code, show(cjs)).toBe(0);
      expect(cjs.stderr + esm.stderr).toBe('');
      const built = sh(process.execPath, ['-e', "const d = require('dashcode'); const ds = d.prometheusDatasource({ name: 'P', uid: 'p', url: 'http://p' }); const r = d.buildDashboard(d.dashboard({ uid: 'u', title: 'T', panels: [] }), { datasources: [ds] }); process.stdout.write(JSON.stringify(r.issues));"], dir);
      expect(built.stdout, show(built)).toBe('[]');
    });

    it('type-checks imports under both the import and the require condition (NodeNext)', () => {
      write(dir, {
        'types/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, types: [], target: 'ES2022' }, include: ['*.cts', '*.mts'] }),
        'types/uses.cts': "import { dashboard, type TimeseriesOptions } from 'dashcode';\nimport { toYaml } from 'dashcode/provisioning';\nimport { checkDashboard } from 'dashcode/check';\nexport const d = dashboard({ uid: 'x', title: 'x', panels: [] });\nexport type T = TimeseriesOptions;\nexport { toYaml, checkDashboard };\n",
        'types/uses.mts': "import { dashboard } from 'dashcode';\nimport { lintDashboard } from 'dashcode/lint';\nimport { diffDashboards } from 'dashcode/diff';\nexport const d = dashboard({ uid: 'x', title: 'x', panels: [] });\nexport { lintDashboard, diffDashboards };\n",
      });
      const r = sh(process.execPath, [path.join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'types'], dir);
      expect(r.code, show(r)).toBe(0);
    });

    it("import 'dashcode' loads no parser, file system, database driver, prettier or TypeScript loader", () => {
      write(dir, {
        'record-hooks.mjs': "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(process.env.RECORD_MODULES, url + '\\n'); return next(url, context); }\n",
        'record.mjs': "import { register } from 'node:module';\nregister('./record-hooks.mjs', import.meta.url);\n",
      });
      const log = path.join(dir, 'modules.txt');
      const r = sh(process.execPath, ['--import', './record.mjs', '--input-type=module', '-e', "await import('dashcode')"], dir, { RECORD_MODULES: log });
      expect(r.code, show(r)).toBe(0);
      const loaded = readFileSync(log, 'utf8').trim().split('\n').filter((u) => !u.endsWith('/record-hooks.mjs'));
      const own = loaded.filter((u) => u.includes('/node_modules/dashcode/'));
      const packages = new Set(loaded.filter((u) => !u.includes('/node_modules/dashcode/')).map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u)?.[1] ?? u));
      console.log(`[e2e ${type}] import 'dashcode' loaded ${loaded.length} modules: ${own.length} of dashcode's, packages: ${[...packages].join(', ')}`);
      const heavy = ['@prometheus-io/lezer-promql', '@grafana/lezer-traceql', '@lezer/lr', 'pg', '@electric-sql/pglite', 'prettier', 'tsx', 'esbuild', 'diff', 'node:fs', 'node:fs/promises'];
      expect([...packages].filter((p) => heavy.includes(p))).toEqual([]);
    });

    it('npx dashcode init scaffolds a project that builds', () => {
      const r = npx(dir, 'init');
      expect(r.code, show(r)).toBe(0);
      expect(r.stderr).toBe('');
      expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts['build:dashboards']).toBe('dashcode build');
      const again = npx(dir, 'init');
      expect(again.stdout).toContain('Nothing to do');
      const build = sh('npm', ['run', '-s', 'build:dashboards'], dir);
      expect(build.code, show(build)).toBe(0);
      expect(build.stderr).toBe('');
      expect(existsSync(path.join(dir, 'generated/example.json'))).toBe(true);
    }, 300_000);

    it('builds and lints a Prometheus and a PostgreSQL dashboard with no warnings', () => {
      write(dir, {
        'datasources/index.ts': DATASOURCES,
        'dashboards/service-latency.ts': PROM_DASHBOARD,
        'dashboards/orders.ts': SQL_DASHBOARD,
        'dashcode.config.ts': CONFIG,
        'db/migrations/001_orders.sql': MIGRATION,
        'db/fixtures/orders.csv': ORDERS_CSV,
        'metrics/requests.om': METRICS,
      });
      const build = npx(dir, 'build');
      expect(build.code, show(build)).toBe(0);
      expect(build.stderr, show(build)).toBe('');
      expect(build.stdout).toContain('✓ dashboards/orders.ts → generated/orders.json (2 panels, 0 variables, written)');
      expect(build.stdout).toContain('✓ dashboards/service-latency.ts → generated/service-latency.json (1 panel, 0 variables, written)');
      expect(build.stdout).not.toContain('warning');
      const upToDate = npx(dir, 'build', '--check');
      expect(upToDate.code, show(upToDate)).toBe(0);

      const lint = npx(dir, 'lint', '--strict');
      expect(lint.code, show(lint)).toBe(0);
      expect(lint.stderr).toBe('');
    }, 300_000);

    it('runs its CLI as one script with a V8 code cache, and the dashboards share its library; module by module writes the same files', () => {
      // bin/dashcode.js runs dist/cli-script/ (scripts/build-lib.mjs), its code cache kept in the project's cache folder.
      const cache = path.join(dir, 'node_modules/.cache/dashcode');
      // The cache of another dashcode (an upgrade) is removed by the next run that uses the script.
      writeFileSync(path.join(cache, 'cli-script-0123456789abcdef-v20.0.0-build.v8-cache'), 'stale');
      expect(npx(dir, 'lint').code).toBe(0);
      // One cache per command, each holding what its command compiles: init's, build's and lint's by now.
      const caches = readdirSync(cache).filter((f) => f.startsWith('cli-script-'));
      expect(caches.every((f) => /^cli-script-[0-9a-f]{16}-v[\d.]+-[a-z-]+\.v8-cache$/.test(f)), caches.join(', ')).toBe(true);
      expect(caches.map((f) => f.replace(/^.*-(\w+)\.v8-cache$/, '$1')).sort()).toEqual(['build', 'init', 'lint']);
      expect(new Set(caches.map((f) => f.split('-')[2])).size).toBe(1);
      // The dashboards' `dashcode` imports reach the script's library through its shims: one copy, not dist/ loaded module by module.
      const mjs = (readdirSync(path.join(cache, 'mjs'), { recursive: true }) as string[])
        .filter((f) => f.endsWith('.mjs'))
        .map((f) => readFileSync(path.join(cache, 'mjs', f), 'utf8'))
        .join('\n');
      expect(mjs).toContain('/node_modules/dashcode/dist/cli-script/shim/index.js');
      expect(mjs).not.toMatch(/from ['"]dashcode['"]/);
      const modules = sh('npx', ['--no-install', 'dashcode', 'build', '--check', '--no-cache'], dir, { DASHCODE_NO_CODE_CACHE: '1' });
      expect(modules.code, show(modules)).toBe(0);
      expect(modules.stdout).toMatch(/generated file\(s\) up to date\n$/);
    }, 300_000);

    it('check runs every query against the declared schema and fixtures', () => {
      const check = npx(dir, 'check');
      expect(check.code, show(check)).toBe(0);
      expect(check.stderr, show(check)).toBe('');
      expect(check.stdout).toContain('checked on embedded PostgreSQL (PGlite, the schema and fixtures of dashcode.config.ts)');

      // A CI job that sets DATABASE_URL for its application: the server is used as named, and the report says why
      // the declared schema is missing there; an explicit --data config checks against the declaration instead.
      const appDb = { DATABASE_URL: 'postgres://app:secret-pw@127.0.0.1:9/appdb' };
      const onServer = sh('npx', ['--no-install', 'dashcode', 'check'], dir, appDb);
      expect(onServer.code, show(onServer)).toBe(1);
      expect(onServer.stdout).toContain('named by DATABASE_URL; the schema and fixtures declared in dashcode.config.ts are not loaded into a server');
      expect(onServer.stdout + onServer.stderr).not.toContain('secret-pw');
      const withData = sh('npx', ['--no-install', 'dashcode', 'check', '--data', 'config'], dir, appDb);
      expect(withData.code, show(withData)).toBe(0);
    }, 300_000);

    it('diff shows what a change does to the generated JSON', () => {
      const before = path.join(dir, 'before');
      cpSync(path.join(dir, 'generated'), before, { recursive: true });
      const same = npx(dir, 'diff', 'before', 'generated');
      expect(same.code, show(same)).toBe(0);
      writeFileSync(path.join(dir, 'dashboards/orders.ts'), SQL_DASHBOARD.replace('LIMIT 10', 'LIMIT 20'));
      expect(npx(dir, 'build').code).toBe(0);
      const changed = npx(dir, 'diff', 'before', 'generated');
      expect(changed.code, show(changed)).toBe(1);
      expect(changed.stdout).toContain('Largest orders');
      expect(changed.stdout).toContain('LIMIT 20');
      expect(changed.stderr).toBe('');
    }, 300_000);

    it('build --watch rebuilds a saved dashboard in the same process, and stops on SIGINT with exit 0', async () => {
      const child = spawn(path.join(dir, 'node_modules/.bin/dashcode'), ['build', '--watch'], { cwd: dir, env: { ...CONSUMER_ENV, NO_COLOR: '1' } });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const until = async (re: RegExp) => {
        const end = Date.now() + 60_000;
        while (!re.test(out)) {
          if (Date.now() > end) throw new Error(`timed out waiting for ${re}:\n${out}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      try {
        await until(/watching for changes/);
        writeFileSync(path.join(dir, 'dashboards/orders.ts'), SQL_DASHBOARD.replace('LIMIT 10', 'LIMIT 30'));
        await until(/changed: dashboards\/orders\.ts\n[^]*built in \d+ ms/);
        expect(readFileSync(path.join(dir, 'generated/orders.json'), 'utf8')).toContain('LIMIT 30');
      } finally {
        child.kill('SIGINT');
      }
      expect(await exited, out).toBe(0);
      expect(out).toMatch(/stopped\n$/);
    }, 300_000);
  });
}
