/**
 * Benchmark A/B: two commits side by side. Every measurement (v1 recorder
 * keys and benchmark_v2 medians) with the ratio B / A, and the device curves
 * of both runs aligned to their start. See docs/dashboards/benchmark-compare.md.
 *
 * Alignment: the dashboard's time range is fixed at the Unix epoch
 * (1970-01-01T00:00:00Z plus 10 s) and every sample is plotted at
 * `'1970-01-01' + (sample time − run start)`, so the time axis reads as
 * seconds since each run started (00:00:05 = 5 s) and the runs overlay one
 * another whatever day they ran. Grafana's timeseries panel only draws inside
 * the time range and a panel's relative time (`timeFrom`) is always relative
 * to now, so the fixed range belongs to the dashboard; zoom out with the
 * time picker for longer runs.
 */
import { barchartPanel, dashboard, overrideByName, overrideByRegex, queryVariable, row, sql, sqlQuery, tablePanel, timeseriesPanel, urlLink, type PanelSpec, type QueryText } from 'dashcode';
import { metricsDb } from '../datasources/index.js';
import { VERDICT_THRESHOLDS } from './_benchmark-panels.js';
import { NOISE_PCT } from './_benchmark-variables.js';
import { UIDS } from './_uids.js';

export const output = 'benchmark-compare.json';

const commitText = sql`left(b.commit_id, 7) || ' ' || b.branch || ' ' || left(split_part(max(b.commit_message), chr(10), 1), 50)`;

// B defaults to the newest commit, A to the one before it: ORDER BY puts the newest last for A.
export const commitB = queryVariable({
  name: 'commit_b',
  label: 'Commit B',
  description: 'The commit under test; by default the newest benchmarked commit.',
  datasource: metricsDb,
  query: sql`SELECT b.commit_id AS __value, ${commitText} AS __text FROM benchmarks b GROUP BY b.commit_id, b.branch ORDER BY max(b.created_at) DESC`,
});

export const commitA = queryVariable({
  name: 'commit_a',
  label: 'Commit A',
  description: 'The reference commit; by default the one benchmarked before the newest.',
  datasource: metricsDb,
  query: sql`SELECT b.commit_id AS __value, ${commitText} AS __text FROM benchmarks b GROUP BY b.commit_id, b.branch ORDER BY max(b.created_at) = (SELECT max(created_at) FROM benchmarks), max(b.created_at) DESC`,
});

export const model = queryVariable({
  name: 'model',
  label: 'Model',
  datasource: metricsDb,
  query: sql`SELECT b.metadata->>'model_name' FROM benchmarks b WHERE b.commit_id IN (${commitA}, ${commitB}) AND b.metadata->>'model_name' IS NOT NULL GROUP BY 1 ORDER BY max(b.created_at) DESC`,
});

/** Both commits' values per (source, model, config, measurement): the mean when a commit ran more than once. */
const pairs = sql`(SELECT v.source, v.model, v.config, v.measurement, bool_and(v.lower_is_better) AS lower_is_better, avg(v.value) FILTER (WHERE v.commit_id = ${commitA}) AS a, avg(v.value) FILTER (WHERE v.commit_id = ${commitB}) AS b FROM benchmark_values v WHERE v.commit_id IN (${commitA}, ${commitB}) GROUP BY 1, 2, 3, 4)`;

/** Change B vs A in percent, positive = B is worse (slower, or lower throughput). */
const worseBy = sql`100 * (CASE WHEN p.lower_is_better THEN 1 ELSE -1 END) * (p.b - p.a) / nullif(p.a, 0)`;

const everyMeasurement = tablePanel({
  title: 'Every measurement, A and B',
  description: `Each v1 measurement (seconds) and each benchmark_v2 median (per config) of commit A and commit B, the ratio B / A and the change, positive when B is worse (slower, or fewer tokens/s). Red beyond +${NOISE_PCT} %, green beyond −${NOISE_PCT} %. Worst first.`,
  w: 24,
  h: 12,
  overrides: [
    overrideByName('B / A', { decimals: 3 }),
    overrideByName('B worse by', { unit: 'percent', decimals: 1, thresholds: VERDICT_THRESHOLDS, custom: { cellOptions: { type: 'color-background' } } }),
  ],
  queries: [
    sqlQuery({
      datasource: metricsDb,
      sql: sql`SELECT p.source AS "Source", p.model AS "Model", p.config AS "Config", p.measurement AS "Measurement", p.a AS "A", p.b AS "B", p.b / nullif(p.a, 0) AS "B / A", ${worseBy} AS "B worse by", CASE WHEN p.a IS NULL OR p.b IS NULL THEN 'only in one' WHEN ${worseBy} > ${NOISE_PCT} THEN 'worse' WHEN ${worseBy} < -${NOISE_PCT} THEN 'better' ELSE 'same' END AS "Verdict" FROM ${pairs} p ORDER BY ${worseBy} DESC NULLS LAST, 1, 2, 3, 4`,
    }),
  ],
});

const ratioBars = barchartPanel({
  title: 'B / A per measurement ($model, v1)',
  description: 'The ratio of B to A for each v1 measurement of the selected model: 1 is unchanged, above 1 B is slower.',
  w: 24,
  h: 9,
  min: 0,
  decimals: 2,
  unit: 'suffix:×',
  color: { mode: 'thresholds' },
  thresholds: { steps: [{ color: 'green' }, { color: 'text', value: 1 - NOISE_PCT / 100 }, { color: 'red', value: 1 + NOISE_PCT / 100 }] },
  options: { xField: 'measurement', xTickLabelRotation: -30, legend: { showLegend: false } },
  queries: [
    sqlQuery({
      datasource: metricsDb,
      sql: sql`SELECT p.measurement AS measurement, p.b / nullif(p.a, 0) AS "B / A" FROM ${pairs} p WHERE p.source = 'v1' AND p.model = ${model} ORDER BY p.measurement`,
    }),
  ],
});

/** Seconds since the run started, as a timestamp on 1970-01-01 (the dashboard's fixed range). */
function aligned(t: QueryText<'sql'>, start: QueryText<'sql'>): QueryText<'sql'> {
  return sql`(TIMESTAMP '1970-01-01 00:00:00' + (${t} - ${start}))`;
}

const side = sql`CASE WHEN b.commit_id = ${commitA} THEN 'A ' ELSE 'B ' END || left(b.commit_id, 7)`;

function alignedDevice(title: string, column: 'cpu_util' | 'gpu_util' | 'mem_megabytes' | 'gpu_mem_megabytes', unit: 'percent' | 'decmbytes'): PanelSpec {
  const value = { cpu_util: sql`d.cpu_util`, gpu_util: sql`d.gpu_util`, mem_megabytes: sql`d.mem_megabytes`, gpu_mem_megabytes: sql`d.gpu_mem_megabytes` }[column];
  const t = aligned(sql`d.time`, sql`b.created_at`);
  return timeseriesPanel({
    title,
    description: `${title} of the $model runs of commit A and commit B, x axis = time since each run started (mm:ss).`,
    unit,
    min: 0,
    max: unit === 'percent' ? 100 : undefined,
    overrides: [overrideByRegex('^A ', { color: 'blue' }), overrideByRegex('^B ', { color: 'orange' })],
    options: { legend: { displayMode: 'table', placement: 'bottom', calcs: ['mean', 'max'] }, tooltip: { mode: 'multi', sort: 'none' } },
    queries: [
      sqlQuery({
        datasource: metricsDb,
        format: 'time_series',
        // $__timeFilter takes a plain column (Grafana's macro argument ends at the first ")"), hence the subquery.
        sql: sql`SELECT x.time, x.metric, x.value FROM (SELECT ${t} AS time, ${side} AS metric, ${value} AS value FROM benchmarks b JOIN device_measurements d ON d.benchmark_id = b.benchmark_id WHERE b.commit_id IN (${commitA}, ${commitB}) AND b.metadata->>'model_name' = ${model}) x WHERE $__timeFilter(x.time) ORDER BY 1, 2`,
      }),
    ],
  });
}

function alignedGpuV2(title: string, column: 'gpu_utilization' | 'gpu_memory_used_gb', unit: 'percent' | 'decgbytes'): PanelSpec {
  const value = column === 'gpu_utilization' ? sql`g.gpu_utilization` : sql`g.gpu_memory_used_gb`;
  const t = aligned(sql`g.time`, sql`(SELECT min(f.time) FROM benchmark_v2_gpu_samples f WHERE f.run_id = r.run_id)`);
  return timeseriesPanel({
    title,
    description: `benchmark_v2 GPU monitor samples of every measurement iteration of each config (one burst per iteration), commits A and B, $model; x axis = time since the run's first sample.`,
    unit,
    min: 0,
    max: unit === 'percent' ? 100 : undefined,
    overrides: [overrideByRegex('^A ', { custom: { lineStyle: { fill: 'solid' } } }), overrideByRegex('^B ', { custom: { lineStyle: { fill: 'dash', dash: [10, 10] } } })],
    options: { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi', sort: 'none' } },
    queries: [
      sqlQuery({
        datasource: metricsDb,
        format: 'time_series',
        sql: sql`SELECT x.time, x.metric, x.value FROM (SELECT ${t} AS time, CASE WHEN r.commit_id = ${commitA} THEN 'A ' ELSE 'B ' END || r.attn_implementation || coalesce('/' || r.sdpa_backend, '') || ' ' || coalesce(r.compile_mode, 'not compiled') || ' b' || r.batch_size AS metric, ${value} AS value FROM benchmark_v2_runs r JOIN benchmark_v2_gpu_samples g ON g.run_id = r.run_id WHERE r.commit_id IN (${commitA}, ${commitB}) AND r.model_id = ${model}) x WHERE $__timeFilter(x.time) ORDER BY 1, 2`,
      }),
    ],
  });
}

export default dashboard({
  uid: UIDS.benchmarkCompare,
  title: 'Benchmark A/B comparison',
  description: 'Two commits side by side: every benchmark measurement with the ratio B / A, and device curves of both runs aligned to run start.',
  tags: ['transformers', 'benchmarks'],
  // The epoch: device curves are plotted at 1970-01-01 + (time since run start). See the module comment.
  time: { from: '1970-01-01T00:00:00.000Z', to: '1970-01-01T00:00:10.000Z' },
  timezone: 'utc',
  graphTooltip: 'crosshair',
  variables: [commitA, commitB, model],
  links: [urlLink({ title: 'Transformers benchmarks', url: `/d/${UIDS.benchmarks}`, icon: 'dashboard', tooltip: 'Trends of the branch, and the raw device timeline' })],
  panels: [
    everyMeasurement,
    ratioBars,
    row({
      title: 'Device curves aligned to run start (x = seconds since start)',
      panels: [
        alignedDevice('CPU utilization', 'cpu_util', 'percent'),
        alignedDevice('GPU utilization', 'gpu_util', 'percent'),
        alignedDevice('System memory', 'mem_megabytes', 'decmbytes'),
        alignedDevice('GPU memory', 'gpu_mem_megabytes', 'decmbytes'),
      ],
    }),
    row({
      title: 'benchmark_v2 GPU monitor, aligned to monitor start',
      panels: [alignedGpuV2('v2 GPU utilization', 'gpu_utilization', 'percent'), alignedGpuV2('v2 GPU memory used', 'gpu_memory_used_gb', 'decgbytes')],
    }),
  ],
});
