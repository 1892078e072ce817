/**
 * Every panel kind dashcode models, on the repo's own datasources. It is the
 * library's end-to-end example: it must compile, validate against Grafana's
 * published schemas and stay byte-identical across builds.
 */
import {
  bargaugePanel,
  barchartPanel,
  customVariable,
  dashboard,
  gaugePanel,
  heatmapPanel,
  histogramPanel,
  intervalVariable,
  overrideByName,
  overrideByRegex,
  piechartPanel,
  promql,
  promQuery,
  row,
  sql,
  sqlQuery,
  statPanel,
  tablePanel,
  tempoQuery,
  textboxVariable,
  textPanel,
  timeseriesPanel,
  traceql,
  tracesPanel,
  urlLink,
} from 'dashcode';
import { metricsDb, prometheus, tempo } from '../datasources/index.js';

const model = customVariable({ name: 'model', label: 'Model', values: ['meta-llama/Llama-3.2-1B', 'mistralai/Mistral-7B-v0.1'], multi: true, includeAll: true });
// A traces panel draws one trace: a trace-ID lookup, not a TraceQL search (which gives a table frame).
const traceId = textboxVariable({ name: 'trace_id', label: 'Trace ID', description: 'The trace the Trace panel draws.' });
const interval = intervalVariable({ name: 'interval', label: 'Interval', values: ['1m', '5m', '15m'], auto: { count: 30, min: '15s' } });

export default dashboard({
  uid: 'dashcode-panel-gallery',
  title: 'dashcode panel gallery',
  description: 'One panel of every kind dashcode builds, for reviewing the library output.',
  tags: ['dashcode', 'example'],
  time: { from: 'now-6h', to: 'now' },
  graphTooltip: 'crosshair',
  variables: [model, interval, traceId],
  links: [urlLink({ title: 'dashcode on GitHub', url: 'https://github.com/', targetBlank: true })],
  panels: [
    textPanel({ title: 'About', content: 'Every panel kind, built with **dashcode**.', w: 24, h: 3 }),
    row({
      title: 'Benchmarks (PostgreSQL)',
      panels: [
        tablePanel({
          title: 'Runs',
          queries: [sqlQuery({ datasource: metricsDb, sql: sql`SELECT branch, commit_id, created_at FROM benchmarks WHERE metadata->>'model_name' IN (${model}) ORDER BY created_at DESC LIMIT 20` })],
        }),
        barchartPanel({
          title: 'Model load time by commit',
          unit: 's',
          queries: [
            sqlQuery({
              datasource: metricsDb,
              sql: sql`SELECT left(b.commit_id, 7) AS commit, (m.measurements->>'model_load_time')::float AS load_time FROM benchmarks b JOIN model_measurements m USING (benchmark_id) WHERE b.metadata->>'model_name' IN (${model}) ORDER BY b.created_at`,
            }),
          ],
        }),
        timeseriesPanel({
          title: 'GPU utilisation',
          unit: 'percent',
          min: 0,
          max: 100,
          thresholds: { steps: [{ color: 'green' }, { color: 'red', value: 90 }] },
          overrides: [overrideByName('gpu_util', { displayName: 'GPU', color: 'blue' }), overrideByRegex('/cpu.*/', { custom: { lineWidth: 2 } })],
          options: { legend: { displayMode: 'table', placement: 'right', calcs: ['mean', 'max'] } },
          queries: [
            sqlQuery({
              datasource: metricsDb,
              format: 'time_series',
              sql: sql`SELECT $__timeGroupAlias(d.time, ${interval.as('raw')}), avg(d.gpu_util) AS gpu_util FROM device_measurements d WHERE $__timeFilter(d.time) GROUP BY 1 ORDER BY 1`,
            }),
          ],
        }),
        histogramPanel({
          title: 'Time to next token distribution',
          unit: 's',
          queries: [sqlQuery({ datasource: metricsDb, sql: sql`SELECT (measurements->>'time_to_next_token_mean_secs')::float AS ttnt FROM model_measurements` })],
        }),
        piechartPanel({
          title: 'Runs per branch',
          queries: [sqlQuery({ datasource: metricsDb, sql: sql`SELECT branch, count(*) AS runs FROM benchmarks GROUP BY branch` })],
          options: { reduceOptions: { values: true, calcs: [] }, pieType: 'donut' },
        }),
      ],
    }),
    row({
      title: 'Serving (Prometheus)',
      panels: [
        statPanel({ title: 'Active requests', unit: 'short', w: 6, queries: [promQuery({ datasource: prometheus, expr: promql`sum(active_requests_count)`, type: 'instant' })] }),
        gaugePanel({
          title: 'KV cache used',
          unit: 'percentunit',
          min: 0,
          max: 1,
          w: 6,
          thresholds: { steps: [{ color: 'green' }, { color: 'orange', value: 0.8 }, { color: 'red', value: 0.95 }] },
          queries: [promQuery({ datasource: prometheus, expr: promql`sum(kv_cache_memory_bytes) / (sum(kv_cache_memory_bytes) + sum(kv_cache_free_memory_bytes))`, type: 'instant' })],
        }),
        bargaugePanel({
          title: 'Time to first token',
          unit: 'ms',
          w: 12,
          queries: ['0.5', '0.95', '0.99'].map((q) =>
            promQuery({ datasource: prometheus, expr: promql`histogram_quantile(${Number(q)}, sum by (le) (rate(ttft_milliseconds_bucket[$__rate_interval])))`, legendFormat: `p${Number(q) * 100}`, type: 'instant' }),
          ),
        }),
        heatmapPanel({
          title: 'Request latency buckets',
          queries: [promQuery({ datasource: prometheus, expr: promql`sum by (le) (rate(request_latency_milliseconds_bucket[$__rate_interval]))`, format: 'heatmap', legendFormat: '{{le}}' })],
          options: { yAxis: { unit: 'ms' } },
        }),
      ],
    }),
    row({
      title: 'Traces (Tempo)',
      collapsed: true,
      panels: [
        tablePanel({ title: 'Slow generations', queries: [tempoQuery({ datasource: tempo, query: traceql`{ name = "generate" && duration > 1s }`, limit: 20 })] }),
        tracesPanel({ title: 'Trace', queries: [tempoQuery({ datasource: tempo, type: 'traceId', query: traceql`${traceId}` })] }),
      ],
    }),
  ],
});
