import { definePanel } from '../panel.js';
import { defaultStatOptions, type StatOptions } from './options.js';

/** One big number per series, reduced by `options.reduceOptions.calcs` (last non-null by default). */
export const statPanel = definePanel<StatOptions, Record<string, unknown>>({ type: 'stat', defaultOptions: defaultStatOptions });
