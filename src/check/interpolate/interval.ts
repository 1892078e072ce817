/**
 * The frontend's `$__interval`: Grafana computes it in the browser before a query is sent
 * (packages/grafana-data/src/datetime/rangeutil.ts calculateInterval / roundInterval /
 * intervalToMs / secondsToHms), with the panel's "Min interval" or, failing that, the
 * data source's `timeInterval` as the lower limit.
 */
import { roundInterval } from './round-interval.js';
import type { TimeRange } from './types.js';

const INTERVAL_RE = /^(-?\d+(?:\.\d+)?)(ms|[Mwdhmsy])/;
const SECONDS: Record<string, number> = { y: 31536000, M: 2592000, w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };

/**
 * rangeutil.intervalToMs. Faithful quirks: a unit-less number is seconds, the count goes
 * through parseInt (`1.5h` is one hour) and text after the unit is ignored.
 */
export function intervalToMs(str: string): number {
  if (Number(str)) return parseInt(str, 10) * 1000;
  const m = INTERVAL_RE.exec(str);
  const sec = m ? SECONDS[m[2] ?? ''] : undefined;
  if (!m || sec === undefined) {
    throw new Error(
      `Invalid interval string, has to be either unit-less or end with one of the following units: "${Object.keys(SECONDS).join(', ')}"`,
    );
  }
  return sec * 1000 * parseInt(m[1] ?? '', 10);
}


/** rangeutil.secondsToHms: the largest whole unit only (`90s` -> `1m`). */
export function secondsToHms(seconds: number): string {
  const years = Math.floor(seconds / 31536000);
  if (years) return years + 'y';
  const days = Math.floor((seconds % 31536000) / 86400);
  if (days) return days + 'd';
  const hours = Math.floor(((seconds % 31536000) % 86400) / 3600);
  if (hours) return hours + 'h';
  const minutes = Math.floor((((seconds % 31536000) % 86400) % 3600) / 60);
  if (minutes) return minutes + 'm';
  const secs = Math.floor((((seconds % 31536000) % 86400) % 3600) % 60);
  if (secs) return secs + 's';
  const ms = Math.floor(seconds * 1000.0);
  if (ms) return ms + 'ms';
  return 'less than a millisecond';
}

/**
 * rangeutil.calculateInterval(range, resolution, lowLimitInterval): `$__interval` and
 * `$__interval_ms` for a panel `maxDataPoints` wide. Throws, as Grafana does, on an
 * unparsable `minInterval`.
 */
export function calculateInterval(range: TimeRange, maxDataPoints: number, minInterval?: string): { interval: string; intervalMs: number } {
  const lowLimitMs = minInterval ? intervalToMs(minInterval) : 1;
  let intervalMs = roundInterval((range.to.getTime() - range.from.getTime()) / maxDataPoints);
  if (lowLimitMs > intervalMs) intervalMs = lowLimitMs;
  return { intervalMs, interval: secondsToHms(intervalMs / 1000) };
}
