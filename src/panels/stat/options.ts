import type { Options } from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import { reduceOptions } from '../common-options.js';

export type StatOptions = Options;

export const defaultStatOptions = () => ({
  colorMode: 'value',
  graphMode: 'area',
  justifyMode: 'auto',
  orientation: 'auto',
  percentChangeColorMode: 'standard',
  reduceOptions: reduceOptions(),
  showPercentChange: false,
  textMode: 'auto',
  wideLayout: true,
});
