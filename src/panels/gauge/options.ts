import type { Options } from '@grafana/schema/dist/esm/raw/composable/gauge/panelcfg/x/GaugePanelCfg_types.gen';
import { reduceOptions } from '../common-options.js';
import type { Loose } from '../../model/loose.js';

export type GaugeOptions = Options;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultGaugeOptions = () => ({
  minVizHeight: 75,
  minVizWidth: 75,
  orientation: 'auto',
  reduceOptions: reduceOptions(),
  showThresholdLabels: false,
  showThresholdMarkers: true,
  sizing: 'auto',
}) satisfies Loose<GaugeOptions>;
