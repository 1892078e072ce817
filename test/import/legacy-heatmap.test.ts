/**
 * The Angular heatmap (options empty) migrates as Grafana's
 * heatmapMigrationHandler → angularToReactHeatmap does on load
 * (public/app/plugins/panel/heatmap/migrations.ts), and the import of the
 * migrated panel rebuilds it exactly.
 */
import { describe, expect, it } from 'vitest';
import { diffDashboards } from '../../src/diff/diff.js';
import { describeChange } from '../../src/diff/format.js';
import { migrateLegacyDashboard, migrateLegacyPanel } from '../../src/import/legacy.js';
import type { JsonObject } from '../../src/model/loose.js';
import { Scratch, rebuild } from './support/generated.js';

const prom = { type: 'prometheus', uid: 'prom' };
/** As linkerd2's deployment dashboard stores it (schemaVersion 18). */
const ANGULAR_HEATMAP: JsonObject = {
  type: 'heatmap', title: 'TCP connection duration', gridPos: { x: 0, y: 0, w: 8, h: 7 }, datasource: prom, options: {},
  targets: [{ refId: 'A', expr: 'tcp_connection_duration_ms_bucket', format: 'time_series', datasource: prom }],
  cards: { cardPadding: null, cardRound: null },
  color: { cardColor: '#b4ff00', colorScale: 'sqrt', colorScheme: 'interpolateOranges', exponent: 0.5, mode: 'spectrum' },
  dataFormat: 'timeseries', heatmap: {}, hideZeroBuckets: false, highlightCards: true, legend: { show: false }, links: [], reverseYBuckets: false,
  tooltip: { show: true, showHistogram: true }, xAxis: { show: true }, xBucketNumber: null, xBucketSize: null,
  yAxis: { decimals: null, format: 'dtdurationms', logBase: 1, max: null, min: '0', show: true, splitFactor: null },
  yBucketBound: 'auto', yBucketNumber: null, yBucketSize: null,
};

describe('Angular heatmap → React heatmap (angularToReactHeatmap)', () => {
  it('maps the Angular keys to options as Grafana does, and drops them', () => {
    const m = migrateLegacyPanel(ANGULAR_HEATMAP)!;
    expect(m).toBeDefined();
    expect(m.to).toBe('heatmap');
    expect(m.panel.options).toEqual({
      calculate: true,
      calculation: {},
      color: { mode: 'scheme', scheme: 'Oranges', fill: '#b4ff00', scale: 'exponential', reverse: false, exponent: 0.5, steps: 128 },
      cellGap: 2,
      yAxis: { axisPlacement: 'left', reverse: false, min: '0', unit: 'dtdurationms' },
      cellValues: {},
      rowsFrame: { layout: 'auto' },
      legend: { show: false },
      showValue: 'never',
      tooltip: { show: true, yHistogram: true },
      exemplars: { color: 'rgba(255,0,255,0.7)' },
    });
    expect(m.panel.fieldConfig).toEqual({ defaults: {}, overrides: [] });
    for (const k of ['cards', 'color', 'dataFormat', 'yAxis', 'tooltip', 'legend', 'xBucketSize']) expect(m.panel[k]).toBeUndefined();
  });

  it('tsbuckets, log scale, opacity colours, hidden axis, reversed min/max', () => {
    const m = migrateLegacyPanel({
      ...ANGULAR_HEATMAP, dataFormat: 'tsbuckets', yAxis: { show: false, logBase: 2, splitFactor: 3 }, reverseYBuckets: true, yBucketBound: 'upper',
      cards: { cardPadding: 0, cardRound: 3 }, hideZeroBuckets: true, tooltipDecimals: '2',
      color: { mode: 'opacity', scale: 'linear', cardColor: 'red', min: 10, max: 1 },
    })!;
    const o = m.panel.options as JsonObject;
    expect(o.calculate).toBe(false);
    expect(o.calculation).toEqual({});
    expect(o.cellGap).toBe(1);
    expect(o.cellRadius).toBe(3);
    expect(o.yAxis).toEqual({ axisPlacement: 'hidden', reverse: true });
    expect(o.rowsFrame).toEqual({ layout: 'ge' });
    expect(o.cellValues).toEqual({ decimals: 2 });
    expect(o.filterValues).toEqual({ le: 1e-9 });
    expect(o.color).toEqual({ mode: 'opacity', scheme: 'Oranges', fill: 'red', scale: 'linear', reverse: true, exponent: 0.5, steps: 128, min: 1, max: 10 });
    const calc = migrateLegacyPanel({ ...ANGULAR_HEATMAP, xBucketSize: '1m', yBucketSize: 5, yAxis: { logBase: 10 } })!.panel.options as JsonObject;
    expect(calc.calculation).toEqual({ xBuckets: { mode: 'size', value: '1m' }, yBuckets: { mode: 'count', scale: { type: 'log', log: 10 } } });
  });

  it('leaves a React heatmap (options set) to the leftovers rule', () => {
    const m = migrateLegacyPanel({ ...ANGULAR_HEATMAP, options: { calculate: false } })!;
    expect(m.panel.options).toEqual({ calculate: false });
    expect(m.from).toBe('heatmap (with Angular leftovers)');
  });

  it('imports the Angular heatmap as heatmapPanel, rebuilding the migrated dashboard exactly', async () => {
    const original: JsonObject = { uid: 'angular-heatmap', title: 'Angular heatmap', schemaVersion: 18, panels: [ANGULAR_HEATMAP] };
    const scratch = new Scratch();
    try {
      const { result, file } = await scratch.importTo(original);
      expect(result.code).toContain('heatmapPanel({');
      expect(result.roundTrip.map(describeChange)).toEqual([]);
      expect(diffDashboards(migrateLegacyDashboard(original).dashboard, await rebuild(file)).map(describeChange)).toEqual([]);
    } finally {
      scratch.remove();
    }
  });
});

describe('inert panel keys', () => {
  it('repeatedByRow (row-repeat bookkeeping of Grafana 5/6, linkerd2 health) is dropped and listed', () => {
    const m = migrateLegacyPanel({ type: 'text', title: '', options: { content: 'x', mode: 'html' }, repeatedByRow: true })!;
    expect(m.panel.repeatedByRow).toBeUndefined();
    expect(m.dropped).toEqual(['repeatedByRow']);
  });
});
