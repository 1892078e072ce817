import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/histogram/panelcfg/x/HistogramPanelCfg_types.gen';
import { legend, tooltip } from '../common-options.js';
import type { Loose } from '../../model/loose.js';

export type HistogramOptions = Options;
export type HistogramFieldConfig = FieldConfig;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultHistogramOptions = () => ({ combine: false, legend: legend(), tooltip: tooltip() }) satisfies Loose<HistogramOptions>;
