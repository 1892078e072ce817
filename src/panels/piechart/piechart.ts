import { definePanel } from '../panel.js';
import { defaultPiechartOptions, type PiechartFieldConfig, type PiechartOptions } from './options.js';

/** Shares of a whole. */
export const piechartPanel = definePanel<PiechartOptions, PiechartFieldConfig>({ type: 'piechart', defaultOptions: defaultPiechartOptions });
