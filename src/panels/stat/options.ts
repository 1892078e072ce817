import type { Options } from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import { reduceOptions } from '../common-options.js';
import type { Loose } from '../../model/loose.js';

export type StatOptions = Options;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
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
}) satisfies Loose<StatOptions>;
