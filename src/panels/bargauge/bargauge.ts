import { definePanel } from '../panel.js';
import { defaultBargaugeOptions, type BargaugeOptions } from './options.js';
import type { NoFieldCustom } from '../field-config.js';

/** One bar per series, reduced to one value each. */
export const bargaugePanel = definePanel<BargaugeOptions, NoFieldCustom>({ type: 'bargauge', defaultOptions: defaultBargaugeOptions });
