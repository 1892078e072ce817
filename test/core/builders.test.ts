import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPath } from '../../src/model/issue-path.js';
import { defaultDashboard } from '@grafana/schema';
import {
  buildDashboard,
  compileDashboard,
  customVariable,
  dashboard,
  env,
  ident,
  lit,
  metricName,
  postgresDatasource,
  promql,
  promQuery,
  queryVariable,
  row,
  SCHEMA_VERSION,
  sql,
  sqlQuery,
  statPanel,
  tablePanel,
  timeseriesPanel,
  type PanelSpec,
  tempoDatasource,
} from '../../src/index.js';
import { refIdFor } from '../../src/compile/ids.js';
import { datasourcesDocument, toYaml } from '../../src/provisioning/yaml.js';
import { testDatasources } from '../support/fixtures.js';

const { db, prom } = testDatasources();

describe('query text', () => {
  const branch = customVariable({ name: 'branch', values: ['main', 'dev'], multi: true });

  it('SQL interpolates variables with sqlstring, so IN (...) and = are both safe', () => {
    const q = sql`SELECT * FROM benchmarks WHERE branch IN (${branch}) LIMIT ${10}`;
    expect(q.text).toBe('SELECT * FROM benchmarks WHERE branch IN (${branch:sqlstring}) LIMIT 10');
    expect(q.variables).toEqual([branch]);
  });

  it('an explicit format is kept', () => {
    expect(sql`SELECT ${branch.as('csv')}`.text).toBe('SELECT ${branch:csv}');
  });

  it('PromQL uses the datasource\'s own (regex-escaping) interpolation', () => {
    expect(promql`up{branch=~"${branch}"}`.text).toBe('up{branch=~"${branch}"}');
  });

  it('nested fragments carry their variables', () => {
    const where = sql`WHERE branch IN (${branch})`;
    const q = sql`SELECT 1 FROM benchmarks ${where}`;
    expect(q.text).toBe('SELECT 1 FROM benchmarks WHERE branch IN (${branch:sqlstring})');
    expect(q.variables).toEqual([branch]);
  });

  it('takes checked identifiers, escaped literals and metric names', () => {
    expect(sql`SELECT ${ident('d.gpu_util')}, m.measurements->>${lit("it's")}`.text).toBe("SELECT d.gpu_util, m.measurements->>'it''s'");
    expect(promql`rate(${metricName('decode_tokens_processed_total')}[$__rate_interval])`.text).toBe('rate(decode_tokens_processed_total[$__rate_interval])');
    expect(sql`SELECT 1 AS ${ident('First "token"; DROP TABLE x')}`.text).toBe('SELECT 1 AS "First ""token""; DROP TABLE x"');
    expect(sql`SELECT ${ident('')}`.issues.map((i) => i.message)).toEqual(['an SQL identifier cannot be empty']);
  });

  it('refuses fragments of another language', () => {
    const q = sql`SELECT ${promql`up` as never}`;
    expect(q.issues.map((i) => i.message)).toEqual(['interpolation #1 is promql text inside sql']);
  });
});

describe('compile', () => {
  const panels = (n: number): PanelSpec[] =>
    Array.from({ length: n }, (_, i) => statPanel({ title: `P${i}`, w: 6, queries: [promQuery({ datasource: prom, expr: promql`up` })] }));

  it('assigns refIds A..Z, AA, AB', () => {
    expect([0, 1, 25, 26, 27, 701, 702].map(refIdFor)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('appending a panel changes no other id or position (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ w: fc.integer({ min: 1, max: 24 }), h: fc.integer({ min: 1, max: 12 }), inRow: fc.boolean() }), { maxLength: 30 }), (slots) => {
        const specs = slots.map((s, i) => ({ ...s, p: tablePanel({ title: `T${i}`, w: s.w, h: s.h, queries: [sqlQuery({ datasource: db, sql: sql`SELECT 1` })] }) }));
        const items = (list: typeof specs) => {
          const out: Array<PanelSpec | ReturnType<typeof row>> = [];
          for (const s of list) out.push(s.inRow ? row({ title: `R-${s.p.title}`, panels: [s.p] }) : s.p);
          return out;
        };
        const before = compileDashboard(dashboard({ uid: 'x', title: 'X', panels: items(specs) })).json.panels as Array<Record<string, unknown>>;
        const extra = { w: 6, h: 4, inRow: false, p: tablePanel({ title: 'extra', w: 6, h: 4, queries: [] }) };
        const after = compileDashboard(dashboard({ uid: 'x', title: 'X', panels: items([...specs, extra]) })).json.panels as Array<Record<string, unknown>>;
        expect(after.slice(0, before.length).map((p) => [p.id, p.gridPos])).toEqual(before.map((p) => [p.id, p.gridPos]));
      }),
      { numRuns: 200, seed: 42 },
    );
  });

  it('never mutates its input and gives identical output twice', () => {
    const options = { legend: { displayMode: 'table' as const, calcs: ['mean'] } };
    const thresholds = { steps: [{ color: 'green' }, { color: 'red', value: 80 }] };
    const spec = dashboard({ uid: 'x', title: 'X', panels: [timeseriesPanel({ title: 'A', options, thresholds, queries: [promQuery({ datasource: prom, expr: promql`up` })] })] });
    const snapshot = JSON.stringify({ options, thresholds });
    const a = buildDashboard(spec);
    const b = buildDashboard(spec);
    expect(a.text).toBe(b.text);
    expect(a.text!.endsWith('}\n')).toBe(true);
    expect(JSON.stringify({ options, thresholds })).toBe(snapshot);
    (a.json.panels as Array<{ options: { legend: { calcs: string[] } } }>)[0]!.options.legend.calcs.push('max');
    expect(options.legend.calcs).toEqual(['mean']);
    expect(buildDashboard(spec).text).toBe(a.text);
    // The spec holds copies of what it was given: editing the input afterwards changes nothing.
    options.legend.calcs.push('min');
    thresholds.steps.push({ color: 'blue', value: 90 });
    expect(buildDashboard(spec).text).toBe(a.text);
  });

  it('gives every panel fresh defaults, never a shared object', () => {
    const json = compileDashboard(dashboard({ uid: 'x', title: 'X', panels: panels(2) })).json;
    const [p1, p2] = json.panels as Array<{ options: { reduceOptions: { calcs: string[] } } }>;
    p1!.options.reduceOptions.calcs.push('max');
    expect(p2!.options.reduceOptions.calcs).toEqual(['lastNotNull']);
    const again = compileDashboard(dashboard({ uid: 'x', title: 'X', panels: panels(1) })).json;
    expect((again.panels as typeof p1[])[0]!.options.reduceOptions.calcs).toEqual(['lastNotNull']);
  });

  it('sets the panel datasource from its queries, or Mixed', () => {
    const mixed = compileDashboard(
      dashboard({ uid: 'x', title: 'X', panels: [tablePanel({ title: 'M', queries: [sqlQuery({ datasource: db, sql: sql`SELECT 1` }), promQuery({ datasource: prom, expr: promql`up` })] })] }),
    ).json.panels as Array<Record<string, unknown>>;
    expect(mixed[0]!.datasource).toEqual({ type: 'datasource', uid: '-- Mixed --' });
    expect((mixed[0]!.targets as Array<Record<string, unknown>>).map((t) => [t.refId, t.datasource])).toEqual([
      ['A', { type: 'grafana-postgresql-datasource', uid: 'test-db' }],
      ['B', { type: 'prometheus', uid: 'test-prom' }],
    ]);
  });

  it('collapsed rows keep their panels inside; expanded rows put them after the row', () => {
    const p = () => tablePanel({ title: 'T', queries: [] });
    const json = compileDashboard(dashboard({ uid: 'x', title: 'X', panels: [row({ title: 'Open', panels: [p()] }), row({ title: 'Closed', collapsed: true, panels: [p(), p()] })] })).json;
    const list = json.panels as Array<{ type: string; id: number; panels?: unknown[]; gridPos: { y: number } }>;
    expect(list.map((x) => [x.type, x.id, x.gridPos.y, x.panels?.length])).toEqual([
      ['row', 1, 0, 0],
      ['table', 2, 1, undefined],
      ['row', 3, 9, 2],
    ]);
  });

  it('emits the schemaVersion @grafana/schema models', () => {
    expect(SCHEMA_VERSION).toBe(defaultDashboard.schemaVersion);
  });

  it('chained variables must be defined too', () => {
    const repo = queryVariable({ name: 'repository', datasource: db, query: sql`SELECT DISTINCT repository FROM benchmarks` });
    const branch = queryVariable({ name: 'branch', datasource: db, query: sql`SELECT DISTINCT branch FROM benchmarks WHERE repository = ${repo}` });
    const r = compileDashboard(dashboard({ uid: 'x', title: 'X', variables: [branch], panels: [] }));
    expect(r.issues.map((i) => `${renderPath(i.path)}: ${i.message}`)).toEqual([
      'templating.list[0].query: uses variable "repository", which the dashboard does not define (add it to `variables`)',
    ]);
  });
});

describe('datasources and secrets', () => {
  it('rejects a literal password', () => {
    const ds = postgresDatasource({ name: 'DB', uid: 'db', url: 'db:5432', user: 'grafana', password: 'hunter2' as never, database: 'metrics' });
    expect(ds.issues.map((i) => `${renderPath(i.path)}: ${i.message}`)).toEqual(['password: must be an environment reference, env("NAME"), never a literal secret']);
  });

  it('rejects a URL with a password in it', () => {
    const ds = postgresDatasource({ name: 'DB', uid: 'db', url: 'postgres://grafana:hunter2@db:5432', user: 'grafana', password: env('PWD'), database: 'metrics' });
    expect(ds.issues.map((i) => i.message)).toEqual(['contains a password (user:password@host); use env("NAME") for the URL or move the password to secureJsonData']);
  });

  it('writes secrets as $ENV references only', () => {
    const yaml = toYaml(datasourcesDocument([db]), 'test');
    expect(yaml).toContain('password: $DB_PASSWORD');
    expect(yaml).toContain('url: $DB_URL');
  });

  it('doubles every literal $, so Grafana does not expand $__rate_interval in jsonData as an environment variable', async () => {
    const tempo = tempoDatasource({
      name: 'Tempo $team',
      uid: 'tempo',
      url: 'http://tempo:3200',
      tracesToMetrics: { datasource: prom, queries: [{ name: 'p95', query: 'rate(x_bucket[$__rate_interval])' }] },
    });
    const doc = datasourcesDocument([db, tempo]);
    const yaml = toYaml(doc, 'test');
    expect(yaml).toContain('query: rate(x_bucket[$$__rate_interval])');
    expect(yaml).toContain('name: Tempo $$team');
    expect(yaml).toContain('password: $DB_PASSWORD'); // references stay references
    // What Grafana reads back after its expansion is what the code said.
    const { expandDeep } = await import('../../src/doctor/env.js');
    const missing = new Set<string>();
    const seen = expandDeep(doc, { DB_URL: 'postgres://db', DB_USER: 'u', DB_PASSWORD: 'p' }, missing) as { datasources: Array<{ name: string; jsonData: { tracesToMetrics?: { queries: Array<{ query: string }> } } }> };
    expect(missing).toEqual(new Set());
    expect(seen.datasources[1]!.name).toBe('Tempo $team');
    expect(seen.datasources[1]!.jsonData.tracesToMetrics!.queries[0]!.query).toBe('rate(x_bucket[$__rate_interval])');
  });
});

describe('the raw escape hatch', () => {
  it('merges into queries, variables, rows and the dashboard, and lists every key', () => {
    const v = customVariable({ name: 'env', values: ['prod'], raw: { allowCustomValue: false } });
    const spec = dashboard({
      uid: 'x',
      title: 'X',
      variables: [v],
      raw: { preload: true },
      panels: [
        row({ title: 'R', raw: { repeat: 'env' }, panels: [tablePanel({ title: 'T', queries: [sqlQuery({ datasource: db, sql: sql`SELECT 1`, raw: { sql: { columns: [] } } })] })] }),
      ],
    });
    const r = compileDashboard(spec);
    expect(r.issues).toEqual([]);
    expect(r.json.preload).toBe(true);
    expect((r.json.templating as { list: Array<Record<string, unknown>> }).list[0]!.allowCustomValue).toBe(false);
    const [rowJson, table] = r.json.panels as Array<Record<string, unknown>>;
    expect(rowJson!.repeat).toBe('env');
    expect((table!.targets as Array<Record<string, unknown>>)[0]!.sql).toEqual({ columns: [] });
    expect(r.escapeHatches).toEqual(['variable "env": allowCustomValue', 'panel "T" query A: sql', 'row "R": repeat', 'dashboard: preload']);
  });
});

describe('pluginPanel', () => {
  it('builds any panel plugin, and refuses a row or a bad id', async () => {
    const { pluginPanel } = await import('../../src/index.js');
    const r = compileDashboard(dashboard({ uid: 'x', title: 'X', panels: [pluginPanel({ type: 'trend', title: 'Trend', options: { xField: 'x' }, queries: [] })] }));
    expect(r.issues).toEqual([]);
    expect((r.json.panels as Array<Record<string, unknown>>)[0]).toMatchObject({ type: 'trend', options: { xField: 'x' } });
    const bad = compileDashboard(dashboard({ uid: 'x', title: 'X', panels: [pluginPanel({ type: 'row', title: 'Nope' })] }));
    expect(bad.issues.map((i) => i.message)).toEqual(['"row" is not a panel plugin id (use row() for rows)']);
  });
});

describe('sqlAnnotation', () => {
  it('compiles to a PostgreSQL annotation whose variables must be defined', async () => {
    const { sqlAnnotation } = await import('../../src/index.js');
    const branch = customVariable({ name: 'branch', values: ['main'] });
    const a = sqlAnnotation({ name: 'Runs', datasource: db, sql: sql`SELECT created_at AS time, commit_id AS text FROM benchmarks WHERE branch = ${branch} AND $__timeFilter(created_at)` });
    const ok = compileDashboard(dashboard({ uid: 'x', title: 'X', variables: [branch], annotations: [a], panels: [] }), { datasources: [db] });
    expect(ok.issues).toEqual([]);
    expect((ok.json.annotations as { list: Array<Record<string, unknown>> }).list[1]).toEqual({
      datasource: { type: 'grafana-postgresql-datasource', uid: 'test-db' },
      enable: true,
      hide: false,
      iconColor: 'rgba(255, 152, 48, 1)',
      name: 'Runs',
      target: { editorMode: 'code', format: 'table', rawQuery: true, rawSql: 'SELECT created_at AS time, commit_id AS text FROM benchmarks WHERE branch = ${branch:sqlstring} AND $__timeFilter(created_at)', refId: 'Anno' },
    });
    const missing = compileDashboard(dashboard({ uid: 'x', title: 'X', annotations: [a], panels: [] }));
    expect(missing.issues.map((i) => i.code)).toEqual(['variable-undefined']);
  });
});
