/** A small dashboard in Grafana's saved form, for diff tests to edit. */
import type { JsonObject } from '../../../src/model/loose.js';

export const PG = { type: 'grafana-postgresql-datasource', uid: 'pg-main' };
export const PROM = { type: 'prometheus', uid: 'prom-main' };

export function fixture(): JsonObject {
  return {
    id: 7,
    uid: 'bench',
    title: 'Benchmarks',
    version: 12,
    schemaVersion: 39,
    editable: true,
    time: { from: 'now-6h', to: 'now' },
    annotations: { list: [{ builtIn: 1, datasource: { type: 'grafana', uid: '-- Grafana --' }, enable: true, hide: true, iconColor: 'rgba(0, 211, 255, 1)', name: 'Annotations & Alerts', type: 'dashboard' }] },
    templating: {
      list: [{ name: 'branch', type: 'query', datasource: PG, query: 'SELECT DISTINCT branch FROM benchmarks', definition: 'SELECT DISTINCT branch FROM benchmarks', refresh: 1, options: [], current: { selected: true, text: 'main', value: 'main' } }],
    },
    panels: [
      {
        id: 1,
        type: 'stat',
        title: 'Runs',
        gridPos: { x: 0, y: 0, w: 12, h: 4 },
        datasource: PG,
        targets: [{ refId: 'A', datasource: PG, rawSql: 'SELECT count(*) FROM benchmarks', format: 'table', editorMode: 'code', rawQuery: true }],
        options: { colorMode: 'value', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } },
        fieldConfig: { defaults: { unit: 'short' }, overrides: [] },
        pluginVersion: '11.2.0',
      },
      { id: 2, type: 'row', title: 'Usage', collapsed: false, gridPos: { x: 0, y: 4, w: 24, h: 1 }, panels: [] },
      {
        id: 3,
        type: 'timeseries',
        title: 'CPU',
        gridPos: { x: 0, y: 5, w: 12, h: 8 },
        datasource: PG,
        targets: [{ refId: 'A', datasource: PG, rawSql: 'SELECT time, cpu FROM device\nWHERE branch = ${branch:sqlstring}\nORDER BY 1', format: 'time_series' }],
        options: { legend: { displayMode: 'list', placement: 'bottom', showLegend: true } },
        fieldConfig: { defaults: { unit: 'percent', min: 0, max: 100 }, overrides: [] },
      },
      {
        id: 4,
        type: 'timeseries',
        title: 'GPU',
        gridPos: { x: 12, y: 5, w: 12, h: 8 },
        datasource: PROM,
        targets: [{ refId: 'A', datasource: PROM, expr: 'avg(gpu_utilization)', legendFormat: 'gpu', range: true }],
        fieldConfig: { defaults: { unit: 'percent' }, overrides: [] },
      },
    ],
  };
}

/** A deep copy to edit. */
export function edit(f: (d: JsonObject & { panels: JsonObject[] }) => void): JsonObject {
  const d = structuredClone(fixture()) as JsonObject & { panels: JsonObject[] };
  f(d);
  return d;
}
