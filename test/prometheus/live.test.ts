/**
 * Against a real Prometheus holding the fixture. This file starts nothing; run
 *
 *   export "$(.ci/prometheus.sh start)"     # prints PROMETHEUS_URL=http://127.0.0.1:PORT
 *   npx vitest run test/prometheus
 *   .ci/prometheus.sh stop
 *
 * Without PROMETHEUS_URL these tests are skipped with a printed reason; under
 * CI=true that is a failure instead, because CI must exercise the real server.
 * Every query uses the fixture's window (late October 2026), never "now".
 */
import { describe, expect, it } from 'vitest';
import { PrometheusError, buildInfo, query, queryRange, ready } from '../../src/check/prometheus-client.js';
import { histogramQuantileCalls, parsePromQL } from '../../src/languages/promql/index.js';
import { COUNTERS, FIXTURE, GAUGES, HISTOGRAMS } from '../fixtures/prometheus/fixture.js';
import { PROMETHEUS_HOW, service } from '../support/services.js';
import { needShared } from '../support/shared.js';
import { referenceExprs } from './reference.js';

const url = service('PROMETHEUS_URL', PROMETHEUS_HOW);

const window = { start: FIXTURE.start, end: FIXTURE.end, step: 60 };

/** What Grafana would send for a 2 h panel over 15 s data: max(4 × scrape interval, interval + scrape). */
function expand(expr: string): string {
  return expr.replaceAll('$__rate_interval', '1m');
}

async function series(expr: string) {
  return (await queryRange(url ?? '', expr, window)).data.result;
}

function finiteValues(result: Awaited<ReturnType<typeof series>>): number[] {
  return result.flatMap((s) => s.values.map(([, v]) => Number(v))).filter(Number.isFinite);
}

describe.skipIf(!url)('a real Prometheus with the fixture', () => {
  const base = url ?? '';

  it('is ready and says which version it is', async () => {
    expect(await ready(base)).toBe(true);
    expect((await buildInfo(base)).version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.runIf(needShared)('answers every continuous-batching reference expression with data over the fixture window', async () => {
    const exprs = referenceExprs('continuous-batching-dashboard.json');
    expect(exprs.length).toBeGreaterThan(10);
    for (const { panel, expr } of exprs) {
      expect(parsePromQL(expr).ok, expr).toBe(true);
      const values = finiteValues(await series(expand(expr)));
      expect(values.length, `${panel}: ${expr}`).toBeGreaterThan(0);
    }
  });

  it('has every metric the generator exports, with job and instance', async () => {
    const names = [...GAUGES, ...COUNTERS, ...HISTOGRAMS.flatMap((h) => [`${h}_bucket`, `${h}_count`, `${h}_sum`])];
    for (const name of names) {
      const result = await series(name);
      expect(result.length, name).toBeGreaterThan(0);
      expect(result[0]?.metric, name).toMatchObject({ job: FIXTURE.job, instance: expect.stringMatching(/^worker-/) as unknown });
    }
  });

  it('gives plausible numbers', async () => {
    const p95 = finiteValues(await series('histogram_quantile(0.95, sum by(le) (rate(ttft_milliseconds_bucket[1m])))'));
    expect(Math.min(...p95)).toBeGreaterThan(0);
    expect(Math.max(...p95)).toBeLessThan(10_000);
    const fill = finiteValues(await series('histogram_quantile(0.5, sum by(le) (rate(batch_fill_percentage_percent_bucket[1m])))'));
    expect(Math.max(...fill)).toBeLessThanOrEqual(100);
  });

  it('returns nothing for a wrong metric name', async () => {
    expect(await series('rate(decode_tokens_processed[1m])')).toEqual([]); // family name, not the sample name
    expect(await series('ttft_milliseconds')).toEqual([]); // histograms are only their _bucket/_sum/_count series
  });

  it.runIf(needShared)("returns nothing for the kv-cache dashboard's transformers_-prefixed names", async () => {
    for (const { expr } of referenceExprs('kv-cache-dashboard.json')) {
      expect(await series(expand(expr)), expr).toEqual([]);
    }
  });

  it('returns nothing when le is aggregated away, as histogramQuantileCalls predicts', async () => {
    const expr = 'histogram_quantile(0.95, sum(rate(ttft_milliseconds_bucket[1m])))';
    expect(histogramQuantileCalls(expr)[0]?.keepsLe).toBe(false);
    expect(finiteValues(await series(expr))).toEqual([]);
  });

  it('has nothing outside the fixture window', async () => {
    const now = Date.now() / 1000;
    expect((await queryRange(base, 'kv_cache_memory_bytes', { start: now - 3600, end: now, step: 60 })).data.result).toEqual([]);
    const at = await query(base, 'kv_cache_memory_bytes', { time: FIXTURE.end });
    expect(at.data).toMatchObject({ resultType: 'vector', result: [{}, {}] });
  });

  it("reports Prometheus' own parse error", async () => {
    const err = await queryRange(base, 'rate(x[5m]', window).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PrometheusError);
    expect(err).toMatchObject({ kind: 'prometheus', status: 400, errorType: 'bad_data' });
  });
});
