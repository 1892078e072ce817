/**
 * Timeseries and bar chart panels: the chart spec for the page's uPlot script,
 * plus the legend, rendered here (list or table, bottom or right, with the
 * panel's legend calcs) so it needs no script.
 */
import { seriesColor, resolveColor } from '../colors.js';
import type { Field, Frame } from '../data/frames.js';
import { REDUCER_NAMES, reduceValues } from '../data/reduce.js';
import { formatValue } from '../units/index.js';
import type { BarChartSpec, ChartSeries, TimeChartSpec } from './chart-spec.js';
import { fieldSettings } from './field-config.js';
import { esc } from './html.js';

type Obj = Record<string, unknown>;

export interface RenderedChart<S> {
  spec: S;
  legend: string;
  legendPlacement: 'bottom' | 'right';
}

interface LegendEntry {
  name: string;
  color: string;
  values: Array<number | null>;
  unit?: string;
  decimals?: number;
}

export function timeChart(panel: Obj, frames: Frame[], id: string, range: { fromMs: number; toMs: number }): RenderedChart<TimeChartSpec> | undefined {
  const defaults = fieldSettings(panel, { name: '', type: 'number' });
  const series: TimeChartSpec['series'] = [];
  const legend: LegendEntry[] = [];
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === 'time');
    if (!time) continue;
    for (const field of frame.fields.filter((f) => f.type === 'number')) {
      const s = fieldSettings(panel, field, frame.refId);
      if (s.custom.hideFrom && (s.custom.hideFrom as Obj).viz === true) continue;
      const style = seriesStyle(s, series.length);
      series.push({ ...style, name: s.displayName ?? field.name, x: time.values.map((t) => Number(t) / 1000), y: numbers(field) });
      legend.push({ name: s.displayName ?? field.name, color: style.color, values: numbers(field), unit: s.unit, decimals: s.decimals });
    }
  }
  if (series.length === 0) return undefined;
  const custom = defaults.custom;
  const spec: TimeChartSpec = {
    kind: 'time',
    id,
    unit: defaults.unit,
    decimals: defaults.decimals,
    min: defaults.min,
    max: defaults.max,
    from: range.fromMs / 1000,
    to: range.toMs / 1000,
    drawStyle: custom.drawStyle === 'bars' || custom.drawStyle === 'points' ? custom.drawStyle : 'line',
    showPoints: custom.showPoints === 'always' || custom.showPoints === 'never' ? custom.showPoints : 'auto',
    series,
  };
  return { spec, ...legendHtml(panel, legend) };
}

/**
 * Grafana's bar chart: the x field is options.xField, else the first text
 * field, else the first time field; every number field is a series of bars.
 */
export function barChart(panel: Obj, frames: Frame[], id: string): RenderedChart<BarChartSpec> | undefined {
  const frame = barFrame(frames);
  if (!frame) return undefined;
  const options = (panel.options as Obj | undefined) ?? {};
  const xName = typeof options.xField === 'string' ? options.xField : undefined;
  const xField = frame.fields.find((f) => f.name === xName) ?? frame.fields.find((f) => f.type === 'string') ?? frame.fields.find((f) => f.type === 'time');
  if (!xField) return undefined;
  const defaults = fieldSettings(panel, { name: '', type: 'number' });
  const series: BarChartSpec['series'] = [];
  const legend: LegendEntry[] = [];
  for (const field of frame.fields.filter((f) => f.type === 'number' && f !== xField)) {
    const s = fieldSettings(panel, field, frame.refId);
    const style = { ...seriesStyle(s, series.length), fillOpacity: numberOr(s.custom.fillOpacity, 80) / 100 };
    series.push({ ...style, name: s.displayName ?? field.name, values: numbers(field) });
    legend.push({ name: s.displayName ?? field.name, color: style.color, values: numbers(field), unit: s.unit, decimals: s.decimals });
  }
  if (series.length === 0) return undefined;
  const showValue = options.showValue === 'always' || options.showValue === 'never' ? options.showValue : 'auto';
  const spec: BarChartSpec = {
    kind: 'bars',
    id,
    unit: defaults.unit,
    decimals: defaults.decimals,
    min: defaults.min,
    max: defaults.max,
    labels: xField.values.map((v) => (xField.type === 'time' && typeof v === 'number' ? new Date(v).toISOString().slice(0, 16).replace('T', ' ') : String(v ?? ''))),
    series,
    barWidth: numberOr(options.barWidth, 0.97),
    groupWidth: numberOr(options.groupWidth, 0.7),
    rotation: numberOr(options.xTickLabelRotation, 0),
    showValue,
    stacked: options.stacking === 'normal',
  };
  return { spec, ...legendHtml(panel, legend) };
}

/** The frame a bar chart draws: the first with a number field. */
export function barFrame(frames: readonly Frame[]): Frame | undefined {
  return frames.find((f) => f.fields.some((x) => x.type === 'number'));
}

function seriesStyle(s: ReturnType<typeof fieldSettings>, index: number): ChartSeries {
  const stacking = s.custom.stacking as Obj | undefined;
  return {
    name: '',
    color: s.fixedColor ? resolveColor(s.fixedColor) : seriesColor(index),
    lineWidth: numberOr(s.custom.lineWidth, 1),
    fillOpacity: numberOr(s.custom.fillOpacity, 0) / 100,
    stack: stacking?.mode === 'normal' ? String(stacking.group ?? 'A') : undefined,
  };
}

function legendHtml(panel: Obj, entries: LegendEntry[]): { legend: string; legendPlacement: 'bottom' | 'right' } {
  const l = (((panel.options as Obj | undefined)?.legend as Obj | undefined) ?? {}) as Obj;
  const placement = l.placement === 'right' ? 'right' : 'bottom';
  if (l.showLegend === false || l.displayMode === 'hidden') return { legend: '', legendPlacement: placement };
  const calcs = Array.isArray(l.calcs) ? l.calcs.map(String) : [];
  const swatch = (e: LegendEntry) => `<i class="swatch" style="background:${esc(e.color)}"></i>`;
  if (l.displayMode === 'table') {
    const head = `<tr><th></th>${calcs.map((c) => `<th>${esc(REDUCER_NAMES[c] ?? c)}</th>`).join('')}</tr>`;
    const rows = entries
      .map((e) => `<tr><td class="legend-name">${swatch(e)}${esc(e.name)}</td>${calcs.map((c) => `<td>${esc(formatValue(reduceValues(e.values, c), e.unit, e.decimals))}</td>`).join('')}</tr>`)
      .join('');
    return { legend: `<table class="legend legend-table">${head}${rows}</table>`, legendPlacement: placement };
  }
  const items = entries
    .map((e) => {
      const values = calcs.map((c) => `${esc(REDUCER_NAMES[c] ?? c)}: ${esc(formatValue(reduceValues(e.values, c), e.unit, e.decimals))}`).join(' ');
      return `<span class="legend-item">${swatch(e)}${esc(e.name)}${values ? ` <span class="legend-calcs">${values}</span>` : ''}</span>`;
    })
    .join('');
  return { legend: `<div class="legend legend-list">${items}</div>`, legendPlacement: placement };
}

function numbers(field: Field): Array<number | null> {
  return field.values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
}

function numberOr(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/**
 * Grafana's histogram: every number field's values counted into equal
 * buckets (options.bucketSize, else a round size giving about
 * options.bucketCount buckets, default 30), drawn as touching bars.
 */
export function histogramChart(panel: Obj, frames: Frame[], id: string): RenderedChart<BarChartSpec> | undefined {
  const options = (panel.options as Obj | undefined) ?? {};
  const fields = frames.flatMap((f) => f.fields.filter((x) => x.type === 'number').map((field) => ({ field, refId: f.refId })));
  const all = fields.flatMap(({ field }) => numbers(field).filter((v): v is number => v !== null));
  if (all.length === 0) return undefined;
  const min = Math.min(...all);
  const max = Math.max(...all);
  const size = typeof options.bucketSize === 'number' && options.bucketSize > 0 ? options.bucketSize : niceStep((max - min || Math.abs(max) || 1) / numberOr(options.bucketCount, 30));
  const offset = numberOr(options.bucketOffset, 0);
  const first = Math.floor((min - offset) / size) * size + offset;
  const count = Math.max(1, Math.floor((max - first) / size) + 1);
  const defaults = fieldSettings(panel, { name: '', type: 'number' });
  const series: BarChartSpec['series'] = [];
  const legend: LegendEntry[] = [];
  const combine = options.combine === true;
  const groups = combine ? [{ name: 'Count', values: all }] : fields.map(({ field, refId }) => ({ name: fieldSettings(panel, field, refId).displayName ?? field.name, values: numbers(field).filter((v): v is number => v !== null) }));
  for (const g of groups) {
    const counts: number[] = new Array<number>(count).fill(0);
    for (const v of g.values) counts[Math.min(count - 1, Math.floor((v - first) / size))]! += 1;
    const color = seriesColor(series.length);
    series.push({ name: g.name, color, lineWidth: 1, fillOpacity: 0.8, values: counts });
    legend.push({ name: g.name, color, values: counts });
  }
  const spec: BarChartSpec = {
    kind: 'bars',
    id,
    labels: Array.from({ length: count }, (_, i) => formatValue(first + i * size, defaults.unit, defaults.decimals)),
    series,
    barWidth: 1,
    groupWidth: 0.97,
    rotation: 0,
    showValue: 'never',
    stacked: false,
  };
  return { spec, ...legendHtml(panel, legend) };
}

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`. */
function niceStep(raw: number): number {
  const magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}
