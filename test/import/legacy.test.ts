/**
 * Legacy panels migrate as Grafana's own migrations do on load (see
 * src/import/legacy.ts for the functions followed), and the import of the
 * migrated panel rebuilds it exactly.
 */
import { describe, expect, it } from 'vitest';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange } from '../../src/diff/format.js';
import { importDashboard } from '../../src/import/import.js';
import { migrateLegacyDashboard, migrateLegacyPanel } from '../../src/import/legacy.js';
import type { JsonObject } from '../../src/model/loose.js';
import { Scratch, rebuild } from './support/generated.js';

const prom = { type: 'prometheus', uid: 'prom' };
const GRAPH: JsonObject = {
  type: 'graph', title: 'Requests', gridPos: { x: 0, y: 0, w: 12, h: 8 }, datasource: prom,
  targets: [{ refId: 'A', expr: 'sum(rate(http_requests_total[5m])) by (code)', legendFormat: '{{code}}', datasource: prom }],
  lines: true, linewidth: 2, fill: 3, points: false, pointradius: 2, bars: false, stack: true, nullPointMode: 'connected', steppedLine: true,
  legend: { show: true, alignAsTable: true, rightSide: true, values: true, avg: true, current: true, max: false },
  tooltip: { shared: true, sort: 2 },
  yaxes: [{ format: 'reqps', show: true, min: '0', logBase: 1, label: 'rate' }, { format: 'percent', show: true }],
  seriesOverrides: [{ alias: '/5../', color: '#F2495C', yaxis: 2, linewidth: 1 }, { alias: 'errors', bars: true }],
  aliasColors: { '200': 'green' },
  thresholds: [{ op: 'gt', value: 100, colorMode: 'critical', fill: true, line: true }],
  hiddenSeries: false, error: false,
};
const SINGLESTAT: JsonObject = {
  type: 'singlestat', title: 'Uptime', gridPos: { x: 12, y: 0, w: 6, h: 8 }, datasource: prom,
  targets: [{ refId: 'A', expr: 'time() - process_start_time_seconds', datasource: prom }],
  format: 's', valueName: 'current', decimals: 1, thresholds: '3600,86400', colors: ['red', 'orange', 'green'], colorBackground: true,
  sparkline: { show: true }, nullText: 'down', valueMaps: [{ op: '=', text: 'N/A', value: 'null' }], mappingType: 1, prefix: 'up ',
};
const GAUGE: JsonObject = { ...SINGLESTAT, title: 'Load', gridPos: { x: 18, y: 0, w: 6, h: 8 }, gauge: { show: true, minValue: 0, maxValue: 100, thresholdMarkers: true } };
const TABLE: JsonObject = {
  type: 'table-old', title: 'Top', gridPos: { x: 0, y: 8, w: 24, h: 8 }, datasource: prom,
  targets: [{ refId: 'A', expr: 'topk(5, up)', format: 'table', instant: true, datasource: prom }],
  transform: 'table', sort: { col: 2, desc: true },
  styles: [
    { pattern: 'Time', type: 'date', dateFormat: 'YYYY-MM-DD HH:mm:ss', alias: 'When' },
    { pattern: '/.*/', type: 'number', unit: 'short', decimals: 2, thresholds: [], colors: [] },
    { pattern: 'Value', type: 'number', unit: 'percent', colorMode: 'cell', thresholds: ['50', '80'], colors: ['green', 'orange', 'red'], align: 'right' },
  ],
};

describe('legacy panel migrations', () => {
  it('graph → timeseries (graphToTimeseriesOptions)', () => {
    const m = migrateLegacyPanel(GRAPH)!;
    expect(m.to).toBe('timeseries');
    const fc = m.panel.fieldConfig as { defaults: JsonObject; overrides: JsonObject[] };
    expect(fc.defaults.unit).toBe('reqps');
    expect(fc.defaults.min).toBe(0);
    expect(fc.defaults.custom).toMatchObject({ drawStyle: 'line', lineWidth: 2, fillOpacity: 30, showPoints: 'never', spanNulls: true, lineInterpolation: 'stepAfter', stacking: { mode: 'normal', group: 'A' }, axisLabel: 'rate', axisPlacement: 'auto', thresholdsStyle: { mode: 'line+area' } });
    expect(fc.defaults.thresholds).toEqual({ mode: 'absolute', steps: [{ color: 'transparent', value: null }, { color: 'red', value: 100 }] });
    expect(m.panel.options).toEqual({ legend: { displayMode: 'table', showLegend: true, placement: 'right', calcs: ['mean', 'lastNotNull'] }, tooltip: { mode: 'multi', sort: 'desc' } });
    expect(fc.overrides).toEqual([
      { matcher: { id: 'byName', options: '200' }, properties: [{ id: 'color', value: { mode: 'fixed', fixedColor: 'green' } }] },
      { matcher: { id: 'byRegexp', options: '/5../' }, properties: [{ id: 'color', value: { fixedColor: '#F2495C', mode: 'fixed' } }, { id: 'unit', value: 'percent' }, { id: 'min', value: undefined }, { id: 'custom.axisLabel', value: undefined }, { id: 'custom.lineWidth', value: 1 }].filter((p) => p.value !== undefined) },
      { matcher: { id: 'byName', options: 'errors' }, properties: [{ id: 'custom.drawStyle', value: 'bars' }, { id: 'custom.fillOpacity', value: 100 }] },
    ]);
    for (const k of ['lines', 'yaxes', 'seriesOverrides', 'legend', 'error', 'hiddenSeries']) expect(m.panel[k]).toBeUndefined();
    expect(m.dropped).toContain('error');
  });

  it('singlestat → stat, or gauge when its gauge was shown (migrateFromAngularSinglestat, statPanelChangedHandler)', () => {
    const s = migrateLegacyPanel(SINGLESTAT)!;
    expect(s.to).toBe('stat');
    expect(s.panel.options).toEqual({ reduceOptions: { calcs: ['lastNotNull'] }, orientation: 'horizontal', graphMode: 'area', colorMode: 'background' });
    expect(s.panel.fieldConfig).toEqual({
      defaults: { unit: 's', noValue: 'down', decimals: 1, thresholds: { mode: 'absolute', steps: [{ color: 'red', value: null }, { color: 'orange', value: 3600 }, { color: 'green', value: 86400 }] }, mappings: [{ type: 'special', options: { match: 'null', result: { text: 'N/A' } } }] },
      overrides: [],
    });
    expect(s.dropped).toEqual(['prefix']);
    const g = migrateLegacyPanel(GAUGE)!;
    expect(g.to).toBe('gauge');
    expect((g.panel.fieldConfig as { defaults: JsonObject }).defaults).toMatchObject({ min: 0, max: 100 });
  });

  it('table-old → table: styles become defaults and overrides (tablePanelChangedHandler)', () => {
    const t = migrateLegacyPanel(TABLE)!;
    expect(t.to).toBe('table');
    expect(t.panel.transformations).toEqual([{ id: 'merge', options: { reducers: [] } }]);
    expect(t.panel.fieldConfig).toEqual({
      defaults: { unit: 'short', decimals: 2, custom: {} },
      overrides: [
        { matcher: { id: 'byName', options: 'Time' }, properties: [{ id: 'displayName', value: 'When' }, { id: 'unit', value: 'time: YYYY-MM-DD HH:mm:ss' }] },
        { matcher: { id: 'byName', options: 'Value' }, properties: [{ id: 'unit', value: 'percent' }, { id: 'custom.cellOptions', value: { type: 'color-background' } }, { id: 'custom.align', value: 'right' }, { id: 'thresholds', value: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'orange', value: 50 }, { color: 'red', value: 80 }] } }] },
      ],
    });
    expect(t.dropped).toEqual(['sort']);
  });

  it('imports the legacy dashboard as the modern builders, rebuilding the migrated dashboard exactly', async () => {
    const original: JsonObject = { uid: 'legacy', title: 'Legacy', schemaVersion: 27, panels: [GRAPH, SINGLESTAT, GAUGE, TABLE] };
    const scratch = new Scratch();
    try {
      const { result, file } = await scratch.importTo(original);
      expect(result.code).toContain('timeseriesPanel({');
      expect(result.code).toContain('statPanel({');
      expect(result.code).toContain('gaugePanel({');
      expect(result.code).toContain('tablePanel({');
      expect(result.issues.filter((i) => i.code === 'import-legacy-panel')).toHaveLength(4);
      expect(result.roundTrip.map(describeChange)).toEqual([]);
      const migrated = migrateLegacyDashboard(original).dashboard;
      expect(diffDashboards(migrated, await rebuild(file)).map(describeChange)).toEqual([]);
    } finally {
      scratch.remove();
    }
  });
});
