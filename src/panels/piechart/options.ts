import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/piechart/panelcfg/x/PieChartPanelCfg_types.gen';
import { reduceOptions, tooltip } from '../common-options.js';

export type PiechartOptions = Options;
export type PiechartFieldConfig = FieldConfig;

export const defaultPiechartOptions = () => ({
  displayLabels: [] as string[],
  legend: { calcs: [] as string[], displayMode: 'list', placement: 'bottom', showLegend: true, values: [] as string[] },
  orientation: 'auto',
  pieType: 'pie',
  reduceOptions: reduceOptions(),
  tooltip: tooltip(),
});
