import { definePanel } from '../panel.js';
import { defaultBarchartOptions, type BarchartFieldConfig, type BarchartOptions } from './options.js';

/** Bars per category (a string or time field on the x axis) and numeric values. */
export const barchartPanel = definePanel<BarchartOptions, BarchartFieldConfig>({ type: 'barchart', defaultOptions: defaultBarchartOptions });
