/**
 * What stopped real public dashboards (test/fixtures/public/) from building
 * as imported, each reduced to the smallest case: Grafana loads every one of
 * these, so dashcode builds them too.
 */
import { describe, expect, it } from 'vitest';
import {
  compileDashboard,
  dashboard,
  prometheusDatasource,
  promQuery,
  promql,
  queryVariable,
  rawVariable,
  timeseriesPanel,
} from '../../src/index.js';
import { migrateLegacyDashboard } from '../../src/import/legacy.js';
import type { JsonObject } from '../../src/model/loose.js';
import { validateDashboardJson } from '../../src/validate/output.js';

const prom = prometheusDatasource({ name: 'Prometheus', uid: 'prom', url: 'http://prometheus:9090' });
const job = queryVariable({ name: 'job', datasource: prom, query: promql`label_values(up, job)`, multi: true, includeAll: true });

function built(panelQueries: ReturnType<typeof promQuery>[], variables = [job]) {
  return compileDashboard(dashboard({ uid: 'c', title: 'C', variables, panels: [timeseriesPanel({ title: 'P', queries: panelQueries })] }));
}
const errors = (r: { issues: readonly { severity: string; code: string }[] }) => r.issues.filter((i) => i.severity === 'error').map((i) => i.code);

describe('refIds Grafana accepts (opentelemetry-demo, node-exporter-full)', () => {
  it.each(['HTTP P95', 'busy wait', 'conflicts-not-yet-implemented-in-otelcol', 'Memory full', '1'])('accepts %j', (refId) => {
    const r = built([promQuery({ datasource: prom, expr: promql`up`, refId })]);
    expect(errors(r)).toEqual([]);
    expect(validateDashboardJson(r.json)).toEqual([]);
  });
  it.each(['', 'a\nb', 'x'.repeat(129)])('refuses %j with a message', (refId) => {
    const r = built([promQuery({ datasource: prom, expr: promql`up`, refId })]);
    expect(r.issues.find((i) => i.code === 'option-value')?.message).toContain('refId must be 1 to 128 characters');
  });
});

describe('typed-out references in unsafe positions (every imported Prometheus dashboard)', () => {
  it('are warnings at compile, as lint reports them in JSON; an interpolated object stays an error', () => {
    const typed = built([promQuery({ datasource: prom, expr: promql`up{job=~"$job"}` })]);
    expect(errors(typed)).toEqual([]);
    expect(typed.issues.filter((i) => i.code === 'promql-unsafe-interpolation').map((i) => i.severity)).toEqual(['warning']);
    const object = built([promQuery({ datasource: prom, expr: promql`up{job=~"${job}"}` })]);
    expect(errors(object)).toContain('promql-unsafe-interpolation');
  });
});

describe('a raw variable with a datasource (hotrod_metrics_logs, events-by-name)', () => {
  it('keeps its datasource instead of reporting it missing', () => {
    const v = rawVariable({ type: 'query', name: 'container', datasource: { type: 'loki', uid: 'logs' }, query: 'label_values(container)', refresh: 2 });
    const r = compileDashboard(dashboard({ uid: 'r', title: 'R', variables: [v], panels: [] }));
    expect(errors(r)).toEqual([]);
    expect((r.json.templating as { list: JsonObject[] }).list[0]!.datasource).toEqual({ type: 'loki', uid: 'logs' });
  });
});

describe("output keys Grafana's schema has (red-metrics-classic, node-exporter-full, spanmetrics, tempo-operational, prometheus-2-stats)", () => {
  it('accepts fieldMinMax, unitScale, __systemRef, a property without value, no threshold steps, an integer revision', () => {
    const r = built([promQuery({ datasource: prom, expr: promql`up` })], []);
    const json = structuredClone(r.json) as JsonObject & { panels: JsonObject[] };
    json.revision = 3;
    json.panels[0]!.fieldConfig = {
      defaults: { fieldMinMax: true, unitScale: true, thresholds: { mode: 'absolute', steps: [] } },
      overrides: [{ __systemRef: 'hideSeriesFrom', matcher: { id: 'byNames', options: {} }, properties: [{ id: 'custom.hideFrom' }] }],
    };
    expect(validateDashboardJson(json)).toEqual([]);
  });
});

describe('a Prometheus datasource linking exemplars to a URL (opentelemetry-demo provisioning)', () => {
  it('accepts url destinations beside datasourceUid ones, and refuses one with neither', () => {
    const ok = prometheusDatasource({ name: 'P', uid: 'p', url: 'http://p', exemplarTraceIdDestinations: [{ name: 'trace_id', datasourceUid: 'tempo' }, { name: 'trace_id', url: 'http://jaeger/trace/${__value.raw}', urlDisplayLabel: 'Jaeger' }] });
    expect(ok.issues).toEqual([]);
    const bad = prometheusDatasource({ name: 'P', uid: 'p', url: 'http://p', exemplarTraceIdDestinations: [{ name: 'trace_id' }] });
    expect(bad.issues.map((i) => i.message).join()).toContain('set datasourceUid (takes precedence) or url');
  });
});

describe('inert keys the import drops (tgi_grafana heatmaps, top-line rows, hotrod rows)', () => {
  it("drops a React heatmap's Angular leftovers, and a row's targets, repeatDirection and scopedVars", () => {
    const { dashboard: d, migrations } = migrateLegacyDashboard({
      panels: [
        { type: 'heatmap', title: 'H', pluginVersion: '10.4.2', options: { calculate: false }, cards: {}, color: { mode: 'spectrum' }, yAxis: {}, gridPos: { x: 0, y: 0, w: 6, h: 6 } },
        { type: 'heatmap', title: 'Angular', options: {}, cards: {} },
        { type: 'row', title: 'R', repeat: 'x', repeatDirection: 'h', targets: [{ refId: 'A' }], scopedVars: { x: { selected: false } }, panels: [] },
      ],
    });
    const panels = d.panels as JsonObject[];
    expect(Object.keys(panels[0]!).sort()).toEqual(['gridPos', 'options', 'pluginVersion', 'title', 'type']);
    // The Angular heatmap itself (empty options) is migrated as angularToReactHeatmap does (legacy-heatmap.test.ts).
    expect(panels[1]!.cards).toBeUndefined();
    expect(panels[1]!.options).toMatchObject({ calculate: true, showValue: 'never' });
    expect(Object.keys(panels[2]!).sort()).toEqual(['panels', 'repeat', 'title', 'type']);
    expect(migrations.map((m) => m.migration.dropped)).toEqual([['cards', 'color', 'yAxis'], [], ['scopedVars', 'targets', 'repeatDirection']]);
  });
});

describe('a bulk import gives a dashboard without uid one no other dashboard has (pgwatch2 v5 and v8 db-overview)', () => {
  it('skips the uids the other inputs declare and the ones made before', async () => {
    const { importDashboards } = await import('../../src/import/bulk.js');
    const d = (title: string, uid?: string) => ({ title, ...(uid ? { uid } : {}), schemaVersion: 39, panels: [] });
    const r = await importDashboards([
      { file: 'v5.json', json: d('DB overview') },
      { file: 'v8.json', json: d('DB overview', 'db-overview') },
      { file: 'v5b.json', json: d('DB overview') },
    ]);
    expect(r.dashboards.map((x) => /uid: '([^']+)'/.exec(x.result.code)?.[1])).toEqual(['db-overview-2', 'db-overview', 'db-overview-3']);
  });
});

describe('queries without a refId (jaeger-mixin)', () => {
  it('get the refIds Grafana gives them on load (ensureQueryIds: the first unused of A, B, ...)', () => {
    const { dashboard: d } = migrateLegacyDashboard({ panels: [{ type: 'timeseries', title: 'T', targets: [{ expr: 'a' }, { expr: 'b', refId: 'A' }, { expr: 'c' }] }] });
    expect(((d.panels as JsonObject[])[0]!.targets as JsonObject[]).map((t) => t.refId)).toEqual(['B', 'A', 'C']);
  });
});
