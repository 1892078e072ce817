import { definePanel } from '../panel.js';
import { defaultHeatmapOptions, type HeatmapFieldConfig, type HeatmapOptions } from './options.js';

/** Buckets over time, e.g. a Prometheus histogram's `_bucket` series with `format: 'heatmap'`. */
export const heatmapPanel = definePanel<HeatmapOptions, HeatmapFieldConfig>({ type: 'heatmap', defaultOptions: defaultHeatmapOptions });
