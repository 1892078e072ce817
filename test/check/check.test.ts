/**
 * `dashcode check` on the generated dashboards and on the hand-written
 * originals, against real engines: embedded PGlite always; a real PostgreSQL
 * and Prometheus when DATABASE_URL / PROMETHEUS_URL are set (always in CI).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDashboard, type DashboardCheck } from '../../src/check/run/index.js';
import { migrate, openPostgres, seed, type SqlEngine } from '../../src/db/index.js';
import { openTestPglite } from '../support/pglite.js';
import { run } from '../../src/cli/run.js';
import { FIXTURE_END_ISO, FIXTURE_START_ISO } from '../fixtures/prometheus/fixture.js';
import { needShared, repoRoot, sharedPath } from '../support/shared.js';
import { POSTGRES_HOW, PROMETHEUS_HOW, service } from '../support/services.js';
import { captureIo, tempProject } from '../support/temp-project.js';

const generated = readdirSync(path.join(repoRoot, 'generated'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: `generated/${f}`, json: JSON.parse(readFileSync(path.join(repoRoot, 'generated', f), 'utf8')) as Record<string, unknown> }));

const isProm = (d: { json: Record<string, unknown> }) => JSON.stringify(d.json).includes('"expr"');
const fixtureWindow = { from: FIXTURE_START_ISO, to: FIXTURE_END_ISO };

function notOk(checks: DashboardCheck[]) {
  return checks.flatMap((c) => c.queries.filter((q) => q.status !== 'ok' && q.status !== 'syntax-ok' && q.status !== 'skipped').map((q) => `${c.dashboard} › ${q.panel} › ${q.refId}: ${q.status} ${q.message ?? ''}`));
}

function sqlSuite(name: string, open: () => Promise<SqlEngine>) {
  describe(`generated dashboards on ${name} with seeded data`, () => {
    let engine: SqlEngine;
    const checks: DashboardCheck[] = [];
    beforeAll(async () => {
      engine = await open();
      await migrate(engine);
      await seed(engine, {});
      for (const d of generated) checks.push(await checkDashboard(d.json, { file: d.file, sql: engine }));
    });
    afterAll(async () => engine?.close());

    it('reports every SQL query ok', () => {
      expect(notOk(checks)).toEqual([]);
      // The trace lookups need a trace id, which a viewer picks before opening their collapsed rows: not run on load.
      const lookups = checks.flatMap((c) => c.queries.filter((q) => q.language === 'traceid'));
      expect(lookups.map((q) => [q.panel, q.status])).toEqual([
        ['Trace', 'skipped'],
        ['Trace', 'skipped'],
      ]);
      const sqlQueries = checks.flatMap((c) => c.queries.filter((q) => q.language === 'sql'));
      expect(sqlQueries.length).toBeGreaterThan(15);
      expect(sqlQueries.every((q) => q.status === 'ok' && (q.rows ?? 0) > 0)).toBe(true);
    });

    it('resolves the benchmark variables to the latest commit', () => {
      const bench = checks.find((c) => c.file === 'generated/grafana_dashboard.json')!;
      const byName = Object.fromEntries(bench.variables.map((v) => [v.name, v]));
      expect(byName.repository!.value).toBe('huggingface/transformers');
      expect(Array.isArray(byName.commit!.value) && byName.commit!.value.length).toBe(1);
      expect(bench.variables.every((v) => v.status === 'ok')).toBe(true);
    });

    it('counts PromQL and TraceQL that were only parsed as "syntax ok", alike (issue 14 item 9)', () => {
      const others = checks.flatMap((c) => c.queries.filter((q) => q.language === 'promql' || q.language === 'traceql'));
      expect(others.length).toBeGreaterThan(10);
      expect(others.filter((q) => q.status !== 'syntax-ok').map((q) => `${q.panel}: ${q.status}`)).toEqual([]);
      expect(new Set(others.map((q) => q.message?.split(';')[0]))).toEqual(new Set(['PromQL syntax ok', 'TraceQL syntax ok']));
    });
  });
}

sqlSuite('PGlite', () => openTestPglite());
const databaseUrl = service('DATABASE_URL', POSTGRES_HOW);
if (databaseUrl) sqlSuite('a real PostgreSQL', () => openPostgres(databaseUrl));

const prometheusUrl = service('PROMETHEUS_URL', PROMETHEUS_HOW);
describe.runIf(prometheusUrl)('generated Prometheus dashboards against a real Prometheus', () => {
  it('reports every PromQL query ok over the fixture window', async () => {
    const checks = [];
    for (const d of generated.filter(isProm)) checks.push(await checkDashboard(d.json, { file: d.file, prometheus: { url: prometheusUrl! }, ...fixtureWindow }));
    // The gallery's Trace panel looks up ${trace_id}, empty until a trace is picked; it sits in a collapsed row,
    // which runs nothing until opened, so it is skipped, not failing.
    expect(notOk(checks)).toEqual([]);
    expect(checks.flatMap((c) => c.queries.filter((q) => q.language === 'promql' && q.status === 'ok')).length).toBeGreaterThan(10);
  });
});

describe.runIf(needShared)('the hand-written originals', () => {
  const original = (p: string) => JSON.parse(readFileSync(sharedPath('reference/transformers', p), 'utf8')) as Record<string, unknown>;

  it('the benchmark dashboard: columns that do not exist, with their position', async () => {
    const engine = await openTestPglite();
    await migrate(engine);
    await seed(engine, {});
    const c = await checkDashboard(original('benchmark/grafana_dashboard.json'), { sql: engine });
    await engine.close();
    const byPanel = Object.fromEntries(c.queries.map((q) => [q.panel, q]));
    expect(byPanel['Benchmark info'] ?? byPanel[c.queries[0]!.panel]).toBeDefined();
    expect(byPanel['First eager forward pass']).toMatchObject({ status: 'error' });
    expect(byPanel['First eager forward pass']!.message).toMatch(/column m\.forward_pass_time does not exist at position \d+/);
    expect(byPanel['First compile forward pass']!.message).toMatch(/column m\.first_compile_forward_pass_time does not exist/);
    expect(c.queries.filter((q) => q.status === 'error').length).toBeGreaterThanOrEqual(6);
  });

  it.runIf(prometheusUrl)('the KV cache dashboard: metric names with a prefix nothing exports', async () => {
    const c = await checkDashboard(original('examples/metrics-monitoring/kv-cache-dashboard.json'), { prometheus: { url: prometheusUrl! }, ...fixtureWindow });
    const empty = c.queries.filter((q) => q.status === 'empty').map((q) => q.panel);
    expect(empty).toContain('KV Cache Memory Usage');
    expect(c.queries.find((q) => q.status === 'empty')!.message).toBe('no series in the time range (is the metric name right?)');
  });
});

describe('dashcode check (CLI)', () => {
  it('checks the benchmark dashboard on PGlite and exits 0', async () => {
    const io = captureIo(repoRoot);
    expect(await run(['check', 'generated/grafana_dashboard.json'], io)).toBe(0);
    expect(io.out).toMatch(/\n\d+ queries: \d+ ok, 0 syntax ok \(not run\), 0 empty, 0 wrong shape, 0 error, 0 skipped\n/);
    expect(io.out).toMatch(/checked on embedded PostgreSQL \(PGlite, the schema and fixtures of dashcode\.config\.ts\) in \d+ ms/);
  });

  it('exits 1 on the original benchmark dashboard, naming the panel and the column', async () => {
    if (!needShared) return;
    const io = captureIo(repoRoot);
    expect(await run(['check', sharedPath('reference/transformers/benchmark/grafana_dashboard.json'), '--format', 'json'], io)).toBe(1);
    const report = JSON.parse(io.out);
    expect(report.summary.error).toBeGreaterThanOrEqual(6);
  });
});

describe.runIf(prometheusUrl)('Prometheus query variables against a real Prometheus', () => {
  it('resolves label_values, metrics() and query_result(), and uses the selection in the panel query', async () => {
    const dashboard = {
      title: 'Vars',
      time: { from: fixtureWindow.from, to: fixtureWindow.to },
      templating: {
        list: [
          { name: 'instance', type: 'query', datasource: { type: 'prometheus', uid: 'p' }, query: 'label_values(active_requests_count, instance)', multi: true, includeAll: true },
          { name: 'metric', type: 'query', datasource: { type: 'prometheus', uid: 'p' }, query: 'metrics(^kv_cache_.*_bytes$)' },
          { name: 'latest', type: 'query', datasource: { type: 'prometheus', uid: 'p' }, query: 'query_result(sum by (job) (active_requests_count))' },
        ],
      },
      panels: [{ type: 'timeseries', title: 'Active', targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: 'p' }, expr: 'sum(active_requests_count{instance=~"$instance"})' }] }],
    };
    const c = await checkDashboard(dashboard, { prometheus: { url: prometheusUrl! } });
    const v = Object.fromEntries(c.variables.map((x) => [x.name, x]));
    expect(v.instance).toMatchObject({ status: 'ok', value: ['$__all'] });
    expect(v.metric).toMatchObject({ status: 'ok', value: 'kv_cache_free_memory_bytes' });
    expect(String(v.latest!.value)).toMatch(/^\{job="transformers-serve"\} \d+(\.\d+)? \d+$/);
    expect(c.queries[0]).toMatchObject({ status: 'ok' });
    expect(c.queries[0]!.expanded).toBe('sum(active_requests_count{instance=~"(worker-0:8000|worker-1:8000)"})');
  });
});

describe('annotation queries are checked too', () => {
  it('an annotation without a time column is the wrong shape', async () => {
    const engine = await openTestPglite();
    await migrate(engine);
    await seed(engine, {});
    const dashboard = {
      title: 'A',
      annotations: { list: [{ name: 'Runs', enable: true, datasource: { type: 'grafana-postgresql-datasource', uid: 'db' }, target: { rawSql: 'SELECT commit_id AS text FROM benchmarks', refId: 'Anno' } }] },
      panels: [],
    };
    const c = await checkDashboard(dashboard, { sql: engine });
    await engine.close();
    expect(c.queries).toMatchObject([{ panel: 'annotation Runs', path: 'annotations.list[0]', status: 'wrong-shape', message: 'an annotation query needs a time column (events are placed by it); the result has text (string)' }]);
  });
});

describe('Prometheus limits from the command line', () => {
  const dashboardJson = JSON.stringify({
    title: 'Limits',
    templating: { list: [{ name: 'instance', type: 'query', datasource: { type: 'prometheus', uid: 'p' }, query: 'label_values(active_requests_count, instance)' }] },
    panels: [{ type: 'timeseries', title: 'Active', targets: [{ refId: 'A', datasource: { type: 'prometheus', uid: 'p' }, expr: 'sum by (instance) (active_requests_count)' }] }],
  });

  it.runIf(prometheusUrl)('--max-response-bytes caps every answer, a variable\'s and a panel\'s alike, and says so', async () => {
    const dir = tempProject({ 'limits.json': dashboardJson });
    const args = ['check', 'limits.json', '--prometheus-url', prometheusUrl!, '--from', FIXTURE_START_ISO, '--to', FIXTURE_END_ISO, '--format', 'json'];
    const capped = captureIo(dir);
    expect(await run([...args, '--max-response-bytes', '64'], capped), capped.err).toBe(1);
    const report = JSON.parse(capped.out) as { dashboards: DashboardCheck[] };
    const [check] = report.dashboards;
    expect(check!.variables[0]).toMatchObject({ name: 'instance', status: 'error' });
    expect(check!.variables[0]!.message).toMatch(/the answer is larger than 64 bytes, the most check reads from Prometheus/);
    expect(check!.queries[0]).toMatchObject({ panel: 'Active', status: 'error' });
    expect(check!.queries[0]!.message).toMatch(/the answer is larger than 64 bytes/);
    const roomy = captureIo(dir);
    expect(await run([...args, '--max-response-bytes', '1000000'], roomy), roomy.err).toBe(0);
  });

  it('a --max-response-bytes that is not a positive integer is a usage error, for check, preview and alert backtest alike', async () => {
    const dir = tempProject({ 'limits.json': dashboardJson });
    for (const command of [['check', 'limits.json'], ['preview', 'limits.json'], ['alert', 'backtest']]) {
      for (const bad of ['0', '-5', '1.5', '12MB']) {
        const io = captureIo(dir);
        expect(await run([...command, `--max-response-bytes=${bad}`], io), `${command.join(' ')} ${bad}: ${io.err}`).toBe(2);
        expect(io.err).toContain(`--max-response-bytes must be a positive integer (bytes), got "${bad}"`);
      }
    }
  });
});

