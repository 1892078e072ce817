/**
 * Resample, after pkg/expr/mathexp/resample.go (Series.Resample): a regular
 * grid of `window` steps from the start to the end of the query range; each
 * step takes the points in (t - window, t] reduced by the downsampler, and a
 * step with no points is filled by the upsampler: pad (the last value before
 * it), backfilling (the next value after it) or fillna (NaN).
 */
import type { Downsampler, Upsampler } from '../model.js';
import { reduceVector } from './reduce.js';
import type { Point, SeriesValue } from './values.js';

export function resampleSeries(s: SeriesValue, windowMs: number, from: number, to: number, down: Downsampler, up: Upsampler): SeriesValue {
  const pts = [...s.points].sort((a, b) => a[0] - b[0]);
  const out: Point[] = [];
  for (let t = from; t <= to; t += windowMs) {
    const inWindow = pts.filter(([pt]) => pt > t - windowMs && pt <= t).map((p) => p[1]);
    if (inWindow.length > 0) {
      out.push([t, reduceVector(inWindow, down)]);
      continue;
    }
    if (up === 'pad') {
      const before = pts.filter(([pt]) => pt <= t).at(-1);
      out.push([t, before ? before[1] : NaN]);
    } else if (up === 'backfilling') {
      const after = pts.find(([pt]) => pt > t);
      out.push([t, after ? after[1] : NaN]);
    } else out.push([t, NaN]);
  }
  return { kind: 'series', labels: s.labels, points: out };
}
