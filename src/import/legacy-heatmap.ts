/**
 * The Angular heatmap → the React heatmap, as Grafana migrates it on load:
 * heatmapMigrationHandler runs heatmapChangedHandler(panel, 'heatmap',
 * { angular: panel }) when the panel's `options` are empty, and
 * angularToReactHeatmap builds the new options (and an empty fieldConfig)
 * from the Angular keys (public/app/plugins/panel/heatmap/migrations.ts; the
 * defaults it spreads are `defaultOptions` of public/app/plugins/panel/heatmap/types.ts,
 * the scheme names `colorSchemes` of palettes.ts). Grafana's quirks are kept:
 * the y bucket count is used only when `xBucketNumber` is set, and a falsy
 * cell gap becomes 1.
 */
import { isObject } from '../diff/json.js';
import type { Json, JsonObject } from '../model/loose.js';

/** The Angular heatmap's keys (its `angular` options, read by angularToReactHeatmap). */
export const ANGULAR_HEATMAP_KEYS = ['cards', 'color', 'dataFormat', 'heatmap', 'hideZeroBuckets', 'highlightCards', 'legend', 'reverseYBuckets', 'tooltip', 'tooltipDecimals', 'xAxis', 'xBucketNumber', 'xBucketSize', 'yAxis', 'yBucketBound', 'yBucketNumber', 'yBucketSize'];

/** palettes.ts `colorSchemes`, in Grafana's order (the first whose name the old scheme contains wins). */
const COLOR_SCHEMES = [
  'BrBG', 'PiYG', 'PRGn', 'PuOr', 'RdBu', 'RdGy', 'RdYlBu', 'RdYlGn', 'Spectral', 'Blues', 'Greens', 'Greys', 'Oranges', 'Purples', 'Reds',
  'Turbo', 'Cividis', 'Viridis', 'Magma', 'Inferno', 'Plasma', 'Warm', 'Cool', 'Cubehelix', 'BuGn', 'BuPu', 'GnBu', 'OrRd', 'PuBuGn', 'PuBu',
  'PuRd', 'RdPu', 'YlGnBu', 'YlGn', 'YlOrBr', 'YlOrRd', 'Rainbow', 'Sinebow',
];

/** angularToReactHeatmap's `asNumber`: null and '' give the default, NaN too. */
function asNumber(v: unknown, defaultValue?: number): number | undefined {
  if (v === undefined || v === null || v === '') return defaultValue;
  const n = Number(v);
  return Number.isNaN(n) ? defaultValue : n;
}

const obj = (v: unknown): JsonObject => (isObject(v) ? v : {});
const truthy = (v: unknown): boolean => v !== undefined && v !== null && v !== false && v !== 0 && v !== '' && !Number.isNaN(v);

/** getHeatmapCellLayout. */
function cellLayout(v: unknown): string {
  return v === 'upper' ? 'ge' : v === 'lower' ? 'le' : v === 'middle' ? 'unknown' : 'auto';
}

/** Drops undefined values, as JSON.stringify does when Grafana saves. */
function defined(o: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v as Json;
  return out;
}

/** `{ options, fieldConfig }` of the migrated panel. */
export function angularToReactHeatmap(angular: JsonObject): { options: JsonObject; fieldConfig: JsonObject } {
  const calculate = angular.dataFormat !== 'tsbuckets';
  const calculation: JsonObject = {};
  const oldYAxis: JsonObject = { logBase: 1, ...obj(angular.yAxis) };
  if (calculate) {
    if (truthy(angular.xBucketSize)) calculation.xBuckets = { mode: 'size', value: String(angular.xBucketSize) };
    else if (truthy(angular.xBucketNumber)) calculation.xBuckets = { mode: 'count', value: String(angular.xBucketNumber) };
    if (truthy(angular.yBucketSize)) calculation.yBuckets = { mode: 'size', value: String(angular.yBucketSize) };
    else if (truthy(angular.xBucketNumber)) calculation.yBuckets = { mode: 'count', value: String(angular.yBucketNumber) };
    const logBase = Number(oldYAxis.logBase);
    if (logBase > 1) {
      calculation.yBuckets = defined({ mode: 'count', value: Number(oldYAxis.splitFactor) > 0 ? String(oldYAxis.splitFactor) : undefined, scale: { type: 'log', log: oldYAxis.logBase } });
    }
  }
  const cards = obj(angular.cards);
  const cellGap = asNumber(cards.cardPadding, 2);
  const color = obj(angular.color);
  const colorOptions: Record<string, unknown> = { mode: 'scheme', scheme: 'Oranges', fill: 'dark-orange', scale: 'exponential', reverse: false, exponent: 0.5, steps: 128 };
  if (color.mode === 'spectrum') {
    const current = String(color.colorScheme);
    colorOptions.mode = 'scheme';
    colorOptions.scheme = COLOR_SCHEMES.find((s) => s === current) ?? COLOR_SCHEMES.find((s) => current.includes(s)) ?? 'Oranges';
  } else if (color.mode === 'opacity') {
    colorOptions.mode = 'opacity';
    colorOptions.scale = color.scale;
  }
  colorOptions.fill = color.cardColor;
  colorOptions.min = color.min;
  colorOptions.max = color.max;
  if (typeof color.min === 'number' && typeof color.max === 'number' && color.min > color.max) {
    colorOptions.min = color.max;
    colorOptions.max = color.min;
    colorOptions.reverse = true;
  }
  const options: Record<string, unknown> = {
    calculate,
    calculation,
    color: defined(colorOptions),
    cellGap: cellGap ? cellGap : 1,
    cellRadius: asNumber(cards.cardRound),
    yAxis: defined({
      axisPlacement: oldYAxis.show === false ? 'hidden' : 'left',
      reverse: Boolean(angular.reverseYBuckets),
      axisWidth: asNumber(oldYAxis.width),
      min: oldYAxis.min ?? undefined,
      max: oldYAxis.max ?? undefined,
      unit: oldYAxis.format ?? undefined,
      decimals: oldYAxis.decimals ?? undefined,
    }),
    cellValues: defined({ decimals: asNumber(angular.tooltipDecimals) }),
    rowsFrame: { layout: cellLayout(angular.yBucketBound) },
    legend: { show: Boolean(obj(angular.legend).show) },
    showValue: 'never',
    tooltip: { show: Boolean(obj(angular.tooltip).show), yHistogram: Boolean(obj(angular.tooltip).showHistogram) },
    exemplars: { color: 'rgba(255,0,255,0.7)' },
  };
  if (truthy(angular.hideZeroBuckets)) options.filterValues = { le: 1e-9 };
  return { options: defined(options), fieldConfig: { defaults: {}, overrides: [] } };
}
