import type { Options } from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import { reduceOptions } from '../common-options.js';
import type { Loose } from '../../model/loose.js';

export type BargaugeOptions = Options;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultBargaugeOptions = () => ({
  displayMode: 'gradient',
  legend: { calcs: [], displayMode: 'list', placement: 'bottom', showLegend: false },
  maxVizHeight: 300,
  minVizHeight: 16,
  minVizWidth: 8,
  namePlacement: 'auto',
  orientation: 'horizontal',
  reduceOptions: reduceOptions(),
  showUnfilled: true,
  sizing: 'auto',
  valueMode: 'color',
}) satisfies Loose<BargaugeOptions>;
