import type { ReduceDataOptions, VizLegendOptions, VizTooltipOptions } from '@grafana/schema';
import type { Loose } from '../model/loose.js';
/**
 * Default objects shared in shape by several panel kinds. Factories, so each
 * panel kind gets its own; definePanel freezes that once and every panel of
 * the kind shares it (merging copies only what a panel overrides).
 */
export const legend = () => ({ calcs: [] as string[], displayMode: 'list', placement: 'bottom', showLegend: true }) satisfies Loose<VizLegendOptions>;
export const tooltip = () => ({ mode: 'single', sort: 'none' }) satisfies Loose<VizTooltipOptions>;
export const reduceOptions = () => ({ calcs: ['lastNotNull'], fields: '', values: false }) satisfies Loose<ReduceDataOptions>;
