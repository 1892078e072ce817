/**
 * The option defaults dashcode's panel builders add. The normaliser fills
 * them into both sides before comparing, so an option that one side leaves
 * out and the other sets to its default is not a difference: Grafana shows
 * the same panel either way.
 */
import type { JsonObject } from '../model/loose.js';
import { defaultBarchartOptions } from '../panels/barchart/options.js';
import { defaultBargaugeOptions } from '../panels/bargauge/options.js';
import { defaultGaugeOptions } from '../panels/gauge/options.js';
import { defaultHeatmapOptions } from '../panels/heatmap/options.js';
import { defaultHistogramOptions } from '../panels/histogram/options.js';
import { defaultPiechartOptions } from '../panels/piechart/options.js';
import { defaultStatOptions } from '../panels/stat/options.js';
import { defaultTableOptions } from '../panels/table/options.js';
import { defaultTextOptions } from '../panels/text/options.js';
import { defaultTimeseriesOptions } from '../panels/timeseries/options.js';
import { defaultTracesOptions } from '../panels/traces/options.js';

const DEFAULT_OPTIONS: Record<string, () => object> = {
  barchart: defaultBarchartOptions,
  bargauge: defaultBargaugeOptions,
  gauge: defaultGaugeOptions,
  heatmap: defaultHeatmapOptions,
  histogram: defaultHistogramOptions,
  piechart: defaultPiechartOptions,
  stat: defaultStatOptions,
  table: defaultTableOptions,
  text: defaultTextOptions,
  timeseries: defaultTimeseriesOptions,
  traces: defaultTracesOptions,
};

/** Panel types dashcode has a builder for. */
export const MODELLED_PANEL_TYPES: ReadonlySet<string> = new Set(Object.keys(DEFAULT_OPTIONS));

/** Fresh default options of a panel type; `{}` for types dashcode does not model. */
export function defaultPanelOptions(type: string): JsonObject {
  const make = Object.prototype.hasOwnProperty.call(DEFAULT_OPTIONS, type) ? DEFAULT_OPTIONS[type] : undefined;
  return (make ? make() : {}) as JsonObject;
}
