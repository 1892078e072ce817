import type { FieldConfig, Options } from '@grafana/schema/dist/esm/raw/composable/heatmap/panelcfg/x/HeatmapPanelCfg_types.gen';
import type { Loose } from '../../model/loose.js';

export type HeatmapOptions = Options;
export type HeatmapFieldConfig = FieldConfig;

/** Grafana's defaults for a new panel of this kind; `satisfies` checks each key and value against `@grafana/schema`. */
export const defaultHeatmapOptions = () => ({
  calculate: false,
  cellGap: 1,
  color: { exponent: 0.5, fill: 'dark-orange', mode: 'scheme', reverse: false, scale: 'exponential', scheme: 'Oranges', steps: 64 },
  exemplars: { color: 'rgba(255,0,255,0.7)' },
  filterValues: { le: 1e-9 },
  legend: { show: true },
  rowsFrame: { layout: 'auto' },
  showValue: 'auto',
  tooltip: { mode: 'single', showColorScale: false, yHistogram: false },
  yAxis: { axisPlacement: 'left', reverse: false },
}) satisfies Loose<HeatmapOptions>;
