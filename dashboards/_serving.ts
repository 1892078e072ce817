/**
 * Shared pieces of the live-serving dashboards (continuous batching, KV
 * cache): the Prometheus metric names the continuous-batching generator
 * exports, percentile queries over its histograms, and links to the traces
 * dashboard. The names are the reference README's, without the `transformers_`
 * prefix the original KV cache dashboard used (no such series exist).
 */
import { dashboardsLink, metricName, promql, promQuery, type LinkInput, type QuerySpec } from 'dashcode';
import { prometheus } from '../datasources/index.js';
import { UIDS } from './_uids.js';

export type Histogram = 'ttft_milliseconds' | 'request_latency_milliseconds' | 'batch_fill_percentage_percent';

export const PERCENTILES = [0.5, 0.95, 0.99] as const;

/**
 * p50/p95/p99 of a histogram, aggregated over every series (`sum by (le)`),
 * legends `p50`… `over: 'time'` gives lines (range queries over
 * `$__rate_interval`); `over: 'range'` gives one value per percentile for the
 * whole visible range (instant queries over `$__range`), for bar gauges.
 */
export function percentileQueries(histogram: Histogram, over: 'time' | 'range' = 'time'): QuerySpec[] {
  const bucket = metricName(`${histogram}_bucket`);
  const window = over === 'time' ? promql`$__rate_interval` : promql`$__range`;
  return PERCENTILES.map((q) =>
    promQuery({
      datasource: prometheus,
      expr: promql`histogram_quantile(${q}, sum by (le) (rate(${bucket}[${window}])))`,
      legendFormat: `p${Math.round(q * 100)}`,
      type: over === 'time' ? 'range' : 'instant',
    }),
  );
}

/** Panel link: the traces dashboard over the same time range. */
export const tracesInRange: LinkInput = {
  title: 'Generation traces in this time range',
  url: `/d/${UIDS.traces}?\${__url_time_range}`,
  tooltip: 'Open the generation traces of this time range',
};

/** Data link on a latency value (ms): the traces at least that slow, over the same time range. */
export const tracesSlowerThanValue: LinkInput = {
  title: 'Traces slower than ${__value.text}',
  url: `/d/${UIDS.traces}?\${__url_time_range}&var-min_duration=\${__value.raw}ms`,
};

/** Dashboard link to every transformers serving dashboard, keeping the time range. */
export const servingDashboards = dashboardsLink({ title: 'Transformers serving', tags: ['transformers', 'serving'], keepTime: true, asDropdown: true });
