import { definePanel } from '../panel.js';
import { defaultBargaugeOptions, type BargaugeOptions } from './options.js';

/** One bar per series, reduced to one value each. */
export const bargaugePanel = definePanel<BargaugeOptions, Record<string, unknown>>({ type: 'bargauge', defaultOptions: defaultBargaugeOptions });
