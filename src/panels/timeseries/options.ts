import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import { legend, tooltip } from '../common-options.js';

export type TimeseriesOptions = Options;
export type TimeseriesFieldConfig = FieldConfig;

export const defaultTimeseriesOptions = () => ({ legend: legend(), tooltip: tooltip() });
