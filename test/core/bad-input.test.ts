/**
 * Each kind of bad input named by the core issue yields a clear error naming
 * the dashboard, the panel and the field path, and nothing is produced.
 */
import { describe, expect, it } from 'vitest';
import {
  buildDashboard,
  constantVariable,
  env,
  prometheusDatasource,
  tempoDatasource,
  customVariable,
  postgresDatasource,
  dashboard,
  formatIssues,
  promQuery,
  promql,
  sql,
  sqlQuery,
  tablePanel,
  timeseriesPanel,
  type DashboardSpec,
} from '../../src/index.js';
import { isIssueCode } from '../../src/model/issue-codes.js';
import { testDatasources } from '../support/fixtures.js';

const { db, prom } = testDatasources();

function build(spec: DashboardSpec, datasources: NonNullable<Parameters<typeof buildDashboard>[1]>['datasources'] = [db]) {
  const result = buildDashboard(spec, { datasources, file: 'dashboards/bad.ts' });
  return { ...result, report: formatIssues(result.issues) };
}

const query = () => sqlQuery({ datasource: db, sql: sql`SELECT 1` });

describe('bad input', () => {
  it('a panel wider than 24 columns', () => {
    const r = build(dashboard({ uid: 'bad', title: 'Bad', panels: [tablePanel({ title: 'Too wide', w: 30, queries: [query()] })] }));
    expect(r.text).toBeUndefined();
    expect(r.report).toContain('dashboards/bad.ts › dashboard "Bad" › panel "Too wide" › gridPos.w: panel width 30 is wider than the 24-column grid (allowed: 1..24) [layout-width]');
    expect(r.report).toContain('→ at panels[0].gridPos.w');
  });

  it('a duplicate explicit id', () => {
    const r = build(
      dashboard({
        uid: 'bad',
        title: 'Bad',
        panels: [tablePanel({ title: 'One', id: 7, queries: [query()] }), tablePanel({ title: 'Two', id: 7, queries: [query()] })],
      }),
    );
    expect(r.text).toBeUndefined();
    expect(r.report).toContain('panel "Two" › id: id 7 is already used by panel "One"; ids must be unique within a dashboard [panel-id-duplicate]');
    expect(r.report).toContain('→ at panels[1].id');
  });

  it('an unknown unit, with a suggestion', () => {
    // @ts-expect-error a misspelt unit is a compile error; this checks the run-time finding for untyped callers
    const r = build(dashboard({ uid: 'bad', title: 'Bad', panels: [timeseriesPanel({ title: 'GPU utilization', unit: 'percnt', queries: [query()] })] }));
    expect(r.text).toBeUndefined();
    expect(r.report).toContain(
      'dashboards/bad.ts › dashboard "Bad" › panel "GPU utilization" › fieldConfig.defaults.unit: unknown unit "percnt" (did you mean "percent"?)',
    );
    expect(r.report).toContain('→ at panels[0].fieldConfig.defaults.unit');
  });

  it('a query without a datasource', () => {
    // A JavaScript caller (or a cast) can omit what the types require; the input schema catches it.
    const noDs = sqlQuery({ sql: sql`SELECT 1` } as unknown as Parameters<typeof sqlQuery>[0]);
    const r = build(dashboard({ uid: 'bad', title: 'Bad', panels: [tablePanel({ title: 'Orphan', queries: [noDs] })] }));
    expect(r.text).toBeUndefined();
    expect(r.report).toContain('panel "Orphan" › targets[0].datasource: is required: a datasource object (e.g. from datasources/)');
    expect(r.report).toContain('panel "Orphan" › targets[0].datasource: no datasource: pass a datasource object from datasources/ [datasource-missing]');
  });

  it('a variable referenced in a query but never defined', () => {
    const branch = customVariable({ name: 'branch', values: ['main'] });
    const r = build(
      dashboard({ uid: 'bad', title: 'Bad', panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql`SELECT * FROM benchmarks WHERE branch = ${branch}` })] })] }),
    );
    expect(r.text).toBeUndefined();
    expect(r.report).toContain(
      'panel "Runs" › targets[0]: uses variable "branch", which the dashboard does not define (add it to `variables`) [variable-undefined]',
    );
  });

  it('a variable named literally in query text ($x, \${x}, [[x]]) must be defined too, reported with every other error at once', () => {
    const instance = customVariable({ name: 'instance', values: ['a'], raw: { allowCustomValue: false } });
    const r = build(
      dashboard({
        uid: 'bad',
        title: 'Bad',
        variables: [instance],
        panels: [
          timeseriesPanel({
            title: 'Latency',
            w: 30,
            queries: [promQuery({ datasource: prom, expr: promql`rate(x{instance="$instance", job="$job", pod="\${pod:regex}", zone="[[zone]]"}[$__rate_interval])` })],
          }),
        ],
      }),
      [db, prom],
    );
    expect(r.text).toBeUndefined();
    const lines = r.report.split('\n').filter((l) => l.startsWith('✖'));
    expect(lines).toEqual([
      expect.stringContaining('panel "Latency" › gridPos.w: panel width 30 is wider than the 24-column grid'),
      '✖ dashboards/bad.ts › dashboard "Bad" › panel "Latency" › targets[0]: uses $job, which the dashboard does not define (define the variable and interpolate the object: ${job}) [variable-undefined]',
      '✖ dashboards/bad.ts › dashboard "Bad" › panel "Latency" › targets[0]: uses $pod, which the dashboard does not define (define the variable and interpolate the object: ${pod}) [variable-undefined]',
      '✖ dashboards/bad.ts › dashboard "Bad" › panel "Latency" › targets[0]: uses $zone, which the dashboard does not define (define the variable and interpolate the object: ${zone}) [variable-undefined]',
    ]);
  });

  it('macros, globals, positional parameters and dollar-quotes are not variable references', () => {
    const r = build(
      dashboard({
        uid: 'ok',
        title: 'Ok',
        panels: [
          tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql`SELECT $body$ a $body$, $1 WHERE $__timeFilter(created_at) AND '\${__from:date}' <> ''` })] }),
        ],
      }),
    );
    expect(r.issues.filter((i) => i.code === 'variable-undefined')).toEqual([]);
  });

  it('a string interpolated into SQL (injection) is refused', () => {
    const userInput = "main'; DROP TABLE benchmarks; --";
    const r = build(
      dashboard({
        uid: 'bad',
        title: 'Bad',
        panels: [tablePanel({ title: 'Runs', queries: [sqlQuery({ datasource: db, sql: sql`SELECT * FROM benchmarks WHERE branch = ${userInput as never}` })] })],
      }),
    );
    expect(r.text).toBeUndefined();
    expect(r.report).toContain('panel "Runs" › targets[0].rawSql: interpolation #1 is the string "main\'; DROP TABLE benchmarks; --"; only variable objects, numbers, ident()/lit()/metricName() tokens and sql fragments can be interpolated (strings could inject sql) [query-interpolation]');
  });

  it('a non-serialisable value', () => {
    const r = build(
      dashboard({ uid: 'bad', title: 'Bad', panels: [tablePanel({ title: 'Weird', queries: [query()], options: { cellHeight: (() => 'sm') as never } })] }),
    );
    expect(r.text).toBeUndefined();
    expect(r.report).toMatch(/panel "Weird" › options\.cellHeight: .*function.* \[json-non-serializable\]/);
    expect(r.report).toContain('→ at panels[0].options.cellHeight');
  });

  it('a datasource that is not provisioned does not compile', () => {
    const other = testDatasources().prom;
    const r = build(
      dashboard({ uid: 'bad', title: 'Bad', panels: [timeseriesPanel({ title: 'Up', queries: [sqlQuery({ datasource: { ...db, uid: 'elsewhere', name: 'Elsewhere' }, sql: sql`SELECT 1` })] })] }),
    );
    expect(other.uid).toBe('test-prom');
    expect(r.report).toContain('panel "Up" › targets[0].datasource: datasource "Elsewhere" (uid elsewhere) is not in datasources/, so Grafana would not have it [datasource-unknown]');
  });

  it('collects every problem at once instead of stopping at the first', () => {
    const r = build(
      dashboard({
        uid: 'bad uid!',
        title: 'Bad',
        // @ts-expect-error a misspelt unit is a compile error; this checks the run-time finding for untyped callers
        panels: [timeseriesPanel({ title: 'A', w: 25, unit: 'secs', queries: [query()] }), timeseriesPanel({ title: 'B', decimals: -1, queries: [query()] })],
      }),
    );
    const codes = r.issues.map((i) => i.code).sort();
    expect(codes).toEqual(['option-value', 'layout-width', 'unit-unknown', 'option-range'].sort());
    expect(r.report).toContain('unknown unit "secs" (did you mean "s"?)');
  });
});

describe('typos in builder options', () => {
  it('an unknown key gets a "did you mean"', () => {
    const r = build(dashboard({ uid: 'bad', title: 'Bad', panels: [tablePanel({ title: 'Runs', unti: 's', queries: [query()] } as never)] }));
    expect(r.report).toContain('panel "Runs": unknown key "unti" (did you mean "unit" for "unti"?) [option-unknown]');
  });

  it('Grafana JSON names edit distance cannot reach get their builder key', () => {
    const r = build(dashboard({ uid: 'bad', title: 'Bad', panels: [tablePanel({ title: 'Runs', width: 30, targets: [], queries: [query()] } as never)] }));
    expect(r.report).toContain('panel "Runs": unknown keys "width", "targets" (did you mean "w" for "width", "queries" for "targets"?) [option-unknown]');
    const g = build(dashboard({ uid: 'bad', title: 'Bad', panels: [tablePanel({ title: 'Runs', gridPos: { w: 6 }, queries: [query()] } as never)] }));
    expect(g.report).toContain('(did you mean "w", "h", "x", "y" for "gridPos"?)');
    // The Grafana names come from the builders' output-path tables (PANEL_OUTPUT_PATHS), not a second list.
    const f = build(dashboard({ uid: 'bad', title: 'Bad', panels: [tablePanel({ title: 'Runs', fieldConfig: {}, queries: [query()] } as never)] }));
    expect(f.report).toContain('"unit", "decimals", "min", "max", "displayName", "noValue", "thresholds", "color", "mappings", "custom", "dataLinks", "overrides" for "fieldConfig"');
    const t = build(dashboard({ uid: 'bad', title: 'Bad', templating: { list: [] }, panels: [] } as never));
    expect(t.report).toContain('(did you mean "variables" for "templating"?)');
  });
});

describe('options the type forbids are reported, never silently dropped', () => {
  // Found by tying each schema to its options type (validate/describes.ts): these keys passed the
  // run-time check although the types have no such option, and the builders then ignored them.
  it('a password on a Prometheus or Tempo datasource', () => {
    const password = env('SECRET');
    for (const ds of [
      prometheusDatasource({ name: 'P', uid: 'p', url: 'http://p:9090', password } as never),
      tempoDatasource({ name: 'T', uid: 't', url: 'http://t:3200', user: 'u' } as never),
    ]) {
      expect(formatIssues(ds.issues)).toMatch(/unknown key "(password|user)"/);
    }
  });

  it('hide on a constant variable (it is always hidden)', () => {
    const v = constantVariable({ name: 'c', value: 'x', hide: 'dontHide' } as never);
    expect(formatIssues(v.issues)).toContain('unknown key "hide"');
  });
});

describe("zod's codes never leak", () => {
  it('an unknown unit is unit-unknown, printed with that code', () => {
    // @ts-expect-error a misspelt unit is a compile error; this checks the run-time finding for untyped callers
    const r = build(dashboard({ uid: 'bad', title: 'Bad', panels: [timeseriesPanel({ title: 'A', unit: 'percnt', queries: [query()] })] }));
    expect(r.issues.map((i) => i.code)).toEqual(['unit-unknown']);
    expect(r.report).toContain('[unit-unknown]');
    expect(r.report).not.toMatch(/\[[a-z]+\.[a-z_]+\]/);
  });

  it('every issue a builder reports has a code of the table', () => {
    const ds = postgresDatasource({ name: 'Metrics', uid: 'bad uid!', url: '', database: 'm', user: 'u', password: 'x' } as never);
    for (const i of ds.issues) expect(isIssueCode(i.code), i.code).toBe(true);
  });

  it('a datasource issue names the datasource', () => {
    const ds = postgresDatasource({ name: 'Metrics', uid: 'bad uid!', url: 'localhost:5432', database: 'm', user: 'u', password: env('PW') } as never);
    expect(ds.issues.length).toBeGreaterThan(0);
    for (const i of ds.issues) expect(i.source?.datasource).toBe('Metrics');
    expect(formatIssues(ds.issues)).toContain('datasource "Metrics" › uid: uid must be 1–40 characters');
  });
});
