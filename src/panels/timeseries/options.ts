import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import { legend, tooltip } from '../common-options.js';
import type { Loose } from '../../model/loose.js';

export type TimeseriesOptions = Options;
export type TimeseriesFieldConfig = FieldConfig;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultTimeseriesOptions = () => ({ legend: legend(), tooltip: tooltip() }) satisfies Loose<TimeseriesOptions>;
