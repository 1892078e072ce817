import type { Options } from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import { reduceOptions } from '../common-options.js';

export type BargaugeOptions = Options;

export const defaultBargaugeOptions = () => ({
  displayMode: 'gradient',
  legend: { calcs: [] as string[], displayMode: 'list', placement: 'bottom', showLegend: false },
  maxVizHeight: 300,
  minVizHeight: 16,
  minVizWidth: 8,
  namePlacement: 'auto',
  orientation: 'horizontal',
  reduceOptions: reduceOptions(),
  showUnfilled: true,
  sizing: 'auto',
  valueMode: 'color',
});
