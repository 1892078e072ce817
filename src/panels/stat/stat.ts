import { definePanel } from '../panel.js';
import { defaultStatOptions, type StatOptions } from './options.js';
import type { NoFieldCustom } from '../field-config.js';

/** One big number per series, reduced by `options.reduceOptions.calcs` (last non-null by default). */
export const statPanel = definePanel<StatOptions, NoFieldCustom>({ type: 'stat', defaultOptions: defaultStatOptions });
