/**
 * Resample, as pkg/expr/mathexp/resample.go (Series.Resample): a regular grid
 * of `window` steps from the start to the end of the query range. Each step
 * takes the points not yet taken up to it (a bookmark walks the series once,
 * so the first step also takes any point before the range); one point is taken
 * as it is, several are reduced by the downsampler, and a step with none is
 * filled by the upsampler: pad (the last point taken), backfilling (the next
 * point) or fillna; with nothing to copy the step is null, as Grafana's nil.
 */
import { formatDuration } from '../duration.js';
import type { Downsampler, Upsampler } from '../model.js';
import { reduceVector } from './reduce.js';
import type { Point, SeriesValue } from './values.js';

/**
 * Grafana allocates every point of the result up front (NewSeries with
 * newSeriesLength+1), so a rule with a tiny window over a long range is broken
 * there too; here it would be a loop of billions of steps. Past this many
 * points per series the node is an error instead.
 */
export const MAX_RESAMPLED_POINTS = 1_000_000;

export function resampleSeries(s: SeriesValue, windowMs: number, from: number, to: number, down: Downsampler, up: Upsampler): SeriesValue {
  const length = Math.trunc((to - from) / windowMs);
  if (!(length > 0)) throw new Error('the series cannot be sampled further; the time range is shorter than the interval');
  if (length + 1 > MAX_RESAMPLED_POINTS) {
    throw new Error(
      `resampling to a ${formatDuration(windowMs)} window over ${formatDuration(to - from)} would make ${(length + 1).toLocaleString('en-US')} points per series; dashcode evaluates at most ${MAX_RESAMPLED_POINTS.toLocaleString('en-US')}`,
    );
  }
  // Grafana's series are in time order already; a series built by hand may not be.
  const pts = [...s.points].sort((a, b) => a[0] - b[0]);
  const out: Point[] = [];
  let bookmark = 0;
  let lastSeen: number | null = null;
  for (let idx = 0, t = from; t <= to && idx <= length; idx++, t += windowMs) {
    const taken: Array<number | null> = [];
    for (; bookmark < pts.length && pts[bookmark]![0] <= t; bookmark++) taken.push((lastSeen = pts[bookmark]![1]));
    let value: number | null;
    if (taken.length === 0) value = up === 'pad' ? lastSeen : up === 'backfilling' && bookmark < pts.length ? pts[bookmark]![1] : null;
    else if (taken.length === 1) value = taken[0]!;
    else value = reduceVector(taken, down);
    out.push([t, value]);
  }
  return { kind: 'series', labels: s.labels, points: out };
}
