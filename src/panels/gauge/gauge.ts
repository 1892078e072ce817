import { definePanel } from '../panel.js';
import { defaultGaugeOptions, type GaugeOptions } from './options.js';

/** A dial between `min` and `max`, coloured by thresholds. */
export const gaugePanel = definePanel<GaugeOptions, Record<string, unknown>>({ type: 'gauge', defaultOptions: defaultGaugeOptions });
