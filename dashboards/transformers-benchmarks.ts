/**
 * Transformers benchmarks: the runs the benchmark MetricsRecorder stores in
 * the metrics database, compared commit by commit. Replaces the hand-written
 * benchmark/grafana_dashboard.json (same output file name, so provisioning
 * that mounts it keeps working). See docs/dashboards/transformers-benchmarks.md.
 */
import { dashboard, overrideByName, row, sql, sqlAnnotation, sqlQuery, tablePanel, urlLink, type LinkInput } from 'dashcode';
import { metricsDb } from '../datasources/index.js';
import { deviceTimeseries, measurementTrend, VERDICT_THRESHOLDS } from './_benchmark-panels.js';
import { benchmarkVariables, branch, changes, commit, model, repository, runLabel, selectedRuns } from './_benchmark-variables.js';
import { UIDS } from './_uids.js';

export const output = 'grafana_dashboard.json';

const UID = UIDS.benchmarks;

// `${runs_from}`/`${runs_to}` are hidden variables computed from the selected runs.
const zoomUrl = `/d/${UID}?from=\${runs_from}&to=\${runs_to}`;
const zoomPanelLink: LinkInput = { title: 'Zoom to selected runs', url: `${zoomUrl}&\${__all_variables}`, tooltip: 'Set the time range to span the selected runs' };
const alignedLink: LinkInput = { title: 'Overlay runs aligned to run start (A/B)', url: `/d/${UIDS.benchmarkCompare}?var-model=\${model}`, tooltip: 'Two commits\' device curves with x = seconds since each run started' };

const runsTable = tablePanel({
  title: 'Benchmark runs',
  description: 'The selected runs, newest first. Click a run time to zoom the device metrics to that run.',
  w: 24,
  h: 7,
  overrides: [
    overrideByName('from_ms', { custom: { hidden: true } }),
    overrideByName('to_ms', { custom: { hidden: true } }),
    overrideByName('Run time', {
      links: [{ title: 'Zoom to this run', url: `/d/${UID}?from=\${__data.fields.from_ms}&to=\${__data.fields.to_ms}&\${__all_variables}` }],
    }),
  ],
  queries: [
    sqlQuery({
      datasource: metricsDb,
      sql: sql`SELECT b.branch AS "Branch", b.commit_id AS "Commit", split_part(b.commit_message, chr(10), 1) AS "Commit message", b.metadata->>'model_name' AS "Model", b.metadata->>'gpu_name' AS "GPU", b.created_at AS "Run time", (extract(epoch FROM b.created_at) * 1000)::bigint - 5000 AS from_ms, (extract(epoch FROM coalesce((SELECT max(d.time) FROM device_measurements d WHERE d.benchmark_id = b.benchmark_id), b.created_at)) * 1000)::bigint + 5000 AS to_ms FROM benchmarks b WHERE ${selectedRuns} ORDER BY b.created_at DESC`,
    }),
  ],
});

// Every measurement of the selected commit against the baseline, worst first: the "is anything slower?" answer in one place.
const changeTable = tablePanel({
  title: 'Change against baseline',
  description: 'Every measurement of the newest run of the selected commit (by default the latest) for $model, against $baseline (the median of the previous $runs runs on main, or one commit). Change is positive when slower; the verdict is worse / better beyond the noise band, else same.',
  w: 24,
  h: 9,
  overrides: [
    overrideByName('Change', { unit: 'percent', decimals: 1, thresholds: VERDICT_THRESHOLDS, custom: { cellOptions: { type: 'color-text' } } }),
    overrideByName('Value', { unit: 's' }),
    overrideByName('Baseline', { unit: 's' }),
    overrideByName('Verdict', {
      custom: { cellOptions: { type: 'color-background' } },
      mappings: [{ type: 'value', options: { worse: { color: 'red', index: 0 }, better: { color: 'green', index: 1 }, same: { color: 'transparent', index: 2 } } }],
    }),
  ],
  queries: [
    sqlQuery({
      datasource: metricsDb,
      sql: sql`SELECT x.* FROM (SELECT DISTINCT ON (c.measurement) c.measurement AS "Measurement", left(c.commit_id, 7) AS "Commit", c.value AS "Value", c.baseline AS "Baseline", c.baseline_runs AS "Baseline runs", c.change_pct AS "Change", c.verdict AS "Verdict" FROM ${changes} c WHERE c.source = 'v1' AND c.repository = ${repository} AND c.branch = ${branch} AND c.model = ${model} AND c.commit_id IN (${commit}) ORDER BY c.measurement, c.created_at DESC) x ORDER BY x."Change" DESC NULLS LAST`,
    }),
  ],
  // Worst first, also when a person re-sorts and reloads.
  options: { sortBy: [{ displayName: 'Change', desc: true }] },
});

export default dashboard({
  uid: UID,
  title: 'Transformers benchmarks',
  description: 'Benchmark runs of transformers by repository, branch, commit and model: forward pass, generation and model load times, and device usage during the runs.',
  tags: ['transformers', 'benchmarks'],
  time: { from: 'now-7d', to: 'now' },
  timezone: 'utc',
  graphTooltip: 'crosshair',
  variables: benchmarkVariables,
  // Every run of the branch, selected or not, marked on the device timeseries: where the other runs are in time.
  annotations: [
    sqlAnnotation({
      name: 'Benchmark runs',
      datasource: metricsDb,
      sql: sql`SELECT b.created_at AS time, ${runLabel} || ' ' || coalesce(b.metadata->>'model_name', '') AS text, b.branch AS tags FROM benchmarks b WHERE b.repository = ${repository} AND b.branch = ${branch} AND $__timeFilter(b.created_at) ORDER BY b.created_at`,
    }),
  ],
  links: [
    urlLink({ title: 'Zoom to selected runs', url: zoomUrl, includeVars: true, icon: 'dashboard', tooltip: 'Set the time range to span the selected runs, for the device metrics' }),
    urlLink({ title: 'Compare two commits (A/B)', url: `/d/${UIDS.benchmarkCompare}?var-model=\${model}`, icon: 'dashboard', tooltip: 'Every measurement of two commits side by side, and their device curves aligned to run start' }),
    urlLink({ title: 'benchmark_v2 key metrics', url: `/d/${UIDS.benchmarkV2}`, icon: 'dashboard', tooltip: 'Throughput, latency, TTFT and ITL per config across commits' }),
  ],
  panels: [
    runsTable,
    changeTable,
    row({
      title: 'Forward pass',
      panels: [
        ...measurementTrend('First eager forward pass', 'First forward pass of the eager model, per run: includes warm-up.', [{ key: 'first_eager_forward_pass_time_secs', label: 'First forward pass' }]),
        ...measurementTrend('Second eager forward pass', 'Second forward pass of the eager model, per run: the warm number.', [{ key: 'second_eager_forward_pass_time_secs', label: 'Second forward pass' }]),
      ],
    }),
    row({
      title: 'Token generation',
      panels: [
        ...measurementTrend(
          'Time to first, second and third token',
          'Latency until each of the first three generated tokens, per run.',
          [
            { key: 'time_to_first_token_secs', label: 'First token' },
            { key: 'time_to_second_token_secs', label: 'Second token' },
            { key: 'time_to_third_token_secs', label: 'Third token' },
          ],
          { w: 12 },
        ),
        ...measurementTrend('Mean time to next token', 'Mean inter-token latency, per run.', [{ key: 'time_to_next_token_mean_secs', label: 'Mean time to next token' }], { w: 12 }),
        ...measurementTrend(
          'Eager generate',
          'Duration of the first and second eager `generate` call, per run.',
          [
            { key: 'first_eager_generate_time_secs', label: 'First generate' },
            { key: 'second_eager_generate_time_secs', label: 'Second generate' },
          ],
          { w: 12 },
        ),
      ],
    }),
    row({
      title: 'Compiled generation',
      panels: [
        ...measurementTrend('First compiled generate', 'First `generate` call of the torch.compile-d model, per run: includes compilation.', [{ key: 'first_compile_generate_time_secs', label: 'First compiled generate' }]),
        ...measurementTrend('Second compiled generate', 'Second compiled `generate` call, per run.', [{ key: 'second_compile_generate_time_secs', label: 'Second compiled generate' }]),
        ...measurementTrend('Third compiled generate', 'Third compiled `generate` call, per run.', [{ key: 'third_compile_generate_time_secs', label: 'Third compiled generate' }]),
        ...measurementTrend('Fourth compiled generate', 'Fourth compiled `generate` call, per run.', [{ key: 'fourth_compile_generate_time_secs', label: 'Fourth compiled generate' }]),
      ],
    }),
    row({
      title: 'Device metrics',
      panels: [
        // Raw timeline; the A/B dashboard overlays runs aligned to their start.
        deviceTimeseries('CPU utilization', 'CPU utilization sampled during the selected runs, one series per run.', 'cpu_util', { unit: 'percent', max: 100 }, [zoomPanelLink, alignedLink]),
        deviceTimeseries('GPU utilization', 'GPU utilization sampled during the selected runs, one series per run.', 'gpu_util', { unit: 'percent', max: 100 }, [zoomPanelLink, alignedLink]),
        deviceTimeseries('System memory', 'System memory in use during the selected runs.', 'mem_megabytes', { unit: 'decmbytes' }, [zoomPanelLink, alignedLink]),
        deviceTimeseries('GPU memory', 'GPU memory in use during the selected runs.', 'gpu_mem_megabytes', { unit: 'decmbytes' }, [zoomPanelLink, alignedLink]),
      ],
    }),
    row({
      title: 'Model load time',
      panels: measurementTrend('Model load time per run', 'Time to load the model, per run.', [{ key: 'model_load_time', label: 'Model load time' }], { w: 24, h: 9 }),
    }),
  ],
});
