// Expected values from pkg/promlib/models/query_test.go (TestParse, TestRateInterval),
// packages/grafana-data/src/datetime/rangeutil.test.ts (roundInterval) and
// grafana-plugin-sdk-go backend/gtime/gtime_test.go (FormatInterval, RoundInterval).
import { describe, expect, it } from 'vitest';
import {
  calculateInterval,
  expandPrometheusBuiltins,
  formatGtimeInterval,
  goDurationString,
  rateInterval,
  roundInterval,
  type PrometheusQueryContext,
} from '../../src/check/interpolate/index.js';
import { goRoundInterval } from '../../src/check/interpolate/round-interval.js';

const now = new Date(Date.UTC(2024, 0, 1));
const hours = (h: number) => ({ from: now, to: new Date(now.getTime() + h * 3_600_000) });
const MIN = 60_000;

describe('step (calculatePrometheusInterval)', () => {
  const step = (ctx: PrometheusQueryContext) => expandPrometheusBuiltins('', ctx).stepMs;
  it('TestParse cases', () => {
    // intervalMs absent from the query JSON (0), DataQuery.Interval 1m, scrape 15s.
    const base = { intervalMs: 0, queryIntervalMs: MIN, scrapeInterval: '15s' };
    expect(step({ ...base, range: hours(12) })).toBe(30_000);
    expect(step({ ...base, range: hours(1) })).toBe(15_000);
    expect(step({ ...base, range: hours(48), intervalFactor: 10 })).toBe(20 * MIN);
    expect(step({ ...base, range: hours(48) })).toBe(2 * MIN);
    expect(step({ ...base, range: hours(48), scrapeInterval: '240s' })).toBe(4 * MIN);
  });
});

describe('expandPrometheusBuiltins (TestParse)', () => {
  const q = (expr: string, ctx: Partial<PrometheusQueryContext> = {}) =>
    expandPrometheusBuiltins(expr, { range: hours(48), intervalMs: 60_000, queryIntervalMs: MIN, scrapeInterval: '15s', ...ctx }).expr;

  it('$__interval and $__interval_ms, both syntaxes', () => {
    expect(q('rate(ALERTS{job="test" [$__interval]})')).toBe('rate(ALERTS{job="test" [2m]})');
    expect(q('rate(ALERTS{job="test" [${__interval}]})', { minStep: '1m' })).toBe('rate(ALERTS{job="test" [2m]})');
    expect(q('rate(ALERTS{job="test" [$__interval_ms]}) + rate(ALERTS{job="test" [$__interval]})')).toBe(
      'rate(ALERTS{job="test" [120000]}) + rate(ALERTS{job="test" [2m]})',
    );
    expect(q('rate(ALERTS{job="test" [${__interval_ms}]}) + rate(ALERTS{job="test" [${__interval}]})')).toBe(
      'rate(ALERTS{job="test" [120000]}) + rate(ALERTS{job="test" [2m]})',
    );
  });

  it('$__range, $__range_s, $__range_ms', () => {
    const noMs = { intervalMs: 0 };
    expect(q('rate(ALERTS{job="test" [$__range]})', noMs)).toBe('rate(ALERTS{job="test" [172800s]})');
    expect(q('rate(ALERTS{job="test" [$__range_s]})', noMs)).toBe('rate(ALERTS{job="test" [172800]})');
    expect(q('rate(ALERTS{job="test" [${__range_s}s]})', noMs)).toBe('rate(ALERTS{job="test" [172800s]})');
    expect(q('rate(ALERTS{job="test" [$__range_ms]})', noMs)).toBe('rate(ALERTS{job="test" [172800000]})');
    const short = (ms: number) => ({ from: now, to: new Date(now.getTime() + ms) });
    expect(q('[$__range_s]', { ...noMs, range: short(40) })).toBe('[0]');
    expect(q('[$__range_s]', { ...noMs, range: short(800) })).toBe('[1]');
    expect(q('[$__range_ms]', { ...noMs, range: short(20) })).toBe('[20]');
  });

  it('$__rate_interval and $__rate_interval_ms', () => {
    expect(q('rate(ALERTS{job="test" [$__rate_interval]})', { range: { from: now, to: new Date(now.getTime() + 5 * MIN) }, intervalMs: 0, minStep: '5m' })).toBe(
      'rate(ALERTS{job="test" [20m0s]})',
    );
    const r = expandPrometheusBuiltins('rate(ALERTS{job="test" [$__rate_interval]})', {
      range: { from: now, to: new Date(now.getTime() + 5 * MIN) },
      intervalMs: 0,
      queryIntervalMs: MIN,
      scrapeInterval: '15s',
      minStep: '$__rate_interval',
    });
    expect(r).toEqual({ expr: 'rate(ALERTS{job="test" [1m0s]})', stepMs: MIN, errors: [] });
    const two = { intervalMs: 0, queryIntervalMs: 2 * MIN };
    expect(q('rate(ALERTS{job="test" [$__rate_interval_ms]}) + rate(ALERTS{job="test" [$__rate_interval]})', two)).toBe(
      'rate(ALERTS{job="test" [135000]}) + rate(ALERTS{job="test" [2m15s]})',
    );
    expect(q('rate(ALERTS{job="test" [${__rate_interval_ms}]}) + rate(ALERTS{job="test" [${__rate_interval}]})', two)).toBe(
      'rate(ALERTS{job="test" [135000]}) + rate(ALERTS{job="test" [2m15s]})',
    );
  });
});

describe('TestRateInterval (maxDataPoints 12384)', () => {
  it.each([
    ['intervalMs 100s, minStep 150s, scrape 30s', '150s', 100_000, '30s', 1, 'rate(rpc_durations_seconds_count[10m0s])', 150_000],
    ['intervalMs 120s, minStep 150s, scrape 30s', '150s', 120_000, '30s', 1, 'rate(rpc_durations_seconds_count[10m0s])', 150_000],
    ['intervalMs 120s, minStep 120s, scrape 30s', '120s', 120_000, '30s', 1, 'rate(rpc_durations_seconds_count[8m0s])', 120_000],
    ['auto, scrape 30s, 1 hour', '30s', 30_000, '30s', 1, 'rate(rpc_durations_seconds_count[2m0s])', 30_000],
    ['minStep $__rate_interval, scrape 30s, 1 hour', '$__rate_interval', 30_000, '30s', 1, 'rate(rpc_durations_seconds_count[2m0s])', 120_000],
    ['minStep $__rate_interval, scrape 30s, 2 days', '$__rate_interval', 120_000, '30s', 48, 'rate(rpc_durations_seconds_count[2m30s])', 150_000],
    ['minStep $__interval, scrape 15s, 2 days', '$__interval', 120_000, '15s', 48, 'rate(rpc_durations_seconds_count[8m0s])', 120_000],
  ] as const)('%s', (_name, minStep, intervalMs, scrape, h, expr, stepMs) => {
    const r = expandPrometheusBuiltins('rate(rpc_durations_seconds_count[$__rate_interval])', {
      range: hours(h),
      intervalMs,
      maxDataPoints: 12384,
      scrapeInterval: scrape,
      minStep,
    });
    expect(r).toEqual({ expr, stepMs, errors: [] });
  });

  it('real requests: auto min step', () => {
    const a = expandPrometheusBuiltins('sum(rate(process_cpu_seconds_total[$__rate_interval]))', { range: hours(1), intervalMs: 30_000, maxDataPoints: 1613, scrapeInterval: '30s', minStep: '' });
    expect(a).toEqual({ expr: 'sum(rate(process_cpu_seconds_total[2m0s]))', stepMs: 30_000, errors: [] });
    const b = expandPrometheusBuiltins('sum(rate(cache_requests_total[$__rate_interval]))', { range: { from: now, to: new Date(now.getTime() + 5 * MIN) }, intervalMs: 15_000, maxDataPoints: 1055, scrapeInterval: '15s', minStep: '' });
    expect(b).toEqual({ expr: 'sum(rate(cache_requests_total[1m0s]))', stepMs: 15_000, errors: [] });
  });
});

describe('rateInterval', () => {
  it('max(interval + scrape, 4 * scrape) as a Go duration', () => {
    expect(rateInterval(15_000, 15_000)).toBe('1m0s');
    expect(rateInterval(120_000, 15_000)).toBe('2m15s');
    expect(rateInterval(100_000, 150_000)).toBe('10m0s');
    expect(rateInterval(3_600_000, 60_000)).toBe('1h1m0s');
  });

  it('Go Duration.String forms', () => {
    expect([0, 0.5, 1.5, 500, 1500, 60_000, 3_600_000, 5_400_500].map(goDurationString)).toEqual([
      '0s',
      '500µs',
      '1.5ms',
      '500ms',
      '1.5s',
      '1m0s',
      '1h0m0s',
      '1h30m0.5s',
    ]);
  });
});

describe('frontend calculateInterval (rangeutil.ts)', () => {
  it('roundInterval table (rangeutil.test.ts)', () => {
    const cases: Array<[number, number]> = [
      [9, 1], [34, 20], [74, 50], [149, 100], [349, 200], [749, 500], [1499, 1000], [3499, 2000], [7499, 5000],
      [12499, 10000], [17499, 15000], [24999, 20000], [44999, 30000], [89999, 60000], [209999, 120000],
      [449999, 300000], [749999, 600000], [1049999, 900000], [1499999, 1200000], [2699999, 1800000],
      [5399999, 3600000], [8999999, 7200000], [16199999, 10800000], [32399999, 21600000], [86399999, 43200000],
      [604799999, 86400000], [1814399999, 604800000], [3628799999, 2592000000], [3628800000, 31536000000],
    ];
    for (const [input, out] of cases) expect(roundInterval(input)).toBe(out);
  });

  it('interval for a range, data points and lower limit', () => {
    expect(calculateInterval(hours(1), 1000)).toEqual({ interval: '5s', intervalMs: 5000 }); // 3.6s rounds to 5s
    expect(calculateInterval(hours(1), 1000, '15s')).toEqual({ interval: '15s', intervalMs: 15000 });
    expect(calculateInterval(hours(6), 1000)).toEqual({ interval: '20s', intervalMs: 20000 });
    expect(calculateInterval(hours(24 * 7), 500)).toEqual({ interval: '20m', intervalMs: 1200000 });
    expect(calculateInterval(hours(1), 100000)).toEqual({ interval: '50ms', intervalMs: 50 });
    expect(calculateInterval(hours(1), 1000, '1m')).toEqual({ interval: '1m', intervalMs: 60000 });
    expect(() => calculateInterval(hours(1), 1000, 'abc')).toThrow(/Invalid interval string/);
  });
});

describe('Go gtime helpers (gtime_test.go)', () => {
  it('FormatInterval', () => {
    expect(formatGtimeInterval(61_000)).toBe('1m');
    expect(formatGtimeInterval(30)).toBe('30ms');
    expect(formatGtimeInterval(23 * 3_600_000)).toBe('23h');
    expect(formatGtimeInterval(24 * 3_600_000)).toBe('1d');
    expect(formatGtimeInterval(367 * 86_400_000)).toBe('1y');
  });

  it('RoundInterval (backend table differs: <= bounds, 24h for up to a week)', () => {
    const cases: Array<[number, number]> = [
      [9, 1], [14, 10], [34, 20], [74, 50], [140, 100], [320, 200], [740, 500], [1400, 1000], [3200, 2000],
      [7400, 5000], [12400, 10000], [17250, 15000], [23000, 20000], [42000, 30000], [85000, 60000],
      [200000, 120000], [420000, 300000], [720000, 600000], [1000000, 900000], [1250000, 1200000],
      [2500000, 1800000], [5200000, 3600000], [8500000, 7200000], [15000000, 10800000], [30000000, 21600000],
      [85000000, 43200000], [150000000, 86400000], [600000000, 86400000], [1500000000, 604800000],
      [3500000000, 2592000000], [40000000000, 31536000000],
    ];
    for (const [input, out] of cases) expect(goRoundInterval(input)).toBe(out);
  });
});
