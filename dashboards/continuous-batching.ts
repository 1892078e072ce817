/**
 * Continuous batching: the live state of transformers' continuous-batching
 * generator (KV cache, request queue, token throughput, latency percentiles),
 * from the OpenTelemetry metrics Prometheus receives. Replaces
 * examples/metrics-monitoring/continuous-batching-dashboard.json.
 * See docs/dashboards/continuous-batching.md.
 */
import { dashboard, gaugePanel, promql, promQuery, statPanel, timeseriesPanel } from 'dashcode';
import { prometheus } from '../datasources/index.js';
import { percentileQueries, servingDashboards, tracesInRange, tracesSlowerThanValue } from './_serving.js';
import { UIDS } from './_uids.js';

export const output = 'continuous-batching-dashboard.json';

const TOKENS_PER_SECOND = 'suffix: tok/s';

export default dashboard({
  uid: UIDS.continuousBatching,
  title: 'Transformers continuous batching',
  description: 'KV cache, request queue, token throughput and latency percentiles of the continuous-batching generator.',
  tags: ['transformers', 'serving'],
  time: { from: 'now-15m', to: 'now' },
  refresh: '15s',
  graphTooltip: 'crosshair',
  links: [servingDashboards],
  panels: [
    gaugePanel({
      title: 'KV cache used',
      description: 'Share of the PagedAttention cache in use: used / (used + free).',
      w: 6,
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: { steps: [{ color: 'green' }, { color: 'orange', value: 0.8 }, { color: 'red', value: 0.95 }] },
      queries: [promQuery({ datasource: prometheus, expr: promql`kv_cache_memory_bytes / (kv_cache_memory_bytes + kv_cache_free_memory_bytes)`, type: 'instant' })],
    }),
    statPanel({
      title: 'Active requests',
      description: 'Requests being generated now.',
      w: 6,
      unit: 'short',
      queries: [promQuery({ datasource: prometheus, expr: promql`active_requests_count` })],
    }),
    statPanel({
      title: 'Waiting requests',
      description: 'Requests queued, not yet scheduled into a batch.',
      w: 6,
      unit: 'short',
      queries: [promQuery({ datasource: prometheus, expr: promql`waiting_requests_count` })],
    }),
    statPanel({
      title: 'Decode/prefill ratio',
      description: 'Decode tokens per prefill token in the current batch. Not a percentage: it exceeds 1 when decoding dominates.',
      w: 6,
      unit: 'none',
      decimals: 2,
      queries: [promQuery({ datasource: prometheus, expr: promql`decode_prefill_ratio` })],
    }),
    timeseriesPanel({
      title: 'Decode throughput',
      description: 'Tokens decoded per second.',
      unit: TOKENS_PER_SECOND,
      min: 0,
      queries: [promQuery({ datasource: prometheus, expr: promql`rate(decode_tokens_processed_total[$__rate_interval])`, legendFormat: 'decode' })],
    }),
    timeseriesPanel({
      title: 'Prefill throughput',
      description: 'Prompt tokens prefilled per second.',
      unit: TOKENS_PER_SECOND,
      min: 0,
      queries: [promQuery({ datasource: prometheus, expr: promql`rate(prefill_tokens_processed_total[$__rate_interval])`, legendFormat: 'prefill' })],
    }),
    timeseriesPanel({
      title: 'Batch fill percentiles',
      description: 'How full the batches are (share of the token budget used), p50/p95/p99.',
      unit: 'percent',
      min: 0,
      max: 100,
      queries: percentileQueries('batch_fill_percentage_percent'),
    }),
    timeseriesPanel({
      title: 'KV cache memory over time',
      description: 'Used and free PagedAttention cache memory, stacked: the top of the stack is the cache size.',
      unit: 'bytes',
      min: 0,
      custom: { stacking: { mode: 'normal', group: 'A' }, fillOpacity: 20 },
      queries: [
        promQuery({ datasource: prometheus, expr: promql`kv_cache_memory_bytes`, legendFormat: 'used' }),
        promQuery({ datasource: prometheus, expr: promql`kv_cache_free_memory_bytes`, legendFormat: 'free' }),
      ],
    }),
    timeseriesPanel({
      title: 'Time to first token percentiles',
      description: 'Time from request arrival to its first generated token, p50/p95/p99.',
      unit: 'ms',
      min: 0,
      links: [tracesInRange],
      queries: percentileQueries('ttft_milliseconds'),
    }),
    timeseriesPanel({
      title: 'Request latency percentiles',
      description: 'End-to-end request latency, p50/p95/p99. Click a point for the traces at least that slow.',
      unit: 'ms',
      min: 0,
      links: [tracesInRange],
      dataLinks: [tracesSlowerThanValue],
      queries: percentileQueries('request_latency_milliseconds'),
    }),
  ],
});
