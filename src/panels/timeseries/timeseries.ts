import { definePanel } from '../panel.js';
import { defaultTimeseriesOptions, type TimeseriesFieldConfig, type TimeseriesOptions } from './options.js';

/** Values over time: needs a time column (SQL `time_series` format, or a time field) and numeric fields. */
export const timeseriesPanel = definePanel<TimeseriesOptions, TimeseriesFieldConfig>({ type: 'timeseries', defaultOptions: defaultTimeseriesOptions });
