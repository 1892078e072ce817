import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/piechart/panelcfg/x/PieChartPanelCfg_types.gen';
import { reduceOptions, tooltip } from '../common-options.js';
import type { Loose } from '../../model/loose.js';

export type PiechartOptions = Options;
export type PiechartFieldConfig = FieldConfig;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultPiechartOptions = () => ({
  displayLabels: [],
  legend: { calcs: [], displayMode: 'list', placement: 'bottom', showLegend: true, values: [] },
  orientation: 'auto',
  pieType: 'pie',
  reduceOptions: reduceOptions(),
  tooltip: tooltip(),
}) satisfies Loose<PiechartOptions>;
