/**
 * The backend half for Prometheus (pkg/promlib/models/query.go): the frontend keeps
 * `$__interval` & co. as text and the server computes the step and replaces them.
 *
 * step: minInterval = query "Min step" if set (and not itself a variable), else the
 * request's intervalMs, else the data source scrape interval, else 15s
 * (gtime.GetIntervalFrom); calculated = range / maxDataPoints (1500 if 0), raised to
 * minInterval or else rounded (intervalv2.Calculate + gtime.RoundInterval); never below
 * the "safe" interval range / 11000; times intervalFactor. With Min step
 * `$__rate_interval` the step is the rate interval of that.
 *
 * `$__rate_interval` = max(queryInterval + scrape, 4 * scrape) where queryInterval is the
 * request interval and scrape is the Min step (or the data source scrape interval,
 * default 15s); written with Go's Duration.String (`1m0s`, `2m15s`).
 */
import { formatGtimeInterval, goDurationString, parseIntervalString } from './go-time.js';
import { goRoundInterval } from './round-interval.js';
import type { TimeRange } from './types.js';

const SAFE_RESOLUTION = 11000;
const DEFAULT_RESOLUTION = 1500;

export interface PrometheusQueryContext {
  range: TimeRange;
  /** The frontend-computed interval sent with the query (`intervalMs` in the query JSON). */
  intervalMs: number;
  /**
   * DataQuery.Interval, which `$__rate_interval` adds to the scrape interval. Grafana's query
   * service derives it from the same `intervalMs`, so it defaults to that; Grafana's own
   * tests set them apart.
   */
  queryIntervalMs?: number;
  /** Panel max data points; 0 or absent means 1500. */
  maxDataPoints?: number;
  /** Data source `timeInterval` (scrape interval); empty means 15s. */
  scrapeInterval?: string;
  /** The query's "Min step" (`interval` in the query model), e.g. `30s` or `$__rate_interval`. */
  minStep?: string;
  /** Deprecated resolution divisor (`intervalFactor`); 0 or absent means 1. */
  intervalFactor?: number;
}

export interface PrometheusExpandResult {
  expr: string;
  /** The step Grafana sends as `step` on a range query. */
  stepMs: number;
  errors: string[];
}

const VARIABLE_INTERVALS = new Set([
  '$__interval',
  '$__interval_ms',
  '$__rate_interval',
  '$__rate_interval_ms',
  '${__interval}',
  '${__interval_ms}',
  '${__rate_interval}',
  '${__rate_interval_ms}',
]);

const isRateInterval = (s: string): boolean => s === '$__rate_interval' || s === '${__rate_interval}';

/** calculateRateInterval: the value Grafana puts in `$__rate_interval`, in milliseconds (0 if `scrape` does not parse). */
export function rateIntervalMs(queryIntervalMs: number, scrape: string): number {
  const scrapeMs = parseIntervalString(scrape === '' ? '15s' : scrape);
  if (scrapeMs === undefined) return 0;
  return Math.max(queryIntervalMs + scrapeMs, 4 * scrapeMs);
}

/** `$__rate_interval` text: max(interval + scrape, 4 * scrape) as a Go duration (`1m0s`). */
export function rateInterval(intervalMs: number, scrapeIntervalMs: number): string {
  return goDurationString(Math.max(intervalMs + scrapeIntervalMs, 4 * scrapeIntervalMs));
}

/** calculatePrometheusInterval: the query step in milliseconds. */
export function prometheusStep(ctx: PrometheusQueryContext): { stepMs: number; error?: string } {
  const scrape = ctx.scrapeInterval ?? '';
  const original = ctx.minStep ?? '';
  let queryInterval = VARIABLE_INTERVALS.has(original) ? '' : original;
  if (queryInterval === '0s') queryInterval = '';
  let minMs: number | undefined;
  if (queryInterval === '' && ctx.intervalMs !== 0) minMs = Math.trunc(ctx.intervalMs);
  else {
    const chosen = queryInterval || scrape;
    minMs = chosen === '' ? 15_000 : parseIntervalString(chosen);
    if (minMs === undefined) return { stepMs: 0, error: `invalid interval ${JSON.stringify(chosen)}` };
  }
  const spanMs = ctx.range.to.getTime() - ctx.range.from.getTime();
  const resolution = ctx.maxDataPoints || DEFAULT_RESOLUTION;
  // Go divides nanoseconds as integers; at millisecond inputs the truncation is below 1ns.
  const raw = Math.trunc((spanMs * 1e6) / resolution) / 1e6;
  const calculated = raw < minMs ? minMs : goRoundInterval(raw);
  const safe = goRoundInterval(Math.trunc((spanMs * 1e6) / SAFE_RESOLUTION) / 1e6);
  const adjusted = calculated > safe ? calculated : safe;
  if (isRateInterval(original)) return { stepMs: rateIntervalMs(adjusted, scrape) };
  return { stepMs: adjusted * (ctx.intervalFactor || 1) };
}

/**
 * Replaces Grafana's built-in Prometheus variables as the backend does: plain text
 * replacement of `$__x` and `${__x}` only (not `[[__x]]`, not `${__x:fmt}`), in Go's
 * order, so `$__interval_ms` is handled before `$__interval` and `$__intervalX`
 * becomes `<interval>X`.
 */
export function expandPrometheusBuiltins(expr: string, ctx: PrometheusQueryContext): PrometheusExpandResult {
  const errors: string[] = [];
  const { stepMs, error } = prometheusStep(ctx);
  if (error) errors.push(error);
  const rangeMs = ctx.range.to.getTime() - ctx.range.from.getTime();
  const rangeS = String(Math.round(rangeMs / 1000));
  let requested = ctx.minStep ?? '';
  let rateMs: number;
  if (isRateInterval(requested)) rateMs = stepMs;
  else {
    if (requested === '$__interval' || requested === '${__interval}') requested = goDurationString(stepMs);
    if (requested === '') requested = ctx.scrapeInterval ?? '';
    rateMs = rateIntervalMs(ctx.queryIntervalMs ?? ctx.intervalMs, requested);
  }
  const stepText = formatGtimeInterval(stepMs);
  const table: Array<[string, string]> = [
    ['__interval_ms', String(Math.trunc(stepMs))],
    ['__interval', stepText],
    ['__range_ms', String(Math.trunc(rangeMs))],
    ['__range_s', rangeS],
    ['__range', rangeS + 's'],
    ['__rate_interval_ms', String(Math.trunc(rateMs))],
    ['__rate_interval', goDurationString(rateMs)],
  ];
  let out = expr;
  for (const [name, value] of table) out = out.replaceAll('$' + name, value);
  for (const [name, value] of table) out = out.replaceAll('${' + name + '}', value);
  return { expr: out, stepMs, errors };
}
