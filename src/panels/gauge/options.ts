import type { Options } from '@grafana/schema/dist/esm/raw/composable/gauge/panelcfg/x/GaugePanelCfg_types.gen';
import { reduceOptions } from '../common-options.js';

export type GaugeOptions = Options;

export const defaultGaugeOptions = () => ({
  minVizHeight: 75,
  minVizWidth: 75,
  orientation: 'auto',
  reduceOptions: reduceOptions(),
  showThresholdLabels: false,
  showThresholdMarkers: true,
  sizing: 'auto',
});
