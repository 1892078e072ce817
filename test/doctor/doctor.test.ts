import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { doctor } from '../../src/doctor/doctor.js';
import { run } from '../../src/cli/run.js';
import { captureIo } from '../support/temp-project.js';
import { POSTGRES_HOW, PROMETHEUS_HOW, service } from '../support/services.js';

const SECRET = 'correct-horse-battery-staple';

function provisioning(yaml: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dashcode-doctor-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'datasources.yaml'), yaml);
  return dir;
}

const postgresYaml = (database = 'metrics') => `apiVersion: 1
datasources:
  - name: Metrics DB
    type: grafana-postgresql-datasource
    uid: metrics
    url: $PG_URL
    user: $PG_USER
    secureJsonData:
      password: $PG_PWD
    jsonData:
      database: ${database}
`;

const promYaml = (url: string) => `apiVersion: 1
datasources:
  - name: Prometheus
    type: prometheus
    uid: prom
    url: ${url}
`;

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe('dashcode doctor', () => {
  it('reports each missing environment variable, naming it', async () => {
    const findings = await doctor(provisioning(postgresYaml()), { env: {} });
    expect(findings.map((f) => `${f.code} ${f.message}`)).toEqual([
      'env-missing environment variable PG_PWD is not set: Grafana would start with an empty value (set it where Grafana runs)',
      'env-missing environment variable PG_URL is not set: Grafana would start with an empty value (set it where Grafana runs)',
      'env-missing environment variable PG_USER is not set: Grafana would start with an empty value (set it where Grafana runs)',
    ]);
  });

  it('reads $$ as a literal $, and says a $__name is a template variable to escape, not an environment variable to set', async () => {
    const yaml = `apiVersion: 1
datasources:
  - name: Tempo
    type: tempo
    uid: tempo
    url: http://127.0.0.1:${await closedPort()}
    jsonData:
      tracesToMetrics:
        queries:
          - query: rate(a_bucket[$$__rate_interval])
          - query: rate(b_bucket[$__rate_interval])
`;
    const findings = await doctor(provisioning(yaml), { env: {} });
    expect(findings.map((f) => `${f.code} ${f.message}`)).toEqual([
      'env-missing $__rate_interval looks like a Grafana template variable, but provisioning files expand $NAME as an environment variable (__rate_interval is not set, so Grafana would write an empty string): write $$__rate_interval for a literal $ (dashcode\'s generator does)',
    ]);
  });

  it('reports an unreachable Prometheus', async () => {
    const port = await closedPort();
    const [f] = await doctor(provisioning(promYaml(`http://127.0.0.1:${port}`)), { env: {}, timeoutMs: 2000 });
    expect(f).toMatchObject({ level: 'error', code: 'prometheus-unreachable' });
    expect(f!.message).toBe(`cannot reach http://127.0.0.1:${port} (ECONNREFUSED): is prometheus running and the URL right?`);
  });

  it('reports an unreachable PostgreSQL without printing the password', async () => {
    const port = await closedPort();
    const io = captureIo('.');
    io.env = { PG_URL: `127.0.0.1:${port}`, PG_USER: 'grafana', PG_PWD: SECRET };
    const dir = provisioning(postgresYaml());
    expect(await run(['doctor', '--provisioning', dir], io)).toBe(1);
    expect(io.out).toBe(`✖ Metrics DB: cannot reach PostgreSQL at 127.0.0.1:${port} (ECONNREFUSED): is the server running and the URL right? [postgres-unreachable]\n`);
    expect(io.out + io.err).not.toContain(SECRET);
  });

  it('reports a schema problem in the provisioning file', async () => {
    const findings = await doctor(provisioning(promYaml('http://127.0.0.1:1').replace('apiVersion: 1\n', '')), { env: {}, timeoutMs: 500 });
    expect(findings[0]).toMatchObject({ level: 'error', code: 'provisioning-schema' });
    expect(findings[0]!.message).toContain('apiVersion');
  });
});

const databaseUrl = service('DATABASE_URL', POSTGRES_HOW);
describe.runIf(databaseUrl)('dashcode doctor against a real PostgreSQL', () => {
  const u = new URL(databaseUrl ?? 'postgres://x@localhost/x');
  const env = (password: string) => ({ PG_URL: `${u.hostname}:${u.port}`, PG_USER: decodeURIComponent(u.username), PG_PWD: password });

  it('connects with the right password', async () => {
    const [f] = await doctor(provisioning(postgresYaml(u.pathname.slice(1))), { env: env(decodeURIComponent(u.password)) });
    expect(f!.code).toMatch(/^postgres-(ok|schema)$/);
  });

  it('reports a wrong password, without printing it', async () => {
    const [f] = await doctor(provisioning(postgresYaml(u.pathname.slice(1))), { env: env(SECRET) });
    expect(f).toMatchObject({ level: 'error', code: 'postgres-auth' });
    expect(f!.message).toBe(`password authentication failed for user "${decodeURIComponent(u.username)}" at ${u.hostname}:${u.port}: check the password variable and the user`);
    expect(f!.message).not.toContain(SECRET);
  });

  it('reports a missing database', async () => {
    const [f] = await doctor(provisioning(postgresYaml('no_such_database')), { env: env(decodeURIComponent(u.password)) });
    expect(f).toMatchObject({ level: 'error', code: 'postgres-database' });
    expect(f!.message).toBe(`database "no_such_database" does not exist on ${u.hostname}:${u.port}: create it, or fix jsonData.database`);
  });
});

const prometheusUrl = service('PROMETHEUS_URL', PROMETHEUS_HOW);
describe.runIf(prometheusUrl)('dashcode doctor against a real Prometheus', () => {
  it('reports it ready with its version', async () => {
    const [f] = await doctor(provisioning(promYaml(prometheusUrl!)), { env: {} });
    expect(f).toMatchObject({ level: 'ok', code: 'prometheus-ok' });
    expect(f!.message).toMatch(/is ready \(prometheus \d+\.\d+/);
  });
});
