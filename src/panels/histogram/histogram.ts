import { definePanel } from '../panel.js';
import { defaultHistogramOptions, type HistogramFieldConfig, type HistogramOptions } from './options.js';

/** The distribution of raw values, bucketed by Grafana. */
export const histogramPanel = definePanel<HistogramOptions, HistogramFieldConfig>({ type: 'histogram', defaultOptions: defaultHistogramOptions });
