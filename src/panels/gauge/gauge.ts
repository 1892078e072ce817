import { definePanel } from '../panel.js';
import { defaultGaugeOptions, type GaugeOptions } from './options.js';
import type { NoFieldCustom } from '../field-config.js';

/** A dial between `min` and `max`, coloured by thresholds. */
export const gaugePanel = definePanel<GaugeOptions, NoFieldCustom>({ type: 'gauge', defaultOptions: defaultGaugeOptions });
