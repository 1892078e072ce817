import type { ReduceDataOptions, VizLegendOptions, VizTooltipOptions } from '@grafana/schema';
import type { Loose } from '../model/loose.js';
/**
 * Fresh default objects shared in shape by several panel kinds. Factories,
 * never constants: each panel gets its own copy.
 */
export const legend = () => ({ calcs: [] as string[], displayMode: 'list', placement: 'bottom', showLegend: true }) satisfies Loose<VizLegendOptions>;
export const tooltip = () => ({ mode: 'single', sort: 'none' }) satisfies Loose<VizTooltipOptions>;
export const reduceOptions = () => ({ calcs: ['lastNotNull'], fields: '', values: false }) satisfies Loose<ReduceDataOptions>;
