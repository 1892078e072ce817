/**
 * What the page's script needs to draw a chart with uPlot. Plain JSON: the
 * page embeds these and the browser turns each into a uPlot instance.
 * Also read by the browser code (src/preview/browser), so it imports nothing.
 */

/** A region on the chart's x scale (epoch seconds, or a bar chart's category index), shaded (alert-marks.ts). */
export interface AlertRegion {
  from: number;
  to: number;
  color: string;
}

export interface ChartSeries {
  name: string;
  color: string;
  lineWidth: number;
  /** 0..1 */
  fillOpacity: number;
  /** Stacking group when stacking.mode is normal. */
  stack?: string;
}

export interface TimeChartSpec {
  kind: 'time';
  id: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  /** The dashboard's range, epoch seconds: the x axis spans it like Grafana's. */
  from: number;
  to: number;
  drawStyle: 'line' | 'bars' | 'points';
  showPoints: 'auto' | 'always' | 'never';
  /** One [x (epoch s), y] table per series; the page aligns them with uPlot.join. */
  series: Array<ChartSeries & { x: number[]; y: Array<number | null> }>;
  /** Backtested alert rules' firing spans, shaded behind the series (alert-marks.ts). */
  alerts?: AlertRegion[];
}

export interface BarChartSpec {
  kind: 'bars';
  id: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  labels: string[];
  series: Array<ChartSeries & { values: Array<number | null> }>;
  /** Fraction of a group's width each bar takes (Grafana's barWidth). */
  barWidth: number;
  /** Fraction of a category's width the group takes (Grafana's groupWidth). */
  groupWidth: number;
  /** Degrees, Grafana's xTickLabelRotation. */
  rotation: number;
  showValue: 'auto' | 'always' | 'never';
  stacked: boolean;
  /** The bars a backtested alert rule fired on, shaded (alert-marks.ts). */
  alerts?: AlertRegion[];
}

export type ChartSpec = TimeChartSpec | BarChartSpec;
