/**
 * The benchmark workload: the same synthetic dashboard written once with
 * dashcode's builders and once with @grafana/grafana-foundation-sdk's
 * TypeScript builders.
 *
 * `n` data panels, in groups of 10; every other group sits under an expanded
 * row. Per group of 4 panels: 2 timeseries with PromQL (the first of them with
 * a second, p95 query), 1 table and 1 bar chart with SQL. Every query uses the
 * dashboard's `instance` variable. Each builder function does the whole
 * authoring work (builder calls included), so timing it times "build".
 */
import * as sdkBarchart from '@grafana/grafana-foundation-sdk/barchart';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as sdkCommon from '@grafana/grafana-foundation-sdk/common';
import * as sdkDashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as sdkPrometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as sdkTable from '@grafana/grafana-foundation-sdk/table';
import * as sdkTimeseries from '@grafana/grafana-foundation-sdk/timeseries';
import {
  barchartPanel,
  customVariable,
  dashboard,
  env,
  postgresDatasource,
  prometheusDatasource,
  promql,
  promQuery,
  row,
  sql,
  sqlQuery,
  tablePanel,
  timeseriesPanel,
  type DashboardSpec,
  type PanelSpec,
  type RowSpec,
} from '../src/index.js';

export const GROUP = 10;
const INSTANCES = ['api-1', 'api-2', 'api-3'];
const PROM = { type: 'prometheus', uid: 'bench-prometheus' };
const PG = { type: 'grafana-postgresql-datasource', uid: 'bench-postgres' };

// ---------------------------------------------------------------------------
// dashcode
// ---------------------------------------------------------------------------

export const prometheus = prometheusDatasource({ name: 'Prometheus', uid: PROM.uid, url: 'http://prometheus:9090' });
export const postgres = postgresDatasource({ name: 'Metrics DB', uid: PG.uid, url: 'postgres:5432', database: 'metrics', user: 'grafana', password: env('BENCH_PG_PASSWORD') });

/** Builds the dashcode spec: every builder call (and its input checks) happens here. */
export function dashcodeSpec(n: number): DashboardSpec {
  // A fixed list (allowCustomValue: false), as the PromQL lint asks of a variable inside a string matcher.
  const instance = customVariable({ name: 'instance', label: 'Instance', values: INSTANCES, multi: true, includeAll: true, raw: { allowCustomValue: false } });
  const items: Array<PanelSpec | RowSpec> = [];
  for (let g = 0; g * GROUP < n; g++) {
    const panels: PanelSpec[] = [];
    for (let i = g * GROUP; i < Math.min(n, (g + 1) * GROUP); i++) panels.push(dashcodePanel(i, instance));
    if (g % 2 === 0) items.push(row({ title: `Service group ${g}`, panels }));
    else items.push(...panels);
  }
  return dashboard({
    uid: `bench-${n}`,
    title: `Benchmark ${n} panels`,
    tags: ['bench'],
    time: { from: 'now-6h', to: 'now' },
    graphTooltip: 'crosshair',
    variables: [instance],
    panels: items,
  });
}

function dashcodePanel(i: number, instance: ReturnType<typeof customVariable>): PanelSpec {
  switch (i % 4) {
    case 0:
    case 1: {
      const queries = [
        promQuery({
          datasource: prometheus,
          expr: promql`sum by (instance) (rate(http_requests_total{job="api-${i}", instance=~"${instance}"}[$__rate_interval]))`,
          legendFormat: '{{instance}}',
        }),
      ];
      if (i % 4 === 0) {
        queries.push(
          promQuery({
            datasource: prometheus,
            expr: promql`histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="api-${i}", instance=~"${instance}"}[$__rate_interval])))`,
            legendFormat: 'p95',
          }),
        );
      }
      return timeseriesPanel({
        title: `Requests ${i}`,
        unit: 'reqps',
        min: 0,
        w: 12,
        h: 8,
        thresholds: { steps: [{ color: 'green' }, { color: 'red', value: 100 + i }] },
        options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['mean', 'max'] } },
        queries,
      });
    }
    case 2:
      return tablePanel({
        title: `Slowest endpoints ${i}`,
        w: 12,
        h: 8,
        queries: [
          sqlQuery({
            datasource: postgres,
            sql: sql`SELECT endpoint, avg(duration_ms) AS avg_ms FROM requests WHERE service_id = ${i} AND instance IN (${instance}) AND $__timeFilter(time) GROUP BY endpoint ORDER BY avg_ms DESC LIMIT 20`,
          }),
        ],
      });
    default:
      return barchartPanel({
        title: `Errors by endpoint ${i}`,
        unit: 'short',
        w: 12,
        h: 8,
        queries: [
          sqlQuery({
            datasource: postgres,
            sql: sql`SELECT endpoint, count(*) AS errors FROM requests WHERE service_id = ${i} AND status >= 500 AND instance IN (${instance}) GROUP BY endpoint`,
          }),
        ],
      });
  }
}

// ---------------------------------------------------------------------------
// @grafana/grafana-foundation-sdk
// ---------------------------------------------------------------------------

/**
 * The SDK has no SQL query type: a raw-SQL target is a generic dataquery,
 * written as a minimal `cog.Builder` (the SDK's documented way to plug in a
 * query type it does not generate).
 */
class SqlQueryBuilder implements cog.Builder<cog.Dataquery> {
  private readonly internal: Record<string, unknown> = { refId: 'A', datasource: PG, editorMode: 'code', format: 'table', rawQuery: true };
  rawSql(text: string): this {
    this.internal.rawSql = text;
    return this;
  }
  build(): cog.Dataquery {
    return this.internal as unknown as cog.Dataquery;
  }
}

/** Builds the SDK's dashboard object (`DashboardBuilder.build()`). */
export function sdkDashboardJson(n: number): sdkDashboard.Dashboard {
  const b = new sdkDashboard.DashboardBuilder(`Benchmark ${n} panels`)
    .uid(`bench-${n}`)
    .tags(['bench'])
    .time({ from: 'now-6h', to: 'now' })
    .tooltip(sdkDashboard.DashboardCursorSync.Crosshair)
    .readonly()
    .withVariable(
      new sdkDashboard.CustomVariableBuilder('instance').label('Instance').values(INSTANCES.join(',')).multi(true).includeAll(true),
    );
  for (let g = 0; g * GROUP < n; g++) {
    if (g % 2 === 0) b.withRow(new sdkDashboard.RowBuilder(`Service group ${g}`));
    for (let i = g * GROUP; i < Math.min(n, (g + 1) * GROUP); i++) b.withPanel(sdkPanel(i));
  }
  return b.build();
}

function sdkPanel(i: number): cog.Builder<sdkDashboard.Panel> {
  switch (i % 4) {
    case 0:
    case 1: {
      const p = new sdkTimeseries.PanelBuilder()
        .title(`Requests ${i}`)
        .unit('reqps')
        .min(0)
        .span(12)
        .height(8)
        .datasource(PROM)
        .thresholds(
          new sdkDashboard.ThresholdsConfigBuilder().mode(sdkDashboard.ThresholdsMode.Absolute).steps([
            { color: 'green', value: null },
            { color: 'red', value: 100 + i },
          ]),
        )
        .legend(
          new sdkCommon.VizLegendOptionsBuilder()
            .displayMode(sdkCommon.LegendDisplayMode.Table)
            .placement(sdkCommon.LegendPlacement.Bottom)
            .showLegend(true)
            .calcs(['mean', 'max']),
        )
        .withTarget(
          new sdkPrometheus.DataqueryBuilder()
            .refId('A')
            .datasource(PROM)
            .editorMode(sdkPrometheus.QueryEditorMode.Code)
            .expr(`sum by (instance) (rate(http_requests_total{job="api-${i}", instance=~"\${instance}"}[$__rate_interval]))`)
            .legendFormat('{{instance}}')
            .range(),
        );
      if (i % 4 === 0) {
        p.withTarget(
          new sdkPrometheus.DataqueryBuilder()
            .refId('B')
            .datasource(PROM)
            .editorMode(sdkPrometheus.QueryEditorMode.Code)
            .expr(`histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{job="api-${i}", instance=~"\${instance}"}[$__rate_interval])))`)
            .legendFormat('p95')
            .range(),
        );
      }
      return p;
    }
    case 2:
      return new sdkTable.PanelBuilder()
        .title(`Slowest endpoints ${i}`)
        .span(12)
        .height(8)
        .datasource(PG)
        .withTarget(
          new SqlQueryBuilder().rawSql(
            `SELECT endpoint, avg(duration_ms) AS avg_ms FROM requests WHERE service_id = ${i} AND instance IN (\${instance:sqlstring}) AND $__timeFilter(time) GROUP BY endpoint ORDER BY avg_ms DESC LIMIT 20`,
          ),
        );
    default:
      return new sdkBarchart.PanelBuilder()
        .title(`Errors by endpoint ${i}`)
        .unit('short')
        .span(12)
        .height(8)
        .datasource(PG)
        .withTarget(
          new SqlQueryBuilder().rawSql(
            `SELECT endpoint, count(*) AS errors FROM requests WHERE service_id = ${i} AND status >= 500 AND instance IN (\${instance:sqlstring}) GROUP BY endpoint`,
          ),
        );
  }
}
