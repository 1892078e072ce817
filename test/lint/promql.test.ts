import { describe, expect, it } from 'vitest';
import { lintDashboard } from '../../src/lint/index.js';
import { codes, dashboard, lint, promPanel } from './support.js';

const check = (expr: string): string[] => codes(lint(dashboard([promPanel('Q', expr, { fieldConfig: { defaults: { unit: 'short' } } })])));

describe('PromQL rules', () => {
  it.each([
    'sum by (le) (rate(request_latency_milliseconds_bucket[$__rate_interval]))',
    'increase(decode_tokens_processed_total[$__range])',
    'rate(x_total[${__rate_interval}])',
    'histogram_quantile(0.99, sum by (le, job) (rate(x_bucket[$__rate_interval])))',
    'histogram_quantile(0.99, rate(x_bucket[$__rate_interval]))',
    'max_over_time(rate(x_total[$__rate_interval])[1h:])',
    'deriv(kv_cache_memory_bytes[5m])',
  ])('clean: %s', (expr) => {
    expect(check(expr)).toEqual([]);
  });

  it.each([
    ['irate(x_total[1m])', ['promql-rate-interval']],
    ['rate(x_total[$__interval])', ['promql-rate-interval']],
    ['increase(active_requests_count_now[$__rate_interval])', ['promql-rate-counter']],
    ['histogram_quantile(0.9, sum(rate(x_bucket[$__rate_interval])))', ['promql-histogram-le']],
    ['histogram_quantile(0.9, sum without (le) (rate(x_bucket[$__rate_interval])))', ['promql-histogram-le']],
    // A name without _bucket may be a native histogram (issue 14): only certain mistakes are reported.
    ['histogram_quantile(0.9, x_seconds)', []],
    ['histogram_quantile(0.9, x_seconds_sum)', ['promql-histogram-bucket']],
  ])('%s → %j', (expr, expected) => {
    expect(check(expr)).toEqual(expected);
  });

  it('names the aggregation that drops le', () => {
    const issues = lint(dashboard([promPanel('Q', 'histogram_quantile(0.9, sum by (job) (rate(x_bucket[$__rate_interval])))')]));
    expect(issues[0]?.message).toContain('"sum by (job) (rate(x_bucket[$__rate_interval]))", which drops the le label');
  });

  it('leaves queries of other datasources and unparsable queries alone', () => {
    const loki = promPanel('Logs', 'rate({job="x"}[5m])', { datasource: { type: 'loki', uid: 'loki' }, targets: [{ refId: 'A', expr: 'rate({job="x"}[5m])' }] });
    expect(codes(lintDashboard(dashboard([loki]), {}))).toEqual([]);
    expect(check('rate(x[5m]')).toEqual([]);
  });
});
