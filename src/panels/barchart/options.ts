import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/barchart/panelcfg/x/BarChartPanelCfg_types.gen';
import { legend, tooltip } from '../common-options.js';

export type BarchartOptions = Options;
export type BarchartFieldConfig = FieldConfig;

export const defaultBarchartOptions = () => ({
  barWidth: 0.97,
  fullHighlight: false,
  groupWidth: 0.7,
  legend: legend(),
  orientation: 'auto',
  showValue: 'auto',
  stacking: 'none',
  tooltip: tooltip(),
  xTickLabelMaxLength: 0,
  xTickLabelRotation: 0,
  xTickLabelSpacing: 0,
});
