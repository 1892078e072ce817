/**
 * KV cache: the smaller view of the continuous-batching generator, focused on
 * the PagedAttention cache. Replaces examples/metrics-monitoring/kv-cache-dashboard.json,
 * on the metric names Prometheus really has (no `transformers_` prefix).
 * See docs/dashboards/kv-cache.md.
 */
import { bargaugePanel, dashboard, gaugePanel, promql, promQuery, statPanel, timeseriesPanel } from 'dashcode';
import { prometheus } from '../datasources/index.js';
import { percentileQueries, servingDashboards, tracesInRange } from './_serving.js';
import { UIDS } from './_uids.js';

export const output = 'kv-cache-dashboard.json';

export default dashboard({
  uid: UIDS.kvCache,
  title: 'Transformers KV cache',
  description: 'PagedAttention KV cache usage of the continuous-batching generator, with the decode/prefill mix and time to first token.',
  tags: ['transformers', 'serving'],
  time: { from: 'now-5m', to: 'now' },
  refresh: '15s',
  graphTooltip: 'crosshair',
  links: [servingDashboards],
  panels: [
    gaugePanel({
      title: 'KV cache used',
      description: 'Share of the PagedAttention cache in use: used / (used + free).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: { steps: [{ color: 'green' }, { color: 'orange', value: 0.8 }, { color: 'red', value: 0.95 }] },
      queries: [promQuery({ datasource: prometheus, expr: promql`kv_cache_memory_bytes / (kv_cache_memory_bytes + kv_cache_free_memory_bytes)`, type: 'instant' })],
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
    statPanel({
      title: 'Decode/prefill ratio',
      description: 'Decode tokens per prefill token in the current batch. Not a percentage: it exceeds 1 when decoding dominates.',
      unit: 'none',
      decimals: 2,
      queries: [promQuery({ datasource: prometheus, expr: promql`decode_prefill_ratio` })],
    }),
    bargaugePanel({
      title: 'Time to first token',
      description: 'Time from request arrival to its first generated token over the time range, p50/p95/p99.',
      unit: 'ms',
      min: 0,
      links: [tracesInRange],
      queries: percentileQueries('ttft_milliseconds', 'range'),
    }),
  ],
});
