/**
 * Stacking as Grafana's timeseries draws it (custom.stacking.mode normal):
 * each series of a group is drawn on top of the one before it in that group,
 * its values the running sum, with a band filled between the two.
 */
import type { UPlot } from './uplot-global.js';

/**
 * Adds each stacked series' values onto the previous series of its group, in
 * place (`data[0]` is the x values, series i is `data[i + 1]`), and returns the
 * bands to fill between them.
 */
export function stackSeries(series: ReadonlyArray<{ readonly stack?: string }>, data: Array<Array<number | null | undefined>>): UPlot.Band[] {
  // A Map: a group is named by the dashboard, and `constructor` or `__proto__` must not find Object.prototype's.
  const stacks = new Map<string, number>();
  const bands: UPlot.Band[] = [];
  series.forEach((s, i) => {
    if (!s.stack) return;
    const below = stacks.get(s.stack);
    if (below != null) {
      const under = data[below]!;
      data[i + 1] = data[i + 1]!.map((v, j) => (v === undefined ? undefined : (v || 0) + (under[j] || 0)));
      bands.push({ series: [i + 1, below] });
    }
    stacks.set(s.stack, i + 1);
  });
  return bands;
}
