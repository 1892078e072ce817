import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/barchart/panelcfg/x/BarChartPanelCfg_types.gen';
import { legend, tooltip } from '../common-options.js';
import type { Loose } from '../../model/loose.js';

export type BarchartOptions = Options;
export type BarchartFieldConfig = FieldConfig;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
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
}) satisfies Loose<BarchartOptions>;
