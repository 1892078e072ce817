import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/histogram/panelcfg/x/HistogramPanelCfg_types.gen';
import { legend, tooltip } from '../common-options.js';

export type HistogramOptions = Options;
export type HistogramFieldConfig = FieldConfig;

export const defaultHistogramOptions = () => ({ combine: false, legend: legend(), tooltip: tooltip() });
