import { describe, expect, it } from 'vitest';
import { histogramQuantileCalls, parseDuration, parsePromQL, walkPromQL, type PromQLSummary } from '../../src/languages/promql/index.js';
import { needShared } from '../support/shared.js';
import { referenceExprs } from './reference.js';

function walk(expr: string): PromQLSummary {
  const r = parsePromQL(expr);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return walkPromQL(r.tree, expr);
}

describe('walkPromQL', () => {
  const expr = 'histogram_quantile(0.95, sum by(le) (rate(ttft_milliseconds_bucket{job="a"}[$__rate_interval])))';

  it('lists function calls with their arguments, outermost first', () => {
    const { functionCalls } = walk(expr);
    expect(functionCalls.map((f) => [f.name, f.args.map((a) => a.kind)])).toEqual([
      ['histogram_quantile', ['NumberDurationLiteral', 'AggregateExpr']],
      ['rate', ['MatrixSelector']],
    ]);
    expect(functionCalls[1]?.args[0]?.text).toBe('ttft_milliseconds_bucket{job="a"}[$__rate_interval]');
  });

  it('lists range vectors with the duration as written and in milliseconds', () => {
    expect(walk(expr).ranges).toMatchObject([{ kind: 'range', range: '$__rate_interval', target: { text: 'ttft_milliseconds_bucket{job="a"}' } }]);
    expect(walk(expr).ranges[0]).not.toHaveProperty('rangeMs');
    expect(walk('max_over_time(rate(x[90s])[1h:5m])').ranges).toMatchObject([
      { kind: 'subquery', range: '1h', rangeMs: 3_600_000, step: '5m', target: { kind: 'FunctionCall' } },
      { kind: 'range', range: '90s', rangeMs: 90_000 },
    ]);
  });

  it('lists metric selectors with names and matchers, however the name is written', () => {
    expect(walk(expr).selectors).toMatchObject([{ name: 'ttft_milliseconds_bucket', matchers: [{ label: 'job', op: '=', value: 'a' }] }]);
    expect(walk('{"a.b", c!~"d\\\\d"}').selectors[0]).toMatchObject({ name: 'a.b', matchers: [{ label: 'c', op: '!~', value: 'd\\d' }] });
    expect(walk('{__name__="up"}').selectors[0]?.name).toBe('up');
    expect(walk('{job="x"}').selectors[0]).not.toHaveProperty('name');
    expect(walk('$metric').selectors[0]?.name).toBe('$metric');
  });

  it('lists aggregations with their grouping, before or after the body', () => {
    expect(walk(expr).aggregations).toMatchObject([{ op: 'sum', modifier: 'by', labels: ['le'] }]);
    expect(walk('SUM(x) WITHOUT (instance, job)').aggregations).toMatchObject([{ op: 'sum', modifier: 'without', labels: ['instance', 'job'] }]);
    expect(walk('topk(5, x)').aggregations[0]).toMatchObject({ op: 'topk', labels: [], args: [{ text: '5' }, { text: 'x' }] });
    expect(walk('avg(x)').aggregations[0]).not.toHaveProperty('modifier');
  });
});

describe('parseDuration', () => {
  it.each([
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1d', 86_400_000],
    ['30', 30_000],
    ['$__rate_interval', undefined],
    ['5x', undefined],
  ])('%s → %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('histogramQuantileCalls', () => {
  it.each([
    ['histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))', true],
    ['histogram_quantile(0.9, sum by (le, job) (rate(x_bucket[5m])))', true],
    ['histogram_quantile(0.9, sum without (job) (rate(x_bucket[5m])))', true],
    ['histogram_quantile(0.9, rate(x_bucket[5m]))', true],
    ['histogram_quantile(0.9, (sum by (le) (rate(x_bucket[5m]))))', true],
    ['histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])) * 2)', true],
    ['histogram_quantile(0.9, topk(3, rate(x_bucket[5m])))', true],
    ['histogram_quantile(0.9, label_replace(sum(x_bucket), "le", "1", "", ""))', true],
    ['histogram_quantile(0.9, sum(rate(x_bucket[5m])))', false],
    ['histogram_quantile(0.9, sum by (job) (rate(x_bucket[5m])))', false],
    ['histogram_quantile(0.9, sum without (le) (rate(x_bucket[5m])))', false],
    ['histogram_quantile(0.9, sum by (le) (rate(a_bucket[5m])) / ignoring(le) sum by (le) (rate(b_bucket[5m])))', false],
    ['histogram_quantile(0.9, a_bucket / on(job) group_left b)', undefined],
    ['histogram_quantile(0.9, absent(x_bucket))', undefined],
  ])('%s keeps le: %s', (expr, keepsLe) => {
    const [call] = histogramQuantileCalls(expr);
    expect(call?.keepsLe).toBe(keepsLe);
  });

  it('reports quantile, aggregation and metrics, with variables allowed', () => {
    const calls = histogramQuantileCalls('histogram_quantile($q, sum by (le) (rate(x_bucket[$__rate_interval]))) + histogram_quantile(0.5, sum(rate(y_bucket[5m])))');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ quantileText: '$q', aggregation: { op: 'sum', modifier: 'by', labels: ['le'] }, keepsLe: true, metrics: ['x_bucket'] });
    expect(calls[0]).not.toHaveProperty('quantile');
    expect(calls[1]).toMatchObject({ quantile: 0.5, keepsLe: false, metrics: ['y_bucket'] });
  });

  it('finds nothing in an expression that does not parse', () => {
    expect(histogramQuantileCalls('histogram_quantile(0.9, sum(rate(x[5m]))')).toEqual([]);
  });

  it.runIf(needShared)('every reference histogram panel keeps le', () => {
    const calls = referenceExprs('continuous-batching-dashboard.json').flatMap(({ expr }) => histogramQuantileCalls(expr));
    expect(calls).toHaveLength(9);
    for (const c of calls) expect(c).toMatchObject({ keepsLe: true, aggregation: { labels: ['le'] } });
    expect(calls.map((c) => c.quantile).sort()).toEqual([0.5, 0.5, 0.5, 0.95, 0.95, 0.95, 0.99, 0.99, 0.99]);
  });
});
