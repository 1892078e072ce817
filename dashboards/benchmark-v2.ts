/**
 * benchmark_v2 key metrics: throughput, end-to-end latency, time to first
 * token and inter-token latency per config across commits (p50 and p95 of
 * each run's measurement iterations), GPU memory and utilisation from the
 * GPU monitor, and the latest commit against the baseline. Config dimensions
 * are multi-select variables with All. See docs/dashboards/benchmark-v2.md.
 */
import { dashboard, overrideByName, overrideByRegex, queryVariable, row, sql, sqlQuery, tablePanel, timeseriesPanel, urlLink, type PanelSpec, type QueryText, type VariableSpec } from 'dashcode';
import { metricsDb } from '../datasources/index.js';
import { VERDICT_THRESHOLDS } from './_benchmark-panels.js';
import { NOISE_PCT } from './_benchmark-variables.js';
import { UIDS } from './_uids.js';

export const output = 'benchmark-v2.json';

export const branch = queryVariable({
  name: 'branch',
  label: 'Branch',
  datasource: metricsDb,
  query: sql`SELECT r.branch FROM benchmark_v2_runs r WHERE r.branch IS NOT NULL GROUP BY r.branch ORDER BY (r.branch = 'main') DESC, max(r.created_at) DESC`,
});

/** A multi-select dimension with All; NULL (e.g. no SDPA backend, not compiled) is the option `none`. */
function dimension(name: string, label: string, column: QueryText<'sql'>): VariableSpec {
  return queryVariable({
    name,
    label,
    datasource: metricsDb,
    multi: true,
    includeAll: true,
    current: '$__all',
    query: sql`SELECT DISTINCT ${column} FROM benchmark_v2_runs r WHERE r.branch = ${branch} ORDER BY 1`,
  });
}

const columns = {
  model: sql`r.model_id`,
  attn: sql`r.attn_implementation`,
  sdpa: sql`coalesce(r.sdpa_backend, 'none')`,
  compile: sql`coalesce(r.compile_mode, 'none')`,
  batch: sql`r.batch_size::text`,
  seqlen: sql`r.sequence_length::text`,
  tokens: sql`r.num_tokens_to_generate::text`,
  gpu: sql`coalesce(r.gpu_name, 'unknown')`,
};

const model = dimension('model', 'Model', columns.model);
const attn = dimension('attn', 'Attention', columns.attn);
const sdpa = dimension('sdpa_backend', 'SDPA backend', columns.sdpa);
const compile = dimension('compile_mode', 'Compile mode', columns.compile);
const batch = dimension('batch_size', 'Batch size', columns.batch);
const seqlen = dimension('sequence_length', 'Sequence length', columns.seqlen);
const tokens = dimension('new_tokens', 'New tokens', columns.tokens);
const gpu = dimension('gpu', 'GPU', columns.gpu);

/** The runs every panel shows (alias `r` for benchmark_v2_runs). */
const selected = sql`r.success AND r.branch = ${branch} AND ${columns.model} IN (${model}) AND ${columns.attn} IN (${attn}) AND ${columns.sdpa} IN (${sdpa}) AND ${columns.compile} IN (${compile}) AND ${columns.batch} IN (${batch}) AND ${columns.seqlen} IN (${seqlen}) AND ${columns.tokens} IN (${tokens}) AND ${columns.gpu} IN (${gpu})`;

/** How a config is named in legends: model, attention (SDPA backend), compile mode, batch size. */
const configLabel = sql`split_part(r.model_id, '/', 2) || ' ' || r.attn_implementation || coalesce('/' || r.sdpa_backend, '') || ' ' || coalesce('compiled ' || r.compile_mode, 'eager') || ' b' || r.batch_size || ' s' || r.sequence_length || ' n' || r.num_tokens_to_generate`;

type Stat = 'tokens_per_second' | 'e2e_latency' | 'ttft' | 'itl';

/** p50 and p95 (over each run's iterations) per config, one point per run, across commits. */
function distribution(title: string, description: string, stat: Stat, unit: 's' | 'suffix: tok/s'): PanelSpec {
  const p50 = { tokens_per_second: sql`s.tokens_per_second_median`, e2e_latency: sql`s.e2e_latency_median`, ttft: sql`s.ttft_median`, itl: sql`s.itl_median` }[stat];
  const p95 = { tokens_per_second: sql`s.tokens_per_second_p95`, e2e_latency: sql`s.e2e_latency_p95`, ttft: sql`s.ttft_p95`, itl: sql`s.itl_p95` }[stat];
  return timeseriesPanel({
    title,
    description: `${description} One point per run (commit) and config: p50 solid, p95 dashed, over the run's measurement iterations.`,
    unit,
    min: 0,
    custom: { showPoints: 'always', pointSize: 5, lineWidth: 1 },
    overrides: [overrideByRegex('p95$', { custom: { lineStyle: { fill: 'dash', dash: [10, 10] } } })],
    w: 24,
    h: 11,
    options: { legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull', 'max'] }, tooltip: { mode: 'multi', sort: 'desc' } },
    queries: [
      sqlQuery({
        datasource: metricsDb,
        format: 'time_series',
        sql: sql`SELECT r.created_at AS time, ${configLabel} || ' p50' AS metric, ${p50} AS value FROM benchmark_v2_runs r JOIN benchmark_v2_stats s ON s.run_id = r.run_id WHERE ${selected} AND $__timeFilter(r.created_at) UNION ALL SELECT r.created_at, ${configLabel} || ' p95', ${p95} FROM benchmark_v2_runs r JOIN benchmark_v2_stats s ON s.run_id = r.run_id WHERE ${selected} AND $__timeFilter(r.created_at) ORDER BY 1`,
      }),
    ],
  });
}

function hardware(title: string, description: string, value: QueryText<'sql'>, unit: 'percent' | 'decgbytes'): PanelSpec {
  return timeseriesPanel({
    title,
    description,
    unit,
    min: 0,
    max: unit === 'percent' ? 100 : undefined,
    custom: { showPoints: 'always', pointSize: 5, lineWidth: 1 },
    w: 24,
    h: 9,
    options: { legend: { displayMode: 'table', placement: 'right', calcs: ['lastNotNull', 'max'] }, tooltip: { mode: 'multi', sort: 'desc' } },
    queries: [
      sqlQuery({
        datasource: metricsDb,
        format: 'time_series',
        sql: sql`SELECT r.created_at AS time, ${configLabel} AS metric, ${value} AS value FROM benchmark_v2_runs r JOIN benchmark_v2_gpu_samples g ON g.run_id = r.run_id WHERE ${selected} AND $__timeFilter(r.created_at) GROUP BY r.run_id ORDER BY 1`,
      }),
    ],
  });
}

const latest = tablePanel({
  title: 'Latest commit per config against the baseline',
  description: `Each selected config on the newest commit of the branch: median and p95 of its iterations, and the change of the median against the median of the previous 20 runs on main (positive = worse: slower, or fewer tokens/s). Red beyond +${NOISE_PCT} %, green beyond −${NOISE_PCT} %.`,
  w: 24,
  h: 10,
  overrides: [
    overrideByRegex('^(Median|p95)$', { decimals: 4 }),
    overrideByName('Worse by', { unit: 'percent', decimals: 1, thresholds: VERDICT_THRESHOLDS, custom: { cellOptions: { type: 'color-background' } } }),
  ],
  queries: [
    sqlQuery({
      datasource: metricsDb,
      sql: sql`SELECT left(c.commit_id, 7) AS "Commit", ${configLabel} AS "Config", c.measurement AS "Measurement", c.value AS "Median", CASE c.measurement WHEN 'e2e_latency' THEN s.e2e_latency_p95 WHEN 'ttft' THEN s.ttft_p95 WHEN 'itl' THEN s.itl_p95 ELSE s.tokens_per_second_p95 END AS "p95", c.baseline AS "Baseline", (CASE WHEN c.lower_is_better THEN 1 ELSE -1 END) * c.change_pct AS "Worse by", c.verdict AS "Verdict" FROM benchmark_changes(20, NULL, ${NOISE_PCT}) c JOIN benchmark_v2_runs r ON r.run_id::text = c.run_key JOIN benchmark_v2_stats s ON s.run_id = r.run_id WHERE c.source = 'v2' AND ${selected} AND r.commit_id = (SELECT r2.commit_id FROM benchmark_v2_runs r2 WHERE r2.branch = ${branch} ORDER BY r2.created_at DESC LIMIT 1) ORDER BY 7 DESC NULLS LAST, 2, 3`,
    }),
  ],
});

export default dashboard({
  uid: UIDS.benchmarkV2,
  title: 'Benchmark v2 key metrics',
  description: 'transformers benchmark_v2 results: throughput, end-to-end latency, TTFT and ITL per config across commits; GPU memory and utilisation.',
  tags: ['transformers', 'benchmarks', 'benchmark_v2'],
  time: { from: 'now-7d', to: 'now' },
  timezone: 'utc',
  graphTooltip: 'crosshair',
  variables: [branch, model, attn, sdpa, compile, batch, seqlen, tokens, gpu],
  links: [
    urlLink({ title: 'Transformers benchmarks', url: `/d/${UIDS.benchmarks}`, icon: 'dashboard', tooltip: 'v1 recorder measurements, trends and baselines' }),
    urlLink({ title: 'Compare two commits (A/B)', url: `/d/${UIDS.benchmarkCompare}`, icon: 'dashboard', tooltip: 'Both commits side by side, GPU curves aligned' }),
  ],
  panels: [
    latest,
    row({
      title: 'Throughput and latency per config across commits (p50 solid, p95 dashed)',
      panels: [
        distribution('Throughput', 'Generated tokens per second: batch size × new tokens / e2e latency.', 'tokens_per_second', 'suffix: tok/s'),
        distribution('End-to-end latency', 'Wall time of one generate call.', 'e2e_latency', 's'),
        distribution('Time to first token', 'Prefill: time until the first generated token.', 'ttft', 's'),
        distribution('Inter-token latency', 'Mean time between generated tokens.', 'itl', 's'),
      ],
    }),
    row({
      title: 'GPU memory and utilisation (GPU monitor)',
      panels: [
        hardware('Peak GPU memory per run', 'The largest memory used the GPU monitor sampled during the run (GB), per config across commits.', sql`max(g.gpu_memory_used_gb)`, 'decgbytes'),
        hardware('Mean GPU utilisation per run', 'GPU utilisation averaged over every monitor sample of the run, per config across commits.', sql`avg(g.gpu_utilization)`, 'percent'),
      ],
    }),
  ],
});
